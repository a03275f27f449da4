// Trust bench, against a running API (the caller fills the database and starts it): latency of
// the public list and of an authenticated task list at a fixed request rate (autocannon), beside
// an unauthenticated baseline in the same run; and the cost of authentication and authorisation
// per request, measured sequentially with sub-millisecond timing: the same route refused for
// lack of a token (401, no verification) and refused for its role after a full verification
// (403: JWT signature, claims, unit lookup, role check), so only the check differs.
import { createRequire } from 'node:module';
import http from 'node:http';
import { percentile, round } from './measure';

export interface TrustBenchOptions {
  /** the running API, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** a token whose role may list tasks (unit staff of a busy unit, or a leader) */
  staffToken: string;
  /** a valid token whose role may not read the triage queue (an operator's) */
  refusedToken: string;
  /** query string of the public list, e.g. 'wardCode=P-SAIGON' */
  publicQuery?: string;
  /** requests per second during each load run (the target is stated at 100 req/s) */
  rate?: number;
  durationSeconds?: number;
  connections?: number;
  /** sequential requests per series of the authentication probe */
  probeRequests?: number;
  log?: (line: string) => void;
}

interface AutocannonResult {
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

async function load(
  url: string,
  headers: Record<string, string>,
  options: Required<Pick<TrustBenchOptions, 'rate' | 'durationSeconds' | 'connections'>>,
) {
  const settings = { url, headers, overallRate: options.rate, connections: options.connections };
  await autocannon({ ...settings, duration: 2 }); // not counted: connections opened, code warm
  const result = await autocannon({ ...settings, duration: options.durationSeconds });
  return {
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    meanMs: round(result.latency.average, 2),
    maxMs: result.latency.max,
    requestsPerSecond: round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count]),
    ),
  };
}

/** Sequential requests on one kept-alive connection: per-request latency in ms, precise below 1 ms. */
async function probe(url: string, headers: Record<string, string>, count: number, expectedStatus: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      http
        .get(url, { agent, headers }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== expectedStatus)
              reject(new Error(`bench: ${url} answered ${res.statusCode}, expected ${expectedStatus}`));
            else resolve(Number(process.hrtime.bigint() - started) / 1e6);
          });
        })
        .on('error', reject);
    });
  for (let i = 0; i < Math.min(200, count); i += 1) await once(); // warm-up: JIT, pools, JWKS / unit caches
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(times, 50), 3),
    p99Ms: round(percentile(times, 99), 3),
    meanMs: round(times.reduce((sum, t) => sum + t, 0) / times.length, 3),
  };
}

export async function benchTrust(opts: TrustBenchOptions): Promise<Record<string, unknown>> {
  const log = opts.log ?? console.log;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const run = {
    rate: opts.rate ?? 100,
    durationSeconds: opts.durationSeconds ?? 10,
    connections: opts.connections ?? 10,
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const publicList = `${base}/api/v1/public/reports${opts.publicQuery ? `?${opts.publicQuery}` : ''}`;

  log(`trust bench: ${run.rate} req/s for ${run.durationSeconds} s per route`);
  // The league is computed once a minute and served stale while it is recomputed: its first
  // computation after a start is what a reader may wait for, timed on its own before the load.
  const league = `${base}/api/v1/public/units/league`;
  const leagueStarted = performance.now();
  await (await fetch(league)).arrayBuffer();
  const leagueFirstMs = round(performance.now() - leagueStarted);
  const underLoad = {
    baselineHealthz: await load(`${base}/healthz`, {}, run),
    baselineCategories: await load(`${base}/api/v1/categories`, {}, run),
    publicList: await load(publicList, {}, run),
    publicListFirstWardPage: await load(`${base}/api/v1/public/reports?wardCode=P-SAIGON&pageSize=20`, {}, run),
    league: await load(league, {}, { ...run, durationSeconds: Math.max(3, Math.round(run.durationSeconds / 2)) }),
    taskList: await load(`${base}/api/v1/tasks?pageSize=50`, bearer(opts.staffToken), run),
  };

  const count = opts.probeRequests ?? 2_000;
  log(`trust bench: authentication probe, ${count} sequential requests per series`);
  const triage = `${base}/api/v1/triage?pageSize=1`;
  const sequential = {
    healthz: await probe(`${base}/healthz`, {}, count, 200),
    withoutToken401: await probe(triage, {}, count, 401),
    verifiedButRefused403: await probe(triage, bearer(opts.refusedToken), count, 403),
  };
  const authCost = {
    /** JWT verification, claims, unit lookup and role check: the 403 series minus the 401 series */
    p50Ms: round(sequential.verifiedButRefused403.p50Ms - sequential.withoutToken401.p50Ms, 3),
    meanMs: round(sequential.verifiedButRefused403.meanMs - sequential.withoutToken401.meanMs, 3),
    /** the same, as a share of an authenticated task-list request under load */
    shareOfTaskListMean: round(
      (sequential.verifiedButRefused403.meanMs - sequential.withoutToken401.meanMs) /
        Math.max(underLoad.taskList.meanMs, 0.001),
      3,
    ),
  };

  const figures = {
    rate: run.rate,
    underLoad,
    leagueFirstMs,
    sequential,
    authCost,
    publicListP99UnderTarget: underLoad.publicList.p99Ms < 50,
  };
  log('route                         p50 ms   p99 ms   mean ms   req/s   non-2xx');
  for (const [name, row] of Object.entries(underLoad)) {
    log(
      `${name.padEnd(28)} ${String(row.p50Ms).padStart(7)} ${String(row.p99Ms).padStart(8)} ${String(row.meanMs).padStart(9)} ${String(row.requestsPerSecond).padStart(7)} ${String(row.non2xx).padStart(9)}`,
    );
  }
  log(`league: its first computation (before the load) ${leagueFirstMs} ms`);
  log(
    `authentication + authorisation per request: ${authCost.meanMs} ms mean (${authCost.p50Ms} ms p50); /healthz baseline ${sequential.healthz.meanMs} ms`,
  );
  log(
    `public list p99 ${underLoad.publicList.p99Ms} ms at ${run.rate} req/s: ${figures.publicListP99UnderTarget ? 'under' : 'OVER'} the 50 ms target`,
  );
  return figures;
}
