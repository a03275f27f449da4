// Recipients of the weekly summary: a person, their phone (E.164) and e-mail, and the unit whose
// subtree their figures cover.
import type { Db } from './pool';
import { query } from './pool';

export interface SummaryRecipient {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  scopeUnitCode: string;
  active: boolean;
}

const columns = 'id, name, phone, email, scope_unit_code AS "scopeUnitCode", active';

export async function listSummaryRecipients(db: Db, activeOnly: boolean): Promise<SummaryRecipient[]> {
  return query<SummaryRecipient>(
    db,
    `SELECT ${columns} FROM summary_recipients WHERE active OR NOT $1 ORDER BY scope_unit_code, id`,
    [activeOnly],
  );
}

/** Adds a recipient, or updates the one with the same id (seeding runs again). */
export async function saveSummaryRecipient(db: Db, recipient: SummaryRecipient): Promise<SummaryRecipient> {
  const [row] = await query<SummaryRecipient>(
    db,
    `INSERT INTO summary_recipients (id, name, phone, email, scope_unit_code, active) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = $2, phone = $3, email = $4, scope_unit_code = $5, active = $6
     RETURNING ${columns}`,
    [recipient.id, recipient.name, recipient.phone, recipient.email, recipient.scopeUnitCode, recipient.active],
  );
  return row;
}
