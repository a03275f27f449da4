// Routing decision for one report: which unit handles it, how urgently, under which SLA clocks —
// or a refusal (complaints/denunciations follow other laws), or the coordinator's triage.
// Pure (no DB, no I/O): json-rules-engine finds every matching rule; the winner is picked here in
// code (highest priority, then file order) so that units that already declined the report
// ("excluded") fall through to the next matching rule, and finally to triage.
import { Engine, Operator, Rule, type TopLevelCondition } from 'json-rules-engine';
import { priorities, type Priority } from '../domain/report';
import { parseDuration, type SlaPolicy } from '../domain/sla';

export interface SlaText {
  accept: string;
  resolve: string;
}
export type RuleEvent =
  | { type: 'route'; params: { unitCode: string; priority?: Priority; sla?: Partial<SlaText> } }
  | { type: 'reject'; params: { reasonVi: string; reasonEn: string } };
export interface RuleDefinition {
  name: string;
  priority: number;
  conditions: TopLevelCondition;
  event: RuleEvent;
}
// Types, not interfaces: the API's opaque object schemas (a record of unknown values) accept them.
export type RuleSet = {
  version: number;
  note?: string;
  defaults: { priority: Priority; sla: SlaText };
  rules: RuleDefinition[];
};
/**
 * Categories' own SLA policies by category code (inactive categories too: their reports keep
 * being transferred). Per clock, a route rule's own `sla` wins, then the report's category's,
 * then the rule set's `defaults.sla`.
 */
export type CategorySlas = ReadonlyMap<string, Partial<SlaText>>;
export const noCategorySlas: CategorySlas = new Map();
export type RoutingFacts = {
  categoryCode: string;
  categoryKind: 'feedback' | 'complaint';
  wardCode: string | null;
  channel: string;
  reporterType: string;
  description: string;
};
/** The facts of a stored report, with its category's kind: set once when its process starts. */
export function routingFacts(
  report: {
    category_code: string;
    ward_code: string | null;
    channel: string;
    reporter_type: string;
    description: string;
  },
  categoryKind: RoutingFacts['categoryKind'],
): RoutingFacts {
  return {
    categoryCode: report.category_code,
    categoryKind,
    wardCode: report.ward_code,
    channel: report.channel,
    reporterType: report.reporter_type,
    description: report.description,
  };
}
export type RoutingDecision =
  | { kind: 'route'; unitCode: string; priority: Priority; sla: SlaPolicy; ruleName: string; ruleVersion: number }
  | { kind: 'reject'; reasonVi: string; reasonEn: string; ruleName: string; ruleVersion: number }
  | { kind: 'triage'; ruleVersion: number };

/** `params.unitCode` value meaning "the People's Committee of the report's own ward". */
export const WARD_UNIT = '$ward';
const factNames = ['categoryCode', 'categoryKind', 'wardCode', 'channel', 'reporterType', 'description'];
const operators = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'mentionsAny',
];

