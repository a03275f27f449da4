// One workflow per directive (id directive-<id>): select the open target reports, reach every
// report workflow at once with a Signal, tell each targeted unit head by SMS (one per unit), then
// track: targets settle when their report workflows signal back, units acknowledge through an
// Update, reminders and escalations fire around the due time until every target is done.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { createDirectiveActivities } from '../../activities/directive';
import type { createDeliveryActivities } from '../../activities/delivery';
import type { createReportActivities } from '../../activities/report';
import { DirectiveProgress, type DirectiveNotice } from '../../domain/directive';
import { Refusal } from '../../domain/refusal';
import { checkArgCount, checkObject, checkStaffActor } from '../../domain/actionArgs';
import { refusalIn } from '../../temporal/failures';
import { directiveSignal, reportWorkflowId, type DirectiveOrder } from '../report/messages';
import * as messages from './messages';

const db = proxyActivities<
  ReturnType<typeof createDirectiveActivities> & Pick<ReturnType<typeof createReportActivities>, 'planDeadlines'>
>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const delivery = proxyActivities<ReturnType<typeof createDeliveryActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
});

/** The server refuses more pending external signals than this per workflow (limit.numPendingSignals). */
const signalBatch = 500;

export async function directiveWorkflow(input: messages.DirectiveInput): Promise<messages.DirectiveOutcome> {
  const { directiveId } = input;
  let issued: messages.DirectiveIssued | undefined;
  let progress: DirectiveProgress | undefined;
  const settled: Array<{ reportId: string; at: number }> = [];
  const deliveries: Promise<unknown>[] = [];
  const settle = (reportId: string) => progress?.settle(reportId) && settled.push({ reportId, at: Date.now() });
  const notify = async (notices: DirectiveNotice[], dueAt: number) => {
    if (notices.length === 0) return;
    const ids = await db.queueDirectiveNotices({
      directiveId,
      leaderId: input.leader.id,
      instruction: input.instruction,
      dueAt,
      notices,
    });
    deliveries.push(...ids.map((id) => delivery.deliverOutboxMessage(id).catch(() => 'failed')));
  };

  setHandler(messages.issuedUpdate, async () => {
    await condition(() => issued !== undefined);
    return issued as messages.DirectiveIssued;
  });
  // A Signal cannot be refused: one without a report id is dropped.
  setHandler(messages.targetSettledSignal, (signal) => {
    if (typeof signal?.reportId === 'string') settle(signal.reportId);
  });
  setHandler(
    messages.acknowledgeUpdate,
    async ({ actor }) => {
      const units = (progress as DirectiveProgress).acknowledge(actor);
      await db.recordAcknowledgement({ directiveId, units, by: actor.id, at: Date.now() });
      return { acknowledged: units };
    },
    {
      validator: (...args) =>
        asFailure(() => {
          checkArgCount(args, 1);
          const actor = checkStaffActor(checkObject(args[0], 'command').actor);
          return progress ? progress.checkAcknowledge(actor) : refuseEarly();
        }),
    },
  );

  const issuedAt = Date.now();
  const plan = await db.planDeadlines(
    input.dueAt === null
      ? { startMs: issuedAt, sla: { accept: input.defaultDue, resolve: input.defaultDue } }
      : // a due time that passed while the request travelled: already due, never a failed plan
        { startMs: Math.min(issuedAt, input.dueAt), sla: null, deadlineAt: input.dueAt },
  );
  const selection = await db.recordDirective({ ...input, issuedAt, dueAt: plan.deadlineAt });
  progress = new DirectiveProgress({ ...selection, remindAt: plan.remindAt, escalateAt: plan.escalateAt });
  issued = {
    id: directiveId,
    targets: selection.targets.length,
    units: selection.units.map(({ unitCode, targets }) => ({ unitCode, targets })),
    dueAt: new Date(plan.deadlineAt).toISOString(),
  };
  if (selection.targets.length === 0) {
    await condition(allHandlersFinished);
    return { targets: 0, completedAt: null };
  }

  const order: DirectiveOrder = {
    directiveId,
    instruction: input.instruction,
    dueAt: plan.deadlineAt,
    leaderId: input.leader.id,
  };
  await reachEvery(
    selection.targets.map((target) => target.reportId),
    order,
    settle,
  );
  await db.markDirectiveReached({ directiveId, at: Date.now() });
  await notify(progress.issuedNotices(), plan.deadlineAt);

  while (!progress.allDone || settled.length > 0) {
    if (settled.length > 0) {
      await db.recordTargetsDone({ directiveId, done: settled.splice(0) });
      continue;
    }
    const alarm = progress.nextAlarm();
    if (alarm && alarm.at <= Date.now()) {
      const notices = progress.fire(alarm);
      if (alarm.kind === 'escalate' && notices.length)
        await db.recordDirectiveEscalation({ directiveId, level: alarm.level });
      await notify(notices, plan.deadlineAt);
      continue;
    }
    const current = progress;
    await condition(() => settled.length > 0 || current.allDone, alarm ? alarm.at - Date.now() : '3650 days');
  }
  const completedAt = Date.now();
  await db.completeDirective({ directiveId, at: completedAt });
  await condition(allHandlersFinished);
  await Promise.all(deliveries);
  return { targets: selection.targets.length, completedAt: new Date(completedAt).toISOString() };
}

/** Signals every report workflow, in batches the server accepts; a workflow that has ended counts as settled. */
async function reachEvery(
  reportIds: string[],
  order: DirectiveOrder,
  settle: (reportId: string) => unknown,
): Promise<void> {
  for (let start = 0; start < reportIds.length; start += signalBatch) {
    await Promise.all(
      reportIds.slice(start, start + signalBatch).map((reportId) =>
        getExternalWorkflowHandle(reportWorkflowId(reportId))
          .signal(directiveSignal, order)
          .catch(() => settle(reportId)),
      ),
    );
  }
}

function refuseEarly(): never {
  throw new Refusal('Conflict', 'not_issued', 'the directive is still being issued, retry shortly');
}

/** Domain refusals become non-retryable failures that the API maps to 403 / 409 / 422. */
function asFailure(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    throw refusalIn(error) ?? error;
  }
}
