import { describe, expect, it } from 'vitest';
import { leagueCsvHeader, leagueCsvRow, onTimePercent, rankLeague, type LeagueCounts } from '../../domain/league';

const unit = (code: string, figures: Partial<LeagueCounts>): LeagueCounts => ({
  code,
  nameVi: code,
  nameEn: code,
  type: 'ward',
  received: 0,
  resolved: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  open: 0,
  openOverdue: 0,
  avgRating: null,
  ratings: 0,
  ...figures,
});

describe('league table', () => {
  it('when units are ranked, then the best on-time share comes first, fewer late breaks ties, and units that resolved nothing come after, the overdue last', () => {
    const ranked = rankLeague([
      unit('IDLE', { received: 0 }),
      unit('OPEN-ONLY', { received: 9, open: 9, openOverdue: 2 }),
      unit('HALF', { received: 4, resolved: 2, resolvedOnTime: 1, resolvedLate: 1 }),
      unit('PERFECT-BUSY', { received: 10, resolved: 10, resolvedOnTime: 10 }),
      unit('PERFECT-LATE-OPEN', { received: 10, resolved: 5, resolvedOnTime: 5, open: 5, openOverdue: 3 }),
    ]);
    expect(ranked.map((entry) => [entry.rank, entry.code, entry.onTimePercent, entry.late])).toEqual([
      [1, 'PERFECT-BUSY', 100, 0],
      [2, 'PERFECT-LATE-OPEN', 100, 3],
      [3, 'HALF', 50, 1],
      [4, 'IDLE', null, 0],
      [5, 'OPEN-ONLY', null, 2],
    ]);
  });

  it('when the on-time share is computed, then it has one decimal and no division by zero', () => {
    expect(onTimePercent(2, 3)).toBe(66.7);
    expect(onTimePercent(0, 0)).toBeNull();
  });

  it('when a row is written as CSV, then it has one cell per header column', () => {
    const [entry] = rankLeague([
      unit('P-SAIGON', { received: 3, resolved: 1, resolvedOnTime: 1, avgRating: 4.5, ratings: 2 }),
    ]);
    expect(leagueCsvRow('ward', entry)).toHaveLength(leagueCsvHeader.length);
  });
});
