// Request logging: one line per request with its id (the caller's X-Request-Id when it is a sane
// token, else a new UUID, echoed in the response), and never a secret: credentials in headers
// are redacted and key-like query parameters masked before anything is written.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const quietPaths = new Set(['/healthz', '/metrics', '/readyz']);
const requestIdPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const secretNames = 'api_key|apikey|key|token|access_token|password';
const secretQueryParameters = new RegExp(`([?&](?:${secretNames})=)[^&#]*`, 'gi');
const secretName = new RegExp(`^(?:${secretNames})$`, 'i');

export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-report-token"]',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

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
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req(req: { url?: string; query?: Record<string, unknown> }) {
        if (req.url) req.url = maskSecretQuery(req.url);
        if (req.query)
          req.query = Object.fromEntries(
            Object.entries(req.query).map(([name, value]) => [name, secretName.test(name) ? '[redacted]' : value]),
          );
        return req;
      },
    },
    autoLogging: { ignore: (req) => quietPaths.has((req.url ?? '').split('?')[0]) },
  });
}
