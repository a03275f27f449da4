// The report workflow's public contract: its input, Update / Query / Signal definitions and
// their argument types, and the task queue's search attributes. Importable by api/ without
// pulling in workflow code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { StaffActor } from '../../domain/roles';
import type { ReportSnapshot } from '../../domain/report';
import type { RoutingFacts } from '../../rules/evaluate';
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
export const rateUpdate = defineUpdate<ReportSnapshot, [{ score: number; comment: string | null }]>('rate');
export const withdrawUpdate = defineUpdate<ReportSnapshot, []>('withdraw');
export const commentUpdate = defineUpdate<ReportSnapshot, [{ comment: string; via: 'api' | 'open311' }]>('comment');

export const reportStateQuery = defineQuery<ReportSnapshot>('reportState');

export interface DirectiveOrder {
  directiveId: string;
  instruction: string;
  /** tightened deadline, epoch ms */
  dueAt: number;
  leaderId: string;
}
export const directiveSignal = defineSignal<[DirectiveOrder]>('directive');

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
