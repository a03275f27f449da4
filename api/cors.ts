// Cross-origin access for browsers, from an allow-list (CORS_ORIGINS): an allowed origin gets the
// CORS headers and its preflight a 204; a preflight from any other origin is refused with 403.
// Requests without an Origin header (servers, curl, same-origin navigation) are not concerned.
import type { RequestHandler } from 'express';
import { corsOriginNotAllowed } from './errors';

const allowedHeaders = 'Content-Type, Authorization, Idempotency-Key, X-Report-Token, X-Request-Id';
const exposedHeaders = 'Location, Retry-After, X-Request-Id';

export function corsMiddleware(origins: readonly string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!anyOrigin && !allowed.has(origin.toLowerCase())) {
      if (preflight) throw corsOriginNotAllowed(origin);
      return next();
    }
    res.vary('Origin');
    res.set({
      'Access-Control-Allow-Origin': anyOrigin ? '*' : origin,
      'Access-Control-Expose-Headers': exposedHeaders,
    });
    if (!preflight) return next();
    res.set({
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
      'Access-Control-Allow-Headers': allowedHeaders,
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  };
}
