// Staff accounts and page sessions: the password hash of a local account, sessions stored by the
// hash of their cookie value, and OpenID Connect sign-ins in progress, stored the same way.
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
  session: {
    idHash: string;
    staffId: string;
    name: string;
    role: StaffRole;
    unitCode: string;
    expiresAt: Date;
    idToken?: string;
  },
): Promise<void> {
  await query(
    db,
    `INSERT INTO web_sessions (id_hash, staff_id, name, role, unit_code, expires_at, id_token)
     VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [
      session.idHash,
      session.staffId,
      session.name,
      session.role,
      session.unitCode,
      session.expiresAt,
      session.idToken ?? null,
    ],
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

/** Ends a session; returns the provider's ID token it was opened with, if any (the hint of the provider's logout). */
export async function deleteSession(db: Db, idHash: string): Promise<string | null> {
  const [row] = await query<{ id_token: string | null }>(
    db,
    'DELETE FROM web_sessions WHERE id_hash = $1 RETURNING id_token',
    [idHash],
  );
  return row?.id_token ?? null;
}

export interface OidcSignIn {
  state: string;
  nonce: string;
  code_verifier: string;
  next_path: string | null;
}

export async function insertOidcSignIn(
  db: Db,
  signIn: {
    idHash: string;
    state: string;
    nonce: string;
    codeVerifier: string;
    nextPath: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await query(db, 'DELETE FROM oidc_sign_ins WHERE expires_at < now()');
  await query(
    db,
    `INSERT INTO oidc_sign_ins (id_hash, state, nonce, code_verifier, next_path, expires_at) VALUES ($1,$2,$3,$4,$5,$6)`,
    [signIn.idHash, signIn.state, signIn.nonce, signIn.codeVerifier, signIn.nextPath, signIn.expiresAt],
  );
}

/** The sign-in in progress, deleted as it is read: a callback can be used once. */
export async function takeOidcSignIn(db: Db, idHash: string): Promise<OidcSignIn | undefined> {
  const [row] = await query<OidcSignIn & { expired: boolean }>(
    db,
    `DELETE FROM oidc_sign_ins WHERE id_hash = $1
     RETURNING state, nonce, code_verifier, next_path, expires_at < now() AS expired`,
    [idHash],
  );
  return row && !row.expired
    ? { state: row.state, nonce: row.nonce, code_verifier: row.code_verifier, next_path: row.next_path }
    : undefined;
}

/** Ends every page session of a person (deactivated, or given another role or unit). */
export async function deleteSessionsOf(db: Db, staffId: string): Promise<void> {
  await query(db, 'DELETE FROM web_sessions WHERE staff_id = $1', [staffId]);
}
