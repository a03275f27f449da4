// The unit registry with its history, through the real API and database: the units valid on a
// day, a CSV registry loaded and given back, a rename that keeps the old name for past days, and a
// merge after which statistics count the merged ward's reports under its successor from the merge
// date (SQL function unit_at), with the scoping and the named errors of each admin action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertReport } from '../../db/reports';
import { storedReport } from '../support/reports';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let admin: string;
beforeAll(async () => {
  system = await startTestSystem();
  admin = await staffToken(system, 'admin', 'HCM', 'city-admin');
});
afterAll(async () => {
  await system?.stop();
});

// Test data, not real units: real codes come from the city's own registry.
const registry = [
  'code,admin_code,name_vi,name_en,type,parent_code,valid_from,valid_to,successor_code,source',
  'T-OLD,T-90001,Phường Cũ (kiểm thử),Old Ward (test),ward,HCM,2020-01-01,2025-07-01,P-SAIGON,kiểm thử',
  'T-A,T-90002,Phường A (kiểm thử),Ward A (test),ward,HCM,2025-07-01,,,kiểm thử',
  'T-B,T-90003,Phường B (kiểm thử),Ward B (test),ward,HCM,2025-07-01,,,kiểm thử',
  'T-C,T-90004,Phường C (kiểm thử),Ward C (test),ward,HCM,2025-07-01,,,kiểm thử',
].join('\n');

const importCsv = (csv: string, token = admin, type = 'text/csv') =>
  call(system, 'POST', '/api/v1/admin/units/import', { token, raw: csv, headers: { 'content-type': type } });
const codesOn = async (at: string) =>
  (await call(system, 'GET', `/api/v1/units?at=${at}`)).body.items.map((unit: { code: string }) => unit.code);

