// One workflow per report: acknowledge, route, then wait — for people's actions (Updates), a
// leader's directive (Signal) or the next alarm (reminder, deadline, escalation, rating window) —
// until the report is closed, withdrawn or rejected. Decisions live in domain/ReportProcess;
// this file only orchestrates and persists each step through an activity.
import {
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createReportActivities } from '../../activities/report';
import type { createDeliveryActivities } from '../../activities/delivery';
import { maxPriority, ReportProcess } from '../../domain/reportProcess';
import { refusalIn } from '../../temporal/failures';
import type { ReportSnapshot, Step } from '../../domain/report';
import * as messages from './messages';
import { directiveWorkflowId, targetSettledSignal } from '../directive/messages';

type ReportActivities = ReturnType<typeof createReportActivities>;
type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;

// Database writes retry until the database is back: a step is never dropped. Deterministic
// failures (bad input, a business rule) come back at once as non-retryable (temporal/failures).
// Short database and rules steps run as local activities (in the worker that runs the workflow, no
// task queue round trip); deliveries below stay normal activities with their own retries.
const db = proxyLocalActivities<ReportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// Limit delivery retries so that a flapping provider cannot spam a citizen.
// Longer than a provider's own send timeout (60 s), so an attempt's answer is never cut off.
const delivery = proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
});

export async function reportWorkflow(input: messages.ReportWorkflowInput): Promise<ReportSnapshot> {
  const process = new ReportProcess(input);
  const exclusive = createSerializer();
  const deliveries: Promise<unknown>[] = [];
  let changes = 0;
  // Directives targeting this report, each told once when the report is resolved or ends.
  const directives = new Set<string>();
  const tellDirectives = (): void => {
    if (!(process.finished || process.status === 'resolved')) return;
    for (const id of directives) {
      deliveries.push(
        getExternalWorkflowHandle(directiveWorkflowId(id))
          .signal(targetSettledSignal, { reportId: input.reportId })
          .catch(() => undefined),
      );
    }
    directives.clear();
  };

  const persist = async (...steps: Step[]): Promise<ReportSnapshot> => {
    const outboxIds = await db.commitSteps(steps);
    deliveries.push(...outboxIds.map((id) => delivery.deliverOutboxMessage(id).catch(() => 'failed')));
    changes += 1;
    upsertSearchAttributes([
      { key: messages.statusSearchAttribute, value: process.status },
      { key: messages.unitSearchAttribute, value: process.assignedUnit ?? '' },
    ]);
    tellDirectives();
    return process.snapshot();
  };

  const route = async (): Promise<Step[]> => {
    const routing = await db
      .routeByRules({ facts: input.facts, excludedUnits: process.excludedUnits, startMs: Date.now() })
      .catch((error: unknown) => {
        // A rule set that cannot route this report (e.g. it names an unknown unit): the coordinator decides.
        if (!refusalIn(error)) throw error;
        return { kind: 'failed' as const };
      });
    if (routing.kind === 'failed')
      return [process.triaged(Date.now(), 'routing_failed', await db.planTriage(Date.now()))];
    if (routing.kind === 'reject') return [process.rejected(Date.now(), routing)];
    if (routing.kind === 'triage') return [process.triaged(Date.now(), 'no_rule', routing.plan, routing.ruleVersion)];
    return [process.routed(routing.assignment, routing.plan, Date.now())];
  };

  // Queued before any handler is set: an Update or Signal that came with the start is held until its
  // handler exists and then queued at once, so it must find the report received and routed, not
  // run before it (a withdrawal would otherwise be overwritten by the routing).
  const receivedAndRouted = exclusive(async () => persist(process.received(Date.now()), ...(await route())));
  registerActions(reportActions(process, input, persist), process, exclusive);
  setHandler(messages.reportStateQuery, () => process.snapshot());
  // A Signal cannot be refused: a malformed order is logged and dropped, never let to fail the report.
  setHandler(messages.directiveSignal, (received) =>
    exclusive(async () => {
      const rollback = process.checkpoint();
      try {
        const order = messages.checkDirectiveOrder(received);
        directives.add(order.directiveId);
        if (process.finished || process.status === 'resolved') return tellDirectives();
        const tightens = process.assignedUnit !== null && order.dueAt < (process.deadlineAt ?? Infinity);
        // A due time already past makes the report overdue now: plan from it, not from now.
        const startMs = Math.min(Date.now(), order.dueAt);
        const plan = tightens ? await db.planDeadlines({ startMs, sla: null, deadlineAt: order.dueAt }) : null;
        await persist(process.directed(order, plan, Date.now()));
      } catch (error) {
        const refusal = refusalIn(error);
        if (!refusal) throw error;
        rollback();
        log.warn('directive dropped', { reportId: input.reportId, reason: refusal.message });
      }
    }),
  );

  setHandler(messages.calendarChangedSignal, ({ changeId, changedDays }) =>
    exclusive(async () => {
      if (!process.awaitsCalendarChange(changeId)) return;
      const { acceptDeadlineAt, acceptedAt, deadlineAt } = process.snapshot();
      const plan = await db.replanForCalendarChange({
        nowMs: Date.now(),
        deadlineAt: deadlineAt as number,
        acceptDeadlineAt: acceptedAt === null ? acceptDeadlineAt : null,
        changedDays,
      });
      const step = process.calendarChanged(
        changeId,
        { ...plan, acceptDeadlineAt: plan.acceptDeadlineAt ?? acceptDeadlineAt },
        Date.now(),
      );
      if (step) await persist(step);
    }),
  );

  await receivedAndRouted;

  while (!process.finished) {
    const alarm = process.nextAlarm();
    const seen = changes;
    const changed = await condition(
      () => changes !== seen || process.finished,
      alarm ? Math.max(alarm.at - Date.now(), 0) : '3650 days',
    );
    if (changed || !alarm) continue;
    await exclusive(async () => {
      const step = process.fireAlarm(alarm, Date.now());
      if (step) await persist(step);
      else changes += 1;
    });
  }
  await condition(allHandlersFinished);
  await Promise.all(deliveries);
  return process.snapshot();
}

