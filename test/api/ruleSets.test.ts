// Routing rules administered through the real API: a draft is validated naming the rule and the
// field, dry-run over the reports actually routed, published (and rolled back) for new routing
// only; and any routed report explains its own routing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seedRuleSet from '../../rules/ruleset.json';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted, type Made } from '../support/reports';

let system: TestSystem;
let admin: string;
let wasteBefore: Made;
let otherBefore: Made;
beforeAll(async () => {
  system = await startTestSystem();
  admin = await staffToken(system, 'admin', 'HCM');
  wasteBefore = await submitRouted(system, {
    categoryCode: 'WASTE',
    description: 'Rác tồn đọng đầu hẻm.',
    location: { wardCode: 'P-SAIGON' },
  });
  otherBefore = await submitRouted(system, {
    categoryCode: 'OTHER',
    description: 'Một việc chưa có danh mục.',
    location: { address: '1 Lê Lợi' },
  });
});
afterAll(async () => system?.stop());

const wasteRule = 'waste in a ward goes to the ward';
/** The seed rules, with ward waste sent to the environment department and a new rule for OTHER. */
function draft(): { note: string; defaults: unknown; rules: any[] } {
  const rules = structuredClone(seedRuleSet.rules) as any[];
  rules.find((rule) => rule.name === wasteRule).event.params.unitCode = 'SNNMT';
  rules.push({
    name: 'other goes to the construction department',
    priority: 5,
    conditions: { all: [{ fact: 'categoryCode', operator: 'equal', value: 'OTHER' }] },
    event: { type: 'route', params: { unitCode: 'SXD' } },
  });
  return { note: 'Thử nghiệm: rác về Sở NN&MT', defaults: seedRuleSet.defaults, rules };
}

describe('rule sets', () => {
  it('when a draft names an unknown unit or fact, then it is refused naming the rule and the field', async () => {
    const bad = draft();
    bad.rules[1].event.params.unitCode = 'NOWHERE';
    const unknownUnit = await call(system, 'POST', '/api/v1/admin/rule-sets', { token: admin, body: bad });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.error.details[0].field).toBe(`rule "${bad.rules[1].name}" event.params.unitCode`);
    const badFact = draft();
    badFact.rules[2].conditions.all[0].fact = 'colour';
    const unknownFact = await call(system, 'POST', '/api/v1/admin/rule-sets', { token: admin, body: badFact });
    expect(unknownFact.status).toBe(422);
    expect(unknownFact.body.error.details[0].field).toBe(`rule "${badFact.rules[2].name}" conditions.all[0].fact`);
  });

  it('when only a ward’s admin or a coordinator tries, then rule sets stay closed to them', async () => {
    const wardAdmin = await staffToken(system, 'admin', 'P-BENTHANH');
    expect((await call(system, 'POST', '/api/v1/admin/rule-sets', { token: wardAdmin, body: draft() })).status).toBe(
      403,
    );
    const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
    expect((await call(system, 'GET', '/api/v1/admin/rule-sets', { token: coordinator })).status).toBe(403);
  });

  it('when a draft is dry-run, published and rolled back, then it shows the moves first and changes only new routing', async () => {
    const created = await call(system, 'POST', '/api/v1/admin/rule-sets', { token: admin, body: draft() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 2, active: false, createdBy: 'admin@HCM' });

    const dry = await call(system, 'POST', '/api/v1/admin/rule-sets/2/dry-run', { token: admin, body: {} });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ version: 2, activeVersion: 1 });
    expect(dry.body.changed).toBeGreaterThanOrEqual(2);
    expect(dry.body.fromTriage).toBeGreaterThanOrEqual(1);
    expect(dry.body.moves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'P-SAIGON', to: 'SNNMT' }),
        expect.objectContaining({ from: 'triage', to: 'SXD' }),
      ]),
    );
    expect(dry.body.examples).toEqual(
      expect.arrayContaining([
        { code: wasteBefore.code, from: 'P-SAIGON', to: 'SNNMT', rule: wasteRule },
        { code: otherBefore.code, from: 'triage', to: 'SXD', rule: 'other goes to the construction department' },
      ]),
    );
    const stored = await call(system, 'GET', '/api/v1/admin/rule-sets/2', { token: admin });
    expect(stored.body.ruleSet).toMatchObject({ version: 2, note: 'Thử nghiệm: rác về Sở NN&MT' });
    expect(stored.body.ruleSet.rules.at(-1).name).toBe('other goes to the construction department');
    const listed = await call(system, 'GET', '/api/v1/admin/rule-sets', { token: admin });
    expect(listed.body.items.map((row: { version: number; active: boolean }) => [row.version, row.active])).toEqual([
      [2, false],
      [1, true],
    ]);

    const published = await call(system, 'POST', '/api/v1/admin/rule-sets/2/publish', { token: admin });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 2, active: true, publishedBy: 'admin@HCM' });
    // The worker re-reads the active rule set at most every 10 s.
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const after = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác tồn đọng trước chợ.',
      location: { wardCode: 'P-SAIGON' },
    });
    expect(after.view.unit.code).toBe('SNNMT');
    expect((await call(system, 'GET', `/api/v1/reports/${wasteBefore.code}`)).body.unit.code).toBe('P-SAIGON');

    const rolledBack = await call(system, 'POST', '/api/v1/admin/rule-sets/1/publish', { token: admin });
    expect(rolledBack.body).toMatchObject({ version: 1, active: true });
    expect((await call(system, 'POST', '/api/v1/admin/rule-sets/99/publish', { token: admin })).status).toBe(404);
    const audited = await system.pool.query(
      "SELECT target, status FROM audit_log WHERE action = 'POST /api/v1/admin/rule-sets/:version/publish' ORDER BY id",
    );
    expect(audited.rows).toEqual([
      { target: '2', status: 200 },
      { target: '1', status: 200 },
      { target: '99', status: 404 },
    ]);
  });
});

