// The two outbound ports of notification delivery. Adapters (SMPP, HTTP gateway, dev log, SMTP)
// implement them; the delivery activity only sees these shapes.

export interface SmsMessage {
  /** recipient in E.164, e.g. +84901234567 */
  to: string;
  text: string;
  /** the outbox intent's key: providers that can de-duplicate use it as the request id */
  dedupeKey: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  dedupeKey: string;
}

export interface SendResult {
  providerMessageId: string;
  /** true when the provider reported the dedupe key as already accepted earlier */
  duplicate?: boolean;
}

export interface SmsProvider {
  name: string;
  send(msg: SmsMessage): Promise<SendResult>;
}

export interface EmailSender {
  send(msg: EmailMessage): Promise<SendResult>;
}

/** A delivery report from the network: the final state of a message the provider accepted. */
export interface DeliveryReceipt {
  providerMessageId: string;
  status: 'delivered' | 'failed';
  /** the provider's own state word, e.g. DELIVRD, UNDELIV, EXPIRED */
  stat: string;
}

/**
 * The provider refused this message for a reason a retry cannot fix (bad number, unregistered
 * template, 5xx mailbox): the delivery activity marks the intent failed instead of retrying.
 * Any other error is treated as transient.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
