// A throw-away PostgreSQL database for the notification tests: created fresh on the local
// server (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432), migrated with every
// db/migrations/*.sql in order, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const migrations = path.join(__dirname, '../../db/migrations');

export interface ScratchDb {
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDb(): Promise<ScratchDb> {
  const name = `pakn_notify_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  const files = (await readdir(migrations)).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files) await pool.query(await readFile(path.join(migrations, file), 'utf8'));
  return {
    name,
    pool,
    async drop() {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Inserts one outbox row (one intent) and returns its id. */
export async function insertOutbox(
  pool: pg.Pool,
  row: { dedupeKey: string; channel: 'sms' | 'email'; recipient: string; body: string; subject?: string; html?: string; template?: string },
): Promise<number> {
  const result = await pool.query<{ id: string }>(
    `INSERT INTO outbox (dedupe_key, channel, recipient, template, subject, body, html)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [row.dedupeKey, row.channel, row.recipient, row.template ?? 'report_ack', row.subject ?? null, row.body, row.html ?? null],
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
