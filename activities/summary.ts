// The weekly summary's activity: the figures of every recipient's scope for the week, rendered
// (SMS within the allowed parts, e-mail with the full table) and queued in the outbox under keys
// made of the week and the recipient, so a re-run of the same week queues nothing new.
import type pg from 'pg';
import { contactIntents, enqueueMessage, type OutboxIntent } from '../db/outbox';
import { inTransaction } from '../db/pool';
import { loadScopeSummary } from '../db/stats';
import { listSummaryRecipients, type SummaryRecipient } from '../db/summaries';
import { renderSummary, type SummaryTexts, type Week } from '../domain/weeklySummary';

export interface SummaryActivityDeps {
  pool: pg.Pool;
  smsMaxParts: number;
  worstUnits: number;
}

export interface QueuedSummaries {
  recipients: number;
  /** recipients whose scope unit did not exist during the week */
  skipped: string[];
  outboxIds: number[];
}

export function createSummaryActivities(deps: SummaryActivityDeps) {
  const { pool } = deps;

  function intents(recipient: SummaryRecipient, week: Week, texts: SummaryTexts): OutboxIntent[] {
    const message = {
      smsText: texts.sms.text,
      emailSubject: texts.email.subject,
      emailText: texts.email.text,
      emailHtml: texts.email.html,
    };
    const key = `summary:${new Date(week.from).toISOString()}:${recipient.id}`;
    return contactIntents(recipient, message, key, { template: 'weekly_summary', reportId: null });
  }

  return {
    /** Queues every active recipient's summary of the week; returns the outbox ids to deliver. */
    async queueWeeklySummaries(week: Week): Promise<QueuedSummaries> {
      const recipients = await listSummaryRecipients(pool, true);
      const asOf = new Date();
      const scopes = [...new Set(recipients.map((recipient) => recipient.scopeUnitCode))];
      const texts = new Map(
        await Promise.all(
          scopes.map(async (code) => {
            const summary = await loadScopeSummary(pool, code, week, asOf, deps.worstUnits);
            return [code, summary && renderSummary(summary, deps.smsMaxParts)] as const;
          }),
        ),
      );
      const planned = recipients.flatMap((recipient) => {
        const scopeTexts = texts.get(recipient.scopeUnitCode);
        return scopeTexts ? intents(recipient, week, scopeTexts) : [];
      });
      const outboxIds = await inTransaction(pool, async (client) => {
        const ids: number[] = [];
        for (const intent of planned) ids.push(await enqueueMessage(client, intent));
        return ids;
      });
      const skipped = recipients
        .filter((recipient) => !texts.get(recipient.scopeUnitCode))
        .map((recipient) => recipient.id);
      return { recipients: recipients.length, skipped, outboxIds };
    },
  };
}