describe('routing explanation', () => {
  it('when staff ask why a report went to its unit, then they get the facts, the version, the rule and why higher rules did not fire', async () => {
    const head = await staffToken(system, 'unit_head', 'P-SAIGON');
    const reply = await call(system, 'GET', `/api/v1/reports/${wasteBefore.code}/routing`, { token: head });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      ruleVersion: 1,
      facts: { categoryCode: 'WASTE', categoryKind: 'feedback', wardCode: 'P-SAIGON' },
      recorded: { type: 'routed', unitCode: 'P-SAIGON', ruleName: wasteRule },
      decision: { kind: 'route', unitCode: 'P-SAIGON', ruleName: wasteRule },
    });
    const rules = reply.body.rules as {
      name: string;
      verdict: string;
      failed: { fact: string; factValue: unknown }[];
    }[];
    expect(rules.at(-1)).toMatchObject({ name: wasteRule, verdict: 'fired' });
    expect(rules[0]).toMatchObject({
      name: 'complaints and denunciations are refused with guidance',
      verdict: 'unmet',
      failed: [{ fact: 'categoryKind', operator: 'equal', value: 'complaint', factValue: 'feedback', holds: false }],
    });
    expect(rules.slice(0, -1).every((rule) => rule.verdict === 'unmet')).toBe(true);

    const triage = await call(system, 'GET', `/api/v1/reports/${otherBefore.code}/routing`, {
      token: await staffToken(system, 'coordinator', 'HCM-TT1022'),
    });
    expect(triage.body).toMatchObject({ ruleVersion: 1, decision: { kind: 'triage' }, recorded: { type: 'triaged' } });
    const outsider = await staffToken(system, 'unit_staff', 'P-BENTHANH');
    expect((await call(system, 'GET', `/api/v1/reports/${wasteBefore.code}/routing`, { token: outsider })).status).toBe(
      403,
    );
  });
});
