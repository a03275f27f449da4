// Routes are declared once, as data: method, path, who may call it, the schemas of its inputs
// and outputs, and a handler. From that one declaration the router validates requests and the
// OpenAPI document is generated, so a route cannot exist undocumented.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { StaffActor, StaffRole } from '../domain/roles';
import { requestLanguage, type Language } from './language';
import { AppError, toAppError, type FieldProblem } from './errors';

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

export interface RouteContext<Body, Query> {
  body: Body;
  query: Query;
  params: Record<string, string>;
  staff: StaffActor | null;
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

export interface RouteDefinition<Body = unknown, Query = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** express-style path, '/api/v1/reports/:code' */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** on a public route: staff of these roles may call it with a bearer token, and are then authenticated and audited */
  staffMayCall?: readonly StaffRole[];
  body?: z.ZodType<Body>;
  /** a body that is not JSON ('text/csv'): handed to the handler as text, its media type required (415) */
  textBody?: { mediaType: string; description: string };
  query?: z.ZodType<Query>;
  /** request headers the route reads, documented and validated (keys in lower case) */
  headers?: z.ZodObject;
  /** the answer carries reporters' contact details: staff reads are audited like actions */
  personalData?: boolean;
  /** limits counted after validation, before the handler (documented as 429) */
  rateLimits?(context: RouteContext<Body, Query>): RateLimitRule[] | Promise<RateLimitRule[]>;
  /** the route's own responses; the standard errors (400, 401, 403, 404, 413, 415, 429) are added */
  responses: Record<number, ResponseSpec>;
  handle(context: RouteContext<Body, Query>): Promise<RouteReply>;
}

/** Verifies the caller's bearer token; with `roles`, also refuses (403) a role not among them. */
export type Authenticate = (req: Request, roles?: readonly StaffRole[]) => Promise<StaffActor>;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
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
    throw new AppError(400, 'validation_failed', message, fieldProblems(result.error, where === 'body' ? '' : where));
  }
  const nul = findNulCharacter(result.data);
  if (nul !== null) {
    const field = [where === 'body' ? '' : where, nul].filter(Boolean).join('.') || where;
    throw new AppError(400, 'validation_failed', `invalid ${where}`, [
      { field, message: 'text must not contain NUL characters' },
    ]);
  }
  return result.data;
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

export class RouteTable {
  readonly routes: RouteDefinition<any, any>[] = [];
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

  add<Body, Query>(route: RouteDefinition<Body, Query>): void {
    this.routes.push(route);
    this.document(route);
  }

  mount(app: express.Express): void {
    for (const route of this.routes) {
      app[route.method](route.path, (req, res) => this.serve(route, req, res));
    }
  }

  /**
   * One request: content type, credentials, audit entry (staff actions and personal-data reads),
   * role, validation, rate limits, then the handler. Express 5 forwards a rejection to the error
   * middleware.
   */
  private async serve(route: RouteDefinition<any, any>, req: Request, res: Response): Promise<void> {
    const params = req.params as Record<string, string>;
    if (route.body) requireJson(req);
    if (route.textBody) requireMediaType(req, route.textBody.mediaType);
    const staffRoles = Array.isArray(route.access)
      ? (route.access as readonly StaffRole[])
      : req.headers.authorization
        ? route.staffMayCall
        : undefined;
    const staff = staffRoles ? await this.authenticate(req) : null;
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
      if (staff) requireRole(staff, staffRoles!);
      // No identifier is that long or holds NUL (which PostgreSQL refuses): nothing to look up.
      if (Object.values(params).some((value) => value.length > 200 || value.includes('\u0000')))
        throw new AppError(404, 'not_found', 'not found');
      const lang = requestLanguage(req);
      if (route.headers) parseOrThrow(route.headers, req.headers, 'headers', lang);
      const context: RouteContext<unknown, unknown> = {
        body: route.body
          ? parseOrThrow(route.body, req.body ?? {}, 'body', lang)
          : route.textBody
            ? typeof req.body === 'string'
              ? req.body
              : ''
            : undefined,
        query: route.query ? parseOrThrow(route.query, req.query, 'query', lang) : undefined,
        params,
        staff,
        req,
        res,
      };
      if (route.rateLimits && this.hooks.limit) await this.hooks.limit(await route.rateLimits(context));
      const reply = await route.handle(context);
      await close?.(reply.status);
      res.status(reply.status).set(reply.headers ?? {});
      if (reply.contentType) res.type(reply.contentType).send(reply.body);
      else res.json(reply.body);
    } catch (error) {
      await close?.(toAppError(error)?.status ?? 500);
      throw error;
    }
  }

  openApiDocument() {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'PAKN API',
        version: '1.0.0',
        description:
          "Citizens' reports and petitions (phản ánh, kiến nghị): submission, tracking, tasks, triage and operations.",
      },
    });
  }

  private document(route: RouteDefinition<any, any>): void {
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
      summary: route.summary,
      tags: [route.tag],
      security: route.access === 'public' ? [] : route.access === 'reporter' ? [{ reportToken: [] }] : [{ bearer: [] }],
      request: {
        params: params.length ? z.object(Object.fromEntries(params.map((name) => [name, z.string()]))) : undefined,
        query: route.query as z.ZodObject | undefined,
        headers: route.headers,
        body: route.body
          ? { content: { 'application/json': { schema: route.body } } }
          : route.textBody
            ? {
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
function standardResponses(route: RouteDefinition<any, any>, hasParams: boolean): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = {};
  if (route.body || route.textBody || route.query || route.headers)
    responses[400] = { description: 'invalid input: each offending field is named' };
  if (route.access === 'reporter') responses[403] = { description: 'missing or wrong X-Report-Token' };
  if (Array.isArray(route.access)) {
    responses[401] = { description: 'missing, invalid or expired bearer token' };
    responses[403] = {
      description: `role not allowed (allowed: ${route.access.join(', ')}) or outside the caller's scope`,
    };
  }
  if (hasParams) responses[404] = { description: 'not found' };
  if (route.body || route.textBody) {
    responses[413] = { description: 'body too large' };
    responses[415] = { description: `body is not ${route.textBody?.mediaType ?? 'application/json'}` };
  }
  if (route.rateLimits) responses[429] = { description: 'too many requests: wait for Retry-After seconds' };
  return responses;
}

function requireRole(staff: StaffActor, roles: readonly StaffRole[]): void {
  if (!roles.includes(staff.role)) {
    throw new AppError(403, 'forbidden', `this action needs one of the roles: ${roles.join(', ')}`, [
      { field: 'role', message: `role ${staff.role} not allowed` },
    ]);
  }
}

function requireMediaType(req: Request, mediaType: string): void {
  if (!req.is(mediaType)) {
    throw new AppError(415, 'unsupported_media_type', `Send the body as ${mediaType}`, [
      { field: 'content-type', message: `must be ${mediaType}` },
    ]);
  }
}

function requireJson(req: Request): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json', [
      { field: 'content-type', message: 'must be application/json' },
    ]);
  }
}
