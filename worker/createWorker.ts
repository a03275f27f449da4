// Wires the activities over their real clients (PostgreSQL, SMS, SMTP, Temporal) and creates the
// worker on the task queue. Used by `npm run worker`, `npm start` and the tests alike.
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { connectClient, connectWorkerConnection, type TemporalTarget } from '../temporal/connect';
import type pg from 'pg';
import type { Config } from '../config';
import { reporterTrackUrl } from '../api/auth';
import { createReportActivities } from '../activities/report';
import { createDeliveryActivities } from '../activities/delivery';
import { recordDeliveryReceipt } from '../db/outbox';
import { createReconcileActivities } from '../activities/reconcile';
import { createSummaryActivities } from '../activities/summary';
import { createDirectiveActivities } from '../activities/directive';
import { createCalendarActivities } from '../activities/calendar';
import { createNotifiers, type Notifiers } from '../notify';
import { bundleWorkflows } from './bundle';
import { calendarWatchSchedule, ensureSchedule, reconcileSchedule, weeklySummarySchedule } from '../temporal/schedules';
import { classifiedActivities } from '../temporal/failures';

export interface WorkerDeps {
  connection: NativeConnection;
  client: Client;
  pool: pg.Pool;
  config: Config;
  /** prebuilt bundle (tests, production); otherwise the workflows are bundled at start */
  workflowBundle?: WorkflowBundleOption;
  /** SMS and e-mail adapters; the caller closes them after the worker stops (default: from config) */
  notifiers?: Notifiers;
}

export async function createPaknWorker(deps: WorkerDeps): Promise<Worker> {
  const { config, pool, client } = deps;
  const notifiers = deps.notifiers ?? createNotifiers(notifierSettings(config));
  await notifiers.start();
  // An unknown id throws, so the SMSC re-sends the receipt once the provider id is recorded.
  notifiers.onDeliveryReceipt(async (receipt) => {
    if (!(await recordDeliveryReceipt(pool, receipt.providerMessageId, receipt.status)))
      throw new Error(`no outbox row for ${receipt.providerMessageId}`);
  });
  // Every activity's errors leave classified: deterministic ones are never retried.
  const activities = classifiedActivities({
    ...createReportActivities({
      pool,
      trackUrl: (code, reportId) => reporterTrackUrl(config, code, reportId),
      quietHours: config.quietHours,
      quietHoursTemplates: config.quietHoursTemplates,
      ratingWindow: config.ratingWindow,
      triageDeadline: config.triageDeadline,
      officeHours: config.officeHours,
      alarmPolicy: {
        reminders: config.remindersBefore,
        reminderFractions: config.reminderFractions,
        escalationDelays: config.escalationDelays,
      },
    }),
    ...createDeliveryActivities({ pool, sms: notifiers.sms, email: notifiers.email }),
    ...createReconcileActivities({
      pool,
      client,
      taskQueue: config.taskQueue,
      reopensToSameUnit: config.reopensToSameUnit,
      parallelStarts: config.reconcileParallelStarts,
    }),
    ...createSummaryActivities({ pool, smsMaxParts: config.summarySmsMaxParts, worstUnits: config.summaryWorstUnits }),
    ...createDirectiveActivities({ pool }),
    ...createCalendarActivities({ pool }),
  });
  return Worker.create({
    connection: deps.connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    maxCachedWorkflows: config.workerMaxCachedWorkflows,
    activities,
    // bundled here rather than by Worker.create, whose bundler prints its whole report
    workflowBundle: deps.workflowBundle ?? { code: await bundleWorkflows() },
  });
}

export interface RunningWorker {
  client: Client;
  /** resolves when the worker has stopped (the Temporal runtime shuts it down on SIGINT/SIGTERM) or failed */
  running: Promise<void>;
  /** closes the SMS and e-mail adapters; call after `running` has resolved */
  closeNotifiers(): Promise<void>;
}

/**
 * A worker process's start, shared by `npm run worker` and `npm start`: connect, create the worker
 * with its notifiers, make sure PAKN's Schedules exist, and run until shut down.
 */
export async function startPaknWorker(
  config: Config,
  target: TemporalTarget,
  pool: pg.Pool,
  workflowBundle?: WorkflowBundleOption,
): Promise<RunningWorker> {
  const client = await connectClient(target);
  const notifiers = createNotifiers(notifierSettings(config));
  const worker = await createPaknWorker({
    connection: await connectWorkerConnection(target),
    client,
    pool,
    config,
    notifiers,
    workflowBundle,
  });
  await ensurePaknSchedules(client, config);
  return { client, running: worker.run(), closeNotifiers: () => notifiers.close() };
}

/** The Temporal Schedules PAKN owns, created or updated when a worker process starts. */
export async function ensurePaknSchedules(client: Client, config: Config): Promise<void> {
  await ensureSchedule(client, reconcileSchedule(config.taskQueue, config.reconcileEverySeconds));
  await ensureSchedule(client, weeklySummarySchedule(config.taskQueue, config.summaryCatchupHours));
  await ensureSchedule(client, calendarWatchSchedule(config.taskQueue));
}

export function notifierSettings(config: Config) {
  return {
    smsProvider: config.smsProvider as 'dev' | 'smpp' | 'http',
    brandname: config.smsBrandname,
    smpp: config.smppUrl
      ? { url: config.smppUrl, systemId: config.smppSystemId, password: config.smppPassword }
      : undefined,
    http: config.smsHttpUrl
      ? {
          url: config.smsHttpUrl,
          apiKey: config.smsHttpApiKey,
          secretKey: config.smsHttpSecretKey,
          sandbox: config.smsHttpSandbox,
        }
      : undefined,
    smtp: config.smtpUrl ? { url: config.smtpUrl } : null,
    emailFrom: config.emailFrom,
  };
}
