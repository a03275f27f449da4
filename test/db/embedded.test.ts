// The embedded default database (`npm start` without DATABASE_URL) under the load that made its
// predecessor answer wrongly: the API and the worker hammer it at once — concurrent public reads,
// staff lists, submissions whose workflows write in transactions, and transactions of our own —
// and every answer is checked: each is right, or an explicit 503 `database_unavailable` when the
// pool is saturated on a starved machine (the API's declared backpressure, which a client retries),
// never wrong data, a 404 for a report that exists, or a 500. Also: the extensions later features
// need, and a restart keeps data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../db/embedded';
import { freePort } from '../support/globalSetup';
import { submitRouted } from '../support/reports';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';

const directory = mkdtempSync(path.join(tmpdir(), 'pakn-embedded-'));
let port: number;
let embedded: EmbeddedDatabase;
let system: TestSystem;

beforeAll(async () => {
  port = await freePort();
  embedded = await startEmbeddedDatabase(directory, port);
  system = await startTestSystem({}, embedded.url);
});
afterAll(async () => {
  await system?.stop();
  await embedded?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const report = (n: number) => ({
  categoryCode: 'WASTE',
  description: `Rác tồn đọng trước số ${n} Lê Lợi, phản ánh số ${n} của bài kiểm thử tải.`,
  location: { wardCode: 'P-SAIGON', address: `${n} Lê Lợi` },
  reporter: { name: 'Nguyễn Văn Bình', phone: `0912${String(n).padStart(6, '0')}` }, // one per phone: no rate limit
});

/** Transactions of our own beside the system's: each adds 1 to a counter and logs it, or neither. */
async function countedTransactions(pool: pg.Pool, count: number): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS hammer_counter (k int PRIMARY KEY, v int NOT NULL)');
  await pool.query('CREATE TABLE IF NOT EXISTS hammer_log (id serial PRIMARY KEY, k int NOT NULL, note text)');
  await pool.query('INSERT INTO hammer_counter SELECT g, 0 FROM generate_series(1, 5) g ON CONFLICT DO NOTHING');
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('UPDATE hammer_counter SET v = v + 1 WHERE k = $1', [1 + (i % 5)]);
        await client.query('INSERT INTO hammer_log (k, note) VALUES ($1, $2)', [1 + (i % 5), 'x'.repeat(i * 50)]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }),
  );
}

describe('the embedded default database', () => {
  it('when the API and the worker hammer it at once, then every answer is right', async () => {
    const known = await Promise.all([1, 2, 3].map((n) => submitRouted(system, report(n))));
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const wrong: string[] = [];
    let refused = 0;
    /** Records an answer that is neither right nor an explicit 503 refusal. */
    const check = (what: string, reply: { status: number; body: any }, right: boolean) => {
      if (right) return;
      if (reply.status === 503 && reply.body?.error?.code === 'database_unavailable') refused += 1;
      else wrong.push(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    };

    const reads = Array.from({ length: 800 }, async (_, i) => {
      const { code } = known[i % known.length];
      const reply = await call(system, 'GET', `/api/v1/reports/${code}`);
      check(
        `GET ${code}`,
        reply,
        reply.status === 200 && reply.body.code === code && reply.body.unit?.code === 'P-SAIGON',
      );
    });
    const lists = Array.from({ length: 40 }, async () => {
      const reply = await call(system, 'GET', '/api/v1/tasks?status=assigned', { token: staff });
      const codes = new Set((reply.body.items ?? []).map((item: { code: string }) => item.code));
      check('GET /tasks', reply, reply.status === 200 && known.every((made) => codes.has(made.code)));
    });
    const submissions = Array.from({ length: 30 }, async (_, i) => {
      const reply = await call(system, 'POST', '/api/v1/reports', { body: report(100 + i) });
      check('POST', reply, reply.status === 201);
      return reply.status === 201 ? (reply.body.code as string) : undefined;
    });
    // Our own transactions come from another pool, as from another process.
    const other = new pg.Pool({ connectionString: system.config.databaseUrl, max: 5 });
    const [submitted] = await Promise.all([
      Promise.all(submissions),
      Promise.all(reads),
      Promise.all(lists),
      countedTransactions(other, 200).finally(() => other.end()),
    ]);

    expect(wrong).toEqual([]);
    expect(refused).toBeLessThan(800); // most answers came, right
    const codes = submitted.filter((code) => code !== undefined);
    const counted = await system.pool.query(
      'SELECT (SELECT sum(v) FROM hammer_counter)::int AS total, (SELECT count(*) FROM hammer_log)::int AS logged',
    );
    expect(counted.rows[0]).toEqual({ total: 200, logged: 200 });
    // Every submission was routed by its workflow (activities writing in transactions meanwhile).
    await eventually(
      async () => {
        const routed = await system.pool.query(
          "SELECT count(*)::int AS n FROM reports WHERE code = ANY($1) AND status = 'assigned'",
          [codes],
        );
        return routed.rows[0].n === codes.length;
      },
      90_000,
      'every accepted submission routed',
    );
    const timelines = await system.pool.query(
      `SELECT r.code, array_agg(e.type ORDER BY e.seq) AS types FROM reports r JOIN report_events e ON e.report_id = r.id
        WHERE r.code = ANY($1) GROUP BY r.code`,
      [codes],
    );
    expect(timelines.rows).toHaveLength(codes.length);
    for (const row of timelines.rows) expect(row.types).toEqual(['submitted', 'received', 'routed']);
  });

  it('when a later feature needs unaccent, pg_trgm, cube and earthdistance, then the embedded server has them', async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      for (const extension of ['unaccent', 'pg_trgm', 'cube', 'earthdistance', 'btree_gist'])
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
      const { rows } = await client.query(
        `SELECT unaccent('Đường Lê Lợi, phường Sài Gòn') AS plain,
                similarity('Sài Gòn', unaccent('Sài Gòn')) < 1 AS accents_matter,
                round(earth_distance(ll_to_earth(10.7752, 106.7009), ll_to_earth(10.7769, 106.7009))) AS metres`,
      );
      expect(rows[0]).toEqual({ plain: 'Duong Le Loi, phuong Sai Gon', accents_matter: true, metres: 189 });
    } finally {
      await client.end();
    }
  });

  it('when it is stopped and started again on the same folder, then the data is still there', async () => {
    const before = await system.pool.query('SELECT count(*)::int AS n FROM reports');
    await system.stopWorker();
    await embedded.stop();
    embedded = await startEmbeddedDatabase(directory, port);
    const after = await eventually(
      async () => (await system.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0],
      30_000,
      'the restarted server',
    );
    expect(after.n).toBe(before.rows[0].n);
    expect(after.n).toBeGreaterThanOrEqual(3);
  });
});
