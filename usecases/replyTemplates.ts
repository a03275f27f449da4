// Use cases of reply templates, callable from the API routes and the pages alike: city admins
// create and edit them as versions (like categories); a unit reads the ones offered for a report,
// filled with that report's variables; and a resolve that started from one records which
// template and version it was, once the report's workflow has accepted the resolve Update.
//
// Why the use is recorded here and not in the workflow: which words a person started typing from
// changes nothing in the report's process (no state, no deadline, no notification depends on it),
// so it does not belong in the workflow's state or history — and adding it there would change
// workflow code and its recorded histories. The workflow has persisted the resolve step when the
// Update returns, so this use case keys the record on that step (report_events.seq): a retried
// request (same Idempotency-Key, same step) records it once, and a refused resolve records nothing.
import type pg from 'pg';
import { findCategory, findUnit } from '../db/reference';
import type { ReportRow } from '../db/reports';
import {
  findReplyTemplate,
  listAllReplyTemplates,
  listReplyTemplatesFor,
  listReplyTemplateVersions,
  recordReplyTemplateUse,
  replyTemplateVersionExists,
  saveReplyTemplateVersion,
  type ReplyTemplateRecord,
} from '../db/replyTemplates';
import { renderReplyTemplate, replyTemplateProblems, replyTemplateValues } from '../domain/replyTemplates';
import type { StaffActor } from '../domain/roles';
import type { AppDeps } from '../api/deps';
import { invalid, invalidReference } from '../api/errors';
import { resolveUpdate } from '../workflows/report/messages';
import { actWithMedia } from './photos';
import { sendActionOnce } from './reportActions';
import { requireCityAdmin } from './adminScope';
import { createVersioned, updateVersioned, versionsOf, type VersionedKind } from './versionedRecords';

type Deps = { pool: pg.Pool };
export type ReplyTemplateInput = Omit<ReplyTemplateRecord, 'version'>;

const replyTemplates = {
  noun: { vi: 'mẫu trả lời', en: 'reply template' },
  find: findReplyTemplate,
  save: saveReplyTemplateVersion,
  listVersions: listReplyTemplateVersions,
} satisfies VersionedKind<ReplyTemplateRecord>;

const asCityAdmin = (actor: StaffActor) =>
  requireCityAdmin(actor, { vi: 'quản lý mẫu trả lời', en: 'manage reply templates' });

/** 422 naming the field: a text using a variable that does not exist, or a category that does not. */
async function requireValid(deps: Deps, template: ReplyTemplateInput): Promise<void> {
  const problems = [
    ...replyTemplateProblems(template.bodyVi).map((message) => ({ field: 'bodyVi', message })),
    ...(template.categoryCode && !(await findCategory(deps.pool, template.categoryCode))
      ? [
          {
            field: 'categoryCode',
            message: `không có lĩnh vực ${template.categoryCode} (unknown or inactive category)`,
          },
        ]
      : []),
  ];
  if (problems.length) throw invalid(problems, 'Mẫu trả lời chưa hợp lệ (invalid reply template)');
}

export async function listReplyTemplatesForAdmin(deps: Deps): Promise<ReplyTemplateRecord[]> {
  return listAllReplyTemplates(deps.pool);
}

export async function createReplyTemplate(
  deps: Deps,
  input: { actor: StaffActor; template: ReplyTemplateInput },
): Promise<ReplyTemplateRecord> {
  asCityAdmin(input.actor);
  await requireValid(deps, input.template);
  return createVersioned(deps.pool, replyTemplates, input.template, input.actor.id);
}

/** Saves a new version against the one the admin edited (409 when edited meanwhile). */
export async function updateReplyTemplate(
  deps: Deps,
  input: { actor: StaffActor; template: ReplyTemplateInput; expectedVersion: number },
): Promise<ReplyTemplateRecord> {
  asCityAdmin(input.actor);
  await requireValid(deps, input.template);
  return updateVersioned(deps.pool, replyTemplates, input.template, input.expectedVersion, input.actor.id);
}

export async function replyTemplateVersions(deps: Deps, code: string) {
  return versionsOf(deps.pool, replyTemplates, code);
}

export interface RenderedReplyTemplate {
  code: string;
  categoryCode: string | null;
  titleVi: string;
  titleEn: string;
  version: number;
  /** the template's text with the report's variables filled in */
  text: string;
}

/** The active templates offered for the report's category (its own first), filled with its variables. */
export async function replyTemplatesForReport(deps: Deps, report: ReportRow): Promise<RenderedReplyTemplate[]> {
  const [templates, unit, category] = await Promise.all([
    listReplyTemplatesFor(deps.pool, report.category_code),
    report.unit_code ? findUnit(deps.pool, report.unit_code) : undefined,
    findCategory(deps.pool, report.category_code),
  ]);
  const values = replyTemplateValues({
    code: report.code,
    unitName: unit?.name_vi ?? null,
    categoryName: category?.name_vi ?? null,
    submittedAt: report.submitted_at,
    address: report.address,
    deadlineAt: report.deadline_at,
  });
  return templates.map(({ bodyVi, active: _active, ...template }) => ({
    ...template,
    text: renderReplyTemplate(bodyVi, values),
  }));
}

export interface ReplyTemplateChoice {
  code: string;
  /** the version the text was filled from; the current one when not given */
  version?: number;
}

/**
 * The template a result says it was written from, checked before the resolve is sent: it must be
 * offered for the report's category and the version must exist (422 naming the field otherwise).
 */
async function checkReplyTemplateChoice(
  deps: Deps,
  report: ReportRow,
  choice: ReplyTemplateChoice,
): Promise<{ code: string; version: number }> {
  const offered = (await listReplyTemplatesFor(deps.pool, report.category_code)).find((t) => t.code === choice.code);
  if (!offered)
    throw invalidReference(
      [{ field: 'replyTemplate.code', message: `no active reply template ${choice.code} for ${report.category_code}` }],
      `Không có mẫu trả lời ${choice.code} cho lĩnh vực này`,
    );
  const version = choice.version ?? offered.version;
  if (!(await replyTemplateVersionExists(deps.pool, choice.code, version)))
    throw invalidReference(
      [{ field: 'replyTemplate.version', message: `reply template ${choice.code} is at version ${offered.version}` }],
      `Mẫu trả lời ${choice.code} không có phiên bản ${version}`,
    );
  return { code: choice.code, version };
}

/**
 * Publishes a result: the template it was written from is checked first, the resolve goes to the
 * report's workflow (with its photos), and once the workflow has accepted it the use is recorded
 * on that resolve step.
 */
export async function resolveWithReply(
  deps: AppDeps,
  input: {
    report: ReportRow;
    actor: StaffActor;
    result: string;
    media: readonly string[];
    replyTemplate?: ReplyTemplateChoice;
    updateId: string | undefined;
  },
): Promise<void> {
  const { report, actor } = input;
  const choice = input.replyTemplate && (await checkReplyTemplateChoice(deps, report, input.replyTemplate));
  await actWithMedia(deps, report.id, input.media, (media) =>
    sendActionOnce(deps, report, input.updateId, resolveUpdate, { actor, result: input.result, media }),
  );
  if (choice)
    await recordReplyTemplateUse(deps.pool, {
      reportId: report.id,
      templateCode: choice.code,
      templateVersion: choice.version,
      staffId: actor.id,
    });
}
