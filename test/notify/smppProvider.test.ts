// The SMPP adapter against the SMSC simulator on loopback: bind credentials, explicit data_coding,
// UDH concatenation, receipts, error statuses, dropped connections and re-binding.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toSmsText } from '../../domain/smsText';
import { concatReference } from '../../notify/smppPdu';
import { SmppProvider } from '../../notify/smppProvider';
import { PermanentDeliveryError, type DeliveryReceipt } from '../../notify/ports';
import { startSmsc, type Smsc } from '../peers/smsc';
import { eventually } from '../support/eventually';

let smsc: Smsc;
const providers: SmppProvider[] = [];

function provider(overrides: Partial<ConstructorParameters<typeof SmppProvider>[0]> = {}): SmppProvider {
  const created = new SmppProvider({
    url: smsc.url,
    systemId: smsc.systemId,
    password: smsc.password,
    sourceAddr: 'PAKN-HCM',
    reconnectDelayMs: 50,
    bindTimeoutMs: 2_000,
    log: () => {},
    ...overrides,
  });
  providers.push(created);
  return created;
}

beforeAll(async () => {
  smsc = await startSmsc();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
  smsc.submits.length = 0;
  smsc.binds.length = 0;
  smsc.receipts.length = 0;
});
afterAll(async () => {
  await smsc.close();
});

