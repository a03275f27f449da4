// Fixed-window rate-limit counters in PostgreSQL, so that every API process counts in the same
// place: one upsert per request and bucket, answering the count so far and when the window ends.
import type { Db } from './pool';
import { query } from './pool';

export interface CounterHit {
  bucket: string;
  hits: number;
  /** whole seconds until the bucket's window closes (at least 1) */
  retryAfterSeconds: number;
}

/**
 * Counts one hit in each bucket's current window (windows are aligned on the epoch, so every
 * process agrees where they start) and returns the counts. One statement for all buckets.
 */
export async function hitCounters(db: Db, buckets: { bucket: string; windowSeconds: number }[]): Promise<CounterHit[]> {
  if (buckets.length === 0) return [];
  const rows = await query<{ bucket: string; hits: number; retry_after: number }>(
    db,
    `WITH asked AS (
       SELECT bucket, window_seconds,
              to_timestamp(floor(extract(epoch FROM now()) / window_seconds) * window_seconds) AS window_start
         FROM unnest($1::text[], $2::integer[]) AS t(bucket, window_seconds)
     )
     INSERT INTO rate_limit_counters AS c (bucket, window_start, expires_at, hits)
     SELECT bucket, window_start, window_start + make_interval(secs => window_seconds), 1 FROM asked
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1
     RETURNING c.bucket, c.hits, greatest(1, ceil(extract(epoch FROM c.expires_at - clock_timestamp())))::integer AS retry_after`,
    [buckets.map((entry) => entry.bucket), buckets.map((entry) => entry.windowSeconds)],
  );
  return rows.map((row) => ({ bucket: row.bucket, hits: row.hits, retryAfterSeconds: row.retry_after }));
}

/** Removes windows that have closed; called now and then by whoever opens a new window. */
export async function pruneExpiredCounters(db: Db): Promise<number> {
  const [row] = await query<{ removed: number }>(
    db,
    'WITH removed AS (DELETE FROM rate_limit_counters WHERE expires_at < now() RETURNING 1) SELECT count(*) AS removed FROM removed',
  );
  return row.removed;
}
