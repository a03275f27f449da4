// Masks contact details that people type into free text, before it is shown publicly.
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Vietnamese phone numbers written with spaces, dots or dashes: 0912 345 678, +84 912.345.678
const phonePattern = /(?:\+?84|0)(?:[\s.-]?\d){8,10}/g;

export function maskContacts(text: string): string {
  return text.replace(emailPattern, '[email]').replace(phonePattern, '[phone]');
}