describe('SmppProvider', () => {
  it('when sending a short text without diacritics, then submits one GSM part with data_coding 0', async () => {
    const text = toSmsText(
      'PAKN TP.HCM: Đã tiếp nhận phản ánh PA-2025-000123. Tra cứu: https://pakn.example/r/PA-2025-000123',
    );
    const { providerMessageId } = await provider().send({ to: '+84901234567', text, dedupeKey: 'k-gsm' });
    expect(providerMessageId).toBe(smsc.submits[0].messageId);
    expect(smsc.binds).toEqual([{ systemId: 'pakn', ok: true }]);
    expect(smsc.submits).toHaveLength(1);
    expect(smsc.submits[0]).toMatchObject({
      source: 'PAKN-HCM',
      destination: '84901234567',
      dataCoding: 0,
      esmClass: 0,
      registeredDelivery: 1,
      udh: null,
      text: 'PAKN TP.HCM: Da tiep nhan phan anh PA-2025-000123. Tra cuu: https://pakn.example/r/PA-2025-000123',
    });
  });

  it('when GSM characters differ from ASCII (@ $ _ and the extension table), then they arrive intact', async () => {
    const text = 'Email: pakn_hcm@tphcm.gov.vn, phi $0 {ok} [1|2] ~ ^ \\ EUR';
    await provider().send({ to: '+84901234567', text, dedupeKey: 'k-gsm-special' });
    expect(smsc.submits[0]).toMatchObject({ dataCoding: 0, text });
  });

  it('when the text keeps its diacritics, then submits UCS-2 with data_coding 8', async () => {
    const text = 'Đã tiếp nhận phản ánh PA-1';
    await provider().send({ to: '+84371234567', text, dedupeKey: 'k-ucs2' });
    expect(smsc.submits[0]).toMatchObject({ dataCoding: 8, esmClass: 0, destination: '84371234567', text });
  });

  it('when the text needs three parts, then submits them with one UDH reference, total 3, parts 1..3', async () => {
    const text = Array.from({ length: 60 }, (_, i) => `Cau ${i + 1}: ngap nuoc.`)
      .join(' ')
      .slice(0, 400);
    await provider().send({ to: '+84901234567', text, dedupeKey: 'k-long' });
    expect(smsc.submits).toHaveLength(3);
    const reference = concatReference('k-long');
    expect(smsc.submits.map((s) => s.udh)).toEqual([1, 2, 3].map((part) => ({ reference, total: 3, part })));
    expect(smsc.submits.every((s) => s.esmClass === 0x40 && s.dataCoding === 0)).toBe(true);
    expect(smsc.submits.map((s) => s.registeredDelivery)).toEqual([1, 0, 0]); // one receipt, for the recorded id
    expect(smsc.submits.map((s) => s.text.length)).toEqual([153, 153, text.length - 306]);
    expect(smsc.messages()).toEqual([expect.objectContaining({ destination: '84901234567', text, dataCoding: 0 })]);
  });

  it('when a UCS-2 text needs two parts, then each part holds at most 67 characters', async () => {
    const text = 'Nước ngập sâu tại đường Nguyễn Hữu Cảnh, phường Thạnh Mỹ Tây, đề nghị xử lý gấp!';
    await provider().send({ to: '+84901234567', text, dedupeKey: 'k-long-ucs2' });
    expect(smsc.submits.map((s) => [s.dataCoding, s.esmClass, s.udh?.total, s.text.length])).toEqual([
      [8, 0x40, 2, 67],
      [8, 0x40, 2, text.length - 67],
    ]);
    expect(smsc.messages()[0].text).toBe(text);
  });

  it('when the SMSC sends a delivery receipt, then listeners get the message id and "delivered"', async () => {
    const smpp = provider();
    const receipts: DeliveryReceipt[] = [];
    smpp.onDeliveryReceipt((r) => void receipts.push(r));
    const { providerMessageId } = await smpp.send({ to: '+84901234567', text: 'Hello', dedupeKey: 'k-receipt' });
    await eventually(() => receipts.length === 1);
    expect(receipts[0]).toEqual({ providerMessageId, status: 'delivered', stat: 'DELIVRD' });
    await eventually(() => smsc.receipts.find((r) => r.messageId === providerMessageId)?.ackStatus === 0); // deliver_sm_resp OK
  });

  it('when a receipt listener fails, then the SMSC gets a temporary error and offers the receipt again', async () => {
    const smpp = provider();
    let calls = 0;
    smpp.onDeliveryReceipt(() => (++calls === 1 ? Promise.reject(new Error('database down')) : undefined));
    const { providerMessageId } = await smpp.send({ to: '+84901234567', text: 'Hello', dedupeKey: 'k-receipt-fail' });
    await eventually(() =>
      smsc.receipts.find((r) => r.messageId === providerMessageId && r.attempt === 2 && r.ackStatus !== null),
    );
    expect(smsc.receipts.filter((r) => r.messageId === providerMessageId).map((r) => r.ackStatus)).toEqual([0x64, 0]); // ESME_RX_T_APPN, then OK
  });

  it('when the SMSC refuses with a throttling status, then the error is transient', async () => {
    smsc.failNextSubmits(1);
    const error = await provider()
      .send({ to: '+84901234567', text: 'Hi', dedupeKey: 'k-throttle' })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain('0x58');
  });

  it('when the SMSC refuses the destination, then the error is permanent', async () => {
    smsc.failNextSubmits(1, 0x0b);
    await expect(provider().send({ to: '+84901234567', text: 'Hi', dedupeKey: 'k-bad-dest' })).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('when the second of three parts fails, then a retry sends only the missing parts, with the same reference', async () => {
    const smpp = provider();
    const send = () => smpp.send({ to: '+84901234567', text: 'y'.repeat(400), dedupeKey: 'k-partial' });
    smsc.acceptNextSubmits(1);
    smsc.failNextSubmits(1);
    await expect(send()).rejects.toThrow('0x58');
    expect(smsc.submits.map((s) => [s.udh?.part, s.status])).toEqual([
      [1, 0],
      [2, 0x58],
    ]);
    await send();
    expect(smsc.submits.map((s) => [s.udh?.part, s.status])).toEqual([
      [1, 0],
      [2, 0x58],
      [2, 0],
      [3, 0],
    ]);
    expect(new Set(smsc.submits.map((s) => s.udh?.reference))).toEqual(new Set([concatReference('k-partial')]));
    expect(smsc.messages()[0].text).toBe('y'.repeat(400));
  });

  it('when the same dedupe key is sent while the first send is in flight, then it is submitted once', async () => {
    smsc.delayNextSubmits(1, 200);
    const smpp = provider();
    const [a, b] = await Promise.all([
      smpp.send({ to: '+84901234567', text: 'Once', dedupeKey: 'k-join' }),
      smpp.send({ to: '+84901234567', text: 'Once', dedupeKey: 'k-join' }),
    ]);
    expect(a).toEqual(b);
    expect(smsc.submits).toHaveLength(1);
  });

  it('when the connection drops during a submit, then that send fails and the next one re-binds', async () => {
    const smpp = provider();
    await smpp.start();
    smsc.dropOnNextSubmit();
    await expect(smpp.send({ to: '+84901234567', text: 'Lost', dedupeKey: 'k-drop' })).rejects.toThrow(
      'SMPP connection closed',
    );
    await expect(smpp.send({ to: '+84901234567', text: 'Again', dedupeKey: 'k-drop' })).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
    expect(smsc.binds.filter((b) => b.ok)).toHaveLength(2);
    expect(smsc.submits.map((s) => s.text)).toEqual(['Again']);
  });

  it('when the credentials are wrong, then the bind is refused and sending fails', async () => {
    const smpp = provider({ password: 'wrong' });
    await expect(smpp.send({ to: '+84901234567', text: 'x', dedupeKey: 'k-auth' })).rejects.toThrow(
      'SMPP bind refused',
    );
    expect(smsc.binds[0]).toEqual({ systemId: 'pakn', ok: false });
  });
});
