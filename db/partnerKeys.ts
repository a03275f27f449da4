// Partner API keys for Open311: issue, list, revoke, look up by hash, and the per-key request
// counter per minute (one row per key and minute, shared by every API process).
import type { Db } from './pool';
import { query } from './pool';

export interface PartnerKeyRow {
  id: string;
  partner: string;
  label: string;
  key_prefix: string;
  rate_limit_per_minute: number;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

const columns =
  'id, partner, label, key_prefix, rate_limit_per_minute, created_at, created_by, revoked_at, revoked_by, last_used_at';

export interface NewPartnerKey {
  id: string;
  partner: string;
  label: string;
  keyPrefix: string;
  keyHash: string;
  rateLimitPerMinute: number;
  createdBy: string;
}

export async function insertPartnerKey(db: Db, key: NewPartnerKey): Promise<PartnerKeyRow> {
  const [row] = await query<PartnerKeyRow>(
    db,
    `INSERT INTO partner_api_keys (id, partner, label, key_prefix, key_hash, rate_limit_per_minute, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [key.id, key.partner, key.label, key.keyPrefix, key.keyHash, key.rateLimitPerMinute, key.createdBy],
  );
  return row;
}

export async function listPartnerKeys(db: Db): Promise<PartnerKeyRow[]> {
  return query<PartnerKeyRow>(db, `SELECT ${columns} FROM partner_api_keys ORDER BY partner, created_at`);
}

/** Revokes the key (once: a second call keeps the first time and actor); undefined when unknown. */
export async function revokePartnerKey(db: Db, id: string, revokedBy: string): Promise<PartnerKeyRow | undefined> {
  const [row] = await query<PartnerKeyRow>(
    db,
    `UPDATE partner_api_keys SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2)
      WHERE id = $1 RETURNING ${columns}`,
    [id, revokedBy],
  );
  return row;
}

export async function findPartnerKeyByHash(db: Db, keyHash: string): Promise<PartnerKeyRow | undefined> {
  const [row] = await query<PartnerKeyRow>(db, `SELECT ${columns} FROM partner_api_keys WHERE key_hash = $1`, [
    keyHash,
  ]);
  return row;
}

/** Counts one request in the key's current minute; returns the count so far and the seconds left in the minute. */
export async function countPartnerRequest(db: Db, keyId: string): Promise<{ count: number; secondsLeft: number }> {
  const [row] = await query<{ count: number; seconds_left: number }>(
    db,
    `INSERT INTO partner_rate_windows (key_id, window_start, count) VALUES ($1, date_trunc('minute', now()), 1)
     ON CONFLICT (key_id, window_start) DO UPDATE SET count = partner_rate_windows.count + 1
     RETURNING count, extract(epoch FROM window_start + interval '1 minute' - now())::float8 AS seconds_left`,
    [keyId],
  );
  if (row.count === 1) {
    // First request of a new minute: drop the key's older windows and note when it was last used.
    await query(
      db,
      "DELETE FROM partner_rate_windows WHERE key_id = $1 AND window_start < date_trunc('minute', now())",
      [keyId],
    );
    await query(db, 'UPDATE partner_api_keys SET last_used_at = now() WHERE id = $1', [keyId]);
  }
  return { count: row.count, secondsLeft: row.seconds_left };
}
