// The plumbing every page shares: templates (nunjucks, autoescaped), the language, the CSRF token
// of every form, and turning the API's errors into a page — an error summary over a form, or an
// error page. Page handlers stay as thin as API handlers: call a route, render a template.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import nunjucks from 'nunjucks';
import type { Logger } from 'pino';
import { AppError, csrf, toAppError, type FieldProblem } from '../api/errors';
import { languageCookie } from '../api/language';
import type { Language } from '../domain/messages';
import { localTime } from './format';
import { pageLanguage, translator, type Translate } from './i18n';

const csrfCookie = 'pakn_csrf';

export const templates = nunjucks.configure(path.join(__dirname, 'templates'), {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
});
templates.addFilter('localTime', localTime);

export interface PageLocals {
  lang: Language;
  t: Translate;
  csrfToken: string;
  path: string;
}

/** Cookies the pages set: HttpOnly, SameSite=Lax, Secure when the request came over https. */
export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

export function readCookie(req: Request, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(req.headers.cookie ?? '');
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Sets the page's language (remembering an explicit ?lang=) and its CSRF token: a random browser
 * secret in a cookie, and the HMAC of it in every form, so a form posted from another site fails.
 * A multipart form (one with photos) is read first, so its token is checked like any other; a
 * refusal of its files (too large, too many) is left in res.locals.uploadError for the page to show.
 */
export function pageContext(secret: string, readMultipart: (req: Request, res: Response) => Promise<void>) {
  const tokenFor = (browserSecret: string) =>
    createHmac('sha256', `csrf:${secret}`).update(browserSecret).digest('base64url');
  return async (req: Request, res: Response, next: NextFunction) => {
    const lang = pageLanguage(req);
    if (req.query.lang === 'vi' || req.query.lang === 'en') {
      setCookie(req, res, languageCookie, lang, 365 * 24 * 3_600_000);
      req.headers.cookie = `${languageCookie}=${lang}; ${req.headers.cookie ?? ''}`;
    }
    let browserSecret = readCookie(req, csrfCookie);
    if (!browserSecret || !/^[\w-]{43}$/.test(browserSecret)) {
      browserSecret = randomBytes(32).toString('base64url');
      setCookie(req, res, csrfCookie, browserSecret);
    }
    const locals: PageLocals = { lang, t: translator(lang), csrfToken: tokenFor(browserSecret), path: req.path };
    Object.assign(res.locals, locals);
    if (req.method === 'POST' && req.is('multipart/form-data'))
      await readMultipart(req, res).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        res.locals.uploadError = error;
      });
    if (req.method === 'POST') {
      const given = Buffer.from(String((req.body as Record<string, unknown> | undefined)?._csrf ?? ''));
      const expected = Buffer.from(locals.csrfToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw csrf(locals.t('form.csrf'));
    }
    next();
  };
}

export function render(res: Response, template: string, context: Record<string, unknown> = {}, status = 200): void {
  res
    .status(status)
    .type('html')
    .send(templates.render(template, { ...res.locals, ...context }));
}

/** One entry of the error summary: the message, and the id of the input it is about. */
export interface FormError {
  field: string;
  href: string;
  message: string;
}

/** The id of the input that stands for an API field ('location.wardCode' → 'f-location-wardCode'). */
export const fieldId = (field: string) => `f-${field.replace(/[^\w]+/g, '-')}`;

export function formErrors(problems: FieldProblem[], fallbackField: string): FormError[] {
  return problems.map((problem) => {
    const field = problem.field && problem.field !== 'body' ? problem.field : fallbackField;
    return { field, href: `#${fieldId(field)}`, message: problem.message };
  });
}

/**
 * Runs a form's action; when the API refuses the input (400, 409, 413, 415, 422, 429), renders the form again
 * with its error summary instead of leaving the page.
 */
export async function withFormErrors(
  action: () => Promise<void>,
  showForm: (errors: FormError[]) => Promise<void>,
  fallbackField: string,
  left?: { values: Record<string, string>; t: Translate },
): Promise<void> {
  try {
    await action();
  } catch (error) {
    const refusal = toAppError(error);
    if (!refusal || ![400, 409, 413, 415, 422, 429].includes(refusal.status)) throw error;
    const problems = refusal.details.length ? refusal.details : [{ field: fallbackField, message: refusal.message }];
    const errors = formErrors(problems, fallbackField);
    await showForm(left ? errors.map((entry) => plainWhenLeftEmpty(entry, left.values, left.t)) : errors);
  }
}

/**
 * A field the person left empty is named in plain words ("Vui lòng chọn lĩnh vực") instead of the
 * schema's message about a missing value, when the catalogue has words for it ('missing.<field>').
 */
function plainWhenLeftEmpty(error: FormError, values: Record<string, string>, t: Translate): FormError {
  const key = `missing.${error.field}`;
  const words = t(key);
  if (words === key || values[error.field]?.trim()) return error;
  const focus = error.field === 'location' ? 'location.wardCode' : error.field;
  return { field: focus, href: `#${fieldId(focus)}`, message: words };
}

/** Renders what went wrong as a page; a 401 sends a person to the sign-in page. */
export function pageErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const known = toAppError(error);
    if (known?.status === 401) return res.redirect(303, `/staff/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    if (!known) logger.error({ err: error }, 'page failed');
    const status = known?.status ?? 500;
    const t = (res.locals.t as Translate | undefined) ?? translator('vi');
    const message =
      status === 404 ? t('error.notFound') : status === 429 ? t('error.tooMany') : (known?.message ?? t('error.title'));
    if (!res.locals.t) Object.assign(res.locals, { lang: 'vi', t, csrfToken: '', path: req.path });
    render(res, 'error.njk', { status, message }, status);
  };
}
