// Builds the notification adapters from a plain settings object (the config module reads the
// environment; nothing in notify/ does). SMS: dev log, SMPP bind or HTTP gateway. E-mail: SMTP
// when configured, otherwise none (the delivery activity then fails e-mail intents visibly).
import { createDevSmsProvider } from './devProvider';
import { createHttpGatewayProvider, type HttpGatewaySettings } from './httpGatewayProvider';
import type { DeliveryReceipt, EmailSender, SmsProvider } from './ports';
import { SmppProvider, type SmppSettings } from './smppProvider';
import { createSmtpSender, type SmtpSettings } from './smtpSender';

export type { DeliveryReceipt, EmailSender, SmsProvider } from './ports';

export interface NotifySettings {
  smsProvider: 'dev' | 'smpp' | 'http';
  /** the registered SMS brandname: SMPP source_addr, gateway Brandname */
  brandname: string;
  smpp?: Omit<SmppSettings, 'log' | 'sourceAddr'>;
  http?: Omit<HttpGatewaySettings, 'brandname'>;
  smtp?: SmtpSettings | null;
  /** 'PAKN TP.HCM <no-reply@example.gov.vn>' */
  emailFrom: string;
  log?: (line: string) => void;
}

export interface Notifiers {
  sms: SmsProvider;
  email: EmailSender | null;
  /** SMPP delivery receipts; never called for the other providers */
  onDeliveryReceipt(listener: (receipt: DeliveryReceipt) => void | Promise<void>): void;
  /** binds SMPP at start-up so receipts for earlier messages arrive; a no-op otherwise */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createNotifiers(settings: NotifySettings): Notifiers {
  const log = settings.log ?? ((line: string) => console.info(line));
  const email = settings.smtp ? createSmtpSender(settings.smtp, settings.emailFrom) : null;
  const closeEmail = () => email?.close();
  const plain = { email, onDeliveryReceipt: () => {}, start: async () => {}, close: async () => closeEmail() };
  switch (settings.smsProvider) {
    case 'dev':
      return { ...plain, sms: createDevSmsProvider(log) };
    case 'http':
      if (!settings.http) throw new Error('smsProvider "http" needs the http settings');
      return { ...plain, sms: createHttpGatewayProvider({ ...settings.http, brandname: settings.brandname }) };
    case 'smpp': {
      if (!settings.smpp) throw new Error('smsProvider "smpp" needs the smpp settings');
      const smpp = new SmppProvider({ ...settings.smpp, sourceAddr: settings.brandname, log });
      return {
        sms: smpp,
        email,
        onDeliveryReceipt: (listener) => smpp.onDeliveryReceipt(listener),
        start: () => smpp.start(),
        close: async () => {
          closeEmail();
          await smpp.close();
        },
      };
    }
    default:
      throw new Error(`unknown smsProvider "${String(settings.smsProvider)}"`);
  }
}
