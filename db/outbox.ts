// The notification outbox: one row per intent, made unique by its dedupe key; and the delivery
// activity's steps over a row (claim, record the provider's id, mark sent or failed, receipts).
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

/** A message as rendered for one occasion: its SMS text and its e-mail. */
export interface OutboxMessage {
  smsText: string;
  emailSubject: string;
  emailText: string;
  emailHtml?: string | null;
}

/**
 * The intents that send `message` to one contact: an SMS to the phone and an e-mail to the
 * address it has, each made unique by `key` (so a retried activity queues nothing twice).
 */
export function contactIntents(
  contact: { phone: string | null; email: string | null },
  message: OutboxMessage,
  key: string,
  about: { template: string; reportId: string | null; smsNotBefore?: Date | null },
): OutboxIntent[] {
  const base = { template: about.template, reportId: about.reportId };
  const sms: OutboxIntent[] = contact.phone
    ? [
        {
          ...base,
          dedupeKey: `${key}:sms`,
          channel: 'sms',
          recipient: contact.phone,
          subject: null,
          body: message.smsText,
          html: null,
          ...(about.smsNotBefore !== undefined ? { notBefore: about.smsNotBefore } : {}),
        },
      ]
    : [];
  const email: OutboxIntent[] = contact.email
    ? [
        {
          ...base,
          dedupeKey: `${key}:email`,
          channel: 'email',
          recipient: contact.email,
          subject: message.emailSubject,
          body: message.emailText,
          html: message.emailHtml ?? null,
        },
      ]
    : [];
  return [...sms, ...email];
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

// Delivery (activities/delivery.ts): claim, send once, record the provider's id and the outcome.

/** An outbox row claimed for sending: what the delivery activity needs to send it once. */
export interface ClaimedRow {
  id: number;
  dedupe_key: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  provider: string | null;
  provider_message_id: string | null;
}

/** Claims a row that is still to be sent and may be sent now (its quiet hours are over). */
export async function claimOutboxRow(db: Db, id: number): Promise<ClaimedRow | null> {
  const [row] = await query<ClaimedRow>(
    db,
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1
      WHERE id = $1 AND status IN ('queued', 'sending') AND (not_before IS NULL OR not_before <= now())
      RETURNING id, dedupe_key, channel, recipient, subject, body, html, provider, provider_message_id`,
    [id],
  );
  return row ?? null;
}

/**
 * For a row that could not be claimed: how long its quiet hours still hold it back (0 when it is
 * done: a row is sent only once its quiet hours are over); null when there is no such row.
 */
export async function msUntilSendable(db: Db, id: number): Promise<number | null> {
  const [row] = await query<{ wait_ms: string | null }>(
    db,
    'SELECT (extract(epoch FROM not_before - now()) * 1000)::bigint AS wait_ms FROM outbox WHERE id = $1',
    [id],
  );
  return row ? Math.max(0, Number(row.wait_ms ?? 0)) : null;
}

export async function recordProviderId(db: Db, id: number, provider: string, providerMessageId: string): Promise<void> {
  await query(
    db,
    `UPDATE outbox SET provider = $2, provider_message_id = $3, sent_at = now()
      WHERE id = $1 AND provider_message_id IS NULL`,
    [id, provider, providerMessageId],
  );
}

export async function markOutboxSent(db: Db, id: number): Promise<void> {
  await query(
    db,
    `UPDATE outbox SET status = 'sent', sent_at = COALESCE(sent_at, now()), last_error = NULL
      WHERE id = $1 AND status = 'sending'`,
    [id],
  );
}

export async function markOutboxFailed(db: Db, id: number, error: string): Promise<void> {
  await query(db, `UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'sending'`, [
    id,
    error,
  ]);
}

export async function recordOutboxError(db: Db, id: number, error: string): Promise<void> {
  await query(db, `UPDATE outbox SET last_error = $2 WHERE id = $1 AND status = 'sending'`, [id, error]);
}

/**
 * Applies a provider's delivery report. Returns false when no outbox row carries that id (yet):
 * an SMPP receipt listener should then throw, so the SMSC delivers the receipt again later.
 */
export async function recordDeliveryReceipt(
  db: Db,
  providerMessageId: string,
  status: 'delivered' | 'failed',
  provider = 'smpp',
): Promise<boolean> {
  const [row] = await query<{ known: number }>(
    db,
    `WITH known AS (
       SELECT id, status FROM outbox WHERE provider_message_id = $1 AND provider = $2
     ), applied AS (
       UPDATE outbox o
          SET status = $3,
              delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE o.delivered_at END,
              last_error = CASE WHEN $3 = 'failed' THEN 'delivery receipt: not delivered' ELSE o.last_error END
         FROM known WHERE o.id = known.id AND known.status IN ('sending', 'sent')
     )
     SELECT count(*)::int AS known FROM known`,
    [providerMessageId, provider, status],
  );
  return row.known > 0;
}
