// The delivery activity over real PostgreSQL and real protocol peers: one message per intent when
// the provider fails once, when its answer comes after the attempt gave up, and when the activity
// runs twice; receipts; refusals that end as failed rows without throwing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryActivities } from '../../activities/delivery';
import { recordDeliveryReceipt } from '../../db/outbox';
import { createHttpGatewayProvider } from '../../notify/httpGatewayProvider';
import { SmppProvider } from '../../notify/smppProvider';
import { createSmtpSender } from '../../notify/smtpSender';
import type { SmsProvider } from '../../notify/ports';
import { startHttpGateway, type HttpGateway } from '../peers/httpGateway';
import { startSmsc, type Smsc } from '../peers/smsc';
import { startSmtpSink, type SmtpSink } from '../peers/smtpSink';
import { eventually } from '../support/eventually';
import { createScratchDb, insertOutbox, outboxRow, type ScratchDb } from './scratchDb';

let db: ScratchDb;
let smsc: Smsc;
let gateway: HttpGateway;
let sink: SmtpSink;
let smtp: ReturnType<typeof createSmtpSender>;
const smppProviders: SmppProvider[] = [];
let keys = 0;

function smppProvider(): SmppProvider {
  const provider = new SmppProvider({
    url: smsc.url,
    systemId: smsc.systemId,
    password: smsc.password,
    sourceAddr: 'PAKN-HCM',
    log: () => {},
  });
  // the wiring worker/ should use: an unknown id (not recorded yet) makes the SMSC retry
  provider.onDeliveryReceipt(async (r) => {
    if (!(await recordDeliveryReceipt(db.pool, r.providerMessageId, r.status)))
      throw new Error(`unknown message ${r.providerMessageId}`);
  });
  smppProviders.push(provider);
  return provider;
}

function activities(sms: SmsProvider, sendTimeoutMs?: number) {
  return createDeliveryActivities({ pool: db.pool, sms, email: smtp, sendTimeoutMs });
}

const smsRow = (recipient = '0901 234 567', body = 'PAKN TP.HCM: Da tiep nhan phan anh PA-1') =>
  insertOutbox(db.pool, { dedupeKey: `report:r1:${++keys}:0:0:sms`, channel: 'sms', recipient, body });

beforeAll(async () => {
  [db, smsc, gateway, sink] = await Promise.all([createScratchDb(), startSmsc(), startHttpGateway(), startSmtpSink()]);
  smtp = createSmtpSender({ url: sink.url }, 'PAKN TP.HCM <no-reply@pakn.tphcm.gov.vn>');
});
afterEach(async () => {
  await Promise.all(smppProviders.splice(0).map((p) => p.close()));
  smsc.submits.length = 0;
  gateway.messages.length = 0;
  sink.mails.length = 0;
});
afterAll(async () => {
  smtp.close();
  await Promise.all([smsc.close(), gateway.close(), sink.close()]);
  await db.drop();
});

