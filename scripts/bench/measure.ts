// Small measuring helpers shared by the bench sections: resident memory of a process, running a
// bounded number of async jobs at a fixed concurrency, percentiles, and CPU time per process group.
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

export async function runPool<T>(count: number, concurrency: number, job: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuSeconds: number;
}

const clockTicksPerSecond = 100; // Linux's USER_HZ

function processTable(): ProcStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const fields = stat.slice(close + 2).split(' ');
        return [
          {
            pid: Number(pid),
            ppid: Number(fields[1]),
            comm: stat.slice(stat.indexOf('(') + 1, close),
            cpuSeconds: (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond,
          },
        ];
      } catch {
        return []; // the process ended while the table was read
      }
    });
}

/**
 * CPU seconds (user and system) used so far by each named group of processes, each process with
 * its descendants but those that head a group of their own (the bench process spawns the others);
 * `postgres` names the local PostgreSQL server with every backend (Linux /proc). Two readings around
 * a phase give where its CPU went, which scheduling noise does not move the way it moves a rate.
 */
export function cpuSeconds(roots: Record<string, number | 'postgres'>): Record<string, number> {
  const table = processTable();
  const heads = new Set(Object.values(roots));
  const byPid = new Map(table.map((proc) => [proc.pid, proc]));
  const total = (proc: ProcStat): number =>
    proc.cpuSeconds +
    table
      .filter((child) => child.ppid === proc.pid && !heads.has(child.pid))
      .reduce((sum, child) => sum + total(child), 0);
  const postmasters = table.filter((proc) => proc.comm === 'postgres' && byPid.get(proc.ppid)?.comm !== 'postgres');
  return Object.fromEntries(
    Object.entries(roots).map(([name, root]) => {
      const procs = root === 'postgres' ? postmasters : [byPid.get(root)].filter((proc) => proc !== undefined);
      return [name, procs.reduce((sum, proc) => sum + total(proc), 0)];
    }),
  );
}

/** CPU milliseconds per unit of work between two `cpuSeconds` readings, per group and in total. */
export function cpuMsPer(
  before: Record<string, number>,
  after: Record<string, number>,
  units: number,
): Record<string, number> {
  const perGroup = Object.fromEntries(
    Object.keys(after).map((name) => [name, round(((after[name] - before[name]) * 1000) / units)]),
  );
  return { ...perGroup, total: round(Object.values(perGroup).reduce((sum, ms) => sum + ms, 0)) };
}
