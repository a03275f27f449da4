// Reports in a given state, made through the real API and workflow: routed to P-SAIGON, accepted,
// with an extension pending, resolved, or waiting in triage.
import { randomUUID } from 'node:crypto';
import type { NewReport } from '../../db/reports';
import { call, eventually, staffToken, type TestSystem } from './system';

export interface Made {
  id: string;
  code: string;
  accessToken: string;
  deadlineAt: string | null;
  /** the public view once routed */
  view: any;
}

const wasteInSaigon = {
  categoryCode: 'WASTE',
  description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày, cần thu gom.',
  location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi' },
};

/** A report as intake stores it, for tests that drive its workflow or activities themselves. */
export function storedReport(overrides: Partial<NewReport> = {}): NewReport & { code: string } {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    code: `T-${id.slice(0, 8)}`,
    idempotencyKey: null,
    categoryCode: 'WASTE',
    title: null,
    description: 'Phản ánh do bài kiểm thử tạo.',
    wardCode: 'P-SAIGON',
    address: null,
    lat: null,
    lng: null,
    reporterName: null,
    reporterPhone: null,
    reporterEmail: null,
    reporterType: 'citizen',
    anonymous: false,
    channel: 'web',
    media: [],
    ...overrides,
  };
}

/** Submits and waits until the workflow has decided where the report goes. */
export async function submitRouted(system: TestSystem, body: Record<string, unknown> = wasteInSaigon): Promise<Made> {
  const submitted = await call(system, 'POST', '/api/v1/reports', { body });
  if (submitted.status !== 201)
    throw new Error(`submission refused: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const view = await eventually(
    async () => {
      const current = await call(system, 'GET', `/api/v1/reports/${submitted.body.code}`);
      return current.body.status !== 'received' && current.body;
    },
    30_000,
    'routing',
  );
  return {
    id: submitted.body.id,
    code: submitted.body.code,
    accessToken: submitted.body.accessToken,
    deadlineAt: view.deadlineAt,
    view,
  };
}

async function act(system: TestSystem, code: string, action: string, body: unknown, token?: string): Promise<void> {
  const reply = await call(system, 'POST', `/api/v1/tasks/${code}/${action}`, {
    token: token ?? (await staffToken(system, 'unit_staff', 'P-SAIGON', 'fixture@P-SAIGON')),
    body,
  });
  if (reply.status !== 200) throw new Error(`${action} refused: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export async function accepted(system: TestSystem, body?: Record<string, unknown>): Promise<Made> {
  const report = await submitRouted(system, body);
  await act(system, report.code, 'accept', {});
  return report;
}

export async function withExtensionPending(system: TestSystem): Promise<Made> {
  const report = await accepted(system);
  const until = new Date(Date.parse(report.deadlineAt!) + 3 * 86_400_000).toISOString();
  await act(system, report.code, 'extension', { reason: 'Cần phối hợp liên ngành', until });
  return report;
}

export async function resolved(system: TestSystem, body?: Record<string, unknown>): Promise<Made> {
  const report = await accepted(system, body);
  await act(system, report.code, 'resolve', { result: 'Đã thu gom toàn bộ rác.' });
  return report;
}

export async function triaged(system: TestSystem): Promise<Made> {
  return submitRouted(system, {
    categoryCode: 'OTHER',
    description: 'Một phản ánh không thuộc danh mục nào.',
    location: { address: '1 Nguyễn Huệ' },
  });
}