describe('deliverOutboxMessage over SMPP', () => {
  it('when the row is queued, then sends it once, marks it sent, and the receipt marks it delivered', async () => {
    const id = await smsRow();
    await expect(activities(smppProvider()).deliverOutboxMessage(id)).resolves.toBe('sent');
    expect(smsc.messages()).toEqual([
      expect.objectContaining({
        destination: '84901234567',
        text: 'PAKN TP.HCM: Da tiep nhan phan anh PA-1',
        dataCoding: 0,
      }),
    ]);
    const row = await outboxRow(db.pool, id);
    expect(row).toMatchObject({
      provider: 'smpp',
      provider_message_id: smsc.submits[0].messageId,
      attempts: 1,
      last_error: null,
    });
    expect(['sent', 'delivered']).toContain(row.status);
    const delivered = await eventually(async () => {
      const current = await outboxRow(db.pool, id);
      return current.status === 'delivered' ? current : null;
    });
    expect(delivered.delivered_at).toBeInstanceOf(Date);
  });

  it('when the SMSC refuses once (throttled), then the first attempt throws and the retry sends exactly one message', async () => {
    const id = await smsRow();
    const { deliverOutboxMessage } = activities(smppProvider());
    smsc.failNextSubmits(1);
    await expect(deliverOutboxMessage(id)).rejects.toThrow('0x58');
    expect(await outboxRow(db.pool, id)).toMatchObject({
      status: 'sending',
      attempts: 1,
      last_error: expect.stringContaining('0x58'),
    });
    await expect(deliverOutboxMessage(id)).resolves.toBe('sent');
    expect(smsc.messages()).toHaveLength(1);
    expect(await outboxRow(db.pool, id)).toMatchObject({ attempts: 2, last_error: null });
  });

  it('when the SMSC accepts but answers after the attempt gave up, then a retry on another worker does not resend', async () => {
    const id = await smsRow();
    smsc.delayNextSubmits(1, 600);
    await expect(activities(smppProvider(), 100).deliverOutboxMessage(id)).rejects.toThrow(
      'did not answer within 100 ms',
    );
    // the late submit_sm_resp is still recorded by the first worker
    const recorded = await eventually(async () => (await outboxRow(db.pool, id)).provider_message_id);
    expect(recorded).toBe(smsc.submits[0].messageId);
    await expect(activities(smppProvider()).deliverOutboxMessage(id)).resolves.toBe('sent');
    expect(smsc.submits).toHaveLength(1);
    expect(await outboxRow(db.pool, id)).toMatchObject({ attempts: 2, provider_message_id: recorded });
  });

  it('when a retry starts while the first send is still in flight, then both share one submit', async () => {
    const id = await smsRow();
    smsc.delayNextSubmits(1, 300);
    const { deliverOutboxMessage } = activities(smppProvider(), 100);
    await expect(deliverOutboxMessage(id)).rejects.toThrow('did not answer');
    await expect(activities(smppProviders[0], 2_000).deliverOutboxMessage(id)).resolves.toBe('sent');
    expect(smsc.submits).toHaveLength(1);
  });

  it('when the activity runs again after success, then it skips the row and sends nothing', async () => {
    const id = await smsRow();
    const { deliverOutboxMessage } = activities(smppProvider());
    await expect(deliverOutboxMessage(id)).resolves.toBe('sent');
    await expect(deliverOutboxMessage(id)).resolves.toBe('skipped');
    expect(smsc.submits).toHaveLength(1);
    expect((await outboxRow(db.pool, id)).attempts).toBe(1);
  });

  it('when the recipient is not a Vietnamese mobile number, then the row fails without a throw or a submit', async () => {
    const id = await smsRow('028 3829 6052');
    await expect(activities(smppProvider()).deliverOutboxMessage(id)).resolves.toBe('failed');
    expect(await outboxRow(db.pool, id)).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('not a Vietnamese mobile number'),
    });
    expect(smsc.submits).toHaveLength(0);
    await expect(activities(smppProvider()).deliverOutboxMessage(id)).resolves.toBe('skipped');
  });

  it('when the SMSC refuses the destination for good, then the row fails without a throw', async () => {
    const id = await smsRow();
    smsc.failNextSubmits(1, 0x0b);
    await expect(activities(smppProvider()).deliverOutboxMessage(id)).resolves.toBe('failed');
    expect(await outboxRow(db.pool, id)).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('0xb'),
    });
  });

  it('when the receipt says UNDELIV, then the row is failed', async () => {
    smsc.setReceiptStat('UNDELIV');
    try {
      const id = await smsRow();
      await activities(smppProvider()).deliverOutboxMessage(id);
      await eventually(async () => (await outboxRow(db.pool, id)).status === 'failed');
    } finally {
      smsc.setReceiptStat('DELIVRD');
    }
  });

  it('when a receipt names an unknown id, then recordDeliveryReceipt says so; a repeated receipt changes nothing', async () => {
    expect(await recordDeliveryReceipt(db.pool, 'no-such-id', 'delivered')).toBe(false);
    const id = await smsRow();
    await activities(smppProvider()).deliverOutboxMessage(id);
    const { provider_message_id: messageId } = await eventually(async () => {
      const row = await outboxRow(db.pool, id);
      return row.status === 'delivered' ? row : null;
    });
    expect(await recordDeliveryReceipt(db.pool, messageId as string, 'failed')).toBe(true);
    expect(await recordDeliveryReceipt(db.pool, messageId as string, 'delivered', 'http')).toBe(false);
    expect((await outboxRow(db.pool, id)).status).toBe('delivered');
  });

  it('when the row does not exist, then throws a non-retryable failure', async () => {
    await expect(activities(smppProvider()).deliverOutboxMessage(987654)).rejects.toMatchObject({
      type: 'OutboxRowMissing',
      nonRetryable: true,
    });
  });
});