describe('units with their history', () => {
  it('when a registry is imported, then each unit answers on the days it was valid, with its lineage', async () => {
    const reply = await importCsv(registry);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.imported).toBe(4);
    const before = await codesOn('2025-06-30');
    expect(before).toContain('T-OLD');
    expect(before).not.toContain('T-A');
    const today = await codesOn(new Date().toISOString().slice(0, 10));
    expect(today).toEqual(expect.arrayContaining(['P-SAIGON', 'T-A', 'T-B', 'T-C']));
    expect(today).not.toContain('T-OLD');
    const { rows } = await system.pool.query(
      "SELECT unit_at('T-OLD', '2025-06-30') AS before, unit_at('T-OLD', '2025-07-01') AS after",
    );
    expect(rows[0]).toEqual({ before: 'T-OLD', after: 'P-SAIGON' });
  });

  it('when the registry is exported, then it loads back unchanged', async () => {
    const reply = await call(system, 'GET', '/api/v1/admin/units/export', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(/^\uFEFF?code,admin_code,name_vi,/);
    expect(reply.body).toContain(
      'T-OLD,T-90001,Phường Cũ (kiểm thử),Old Ward (test),ward,HCM,2020-01-01,2025-07-01,P-SAIGON',
    );
    const again = await importCsv(reply.body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await call(system, 'GET', '/api/v1/admin/units/export', { token: admin })).body).toBe(reply.body);
  });

  it('when a CSV has a bad type, an unknown parent or is not CSV, then each line and column is named', async () => {
    const bad = await importCsv(
      [
        registry.split('\n')[0],
        'T-X,,Phường X,,district,HCM,2025-07-01,,,',
        'T-Y,,Phường Y,,ward,NOWHERE,2025-07-01,,,',
      ].join('\n'),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['line 2.type']);
    const orphan = await importCsv([registry.split('\n')[0], 'T-Y,,Phường Y,,ward,NOWHERE,2025-07-01,,,'].join('\n'));
    expect(orphan.body.error.details).toEqual([{ field: 'line 2.parent_code', message: 'unknown unit NOWHERE' }]);
    expect((await importCsv(registry, admin, 'text/plain')).status).toBe(415);
    expect((await importCsv(registry, await staffToken(system, 'admin', 'P-SAIGON'))).status).toBe(403);
  });

  it('when a unit is renamed, then the former name answers for the days before', async () => {
    const reply = await call(system, 'POST', '/api/v1/admin/units/T-C/rename', {
      token: admin,
      body: { nameVi: 'Phường C mới (kiểm thử)', nameEn: 'New Ward C (test)', from: '2026-01-01' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const nameOn = async (at: string) =>
      (await call(system, 'GET', `/api/v1/units?at=${at}`)).body.items.find((u: { code: string }) => u.code === 'T-C')
        .nameVi;
    expect(await nameOn('2025-12-31')).toBe('Phường C (kiểm thử)');
    expect(await nameOn('2026-01-01')).toBe('Phường C mới (kiểm thử)');
    const outside = await call(system, 'POST', '/api/v1/admin/units/T-C/rename', {
      token: await staffToken(system, 'admin', 'P-SAIGON'),
      body: { nameVi: 'X', nameEn: 'X', from: '2026-02-01' },
    });
    expect(outside.status).toBe(403);
  });

  it('when wards merge, then their reports count under the successor from the merge date and before it under their own', async () => {
    const reports = [
      storedReport({ wardCode: 'T-A' }),
      storedReport({ wardCode: 'T-A' }),
      storedReport({ wardCode: 'T-B' }),
    ];
    for (const report of reports) await insertReport(system.pool, report);
    await system.pool.query('UPDATE reports SET unit_code = ward_code WHERE id = ANY($1)', [reports.map((r) => r.id)]);

    const wardAdmin = await staffToken(system, 'admin', 'P-SAIGON');
    const body = { codes: ['T-A', 'T-B'], successorCode: 'T-C', from: '2026-03-01' };
    expect((await call(system, 'POST', '/api/v1/admin/units/merge', { token: wardAdmin, body })).status).toBe(403);
    const selfMerge = await call(system, 'POST', '/api/v1/admin/units/merge', {
      token: admin,
      body: { ...body, successorCode: 'T-A' },
    });
    expect(selfMerge.body.error.details).toEqual([expect.objectContaining({ field: 'successorCode' })]);
    expect((await call(system, 'POST', '/api/v1/admin/units/merge', { token: admin, body })).status).toBe(200);

    // What a statistics query groups by: the unit answering for each report on the day the figure is about.
    const countsOn = async (day: string) =>
      (
        await system.pool.query(
          `SELECT unit_at(unit_code, $1::date) AS unit, unit_name_at(unit_at(unit_code, $1::date), $1::date) AS name, count(*)::int AS n
             FROM reports WHERE id = ANY($2) GROUP BY 1, 2 ORDER BY 1`,
          [day, reports.map((r) => r.id)],
        )
      ).rows;
    expect(await countsOn('2026-02-28')).toEqual([
      { unit: 'T-A', name: 'Phường A (kiểm thử)', n: 2 },
      { unit: 'T-B', name: 'Phường B (kiểm thử)', n: 1 },
    ]);
    expect(await countsOn('2026-03-01')).toEqual([{ unit: 'T-C', name: 'Phường C mới (kiểm thử)', n: 3 }]);
    expect(await codesOn('2026-03-01')).not.toContain('T-A');
    expect(await codesOn('2026-02-28')).toContain('T-A');
    // The city's statistics per ward count them under the successor, with its name.
    const stats = await call(system, 'GET', `/api/v1/stats?groupBy=ward&basis=locality`, {
      token: await staffToken(system, 'leader', 'HCM', 'leader-1'),
    });
    expect(stats.status).toBe(200);
    const keys = stats.body.rows.map((row: { key: string }) => row.key);
    expect(keys).toContain('T-C');
    expect(keys).not.toContain('T-A');
    expect(stats.body.rows.find((row: { key: string }) => row.key === 'T-C')).toMatchObject({ received: 3 });

    const twice = await call(system, 'POST', '/api/v1/admin/units/merge', { token: admin, body });
    expect(twice.body.error.details).toEqual([expect.objectContaining({ field: 'codes.0' })]);
  });

  it('when a unit is retired, then it is gone from that day and has no successor', async () => {
    await importCsv(
      [registry.split('\n')[0], 'T-R,,Phường R (kiểm thử),Ward R (test),ward,HCM,2025-07-01,,,'].join('\n'),
    );
    const reply = await call(system, 'POST', '/api/v1/admin/units/T-R/retire', {
      token: admin,
      body: { from: '2026-06-01' },
    });
    expect(reply.body).toEqual(expect.objectContaining({ code: 'T-R', validTo: '2026-06-01', successorCode: null }));
    expect(await codesOn('2026-06-01')).not.toContain('T-R');
  });

  it('when units merge into a new successor, then it is created from the merge day, a taken code or unknown parent is named, and the history shows the lineage', async () => {
    await importCsv(
      [
        registry.split('\n')[0],
        'T-N1,,Phường N1 (kiểm thử),Ward N1 (test),ward,HCM,2025-07-01,,,',
        'T-N2,,Phường N2 (kiểm thử),Ward N2 (test),ward,HCM,2025-07-01,,,',
      ].join('\n'),
    );
    const newSuccessor = { nameVi: 'Phường N mới (kiểm thử)', nameEn: 'New Ward N (test)', type: 'ward' };
    const merge = (body: Record<string, unknown>) =>
      call(system, 'POST', '/api/v1/admin/units/merge', {
        token: admin,
        body: { codes: ['T-N1', 'T-N2'], successorCode: 'T-N', from: '2026-04-01', newSuccessor, ...body },
      });
    const taken = await merge({ successorCode: 'P-SAIGON' });
    expect(taken.status).toBe(422);
    expect(taken.body.error.details).toEqual([expect.objectContaining({ field: 'successorCode' })]);
    const orphan = await merge({ newSuccessor: { ...newSuccessor, parentCode: 'KHONG-CO' } });
    expect(orphan.status).toBe(422);
    expect(orphan.body.error.details).toEqual([expect.objectContaining({ field: 'newSuccessor.parentCode' })]);
    expect(await codesOn('2026-04-01')).not.toContain('T-N');

    expect((await merge({})).status).toBe(200);
    expect(await codesOn('2026-04-01')).toEqual(expect.arrayContaining(['T-N']));
    expect(await codesOn('2026-04-01')).not.toContain('T-N1');
    expect(await codesOn('2026-03-31')).not.toContain('T-N');
    const history = await call(system, 'GET', '/api/v1/admin/units/T-N', { token: admin });
    expect(history.status).toBe(200);
    expect(history.body.unit).toMatchObject({ parentCode: 'HCM', validFrom: '2026-04-01', validTo: null });
    expect(history.body.predecessors.map((unit: { code: string }) => unit.code).sort()).toEqual(['T-N1', 'T-N2']);
    const outside = await call(system, 'GET', '/api/v1/admin/units/T-N', {
      token: await staffToken(system, 'admin', 'P-SAIGON'),
    });
    expect(outside.status).toBe(403);
  });
});
