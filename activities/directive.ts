// Activities of the directive workflow: recording the directive with the open reports it targets
// (selected within the leader's scope), its progress, and the notices to unit heads and leaders
// through the outbox. Each is idempotent: the directive id, the targets' primary keys and the
// notices' dedupe keys make retries harmless.
import type pg from 'pg';
import {
  acknowledgeDirectiveUnits,
  completeDirective,
  directiveLeaderContacts,
  findDirective,
  insertDirective,
  insertDirectiveTargets,
  loadDirectiveTargets,
  markDirectiveReached,
  markTargetsDone,
  raiseDirectiveEscalation,
  selectDirectiveTargets,
  unitHeadContacts,
} from '../db/directives';
import { contactIntents, enqueueMessage, type OutboxIntent } from '../db/outbox';
import { inTransaction } from '../db/pool';
import type { DirectiveNotice, TargetedReport, TargetedUnit } from '../domain/directive';
import { renderMessage } from '../domain/messages';
import type { DirectiveInput } from '../workflows/directive/messages';

export interface DirectiveActivityDeps {
  pool: pg.Pool;
}

interface Contact {
  phone: string | null;
  email: string | null;
}

export function createDirectiveActivities(deps: DirectiveActivityDeps) {
  const { pool } = deps;

  async function contactsFor(notice: DirectiveNotice, leader: { id: string; unitCode: string }): Promise<Contact[]> {
    if (notice.recipient.kind === 'leader') return directiveLeaderContacts(pool, leader.id, leader.unitCode);
    return unitHeadContacts(pool, notice.recipient.unitCode);
  }

  return {
    /** Selects the open targets and records the directive once; a retry returns what the first attempt recorded. */
    async recordDirective(
      input: DirectiveInput & { issuedAt: number; dueAt: number },
    ): Promise<{ targets: TargetedReport[]; units: TargetedUnit[] }> {
      return inTransaction(pool, async (client) => {
        const directive = {
          id: input.directiveId,
          leaderId: input.leader.id,
          leaderUnitCode: input.leader.unitCode,
          target: input.target,
          instruction: input.instruction,
          issuedAt: new Date(input.issuedAt),
          dueAt: new Date(input.dueAt),
        };
        if (await insertDirective(client, directive)) {
          const selection = { scopePath: input.leader.unitPath, target: input.target, asOf: new Date(input.issuedAt) };
          const targets = await selectDirectiveTargets(client, selection, input.maxTargets);
          await insertDirectiveTargets(client, input.directiveId, targets, unitsOf(targets));
        }
        return loadDirectiveTargets(client, input.directiveId);
      });
    },

    async markDirectiveReached(input: { directiveId: string; at: number }): Promise<void> {
      await markDirectiveReached(pool, input.directiveId, new Date(input.at));
    },

    /** Queues each notice to its recipients (SMS and e-mail); returns the outbox ids to deliver. */
    async queueDirectiveNotices(input: {
      directiveId: string;
      leaderId: string;
      instruction: string;
      dueAt: number;
      notices: DirectiveNotice[];
    }): Promise<number[]> {
      const directive = await findDirective(pool, input.directiveId);
      if (!directive) throw new Error(`directive ${input.directiveId} is not recorded`);
      const leader = { id: input.leaderId, unitCode: directive.leader_unit_code };
      const intents: OutboxIntent[] = [];
      for (const notice of input.notices) {
        const message = renderMessage(notice.template, {
          count: notice.count,
          due: input.dueAt,
          instruction: input.instruction,
          units: notice.units,
          level: notice.level,
        });
        const who = notice.recipient.kind === 'leader' ? 'leader' : notice.recipient.unitCode;
        (await contactsFor(notice, leader)).forEach((contact, person) =>
          intents.push(
            ...contactIntents(contact, message, `directive:${input.directiveId}:${notice.occasion}:${who}:${person}`, {
              template: notice.template,
              reportId: null,
            }),
          ),
        );
      }
      return inTransaction(pool, async (client) => {
        const ids: number[] = [];
        for (const intent of intents) ids.push(await enqueueMessage(client, intent));
        return ids;
      });
    },

    async recordTargetsDone(input: {
      directiveId: string;
      done: Array<{ reportId: string; at: number }>;
    }): Promise<void> {
      await markTargetsDone(pool, input.directiveId, input.done);
    },

    async recordAcknowledgement(input: {
      directiveId: string;
      units: string[];
      by: string;
      at: number;
    }): Promise<void> {
      await acknowledgeDirectiveUnits(pool, input.directiveId, input.units, input.by, new Date(input.at));
    },

    async recordDirectiveEscalation(input: { directiveId: string; level: number }): Promise<void> {
      await raiseDirectiveEscalation(pool, input.directiveId, input.level);
    },

    async completeDirective(input: { directiveId: string; at: number }): Promise<void> {
      await completeDirective(pool, input.directiveId, new Date(input.at));
    },
  };
}

function unitsOf(targets: Array<TargetedReport & { unitPath: string }>): TargetedUnit[] {
  const units = new Map<string, TargetedUnit>();
  for (const target of targets) {
    const unit = units.get(target.unitCode) ?? { unitCode: target.unitCode, unitPath: target.unitPath, targets: 0 };
    unit.targets += 1;
    units.set(target.unitCode, unit);
  }
  return [...units.values()];
}
