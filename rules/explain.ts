// Why a report went where it went: replays a rule set over the report's facts (pure, no I/O) and
// names the rule that decided and why each rule tried before it did not.
import {
  buildEngine,
  byPrecedence,
  decideFromMatches,
  slaFor,
  targetUnit,
  type CategorySlas,
  type RoutingDecision,
  type RoutingFacts,
  type SlaChoice,
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
  /** a route's clocks and where each comes from (the rule, the report's category, the defaults); else null */
  sla: SlaChoice | null;
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
  categorySlas: CategorySlas,
): Promise<RouteExplanation> {
  const { results, failureResults } = await buildEngine(ruleSet).run({ ...facts });
  const judged = new Map<number, { matched: boolean; conditions: JudgedNode }>();
  for (const result of results)
    judged.set(Number(result.name), { matched: true, conditions: result.conditions as JudgedNode });
  for (const result of failureResults)
    judged.set(Number(result.name), { matched: false, conditions: result.conditions as JudgedNode });
  const order = ruleSet.rules.map((_, index) => index).sort(byPrecedence(ruleSet));
  const matched = order.filter((index) => judged.get(index)?.matched).map((index) => ruleSet.rules[index]!);
  const decision = decideFromMatches(ruleSet, facts, matched, excludedUnits, categorySlas);
  const rules: RuleVerdict[] = [];
  let sla: SlaChoice | null = null;
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
      if (decision.kind === 'route') sla = slaFor(ruleSet, facts.categoryCode, categorySlas, rule);
      break;
    }
    rules.push({ ...base, verdict: targetUnit(rule, facts) === null ? 'no_ward' : 'excluded' });
  }
  return { decision, rules, sla };
}
