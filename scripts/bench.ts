// `npm run bench`: prints the project's performance figures, each beside a baseline measured in
// the same run on the same machine. Sections: lifecycle (intake, end to end, memory), recovery
// (starting a backlog of reports accepted while Temporal was down), flood (a flood-day burst with one
// worker, then two), leadership
// (summaries over 1,000,000 reports, directives), public (public and Open311 reads over 1,000,000
// reports, authentication cost), rules (a routing-rule dry-run over a month of reports).
// Sizes are environment variables (see README); everything runs on loopback and stops by itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createScratchDatabase, dropScratchDatabase } from '../db/scratch';
import { bundleWorkflows } from '../worker/bundle';
import { findTemporalBinary, startDevServer } from './temporalServer';
import { benchLifecycle } from './bench/lifecycle';
import { benchLeadership } from './bench/leadership';
import { benchPublicReads } from './bench/publicReads';
import { benchRecovery } from './bench/recovery';
import { benchRules } from './bench/rules';
import { benchFlood } from './bench/flood';

const env = process.env;
const adminDatabaseUrl = env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (line: string) => console.log(line);

const scratchDatabases: string[] = [];
const scratchDatabase = (name: string) => {
  scratchDatabases.push(name);
  return createScratchDatabase(adminDatabaseUrl, name);
};

async function bundle(): Promise<string> {
  const file = path.join(__dirname, '../.data/bench/workflow-bundle.js');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await bundleWorkflows());
  return file;
}

async function main(): Promise<void> {
  const sections = (env.BENCH_SECTIONS ?? 'lifecycle,recovery,flood,leadership,public,rules').split(',');
  const reports = Number(env.BENCH_REPORTS ?? 1_000_000);
  const figures: Record<string, unknown> = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  };
  // The rules section needs no Temporal server.
  const server = sections.some((section) => section !== 'rules')
    ? await startDevServer({
        cliPath: findTemporalBinary('temporal', env.TEMPORAL_CLI_PATH),
        port: Number(env.BENCH_TEMPORAL_PORT ?? 17633),
      })
    : null;
  try {
    if (sections.includes('lifecycle')) {
      log('lifecycle bench');
      figures.lifecycle = await benchLifecycle({
        databaseUrl: await scratchDatabase('pakn_bench_lifecycle'),
        temporalAddress: server!.address,
        temporalPid: server!.process.pid!,
        workflowBundlePath: await bundle(),
        openWorkflows: Number(env.BENCH_OPEN_WORKFLOWS ?? 20_000),
        endToEndReports: Number(env.BENCH_E2E_REPORTS ?? 1_000),
        baselineWorkflows: Number(env.BENCH_BASELINE_WORKFLOWS ?? 1_000),
        intake: env.BENCH_INTAKE !== '0',
        log,
      });
    }
    if (sections.includes('recovery')) {
      log('recovery bench');
      figures.recovery = await benchRecovery({
        databaseUrl: await scratchDatabase('pakn_bench_recovery'),
        temporalAddress: server!.address,
        workflowBundlePath: await bundle(),
        reports: Number(env.BENCH_RECOVERY_REPORTS ?? 2_000),
        baselineReports: Number(env.BENCH_RECOVERY_BASELINE_REPORTS ?? 100),
        log,
      });
    }
    if (sections.includes('flood')) {
      log('flood-day bench');
      figures.flood = await benchFlood({
        databaseUrl: await scratchDatabase('pakn_bench_flood'),
        temporalAddress: server!.address,
        workflowBundlePath: await bundle(),
        reports: Number(env.BENCH_FLOOD_REPORTS ?? 5_000),
        seconds: Number(env.BENCH_FLOOD_SECONDS ?? 600),
        workerCounts: (env.BENCH_FLOOD_WORKERS ?? '1,2').split(',').map(Number),
        log,
      });
    }
    if (sections.includes('leadership')) {
      log('leadership bench');
      figures.leadership = await benchLeadership({
        adminDatabaseUrl,
        temporalAddress: server!.address,
        reports,
        directiveTargets: Number(env.BENCH_DIRECTIVE_TARGETS ?? 500),
        log,
      });
    }
    if (sections.includes('public')) {
      log('public reads and authentication bench');
      figures.publicReads = await benchPublicReads({
        databaseUrl: await scratchDatabase('pakn_bench_public'),
        temporalAddress: server!.address,
        reports,
        log,
      });
    }
    if (sections.includes('rules')) {
      log('rules dry-run bench');
      figures.rules = await benchRules({
        databaseUrl: await scratchDatabase('pakn_bench_rules'),
        reports: Number(env.BENCH_RULES_REPORTS ?? 50_000),
        log,
      });
    }
  } finally {
    await server?.stop();
    await Promise.all(scratchDatabases.map((name) => dropScratchDatabase(adminDatabaseUrl, name)));
  }
  const output = path.join(__dirname, '../.data/bench-results.json');
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, JSON.stringify(figures, null, 2));
  log(`figures written to ${path.relative(process.cwd(), output)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
