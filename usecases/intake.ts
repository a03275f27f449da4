// Intake of a citizen's report: validate references, store it durably, answer 201, and start its
// workflow right after the answer — the commit is what makes the report safe, so the citizen does
// not wait for Temporal. If the start fails (Temporal down, the process dies) the reconciler starts
// it later, exactly once (the workflow id is derived from the report id). The same
// Idempotency-Key returns the same report.
import { randomUUID } from 'node:crypto';
import { linkPhotosToReport } from '../db/photos';
import { findCategory, findUnit, type CategoryRow } from '../db/reference';
import { findReportByIdempotencyKey, insertReport, type ReportRow } from '../db/reports';
import { insideCity } from '../domain/geo';
import { intakeChannel, type ReportStatus } from '../domain/report';
import type { StaffActor } from '../domain/roles';
import { localDate } from '../domain/workingTime';
import { toE164Vietnam } from '../domain/phone';
import { startReportProcess } from '../temporal/reports';
import { resolveMedia } from './photos';
import { reportAccessToken } from '../api/auth';
import type { AppDeps } from '../api/deps';
import {
  channelNotAllowed,
  idempotencyKeyReused,
  invalid,
  invalidReference,
  phoneProblem,
  type FieldProblem,
} from '../api/errors';
import type { SubmitReportBody } from '../api/schemas';
import { isWard } from '../domain/units';

export interface Submitted {
  id: string;
  code: string;
  status: ReportStatus;
  accessToken: string;
  submittedAt: string;
}

async function checkReferences(
  deps: AppDeps,
  body: SubmitReportBody,
): Promise<{ phone: string | null; categoryKind: CategoryRow['kind'] }> {
  const unknown: FieldProblem[] = [];
  const refused: FieldProblem[] = [];
  const wardCode = body.location.wardCode;
  const [category, ward] = await Promise.all([
    findCategory(deps.pool, body.categoryCode),
    wardCode ? findUnit(deps.pool, wardCode) : undefined,
  ]);
  if (!category)
    unknown.push({
      field: 'categoryCode',
      message: `Danh mục không tồn tại (unknown category "${body.categoryCode}")`,
    });
  if (wardCode && (!ward || !isWard(ward))) {
    unknown.push({ field: 'location.wardCode', message: `Phường/xã không tồn tại (unknown ward "${wardCode}")` });
  }
  const { lat, lng } = body.location;
  if (lat !== undefined && lng !== undefined && !insideCity(lat, lng)) {
    refused.push({
      field: 'location.lat',
      message: 'Vị trí nằm ngoài Thành phố Hồ Chí Minh (coordinates outside the city)',
    });
  }
  const phone = body.reporter.phone ? toE164Vietnam(body.reporter.phone) : null;
  if (body.reporter.phone && !phone) refused.push(phoneProblem('reporter.phone'));
  // Every problem named at once: invalid_reference when each names something that does not exist.
  if (refused.length) throw invalid([...unknown, ...refused]);
  if (unknown.length || !category) throw invalidReference(unknown);
  return { phone, categoryKind: category.kind };
}

function answer(deps: AppDeps, report: ReportRow): Submitted {
  return {
    id: report.id,
    code: report.code,
    status: report.status,
    accessToken: reportAccessToken(deps.config.jwtSecret, report.id),
    submittedAt: report.submitted_at.toISOString(),
  };
}

export async function submitReport(
  deps: AppDeps,
  body: SubmitReportBody,
  idempotencyKey: string | null,
  operator: StaffActor | 'partner' | null = null,
): Promise<{ created: boolean; report: Submitted }> {
  if (idempotencyKey) {
    const existing = await findReportByIdempotencyKey(deps.pool, idempotencyKey);
    if (existing) return { created: false, report: answer(deps, sameRequest(existing, body)) };
  }
  const staff = operator === 'partner' ? null : operator;
  const channel = intakeChannel(body.channel, operator === 'partner' ? 'partner' : staff ? 'operator' : 'public');
  if (!channel)
    throw channelNotAllowed(
      body.channel,
      staff ? 'partners submit through Open311' : 'web or app without a staff token',
    );
  const { phone, categoryKind } = await checkReferences(deps, body);
  const { media, photoIds } = await resolveMedia(deps, body.media);
  const id = randomUUID();
  const stored = await insertReport(deps.pool, {
    id,
    codeYear: localDate(Date.now()).slice(2, 4),
    idempotencyKey,
    categoryCode: body.categoryCode,
    title: body.title ?? null,
    description: body.description,
    wardCode: body.location.wardCode ?? null,
    address: body.location.address ?? null,
    lat: body.location.lat ?? null,
    lng: body.location.lng ?? null,
    reporterName: body.reporter.name ?? null,
    reporterPhone: phone,
    reporterEmail: body.reporter.email ?? null,
    reporterType: body.reporter.type,
    anonymous: body.reporter.anonymous,
    channel,
    media,
    submittedBy: staff,
  });
  // A concurrent request with the same key won the race: answer with its report.
  if (!stored) return submitReport(deps, body, idempotencyKey, operator);
  await linkPhotosToReport(deps.pool, stored.id, photoIds);
  void startWorkflow(deps, stored, categoryKind).catch((error) =>
    deps.logger.warn({ err: error, code: stored.code }, 'workflow not started now; the reconciler will start it'),
  );
  return { created: true, report: answer(deps, stored) };
}

function sameRequest(existing: ReportRow, body: SubmitReportBody): ReportRow {
  if (existing.category_code !== body.categoryCode || existing.description !== body.description) {
    throw idempotencyKeyReused();
  }
  return existing;
}

/** Starts the report's workflow unless it runs already; gives up after a few seconds (the reconciler retries). */
export async function startWorkflow(
  deps: AppDeps,
  report: ReportRow,
  categoryKind: CategoryRow['kind'],
): Promise<void> {
  const starter = {
    client: deps.temporal,
    pool: deps.pool,
    taskQueue: deps.config.taskQueue,
    reopensToSameUnit: deps.config.reopensToSameUnit,
  };
  await deps.temporal.connection.withDeadline(Date.now() + 3_000, () =>
    startReportProcess(starter, report, categoryKind),
  );
}
