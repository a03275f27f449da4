// Routing rule sets as stored versions: list, draft, publish (and so roll back), and the reports a
// dry-run replays. A stored version is never changed; only which one is active moves.
import type { Db } from './pool';
import { inTransaction, query } from './pool';
import type pg from 'pg';

export interface RuleSetRow {
  version: number;
  note: string;
  created_at: Date;
  created_by: string | null;
  active: boolean;
  published_at: Date | null;
  published_by: string | null;
  rule_count: number;
}

const summary = `version, note, created_at, created_by, active, published_at, published_by,
                 jsonb_array_length(rules->'rules') AS rule_count`;

export async function listRuleSets(db: Db): Promise<RuleSetRow[]> {
  return query<RuleSetRow>(db, `SELECT ${summary} FROM rule_sets ORDER BY version DESC`);
}

export async function findRuleSet(db: Db, version: number): Promise<{ rules: unknown } | undefined> {
  const [row] = await query<{ rules: unknown }>(db, 'SELECT rules FROM rule_sets WHERE version = $1', [version]);
  return row;
}

/** Stores a draft as the next version; `build` puts that version number into the stored document. */
export async function insertDraftRuleSet(
  pool: pg.Pool,
  draft: { note: string; createdBy: string; build(version: number): unknown },
): Promise<RuleSetRow> {
  return inTransaction(pool, async (client) => {
    // One writer at a time picks the next number.
    await client.query('LOCK TABLE rule_sets IN SHARE ROW EXCLUSIVE MODE');
    const [{ next }] = (
      await client.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM rule_sets')
    ).rows;
    const { rows } = await client.query<RuleSetRow>(
      `INSERT INTO rule_sets (version, rules, note, created_by) VALUES ($1, $2, $3, $4) RETURNING ${summary}`,
      [next, JSON.stringify(draft.build(next)), draft.note, draft.createdBy],
    );
    return rows[0]!;
  });
}

/** Makes `version` the active rule set for new routing and transfers; null when there is no such version. */
export async function publishRuleSet(pool: pg.Pool, version: number, by: string): Promise<RuleSetRow | undefined> {
  return inTransaction(pool, async (client) => {
    const { rows: found } = await client.query('SELECT 1 FROM rule_sets WHERE version = $1 FOR UPDATE', [version]);
    if (!found.length) return undefined;
    await client.query('UPDATE rule_sets SET active = false WHERE active AND version <> $1', [version]);
    const { rows } = await client.query<RuleSetRow>(
      `UPDATE rule_sets SET active = true, published_at = now(), published_by = $2 WHERE version = $1 RETURNING ${summary}`,
      [version, by],
    );
    return rows[0];
  });
}

/** A report as a dry-run sees it: its routing facts and the first decision its process recorded. */
export interface ReplayRow {
  code: string;
  category_code: string;
  category_kind: 'feedback' | 'complaint';
  ward_code: string | null;
  channel: string;
  reporter_type: string;
  description: string;
  decision_type: 'routed' | 'triaged' | 'rejected' | null;
  decision_unit: string | null;
}

/** Reports submitted in [from, to) with their first routing decision (none yet: null). */
export async function listReportsForReplay(db: Db, from: Date, to: Date): Promise<ReplayRow[]> {
  return query<ReplayRow>(
    db,
    `SELECT r.code, r.category_code, c.kind AS category_kind, r.ward_code, r.channel, r.reporter_type, r.description,
            d.type AS decision_type, d.details->>'unitCode' AS decision_unit
       FROM reports r JOIN categories c ON c.code = r.category_code
       LEFT JOIN LATERAL (
         SELECT type, details FROM report_events
          WHERE report_id = r.id AND type IN ('routed', 'triaged', 'rejected') ORDER BY seq LIMIT 1) d ON true
      WHERE r.submitted_at >= $1 AND r.submitted_at < $2
      ORDER BY r.submitted_at`,
    [from, to],
  );
}