/**
 * Every person's action as one row: the Update, its business rule (`check`, run in the validator
 * after the argument shapes, so a refusal never enters history) and the work (`apply`, whose
 * ReportProcess transition runs the same rule again inside the serialized handler).
 */
interface ReportAction<Args extends unknown[]> {
  update: UpdateDefinition<ReportSnapshot, Args>;
  check: (...args: NoInfer<Args>) => void;
  apply: (...args: NoInfer<Args>) => Promise<ReportSnapshot>;
}
// The rows' argument types differ; each row's check and apply are typed by its own Update.
const row = <Args extends unknown[]>(action: ReportAction<Args>) => action as unknown as ReportAction<unknown[]>;

function reportActions(
  process: ReportProcess,
  input: messages.ReportWorkflowInput,
  persist: (...steps: Step[]) => Promise<ReportSnapshot>,
): ReportAction<unknown[]>[] {
  const now = () => Date.now();
  const assignment = async (unitCode: string) => {
    const { assignment, plan } = await db.assignToUnit({ facts: input.facts, unitCode, startMs: now() });
    return {
      assignment: { ...assignment, priority: maxPriority(assignment.priority, process.snapshot().priority) },
      plan,
    };
  };
  return [
    row({
      update: messages.acceptUpdate,
      check: ({ actor }) => process.checkAccept(actor),
      apply: async ({ actor }) => persist(process.accept(actor, now())),
    }),
    row({
      update: messages.progressUpdate,
      check: ({ actor }) => process.checkProgress(actor),
      apply: async ({ actor, note }) => persist(process.progress(actor, note, now())),
    }),
    row({
      update: messages.transferUpdate,
      check: ({ actor }) => process.checkTransfer(actor),
      apply: async ({ actor, reason }) => {
        const excludedUnits = [...process.excludedUnits, process.assignedUnit as string];
        const routing = await db.routeByRules({ facts: input.facts, excludedUnits, startMs: now() });
        // A rule set published since may refuse what was routed before: the desk decides then.
        const next =
          routing.kind === 'reject'
            ? { kind: 'triage' as const, ruleVersion: routing.ruleVersion, plan: await db.planTriage(now()) }
            : routing;
        return persist(...process.transferred(actor, reason, next, now()));
      },
    }),
    row({
      update: messages.requestExtensionUpdate,
      check: ({ actor, until }) => process.checkExtensionRequest(actor, until, now()),
      apply: async ({ actor, reason, until }) => persist(process.extensionRequested(actor, reason, until, now())),
    }),
    row({
      update: messages.decideExtensionUpdate,
      check: ({ actor, approve, until, note }) =>
        process.checkExtensionDecision(actor, { approve, until, note, now: now() }),
      apply: async ({ actor, approve, until, note }) => {
        const deadlineAt = until ?? process.requestedExtensionUntil;
        const approved =
          approve && deadlineAt ? { plan: await db.planDeadlines({ startMs: now(), sla: null, deadlineAt }) } : null;
        return persist(process.extensionDecided(actor, approved, note, now()));
      },
    }),
    row({
      update: messages.resolveUpdate,
      check: ({ actor }) => process.checkResolve(actor),
      apply: async ({ actor, result, media }) => {
        const ratingClosesAt = await db.planRatingWindow(now());
        return persist(process.resolve(actor, result, media, ratingClosesAt, now()));
      },
    }),
    row({
      update: messages.assignUpdate,
      check: ({ actor }) => process.checkAssign(actor),
      apply: async ({ actor, unitCode }) => {
        const { assignment: terms, plan } = await assignment(unitCode);
        return persist(process.assigned(actor, terms, plan, now()));
      },
    }),
    row({
      update: messages.reassignUpdate,
      check: ({ actor, unitCode }) => process.checkReassign(actor, unitCode),
      apply: async ({ actor, unitCode, reason }) => {
        const { assignment: terms, plan } = await assignment(unitCode);
        return persist(process.reassigned(actor, reason, terms, plan, now()));
      },
    }),
    row({
      update: messages.rateUpdate,
      check: () => process.checkRating({ kind: 'reporter' }),
      apply: async ({ score, comment }) => {
        const sla = process.sla;
        const reopenPlan =
          score > 2
            ? null
            : process.reopensToUnit && sla
              ? await db.planDeadlines({ startMs: now(), sla })
              : await db.planTriage(now());
        return persist(...process.rated({ kind: 'reporter' }, score, comment, reopenPlan, now()));
      },
    }),
    row({
      update: messages.withdrawUpdate,
      check: () => process.checkWithdraw({ kind: 'reporter' }),
      apply: async () => persist(process.withdrawn({ kind: 'reporter' }, now())),
    }),
    row({
      update: messages.commentUpdate,
      check: () => process.checkComment({ kind: 'reporter' }),
      apply: async ({ comment, via }) => persist(process.commented({ kind: 'reporter' }, comment, via, now())),
    }),
  ];
}

