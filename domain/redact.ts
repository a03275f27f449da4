// The one masker of personal data in free text, for every surface the public or a partner reads
// (public view and list, Open311 JSON and XML, service request updates): e-mail addresses,
// Vietnamese phone numbers in the ways people write them, 9- and 12-digit identity card numbers,
// and the reporter's own name, with or without diacritics. Staff read the original text.
const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Between digits people put spaces, dots, dashes or brackets: "(+84) 903-111-222", "0903.111.222".
const gap = String.raw`[\s.\-–()]{0,2}`;
// A national prefix (+84, 84, (+84), 0, (028)) then 8 to 10 more digits: mobiles have 9 after the
// prefix, landlines 10. Never part of a longer run of digits, so a 12-digit ID is not cut short.
const phonePattern = new RegExp(
  String.raw`(?<![\p{N}+])(?<!\p{N}[.,])(?:\(\+84\)|\+?84|\(0\p{N}{1,3}\)|0)${gap}(?:\p{N}${gap}){7,9}\p{N}(?!\p{N})`,
  'gu',
);
// Identity cards: the 12-digit citizen ID (CCCD) and the old 9-digit card (CMND), optionally in groups of
// three; not the tail of a grouped amount ("1.500.000.000 đồng").
const idPattern = /(?<!\p{N}[.,]?)(?:\p{N}{3}[\s.]?){2}\p{N}{3}(?:[\s.]?\p{N}{3})?(?!\p{N})/gu;

const digitCount = (text: string) => text.replace(/\D/g, '').length;

function maskNumbers(text: string): string {
  return text
    .replace(phonePattern, (match) => (digitCount(match) >= 10 ? '[phone]' : match))
    .replace(idPattern, (match) => ([9, 12].includes(digitCount(match)) ? '[id]' : match));
}

/** A letter without its tone and vowel marks, lower case: 'Ệ' → 'e', 'Đ' → 'd'. One character in, one out. */
function fold(char: string): string {
  const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (base === 'đ') return 'd';
  return base.length === 1 ? base : char.toLowerCase().length === 1 ? char.toLowerCase() : char;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Masks the name wherever it appears, whatever the case, the spacing and the diacritics ("Le Thi Hoa"). */
function maskName(text: string, name: string): string {
  const chars = [...text];
  const folded = chars.map(fold);
  // Folding keeps one character per character, so a match in the folded text is a range of the original.
  const foldedText = folded.join('');
  const offsets: number[] = [];
  let at = 0;
  for (const piece of folded) {
    offsets.push(at);
    at += piece.length;
  }
  offsets.push(at);
  const words = [...name].map(fold).join('').split(/\s+/).filter(Boolean).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'gu');
  let out = '';
  let last = 0;
  for (const match of foldedText.matchAll(pattern)) {
    const start = offsets.indexOf(match.index);
    const end = offsets.indexOf(match.index + match[0].length);
    if (start < 0 || end < 0) continue;
    out += chars.slice(last, start).join('') + '[name]';
    last = end;
  }
  return out + chars.slice(last).join('');
}

/**
 * Free text as the public and partners may read it: contacts, identity numbers and the
 * reporter's own name replaced by [email], [phone], [id] and [name].
 */
export function maskPersonalData(text: string, reporterName: string | null = null): string {
  const masked = maskNumbers(text.normalize('NFC').replace(emailPattern, '[email]'));
  const name = reporterName?.normalize('NFC').trim();
  return name && [...name].length >= 2 ? maskName(masked, name) : masked;
}

/** The same for a text that may be missing. */
export const maskOptional = (text: string | null, reporterName: string | null): string | null =>
  text === null ? null : maskPersonalData(text, reporterName);
