// Delivery of one outbox row (one notification intent) through the SMS or e-mail port, once per
// intent even when Temporal retries the activity after the provider already accepted:
//   claim the row once its quiet hours are over (queued|sending → sending) → if an earlier
//   attempt recorded a provider id, do not send again → send with the dedupe key (eSMS
//   de-duplicates by RequestId, e-mail keeps one Message-ID, SMPP joins an in-flight send in this
//   process) → record the provider id the moment it is known, even when this attempt has already
//   timed out → mark sent.
// Bad recipients and permanent refusals end as 'failed' rows without throwing; transient errors
// are written to last_error and thrown so Temporal retries with backoff.
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../temporal/failures';
import type { Pool } from 'pg';
import {
  claimOutboxRow,
  markOutboxFailed,
  markOutboxSent,
  msUntilSendable,
  recordOutboxError,
  recordProviderId,
  type ClaimedRow,
} from '../db/outbox';
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
      const row = await claimOutboxRow(pool, id);
      if (!row) {
        const waitMs = await msUntilSendable(pool, id);
        if (waitMs === null)
          throw ApplicationFailure.nonRetryable(`outbox row ${id} does not exist`, FailureType.OutboxRowMissing);
        // Quiet hours: Temporal retries the activity when the window ends, no earlier.
        if (waitMs > 0)
          throw ApplicationFailure.create({
            message: 'held back until the end of the quiet hours',
            type: FailureType.QuietHours,
            nextRetryDelay: waitMs,
          });
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`provider did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
