// The Open311 routes in the OpenAPI document: each route of ./router's list is registered twice
// — without extension (XML) and with `.{format}` (xml or json) — with its arguments, its form
// body, and the JSON mirror of its XML answer and errors.
import { z } from 'zod';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { openApiPath, operationId } from '../routeTable';
import { languages } from '../../domain/messages';

const text = z.string().nullable();
const errors = z.array(z.object({ code: z.number(), description: z.string() })).openapi('Open311Errors');
const service = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.literal('realtime'),
    keywords: z.string(),
    group: z.string(),
  })
  .openapi('Open311Service');
const attribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'singlevaluelist']),
  required: z.boolean(),
  datatype_description: text,
  order: z.number(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
const definition = z
  .object({ service_code: z.string(), attributes: z.array(attribute) })
  .openapi('Open311ServiceDefinition');
const discovery = z
  .object({
    changeset: z.string(),
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: z.string(),
        type: z.string(),
        formats: z.array(z.string()),
      }),
    ),
  })
  .openapi('Open311Discovery');
const request = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: text,
    service_name: text,
    service_code: z.string(),
    description: text,
    agency_responsible: text,
    service_notice: text,
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: text,
    address: z.string(),
    address_id: text,
    zipcode: text,
    lat: z.number().nullable(),
    long: z.number().nullable(),
    media_url: text,
  })
  .openapi('Open311ServiceRequest');
const created = z
  .array(z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: text }))
  .openapi('Open311RequestCreated');
const token = z.array(z.object({ service_request_id: z.string(), token: z.string() })).openapi('Open311Token');
const update = z
  .object({
    update_id: z.string(),
    service_request_id: z.string(),
    status: z.string(),
    updated_datetime: z.string(),
    description: z.string(),
    media_url: text,
  })
  .openapi('Open311RequestUpdate');
const updateCreated = z.array(z.object({ update_id: z.string() })).openapi('Open311UpdateCreated');

const optional = z.string().optional();
const common = {
  jurisdiction_id: optional.openapi({ description: 'hochiminhcity.gov.vn (may be omitted)' }),
  locale: z
    .enum([...languages, ''])
    .optional()
    .openapi({ description: 'vi (default) or en; empty counts as absent' }),
  api_key: optional.openapi({ description: 'optional on GET: identifies a partner and counts against its rate limit' }),
};
// Empty arguments count as absent (the spec's rule for optional arguments).
const w3c = z.union([z.iso.datetime({ offset: true }), z.literal('')]);
const window = {
  start_date: w3c.optional().openapi({ description: 'W3C date-time; at most 90 days before end_date' }),
  end_date: w3c.optional().openapi({ description: 'W3C date-time; default: start_date + 90 days, or now' }),
  page: z.int().min(1).max(1_000_000).optional(),
  page_size: z.int().min(1).max(1000).optional().openapi({ description: '1–1000, default 100' }),
};
const requestForm = z.object({
  api_key: z.string(),
  service_code: z.string(),
  description: z.string(),
  jurisdiction_id: optional,
  lat: optional,
  long: optional,
  address_string: optional,
  address_id: optional.openapi({ description: 'a ward/commune code, as attribute[WARD]' }),
  'attribute[WARD]': optional,
  'attribute[TITLE]': optional,
  'attribute[REPORTER_TYPE]': optional,
  'attribute[ANONYMOUS]': optional,
  media_url: optional,
  email: optional,
  phone: optional,
  first_name: optional,
  last_name: optional,
  device_id: optional,
  account_id: optional,
});
const updateForm = z.object({
  api_key: z.string(),
  service_request_id: z.string(),
  description: z.string(),
  update_id: optional,
  status: optional,
  updated_datetime: optional,
  media_url: optional,
  jurisdiction_id: optional,
  email: optional,
  first_name: optional,
  last_name: optional,
});

