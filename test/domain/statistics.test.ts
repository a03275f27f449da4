// Shaping aggregated counts into the figures leaders read: rows, totals, the worst units, scopes.
import { describe, expect, it } from 'vitest';
import { laggards, noCounts, statsRows, statsScopePath, totals, type GroupCounts } from '../../domain/statistics';

const group = (key: string | null, counts: Partial<GroupCounts> = {}): GroupCounts => ({
  key,
  name: key && `Unit ${key}`,
  ...noCounts,
  ...counts,
});

describe('statistics shaping', () => {
  it('when groups have ratings, then each row averages its own and the totals weigh every rating once', () => {
    const groups = [
      group('A', { received: 3, resolved: 2, resolvedOnTime: 2, rated: 2, ratingSum: 9 }),
      group('B', { received: 5, resolved: 1, resolvedLate: 1, rated: 1, ratingSum: 1 }),
    ];
    expect(statsRows(groups)).toEqual([
      {
        key: 'B',
        name: 'Unit B',
        received: 5,
        resolved: 1,
        resolvedOnTime: 0,
        resolvedLate: 1,
        open: 0,
        openOverdue: 0,
        avgRating: 1,
      },
      {
        key: 'A',
        name: 'Unit A',
        received: 3,
        resolved: 2,
        resolvedOnTime: 2,
        resolvedLate: 0,
        open: 0,
        openOverdue: 0,
        avgRating: 4.5,
      },
    ]);
    expect(totals(groups)).toEqual({
      received: 8,
      resolved: 3,
      resolvedOnTime: 2,
      resolvedLate: 1,
      open: 0,
      openOverdue: 0,
      avgRating: 3.33,
    });
  });

  it('when nothing was rated or there are no groups, then the average is null and the counts zero', () => {
    expect(totals([])).toEqual({
      received: 0,
      resolved: 0,
      resolvedOnTime: 0,
      resolvedLate: 0,
      open: 0,
      openOverdue: 0,
      avgRating: null,
    });
    expect(statsRows([group(null, { received: 1 })])[0]).toMatchObject({ key: null, avgRating: null });
  });

  it('when ranking the worst units, then late plus overdue counts, ties go by code, clean units and unassigned reports are left out', () => {
    const groups = [
      group('P-SAIGON', { resolvedLate: 1, openOverdue: 2 }),
      group('SAWACO', { openOverdue: 3 }),
      group('SXD', { resolvedLate: 5 }),
      group('P-TANDINH', { received: 9 }),
      group(null, { openOverdue: 7 }),
    ];
    expect(laggards(groups, 2)).toEqual([
      { key: 'SXD', name: 'Unit SXD', lateOrOverdue: 5 },
      { key: 'P-SAIGON', name: 'Unit P-SAIGON', lateOrOverdue: 3 },
    ]);
    expect(laggards(groups, 10).map((l) => l.key)).toEqual(['SXD', 'P-SAIGON', 'SAWACO']);
  });

  it('when a leader or the coordinator desk reads statistics, then the leader sees their subtree and the desk the whole city', () => {
    expect(statsScopePath({ role: 'leader', unitPath: '/HCM/P-SAIGON/' })).toBe('/HCM/P-SAIGON/');
    expect(statsScopePath({ role: 'coordinator', unitPath: '/HCM/HCM-TT1022/' })).toBe('/HCM/');
  });
});
