// One period rule for every figure the API publishes (statistics, the league, the public list):
// `from` and `to` are local dates in Asia/Ho_Chi_Minh, both included whole ("to=2026-12-04"
// counts 4 December), or exact instants with an offset. The schema documents it in OpenAPI.
import { z } from 'zod';
import { parseBound, resolvePeriod, type Period } from '../domain/period';
import { invalidPeriod } from './errors';

export const periodRule =
  'a local date in Asia/Ho_Chi_Minh (YYYY-MM-DD; both ends of a period are inclusive: to=2026-12-04 counts that whole day) or an ISO 8601 date-time with offset (an exact instant)';

/** A period bound as typed: a local day or an instant with offset. */
export const periodBound = (which: 'from' | 'to') =>
  z
    .union([
      z.iso.date({ error: 'phải là ngày YYYY-MM-DD (must be a date YYYY-MM-DD)' }),
      z.iso.datetime({
        offset: true,
        error: 'hoặc thời điểm ISO 8601 có múi giờ (or an ISO 8601 date-time with offset)',
      }),
    ])
    .refine((text) => parseBound(text, which) !== null, { error: 'ngày không có thật (not a real date)' })
    .openapi({ description: `${which === 'from' ? 'first day' : 'last day'} of the period: ${periodRule}` });

/**
 * The half-open interval [from, to) the query means; omitted bounds end today and reach back
 * `defaultDays` days. 422 naming `from` when it falls after `to`.
 */
export function queryPeriod(query: { from?: string; to?: string }, defaultDays: number, now = Date.now()): Period {
  const bound = (text: string | undefined, which: 'from' | 'to') =>
    text === undefined ? undefined : (parseBound(text, which) as Date);
  const period = resolvePeriod(bound(query.from, 'from'), bound(query.to, 'to'), now, defaultDays);
  if (period.from >= period.to) throw invalidPeriod('query.from');
  return period;
}
