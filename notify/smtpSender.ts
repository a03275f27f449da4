// E-mail over SMTP with nodemailer. The Message-ID is derived from the intent's dedupe key, so a
// retried send carries the same Message-ID and receiving systems can recognise the copy.
// A 5xx reply (or a refused recipient) is permanent; connection trouble and 4xx are transient.
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { PermanentDeliveryError, type EmailMessage, type EmailSender, type SendResult } from './ports';

export interface SmtpSettings {
  /** smtp://user:pass@host:587 or smtps://host:465; wins over host/port/secure/auth */
  url?: string;
  host?: string;
  port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it */
  secure?: boolean;
  auth?: { user: string; pass: string } | null;
  /** for a test server with a self-signed certificate */
  rejectUnauthorized?: boolean;
  timeoutMs?: number;
}

/** '<pakn.5f3c…@example.gov.vn>': stable for a dedupe key, valid whatever the key holds. */
export function messageIdFor(dedupeKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'pakn.local';
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
  return `<pakn.${hash}@${domain}>`;
}

export function createSmtpSender(settings: SmtpSettings, from: string): EmailSender & { close(): void } {
  const timeout = settings.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: settings.url,
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    auth: settings.auth ?? undefined,
    tls: settings.rejectUnauthorized === false ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(msg: EmailMessage): Promise<SendResult> {
      const messageId = messageIdFor(msg.dedupeKey, from);
      try {
        const info = await transport.sendMail({
          from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          messageId,
        });
        if (info.rejected.length > 0)
          throw new PermanentDeliveryError(`recipient refused: ${info.rejected.join(', ')}`);
        return { providerMessageId: info.messageId || messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new PermanentDeliveryError((error as Error).message, String(code));
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
