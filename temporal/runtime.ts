// The Temporal SDK's own logs follow LOG_LEVEL like ours (the Runtime may be installed once per process).
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

const levels: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

export function installTemporalRuntime(logLevel: string): void {
  Runtime.install({ logger: new DefaultLogger(levels[logLevel] ?? 'INFO') });
}
