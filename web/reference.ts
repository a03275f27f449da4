// Reference data the pages show on every request (the working calendar, the categories' promised
// deadlines, the category and ward lists): read through the API's routes or tables at most every
// 10 s, as the report activities do, not per page view.
import type pg from 'pg';
import { loadCategorySlas } from '../db/categories';
import { loadActiveRuleSet, loadCalendarDays } from '../db/reference';
import { defaultOfficeHours, type WorkingCalendar } from '../domain/workingTime';
import { validateRuleSet } from '../rules/evaluate';
import { categoryPromises } from '../rules/promise';

const freshForMs = 10_000;

function fresh<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > freshForMs) {
      const value = load();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

export function createReferenceCache(pool: pg.Pool) {
  return {
    calendar: fresh(async (): Promise<WorkingCalendar> => {
      const days = await loadCalendarDays(pool);
      return {
        holidays: days.filter((day) => day.kind === 'holiday').map((day) => day.day),
        workdays: days.filter((day) => day.kind === 'workday').map((day) => day.day),
        officeHours: defaultOfficeHours,
      };
    }),
    promises: fresh(async () =>
      categoryPromises(validateRuleSet(await loadActiveRuleSet(pool)), await loadCategorySlas(pool)),
    ),
  };
}

export type ReferenceCache = ReturnType<typeof createReferenceCache>;
