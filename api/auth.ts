// Staff authentication: a bearer JWT (HS256 with a local secret in development, or an OIDC
// issuer's JWKS in production) whose claims name the role and the unit; the unit's path gives
// the scope. Reporters prove ownership of a report with its access token instead.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';
import type { Config } from '../config';
import { findActorUnit } from '../db/reference';
import { staffRoles, type StaffActor, type StaffRole } from '../domain/roles';
import { unauthorized } from './errors';

export interface StaffClaims extends JWTPayload {
  role: StaffRole;
  unit: string;
  name?: string;
}

export function createAuthenticator(config: Config, pool: pg.Pool) {
  const secret = new TextEncoder().encode(config.jwtSecret);
  const jwks = config.oidcJwksUrl ? createRemoteJWKSet(new URL(config.oidcJwksUrl)) : null;
  const verifyOptions = { issuer: config.jwtIssuer, audience: config.jwtAudience };

  async function verify(token: string): Promise<StaffClaims> {
    try {
      const { payload } = jwks
        ? await jwtVerify(token, jwks, verifyOptions)
        : await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] });
      return payload as StaffClaims;
    } catch {
      throw unauthorized('invalid or expired token');
    }
  }

  return async function authenticate(req: Request): Promise<StaffActor> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('a bearer token is required');
    const claims = await verify(match[1]);
    return staffActor(pool, claims);
  };
}

/**
 * The acting staff member from verified claims (a bearer token's, or a page session's): a known
 * role, and a unit that exists, whose path is the scope. One rule for the API and the pages.
 * A subject the staff directory holds as inactive is refused at once, whatever the token's expiry;
 * subjects the directory does not know (development tokens, an OIDC provider's users) are not.
 * Checked on every request in the same query as the unit, not cached: no window after deactivation.
 */
export async function staffActor(
  pool: pg.Pool,
  claims: { sub?: unknown; role?: unknown; unit?: unknown },
): Promise<StaffActor> {
  if (
    !staffRoles.includes(claims.role as StaffRole) ||
    typeof claims.unit !== 'string' ||
    typeof claims.sub !== 'string'
  )
    throw unauthorized('token lacks role, unit or subject');
  const unit = await findActorUnit(pool, claims.unit, claims.sub);
  if (!unit) throw unauthorized('the token names an unknown unit');
  if (unit.staff_active === false) throw unauthorized('this staff account is deactivated');
  return { kind: 'staff', id: claims.sub, role: claims.role as StaffRole, unitCode: unit.code, unitPath: unit.path };
}

export async function signStaffToken(
  config: Config,
  claims: { sub: string; role: StaffRole; unit: string; name?: string },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ role: claims.role, unit: claims.unit, name: claims.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(config.jwtSecret));
}

/**
 * A report's access token is derived from its id with a server secret, so it is never stored and
 * a retried submission (same Idempotency-Key) can be answered with the same token.
 */
export function reportAccessToken(secret: string, reportId: string): string {
  return createHmac('sha256', `report-token:${secret}`).update(reportId).digest('base64url');
}

/**
 * The short key in the reporter's SMS link: a truncated HMAC (72 bits), enough with the rating and
 * comment rate limits, short enough for a 2-part SMS. The tracking page exchanges it for the token.
 */
export function reportLinkKey(secret: string, reportId: string): string {
  return createHmac('sha256', `report-link:${secret}`).update(reportId).digest('base64url').slice(0, 12);
}

export function checkReportLinkKey(secret: string, reportId: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(reportLinkKey(secret, reportId));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The tracking page's address with the reporter's key: what the acknowledgement and result SMS carry. */
export function reporterTrackUrl(
  config: Pick<Config, 'publicUrl' | 'jwtSecret'>,
  code: string,
  reportId: string,
): string {
  return `${config.publicUrl}/t/${code}/${reportLinkKey(config.jwtSecret, reportId)}`;
}

export function checkReportToken(secret: string, reportId: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(reportAccessToken(secret, reportId));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
