// The rate-limit hook of the route table: counts each rule's hit in PostgreSQL (fixed windows
// shared by every API process) and refuses with 429, Retry-After and the JSON error when a
// count passes its limit.
import type pg from 'pg';
import { hitCounters, pruneExpiredCounters } from '../db/rateLimits';
import { rateLimited } from './errors';
import type { RateLimitRule } from './routeTable';

export function createRateLimiter(pool: pg.Pool) {
  return async function limit(rules: RateLimitRule[]): Promise<void> {
    const active = rules.filter((rule) => rule.limit > 0 && rule.key);
    if (active.length === 0) return;
    const hits = await hitCounters(
      pool,
      active.map((rule) => ({ bucket: `${rule.name}:${rule.key}`, windowSeconds: rule.windowSeconds })),
    );
    // A new window just opened somewhere: now and then, sweep the closed ones.
    if (hits.some((hit) => hit.hits === 1) && Math.random() < 0.05)
      void pruneExpiredCounters(pool).catch(() => undefined);
    const exceeded = active
      .map((rule) => ({ rule, hit: hits.find((hit) => hit.bucket === `${rule.name}:${rule.key}`)! }))
      .filter(({ rule, hit }) => hit.hits > rule.limit);
    if (exceeded.length === 0) return;
    const retryAfter = Math.max(...exceeded.map(({ hit }) => hit.retryAfterSeconds));
    throw rateLimited(
      retryAfter,
      exceeded.map(({ rule }) => ({ field: rule.field, message: `at most ${rule.limit} per ${rule.windowSeconds} s` })),
    );
  };
}
