// Staff accounts and page sessions: the password hash of a local account, and sessions stored by
// the hash of their cookie value.
import type { StaffRole } from '../domain/roles';
import { query, type Db } from './pool';

export interface StaffAccount {
  id: string;
  name: string;
  role: StaffRole;
  unit_code: string;
  password_hash: string | null;
  active: boolean;
}

export async function findStaffAccount(db: Db, id: string): Promise<StaffAccount | undefined> {
  const [row] = await query<StaffAccount>(
    db,
    'SELECT id, name, role, unit_code, password_hash, active FROM staff WHERE id = $1',
    [id],
  );
  return row;
}

/** Sets a password where none is set yet (the demo accounts on first start); an admin's change stays. */
export async function setInitialPassword(db: Db, id: string, hash: string): Promise<void> {
  await query(db, 'UPDATE staff SET password_hash = $2 WHERE id = $1 AND password_hash IS NULL', [id, hash]);
}

export async function listStaffWithoutPassword(db: Db): Promise<string[]> {
  return (await query<{ id: string }>(db, 'SELECT id FROM staff WHERE password_hash IS NULL ORDER BY id')).map(
    (row) => row.id,
  );
}

export interface SessionRow {
  staff_id: string;
  name: string;
  role: StaffRole;
  unit_code: string;
  expires_at: Date;
}

export async function insertSession(
  db: Db,
  session: { idHash: string; staffId: string; name: string; role: StaffRole; unitCode: string; expiresAt: Date },
): Promise<void> {
  await query(
    db,
    `INSERT INTO web_sessions (id_hash, staff_id, name, role, unit_code, expires_at) VALUES ($1,$2,$3,$4,$5,$6)`,
    [session.idHash, session.staffId, session.name, session.role, session.unitCode, session.expiresAt],
  );
  // Signing in now and then sweeps the expired sessions.
  if (Math.random() < 0.05) await query(db, 'DELETE FROM web_sessions WHERE expires_at < now()');
}

export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await query<SessionRow>(
    db,
    'SELECT staff_id, name, role, unit_code, expires_at FROM web_sessions WHERE id_hash = $1 AND expires_at > now()',
    [idHash],
  );
  return row;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await query(db, 'DELETE FROM web_sessions WHERE id_hash = $1', [idHash]);
}

/** Ends every page session of a person (deactivated, or given another role or unit). */
export async function deleteSessionsOf(db: Db, staffId: string): Promise<void> {
  await query(db, 'DELETE FROM web_sessions WHERE staff_id = $1', [staffId]);
}
