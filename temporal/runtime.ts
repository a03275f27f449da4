// The Temporal SDK's own logs follow LOG_LEVEL like ours (the Runtime may be installed once per
// process). Given the process's logger, the SDK logs through it, so they share its format
// (readable on a terminal, JSON lines otherwise: logger.ts).
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

export function installTemporalRuntime(logLevel: string, logger?: Logger): void {
  const forward = logger
    ? (entry: LogEntry) => logger[pinoLevels[entry.level]]({ ...entry.meta }, entry.message)
    : undefined;
  Runtime.install({ logger: new DefaultLogger(levels[logLevel] ?? 'INFO', forward) });
}
