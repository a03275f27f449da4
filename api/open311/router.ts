// The Open311 GeoReport v2 surface under /open311/v2, as its own express Router: Open311 is
// another protocol than our JSON API (form-encoded and multipart POSTs, XML by default, its
// own error format), so it is not in the RouteTable; its routes are listed here once, mounted
// from this list and documented from it in the same OpenAPI document (see ./docs).
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../deps';
import { admitPartner } from './apiKeys';
import { documentOpen311, type DocumentedRoute } from './docs';
import { badRequest, notFound, open311ErrorMiddleware } from './errors';
import { formBodyParsers } from './forms';
import { queryArg } from './params';
import { getRequest, getRequests, getToken, postRequest } from './requests';
import { discovery, serviceDefinition, services } from './services';
import { getUpdates, postUpdate } from './updates';

export const OPEN311_BASE = '/open311/v2';

export interface Open311Route extends DocumentedRoute {
  handler: (deps: AppDeps) => RequestHandler;
}

export const open311Routes: Open311Route[] = [
  { method: 'get', path: '/discovery{.:format}', summary: 'Service discovery', handler: discovery },
  { method: 'get', path: '/services{.:format}', summary: 'Service list: our report categories', handler: services },
  {
    method: 'get',
    path: '/services/:service_code{.:format}',
    summary: 'Service definition: attributes (ward, title, reporter type, anonymity)',
    handler: serviceDefinition,
  },
  {
    method: 'get',
    path: '/requests{.:format}',
    summary:
      'Service requests: by service_request_id, or filtered by service_code, status, start_date/end_date (at most 90 days), paged',
    handler: getRequests,
  },
  {
    method: 'post',
    path: '/requests{.:format}',
    summary: 'Create a service request (api_key required; form-encoded or multipart fields)',
    handler: postRequest,
  },
  { method: 'get', path: '/requests/:id{.:format}', summary: 'One service request', handler: getRequest },
  {
    method: 'get',
    path: '/tokens/:token{.:format}',
    summary: 'service_request_id from a token (we answer in realtime: the token is the id)',
    handler: getToken,
  },
  {
    method: 'get',
    path: '/servicerequestupdates{.:format}',
    summary: "Updates to requests in a window (mySociety's extension)",
    handler: getUpdates,
  },
  {
    method: 'post',
    path: '/servicerequestupdates{.:format}',
    summary: "Post the reporter's update to a request (mySociety's extension; api_key of the submitting partner)",
    handler: postUpdate,
  },
];

function checkFormat(req: Request, _res: Response, next: NextFunction): void {
  const format = req.params.format as string | undefined;
  if (format !== undefined && format !== 'xml' && format !== 'json')
    throw badRequest(`Unsupported format .${format}: use .xml or .json.`);
  next();
}

/** GET needs no key; a partner that sends one is identified and counted against its limit. */
function countKeyedReads(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    const apiKey = req.method === 'GET' ? queryArg(req, 'api_key') : undefined;
    if (apiKey !== undefined) await admitPartner(deps.pool, apiKey, 'read with this key');
    next();
  };
}

export function createOpen311Router(
  deps: AppDeps,
  registry: OpenAPIRegistry,
  methodNotAllowed: RequestHandler,
): express.Router {
  documentOpen311(registry, OPEN311_BASE, open311Routes);
  const router = express.Router();
  const forms = formBodyParsers(deps.config.bodyLimitKb);
  router.use(countKeyedReads(deps));
  for (const route of open311Routes) {
    router[route.method](route.path, checkFormat, ...(route.method === 'post' ? forms : []), route.handler(deps));
  }
  router.use(methodNotAllowed);
  router.use((req) => {
    throw notFound(`No Open311 resource ${req.method} ${req.baseUrl}${req.path}.`);
  });
  router.use(open311ErrorMiddleware(deps.logger));
  return router;
}
