// The deadline a category promises citizens, read from the active rule set: the longest resolve
// clock among the rules that route that category (what a reporter can count on whatever the ward),
// each rule's clock decided as routing decides it (the rule's own, else the category's, else the
// rule set's default); a category no rule names promises its own resolve clock, else the default.
// The report form shows it beside the category.
import { parseDuration, type Duration } from '../domain/sla';
import { slaFor, type CategorySlas, type RuleSet } from './evaluate';

// Comparable sizes only: a working day is 8 working hours, and both are shorter than calendar time.
const weight: Record<Duration['unit'], number> = {
  seconds: 1 / 3600,
  minutes: 1 / 60,
  hours: 1,
  working_hours: 3,
  working_days: 24,
  calendar_days: 24,
};
const size = (duration: Duration) => duration.amount * weight[duration.unit];

function categoriesNamed(conditions: unknown): string[] {
  const all = (conditions as { all?: { fact?: string; operator?: string; value?: unknown }[] }).all ?? [];
  return all
    .filter((condition) => condition.fact === 'categoryCode' && condition.operator === 'equal')
    .map((condition) => String(condition.value));
}

export function categoryPromises(
  ruleSet: RuleSet,
  categorySlas: CategorySlas,
): { byCategory: Map<string, Duration>; fallback: Duration } {
  const fallback = parseDuration(ruleSet.defaults.sla.resolve);
  const byCategory = new Map<string, Duration>();
  for (const rule of ruleSet.rules) {
    if (rule.event.type !== 'route') continue;
    for (const category of categoriesNamed(rule.conditions)) {
      const resolve = parseDuration(slaFor(ruleSet, category, categorySlas, rule).resolve.duration);
      const known = byCategory.get(category);
      if (!known || size(resolve) > size(known)) byCategory.set(category, resolve);
    }
  }
  for (const [category, sla] of categorySlas)
    if (sla.resolve !== undefined && !byCategory.has(category)) byCategory.set(category, parseDuration(sla.resolve));
  return { byCategory, fallback };
}
