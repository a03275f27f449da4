// Why a report went where it went, and what a draft rule set would change. Both replay a rule
// set over routing facts (pure, no I/O): `explainRoute` names the rule that decided and why each
// rule tried before it did not; `dryRun` counts, over many reports, how a draft would route them
// differently from what was recorded.
import type { Engine } from 'json-rules-engine';
import {
  buildEngine,
  byPrecedence,
  decideFromMatches,
  matchingRules,
  targetUnit,
  type RoutingDecision,
  type RoutingFacts,
  type RuleSet,
} from './evaluate';

/** A leaf condition as the engine judged it. */
export interface ConditionCheck {
  fact: string;
  operator: string;
  value: unknown;
  /** the fact's value for this report */
  factValue: unknown;
  holds: boolean;
}

export interface RuleVerdict {
  name: string;
  priority: number;
  /** fired: it decided; unmet: a condition failed; excluded: the unit had declined it; no_ward: '$ward' without a ward */
  verdict: 'fired' | 'unmet' | 'excluded' | 'no_ward';
  /** for 'unmet': the conditions that did not hold */
  failed: ConditionCheck[];
}

export interface RouteExplanation {
  decision: RoutingDecision;
  /** the rules tried before the decision was made, in order, ending with the one that fired (if any) */
  rules: RuleVerdict[];
}

interface JudgedNode {
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  result?: boolean;
  all?: JudgedNode[];
  any?: JudgedNode[];
  not?: JudgedNode;
}

function failedLeaves(node: JudgedNode | undefined): ConditionCheck[] {
  if (!node) return [];
  const children = node.all ?? node.any ?? (node.not ? [node.not] : undefined);
  if (children) return children.flatMap(failedLeaves);
  if (node.result !== false || node.fact === undefined) return [];
  return [
    { fact: node.fact, operator: node.operator ?? '', value: node.value, factValue: node.factResult, holds: false },
  ];
}

export async function explainRoute(
  ruleSet: RuleSet,
  facts: RoutingFacts,
  excludedUnits: readonly string[],
): Promise<RouteExplanation> {
  const { results, failureResults } = await buildEngine(ruleSet).run({ ...facts });
  const judged = new Map<number, { matched: boolean; conditions: JudgedNode }>();
  for (const result of results)
    judged.set(Number(result.name), { matched: true, conditions: result.conditions as JudgedNode });
  for (const result of failureResults)
    judged.set(Number(result.name), { matched: false, conditions: result.conditions as JudgedNode });
  const order = ruleSet.rules.map((_, index) => index).sort(byPrecedence(ruleSet));
  const matched = order.filter((index) => judged.get(index)?.matched).map((index) => ruleSet.rules[index]!);
  const decision = decideFromMatches(ruleSet, facts, matched, excludedUnits);
  const rules: RuleVerdict[] = [];
  for (const index of order) {
    const rule = ruleSet.rules[index]!;
    const verdict = judged.get(index)!;
    const base = { name: rule.name, priority: rule.priority, failed: [] as ConditionCheck[] };
    if (!verdict.matched) {
      rules.push({ ...base, verdict: 'unmet', failed: failedLeaves(verdict.conditions) });
      continue;
    }
    if (decision.kind !== 'triage' && decision.ruleName === rule.name) {
      rules.push({ ...base, verdict: 'fired' });
      break;
    }
    rules.push({ ...base, verdict: targetUnit(rule, facts) === null ? 'no_ward' : 'excluded' });
  }
  return { decision, rules };
}

/** A report to replay: its facts and where its process first sent it ('triage', 'rejected' or a unit code). */
export interface ReplayInput {
  code: string;
  facts: RoutingFacts;
  recorded: string | null;
}

export interface DryRunResult {
  reports: number;
  /** reports whose recorded first decision the draft would change */
  changed: number;
  toTriage: number;
  fromTriage: number;
  /** from → to, most frequent first */
  moves: { from: string; to: string; count: number }[];
  examples: { code: string; from: string; to: string; rule: string | null }[];
}

const outcomeOf = (decision: RoutingDecision): string =>
  decision.kind === 'route' ? decision.unitCode : decision.kind === 'triage' ? 'triage' : 'rejected';

/**
 * Replays `draft` over the reports. One Engine serves the whole replay: its runs are awaited one
 * after another, never concurrently, which is what keeps a shared Engine correct.
 */
export async function dryRun(draft: RuleSet, reports: ReplayInput[], maxExamples = 20): Promise<DryRunResult> {
  const engine: Engine = buildEngine(draft);
  const moves = new Map<string, { from: string; to: string; count: number }>();
  const result: DryRunResult = { reports: 0, changed: 0, toTriage: 0, fromTriage: 0, moves: [], examples: [] };
  for (const report of reports) {
    if (report.recorded === null) continue;
    result.reports += 1;
    const matched = await matchingRules(draft, report.facts, engine);
    const decision = decideFromMatches(draft, report.facts, matched, []);
    const to = outcomeOf(decision);
    const from = report.recorded;
    if (to === from) continue;
    result.changed += 1;
    if (to === 'triage') result.toTriage += 1;
    if (from === 'triage') result.fromTriage += 1;
    const key = `${from}\u0000${to}`;
    const move = moves.get(key) ?? { from, to, count: 0 };
    move.count += 1;
    moves.set(key, move);
    if (result.examples.length < maxExamples)
      result.examples.push({
        code: report.code,
        from,
        to,
        rule: decision.kind === 'triage' ? null : decision.ruleName,
      });
  }
  result.moves = [...moves.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from));
  return result;
}
