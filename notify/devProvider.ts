// Development SMS provider: sends nothing, records and logs each message. Like real gateways it
// de-duplicates by dedupeKey, so a retried intent gets the same id and is recorded once.
import type { SendResult, SmsMessage, SmsProvider } from './ports';

export interface DevSmsProvider extends SmsProvider {
  readonly sent: ReadonlyArray<SmsMessage & { providerMessageId: string }>;
}

export function createDevSmsProvider(log: (line: string) => void = console.info): DevSmsProvider {
  const sent: Array<SmsMessage & { providerMessageId: string }> = [];
  const byKey = new Map<string, string>();
  return {
    name: 'dev',
    sent,
    async send(msg: SmsMessage): Promise<SendResult> {
      const known = byKey.get(msg.dedupeKey);
      if (known) return { providerMessageId: known, duplicate: true };
      const providerMessageId = `dev-${sent.length + 1}`;
      byKey.set(msg.dedupeKey, providerMessageId);
      sent.push({ ...msg, providerMessageId });
      log(`[sms:dev] ${providerMessageId} to ${msg.to}: ${msg.text}`);
      return { providerMessageId };
    },
  };
}
