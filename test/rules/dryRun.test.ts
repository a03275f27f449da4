// The dry-run's replay: its compiled rules must agree with json-rules-engine on every report, and
// its counts must say exactly what moves where.
import { describe, expect, it } from 'vitest';
import rawRuleSet from '../../rules/ruleset.json';
import units from '../../db/seed/units.json';
import categories from '../../db/seed/categories.json';
import { decideRoute, noCategorySlas, validateRuleSet, type RoutingFacts, type RuleSet } from '../../rules/evaluate';
import { dryRun, type ReplayInput } from '../../rules/dryRun';

const seed = validateRuleSet(rawRuleSet);
const wards = [
  null,
  ...units.filter((unit) => ['ward', 'commune', 'special_zone'].includes(unit.type)).map((u) => u.code),
];
const descriptions = [
  '',
  'Cây đổ chắn ngang đường',
  'cay do',
  'Dây điện bị đứt, tia lửa',
  'ngộ độc sau bữa trưa',
  'Ổ gà',
];

/** Every category in every ward with a handful of descriptions and channels. */
const everyCase: RoutingFacts[] = categories.flatMap((category, c) =>
  wards.map((wardCode, w) => ({
    categoryCode: category.code,
    categoryKind: category.kind as RoutingFacts['categoryKind'],
    wardCode,
    channel: ['web', 'hotline', 'open311'][(c + w) % 3]!,
    reporterType: w % 5 === 0 ? 'business' : 'citizen',
    description: descriptions[(c * 7 + w) % descriptions.length]!,
  })),
);

const outcome = async (ruleSet: RuleSet, facts: RoutingFacts) => {
  const decision = await decideRoute(ruleSet, facts, [], noCategorySlas);
  return decision.kind === 'route' ? decision.unitCode : decision.kind === 'triage' ? 'triage' : 'rejected';
};
const recordedBy = async (ruleSet: RuleSet): Promise<ReplayInput[]> =>
  Promise.all(everyCase.map(async (facts, i) => ({ code: `C${i}`, facts, recorded: await outcome(ruleSet, facts) })));

function edited(edit: (rules: any[]) => void): RuleSet {
  const raw = structuredClone(rawRuleSet) as any;
  edit(raw.rules);
  return validateRuleSet({ ...raw, version: 2 });
}

describe('dryRun', () => {
  it('when the draft is the rule set that routed the reports, then nothing moves', async () => {
    const result = await dryRun(seed, await recordedBy(seed), noCategorySlas);
    expect(result).toMatchObject({ reports: everyCase.length, changed: 0, moves: [], evaluation: 'compiled' });
  });

  it('when a draft changes rules, then the compiled replay counts exactly the moves the engine makes', async () => {
    const draft = edited((rules) => {
      rules.find((rule) => rule.name === 'waste in a ward goes to the ward').event.params.unitCode = 'SNNMT';
      rules
        .find((rule) => rule.name === 'noise goes to the ward')
        .conditions.all.push({
          fact: 'channel',
          operator: 'notEqual',
          value: 'hotline',
        });
      rules.push({
        name: 'other goes to construction',
        priority: 5,
        conditions: { any: [{ fact: 'categoryCode', operator: 'equal', value: 'OTHER' }] },
        event: { type: 'route', params: { unitCode: 'SXD' } },
      });
    });
    const reports = await recordedBy(seed);
    const result = await dryRun(draft, reports, noCategorySlas, { maxExamples: 5 });
    expect(result.evaluation).toBe('compiled');
    const expected = new Map<string, number>();
    for (const report of reports) {
      const to = await outcome(draft, report.facts);
      if (to !== report.recorded)
        expected.set(`${report.recorded}>${to}`, (expected.get(`${report.recorded}>${to}`) ?? 0) + 1);
    }
    expect(Object.fromEntries(result.moves.map((move) => [`${move.from}>${move.to}`, move.count]))).toEqual(
      Object.fromEntries(expected),
    );
    expect(result.changed).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    expect(result.fromTriage).toBeGreaterThan(0);
    expect(result.toTriage).toBeGreaterThan(0);
    expect(result.examples).toHaveLength(5);
  });

  it('when a condition uses more than fact, operator and value, then the replay falls back to the engine and agrees with it', async () => {
    const draft = edited((rules) => {
      rules[1].conditions.all[0].path = '$';
    });
    const result = await dryRun(draft, await recordedBy(seed), noCategorySlas);
    expect(result.evaluation).toBe('engine');
  });
});
