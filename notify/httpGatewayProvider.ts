// SMS through an HTTP JSON gateway shaped like eSMS (SendMultipleMessage_V4_post_json):
// ApiKey/SecretKey, Brandname, SmsType 2 (customer care), RequestId = the intent's dedupe key so
// the gateway refuses a second copy (CodeResult 124), Sandbox for test accounts. CodeResult 100 is
// "accepted", not "delivered". Codes tied to the message itself are permanent; the rest
// (balance, credentials, outages) are transient so the activity retries with backoff.
import { e164ToNational } from '../domain/phone';
import { PermanentDeliveryError, type SendResult, type SmsMessage, type SmsProvider } from './ports';
import { smsInfo } from '../domain/smsText';

export interface HttpGatewaySettings {
  /** full URL of the send endpoint */
  url: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  /** eSMS: '2' = customer care (brandname) */
  smsType?: string;
  sandbox?: boolean;
  /** where the gateway posts delivery status, if wanted */
  callbackUrl?: string;
  timeoutMs?: number;
}

const CODE_ACCEPTED = '100';
const CODE_DUPLICATE_REQUEST = '124';
// 99 blocked number, 108 bad number, 118 bad SMS type, 146 template mismatch, 177 network not registered
const permanentCodes = new Set(['99', '108', '118', '146', '177']);

interface GatewayReply {
  CodeResult?: string;
  SMSID?: string;
  ErrorMessage?: string;
}

export function createHttpGatewayProvider(settings: HttpGatewaySettings): SmsProvider {
  return {
    name: 'http',
    async send(msg: SmsMessage): Promise<SendResult> {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          ApiKey: settings.apiKey,
          SecretKey: settings.secretKey,
          Phone: e164ToNational(msg.to),
          Content: msg.text,
          Brandname: settings.brandname,
          SmsType: settings.smsType ?? '2',
          IsUnicode: smsInfo(msg.text).encoding === 'UCS-2' ? '1' : '0',
          Sandbox: settings.sandbox ? '1' : '0',
          RequestId: msg.dedupeKey,
          ...(settings.callbackUrl ? { CallbackUrl: settings.callbackUrl } : {}),
        }),
        signal: AbortSignal.timeout(settings.timeoutMs ?? 15_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered HTTP ${response.status}`);
      const reply = (await response.json()) as GatewayReply;
      const code = String(reply.CodeResult ?? '');
      if (code === CODE_ACCEPTED && reply.SMSID) return { providerMessageId: reply.SMSID };
      // the gateway already holds this RequestId: an earlier attempt was accepted
      if (code === CODE_DUPLICATE_REQUEST) return { providerMessageId: `RequestId:${msg.dedupeKey}`, duplicate: true };
      const text = `SMS gateway refused: CodeResult ${code || '?'} ${reply.ErrorMessage ?? ''}`.trim();
      throw permanentCodes.has(code) ? new PermanentDeliveryError(text, code) : new Error(text);
    },
  };
}
