// A category's own SLA policy in routing: per clock, a route rule's explicit clock wins, then the
// report's category's, then the rule set's defaults — in routing, a coordinator's choice of unit,
// the routing explanation and the deadline the report form promises.
import { describe, expect, it } from 'vitest';
import { formatDuration, type SlaPolicy } from '../../domain/sla';
import { categoryPromises } from '../../rules/promise';
import { explainRoute } from '../../rules/explain';
import {
  decideRoute,
  noCategorySlas,
  termsForUnit,
  validateRuleSet,
  type CategorySlas,
  type RoutingDecision,
  type RoutingFacts,
} from '../../rules/evaluate';

const category = (code: string) => ({ all: [{ fact: 'categoryCode', operator: 'equal', value: code }] });
const ruleSet = validateRuleSet({
  version: 3,
  defaults: { priority: 'normal', sla: { accept: '8 working_hours', resolve: '10 working_days' } },
  rules: [
    { name: 'bare', priority: 5, conditions: category('BARE'), event: { type: 'route', params: { unitCode: 'A' } } },
    {
      name: 'resolve only',
      priority: 5,
      conditions: category('HALF'),
      event: { type: 'route', params: { unitCode: 'B', sla: { resolve: '2 working_days' } } },
    },
    {
      name: 'both clocks',
      priority: 5,
      conditions: category('FULL'),
      event: { type: 'route', params: { unitCode: 'C', sla: { accept: '1 hours', resolve: '1 working_days' } } },
    },
  ],
});
const slas: CategorySlas = new Map([
  ['BARE', { accept: '2 working_hours', resolve: '20 working_days' }],
  ['HALF', { accept: '3 working_hours', resolve: '30 working_days' }],
  ['FULL', { accept: '4 working_hours', resolve: '40 working_days' }],
  ['LOOSE', { accept: '5 working_hours', resolve: '15 working_days' }],
]);
const facts = (categoryCode: string, wardCode: string | null = null): RoutingFacts => ({
  categoryCode,
  categoryKind: 'feedback',
  wardCode,
  channel: 'web',
  reporterType: 'citizen',
  description: '',
});
const clocks = (decision: { sla: SlaPolicy } | RoutingDecision) =>
  'sla' in decision
    ? `accept ${formatDuration(decision.sla.accept)} resolve ${formatDuration(decision.sla.resolve)}`
    : decision.kind;

describe("a category's SLA between the rule's clocks and the defaults", () => {
  it.each([
    ['a rule without clocks takes both from the category', 'BARE', 'accept 2 working_hours resolve 20 working_days'],
    [
      "a rule's resolve clock wins; accept comes from the category",
      'HALF',
      'accept 3 working_hours resolve 2 working_days',
    ],
    ["a rule's two clocks win over the category's", 'FULL', 'accept 1 hours resolve 1 working_days'],
  ])('when %s, then routing uses it', async (_name, code, expected) => {
    expect(clocks(await decideRoute(ruleSet, facts(code), [], slas))).toBe(expected);
  });

  it('when the category has no SLA of its own, then the defaults fill what the rule leaves', async () => {
    expect(clocks(await decideRoute(ruleSet, facts('BARE'), [], noCategorySlas))).toBe(
      'accept 8 working_hours resolve 10 working_days',
    );
    expect(clocks(await decideRoute(ruleSet, facts('HALF'), [], new Map([['HALF', { accept: '1 hours' }]])))).toBe(
      'accept 1 hours resolve 2 working_days',
    );
  });

  it("when a coordinator picks a unit no rule routes the report to, then the category's clocks apply", async () => {
    const loose = await termsForUnit(ruleSet, facts('LOOSE', 'P-SAIGON'), 'P-SAIGON', slas);
    expect(clocks(loose)).toBe('accept 5 working_hours resolve 15 working_days');
    expect(loose).toMatchObject({ priority: 'normal', ruleName: null });
    expect(clocks(await termsForUnit(ruleSet, facts('HALF'), 'B', slas))).toBe(
      'accept 3 working_hours resolve 2 working_days',
    );
    expect(clocks(await termsForUnit(ruleSet, facts('LOOSE'), 'X', noCategorySlas))).toBe(
      'accept 8 working_hours resolve 10 working_days',
    );
  });

  it('when staff ask why, then the explanation names where each clock came from', async () => {
    const half = await explainRoute(ruleSet, facts('HALF'), [], slas);
    expect(half.sla).toEqual({
      accept: { duration: '3 working_hours', source: 'category' },
      resolve: { duration: '2 working_days', source: 'rule' },
    });
    expect(clocks(half.decision)).toBe('accept 3 working_hours resolve 2 working_days');
    const bare = await explainRoute(ruleSet, facts('BARE'), [], noCategorySlas);
    expect(bare.sla?.accept).toEqual({ duration: '8 working_hours', source: 'defaults' });
    expect((await explainRoute(ruleSet, facts('LOOSE'), [], slas)).sla).toBeNull();
  });

  it("when the report form promises a deadline, then it is the longest resolve clock routing would set, the category's where no rule names one", () => {
    const { byCategory, fallback } = categoryPromises(ruleSet, slas);
    expect(Object.fromEntries([...byCategory].map(([code, duration]) => [code, formatDuration(duration)]))).toEqual({
      BARE: '20 working_days',
      HALF: '2 working_days',
      FULL: '1 working_days',
      LOOSE: '15 working_days',
    });
    expect(formatDuration(fallback)).toBe('10 working_days');
    expect(formatDuration(categoryPromises(ruleSet, noCategorySlas).byCategory.get('BARE')!)).toBe('10 working_days');
  });
});
