// Public reads at scale, run by `npm run bench`: fills a scratch database with 1,000,000 reports,
// starts the API on it as its own process, then measures at 100 req/s the public list and the
// Open311 request list (p50/p99), the trust bench's authentication cost beside an
// unauthenticated baseline in the same run, and the staff pages at 20 req/s (scripts/bench/pages.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../config';
import { signStaffToken } from '../../api/auth';
import { createPool } from '../../db/pool';
import { fillReports } from './fillReports';
import { benchPages } from './pages';
import { benchTrust } from './trust';
import { round, until } from './measure';

export interface PublicReadsOptions {
  databaseUrl: string;
  temporalAddress: string;
  reports: number;
  log: (line: string) => void;
}

/** 20 s at 100 req/s, after 3 s at the same rate that are not counted (connections opened, code warm). */
async function at100PerSecond(url: string) {
  await autocannon({ url, connections: 10, overallRate: 100, duration: 3 });
  const result = await autocannon({ url, connections: 10, overallRate: 100, duration: 20 });
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

export async function benchPublicReads(options: PublicReadsOptions): Promise<Record<string, unknown>> {
  const pool = createPool(options.databaseUrl, 2);
  const filled = Date.now();
  options.log(`  filling ${options.reports} reports…`);
  await fillReports(pool, options.reports, new Date());
  await pool.query('ANALYZE');
  await pool.end();
  const fillSeconds = round((Date.now() - filled) / 1000);

  const port = '3998';
  const api = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../api/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress,
      PORT: port,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_SUBMIT_PER_IP: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await until(async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ?? false, 120_000, 'the API');
    const config = loadConfig({});
    options.log('  public list and Open311 requests at 100 req/s…');
    const publicList = await at100PerSecond(`${baseUrl}/api/v1/public/reports?wardCode=P-SAIGON`);
    const open311 = await at100PerSecond(`${baseUrl}/open311/v2/requests.json?service_code=WASTE`);
    const trust = await benchTrust({
      baseUrl,
      staffToken: await signStaffToken(config, { sub: 'bench-staff', role: 'unit_staff', unit: 'P-SAIGON' }),
      refusedToken: await signStaffToken(config, { sub: 'bench-operator', role: 'operator', unit: 'HCM-TT1022' }),
      log: options.log,
    });
    const pages = await benchPages({
      baseUrl,
      staffToken: await signStaffToken(config, { sub: 'bench-staff', role: 'unit_staff', unit: 'P-SAIGON' }),
      log: options.log,
    });
    console.table({ 'public list @100/s': publicList, 'Open311 GET requests @100/s': open311 });
    return {
      reports: options.reports,
      fillSeconds,
      publicListAt100: publicList,
      open311RequestsAt100: open311,
      trust,
      pages,
    };
  } finally {
    api.kill('SIGTERM');
  }
}
