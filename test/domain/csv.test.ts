import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../domain/csv';

describe('CSV', () => {
  it('when cells hold commas, quotes or line breaks, then they are quoted with doubled quotes', () => {
    expect(csvCell('Phường Sài Gòn, Quận 1')).toBe('"Phường Sài Gòn, Quận 1"');
    expect(csvCell('People\'s "Committee"')).toBe('"People\'s ""Committee"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('when a cell would run as a spreadsheet formula, then it is defused with an apostrophe', () => {
    for (const formula of ['=HYPERLINK("http://evil")', '+1+1', '-2', '@SUM(A1)', '\tx'])
      expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-2)).toBe('-2');
  });

  it('when a table is written, then it starts with a UTF-8 BOM and ends every row with CRLF', () => {
    expect(
      toCsv(
        ['code', 'name'],
        [
          ['P-SAIGON', 'Sài Gòn'],
          ['X', null],
        ],
      ),
    ).toBe('\uFEFFcode,name\r\nP-SAIGON,Sài Gòn\r\nX,\r\n');
  });
});
