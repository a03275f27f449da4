// Routes are declared once, as data: method, path, who may call it, the schemas of its inputs
// and outputs, and a handler. From that one declaration the router validates requests and the
// OpenAPI document is generated, so a route cannot exist undocumented.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { StaffActor, StaffRole } from '../domain/roles';
import { requestLanguage } from './language';
import type { Language } from '../domain/messages';
import {
  errorCatalogue,
  errorCodes,
  forbidden,
  methodNotAllowed,
  notFound,
  toAppError,
  unauthorized,
  unsupportedMediaType,
  validationFailed,
  type FieldProblem,
} from './errors';

extendZodWithOpenApi(z);

export type Access = 'public' | 'reporter' | readonly StaffRole[];

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** media type of `schema`; application/json by default */
  mediaType?: string;
  /** other representations of the same response, by media type ('text/csv') */
  alternatives?: Record<string, z.ZodType>;
}

/** A limit counted for a request before its handler runs; a null key skips it. */
export interface RateLimitRule {
  /** names the counter: 'submit-ip' */
  name: string;
  /** who is counted: an IP address, a phone number */
  key: string | null | undefined;
  /** hits allowed per window; 0 switches the rule off */
  limit: number;
  windowSeconds: number;
  /** the request field the limit is about, named in the 429's details */
  field: string;
}

export interface AuditRecord {
  actor: StaffActor;
  /** the route as declared: 'POST /api/v1/tasks/:code/accept' */
  action: string;
  target: string | null;
  req: Request;
}

export interface RouteTableHooks {
  /** Opens an audit entry before a staff action runs; the returned function records its outcome. */
  audit?(record: AuditRecord): Promise<(status: number) => Promise<void>>;
  /** Counts the rules' hits; throws a 429 AppError when one is over its limit. */
  limit?(rules: RateLimitRule[]): Promise<void>;
}

/** Who calls a route of this access: a staff member on a staff-only route; maybe nobody on a public or reporter route. */
export type CallerOf<A extends Access> = A extends readonly StaffRole[] ? StaffActor : StaffActor | null;

export interface RouteContext<Body, Query, Headers = unknown, Staff extends StaffActor | null = StaffActor | null> {
  body: Body;
  query: Query;
  /** the route's declared headers, validated by their schema (`headers`) */
  headers: Headers;
  params: Record<string, string>;
  staff: Staff;
  /** a request header by lower-case name (an HTTP header, or what a page passes in its place), not validated */
  header(name: string): string | undefined;
  req: Request;
  res: Response;
}

/**
 * A route called in-process by a page (web/): the page proves the staff member by its session
 * instead of a bearer token, and passes the form's values as the body; everything else (role,
 * validation, rate limits, audit, handler) is the API's own.
 */
export interface RouteCall {
  params?: Record<string, string>;
  body?: unknown;
  query?: unknown;
  staff: StaffActor | null;
  headers?: Record<string, string | undefined>;
  req: Request;
  res: Response;
}

export interface RouteReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** a body that is not JSON (CSV, Prometheus text), sent as is with this content type */
  contentType?: string;
}

type Responses = Record<number, ResponseSpec>;

/** The JSON bodies the route's declared responses describe (any body where none has a schema). */
type DeclaredBodies<R> = {
  [S in keyof R]: R[S] extends { schema: z.ZodType } ? z.input<R[S]['schema']> : never;
}[keyof R];

/**
 * What a handler may return: a JSON body one of its declared response schemas accepts, so a view
 * drifting from its schema fails the type check; or a body of another media type (`contentType`).
 * Responses typed as a plain Record<number, ResponseSpec> allow any body.
 */
export type ReplyOf<R extends Responses> =
  | (Omit<RouteReply, 'body' | 'contentType'> & {
      body: [DeclaredBodies<R>] extends [never] ? unknown : DeclaredBodies<R>;
      contentType?: undefined;
    })
  | (RouteReply & { contentType: string });