describe('deliverOutboxMessage over the HTTP gateway', () => {
  const http = (timeoutMs?: number) =>
    createHttpGatewayProvider({
      url: gateway.url,
      apiKey: gateway.apiKey,
      secretKey: gateway.secretKey,
      brandname: gateway.brandname,
      timeoutMs,
    });

  it('when the gateway accepts but its answer is lost to a timeout, then the retry is de-duplicated by RequestId', async () => {
    const id = await smsRow('+84 37 123 4567');
    gateway.answerNextLate(800);
    await expect(activities(http(100)).deliverOutboxMessage(id)).rejects.toThrow();
    await expect(activities(http()).deliverOutboxMessage(id)).resolves.toBe('sent');
    expect(gateway.messages).toEqual([
      expect.objectContaining({ phone: '0371234567', content: 'PAKN TP.HCM: Da tiep nhan phan anh PA-1' }),
    ]);
    expect(await outboxRow(db.pool, id)).toMatchObject({ status: 'sent', provider: 'http', attempts: 2 });
  });

  it('when the gateway is down once, then the retry sends one message and records its SMSID', async () => {
    const id = await smsRow();
    gateway.failNextWithHttp(1, 502);
    await expect(activities(http()).deliverOutboxMessage(id)).rejects.toThrow('HTTP 502');
    await expect(activities(http()).deliverOutboxMessage(id)).resolves.toBe('sent');
    expect(gateway.messages).toHaveLength(1);
    expect((await outboxRow(db.pool, id)).provider_message_id).toBe(gateway.messages[0].smsId);
  });
});

describe('deliverOutboxMessage for e-mail', () => {
  const emailRow = (recipient: string) =>
    insertOutbox(db.pool, {
      dedupeKey: `report:r1:${++keys}:0:0:email`,
      channel: 'email',
      recipient,
      subject: 'Đã tiếp nhận phản ánh PA-1',
      body: 'Nội dung',
      html: '<p>Nội dung</p>',
    });

  it('when the row is an e-mail, then the sink receives it once and the row is sent', async () => {
    const id = await emailRow('nguoidan@example.vn');
    const { deliverOutboxMessage } = activities(smppProvider());
    await expect(deliverOutboxMessage(id)).resolves.toBe('sent');
    await expect(deliverOutboxMessage(id)).resolves.toBe('skipped');
    expect(sink.mails).toEqual([
      expect.objectContaining({
        to: ['nguoidan@example.vn'],
        subject: 'Đã tiếp nhận phản ánh PA-1',
        text: 'Nội dung',
        html: '<p>Nội dung</p>',
      }),
    ]);
    expect(await outboxRow(db.pool, id)).toMatchObject({
      status: 'sent',
      provider: 'smtp',
      provider_message_id: sink.mails[0].messageId,
    });
  });

  it('when no SMTP server is configured or the address is malformed, then the row fails', async () => {
    const unconfigured = await emailRow('nguoidan@example.vn');
    const none = createDeliveryActivities({ pool: db.pool, sms: smppProvider(), email: null });
    await expect(none.deliverOutboxMessage(unconfigured)).resolves.toBe('failed');
    expect((await outboxRow(db.pool, unconfigured)).last_error).toBe('e-mail is not configured');
    const malformed = await emailRow('not-an-address');
    await expect(activities(smppProvider()).deliverOutboxMessage(malformed)).resolves.toBe('failed');
    expect(sink.mails).toHaveLength(0);
  });
});
