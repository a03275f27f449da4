// SMS text rules: brandname SMS goes out without diacritics, because one Vietnamese letter with a
// tone mark (or đ) turns the whole message into UCS-2 (70/67 characters a part instead of
// 160/153). Pure and free of Node built-ins: workflows import it too.
import anyAscii from 'any-ascii';
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsInfo {
  text: string;
  encoding: SmsEncoding;
  /** number of SMS parts the operator bills and the handset reassembles */
  segments: number;
  /** characters as counted by the encoding (a GSM extension character such as { counts 2) */
  characters: number;
}

/**
 * NFC-normalises, then (unless keepDiacritics) transliterates to ASCII with any-ascii
 * ("Đường Nguyễn Huệ" → "Duong Nguyen Hue", "–" → "-", "…" → "...") and replaces the few
 * ASCII characters GSM-7 lacks, so the result always encodes as GSM-7.
 */
export function toSmsText(text: string, opts: { keepDiacritics?: boolean } = {}): string {
  const nfc = text.normalize('NFC');
  if (opts.keepDiacritics) return nfc;
  return anyAscii(nfc)
    .replace(/`/g, "'") // the backtick is not in GSM 03.38
    .replace(/[\t\v\f]/g, ' ')
    .replace(/[\x00-\x09\x0b-\x0c\x0e-\x1f\x7f]/g, '');
}

/** Encoding, part count and length of a text as it would be sent. */
export function smsInfo(text: string): SmsInfo {
  const message = new SegmentedMessage(text);
  return {
    text,
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
  };
}

/**
 * The text of each SMS part (153 GSM-7 / 67 UCS-2 characters when concatenated), split exactly
 * where sms-segments-calculator counts, so never inside an escape pair or a surrogate pair.
 */
export function splitSms(text: string): string[] {
  const message = new SegmentedMessage(text);
  return message.segments.map((segment) =>
    Array.from(segment as ArrayLike<{ raw?: string }>)
      .map((char) => char.raw ?? '') // user-data-header placeholders have no raw text
      .join(''),
  );
}

/** Printable ASCII but the backtick, and line breaks: every one of them is in GSM-7. */
const gsmAscii = /^[\n\r\x20-\x5f\x61-\x7e]*$/;
/** The ASCII characters of GSM-7's extension table, which take two characters of a part each. */
const gsmExtensionAscii = /[\^{}\\[~\]|]/g;

/**
 * Whether a text surely fits in one part, without segmenting it: most texts are short ASCII (the
 * SMS after toSmsText), and segmenting is the costly part of rendering every notification.
 */
function fitsOnePart(text: string): boolean {
  if (text.length > 160 || !gsmAscii.test(text)) return false;
  return text.length + (text.match(gsmExtensionAscii)?.length ?? 0) <= 160;
}

/** Cuts the text (by whole characters) and appends "..." so that it fits in maxSegments parts. */
export function fitSms(text: string, maxSegments: number): string {
  if (!Number.isInteger(maxSegments) || maxSegments < 1) {
    throw new Error(`fitSms: maxSegments must be a positive integer, got ${maxSegments}`);
  }
  if (fitsOnePart(text) || smsInfo(text).segments <= maxSegments) return text;
  const chars = Array.from(text);
  const candidate = (length: number) => chars.slice(0, length).join('').trimEnd() + '...';
  // binary search for the longest prefix that still fits
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (smsInfo(candidate(mid)).segments <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return candidate(low);
}
