// SMTP sink for tests: a real SMTP server (smtp-server) on a free loopback port that parses every
// mail with mailparser and keeps it. It can refuse the next messages with a 4xx or 5xx reply.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  envelopeTo: string[];
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | undefined;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

export async function startSmtpSink() {
  const mails: CapturedMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const refusal = refusals.shift();
      simpleParser(stream)
        .then((mail) => {
          if (refusal) {
            return callback(Object.assign(new Error(`refused by test (${refusal})`), { responseCode: refusal }));
          }
          mails.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            to: addresses(mail.to),
            from: addresses(mail.from)[0] ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: mail.html || null,
            messageId: mail.messageId,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** answer the next n messages with this reply code (451 transient, 550 permanent) */
    refuseNext(n: number, code = 451) {
      for (let i = 0; i < n; i++) refusals.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
