// SMS text rules: every Vietnamese letter loses its diacritics, ASCII punctuation stays, the result
// is always GSM-7, and segment counting / splitting / fitting agree with the operator's limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitSms, smsInfo, splitSms, toSmsText } from '../../domain/smsText';

// 12 vowels × 6 tones, built from combining marks so the list does not depend on a typed table
const baseVowels: Array<[string, string]> = [
  ['a', ''],
  ['a', '\u0306'],
  ['a', '\u0302'],
  ['e', ''],
  ['e', '\u0302'],
  ['i', ''],
  ['o', ''],
  ['o', '\u0302'],
  ['o', '\u031B'],
  ['u', ''],
  ['u', '\u031B'],
  ['y', ''],
];
const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const vowelForms = baseVowels.flatMap(([letter, mark]) =>
  tones.flatMap((tone) =>
    [letter, letter.toUpperCase()].map((l) => ({ ascii: l, form: (l + mark + tone).normalize('NFC') })),
  ),
);
const marked = [...vowelForms.filter((v) => v.form !== v.ascii), { ascii: 'd', form: 'đ' }, { ascii: 'D', form: 'Đ' }];
const markedLetters = new Set(marked.map((v) => v.form));
const lowerTable = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';

describe('toSmsText', () => {
  it('when given each of the 132 marked vowels and đ/Đ (134 letters), then maps each to its plain letter', () => {
    expect(marked).toHaveLength(134);
    expect(marked.every((v) => v.form.length === 1)).toBe(true); // NFC composed every one
    expect(new Set(marked.filter((v) => v.form === v.form.toLowerCase()).map((v) => v.form))).toEqual(
      new Set(lowerTable),
    );
    for (const { form, ascii } of marked) expect(toSmsText(form), form).toBe(ascii);
  });

  it('when given a Vietnamese sentence, then strips diacritics and keeps the punctuation', () => {
    expect(toSmsText('Đường Nguyễn Huệ (P. Sài Gòn): ngập nước 30cm, cần xử lý gấp! #PA-2025-000123; 50% @UBND?')).toBe(
      'Duong Nguyen Hue (P. Sai Gon): ngap nuoc 30cm, can xu ly gap! #PA-2025-000123; 50% @UBND?',
    );
  });

  it('when given decomposed (NFD) text, then the result equals that of the composed text', () => {
    const text = 'Phản ánh về cây xanh đổ ở phường Bến Thành';
    expect(toSmsText(text.normalize('NFD'))).toBe(toSmsText(text));
    expect(toSmsText(text.normalize('NFD'))).toBe('Phan anh ve cay xanh do o phuong Ben Thanh');
  });

  it('when given typographic punctuation, then turns it into ASCII', () => {
    expect(toSmsText('“Khẩn” – hạn 17:00… ‘ok’')).toBe('"Khan" - han 17:00... \'ok\'');
  });

  it('when given printable ASCII, then keeps it unchanged except the backtick GSM-7 lacks', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    expect(toSmsText(ascii)).toBe(ascii.replace('`', "'"));
    expect(smsInfo(toSmsText(ascii)).encoding).toBe('GSM-7');
  });

  it('when asked to keep diacritics, then only normalises to NFC (and the text is UCS-2)', () => {
    const text = 'Đã tiếp nhận'.normalize('NFD');
    expect(toSmsText(text, { keepDiacritics: true })).toBe('Đã tiếp nhận'.normalize('NFC'));
    expect(smsInfo(toSmsText(text, { keepDiacritics: true })).encoding).toBe('UCS-2');
  });
});