interface Shape {
  query?: Record<string, z.ZodType>;
  form?: z.ZodObject;
  ok: number;
  root: string;
  schema: z.ZodType;
}
const shapes: Record<string, Shape> = {
  'get /discovery{.:format}': { ok: 200, root: 'discovery', schema: discovery },
  'get /services{.:format}': { ok: 200, root: 'services', schema: z.array(service) },
  'get /services/:service_code{.:format}': { ok: 200, root: 'service_definition', schema: definition },
  'get /requests{.:format}': {
    query: {
      service_request_id: optional,
      service_code: optional,
      status: optional.openapi({ description: 'open, closed or both, comma separated' }),
      ...window,
    },
    ok: 200,
    root: 'service_requests',
    schema: z.array(request),
  },
  'post /requests{.:format}': { form: requestForm, ok: 201, root: 'service_requests', schema: created },
  'get /requests/:id{.:format}': { ok: 200, root: 'service_requests', schema: z.array(request) },
  'get /tokens/:token{.:format}': { ok: 200, root: 'service_requests', schema: token },
  'get /servicerequestupdates{.:format}': {
    query: window,
    ok: 200,
    root: 'service_request_updates',
    schema: z.array(update),
  },
  'post /servicerequestupdates{.:format}': {
    form: updateForm,
    ok: 201,
    root: 'service_request_updates',
    schema: updateCreated,
  },
};

function content(root: string, schema: z.ZodType) {
  return {
    'text/xml': { schema: z.string().openapi({ description: `<${root}> document` }) },
    'application/json': { schema },
  };
}

/** What the document needs of a route (./router's list extends it with the handler). */
export interface DocumentedRoute {
  method: 'get' | 'post';
  /** express path under the base; `{.:format}` is the optional .xml / .json */
  path: string;
  summary: string;
}

export function documentOpen311(registry: OpenAPIRegistry, base: string, routes: readonly DocumentedRoute[]): void {
  for (const route of routes) {
    const shape = shapes[`${route.method} ${route.path}`];
    const fail = (description: string) => ({ description, content: content('errors', errors) });
    const responses: RouteConfig['responses'] = {
      [shape.ok]: { description: 'success', content: content(shape.root, shape.schema) },
      400: fail('invalid argument'),
      404: fail('not found (resource, service_code or jurisdiction_id)'),
    };
    if (route.method === 'get')
      Object.assign(responses, { 403: fail('an api_key was sent but is unknown or revoked') });
    if (route.method === 'post')
      Object.assign(responses, {
        403: fail('missing, invalid or revoked api_key'),
        413: fail('body too large'),
        503: fail('temporarily unavailable'),
      });
    Object.assign(responses, { 429: fail("rate limit of the api_key's partner reached (Retry-After)") });
    const formBody = shape.form && {
      content: {
        'application/x-www-form-urlencoded': { schema: shape.form },
        'multipart/form-data': { schema: shape.form },
      },
    };
    const query =
      route.method === 'get'
        ? z.object({ ...common, ...shape.query })
        : z.object({ jurisdiction_id: optional, api_key: optional });
    const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]).filter((name) => name !== 'format');
    for (const withFormat of [false, true]) {
      const params = Object.fromEntries([
        ...names.map((name) => [name, z.string()]),
        ...(withFormat ? [['format', z.enum(['xml', 'json'])]] : []),
      ]);
      registry.registerPath({
        method: route.method,
        path: openApiPath(`${base}${route.path.replace('{.:format}', withFormat ? '.:format' : '')}`),
        operationId: operationId(
          route.method,
          `open311${route.path.replace('{.:format}', withFormat ? 'ByFormat' : 'Xml')}`,
        ),
        summary: `${route.summary}${withFormat ? '' : ' (XML)'}`,
        tags: ['open311'],
        security: route.method === 'post' ? [{ open311ApiKey: [] }] : [],
        request: { params: Object.keys(params).length ? z.object(params) : undefined, query, body: formBody },
        responses,
      });
    }
  }
  registry.registerComponent('securitySchemes', 'open311ApiKey', {
    type: 'apiKey',
    in: 'query',
    name: 'api_key',
    description: 'a partner key, sent as the api_key form field (or query argument)',
  });
}
