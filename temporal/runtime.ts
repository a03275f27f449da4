// The Temporal SDK's runtime for a process (installed once per process). Its own logs follow
// LOG_LEVEL like ours and, given the process's logger, go through it, so they share its format
// (readable on a terminal, JSON lines otherwise: logger.ts). Its metrics (workflow and activity
// task counts, failures, latencies, poller and slot usage) are served for Prometheus at
// http://<metricsAddress>/metrics.
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

const pinoLevels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

export interface RuntimeOptions {
  /** the process's logger; without it the SDK prints its own lines */
  logger?: Logger;
  /** host:port of the Prometheus endpoint, or 'off' (the default) for none */
  metricsAddress?: string;
}

export function installTemporalRuntime(
  logLevel: string,
  { logger, metricsAddress = 'off' }: RuntimeOptions = {},
): void {
  const forward = logger
    ? (entry: LogEntry) => logger[pinoLevels[entry.level]]({ ...entry.meta }, entry.message)
    : undefined;
  Runtime.install({
    logger: new DefaultLogger(levels[logLevel] ?? 'INFO', forward),
    telemetryOptions:
      metricsAddress === 'off'
        ? undefined
        : // Seconds and _total suffixes: the Prometheus conventions the alert rules in docs/ are written for.
          {
            metrics: {
              prometheus: { bindAddress: metricsAddress, useSecondsForDurations: true, countersTotalSuffix: true },
            },
          },
  });
}
