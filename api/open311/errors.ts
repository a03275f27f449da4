// Open311 errors leave in the spec's format: a list of {code, description} (<errors><error/>…
// </errors> in XML), with the HTTP status the spec asks for — 404 for what does not exist, 403
// for a missing or wrong api_key, 400 for anything else the client must fix — plus 413, 429 and
// 503 where HTTP has a more precise answer. Errors thrown below (AppError, Temporal, database,
// body parsing) are translated here, so the router needs no try/catch.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { toAppError, type FieldProblem } from '../errors';
import { list, send, type Format } from './render';

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly descriptions: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(descriptions.join('; '));
    this.name = 'Open311Error';
  }
}

export const badRequest = (...descriptions: string[]) => new Open311Error(400, descriptions);
export const notFound = (description: string) => new Open311Error(404, [description]);
export const forbidden = (description: string) => new Open311Error(403, [description]);

// Our JSON API's field names, as the Open311 client named them.
const open311Field: Record<string, string> = {
  categoryCode: 'service_code',
  description: 'description',
  title: 'attribute[TITLE]',
  'location.wardCode': 'attribute[WARD]',
  'location.address': 'address_string',
  'location.lat': 'lat',
  'location.lng': 'long',
  'reporter.name': 'first_name',
  'reporter.phone': 'phone',
  'reporter.email': 'email',
  'reporter.type': 'attribute[REPORTER_TYPE]',
  'reporter.anonymous': 'attribute[ANONYMOUS]',
  'idempotency-key': 'Idempotency-Key',
};

export function describeProblems(problems: FieldProblem[]): string[] {
  return problems.map((problem) => {
    const field = problem.field.startsWith('media') ? 'media_url' : (open311Field[problem.field] ?? problem.field);
    return `${field}: ${problem.message}`;
  });
}

/** The format the client asked for, read from the path's extension; XML by default. */
export function formatOf(path: string): Format {
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

function toOpen311Error(error: unknown): Open311Error | undefined {
  if (error instanceof Open311Error) return error;
  const appError = toAppError(error);
  if (!appError) return undefined;
  // The spec answers 400 to every client mistake that is not a missing resource or key.
  const status = appError.status === 422 || appError.status === 415 ? 400 : appError.status;
  const descriptions = appError.details.length ? describeProblems(appError.details) : [appError.message];
  return new Open311Error(status, descriptions, appError.headers);
}

export function open311ErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toOpen311Error(error);
    if (!known) logger.error({ err: error }, 'unhandled error in open311');
    else if (known.status >= 500) logger.warn({ err: error }, 'open311 request failed');
    const open311 = known ?? new Open311Error(500, ['Internal error; please retry later.']);
    const errors = open311.descriptions.map((description) => ({ code: open311.status, description }));
    res.set(open311.headers);
    send(res, formatOf(req.path), open311.status, 'errors', list('error', errors));
  };
}
