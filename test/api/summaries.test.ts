// The Friday summary end to end: the schedule as the worker start-up creates it on the dev server,
// a triggered run over a seeded week (late, on-time, open and overdue reports across several
// wards) delivered over SMPP to an SMSC simulator and over SMTP to a sink, exactly once even when
// the week is run again; the preview and the recipients API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePaknSchedules } from '../../worker/createWorker';
import { weekLabel } from '../../domain/weeklySummary';
import { reconcileSchedule } from '../../temporal/schedules';
import { weeklySummaryScheduleId, type WeeklySummaryOutcome } from '../../workflows/summary/messages';
import { startSmsc, type Smsc } from '../peers/smsc';
import { startSmtpSink, type SmtpSink } from '../peers/smtpSink';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let smsc: Smsc;
let sink: SmtpSink;
const HOUR = 3_600_000;

beforeAll(async () => {
  [smsc, sink] = await Promise.all([startSmsc(), startSmtpSink()]);
  system = await startTestSystem({
    SMS_PROVIDER: 'smpp',
    SMPP_URL: smsc.url,
    SMPP_SYSTEM_ID: smsc.systemId,
    SMPP_PASSWORD: smsc.password,
    SMTP_URL: sink.url,
  });
  await seedWeek();
});
afterAll(async () => {
  for (const id of [
    weeklySummaryScheduleId(system.config.taskQueue),
    reconcileSchedule(system.config.taskQueue, 1).scheduleId,
  ]) {
    await system.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  }
  await system?.stop();
  await Promise.all([smsc?.close(), sink?.close()]);
});

/** Hours ago, all inside the seven days before now. */
async function seedWeek() {
  const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
  const rows: Array<
    [
      ward: string,
      unit: string,
      status: string,
      submittedHoursAgo: number,
      resolvedHoursAgo: number | null,
      onTime: boolean | null,
      overdue: boolean,
      rating: number | null,
    ]
  > = [
    ['P-SAIGON', 'P-SAIGON', 'closed', 100, 90, true, false, 5],
    ['P-SAIGON', 'P-SAIGON', 'resolved', 120, 10, false, false, 3],
    ['P-SAIGON', 'P-SAIGON', 'in_progress', 150, null, null, true, null],
    ['P-SAIGON', 'P-SAIGON', 'assigned', 5, null, null, false, null],
    ['P-SAIGON', 'SAWACO', 'closed', 60, 30, true, false, null],
    ['P-BENTHANH', 'P-BENTHANH', 'resolved', 140, 20, false, false, null],
    ['P-BENTHANH', 'P-BENTHANH', 'in_progress', 130, null, null, true, null],
    ['P-BENTHANH', 'P-BENTHANH', 'assigned', 110, null, null, true, null],
    ['P-TANDINH', 'P-TANDINH', 'assigned', 3, null, null, false, null],
  ];
  for (const [index, [ward, unit, status, submitted, resolvedAt, onTime, overdue, rating]] of rows.entries()) {
    await system.pool.query(
      `INSERT INTO reports (id, code, category_code, description, ward_code, unit_code, status, submitted_at, workflow_started_at, deadline_at,
         resolved_at, resolved_on_time, overdue, rating)
       VALUES ($1, $2, 'WASTE', 'seeded for the weekly summary', $3, $4, $5, $6, $6, $7, $8, $9, $10, $11)`,
      [
        randomUUID(),
        `WS-${index}`,
        ward,
        unit,
        status,
        ago(submitted),
        overdue ? ago(1) : ago(-48),
        resolvedAt === null ? null : ago(resolvedAt),
        onTime,
        overdue,
        rating,
      ],
    );
  }
}

const summaryRows = async () =>
  (
    await system.pool.query(
      "SELECT dedupe_key, channel, recipient, subject, body, html, status FROM outbox WHERE template = 'weekly_summary' ORDER BY dedupe_key",
    )
  ).rows;

