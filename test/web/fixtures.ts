// Shared steps of the page tests: the SMS a phone received, and a report's unit resolving it
// through the API while the person under test waits.
import { call, eventually, staffToken, type TestSystem } from '../support/system';

export function smsTo(system: TestSystem, phoneNumber: string, template: string): Promise<string> {
  return eventually(
    async () => {
      const { rows } = await system.pool.query(
        `SELECT body FROM outbox WHERE channel = 'sms' AND recipient = $1 AND template = $2`,
        [phoneNumber, template],
      );
      return rows[0]?.body as string | undefined;
    },
    30_000,
    `${template} SMS`,
  );
}

/** P-SAIGON accepts and resolves the report once it is routed there (with `media`: the result's photos). */
export async function resolvedOnTheWay(
  system: TestSystem,
  code: string,
  result = 'Đã thu gom toàn bộ rác.',
  media: string[] = [],
): Promise<void> {
  const token = await staffToken(system, 'unit_staff', 'P-SAIGON');
  await eventually(
    async () => (await call(system, 'POST', `/api/v1/tasks/${code}/accept`, { token, body: {} })).status === 200,
    30_000,
    'accepted',
  );
  const reply = await call(system, 'POST', `/api/v1/tasks/${code}/resolve`, {
    token,
    body: media.length ? { result, media } : { result },
  });
  if (reply.status !== 200) throw new Error(`resolve refused: ${reply.status} ${JSON.stringify(reply.body)}`);
}
