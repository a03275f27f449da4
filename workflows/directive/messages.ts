// The directive workflow's public contract: its input, the Update that answers with the selected
// targets, the unit's acknowledgement, and the Signal a report workflow sends when it is done.
// Importable by api/ and by the report workflow without pulling in workflow code.
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DirectiveTarget } from '../../domain/directive';
import type { StaffActor } from '../../domain/roles';
import type { Duration } from '../../domain/sla';

export interface DirectiveInput {
  directiveId: string;
  leader: StaffActor;
  target: DirectiveTarget;
  instruction: string;
  /** epoch ms; null: `defaultDue` of working time after the directive is issued */
  dueAt: number | null;
  defaultDue: Duration;
  /** the most reports one directive reaches (each costs history events) */
  maxTargets: number;
}

export const directiveWorkflowId = (directiveId: string): string => `directive-${directiveId}`;

/** What the leader learns at once: how many reports of which units were reached, and by when. */
export interface DirectiveIssued {
  id: string;
  targets: number;
  units: Array<{ unitCode: string; targets: number }>;
  dueAt: string;
}

export interface DirectiveOutcome {
  targets: number;
  completedAt: string | null;
}

/** Waits until the targets are selected and answers with them (used with update-with-start). */
export const issuedUpdate = defineUpdate<DirectiveIssued, []>('issued');
export const acknowledgeUpdate = defineUpdate<{ acknowledged: string[] }, [{ actor: StaffActor }]>('acknowledge');
/** From a targeted report's workflow once it is resolved, closed or withdrawn. */
export const targetSettledSignal = defineSignal<[{ reportId: string }]>('targetSettled');
