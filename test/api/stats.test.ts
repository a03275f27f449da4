// GET /api/v1/stats over a seeded week: reports on time, late, open and overdue across several
// wards and units, inserted straight into this file's database, read back through the real API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;

// The week of Friday 13/11/2026 15:00 to Friday 20/11/2026 15:00 in Ho Chi Minh City.
const from = '2026-11-13T15:00:00+07:00';
const to = '2026-11-20T15:00:00+07:00';
const inWeek = (day: number, hour = 10) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+07:00`;
const past = '2026-11-01T09:00:00+07:00';
const future = '2099-01-01T00:00:00+07:00';

interface Seed {
  ward: string | null;
  unit: string | null;
  category?: string;
  status: string;
  submitted: string;
  deadline?: string;
  resolved?: string;
  onTime?: boolean;
  overdue?: boolean;
  rating?: number;
}

const week: Seed[] = [
  // P-SAIGON, handled by the ward: on time (5), late (2), open overdue, open in time
  {
    ward: 'P-SAIGON',
    unit: 'P-SAIGON',
    status: 'closed',
    submitted: inWeek(14),
    resolved: inWeek(16),
    onTime: true,
    rating: 5,
  },
  {
    ward: 'P-SAIGON',
    unit: 'P-SAIGON',
    category: 'NOISE',
    status: 'resolved',
    submitted: inWeek(14),
    resolved: inWeek(19),
    onTime: false,
    rating: 2,
  },
  {
    ward: 'P-SAIGON',
    unit: 'P-SAIGON',
    status: 'in_progress',
    submitted: inWeek(15),
    deadline: inWeek(18),
    overdue: true,
  },
  { ward: 'P-SAIGON', unit: 'P-SAIGON', status: 'assigned', submitted: inWeek(19), deadline: future },
  // in P-SAIGON but handled by the water company: past its deadline, flag not yet written
  {
    ward: 'P-SAIGON',
    unit: 'SAWACO',
    category: 'WATER',
    status: 'in_progress',
    submitted: inWeek(16),
    deadline: inWeek(17),
  },
  // P-BENTHANH: on time (4); submitted before the week but resolved late in it; resolved after the week
  {
    ward: 'P-BENTHANH',
    unit: 'P-BENTHANH',
    status: 'closed',
    submitted: inWeek(13, 16),
    resolved: inWeek(17),
    onTime: true,
    rating: 4,
  },
  { ward: 'P-BENTHANH', unit: 'P-BENTHANH', status: 'closed', submitted: past, resolved: inWeek(18), onTime: false },
  {
    ward: 'P-BENTHANH',
    unit: 'P-BENTHANH',
    status: 'closed',
    submitted: inWeek(20, 9),
    resolved: '2026-11-23T10:00:00+07:00',
    onTime: true,
  },
  // P-TANDINH: waiting in triage (no unit yet), and a withdrawn one
  { ward: 'P-TANDINH', unit: null, category: 'OTHER', status: 'triage', submitted: inWeek(18) },
  { ward: 'P-TANDINH', unit: 'P-TANDINH', status: 'withdrawn', submitted: inWeek(18) },
  // outside the week on both ends
  {
    ward: 'P-SAIGON',
    unit: 'P-SAIGON',
    status: 'assigned',
    submitted: inWeek(13, 14),
    deadline: inWeek(14),
    overdue: true,
  },
  {
    ward: 'P-SAIGON',
    unit: 'P-SAIGON',
    status: 'assigned',
    submitted: inWeek(20, 15),
    deadline: inWeek(14),
    overdue: true,
  },
  // June 2025, in a ward abolished on 1 July 2025
  {
    ward: 'OLD-P-BENNGHE',
    unit: 'OLD-P-BENNGHE',
    status: 'closed',
    submitted: '2025-06-10T09:00:00+07:00',
    resolved: '2025-06-12T09:00:00+07:00',
    onTime: true,
  },
];

async function insertReports(seeds: Seed[]) {
  for (const [index, seed] of seeds.entries()) {
    await system.pool.query(
      `INSERT INTO reports (id, code, category_code, description, ward_code, unit_code, status, submitted_at, workflow_started_at,
         deadline_at, resolved_at, resolved_on_time, overdue, rating)
       VALUES ($1, $2, $3, 'seeded for statistics', $4, $5, $6, $7, $7, $8, $9, $10, $11, $12)`,
      [
        randomUUID(),
        `ST-${index}`,
        seed.category ?? 'WASTE',
        seed.ward,
        seed.unit,
        seed.status,
        seed.submitted,
        seed.deadline ?? null,
        seed.resolved ?? null,
        seed.onTime ?? null,
        seed.overdue ?? false,
        seed.rating ?? null,
      ],
    );
  }
}

beforeAll(async () => {
  system = await startTestSystem();
  await insertReports(week);
});
afterAll(async () => system?.stop());

const stats = async (token: string, query: Record<string, string>) =>
  call(system, 'GET', `/api/v1/stats?${new URLSearchParams({ from, to, ...query })}`, { token });
const row = (body: { rows: Array<{ key: string | null }> }, key: string | null) => body.rows.find((r) => r.key === key);
const zero = { received: 0, resolved: 0, resolvedOnTime: 0, resolvedLate: 0, open: 0, openOverdue: 0, avgRating: null };

describe('GET /api/v1/stats', () => {
  it('when a city leader asks per unit, then every figure follows the definitions', async () => {
    const reply = await stats(await staffToken(system, 'leader', 'HCM'), { groupBy: 'unit' });
    expect(reply.status).toBe(200);
    expect(reply.body.scope).toEqual({ unitCode: 'HCM', name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh' });
    expect(reply.body.totals).toEqual({
      received: 9,
      resolved: 4,
      resolvedOnTime: 2,
      resolvedLate: 2,
      open: 4,
      openOverdue: 2,
      avgRating: 3.67,
    });
    expect(row(reply.body, 'P-SAIGON')).toEqual({
      key: 'P-SAIGON',
      name: 'Ủy ban nhân dân phường Sài Gòn',
      received: 4,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedLate: 1,
      open: 2,
      openOverdue: 1,
      avgRating: 3.5,
    });
    expect(row(reply.body, 'SAWACO')).toMatchObject({ received: 1, resolved: 0, open: 1, openOverdue: 1 });
    expect(row(reply.body, 'P-BENTHANH')).toMatchObject({
      received: 2,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedLate: 1,
      open: 0,
      openOverdue: 0,
      avgRating: 4,
    });
    expect(row(reply.body, 'P-TANDINH')).toMatchObject({ ...zero, received: 1 });
    expect(row(reply.body, null)).toMatchObject({ ...zero, received: 1, open: 1, name: null });
    expect(reply.body.rows).toHaveLength(5);
  });

  it('when grouped by ward or category, then the same reports are counted under their location or category', async () => {
    const token = await staffToken(system, 'admin', 'HCM');
    const wards = (await stats(token, { groupBy: 'ward' })).body;
    expect(row(wards, 'P-SAIGON')).toMatchObject({ received: 5, resolved: 2, open: 3, openOverdue: 2 });
    expect(row(wards, 'P-BENTHANH')).toMatchObject({ received: 2, resolved: 2 });
    expect(row(wards, 'P-TANDINH')).toMatchObject({ received: 2, open: 1 });
    const categories = (await stats(token, { groupBy: 'category' })).body;
    expect(row(categories, 'WATER')).toMatchObject({ name: 'Cấp nước', received: 1, openOverdue: 1 });
    expect(row(categories, 'NOISE')).toMatchObject({ received: 1, resolvedLate: 1, avgRating: 2 });
    expect(categories.totals).toEqual(wards.totals);
  });

  it("when a ward leader asks, then only reports handled in the ward's subtree count, and other wards are refused", async () => {
    const leader = await staffToken(system, 'leader', 'P-SAIGON');
    const own = await stats(leader, {});
    expect(own.body.scope.unitCode).toBe('P-SAIGON');
    expect(own.body.totals).toEqual({
      received: 4,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedLate: 1,
      open: 2,
      openOverdue: 1,
      avgRating: 3.5,
    });
    const other = await stats(leader, { unitCode: 'P-BENTHANH' });
    expect(other.status).toBe(403);
    expect(other.body.error.details[0].field).toBe('unitCode');
  });

  it('when a ward leader asks on the locality basis, then every report located in the ward counts, whoever handles it', async () => {
    const leader = await staffToken(system, 'leader', 'P-SAIGON');
    const byUnit = await stats(leader, {});
    const byPlace = await stats(leader, { basis: 'locality' });
    expect(byUnit.body.basis).toBe('unit');
    expect(byPlace.body.basis).toBe('locality');
    expect(byUnit.body.totals.received).toBe(4);
    // the water company's report in the ward counts for the place, not for the ward's committee
    expect(byPlace.body.totals).toMatchObject({ received: 5, open: 3, openOverdue: 2 });
    const city = await stats(await staffToken(system, 'admin', 'HCM'), { groupBy: 'ward' });
    expect(row(city.body, 'P-SAIGON')).toMatchObject({ received: byPlace.body.totals.received });
  });

  it('when a period ends on a day, then that whole day counts, in the statistics and in the league alike', async () => {
    const admin = await staffToken(system, 'admin', 'HCM');
    const day = await stats(admin, { from: '2026-11-14', to: '2026-11-14', unitCode: 'P-SAIGON' });
    expect(day.status).toBe(200);
    expect(day.body.totals.received).toBe(2);
    expect(day.body.from).toBe('2026-11-13T17:00:00.000Z');
    expect(day.body.to).toBe('2026-11-14T17:00:00.000Z');
    const league = await call(system, 'GET', '/api/v1/public/units/league?from=2026-11-14&to=2026-11-14');
    expect(league.body.basis).toEqual({ units: 'unit', wards: 'locality' });
    const entry = league.body.units.find((unit: { code: string }) => unit.code === 'P-SAIGON');
    expect(entry.received).toBe(day.body.totals.received);
    expect([league.body.from, league.body.to]).toEqual([day.body.from, day.body.to]);
  });

  it('when the scope is a ward with a report still in triage, then the ward answers for it', async () => {
    const reply = await stats(await staffToken(system, 'coordinator', 'HCM-TT1022'), { unitCode: 'P-TANDINH' });
    expect(reply.body.totals).toMatchObject({ received: 2, open: 1 });
  });

  it('when the period lies before a ward was merged, then that ward has figures, and none for a week after it ended', async () => {
    const admin = await staffToken(system, 'admin', 'HCM');
    const june = await stats(admin, { from: '2025-06-01', to: '2025-07-01', unitCode: 'OLD-P-BENNGHE' });
    expect(june.status).toBe(200);
    expect(june.body.totals).toMatchObject({ received: 1, resolved: 1, resolvedOnTime: 1 });
    expect((await stats(admin, { unitCode: 'OLD-P-BENNGHE' })).status).toBe(422);
  });

  it('when the query is malformed or the role may not read statistics, then 400 / 403 naming the field', async () => {
    const admin = await staffToken(system, 'admin', 'HCM');
    expect((await stats(admin, { groupBy: 'street' })).status).toBe(400);
    const reversed = await stats(admin, { from: to, to: from });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.details[0].field).toBe('query.from');
    expect((await stats(admin, { from: 'last week' })).body.error.details[0].field).toBe('query.from');
    expect((await stats(await staffToken(system, 'unit_staff', 'P-SAIGON'), {})).status).toBe(403);
    expect((await call(system, 'GET', '/api/v1/stats')).status).toBe(401);
  });
});
