// The Friday summary: the week it covers, and texts that are always GSM-7 within the allowed parts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsInfo } from '../../domain/smsText';
import { noCounts, totals, type GroupCounts } from '../../domain/statistics';
import { composeSummary, renderSummary, summaryWeek, weekLabel } from '../../domain/weeklySummary';

const friday = Date.parse('2026-11-27T15:00:00+07:00');

const group = (key: string, counts: Partial<GroupCounts> = {}): GroupCounts => ({
  key,
  name: `Ủy ban nhân dân phường ${key}`,
  ...noCounts,
  ...counts,
});

describe('summary week', () => {
  it('when the schedule fires on Friday 15:00, then the week is the seven days before it, labelled with local dates', () => {
    const week = summaryWeek(friday);
    expect(new Date(week.from).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(new Date(week.to).toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(weekLabel(week)).toBe('20/11-27/11');
  });

  it('when two runs are triggered within the same minute, then they report the same week', () => {
    expect(summaryWeek(friday + 1_234)).toEqual(summaryWeek(friday + 59_999));
    expect(summaryWeek(friday + 60_000)).not.toEqual(summaryWeek(friday));
  });
});

describe('summary texts', () => {
  const groups = [
    group('P-SAIGON', {
      received: 40,
      resolved: 30,
      resolvedOnTime: 25,
      resolvedLate: 5,
      open: 10,
      openOverdue: 4,
      rated: 10,
      ratingSum: 42,
    }),
    group('SAWACO', { received: 12, resolved: 12, resolvedOnTime: 11, resolvedLate: 1 }),
  ];

  it('when rendering a city summary, then the SMS carries every figure and the worst units without diacritics', () => {
    const texts = renderSummary(
      composeSummary({ code: 'HCM', name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh' }, groups, summaryWeek(friday), 3),
      2,
    );
    expect(texts.sms).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(texts.sms.text).toBe(
      'PAKN TP.HCM tuan 20/11-27/11 (HCM) don vi xu ly: tiep nhan 52, giai quyet 42 (dung han 36, tre han 6), dang xu ly 10, qua han 4, hai long 4.2/5. Tre/qua han nhieu nhat: P-SAIGON 9, SAWACO 1.',
    );
  });

  it('when rendering the e-mail, then its table lists every unit and the total, in plain text and escaped HTML', () => {
    const texts = renderSummary(
      composeSummary({ code: 'HCM', name: 'UBND <TP.HCM>' }, groups, summaryWeek(friday), 3),
      2,
    );
    expect(texts.email.subject).toBe('Báo cáo PAKN tuần 20/11-27/11: UBND <TP.HCM>');
    expect(texts.email.text).toMatch(/P-SAIGON\s+40\s+30\s+25\s+5\s+10\s+4\s+4\.2\/5/);
    expect(texts.email.text).toMatch(/Tổng\s+52\s+42\s+36\s+6\s+10\s+4\s+4\.2\/5/);
    expect(texts.email.html).toContain('UBND &lt;TP.HCM&gt;');
    expect(texts.email.html.match(/<tr>/g)).toHaveLength(4); // header, two units, total
  });

  it('when the scope is a single unit, then it is not named as its own worst unit', () => {
    const texts = renderSummary(
      composeSummary({ code: 'P-SAIGON', name: 'Phường Sài Gòn' }, groups.slice(0, 1), summaryWeek(friday), 3),
      2,
    );
    expect(texts.sms.text).not.toContain('nhieu nhat');
  });

  it('when the scope is a ward, then the SMS and the table give both its units’ figures and the locality’s, each named', () => {
    const locality = { ...totals([groups[0]]), received: 52, resolved: 42, openOverdue: 4 };
    const texts = renderSummary(
      composeSummary(
        { code: 'P-SAIGON', name: 'Phường Sài Gòn' },
        groups.slice(0, 1),
        summaryWeek(friday),
        3,
        locality,
      ),
      2,
    );
    expect(texts.sms.text).toContain('(P-SAIGON) don vi xu ly: tiep nhan 40,');
    expect(texts.sms.text).toContain('Dia ban: tiep nhan 52, giai quyet 42, qua han 4.');
    expect(texts.email.text).toMatch(/Địa bàn\s+52\s+42/);
  });

  it('for any figures, unit codes and part limit, then the SMS is GSM-7, within the limit, and keeps no Vietnamese letter', () => {
    const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
    const count = fc.integer({ min: 0, max: 2_000_000 });
    const unit = fc.record({
      key: fc.stringMatching(/^[A-Z][A-Z0-9-]{1,19}$/),
      late: count,
      overdue: count,
      name: fc.string(),
    });
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.string({ maxLength: 30 }),
        (units, maxParts, code) => {
          const counts = units.map((u) =>
            group(u.key, {
              received: u.late + u.overdue,
              resolvedLate: u.late,
              openOverdue: u.overdue,
              open: u.overdue,
              rated: 1,
              ratingSum: 3,
            }),
          );
          const { sms } = renderSummary(
            composeSummary({ code: `${code}Đường`, name: 'Ấp Bình Hưng Hòa' }, counts, summaryWeek(friday), 5),
            maxParts,
          );
          expect(sms.encoding).toBe('GSM-7');
          expect(sms.segments).toBeLessThanOrEqual(maxParts);
          expect(smsInfo(sms.text).segments).toBe(sms.segments);
          expect(sms.text).not.toMatch(vietnamese);
        },
      ),
      { numRuns: 300 },
    );
  });
});