describe('the weekly summary schedule', () => {
  it('when the worker starts (twice), then one schedule fires on Fridays 15:00 in Ho Chi Minh City, overlap skipped, with a catch-up window', async () => {
    await ensurePaknSchedules(system.client, system.config);
    await ensurePaknSchedules(system.client, system.config);
    const description = await system.client.schedule
      .getHandle(weeklySummaryScheduleId(system.config.taskQueue))
      .describe();
    expect(description.spec.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(description.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 24 * HOUR });
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'weeklySummaryWorkflow',
      taskQueue: system.config.taskQueue,
    });
    const next = description.info.nextActionTimes;
    expect(next.length).toBeGreaterThanOrEqual(3);
    for (const at of next) {
      expect(at.getUTCDay()).toBe(5);
      expect([at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()]).toEqual([8, 0, 0]);
    }
    expect(next[1].getTime() - next[0].getTime()).toBe(7 * 24 * HOUR);
  });

  it('when a leader triggers it, then every recipient gets the figures of their scope by SMS (GSM-7) and e-mail, once, even when the week runs again', async () => {
    const leader = await staffToken(system, 'leader', 'HCM', 'leader-1');
    expect(
      (
        await call(system, 'POST', '/api/v1/summaries/run', {
          token: await staffToken(system, 'unit_head', 'P-SAIGON'),
        })
      ).status,
    ).toBe(403);
    const triggered = await call(system, 'POST', '/api/v1/summaries/run', { token: leader });
    expect(triggered.status).toBe(202);

    const handle = system.client.schedule.getHandle(weeklySummaryScheduleId(system.config.taskQueue));
    const action = await eventually(
      async () => (await handle.describe()).info.recentActions[0],
      30_000,
      'the triggered run',
    );
    const outcome: WeeklySummaryOutcome = await system.client.workflow
      .getHandle(action.action.workflow.workflowId)
      .result();
    // the week ends at the run's scheduled time (to the minute), not when the workflow happened to run
    expect(outcome.weekEnd).toBe(new Date(Math.floor(action.scheduledAt.getTime() / 60_000) * 60_000).toISOString());
    expect(outcome).toMatchObject({ recipients: 3, skipped: [], messages: 6, sent: 6, failed: 0 });

    const week = weekLabel({ from: Date.parse(outcome.weekStart), to: Date.parse(outcome.weekEnd) });
    const texts = {
      '84909000004': `PAKN TP.HCM tuan ${week} (HCM) don vi xu ly: tiep nhan 9, giai quyet 4 (dung han 2, tre han 2), dang xu ly 5, qua han 3, hai long 4.0/5. Tre/qua han nhieu nhat: P-BENTHANH 3, P-SAIGON 2.`,
      '84909000005': `PAKN TP.HCM tuan ${week} (P-SAIGON) don vi xu ly: tiep nhan 4, giai quyet 2 (dung han 1, tre han 1), dang xu ly 2, qua han 1, hai long 4.0/5. Dia ban: tiep nhan 5, giai quyet 3, qua han 1.`,
      '84909000009': `PAKN TP.HCM tuan ${week} (P-BENTHANH) don vi xu ly: tiep nhan 3, giai quyet 1 (dung han 0, tre han 1), dang xu ly 2, qua han 2, hai long -. Dia ban: tiep nhan 3, giai quyet 1, qua han 2.`,
    };
    const received = await eventually(async () => smsc.messages().length === 3 && smsc.messages(), 30_000, 'three SMS');
    expect(Object.fromEntries(received.map((m) => [m.destination, m.text]))).toEqual(texts);
    expect(received.every((m) => m.dataCoding === 0 && m.parts.length <= 2)).toBe(true);

    const mails = await eventually(async () => sink.mails.length === 3 && sink.mails, 30_000, 'three e-mails');
    const cityMail = mails.find((mail) => mail.to.includes('leader-1@pakn.example'))!;
    expect(cityMail.subject).toBe(`Báo cáo PAKN tuần ${week}: Ủy ban nhân dân Thành phố Hồ Chí Minh`);
    expect(cityMail.text).toMatch(/P-BENTHANH\s+3\s+1\s+0\s+1\s+2\s+2\s+-/);
    expect(cityMail.html).toContain('<td>Ủy ban nhân dân phường Bến Thành</td>');

    const rows = await summaryRows();
    expect(rows.map((row) => row.dedupe_key)).toEqual(
      ['head-2', 'leader-1', 'leader-2'].flatMap((id) => [
        `summary:${outcome.weekStart}:${id}:email`,
        `summary:${outcome.weekStart}:${id}:sms`,
      ]),
    );
    expect(rows.every((row) => ['sent', 'delivered'].includes(row.status))).toBe(true);

    const again: WeeklySummaryOutcome = await system.client.workflow.execute('weeklySummaryWorkflow', {
      taskQueue: system.config.taskQueue,
      workflowId: `summary-rerun-${randomUUID()}`,
      args: [{ scheduledAt: Date.parse(outcome.weekEnd) }],
    });
    expect(again).toMatchObject({ weekStart: outcome.weekStart, messages: 6, sent: 0 });
    expect(await summaryRows()).toHaveLength(6);
    expect(smsc.messages()).toHaveLength(3);
    expect(sink.mails).toHaveLength(3);
  });
});

