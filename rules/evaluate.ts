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
export interface RuleSet {
  version: number;
  note?: string;
  defaults: { priority: Priority; sla: SlaText };
  rules: RuleDefinition[];
}
export interface RoutingFacts {
  categoryCode: string;
  categoryKind: 'feedback' | 'complaint';
  wardCode: string | null;
  channel: string;
  reporterType: string;
  description: string;
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

export async function decideRoute(
  ruleSet: RuleSet,
  facts: RoutingFacts,
  excludedUnits: string[],
): Promise<RoutingDecision> {
  // A fresh Engine per call: a shared one skips rules when runs overlap.
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(mentionsAny);
  ruleSet.rules.forEach((rule, index) =>
    engine.addRule(
      new Rule({ name: String(index), priority: rule.priority, conditions: rule.conditions, event: rule.event }),
    ),
  );
  const { results } = await engine.run({ ...facts });
  const matched = results
    .map((r) => Number(r.name))
    .sort((a, b) => ruleSet.rules[b]!.priority - ruleSet.rules[a]!.priority || a - b)
    .map((index) => ruleSet.rules[index]!);
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
    const unitCode = event.params.unitCode === WARD_UNIT ? facts.wardCode : event.params.unitCode;
    if (!unitCode || excludedUnits.includes(unitCode)) continue;
    const sla = { ...ruleSet.defaults.sla, ...event.params.sla };
    return {
      kind: 'route',
      unitCode,
      priority: event.params.priority ?? ruleSet.defaults.priority,
      sla: { accept: parseDuration(sla.accept), resolve: parseDuration(sla.resolve) },
      ruleName: rule.name,
      ruleVersion,
    };
  }
  return { kind: 'triage', ruleVersion };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
function check(ok: boolean, where: string, problem: string): asserts ok {
  if (!ok) throw new Error(`invalid rule set: ${where}: ${problem}`);
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