export interface RouteDefinition<
  Body = unknown,
  Query = unknown,
  A extends Access = Access,
  Headers = unknown,
  R extends Responses = Responses,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** express-style path, '/api/v1/reports/:code' */
  path: string;
  summary: string;
  tag: string;
  /** who may call it; a staff-only route's handler gets `staff` (never null) */
  access: A;
  /** on a public route: staff of these roles may call it with a bearer token, and are then authenticated and audited */
  staffMayCall?: readonly StaffRole[];
  body?: z.ZodType<Body>;
  /**
   * The body is multipart/form-data, not JSON: `read` parses it (files onto the request, text
   * fields into req.body, then validated by `body`); `schema` documents the form.
   */
  multipart?: { schema: z.ZodType; read(req: Request, res: Response): Promise<void> };
  /** a body that is not JSON ('text/csv'): handed to the handler as text, its media type required (415) */
  textBody?: { mediaType: string; description: string };
  query?: z.ZodType<Query>;
  /** request headers the route reads, documented, validated and handed to the handler as `headers` (keys in lower case) */
  headers?: z.ZodObject & z.ZodType<Headers>;
  /** the answer carries reporters' contact details: staff reads are audited like actions */
  personalData?: boolean;
  /** limits counted after validation, before the handler (documented as 429) */
  rateLimits?(context: RouteContext<Body, Query, Headers, CallerOf<A>>): RateLimitRule[] | Promise<RateLimitRule[]>;
  /** the route's own responses; the standard errors (400, 401, 403, 404, 413, 415, 429) are added */
  responses: R;
  handle(context: RouteContext<Body, Query, Headers, CallerOf<A>>): Promise<NoInfer<ReplyOf<R>>>;
}