describe('smsInfo and splitSms', () => {
  it('when GSM-7 text is up to 160 characters, then it is one part; 161 to 306 is two; 307 is three', () => {
    expect(smsInfo('a'.repeat(160))).toEqual({
      text: 'a'.repeat(160),
      encoding: 'GSM-7',
      segments: 1,
      characters: 160,
    });
    expect(smsInfo('a'.repeat(161)).segments).toBe(2);
    expect(smsInfo('a'.repeat(306)).segments).toBe(2);
    expect(smsInfo('a'.repeat(307)).segments).toBe(3);
  });

  it('when one letter keeps its tone mark, then the whole text is UCS-2: 70 per single part, 67 per part', () => {
    expect(smsInfo('ấ' + 'a'.repeat(69))).toMatchObject({ encoding: 'UCS-2', segments: 1, characters: 70 });
    expect(smsInfo('ấ' + 'a'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(splitSms('ấ' + 'a'.repeat(70)).map((p) => p.length)).toEqual([67, 4]);
  });

  it('when a GSM extension character is used, then it counts twice and is never split from its escape', () => {
    expect(smsInfo('{}').characters).toBe(4);
    const text = 'a'.repeat(152) + '{' + 'b'.repeat(10);
    expect(splitSms(text)).toEqual(['a'.repeat(152), '{' + 'b'.repeat(10)]);
  });

  it('when split, then the parts join back to the text and there are as many as segments', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 400 }), (text) => {
        const parts = splitSms(text);
        expect(parts.join('')).toBe(text);
        expect(parts).toHaveLength(smsInfo(text).segments);
      }),
    );
  });
});

describe('fitSms', () => {
  it('when the text fits, then returns it unchanged', () => {
    expect(fitSms('Ngan gon', 1)).toBe('Ngan gon');
  });

  it('when the text is too long, then cuts it at the longest prefix that fits with "..."', () => {
    const fitted = fitSms('x'.repeat(400), 2);
    expect(fitted).toBe('x'.repeat(303) + '...');
    expect(smsInfo(fitted).segments).toBe(2);
    expect(fitSms('x'.repeat(200), 1)).toBe('x'.repeat(157) + '...');
  });

  it('when a text is ASCII, then it is kept whole in one part exactly when the segmenter counts one part', () => {
    const gsmHeavy = fc.constantFrom('a', ' ', '\n', '{', '}', '[', ']', '~', '|', '^', '\\', '€', '`', 'é', '@', '$');
    fc.assert(
      fc.property(fc.string({ unit: gsmHeavy, maxLength: 170 }), (text) => {
        expect(fitSms(text, 1) === text).toBe(smsInfo(text).segments <= 1);
      }),
    );
  });

  it('when fitting any text, then the result fits and starts with a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.integer({ min: 1, max: 3 }), (text, max) => {
        const fitted = fitSms(text, max);
        expect(smsInfo(fitted).segments).toBeLessThanOrEqual(max);
        if (fitted !== text) expect(text.startsWith(fitted.slice(0, -3).trimEnd())).toBe(true);
      }),
    );
  });
});

describe('toSmsText properties', () => {
  const vietnameseChar = fc.constantFrom(
    ...vowelForms.map((v) => v.form),
    'đ',
    'Đ',
    'b',
    'c',
    'g',
    'h',
    'k',
    'n',
    'q',
    't',
    ' ',
    ',',
    '.',
    '!',
    '?',
  );
  const vietnameseText = fc.array(vietnameseChar, { maxLength: 300 }).map((chars) => chars.join(''));

  it('when given any Vietnamese text, then the result is GSM-7 and has no marked Vietnamese letter', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          vietnameseText,
          vietnameseText.map((t) => t.normalize('NFD')),
        ),
        (text) => {
          const sms = toSmsText(text);
          expect(smsInfo(sms).encoding).toBe('GSM-7');
          expect([...sms].filter((c) => markedLetters.has(c))).toEqual([]);
          expect(sms.length).toBe(text.normalize('NFC').length); // one letter for one letter
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when given any Unicode text at all, then the result is still GSM-7', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(smsInfo(toSmsText(text)).encoding).toBe('GSM-7');
      }),
      { numRuns: 300 },
    );
  });
});
