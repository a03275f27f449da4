// Masks contact details that people type into free text, before it is shown publicly.
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Vietnamese phone numbers written with spaces, dots or dashes: 0912 345 678, +84 912.345.678
const phonePattern = /(?:\+?84|0)(?:[\s.-]?\d){8,10}/g;

export function maskContacts(text: string): string {
  return text.replace(emailPattern, '[email]').replace(phonePattern, '[phone]');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * For public display: contact details masked, and the reporter's own name wherever they typed
 * it into the text ("Tôi là Nguyễn Văn Bình ...").
 */
export function maskPersonalData(text: string, reporterName: string | null): string {
  const masked = maskContacts(text);
  const name = reporterName?.normalize('NFC').trim();
  if (!name || name.length < 2) return masked;
  return masked.normalize('NFC').replace(new RegExp(escapeRegExp(name).replace(/\s+/g, '\\s+'), 'giu'), '[name]');
}
