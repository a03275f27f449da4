// Staff directory queries: the people of a scope (a unit's subtree) and saving one person.
import type { Db } from './pool';
import { query } from './pool';
import type { StaffRole } from '../domain/roles';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  unitCode: string;
  phone: string | null;
  email: string | null;
  active: boolean;
}

const columns = `s.id, s.name, s.role, s.unit_code AS "unitCode", s.phone, s.email, s.active`;

/** People whose unit lies in the subtree at `scopePath` ('/HCM/' for the city). */
export async function listStaffIn(db: Db, scopePath: string): Promise<StaffMember[]> {
  return query<StaffMember>(
    db,
    `SELECT ${columns} FROM staff s JOIN units u ON u.code = s.unit_code
      WHERE u.path LIKE $1 || '%' ORDER BY u.path, s.name, s.id`,
    [scopePath],
  );
}

export async function findStaffMember(db: Db, id: string): Promise<(StaffMember & { unitPath: string }) | undefined> {
  const [row] = await query<StaffMember & { unitPath: string }>(
    db,
    `SELECT ${columns}, u.path AS "unitPath" FROM staff s JOIN units u ON u.code = s.unit_code WHERE s.id = $1`,
    [id],
  );
  return row;
}

export async function saveStaffMember(db: Db, member: StaffMember, by: string): Promise<void> {
  await query(
    db,
    `INSERT INTO staff (id, name, role, unit_code, phone, email, active, updated_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (id) DO UPDATE SET name = $2, role = $3, unit_code = $4, phone = $5, email = $6, active = $7,
       updated_by = $8, updated_at = now()`,
    [member.id, member.name, member.role, member.unitCode, member.phone, member.email, member.active, by],
  );
}
