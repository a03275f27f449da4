// Partner API keys: generated with 192 random bits, stored only as a SHA-256 hash (a key is
// random, so a plain hash is enough and the lookup is one indexed equality), refused when
// unknown or revoked, and counted per minute in PostgreSQL so every API process agrees.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { countPartnerRequest, findPartnerKeyByHash, insertPartnerKey, type PartnerKeyRow } from '../../db/partnerKeys';
import { Open311Error, forbidden } from './errors';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface IssuedKey {
  row: PartnerKeyRow;
  /** the key itself: shown once, never stored */
  key: string;
}

export async function issuePartnerKey(
  pool: pg.Pool,
  partner: string,
  label: string,
  rateLimitPerMinute: number,
  createdBy: string,
): Promise<IssuedKey> {
  const key = `pakn_${randomBytes(24).toString('base64url')}`;
  const row = await insertPartnerKey(pool, {
    id: randomUUID(),
    partner,
    label,
    keyPrefix: key.slice(0, 12),
    keyHash: hashKey(key),
    rateLimitPerMinute,
    createdBy,
  });
  return { row, key };
}

/**
 * The partner key presented as api_key, counted against its per-minute limit. Throws the
 * spec's 403 for a missing, unknown or revoked key and 429 (with Retry-After) past the limit.
 */
export async function admitPartner(pool: pg.Pool, apiKey: string | undefined, action: string): Promise<PartnerKeyRow> {
  if (!apiKey) throw forbidden(`api_key is required to ${action}.`);
  const row = apiKey.length <= 200 ? await findPartnerKeyByHash(pool, hashKey(apiKey)) : undefined;
  if (!row) throw forbidden(`Invalid api_key received -- can't ${action}.`);
  if (row.revoked_at) throw forbidden(`This api_key was revoked -- can't ${action}.`);
  const { count, secondsLeft } = await countPartnerRequest(pool, row.id);
  if (count > row.rate_limit_per_minute) {
    throw new Open311Error(
      429,
      [`Rate limit of ${row.rate_limit_per_minute} requests per minute reached for this api_key; retry later.`],
      {
        'Retry-After': String(Math.max(1, Math.ceil(secondsLeft))),
      },
    );
  }
  return row;
}
