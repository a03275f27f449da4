// `npm test`: the static checks first (types, lint, format, unused code), stopping at the first
// that fails; then the whole vitest suite against real services, then one closing line
// "N passed, N failed" read from vitest's JSON report, so a run that executed nothing is visible.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const checks: Array<[name: string, args: string[]]> = [
  ['type check', ['tsc', '--noEmit', '-p', '.']],
  ['lint', ['eslint', '--max-warnings', '0', '--cache', '--cache-location', '.data/eslintcache', '.']],
  ['format', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['unused code and dependencies', ['knip']],
];

for (const [name, args] of checks) {
  const started = Date.now();
  const check = spawnSync('npx', args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (check.status !== 0) {
    console.error(`check failed: ${name} (npx ${args.join(' ')}), ${seconds} s`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`check passed: ${name} (${seconds} s)`);
}

const report = path.join(__dirname, '../.data/test-report.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });

const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
  },
);

let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0 };
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error('no test report was written');
}
const failed = summary.numFailedTests + (run.status !== 0 && summary.numFailedTests === 0 ? 1 : 0);
console.log(
  `${summary.numPassedTests} passed, ${failed} failed${summary.numPendingTests ? `, ${summary.numPendingTests} skipped` : ''}`,
);
process.exit(run.status === 0 && summary.numPassedTests > 0 ? 0 : 1);
