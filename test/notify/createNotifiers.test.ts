// createNotifiers builds the adapters from plain settings (the shape worker/ passes) and wires
// the brandname, SMTP URL and SMPP receipts; the dev provider records and de-duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifiers, type DeliveryReceipt } from '../../notify';
import { startHttpGateway, type HttpGateway } from '../peers/httpGateway';
import { startSmsc, type Smsc } from '../peers/smsc';
import { startSmtpSink, type SmtpSink } from '../peers/smtpSink';
import { eventually } from '../support/eventually';

let smsc: Smsc;
let gateway: HttpGateway;
let sink: SmtpSink;
const base = { brandname: 'PAKN-HCM', emailFrom: 'PAKN TP.HCM <no-reply@pakn.tphcm.gov.vn>', log: () => {} };

beforeAll(async () => {
  [smsc, gateway, sink] = await Promise.all([startSmsc(), startHttpGateway(), startSmtpSink()]);
});
afterAll(async () => {
  await Promise.all([smsc.close(), gateway.close(), sink.close()]);
});

describe('createNotifiers', () => {
  it('when the provider is dev and no SMTP is set, then SMS are only recorded and e-mail is off', async () => {
    const lines: string[] = [];
    const notifiers = createNotifiers({ ...base, smsProvider: 'dev', smtp: null, log: (l) => lines.push(l) });
    expect(notifiers.email).toBeNull();
    const first = await notifiers.sms.send({ to: '+84901234567', text: 'Xin chao', dedupeKey: 'k1' });
    const again = await notifiers.sms.send({ to: '+84901234567', text: 'Xin chao', dedupeKey: 'k1' });
    expect(first).toEqual({ providerMessageId: 'dev-1' });
    expect(again).toEqual({ providerMessageId: 'dev-1', duplicate: true });
    expect(lines).toEqual(['[sms:dev] dev-1 to +84901234567: Xin chao']);
    await notifiers.close();
  });

  it('when the provider is http, then the gateway gets the configured brandname; SMTP goes to its URL', async () => {
    const notifiers = createNotifiers({
      ...base,
      smsProvider: 'http',
      http: { url: gateway.url, apiKey: gateway.apiKey, secretKey: gateway.secretKey, sandbox: true },
      smtp: { url: sink.url },
    });
    await notifiers.sms.send({ to: '+84901234567', text: 'Xin chao', dedupeKey: 'k-http' });
    await notifiers.email?.send({ to: 'a@example.vn', subject: 'Chào', text: 'Nội dung', dedupeKey: 'k-mail' });
    expect(gateway.messages).toEqual([expect.objectContaining({ brandname: 'PAKN-HCM', sandbox: '1' })]);
    expect(sink.mails).toEqual([expect.objectContaining({ subject: 'Chào', from: 'no-reply@pakn.tphcm.gov.vn' })]);
    await notifiers.close();
  });

  it('when the provider is smpp, then start binds, the brandname is the source and receipts reach listeners', async () => {
    const notifiers = createNotifiers({
      ...base,
      smsProvider: 'smpp',
      smpp: { url: smsc.url, systemId: smsc.systemId, password: smsc.password },
    });
    const receipts: DeliveryReceipt[] = [];
    notifiers.onDeliveryReceipt((r) => void receipts.push(r));
    await notifiers.start();
    expect(smsc.binds.at(-1)).toEqual({ systemId: 'pakn', ok: true });
    const { providerMessageId } = await notifiers.sms.send({
      to: '+84901234567',
      text: 'Xin chao',
      dedupeKey: 'k-smpp',
    });
    expect(smsc.submits.at(-1)?.source).toBe('PAKN-HCM');
    await eventually(() => receipts.some((r) => r.providerMessageId === providerMessageId));
    await notifiers.close();
  });

  it('when the chosen provider has no settings, then fails at once', () => {
    expect(() => createNotifiers({ ...base, smsProvider: 'smpp' })).toThrow('needs the smpp settings');
    expect(() => createNotifiers({ ...base, smsProvider: 'http' })).toThrow('needs the http settings');
    expect(() => createNotifiers({ ...base, smsProvider: 'carrier-pigeon' as 'dev' })).toThrow('unknown smsProvider');
  });
});
