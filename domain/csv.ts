// CSV (RFC 4180) for spreadsheet users: quoted where needed, CRLF line ends, a UTF-8 byte-order
// mark so Excel shows Vietnamese correctly, and cells that a spreadsheet would run as a formula
// (=, +, -, @ first) defused with a leading apostrophe.
const needsQuotes = /[",\r\n]/;
const formulaStart = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
