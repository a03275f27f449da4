// The eSMS-shaped HTTP adapter against the gateway stub on loopback: request fields, RequestId
// de-duplication, permanent vs transient refusals, and a response lost to the client's timeout.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpGatewayProvider } from '../../notify/httpGatewayProvider';
import { PermanentDeliveryError } from '../../notify/ports';
import { startHttpGateway, type HttpGateway } from '../peers/httpGateway';

let gateway: HttpGateway;
const provider = (overrides: { timeoutMs?: number; sandbox?: boolean; secretKey?: string } = {}) =>
  createHttpGatewayProvider({
    url: gateway.url,
    apiKey: gateway.apiKey,
    secretKey: overrides.secretKey ?? gateway.secretKey,
    brandname: gateway.brandname,
    sandbox: overrides.sandbox ?? true,
    timeoutMs: overrides.timeoutMs,
  });

beforeAll(async () => {
  gateway = await startHttpGateway();
});
beforeEach(() => {
  gateway.requests.length = 0;
  gateway.messages.length = 0;
});
afterAll(async () => {
  await gateway.close();
});

describe('HTTP gateway provider', () => {
  it('when sending, then posts the eSMS fields and returns the SMSID', async () => {
    const result = await provider().send({
      to: '+84901234567',
      text: 'PAKN TP.HCM: Da tiep nhan phan anh PA-1',
      dedupeKey: 'report:1:1:0:0:sms',
    });
    expect(result).toEqual({ providerMessageId: 'esms-1' });
    expect(gateway.requests[0]).toEqual({
      ApiKey: 'test-api-key',
      SecretKey: 'test-secret-key',
      Phone: '0901234567',
      Content: 'PAKN TP.HCM: Da tiep nhan phan anh PA-1',
      Brandname: 'PAKN-HCM',
      SmsType: '2',
      IsUnicode: '0',
      Sandbox: '1',
      RequestId: 'report:1:1:0:0:sms',
    });
  });

  it('when the text has diacritics, then flags it as Unicode', async () => {
    await provider({ sandbox: false }).send({ to: '+84901234567', text: 'Đã nhận', dedupeKey: 'k-unicode' });
    expect(gateway.messages[0]).toMatchObject({ isUnicode: '1', sandbox: '0', content: 'Đã nhận' });
  });

  it('when the same RequestId is sent again, then the gateway refuses the copy and the provider reports a duplicate', async () => {
    const sms = provider();
    await sms.send({ to: '+84901234567', text: 'Once', dedupeKey: 'k-dup' });
    await expect(sms.send({ to: '+84901234567', text: 'Once', dedupeKey: 'k-dup' })).resolves.toEqual({
      providerMessageId: 'RequestId:k-dup',
      duplicate: true,
    });
    expect(gateway.messages).toHaveLength(1);
  });

  it('when the gateway answers after the client gave up, then the retry is recognised as a duplicate', async () => {
    gateway.answerNextLate(1_000);
    const sms = provider({ timeoutMs: 150 });
    await expect(sms.send({ to: '+84901234567', text: 'Late', dedupeKey: 'k-late' })).rejects.toThrow();
    await expect(sms.send({ to: '+84901234567', text: 'Late', dedupeKey: 'k-late' })).resolves.toMatchObject({
      duplicate: true,
    });
    expect(gateway.messages.map((m) => m.content)).toEqual(['Late']);
  });

  it('when the gateway refuses the number (108), then the error is permanent', async () => {
    gateway.failNextWithCode(1, '108');
    await expect(provider().send({ to: '+84901234567', text: 'x', dedupeKey: 'k-108' })).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('when the keys are wrong (101) or the gateway is down (503), then the error is transient', async () => {
    const wrongKeys = await provider({ secretKey: 'nope' })
      .send({ to: '+84901234567', text: 'x', dedupeKey: 'k-101' })
      .catch((e: Error) => e);
    expect(wrongKeys).toBeInstanceOf(Error);
    expect(wrongKeys).not.toBeInstanceOf(PermanentDeliveryError);
    expect((wrongKeys as Error).message).toContain('CodeResult 101');
    gateway.failNextWithHttp(1, 503);
    await expect(provider().send({ to: '+84901234567', text: 'x', dedupeKey: 'k-503' })).rejects.toThrow('HTTP 503');
    expect(gateway.messages).toHaveLength(0);
  });
});
