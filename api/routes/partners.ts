// Admin endpoints for partner apps' Open311 API keys: issue (the key is in this answer only —
// we keep its hash), list, revoke. A partner may hold several keys, which allows rotation.
import { z } from 'zod';
import { listPartnerKeys, revokePartnerKey, type PartnerKeyRow } from '../../db/partnerKeys';
import { issuePartnerKey } from '../open311/apiKeys';
import type { AppDeps } from '../deps';
import { notFound } from '../errors';
import type { RouteTable } from '../routeTable';

const partnerKey = z
  .object({
    id: z.uuid(),
    partner: z.string(),
    label: z.string(),
    keyPrefix: z.string(),
    rateLimitPerMinute: z.number(),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('PartnerKey');
const issuedKey = partnerKey
  .extend({ key: z.string().openapi({ description: 'the api_key: shown once, never stored' }) })
  .openapi('IssuedPartnerKey');
const issueBody = z
  .object({
    partner: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
    label: z.string().trim().max(200).default(''),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).default(60),
  })
  .strict()
  .openapi('IssuePartnerKey');
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (at: Date | null) => (at ? at.toISOString() : null);
function keyView(row: PartnerKeyRow) {
  return {
    id: row.id,
    partner: row.partner,
    label: row.label,
    keyPrefix: row.key_prefix,
    rateLimitPerMinute: row.rate_limit_per_minute,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
    lastUsedAt: iso(row.last_used_at),
  };
}

export function addPartnerRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'post',
    path: '/api/v1/partners/keys',
    tag: 'partners',
    access: ['admin'],
    summary: 'Issue an Open311 API key to a partner app (the key is returned once)',
    body: issueBody,
    responses: {
      201: { description: 'issued', schema: issuedKey },
      400: { description: 'invalid input' },
      401: { description: 'no token' },
      403: { description: 'not an admin' },
    },
    async handle({ body, staff }) {
      const { row, key } = await issuePartnerKey(
        deps.pool,
        body.partner,
        body.label,
        body.rateLimitPerMinute,
        staff?.id ?? 'unknown',
      );
      return { status: 201, body: { ...keyView(row), key }, headers: { 'Cache-Control': 'no-store' } };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/partners/keys',
    tag: 'partners',
    access: ['admin'],
    summary: 'Partner API keys (never the keys themselves)',
    responses: {
      200: { description: 'keys', schema: z.object({ items: z.array(partnerKey) }) },
      401: { description: 'no token' },
      403: { description: 'not an admin' },
    },
    async handle() {
      return { status: 200, body: { items: (await listPartnerKeys(deps.pool)).map(keyView) } };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/partners/keys/:id/revoke',
    tag: 'partners',
    access: ['admin'],
    summary: 'Revoke a partner API key (at once, in every API process)',
    body: z.object({}).strict(),
    responses: {
      200: { description: 'revoked', schema: partnerKey },
      401: { description: 'no token' },
      403: { description: 'not an admin' },
      404: { description: 'unknown key' },
    },
    async handle({ params, staff }) {
      const row = uuidPattern.test(params.id)
        ? await revokePartnerKey(deps.pool, params.id, staff?.id ?? 'unknown')
        : undefined;
      if (!row) throw notFound('partner key');
      return { status: 200, body: keyView(row) };
    },
  });
}
