// A throw-away database for the notification tests (a copy of the run's migrated template,
// dropped afterwards) and the outbox rows they deliver.
import pg from 'pg';
import { createPool } from '../../db/pool';
import { createTestDatabase, dropTestDatabase } from '../support/system';
import { databaseUrl } from '../support/env';

export interface ScratchDb {
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createScratchDb(): Promise<ScratchDb> {
  const name = await createTestDatabase();
  const pool = createPool(databaseUrl(name), 4);
  return {
    name,
    pool,
    async drop() {
      await pool.end();
      await dropTestDatabase(name);
    },
  };
}

/** Inserts one outbox row (one intent) and returns its id. */
export async function insertOutbox(
  pool: pg.Pool,
  row: {
    dedupeKey: string;
    channel: 'sms' | 'email';
    recipient: string;
    body: string;
    subject?: string;
    html?: string;
    template?: string;
  },
): Promise<number> {
  const result = await pool.query<{ id: string }>(
    `INSERT INTO outbox (dedupe_key, channel, recipient, template, subject, body, html)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      row.dedupeKey,
      row.channel,
      row.recipient,
      row.template ?? 'report_ack',
      row.subject ?? null,
      row.body,
      row.html ?? null,
    ],
  );
  return Number(result.rows[0].id);
}

export async function outboxRow(pool: pg.Pool, id: number) {
  const result = await pool.query(
    `SELECT status, provider, provider_message_id, attempts, last_error, sent_at, delivered_at FROM outbox WHERE id = $1`,
    [id],
  );
  return result.rows[0] as {
    status: string;
    provider: string | null;
    provider_message_id: string | null;
    attempts: number;
    last_error: string | null;
    sent_at: Date | null;
    delivered_at: Date | null;
  };
}
