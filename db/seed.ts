// Loads the reference data shipped in db/seed/ and rules/ (units, categories, reply templates, staff, weekly summary
// recipients, the 2026 calendar, the routing rule set) idempotently: running it twice changes nothing,
// units, categories and the calendar are only added (admins own them once loaded), and a newer
// rule-set version becomes the active one without touching the versions reports recorded.
import type pg from 'pg';
import units from './seed/units.json';
import categories from './seed/categories.json';
import staff from './seed/staff.json';
import summaryRecipients from './seed/summaryRecipients.json';
import replyTemplates from './seed/replyTemplates.json';
import ruleSet from '../rules/ruleset.json';
import { calendar2026 } from '../domain/calendarSeed';
import { validateRuleSet } from '../rules/evaluate';
import { inTransaction } from './pool';
import { saveSummaryRecipient } from './summaries';
import { demoStaffPassword, setDemoPasswords } from '../usecases/staffAccounts';
import type { UnitRow } from './reference';
import { listOfficialYears, saveOfficialYear } from './calendar';
import { findReplyTemplate, saveReplyTemplateVersion } from './replyTemplates';
import { replyTemplateProblems } from '../domain/replyTemplates';

/** A unit as db/seed/units.json lists it: the stored row without its derived path, plus its history. */
interface SeedUnit extends Omit<UnitRow, 'path' | 'head_name' | 'head_phone' | 'head_email'> {
  head_name?: string | null;
  head_phone?: string | null;
  head_email?: string | null;
  source?: string;
  valid_from?: string;
  valid_to?: string;
  successor_code?: string;
}

/** '/HCM/P-SAIGON/': the unit's ancestry, so that a scope is a prefix. */
function unitPaths(list: SeedUnit[]): Map<string, string> {
  const byCode = new Map(list.map((unit) => [unit.code, unit]));
  const paths = new Map<string, string>();
  const pathOf = (code: string): string => {
    const known = paths.get(code);
    if (known) return known;
    const unit = byCode.get(code);
    if (!unit) throw new Error(`seed: unknown parent unit ${code}`);
    const path = `${unit.parent_code ? pathOf(unit.parent_code) : '/'}${unit.code}/`;
    paths.set(code, path);
    return path;
  };
  list.forEach((unit) => pathOf(unit.code));
  return paths;
}

export async function seed(pool: pg.Pool): Promise<void> {
  const validRuleSet = validateRuleSet(ruleSet);
  const seedUnits = units as SeedUnit[];
  const paths = unitPaths(seedUnits);
  await inTransaction(pool, async (client) => {
    // Insert-only: once loaded, units and categories are the admins' (renames, merges, versions).
    const insertedUnits = new Set<string>();
    for (const unit of seedUnits) {
      const result = await client.query(
        `INSERT INTO units (code, name_vi, name_en, type, path, head_name, head_phone, head_email, valid_from, valid_to, source)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,coalesce($9::date, '2025-07-01'),$10,$11)
         ON CONFLICT (code) DO NOTHING`,
        [
          unit.code,
          unit.name_vi,
          unit.name_en,
          unit.type,
          paths.get(unit.code),
          unit.head_name ?? null,
          unit.head_phone ?? null,
          unit.head_email ?? null,
          unit.valid_from ?? null,
          unit.valid_to ?? null,
          unit.source ?? null,
        ],
      );
      if (result.rowCount) insertedUnits.add(unit.code);
    }
    for (const unit of seedUnits.filter((candidate) => insertedUnits.has(candidate.code))) {
      await client.query('UPDATE units SET parent_code = $2, successor_code = $3 WHERE code = $1', [
        unit.code,
        unit.parent_code,
        unit.successor_code ?? null,
      ]);
    }
    for (const category of categories) {
      await client.query(
        `INSERT INTO categories (code, name_vi, name_en, description_vi, description_en, kind) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (code) DO NOTHING`,
        [
          category.code,
          category.name_vi,
          category.name_en,
          category.description_vi,
          category.description_en,
          category.kind,
        ],
      );
    }
    // Insert-only, like categories: once loaded, the admins edit them as versions.
    for (const template of replyTemplates) {
      const problems = replyTemplateProblems(template.bodyVi);
      if (problems.length) throw new Error(`seed: reply template ${template.code}: ${problems.join('; ')}`);
      if (!(await findReplyTemplate(client, template.code)))
        await saveReplyTemplateVersion(client, { ...template, active: true }, 'seed');
    }
    for (const person of staff) {
      await client.query(
        `INSERT INTO staff (id, name, role, unit_code, phone, email) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (id) DO UPDATE SET name = $2, role = $3, unit_code = $4, phone = $5, email = $6`,
        [person.id, person.name, person.role, person.unit_code, person.phone, person.email],
      );
    }
    for (const recipient of summaryRecipients) await saveSummaryRecipient(client, { ...recipient, active: true });
    // 2026 as the government decided it, unless an admin has entered it since (their edits win).
    if (!(await listOfficialYears(client)).includes(2026)) {
      await saveOfficialYear(client, {
        year: 2026,
        days: calendar2026.map((day) => ({ date: day.day, kind: day.kind, nameVi: day.name, nameEn: day.nameEn })),
        source: 'domain/calendarSeed.ts (Công văn 12729/VPCP-KGVX; Bộ Nội vụ 2025)',
        by: 'seed',
      });
    }
    const inserted = await client.query(
      'INSERT INTO rule_sets (version, rules, note) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING RETURNING version',
      [validRuleSet.version, JSON.stringify(ruleSet), validRuleSet.note ?? ''],
    );
    if (inserted.rowCount) {
      await client.query('UPDATE rule_sets SET active = false WHERE active');
      await client.query(
        "UPDATE rule_sets SET active = true, published_at = now(), published_by = 'seed' WHERE version = $1",
        [validRuleSet.version],
      );
    }
  });
  // The demo staff's local accounts (the embedded default's sign-in); a password changed since stays.
  await setDemoPasswords(
    pool,
    staff.map((person) => person.id),
    demoStaffPassword,
  );
}
