// mySociety's servicerequestupdates extension, so FixMyStreet-style clients can follow reports.
// GET: the public steps of every report's timeline (routing, acceptance, progress notes,
// transfers, extensions, results, re-openings, closing) plus partners' comments, in a window of
// at most 90 days, oldest first, with mySociety's extended states. POST: a comment by the
// reporter, through the partner that submitted the report: kept once per partner update id in
// open311_comments (this feed shows them from there) and sent to the report's workflow, which
// records it in the timeline the unit reads.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { findSubmissionPartner, insertComment, listUpdates, type UpdateRow } from '../../db/open311';
import { commentUpdate } from '../../workflows/report/messages';
import { sendActionOnce } from '../../usecases/reportActions';
import { findReportByCode } from '../../db/reports';
import { finalStatuses, type ReportStatus } from '../../domain/report';
import { maskPersonalData } from '../../domain/redact';
import { publicMedia } from '../../domain/photos';
import type { AppDeps } from '../deps';
import { admitPartner } from './apiKeys';
import { badRequest, forbidden, formatOf, notFound } from './errors';
import { formPairs } from './forms';
import { checkJurisdiction, dateWindow, hcmIso, langOf, paging, queryArg } from './params';
import type { Language } from '../../domain/messages';
import { list, send, type Node } from './render';
import { readForm } from './submission';

const stateOfEvent: Record<string, string> = {
  routed: 'open',
  assigned: 'open',
  triaged: 'open',
  reopened: 'open',
  accepted: 'in_progress',
  progress: 'in_progress',
  extension_approved: 'in_progress',
  transferred: 'internal_referral',
  resolved: 'fixed',
  closed: 'closed',
  withdrawn: 'closed',
  rejected: 'not_councils_responsibility',
};
const stateOfReport: Record<ReportStatus, string> = {
  received: 'open',
  triage: 'open',
  assigned: 'open',
  in_progress: 'in_progress',
  resolved: 'fixed',
  closed: 'closed',
  withdrawn: 'closed',
  rejected: 'not_councils_responsibility',
};
const extendedStates = [
  'open',
  'closed',
  'fixed',
  'in_progress',
  'action_scheduled',
  'investigating',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'reopen',
];

const httpsUrl = z.url({ protocol: /^https$/ }).max(2000);
const at = (value: unknown): string => (typeof value === 'number' ? hcmIso(new Date(value)) : '');

function describe(row: UpdateRow, lang: Language): string {
  const en = lang === 'en';
  const unit = (en ? row.unit_name_en : row.unit_name_vi) ?? '';
  const d = row.details;
  const text = (value: unknown): string =>
    typeof value === 'string' ? maskPersonalData(value, row.reporter_name) : '';
  switch (row.type) {
    case 'routed':
    case 'assigned':
      return en ? `Assigned to ${unit}.` : `Đã chuyển ${unit} xử lý.`;
    case 'triaged':
      return en ? 'Sent to the coordinator desk.' : 'Chuyển bộ phận điều phối phân loại.';
    case 'accepted':
      return en ? 'The unit accepted the report.' : 'Đơn vị đã tiếp nhận xử lý.';
    case 'transferred':
      return en
        ? `Transferred to ${unit || 'the coordinator desk'}: ${text(d.reason)}`
        : `Chuyển ${unit || 'bộ phận điều phối'}: ${text(d.reason)}`;
    case 'extension_approved':
      return `${en ? 'Deadline extended to' : 'Gia hạn xử lý đến'} ${at(d.deadlineAt)}. ${text(d.note)}`.trim();
    case 'reopened':
      return en ? 'Re-opened: the reporter was not satisfied.' : 'Mở lại do người phản ánh chưa hài lòng.';
    case 'closed':
      return en ? 'Closed.' : 'Đã kết thúc.';
    case 'withdrawn':
      return en ? 'Withdrawn by the reporter.' : 'Người phản ánh đã rút phản ánh.';
    case 'rejected':
      return text(en ? d.reasonEn : d.reasonVi);
    default:
      return text(d.note ?? d.result ?? d.description);
  }
}

function updateNode(row: UpdateRow, lang: Language): Node {
  const media =
    row.type === 'resolved' && Array.isArray(row.details.media)
      ? publicMedia(row.details.media.filter((link) => typeof link === 'string'))[0]
      : row.details.mediaUrl;
  return {
    update_id: row.comment_id !== null ? `${row.code}-c${row.comment_id}` : `${row.code}-${row.seq}`,
    service_request_id: row.code,
    status: row.comment_id !== null ? stateOfReport[row.report_status] : stateOfEvent[row.type],
    updated_datetime: hcmIso(row.at),
    description: describe(row, lang),
    media_url: typeof media === 'string' ? media : null,
  };
}

export function getUpdates(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    const lang = langOf(req);
    const { from, to } = dateWindow(queryArg(req, 'start_date'), queryArg(req, 'end_date'));
    const { limit, offset } = paging(req);
    const rows = await listUpdates(deps.pool, from, to, Object.keys(stateOfEvent), limit, offset);
    send(
      res,
      formatOf(req.path),
      200,
      'service_request_updates',
      list(
        'request_update',
        rows.map((row) => updateNode(row, lang)),
      ),
    );
  };
}

export function postUpdate(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    const { fields } = readForm(formPairs(req));
    const partner = await admitPartner(deps.pool, fields.get('api_key') ?? queryArg(req, 'api_key'), 'post an update');
    checkJurisdiction(fields.get('jurisdiction_id') ?? queryArg(req, 'jurisdiction_id'));
    const code = fields.get('service_request_id');
    if (!code) throw badRequest('service_request_id was not provided.');
    const description = fields.get('description');
    if (!description || description.length > 4000)
      throw badRequest('description is required (at most 4000 characters).');
    const status = fields.get('status')?.toLowerCase();
    if (status !== undefined && !extendedStates.includes(status))
      throw badRequest(`status must be one of ${extendedStates.join(', ')}.`);
    const mediaUrl = fields.get('media_url');
    if (mediaUrl !== undefined && !httpsUrl.safeParse(mediaUrl).success)
      throw badRequest('media_url: must be an https:// link.');
    const report = await findReportByCode(deps.pool, code);
    if (!report) throw notFound(`service_request_id ${code} was not found.`);
    if ((await findSubmissionPartner(deps.pool, report.id)) !== partner.partner)
      throw forbidden('This api_key may only post updates to requests its partner submitted.');
    if (finalStatuses.includes(report.status))
      throw badRequest(`service_request_id ${code} is closed; updates are no longer accepted.`);
    const externalId = (fields.get('update_id') ?? fields.get('update_id_ext'))?.slice(0, 200) ?? null;
    const id = await insertComment(deps.pool, {
      reportId: report.id,
      keyId: partner.id,
      partner: partner.partner,
      description,
      mediaUrl: mediaUrl ?? null,
      externalId,
    });
    // The unit reads it in the report's timeline; the update id makes a retried POST count once.
    await sendActionOnce(deps, report, `open311-comment-${id}`, commentUpdate, {
      comment: description,
      via: 'open311',
    });
    send(
      res,
      formatOf(req.path),
      201,
      'service_request_updates',
      list('request_update', [{ update_id: `${report.code}-c${id}` }]),
    );
  };
}