/** A route of any body and query type: the table stores routes whose handlers take different contexts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handler parameters are contravariant: no narrower type admits them all
type AnyRoute = RouteDefinition<any, any, Access, any, Responses>;

/** Verifies the caller's bearer token and names the staff member. */
export type Authenticate = (req: Request) => Promise<StaffActor>;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).openapi({
        description: `What went wrong; clients may rely on these codes (status: meaning):\n${errorCodes
          .map((code) => `- \`${code}\` (${errorCatalogue[code].status}): ${errorCatalogue[code].en}`)
          .join('\n')}`,
      }),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

/** Turns zod issues into the error details: one entry per offending field. */
export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'body',
    message: issue.message,
  }));
}

const vietnamese = z.locales.vi().localeError;

/** Validates with messages in the caller's language: Vietnamese unless the request prefers English. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string, lang: Language = 'vi'): T {
  const result = schema.safeParse(value, lang === 'vi' ? { error: vietnamese } : undefined);
  if (!result.success) {
    const message = lang === 'vi' ? `Dữ liệu không hợp lệ (invalid ${where})` : `invalid ${where}`;
    throw validationFailed(fieldProblems(result.error, where === 'body' ? '' : where), message);
  }
  const nul = findNulCharacter(result.data);
  if (nul !== null) {
    const field = [where === 'body' ? '' : where, nul].filter(Boolean).join('.') || where;
    throw validationFailed([{ field, message: 'text must not contain NUL characters' }], `invalid ${where}`);
  }
  return result.data;
}

/**
 * PostgreSQL cannot store U+0000, so every input refuses it (parseOrThrow): the free-text strings
 * of parameters and request bodies (and the components they refer to) say so with a pattern.
 * Walked without recursion, like findNulCharacter.
 */
function forbidNulInStrings(document: {
  paths?: Record<
    string,
    Partial<Record<(typeof httpMethods)[number], { parameters?: unknown; requestBody?: unknown }>>
  >;
  components?: { schemas?: Record<string, unknown> };
}): void {
  const inputs = Object.values(document.paths ?? {}).flatMap((item) =>
    httpMethods.flatMap((method) => {
      const operation = item[method];
      return operation ? [operation.parameters, operation.requestBody] : [];
    }),
  );
  const pending: unknown[] = [...inputs];
  const seen = new Set<unknown>();
  while (pending.length) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const schema = node as Record<string, unknown>;
    if (typeof schema.$ref === 'string') pending.push(document.components?.schemas?.[schema.$ref.split('/').pop()!]);
    if (schema.type === 'string' && !['pattern', 'format', 'enum', 'const'].some((key) => key in schema))
      schema.pattern = '^[^\\u0000]*$';
    pending.push(...Object.values(schema));
  }
}

/**
 * The path of the first string holding U+0000, which PostgreSQL cannot store in text or jsonb;
 * walked without recursion, so a deeply nested body cannot exhaust the stack.
 */
export function findNulCharacter(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const httpMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** 'post', '/api/v1/tasks/:code/accept' → 'postTasksCodeAccept': stable, unique per method and path. */
export function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '/')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

const tagDescriptions: Record<string, string> = {
  citizens: 'Submitting, tracking, rating and withdrawing a report (no account: the access token proves the reporter)',
  tasks: 'The handling unit’s inbox and actions',
  open311: 'Open311 GeoReport v2 for partner apps (XML and JSON), with mySociety’s servicerequestupdates',
  transparency: 'What anyone may read: published reports without personal data, the league of units and wards',
  statistics: 'Figures for leaders, per unit and per locality',
  administration: 'Audit trail and administration',
  directives: 'Leaders’ directives and their acknowledgement by units',
  operations: 'Health, readiness, metrics and this document',
  partners: 'Partner (Open311) API keys',
  reference: 'Categories and units, with their codes',
  summaries: 'The weekly summary: preview, recipients, run now',
  triage: 'The coordinator desk’s queue of reports the rules could not route',
};

export class RouteTable {
  readonly routes: AnyRoute[] = [];
  readonly registry = new OpenAPIRegistry();

  constructor(
    private readonly authenticate: Authenticate,
    private readonly hooks: RouteTableHooks = {},
  ) {
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    this.registry.registerComponent('securitySchemes', 'reportToken', {
      type: 'apiKey',
      in: 'header',
      name: 'X-Report-Token',
    });
  }

  add<Body, Query, A extends Access, Headers = Record<string, never>, R extends Responses = Responses>(
    route: RouteDefinition<Body, Query, A, Headers, R>,
  ): void {
    // Stored with its context widened: run() gives a staff-only route's handler a staff member, never null.
    const stored = route as unknown as AnyRoute;
    this.routes.push(stored);
    this.document(stored);
  }

  mount(app: express.Express): void {
    for (const route of this.routes) {
      app[route.method](route.path, (req, res) => this.serve(route, req, res));
    }
  }

  /** The route declared for `method path` ('post', '/api/v1/reports/:code/rating'); throws when there is none. */
  route(method: RouteDefinition['method'], path: string): AnyRoute {
    const found = this.routes.find((route) => route.method === method && route.path === path);
    if (!found) throw new Error(`no route ${method.toUpperCase()} ${path}`);
    return found;
  }

  /** Runs a route for a page (see RouteCall) and returns its reply instead of sending it. */
  call(method: RouteDefinition['method'], path: string, input: RouteCall): Promise<RouteReply> {
    const headers = input.headers ?? {};
    return this.run(this.route(method, path), {
      ...input,
      params: input.params ?? {},
      header: (name) => headers[name],
    });
  }

  /** One HTTP request: content type and bearer credentials, then the route's pipeline; the reply is sent as JSON. */
  private async serve(route: AnyRoute, req: Request, res: Response): Promise<void> {
    if (route.multipart) {
      requireMediaType(req, 'multipart/form-data');
      await route.multipart.read(req, res);
    } else if (route.body) requireJson(req);
    else if (route.textBody) requireMediaType(req, route.textBody.mediaType);
    const staffRoles = Array.isArray(route.access)
      ? (route.access as readonly StaffRole[])
      : req.headers.authorization
        ? route.staffMayCall
        : undefined;
    const staff = staffRoles ? await this.authenticate(req) : null;
    const reply = await this.run(route, {
      params: req.params as Record<string, string>,
      body: req.body,
      query: req.query,
      staff,
      header: (name) => req.header(name),
      req,
      res,
    });
    res.status(reply.status).set(reply.headers ?? {});
    if (reply.contentType) res.type(reply.contentType).send(reply.body);
    else res.json(reply.body);
  }

  /**
   * The pipeline every caller goes through: audit entry (staff actions and personal-data reads),
   * role, validation, rate limits, then the handler. Express 5 forwards a rejection to the error
   * middleware.
   */
  private async run(
    route: AnyRoute,
    input: Omit<RouteCall, 'headers' | 'params'> & {
      params: Record<string, string>;
      header(name: string): string | undefined;
    },
  ): Promise<RouteReply> {
    const { params, staff, req } = input;
    const staffRoles = Array.isArray(route.access) ? (route.access as readonly StaffRole[]) : route.staffMayCall;
    if (Array.isArray(route.access) && !staff) throw unauthorized();
    const audited = staff && this.hooks.audit && (route.method !== 'get' || route.personalData);
    const close = audited
      ? await this.hooks.audit!({
          actor: staff,
          action: `${route.method.toUpperCase()} ${route.path}`,
          target: Object.values(params).join('/') || null,
          req,
        })
      : undefined;
    try {
      if (staff) requireRole(staff, staffRoles ?? []);
      // No identifier is that long or holds NUL (which PostgreSQL refuses): nothing to look up.
      if (Object.values(params).some((value) => value.length > 200 || value.includes('\u0000')))
        throw notFound('identifier', 'not found');
      const lang = requestLanguage(req);
      const context: RouteContext<unknown, unknown> = {
        headers: route.headers
          ? parseOrThrow(
              route.headers,
              Object.fromEntries(headerNames(route.headers).map((n) => [n, input.header(n)])),
              'headers',
              lang,
            )
          : {},
        body: route.body
          ? parseOrThrow(route.body, input.body ?? {}, 'body', lang)
          : route.textBody
            ? typeof input.body === 'string'
              ? input.body
              : ''
            : undefined,
        query: route.query ? parseOrThrow(route.query, input.query ?? {}, 'query', lang) : undefined,
        params,
        staff,
        header: input.header,
        req,
        res: input.res,
      };
      if (route.rateLimits && this.hooks.limit) await this.hooks.limit(await route.rateLimits(context));
      const reply = await route.handle(context);
      await close?.(reply.status);
      return reply;
    } catch (error) {
      await close?.(toAppError(error)?.status ?? 500);
      throw error;
    }
  }

  openApiDocument() {
    const document = new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'PAKN API',
        version: '1.0.0',
        description:
          "Citizens' reports and petitions (phản ánh, kiến nghị): submission, tracking, tasks, triage and operations. Messages for citizens are Vietnamese first; send `Accept-Language: en` for English. Periods (`from`, `to`): local dates in Asia/Ho_Chi_Minh, both ends inclusive, or exact instants with an offset.",
      },
      servers: [{ url: '/', description: 'this server (its public address is PUBLIC_URL)' }],
    });
    const operations = Object.values(document.paths ?? {}).flatMap((item) =>
      httpMethods.flatMap((method) => (item[method] ? [item[method]] : [])),
    );
    const tags = [...new Set(operations.flatMap((operation) => operation.tags ?? []))].sort();
    forbidNulInStrings(document);
    return { ...document, tags: tags.map((name) => ({ name, description: tagDescriptions[name] ?? name })) };
  }

  /**
   * Answers 405 with Allow for a method no route declares on a path that exists (documented in
   * the OpenAPI document, Open311 included); other requests pass on to the 404.
   */
  methodNotAllowed(): express.RequestHandler {
    let paths: { pattern: RegExp; methods: string[] }[] | undefined;
    return (req, _res, next) => {
      // Literal paths first: /admin/units/merge is its own resource, not a unit called "merge".
      paths ??= Object.entries(this.openApiDocument().paths ?? {})
        .sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
        .map(([path, item]) => ({
          pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
          methods: httpMethods.filter((method) => item[method]).map((method) => method.toUpperCase()),
        }));
      const match = paths.find((path) => path.pattern.test(`${req.baseUrl}${req.path}`));
      if (!match || match.methods.includes(req.method)) return next();
      const allow = [...match.methods, ...(match.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      next(methodNotAllowed(req.method, allow));
    };
  }

  private document(route: AnyRoute): void {
    const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
    const declared: Record<number, ResponseSpec> = {
      ...standardResponses(route, params.length > 0),
      ...route.responses,
    };
    const responses = Object.fromEntries(
      Object.entries(declared).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(Number(status) === 429 || Number(status) === 503
            ? {
                headers: {
                  'Retry-After': {
                    description: 'seconds to wait before retrying',
                    schema: { type: 'integer' as const },
                  },
                },
              }
            : {}),
          content: {
            [response.mediaType ?? 'application/json']: { schema: response.schema ?? errorSchema },
            ...Object.fromEntries(
              Object.entries(response.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
            ),
          },
        },
      ]),
    );
    this.registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      operationId: operationId(route.method, route.path),
      summary: route.summary,
      tags: [route.tag],
      security: route.access === 'public' ? [] : route.access === 'reporter' ? [{ reportToken: [] }] : [{ bearer: [] }],
      request: {
        params: params.length ? z.object(Object.fromEntries(params.map((name) => [name, z.string()]))) : undefined,
        query: route.query as z.ZodObject | undefined,
        headers: route.headers,
        // Required unless an empty object is a valid body (then a missing body is one).
        body: route.multipart
          ? { required: true, content: { 'multipart/form-data': { schema: route.multipart.schema } } }
          : route.body
            ? { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: route.body } } }
            : route.textBody
              ? {
                  required: true,
                  description: route.textBody.description,
                  content: { [route.textBody.mediaType]: { schema: z.string() } },
                }
              : undefined,
      },
      responses,
    });
  }
}

/** The errors every route of a kind can answer, so the document lists them without repeating them per route. */
function standardResponses(route: AnyRoute, hasParams: boolean): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = {};
  if (route.body || route.textBody || route.query || route.headers)
    responses[400] = { description: 'invalid input: each offending field is named' };
  if (route.access === 'reporter') responses[403] = { description: 'missing or wrong X-Report-Token' };
  if (Array.isArray(route.access) || route.staffMayCall) {
    responses[401] = { description: 'missing, invalid or expired bearer token' };
    responses[403] = {
      description: `role not allowed (allowed: ${(route.staffMayCall ?? (route.access as readonly StaffRole[])).join(', ')}) or outside the caller's scope`,
    };
  }
  if (hasParams) responses[404] = { description: 'not found' };
  if (route.body || route.textBody) {
    responses[413] = { description: 'body too large' };
    const mediaType = route.multipart ? 'multipart/form-data' : (route.textBody?.mediaType ?? 'application/json');
    responses[415] = { description: `body is not ${mediaType}` };
  }
  if (route.rateLimits) responses[429] = { description: 'too many requests: wait for Retry-After seconds' };
  return responses;
}

const headerNames = (schema: z.ZodObject) => Object.keys(schema.shape);

function requireRole(staff: StaffActor, roles: readonly StaffRole[]): void {
  if (!roles.includes(staff.role)) {
    throw forbidden(`this action needs one of the roles: ${roles.join(', ')}`, [
      { field: 'role', message: `role ${staff.role} not allowed` },
    ]);
  }
}

function requireMediaType(req: Request, mediaType: string): void {
  if (!req.is(mediaType)) throw unsupportedMediaType(mediaType);
}

function requireJson(req: Request): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) throw unsupportedMediaType('application/json');
}
