// The report workflow's public contract: its input, Update / Query / Signal definitions and
// their argument types, and the task queue's search attributes. Importable by api/ without
// pulling in workflow code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { StaffActor } from '../../domain/roles';
import type { ReportSnapshot } from '../../domain/report';
import type { RoutingFacts } from '../../rules/evaluate';
import * as check from '../../domain/actionArgs';
import type { ChangedDay } from '../../domain/calendar';

export interface ReportWorkflowInput {
  reportId: string;
  code: string;
  facts: RoutingFacts;
  reopensToSameUnit: number;
}

export const reportWorkflowId = (reportId: string): string => `report-${reportId}`;

export interface StaffCommand {
  actor: StaffActor;
}

export const acceptUpdate = defineUpdate<ReportSnapshot, [StaffCommand]>('accept');
export const progressUpdate = defineUpdate<ReportSnapshot, [StaffCommand & { note: string }]>('progress');
export const transferUpdate = defineUpdate<ReportSnapshot, [StaffCommand & { reason: string }]>('transfer');
export const requestExtensionUpdate = defineUpdate<ReportSnapshot, [StaffCommand & { reason: string; until: number }]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<
  ReportSnapshot,
  [StaffCommand & { approve: boolean; until?: number; note: string }]
>('decideExtension');
export const resolveUpdate = defineUpdate<ReportSnapshot, [StaffCommand & { result: string; media: string[] }]>(
  'resolve',
);
export const assignUpdate = defineUpdate<ReportSnapshot, [StaffCommand & { unitCode: string }]>('assign');
export const reassignUpdate = defineUpdate<ReportSnapshot, [StaffCommand & { unitCode: string; reason: string }]>(
  'reassign',
);
export const rateUpdate = defineUpdate<ReportSnapshot, [{ score: number; comment: string | null }]>('rate');
export const withdrawUpdate = defineUpdate<ReportSnapshot, []>('withdraw');
export const commentUpdate = defineUpdate<ReportSnapshot, [{ comment: string; via: 'api' | 'open311' }]>('comment');

/** The one argument of an Update, refused when there are more or fewer. */
const only = (args: readonly unknown[]): unknown => (check.checkArgCount(args, 1), args[0]);
const staffCommand = (args: readonly unknown[]): Record<string, unknown> => {
  const command = check.checkObject(only(args), 'command');
  check.checkStaffActor(command.actor);
  return command;
};

/**
 * Shape checks of every Update's arguments by Update name, run first in its validator, so that a
 * malformed argument is refused (Invalid, field named) before it enters history. Limits are the API's.
 */
export const updateArgumentChecks: Readonly<Record<string, (args: readonly unknown[]) => void>> = {
  [acceptUpdate.name]: (args) => void staffCommand(args),
  [progressUpdate.name]: (args) => void check.checkText(staffCommand(args).note, 'note', { min: 1, max: 4000 }),
  [transferUpdate.name]: (args) => void check.checkText(staffCommand(args).reason, 'reason', { min: 3, max: 2000 }),
  [requestExtensionUpdate.name]: (args) => {
    const command = staffCommand(args);
    check.checkText(command.reason, 'reason', { min: 3, max: 2000 });
    check.checkInstant(command.until, 'until');
  },
  [decideExtensionUpdate.name]: (args) => {
    const command = staffCommand(args);
    check.checkBoolean(command.approve, 'approve');
    if (command.until !== undefined) check.checkInstant(command.until, 'until');
    check.checkText(command.note, 'note', { max: 2000 });
  },
  [resolveUpdate.name]: (args) => {
    const command = staffCommand(args);
    check.checkText(command.result, 'result', { min: 3, max: 8000 });
    check.checkTextList(command.media, 'media', { maxItems: 10, max: 2000 });
  },
  [assignUpdate.name]: (args) => void check.checkText(staffCommand(args).unitCode, 'unitCode', { min: 1, max: 40 }),
  [reassignUpdate.name]: (args) => {
    const command = staffCommand(args);
    check.checkText(command.unitCode, 'unitCode', { min: 1, max: 40 });
    check.checkText(command.reason, 'reason', { min: 3, max: 2000 });
  },
  [rateUpdate.name]: (args) => {
    const rating = check.checkObject(only(args), 'rating');
    check.checkInteger(rating.score, 'score', 1, 5);
    if (rating.comment !== null) check.checkText(rating.comment, 'comment', { max: 1000 });
  },
  [withdrawUpdate.name]: (args) => check.checkArgCount(args, 0),
  [commentUpdate.name]: (args) => {
    const comment = check.checkObject(only(args), 'comment');
    check.checkText(comment.comment, 'comment', { min: 1, max: 4000 });
    check.checkOneOf(comment.via, 'via', ['api', 'open311'] as const);
  },
};

export const reportStateQuery = defineQuery<ReportSnapshot>('reportState');

export interface DirectiveOrder {
  directiveId: string;
  instruction: string;
  /** tightened deadline, epoch ms */
  dueAt: number;
  leaderId: string;
}
export const directiveSignal = defineSignal<[DirectiveOrder]>('directive');

/** A Signal cannot be refused: the handler checks its order with this and drops a malformed one. */
export function checkDirectiveOrder(value: unknown): DirectiveOrder {
  const order = check.checkObject(value, 'order');
  check.checkText(order.directiveId, 'directiveId', { min: 1, max: 100 });
  check.checkText(order.instruction, 'instruction', { min: 1, max: 1000 });
  check.checkInstant(order.dueAt, 'dueAt');
  check.checkText(order.leaderId, 'leaderId', { min: 1, max: 200 });
  return order as unknown as DirectiveOrder;
}
/** The working-time calendar changed (calendar_changes.id): the deadline moves once per change. */
export interface CalendarChange {
  changeId: string;
  changedDays: ChangedDay[];
}
export const calendarChangedSignal = defineSignal<[CalendarChange]>('calendarChanged');

export const statusSearchAttribute = defineSearchAttributeKey('PaknStatus', SearchAttributeType.KEYWORD);
export const unitSearchAttribute = defineSearchAttributeKey('PaknUnit', SearchAttributeType.KEYWORD);
/** Registered on the dev server by the launcher; a production namespace must register them too. */
export const searchAttributes = { PaknStatus: 'Keyword', PaknUnit: 'Keyword' } as const;
