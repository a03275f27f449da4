// The Temporal SDK's runtime for a worker process: its own logs follow LOG_LEVEL like ours, and its
// metrics (workflow and activity task counts, failures, latencies, poller and slot usage) are served
// for Prometheus at http://<metricsAddress>/metrics. The Runtime may be installed once per process.
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

/** `metricsAddress`: host:port of the Prometheus endpoint, or 'off' (or nothing) for none. */
export function installTemporalRuntime(logLevel: string, metricsAddress = 'off'): void {
  Runtime.install({
    logger: new DefaultLogger(levels[logLevel] ?? 'INFO'),
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
