// The OpenAPI document keeps its promises: schemathesis (PyPI, installed into .tools/venv like the
// Temporal wheels) generates requests from /openapi.json and runs all of its checks against a real
// test system — once without credentials and once with a token of each staff role. Examples per
// operation are bounded so the whole file stays within a couple of minutes on a loaded machine.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '../../domain/roles';
import { ensurePaknSchedules } from '../../worker/createWorker';
import { staffToken, startTestSystem, type TestSystem } from '../support/system';

const cli = path.join(__dirname, '../../.tools/venv/bin/schemathesis');
const maxExamples = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '3';
/** With a token, only what a token changes: public, partner, reporter and operations routes are covered anonymously. */
const staffOnly = [
  ...['open311', 'transparency', 'reference', 'operations'].flatMap((tag) => ['--exclude-tag', tag]),
  '--exclude-path-regex',
  '^/api/v1/reports/',
];
/** Where each role sits: the city root for city-wide roles, a ward for the unit's own staff. */
const homeUnit: Record<StaffRole, string> = {
  operator: 'HCM',
  coordinator: 'HCM',
  unit_staff: 'P-SAIGON',
  unit_head: 'P-SAIGON',
  leader: 'HCM',
  admin: 'HCM',
};

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({
    // The fuzzer submits many reports from one address: the abuse limits are tested elsewhere.
    RATE_LIMIT_SUBMIT_PER_IP: '0',
    RATE_LIMIT_SUBMIT_PER_PHONE: '0',
    RATE_LIMIT_RATING_PER_IP: '0',
    RATE_LIMIT_COMMENT_PER_IP: '0',
    RATE_LIMIT_COMMENT_PER_REPORT: '0',
  });
  // POST /api/v1/summaries/run triggers the weekly schedule, which a running system has.
  await ensurePaknSchedules(system.client, system.config);
});
afterAll(async () => system?.stop());

/** Runs the CLI; resolves with its exit code and output (printed when it fails). */
function schemathesis(headers: string[], filters: string[] = []): Promise<{ code: number | null; output: string }> {
  const args = [
    '--config-file',
    path.join(__dirname, 'schemathesis.toml'),
    'run',
    `${system.baseUrl}/openapi.json`,
    '--checks',
    'all',
    '--max-examples',
    maxExamples,
    '--phases',
    'examples,coverage,fuzzing',
    '--seed',
    '1022',
    '--workers',
    '1',
    '--request-timeout',
    '20',
    '--no-color',
    ...headers.flatMap((header) => ['-H', header]),
    ...filters,
  ];
  return new Promise((resolve, reject) => {
    // Its example database and reports go to a scratch directory, not into the work tree.
    const scratch = mkdtempSync(path.join(tmpdir(), 'pakn-schemathesis-'));
    const child = spawn(cli, args, { cwd: scratch });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

// The runs wait on the API far more than they compute: run them side by side.
describe.skipIf(!existsSync(cli)).concurrent('schemathesis against /openapi.json', () => {
  it('when called without credentials, then every check passes', { timeout: 900_000 }, async () => {
    const run = await schemathesis([]);
    if (run.code !== 0) console.log(run.output);
    expect(run.code).toBe(0);
  });

  it.each(staffRoles)('when called with a %s token, then every check passes', { timeout: 900_000 }, async (role) => {
    const token = await staffToken(system, role, homeUnit[role]);
    const run = await schemathesis([`Authorization: Bearer ${token}`], staffOnly);
    if (run.code !== 0) console.log(run.output);
    expect(run.code).toBe(0);
  });
});