/**
 * Registers each action: its validator checks the arguments' shape and then the business rule;
 * its handler runs serialized, and a refusal that only the handler can find (an activity's
 * deterministic failure) undoes the handler's changes.
 */
function registerActions(actions: ReportAction<unknown[]>[], process: ReportProcess, exclusive: Serializer): void {
  for (const { update, check, apply } of actions) {
    setHandler(update, (...args) => exclusive(() => undoneOnRefusal(process, () => apply(...args))), {
      validator: (...args) =>
        refusedAsFailure(() => {
          messages.updateArgumentChecks[update.name](args);
          check(...args);
        }),
    });
  }
}

type Serializer = <T>(work: () => Promise<T>) => Promise<T>;

/** Handlers and alarms run one at a time, so each sees the state the previous one left. */
function createSerializer(): Serializer {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
}

/** Runs a handler; on a refusal, puts the process back as it was and fails the Update with it. */
async function undoneOnRefusal<T>(process: ReportProcess, work: () => Promise<T>): Promise<T> {
  const rollback = process.checkpoint();
  try {
    return await work();
  } catch (error) {
    const refusal = refusalIn(error);
    if (!refusal) throw error;
    rollback();
    throw refusal;
  }
}

/** Domain refusals leave a validator as non-retryable failures that the caller sees with their type. */
function refusedAsFailure(work: () => void): void {
  try {
    work();
  } catch (error) {
    throw refusalIn(error) ?? error;
  }
}