describe('summary preview and recipients', () => {
  it('when a ward leader previews, then their scope now is shown with its encoding and parts; another ward is refused', async () => {
    const leader = await staffToken(system, 'leader', 'P-SAIGON');
    const preview = await call(system, 'GET', '/api/v1/summaries/preview', { token: leader });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ unitCode: 'P-SAIGON', encoding: 'GSM-7', segments: 2, maxSegments: 2 });
    // The ward leader reads both: what the ward's committee handles (4) and all that happens in the ward (5).
    expect(preview.body.text).toContain('(P-SAIGON) don vi xu ly: tiep nhan 4, giai quyet 2');
    expect(preview.body.text).toContain('Dia ban: tiep nhan 5, giai quyet 3, qua han 1.');
    expect((await call(system, 'GET', '/api/v1/summaries/preview?unitCode=P-BENTHANH', { token: leader })).status).toBe(
      403,
    );
    const city = await call(system, 'GET', '/api/v1/summaries/preview?unitCode=HCM', {
      token: await staffToken(system, 'admin', 'HCM'),
    });
    expect(city.body.text).toContain('Tre/qua han nhieu nhat: P-BENTHANH 3, P-SAIGON 2.');
  });

  it('when an admin adds a recipient, then the phone is stored in E.164; bad phones, unknown units and other roles are refused', async () => {
    const admin = await staffToken(system, 'admin', 'HCM');
    const added = await call(system, 'POST', '/api/v1/summaries/recipients', {
      token: admin,
      body: { name: 'Chủ tịch UBND phường Tân Định', phone: '0912 345 678', scopeUnitCode: 'P-TANDINH' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ phone: '+84912345678', email: null, scopeUnitCode: 'P-TANDINH', active: true });
    const list = await call(system, 'GET', '/api/v1/summaries/recipients', { token: admin });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(['leader-1', 'leader-2', 'head-2', added.body.id]),
    );

    const bad = (body: unknown) => call(system, 'POST', '/api/v1/summaries/recipients', { token: admin, body });
    expect((await bad({ name: 'X', phone: '12345', scopeUnitCode: 'HCM' })).body.error.details[0].field).toBe('phone');
    expect((await bad({ name: 'X', email: 'x@pakn.example', scopeUnitCode: 'NOPE' })).status).toBe(422);
    expect((await bad({ name: 'X', scopeUnitCode: 'HCM' })).status).toBe(400);
    expect(
      (await call(system, 'GET', '/api/v1/summaries/recipients', { token: await staffToken(system, 'leader', 'HCM') }))
        .status,
    ).toBe(403);
  });
});
