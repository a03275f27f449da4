// What a draft rule set would change: replays it over many reports' facts (pure, no I/O) and counts
// how many would be routed differently from what their process recorded, from where to where.
//
// Speed: json-rules-engine costs milliseconds per report, far too slow for a month of reports
// (50,000) in seconds. Since every condition of a validated rule set is a plain leaf
// (fact, operator, value) under all / any / not, the replay compiles each rule to a predicate that
// calls the engine's own operator for each leaf and remembers a leaf's answer per fact value. The
// compiled predicates are checked against the engine on a sample of the reports first; on any
// disagreement, or a condition using more than plain leaves, the whole replay uses the engine.
import type { Engine } from 'json-rules-engine';
import {
  buildEngine,
  byPrecedence,
  decideFromMatches,
  matchingRules,
  type CategorySlas,
  type RoutingDecision,
  type RoutingFacts,
  type RuleDefinition,
  type RuleSet,
} from './evaluate';

/** A report to replay: its facts and where its process first sent it ('triage', 'rejected' or a unit code). */
export interface ReplayInput {
  code: string;
  facts: RoutingFacts;
  recorded: string | null;
}

export interface DryRunResult {
  /** reports with a recorded decision, replayed */
  reports: number;
  /** of those, the ones the draft would send elsewhere */
  changed: number;
  toTriage: number;
  fromTriage: number;
  /** from → to, most frequent first */
  moves: { from: string; to: string; count: number }[];
  examples: { code: string; from: string; to: string; rule: string | null }[];
  /** how the rules were evaluated: compiled predicates (checked against the engine) or the engine itself */
  evaluation: 'compiled' | 'engine';
}

type Predicate = (facts: RoutingFacts) => boolean;
interface OperatorLike {
  evaluate(factValue: unknown, value: unknown): boolean;
}

/** Facts whose values repeat across reports: a leaf's answer is remembered per value. */
const repeatingFacts = new Set(['categoryCode', 'categoryKind', 'wardCode', 'channel', 'reporterType']);

/** A json-rules-engine condition as stored: a boolean group or a leaf comparing a fact. */
interface ConditionNode {
  all?: ConditionNode[];
  any?: ConditionNode[];
  not?: ConditionNode;
  fact?: string;
  operator?: string;
  value?: unknown;
  /** a reference to a shared condition: not compiled (the engine itself evaluates such rule sets) */
  condition?: string;
}

function compileCondition(node: ConditionNode, operators: { get(name: string): OperatorLike }): Predicate | null {
  if (node.all || node.any) {
    const parts = (node.all ?? node.any ?? []).map((child) => compileCondition(child, operators));
    if (parts.includes(null)) return null;
    const predicates = parts as Predicate[];
    return node.all ? (facts) => predicates.every((p) => p(facts)) : (facts) => predicates.some((p) => p(facts));
  }
  if (node.not) {
    const inner = compileCondition(node.not, operators);
    return inner && ((facts) => !inner(facts));
  }
  const plain = Object.keys(node).every((key) => key === 'fact' || key === 'operator' || key === 'value');
  const factReference = typeof node.value === 'object' && node.value !== null && 'fact' in node.value;
  if (!plain || factReference) return null;
  const operator = operators.get(node.operator ?? '');
  const fact = node.fact as keyof RoutingFacts;
  if (!repeatingFacts.has(fact)) return (facts) => operator.evaluate(facts[fact], node.value);
  const answers = new Map<unknown, boolean>();
  return (facts) => {
    const value = facts[fact];
    let answer = answers.get(value);
    if (answer === undefined) answers.set(value, (answer = operator.evaluate(value, node.value)));
    return answer;
  };
}

/** The rules in precedence order with their compiled conditions; null when one cannot be compiled. */
function compileRuleSet(ruleSet: RuleSet, engine: Engine): ((facts: RoutingFacts) => RuleDefinition[]) | null {
  const operators = (engine as unknown as { operators: { get(name: string): OperatorLike } }).operators;
  const ordered = ruleSet.rules.map((_, index) => index).sort(byPrecedence(ruleSet));
  const compiled = ordered.map((index) => ({
    rule: ruleSet.rules[index]!,
    holds: compileCondition(ruleSet.rules[index]!.conditions, operators),
  }));
  if (compiled.some((entry) => entry.holds === null)) return null;
  return (facts) => compiled.filter((entry) => entry.holds!(facts)).map((entry) => entry.rule);
}

const sameRules = (a: RuleDefinition[], b: RuleDefinition[]) =>
  a.length === b.length && a.every((rule, index) => rule === b[index]);

const outcomeOf = (decision: RoutingDecision): string =>
  decision.kind === 'route' ? decision.unitCode : decision.kind === 'triage' ? 'triage' : 'rejected';

/**
 * Replays `draft` over the reports. The engine runs here are awaited one after another, never
 * concurrently, which is what keeps one shared Engine correct.
 */
export async function dryRun(
  draft: RuleSet,
  reports: ReplayInput[],
  categorySlas: CategorySlas,
  options: { maxExamples?: number; checkSample?: number } = {},
): Promise<DryRunResult> {
  const engine = buildEngine(draft);
  let compiled = compileRuleSet(draft, engine);
  const replayed = reports.filter((report) => report.recorded !== null);
  const step = Math.max(1, Math.floor(replayed.length / (options.checkSample ?? 200)));
  for (let index = 0; compiled && index < replayed.length; index += step) {
    const facts = replayed[index]!.facts;
    if (!sameRules(compiled(facts), await matchingRules(draft, facts, engine))) compiled = null;
  }
  const matching = compiled ?? null;
  const moves = new Map<string, { from: string; to: string; count: number }>();
  const result: DryRunResult = {
    reports: replayed.length,
    changed: 0,
    toTriage: 0,
    fromTriage: 0,
    moves: [],
    examples: [],
    evaluation: matching ? 'compiled' : 'engine',
  };
  for (const report of replayed) {
    const matched = matching ? matching(report.facts) : await matchingRules(draft, report.facts, engine);
    const decision = decideFromMatches(draft, report.facts, matched, [], categorySlas);
    const to = outcomeOf(decision);
    const from = report.recorded!;
    if (to === from) continue;
    result.changed += 1;
    if (to === 'triage') result.toTriage += 1;
    if (from === 'triage') result.fromTriage += 1;
    const key = `${from}\u0000${to}`;
    const move = moves.get(key) ?? { from, to, count: 0 };
    move.count += 1;
    moves.set(key, move);
    if (result.examples.length < (options.maxExamples ?? 20))
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
