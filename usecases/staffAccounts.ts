// Local staff accounts, for the embedded default without an OpenID Connect provider: passwords
// hashed with scrypt (memory-hard, in node:crypto), verified in constant time. Seeded demo staff
// get the demo password on first start.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type pg from 'pg';
import { findStaffAccount, listStaffWithoutPassword, setInitialPassword, type StaffAccount } from '../db/sessions';

// N = 2^15, r = 8: 32 MiB and some 50-100 ms per hash on this machine class (OWASP's scrypt floor is 2^17 / 8 / 1
// for 128 MiB; raise N where sign-in volume allows).
const params = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** 'scrypt$N$r$p$salt$hash' (base64url), so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// Verified against when the account does not exist, so timing does not tell which ids exist.
let decoy: Promise<string> | undefined;

/** The account when the password matches and it is active; undefined otherwise (unknown id, no local password, wrong password, deactivated). */
export async function checkLocalSignIn(pool: pg.Pool, id: string, password: string): Promise<StaffAccount | undefined> {
  const account = await findStaffAccount(pool, id.trim());
  if (!account?.password_hash) {
    await verifyPassword(password, await (decoy ??= hashPassword('decoy')));
    return undefined;
  }
  // A deactivated account's password is still verified, so timing does not tell it apart either.
  return (await verifyPassword(password, account.password_hash)) && account.active ? account : undefined;
}

/** The seeded demo staff's password, printed by `npm start`. */
export const demoStaffPassword = 'pakn-demo';

/** Gives the named (seeded) staff without a password this one; returns their ids. */
export async function setDemoPasswords(pool: pg.Pool, seededIds: string[], password: string): Promise<string[]> {
  const ids = (await listStaffWithoutPassword(pool)).filter((id) => seededIds.includes(id));
  await Promise.all(ids.map(async (id) => setInitialPassword(pool, id, await hashPassword(password))));
  return ids;
}
