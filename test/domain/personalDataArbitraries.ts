// Generators of personal data as people write it in Vietnamese free text, shared by the masker's
// property test and the API test that checks every public surface: mobile and landline numbers
// in their written forms, e-mails, 9- and 12-digit identity numbers, and reporters' names with or
// without diacritics and in any case.
import { fc } from '@fast-check/vitest';

export interface PersonalItem {
  kind: 'phone' | 'email' | 'id' | 'name';
  /** as it appears in the text */
  written: string;
  /** what must not be readable afterwards: the digits, the address, or the name */
  secret: string;
  reporterName: string | null;
}

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((list) => list.join(''));

/** The subscriber part of a mobile number: a mobile prefix then 8 digits ("903111222"). */
const mobile = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(8)).map(([head, tail]) => head + tail);

const groups = (text: string, sizes: number[], separator: string) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) parts.push(text.slice(at, (at += size)));
  return parts.join(separator);
};

/** The ways a number is written: 0903111222, 0903.111.222, 0903 111 222, (+84) 903-111-222, 84 903 111 222 … */
const writtenMobile = fc
  .tuple(mobile, fc.integer({ min: 0, max: 7 }), fc.constantFrom(' ', '.', '-'))
  .map(([number, form, separator]) => {
    const forms = [
      `0${number}`,
      `0${groups(number, [3, 3, 3], separator)}`,
      `0${groups(number, [2, 3, 4], separator)}`,
      `+84${number}`,
      `+84 ${groups(number, [3, 3, 3], separator)}`,
      `(+84) ${groups(number, [3, 3, 3], '-')}`,
      `84 ${groups(number, [3, 3, 3], ' ')}`,
      `+84.${groups(number, [2, 3, 4], '.')}`,
    ];
    return { written: forms[form], secret: number };
  });

/** Landlines: an area code (028 for Ho Chi Minh City) and 8 digits. */
const writtenLandline = fc.tuple(digits(8), fc.boolean()).map(([number, bracketed]) => ({
  written: bracketed ? `(028) ${groups(number, [4, 4], ' ')}` : `028.${groups(number, [4, 4], '.')}`,
  secret: `28${number}`,
}));

const phone = fc.oneof(writtenMobile, writtenLandline).map((item) => ({ kind: 'phone' as const, ...item }));

const identity = fc.tuple(fc.constantFrom(9, 12), fc.boolean()).chain(([length, grouped]) =>
  digits(length).map((number) => ({
    kind: 'id' as const,
    written: grouped ? groups(number, length === 9 ? [3, 3, 3] : [3, 3, 3, 3], ' ') : number,
    secret: number,
  })),
);

const email = fc
  .tuple(
    fc.constantFrom('hoa', 'nguyen.van.tu', 'le_thi-hoa', 'an+pakn', 'tran99'),
    fc.constantFrom('gmail.com', 'yahoo.com.vn', 'hcm.gov.vn', 'vnpt.vn'),
  )
  .map(([local, domain]) => ({ kind: 'email' as const, written: `${local}@${domain}`, secret: `${local}@${domain}` }));

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const middle = ['Văn', 'Thị', 'Hữu', 'Ngọc', 'Minh', 'Thanh', 'Đức', 'Thúy'];
const given = ['Tư', 'Hoa', 'Bình', 'An', 'Dũng', 'Hương', 'Khải', 'Yến', 'Lộc', 'Nghĩa'];

/** Folds case and diacritics, the way a name may be typed ("LE THI HOA", "le thi hoa"). */
export const foldName = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ');

const name = fc
  .tuple(
    fc.constantFrom(...family),
    fc.constantFrom(...middle),
    fc.constantFrom(...given),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([a, b, c, form]) => {
    const full = `${a} ${b} ${c}`;
    const written = [full, full.toUpperCase(), foldName(full), full.normalize('NFD')][form];
    return { kind: 'name' as const, written, secret: full, reporterName: full };
  });

export const personalData: fc.Arbitrary<PersonalItem> = fc.oneof(
  phone.map((item) => ({ ...item, reporterName: null })),
  identity.map((item) => ({ ...item, reporterName: null })),
  email.map((item) => ({ ...item, reporterName: null })),
  name,
);

const openings = ['Tôi là', 'Liên hệ', 'Số điện thoại:', 'Gọi cho tôi qua', 'Nhà ông', 'Xin báo:', 'ĐT', 'Email'];
const closings = ['nhé.', 'để được hỗ trợ.', ', cảm ơn!', 'ở hẻm 12 Lê Lợi.', '— rác tồn đọng 3 ngày.', ''];

/** The item inside a sentence, with a little free noise that holds no digits. */
export function sentenceAround(written: string, noise: string): string {
  const calm = noise.replace(/[\p{N}@+]/gu, '');
  const seed = written.length + calm.length;
  return `${openings[seed % openings.length]} ${written} ${closings[seed % closings.length]} ${calm}`.trim();
}

export const digitsOf = (text: string) => text.replace(/\D/g, '');
