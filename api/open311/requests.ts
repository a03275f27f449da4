// Service requests: GET a list (service_request_id overrides every other filter; otherwise
// service_code, status open/closed, a window of at most 90 days on requested_datetime, paged),
// GET one, GET tokens/{token}, and POST — a partner's report, taken through our intake
// (submitReport) so it is stored, acknowledged and routed by the same workflow as any other.
import type { Request, Response } from 'express';
import { findOpen311Requests, listOpen311Requests, recordSubmission, type RequestFilter } from '../../db/open311';
import { findCategory } from '../../db/reference';
import { findReportByCode, findReportById } from '../../db/reports';
import type { AppDeps } from '../deps';
import { submitReport } from '../../usecases/intake';
import { admitPartner } from './apiKeys';
import { badRequest, formatOf, notFound } from './errors';
import { formPairs } from './forms';
import { checkJurisdiction, commaList, dateWindow, langOf, paging, pathParam, queryArg } from './params';
import { list, send } from './render';
import { requestNode, serviceNotice, statusesFor, type Open311Status } from './requestView';
import { readForm, toSubmitBody } from './submission';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filterOf(req: Request): RequestFilter {
  const { from, to } = dateWindow(queryArg(req, 'start_date'), queryArg(req, 'end_date'));
  const statuses = commaList(queryArg(req, 'status')?.toLowerCase(), 10, 'status');
  if (statuses?.some((status) => status !== 'open' && status !== 'closed'))
    throw badRequest('status must be open or closed (comma separated).');
  const serviceCodes = commaList(queryArg(req, 'service_code'), 100, 'service_code');
  return {
    from,
    to,
    serviceCodes,
    statuses: statuses ? statusesFor(statuses as Open311Status[]) : null,
    ...paging(req),
  };
}

export function getRequests(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    const lang = langOf(req);
    const codes = commaList(queryArg(req, 'service_request_id'), 100, 'service_request_id');
    const rows = codes
      ? await findOpen311Requests(deps.pool, codes)
      : await listOpen311Requests(deps.pool, filterOf(req));
    send(
      res,
      formatOf(req.path),
      200,
      'service_requests',
      list(
        'request',
        rows.map((row) => requestNode(row, lang, deps.config.publicUrl)),
      ),
    );
  };
}

export function getRequest(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    const lang = langOf(req);
    const id = pathParam(req, 'id');
    const [row] = await findOpen311Requests(deps.pool, [id]);
    if (!row) throw notFound(`service_request_id ${id} was not found.`);
    send(
      res,
      formatOf(req.path),
      200,
      'service_requests',
      list('request', [requestNode(row, lang, deps.config.publicUrl)]),
    );
  };
}

/** We answer POST in realtime, so a token is the service_request_id itself (or our report id). */
export function getToken(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    const token = pathParam(req, 'token');
    const report = uuidPattern.test(token)
      ? await findReportById(deps.pool, token)
      : await findReportByCode(deps.pool, token);
    if (!report) throw notFound(`token ${token} was not found.`);
    send(
      res,
      formatOf(req.path),
      200,
      'service_requests',
      list('request', [{ service_request_id: report.code, token }]),
    );
  };
}

export function postRequest(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    const { fields, attributes } = readForm(formPairs(req));
    const partner = await admitPartner(
      deps.pool,
      fields.get('api_key') ?? queryArg(req, 'api_key'),
      'create a request',
    );
    checkJurisdiction(fields.get('jurisdiction_id') ?? queryArg(req, 'jurisdiction_id'));
    const serviceCode = fields.get('service_code');
    if (!serviceCode) throw badRequest('service_code was not provided.');
    if (!(await findCategory(deps.pool, serviceCode))) throw notFound(`service_code ${serviceCode} was not found.`);
    const body = toSubmitBody({ fields, attributes }, serviceCode);
    const retryKey = req.header('idempotency-key');
    if (retryKey !== undefined && (retryKey.length === 0 || retryKey.length > 200))
      throw badRequest('Idempotency-Key: 1 to 200 characters.');
    // Scoped by partner, so that two partners' keys never collide and a rotated api_key still matches.
    const key = retryKey ? `open311:${partner.partner}:${retryKey}` : null;
    const { report } = await submitReport(deps, body, key, 'partner');
    await recordSubmission(deps.pool, {
      reportId: report.id,
      keyId: partner.id,
      partner: partner.partner,
      deviceId: fields.get('device_id')?.slice(0, 200) ?? null,
      accountId: fields.get('account_id')?.slice(0, 200) ?? null,
    });
    const lang = langOf(req);
    send(
      res,
      formatOf(req.path),
      201,
      'service_requests',
      list('request', [
        {
          service_request_id: report.code,
          service_notice: serviceNotice(deps.config.publicUrl, report.code, lang),
          account_id: null,
        },
      ]),
    );
  };
}
