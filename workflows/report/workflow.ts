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

  registerActions(process, input, persist, exclusive);
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

  await exclusive(async () => persist(process.received(Date.now()), ...(await route())));

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
 * Every person's action: a validator that checks the arguments' shape and then the business rule,
 * refusing before anything enters history; then a serialized handler. A refusal that only the
 * handler can find (an activity's deterministic failure) undoes the handler's changes.
 */
function registerActions(
  process: ReportProcess,
  input: messages.ReportWorkflowInput,
  persist: (...steps: Step[]) => Promise<ReportSnapshot>,
  exclusive: Serializer,
): void {
  const now = () => Date.now();
  const action = <Args extends unknown[]>(
    update: UpdateDefinition<ReportSnapshot, Args>,
    validate: (...args: NoInfer<Args>) => void,
    handle: (...args: NoInfer<Args>) => Promise<ReportSnapshot>,
  ): void =>
    setHandler(update, (...args: Args) => exclusive(() => undoneOnRefusal(process, () => handle(...args))), {
      validator: (...args: Args) =>
        refusedAsFailure(() => {
          messages.updateArgumentChecks[update.name](args);
          validate(...args);
        }),
    });
  action(
    messages.acceptUpdate,
    ({ actor }) => process.checkUnitAction(actor, ['assigned'], 'accept'),
    async ({ actor }) => persist(process.accept(actor, now())),
  );
  action(
    messages.progressUpdate,
    ({ actor }) => process.checkUnitAction(actor, ['in_progress'], 'post progress on'),
    async ({ actor, note }) => persist(process.progress(actor, note, now())),
  );
  action(
    messages.transferUpdate,
    ({ actor }) => process.checkTransfer(actor),
    async ({ actor, reason }) => {
      const excludedUnits = [...process.excludedUnits, process.assignedUnit as string];
      const routing = await db.routeByRules({ facts: input.facts, excludedUnits, startMs: now() });
      // A rule set published since may refuse what was routed before: the desk decides then.
      const next =
        routing.kind === 'reject'
          ? { kind: 'triage' as const, ruleVersion: routing.ruleVersion, plan: await db.planTriage(now()) }
          : routing;
      return persist(...process.transferred(actor, reason, next, now()));
    },
  );
  action(
    messages.requestExtensionUpdate,
    ({ actor, until }) => process.checkExtensionRequest(actor, until, now()),
    async ({ actor, reason, until }) => persist(process.extensionRequested(actor, reason, until, now())),
  );
  action(
    messages.decideExtensionUpdate,
    ({ actor, approve, until, note }) => process.checkExtensionDecision(actor, { approve, until, note, now: now() }),
    async ({ actor, approve, until, note }) => {
      const deadlineAt = until ?? process.requestedExtensionUntil;
      const approved =
        approve && deadlineAt ? { plan: await db.planDeadlines({ startMs: now(), sla: null, deadlineAt }) } : null;
      return persist(process.extensionDecided(actor, approved, note, now()));
    },
  );
  action(
    messages.resolveUpdate,
    ({ actor }) => process.checkUnitAction(actor, ['in_progress'], 'resolve'),
    async ({ actor, result, media }) => {
      const ratingClosesAt = await db.planRatingWindow(now());
      return persist(process.resolve(actor, result, media, ratingClosesAt, now()));
    },
  );
  action(
    messages.assignUpdate,
    ({ actor }) => process.checkAssign(actor),
    async ({ actor, unitCode }) => {
      const { assignment, plan } = await db.assignToUnit({ facts: input.facts, unitCode, startMs: now() });
      const priority = maxPriority(assignment.priority, process.snapshot().priority);
      return persist(process.assigned(actor, { ...assignment, priority }, plan, now()));
    },
  );
  action(
    messages.reassignUpdate,
    ({ actor, unitCode }) => process.checkReassign(actor, unitCode),
    async ({ actor, unitCode, reason }) => {
      const { assignment, plan } = await db.assignToUnit({ facts: input.facts, unitCode, startMs: now() });
      const priority = maxPriority(assignment.priority, process.snapshot().priority);
      return persist(process.reassigned(actor, reason, { ...assignment, priority }, plan, now()));
    },
  );
  action(
    messages.rateUpdate,
    () => process.checkRating({ kind: 'reporter' }),
    async ({ score, comment }) => {
      const sla = process.sla;
      const reopenPlan =
        score > 2
          ? null
          : process.reopensToUnit && sla
            ? await db.planDeadlines({ startMs: now(), sla })
            : await db.planTriage(now());
      return persist(...process.rated({ kind: 'reporter' }, score, comment, reopenPlan, now()));
    },
  );
  action(
    messages.withdrawUpdate,
    () => process.checkWithdraw({ kind: 'reporter' }),
    async () => persist(process.withdrawn({ kind: 'reporter' }, now())),
  );
  action(
    messages.commentUpdate,
    () => process.checkComment({ kind: 'reporter' }),
    async ({ comment, via }) => persist(process.commented({ kind: 'reporter' }, comment, via, now())),
  );
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