// mentionsAny: the description contains one of the phrases as whole words, case-insensitively.
// Text typed without diacritics ("ngo doc") is compared with diacritics stripped; text typed with
// them is compared exactly, so "chạy" never matches "cháy".
const words = (s: string) =>
  ` ${s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
const bare = (s: string) => words(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
const mentionsAny = new Operator<string, string[]>(
  'mentionsAny',
  (text, phrases) => {
    const marked = bare(text) !== words(text);
    const hay = marked ? words(text) : bare(text);
    return Array.isArray(phrases) && phrases.some((p) => hay.includes(marked ? words(p) : bare(p)));
  },
  (text) => typeof text === 'string',
);

/** An Engine holding the rule set's rules, named by their index in the set. */
export function buildEngine(ruleSet: RuleSet): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(mentionsAny);
  ruleSet.rules.forEach((rule, index) =>
    engine.addRule(
      new Rule({ name: String(index), priority: rule.priority, conditions: rule.conditions, event: rule.event }),
    ),
  );
  return engine;
}

/** Rules in the order they are tried: highest priority first, then file order. */
export const byPrecedence = (ruleSet: RuleSet) => (a: number, b: number) =>
  ruleSet.rules[b]!.priority - ruleSet.rules[a]!.priority || a - b;

/** Every rule whose conditions hold, in precedence order. `engine` must not be shared by concurrent runs. */
export async function matchingRules(
  ruleSet: RuleSet,
  facts: RoutingFacts,
  engine: Engine = buildEngine(ruleSet),
): Promise<RuleDefinition[]> {
  const { results } = await engine.run({ ...facts });
  return results
    .map((r) => Number(r.name))
    .sort(byPrecedence(ruleSet))
    .map((index) => ruleSet.rules[index]!);
}

/** The unit a route rule names for these facts (null: '$ward' without a ward). */
export function targetUnit(rule: RuleDefinition, facts: RoutingFacts): string | null {
  if (rule.event.type !== 'route') return null;
  return rule.event.params.unitCode === WARD_UNIT ? facts.wardCode : rule.event.params.unitCode;
}

/** Where each clock of a decision comes from: the rule's own `sla`, the report's category's, or the defaults. */
export type SlaSource = 'rule' | 'category' | 'defaults';
export type SlaChoice = { [clock in keyof SlaText]: { duration: string; source: SlaSource } };

/** The clock texts for a report of `categoryCode` under `rule` (none: no rule, as for a coordinator's choice). */
export function slaFor(
  ruleSet: RuleSet,
  categoryCode: string,
  categorySlas: CategorySlas,
  rule?: RuleDefinition,
): SlaChoice {
  const own = rule?.event.type === 'route' ? rule.event.params.sla : undefined;
  const category = categorySlas.get(categoryCode);
  const clock = (name: keyof SlaText) =>
    own?.[name] !== undefined
      ? { duration: own[name], source: 'rule' as const }
      : category?.[name] !== undefined
        ? { duration: category[name], source: 'category' as const }
        : { duration: ruleSet.defaults.sla[name], source: 'defaults' as const };
  return { accept: clock('accept'), resolve: clock('resolve') };
}

function routeTerms(ruleSet: RuleSet, facts: RoutingFacts, categorySlas: CategorySlas, rule?: RuleDefinition) {
  const sla = slaFor(ruleSet, facts.categoryCode, categorySlas, rule);
  return {
    priority: (rule?.event.type === 'route' ? rule.event.params.priority : undefined) ?? ruleSet.defaults.priority,
    sla: { accept: parseDuration(sla.accept.duration), resolve: parseDuration(sla.resolve.duration) },
  };
}

/** The first matching rule decides, skipping routes to excluded units (those that declined the report). */
export function decideFromMatches(
  ruleSet: RuleSet,
  facts: RoutingFacts,
  matched: RuleDefinition[],
  excludedUnits: readonly string[],
  categorySlas: CategorySlas,
): RoutingDecision {
  const ruleVersion = ruleSet.version;
  for (const rule of matched) {
    const event = rule.event;
    if (event.type === 'reject') {
      return {
        kind: 'reject',
        reasonVi: event.params.reasonVi,
        reasonEn: event.params.reasonEn,
        ruleName: rule.name,
        ruleVersion,
      };
    }
    const unitCode = targetUnit(rule, facts);
    if (!unitCode || excludedUnits.includes(unitCode)) continue;
    return {
      kind: 'route',
      unitCode,
      ...routeTerms(ruleSet, facts, categorySlas, rule),
      ruleName: rule.name,
      ruleVersion,
    };
  }
  return { kind: 'triage', ruleVersion };
}

export async function decideRoute(
  ruleSet: RuleSet,
  facts: RoutingFacts,
  excludedUnits: readonly string[],
  categorySlas: CategorySlas,
): Promise<RoutingDecision> {
  // A fresh Engine per call: a shared one skips rules when runs overlap.
  return decideFromMatches(ruleSet, facts, await matchingRules(ruleSet, facts), excludedUnits, categorySlas);
}

/**
 * The priority and clocks of a coordinator's choice of unit: those of the best matching rule that
 * routes to that unit — judged as if the report lay in that unit when it names no ward, so a noise
 * report without a ward gets the noise rule's clocks — else of the best matching route rule, else
 * no rule's: the report's category's clocks, then the rule set's defaults.
 */
export async function termsForUnit(
  ruleSet: RuleSet,
  facts: RoutingFacts,
  unitCode: string,
  categorySlas: CategorySlas,
): Promise<{ priority: Priority; sla: SlaPolicy; ruleName: string | null }> {
  const placed = { ...facts, wardCode: facts.wardCode ?? unitCode };
  const routes = (await matchingRules(ruleSet, placed)).filter((rule) => rule.event.type === 'route');
  const rule = routes.find((candidate) => targetUnit(candidate, placed) === unitCode) ?? routes[0];
  return { ...routeTerms(ruleSet, facts, categorySlas, rule), ruleName: rule?.name ?? null };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
/** A rule set that cannot be used, naming the rule and field (`where`) and what is wrong with it. */
export class InvalidRuleSet extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`invalid rule set: ${where}: ${problem}`);
    this.name = 'InvalidRuleSet';
  }
}
function check(ok: boolean, where: string, problem: string): asserts ok {
  if (!ok) throw new InvalidRuleSet(where, problem);
}
function checkDuration(value: unknown, where: string) {
  check(typeof value === 'string', where, 'duration must be a string like "8 working_hours"');
  try {
    parseDuration(value);
  } catch (error) {
    check(false, where, (error as Error).message);
  }
}
function checkConditions(node: unknown, where: string): void {
  check(isObject(node), where, 'condition must be an object');
  const keys = ['all', 'any', 'not'].filter((k) => k in node);
  if (keys.length > 0) {
    check(keys.length === 1, where, 'use exactly one of all / any / not');
    const key = keys[0]!;
    const inner = node[key];
    if (key === 'not') return checkConditions(inner, `${where}.not`);
    check(Array.isArray(inner) && inner.length > 0, `${where}.${key}`, 'must be a non-empty array');
    return inner.forEach((c, i) => checkConditions(c, `${where}.${key}[${i}]`));
  }
  check(
    factNames.includes(node.fact as string),
    `${where}.fact`,
    `unknown fact "${String(node.fact)}" (known: ${factNames.join(', ')})`,
  );
  check(
    operators.includes(node.operator as string),
    `${where}.operator`,
    `unknown operator "${String(node.operator)}"`,
  );
  check('value' in node, `${where}.value`, 'missing');
}

/** Checks a rule set as stored (JSON) and returns it typed; throws naming the bad rule and field. */
export function validateRuleSet(raw: unknown): RuleSet {
  check(isObject(raw), 'rule set', 'must be an object');
  check(Number.isInteger(raw.version) && (raw.version as number) > 0, 'version', 'must be a positive integer');
  check(raw.note === undefined || typeof raw.note === 'string', 'note', 'must be a string');
  const defaults = raw.defaults;
  check(isObject(defaults) && isObject(defaults.sla), 'defaults', 'must hold priority and sla {accept, resolve}');
  check(
    priorities.includes(defaults.priority as Priority),
    'defaults.priority',
    `must be one of ${priorities.join(', ')}`,
  );
  checkDuration(defaults.sla.accept, 'defaults.sla.accept');
  checkDuration(defaults.sla.resolve, 'defaults.sla.resolve');
  check(Array.isArray(raw.rules), 'rules', 'must be an array');
  const seen = new Set<string>();
  raw.rules.forEach((rule: unknown, i: number) => {
    check(isObject(rule) && text(rule.name), `rules[${i}]`, 'needs a non-empty name');
    const where = `rule "${rule.name as string}"`;
    check(!seen.has(rule.name as string), where, 'duplicate rule name');
    seen.add(rule.name as string);
    check(
      Number.isInteger(rule.priority) && (rule.priority as number) >= 1,
      `${where} priority`,
      'must be an integer >= 1',
    );
    checkConditions(rule.conditions, `${where} conditions`);
    check(
      isObject(rule.conditions) && !('fact' in rule.conditions),
      `${where} conditions`,
      'top level must be all / any / not',
    );
    const event = rule.event;
    check(isObject(event) && isObject(event.params), `${where} event`, 'needs type and params');
    const params = event.params;
    if (event.type === 'reject') {
      check(
        text(params.reasonVi) && text(params.reasonEn),
        `${where} event.params`,
        'reject needs reasonVi and reasonEn',
      );
      return;
    }
    check(
      event.type === 'route',
      `${where} event.type`,
      `unknown event type "${String(event.type)}" (route or reject)`,
    );
    check(text(params.unitCode), `${where} event.params.unitCode`, 'missing unitCode');
    check(
      params.priority === undefined || priorities.includes(params.priority as Priority),
      `${where} event.params.priority`,
      `must be one of ${priorities.join(', ')}`,
    );
    if (params.sla === undefined) return;
    check(isObject(params.sla), `${where} event.params.sla`, 'must be an object');
    for (const clock of Object.keys(params.sla)) {
      check(
        clock === 'accept' || clock === 'resolve',
        `${where} event.params.sla.${clock}`,
        'unknown clock (accept or resolve)',
      );
      checkDuration(params.sla[clock], `${where} event.params.sla.${clock}`);
    }
  });
  return raw as unknown as RuleSet;
}
