// The notification outbox: one row per intent, made unique by its dedupe key.
import type { Db } from './pool';
import { query } from './pool';

export const outboxChannels = ['sms', 'email'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

export interface OutboxIntent {
  dedupeKey: string;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  subject: string | null;
  body: string;
  html: string | null;
  reportId: string | null;
  /** not sent before this instant (quiet hours) */
  notBefore?: Date | null;
}

/** Inserts the intent once; a repeated call returns the id of the existing row. */
export async function enqueueMessage(db: Db, intent: OutboxIntent): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    `WITH inserted AS (
       INSERT INTO outbox (dedupe_key, channel, recipient, template, subject, body, html, report_id, not_before)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id)
     SELECT id FROM inserted UNION ALL SELECT id FROM outbox WHERE dedupe_key = $1 LIMIT 1`,
    [
      intent.dedupeKey,
      intent.channel,
      intent.recipient,
      intent.template,
      intent.subject,
      intent.body,
      intent.html,
      intent.reportId,
      intent.notBefore ?? null,
    ],
  );
  return row.id;
}
