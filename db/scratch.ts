// Throw-away databases on a PostgreSQL server, for the tests and the bench: created beside the
// admin URL's database, migrated and seeded (or copied from a template), dropped afterwards.
import pg from 'pg';
import { migrate } from './migrate';
import { createPool } from './pool';
import { seed } from './seed';

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

export function databaseUrlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates `name` (replacing one left over), as a copy of `template` or migrated and seeded; returns its URL. */
export async function createScratchDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(adminUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = databaseUrlOf(adminUrl, name);
  if (template) return url;
  const pool = createPool(url, 2);
  try {
    await migrate(pool);
    await seed(pool);
  } finally {
    await pool.end();
  }
  return url;
}

export async function dropScratchDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
