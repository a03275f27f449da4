// Routes are declared once, as data: method, path, who may call it, the schemas of its inputs
// and outputs, and a handler. From that one declaration the router validates requests and the
// OpenAPI document is generated, so a route cannot exist undocumented.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { StaffActor, StaffRole } from '../domain/roles';
import { AppError, type FieldProblem } from './errors';

extendZodWithOpenApi(z);

export type Access = 'public' | 'reporter' | readonly StaffRole[];

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
}

export interface RouteDefinition<Body = unknown, Query = unknown> {
  method: 'get' | 'post';
  /** express-style path, '/api/v1/reports/:code' */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handle(context: RouteContext<Body, Query>): Promise<RouteReply>;
}

export type Authenticate = (req: Request, roles: readonly StaffRole[]) => Promise<StaffActor>;

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
  return error.issues.map((issue) => ({ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'body', message: issue.message }));
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError(400, 'validation_failed', `invalid ${where}`, fieldProblems(result.error, where === 'body' ? '' : where));
  return result.data;
}

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export class RouteTable {
  readonly routes: RouteDefinition<any, any>[] = [];
  readonly registry = new OpenAPIRegistry();

  constructor(private readonly authenticate: Authenticate) {
    this.registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    this.registry.registerComponent('securitySchemes', 'reportToken', { type: 'apiKey', in: 'header', name: 'X-Report-Token' });
  }

  add<Body, Query>(route: RouteDefinition<Body, Query>): void {
    this.routes.push(route);
    this.document(route);
  }

  mount(app: express.Express): void {
    for (const route of this.routes) {
      app[route.method](route.path, async (req, res) => {
        if (route.body) requireJson(req);
        const staff = Array.isArray(route.access) ? await this.authenticate(req, route.access) : null;
        const context = {
          body: route.body ? parseOrThrow(route.body, req.body ?? {}, 'body') : undefined,
          query: route.query ? parseOrThrow(route.query, req.query, 'query') : undefined,
          params: req.params as Record<string, string>,
          staff,
          req,
          res,
        };
        const reply = await route.handle(context as RouteContext<unknown, unknown>);
        res.status(reply.status).set(reply.headers ?? {}).json(reply.body);
      });
    }
  }

  openApiDocument() {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 'PAKN API', version: '1.0.0', description: "Citizens' reports and petitions (phản ánh, kiến nghị): submission, tracking, tasks, triage and operations." },
    });
  }

  private document(route: RouteDefinition<any, any>): void {
    const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => [
        status,
        { description: response.description, content: { 'application/json': { schema: response.schema ?? errorSchema } } },
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
        body: route.body ? { content: { 'application/json': { schema: route.body } } } : undefined,
      },
      responses,
    });
  }
}

function requireJson(req: Request): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json', [{ field: 'content-type', message: 'must be application/json' }]);
  }
}
