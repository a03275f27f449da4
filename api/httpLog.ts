// Request logging: one short line per request — method, path, status, time, and its id (the
// caller's X-Request-Id when it is a sane token, else a new UUID, echoed in the response) — and never
// a secret: headers are not logged, and key-like query parameters are masked before anything is written.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const quietPaths = new Set(['/healthz', '/metrics', '/readyz']);
const requestIdPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const secretNames = 'api_key|apikey|key|token|access_token|password';
const secretQueryParameters = new RegExp(`([?&](?:${secretNames})=)[^&#]*`, 'gi');

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export function maskSecretQuery(url: string): string {
  return url.replace(secretQueryParameters, '$1[redacted]');
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: maskSecretQuery(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res, responseTime) =>
      `${req.method} ${maskSecretQuery(req.url ?? '')} ${res.statusCode} ${Math.round(responseTime)} ms`,
    customErrorMessage: (req, res, error) =>
      `${req.method} ${maskSecretQuery(req.url ?? '')} ${res.statusCode} ${error.message}`,
    autoLogging: { ignore: (req) => quietPaths.has((req.url ?? '').split('?')[0]) },
  });
}
