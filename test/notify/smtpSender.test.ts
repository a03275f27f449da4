// The SMTP adapter against a real SMTP sink on loopback: the mail as received, a Message-ID that
// is stable per dedupe key, and 4xx (transient) vs 5xx (permanent) refusals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../../notify/ports';
import { createSmtpSender, messageIdFor } from '../../notify/smtpSender';
import { startSmtpSink, type SmtpSink } from '../peers/smtpSink';

let sink: SmtpSink;
let sender: ReturnType<typeof createSmtpSender>;
const from = 'PAKN TP.HCM <no-reply@pakn.tphcm.gov.vn>';

beforeAll(async () => {
  sink = await startSmtpSink();
  sender = createSmtpSender({ url: sink.url }, from);
});
beforeEach(() => {
  sink.mails.length = 0;
});
afterAll(async () => {
  sender.close();
  await sink.close();
});

describe('SMTP sender', () => {
  it('when sending, then the sink receives the mail with a Message-ID derived from the dedupe key', async () => {
    const result = await sender.send({
      to: 'nguoidan@example.vn',
      subject: 'Đã tiếp nhận phản ánh PA-1',
      text: 'Hệ thống PAKN TP.HCM đã tiếp nhận phản ánh của Quý vị.',
      html: '<p>Hệ thống PAKN TP.HCM đã tiếp nhận phản ánh của Quý vị.</p>',
      dedupeKey: 'report:1:1:0:0:email',
    });
    const messageId = messageIdFor('report:1:1:0:0:email', from);
    expect(messageId).toMatch(/^<pakn\.[0-9a-f]{32}@pakn\.tphcm\.gov\.vn>$/);
    expect(result).toEqual({ providerMessageId: messageId });
    expect(sink.mails).toEqual([
      {
        envelopeTo: ['nguoidan@example.vn'],
        to: ['nguoidan@example.vn'],
        from: 'no-reply@pakn.tphcm.gov.vn',
        subject: 'Đã tiếp nhận phản ánh PA-1',
        text: 'Hệ thống PAKN TP.HCM đã tiếp nhận phản ánh của Quý vị.',
        html: '<p>Hệ thống PAKN TP.HCM đã tiếp nhận phản ánh của Quý vị.</p>',
        messageId,
      },
    ]);
  });

  it('when the same intent is sent twice, then both copies carry the same Message-ID', async () => {
    const mail = { to: 'a@example.vn', subject: 's', text: 't', dedupeKey: 'same-key' };
    await sender.send(mail);
    await sender.send(mail);
    expect(new Set(sink.mails.map((m) => m.messageId))).toEqual(new Set([messageIdFor('same-key', from)]));
  });

  it('when the server answers 451, then the error is transient; when it answers 550, permanent', async () => {
    sink.refuseNext(1, 451);
    const transient = await sender
      .send({ to: 'a@example.vn', subject: 's', text: 't', dedupeKey: 'k-451' })
      .catch((e: Error) => e);
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(PermanentDeliveryError);
    sink.refuseNext(1, 550);
    await expect(
      sender.send({ to: 'a@example.vn', subject: 's', text: 't', dedupeKey: 'k-550' }),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(sink.mails).toHaveLength(0);
  });
});
