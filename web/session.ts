// Staff on the pages: sign-in (local accounts; OpenID Connect in web/oidc.ts when configured),
// server-side sessions in an HttpOnly, SameSite cookie (Secure over https), expiry, sign-out, and
// the guard that lets a role onto a page. The actor is built by the API's own staffActor(), so a
// page session and a bearer token carry the same role and scope.
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import { staffActor } from '../api/auth';
import type { AppDeps } from '../api/deps';
import { AppError, forbidden, unauthorized } from '../api/errors';
import { createRateLimiter } from '../api/rateLimit';
import { deleteSession, findSession, insertSession, type SessionRow } from '../db/sessions';
import type { StaffActor, StaffRole } from '../domain/roles';
import { checkLocalSignIn } from '../usecases/staffAccounts';
import { formValues } from './forms';
import type { Translate } from './i18n';
import { readCookie, render, setCookie } from './page';

const sessionCookie = 'pakn_session';
/** Cookie values are stored by their hash, so a copy of the table gives no usable session. */
export const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where each role works; the first entry is its start page. */
const navigation: { href: string; label: string; roles: readonly StaffRole[] }[] = [
  { href: '/staff/intake', label: 'nav.intake', roles: ['operator'] },
  { href: '/staff/inbox', label: 'nav.inbox', roles: ['unit_staff', 'unit_head'] },
  { href: '/staff/triage', label: 'nav.triage', roles: ['coordinator', 'admin'] },
  { href: '/dashboard', label: 'nav.dashboard', roles: ['leader', 'admin'] },
  { href: '/admin', label: 'nav.admin', roles: ['admin'] },
];

export const startPage = (role: StaffRole) => navigation.find((item) => item.roles.includes(role))!.href;

export interface SignedIn {
  actor: StaffActor;
  name: string;
}

/** Opens a session for a verified staff member and sets its cookie. */
export async function openSession(
  deps: AppDeps,
  req: Request,
  res: Response,
  who: { id: string; name: string; role: StaffRole; unitCode: string; idToken?: string },
): Promise<void> {
  await staffActor(deps.pool, { sub: who.id, role: who.role, unit: who.unitCode });
  const value = randomBytes(32).toString('base64url');
  const lifetimeMs = deps.config.webSessionHours * 3_600_000;
  await insertSession(deps.pool, {
    idHash: hashOf(value),
    staffId: who.id,
    name: who.name,
    role: who.role,
    unitCode: who.unitCode,
    expiresAt: new Date(Date.now() + lifetimeMs),
    idToken: who.idToken,
  });
  setCookie(req, res, sessionCookie, value, lifetimeMs);
  // A new browser secret for the CSRF tokens of the signed-in pages.
  res.clearCookie('pakn_csrf', { path: '/' });
}

/** The session's actor; a session staffActor refuses (a deactivated person, an ended unit) is ended. */
async function sessionActor(deps: AppDeps, session: SessionRow, idHash: string): Promise<StaffActor | undefined> {
  try {
    return await staffActor(deps.pool, { sub: session.staff_id, role: session.role, unit: session.unit_code });
  } catch (error) {
    if (!(error instanceof AppError && error.status === 401)) throw error;
    await deleteSession(deps.pool, idHash);
    return undefined;
  }
}

/** Reads the session, if any, into res.locals (staff for the layout, signedIn for the handlers). */
export function loadSession(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const value = readCookie(req, sessionCookie);
    const idHash = value ? hashOf(value) : undefined;
    const session = idHash ? await findSession(deps.pool, idHash) : undefined;
    const actor = session && (await sessionActor(deps, session, idHash!));
    if (session && actor) {
      res.locals.signedIn = { actor, name: session.name } satisfies SignedIn;
      res.locals.staff = { name: session.name, role: session.role, unitCode: session.unit_code };
      res.locals.staffNav = navigation.filter((item) => item.roles.includes(session.role));
    }
    next();
  };
}

/** The signed-in staff member, refused (401: to the sign-in page; 403) unless their role is among `roles`. */
export function requireStaff(res: Response, roles?: readonly StaffRole[]): StaffActor {
  const signedIn = res.locals.signedIn as SignedIn | undefined;
  if (!signedIn) throw unauthorized();
  if (roles && !roles.includes(signedIn.actor.role)) throw forbidden((res.locals.t as Translate)('staff.forbidden'));
  return signedIn.actor;
}

/** A local path to go back to after signing in; anything else goes to the role's start page. */
export const safeNext = (next: unknown) =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : null;

/** Sign-in attempts per address (local and OpenID Connect alike) and, for a local sign-in, per account. */
export function createSignInLimit(deps: AppDeps) {
  const limit = createRateLimiter(deps.pool);
  const window = deps.config.rateLimitWindowSeconds;
  return (req: Request, account: string | null = null) =>
    limit([
      { name: 'signin-ip', key: req.ip, limit: deps.config.rateLimitSignInPerIp, windowSeconds: window, field: 'ip' },
      {
        name: 'signin-account',
        key: account,
        limit: deps.config.rateLimitSignInPerAccount,
        windowSeconds: window,
        field: 'username',
      },
    ]);
}

/**
 * The local sign-in form and sign-out. With `oidc`, the form also offers the provider's sign-in,
 * and signing out of a session opened through it goes on to the provider's logout when it has one.
 */
export function addSignInPages(
  router: Router,
  deps: AppDeps,
  oidc?: { logoutUrl(idToken: string): Promise<string | null> },
): void {
  const limitSignIn = createSignInLimit(deps);
  const showForm = (res: Response, values: Record<string, string>, errors: unknown[], status = 200) =>
    render(res, 'staff/sign-in.njk', { values, errors, oidc: Boolean(oidc) }, status);

  router.get('/staff', (_req, res) => {
    const signedIn = res.locals.signedIn as SignedIn | undefined;
    res.redirect(303, signedIn ? startPage(signedIn.actor.role) : '/staff/sign-in');
  });
  router.get('/staff/sign-in', (req, res) => showForm(res, { next: safeNext(req.query.next) ?? '' }, []));
  router.post('/staff/sign-in', async (req, res) => {
    const values = formValues(req.body);
    const t = res.locals.t as Translate;
    await limitSignIn(req, values.username?.trim().toLowerCase() || null);
    const account =
      values.username && values.password
        ? await checkLocalSignIn(deps.pool, values.username, values.password)
        : undefined;
    if (!account) {
      const message = t('signIn.wrong');
      return showForm(res, { ...values, password: '' }, [{ field: 'username', href: '#f-username', message }], 400);
    }
    await openSession(deps, req, res, {
      id: account.id,
      name: account.name,
      role: account.role,
      unitCode: account.unit_code,
    });
    res.redirect(303, safeNext(values.next) ?? startPage(account.role));
  });
  router.post('/staff/sign-out', async (req, res) => {
    const value = readCookie(req, sessionCookie);
    const idToken = value ? await deleteSession(deps.pool, hashOf(value)) : null;
    res.clearCookie(sessionCookie, { path: '/' });
    const providerLogout = idToken && oidc ? await oidc.logoutUrl(idToken) : null;
    res.redirect(303, providerLogout ?? '/staff/sign-in?signedOut=1');
  });
}
