// Vietnamese mobile numbers: +84 or 0 followed by 9 digits, the first being a mobile prefix
// (3, 5, 7, 8, 9 since the 2018 renumbering). Stored and passed around as E.164. A pure rule:
// intake and the API check numbers with it, the SMS adapters format them.

const mobile = /^(?:\+84|0)([35789]\d{8})$/;

/** '0901 234 567', '+84.90.123.4567' → '+84901234567'; anything else → null. */
export function toE164Vietnam(raw: string): string | null {
  const compact = raw.trim().replace(/[\s.-]/g, '');
  const match = mobile.exec(compact);
  return match ? `+84${match[1]}` : null;
}

/** '+84901234567' → '0901234567', the form Vietnamese gateways expect. */
export function e164ToNational(e164: string): string {
  if (!e164.startsWith('+84')) throw new Error(`not a Vietnamese E.164 number: ${e164}`);
  return `0${e164.slice(3)}`;
}
