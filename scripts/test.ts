// `npm test`: the whole vitest suite against real services, then one closing line
// "N passed, N failed" read from vitest's JSON report, so a run that executed nothing is visible.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

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
