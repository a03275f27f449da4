// Delivery of one outbox row (one notification intent) through the SMS or e-mail port, once per
// intent even when Temporal retries the activity after the provider already accepted:
//   claim the row (queued|sending → sending) → if an earlier attempt recorded a provider id, do
//   not send again → send with the dedupe key (eSMS de-duplicates by RequestId, e-mail keeps one
//   Message-ID, SMPP joins an in-flight send in this process) → record the provider id the moment
//   it is known, even when this attempt has already timed out → mark sent.
// Bad recipients and permanent refusals end as 'failed' rows without throwing; transient errors
// are written to last_error and thrown so Temporal retries with backoff.
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { query } from '../db/pool';
import { toE164Vietnam } from '../domain/phone';
import { PermanentDeliveryError, type EmailSender, type SendResult, type SmsProvider } from '../notify/ports';

export type DeliveryOutcome = 'sent' | 'failed' | 'skipped';

export interface DeliveryDeps {
  pool: Pool;
  sms: SmsProvider;
  email: EmailSender | null;
  /** give up on a provider call after this long (keep it below the activity's startToClose) */
  sendTimeoutMs?: number;
}

interface ClaimedRow {
  id: number;
  dedupe_key: string;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  provider: string | null;
  provider_message_id: string | null;
}

const emailAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function createDeliveryActivities(deps: DeliveryDeps) {
  const { pool } = deps;

  /** How to send a row, or why it can never be sent. */
  function target(row: ClaimedRow): { provider: string; send(): Promise<SendResult> } | { refusal: string } {
    if (row.channel === 'sms') {
      const to = toE164Vietnam(row.recipient);
      if (!to) return { refusal: `invalid recipient "${row.recipient}": not a Vietnamese mobile number` };
      return { provider: deps.sms.name, send: () => deps.sms.send({ to, text: row.body, dedupeKey: row.dedupe_key }) };
    }
    const email = deps.email;
    if (!email) return { refusal: 'e-mail is not configured' };
    if (!emailAddress.test(row.recipient))
      return { refusal: `invalid recipient "${row.recipient}": not an e-mail address` };
    return {
      provider: 'smtp',
      send: () =>
        email.send({
          to: row.recipient,
          subject: row.subject ?? '',
          text: row.body,
          html: row.html ?? undefined,
          dedupeKey: row.dedupe_key,
        }),
    };
  }

  return {
    async deliverOutboxMessage(id: number): Promise<DeliveryOutcome> {
      // Quiet hours: Temporal retries the activity when the window ends, no earlier.
      const waitMs = await msUntilSendable(pool, id);
      if (waitMs > 0)
        throw ApplicationFailure.create({
          message: 'held back until the end of the quiet hours',
          type: 'QuietHours',
          nextRetryDelay: waitMs,
        });
      const row = await claimOutboxRow(pool, id);
      if (!row) {
        if ((await outboxStatus(pool, id)) === null) {
          throw ApplicationFailure.nonRetryable(`outbox row ${id} does not exist`, 'OutboxRowMissing');
        }
        return 'skipped'; // already sent, delivered or failed
      }
      if (row.provider_message_id) {
        await markOutboxSent(pool, id); // an earlier attempt was accepted; its answer came late
        return 'sent';
      }
      const how = target(row);
      if ('refusal' in how) {
        await markOutboxFailed(pool, id, how.refusal);
        return 'failed';
      }
      const accepted = Promise.resolve()
        .then(how.send)
        .then(async (result) => {
          await recordProviderId(pool, id, how.provider, result.providerMessageId);
          return result;
        });
      accepted.catch(() => {}); // observed below; this keeps a late rejection from going unhandled
      try {
        await withTimeout(accepted, deps.sendTimeoutMs ?? 60_000);
        await markOutboxSent(pool, id);
        return 'sent';
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof PermanentDeliveryError) {
          await markOutboxFailed(pool, id, message);
          return 'failed';
        }
        await recordOutboxError(pool, id, message).catch(() => undefined); // the original error matters more
        throw error;
      }
    },
  };
}

/**
 * Applies a provider's delivery report. Returns false when no outbox row carries that id (yet):
 * an SMPP receipt listener should then throw, so the SMSC delivers the receipt again later.
 */
export async function recordDeliveryReceipt(
  pool: Pool,
  providerMessageId: string,
  status: 'delivered' | 'failed',
  provider = 'smpp',
): Promise<boolean> {
  const [row] = await query<{ known: number }>(
    pool,
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`provider did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function claimOutboxRow(pool: Pool, id: number): Promise<ClaimedRow | null> {
  const [row] = await query<ClaimedRow>(
    pool,
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1
      WHERE id = $1 AND status IN ('queued', 'sending')
      RETURNING id, dedupe_key, channel, recipient, subject, body, html, provider, provider_message_id`,
    [id],
  );
  return row ?? null;
}

async function msUntilSendable(pool: Pool, id: number): Promise<number> {
  const [row] = await query<{ wait_ms: number | null }>(
    pool,
    'SELECT (extract(epoch FROM not_before - now()) * 1000)::bigint AS wait_ms FROM outbox WHERE id = $1',
    [id],
  );
  return Math.max(0, row?.wait_ms ?? 0);
}

async function outboxStatus(pool: Pool, id: number): Promise<string | null> {
  const [row] = await query<{ status: string }>(pool, 'SELECT status FROM outbox WHERE id = $1', [id]);
  return row?.status ?? null;
}

async function recordProviderId(pool: Pool, id: number, provider: string, providerMessageId: string): Promise<void> {
  await query(
    pool,
    `UPDATE outbox SET provider = $2, provider_message_id = $3, sent_at = now()
      WHERE id = $1 AND provider_message_id IS NULL`,
    [id, provider, providerMessageId],
  );
}

async function markOutboxSent(pool: Pool, id: number): Promise<void> {
  await query(
    pool,
    `UPDATE outbox SET status = 'sent', sent_at = COALESCE(sent_at, now()), last_error = NULL
      WHERE id = $1 AND status = 'sending'`,
    [id],
  );
}

async function markOutboxFailed(pool: Pool, id: number, error: string): Promise<void> {
  await query(pool, `UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'sending'`, [
    id,
    error,
  ]);
}

async function recordOutboxError(pool: Pool, id: number, error: string): Promise<void> {
  await query(pool, `UPDATE outbox SET last_error = $2 WHERE id = $1 AND status = 'sending'`, [id, error]);
}
