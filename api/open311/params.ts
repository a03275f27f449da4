// Reading Open311 arguments: the jurisdiction, the language, comma lists, W3C date-times with
// the spec's 90-day window, and paging. Empty arguments count as absent (the spec's "optional"
// rule); every refusal is the spec's 400 (or 404 for an unknown jurisdiction).
import type { Request } from 'express';
import { badRequest, notFound } from './errors';
import type { Language } from '../../domain/messages';

/** We serve one jurisdiction: the city. jurisdiction_id may be omitted; another one is not found. */
export const JURISDICTION_ID = 'hochiminhcity.gov.vn';
export const MAX_WINDOW_DAYS = 90;
export const DEFAULT_PAGE_SIZE = 100;
/** The spec's default limit ("first 1000 requests") is our ceiling. */
export const MAX_PAGE_SIZE = 1000;
const dayMs = 86_400_000;

/** One argument from the query string (repeated arguments are joined with commas, as the spec allows). */
export function queryArg(req: Request, name: string): string | undefined {
  const raw = (req.query as Record<string, unknown>)[name];
  const value = Array.isArray(raw)
    ? raw.filter((item) => typeof item === 'string').join(',')
    : typeof raw === 'string'
      ? raw
      : undefined;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A path parameter as one string. */
export function pathParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return Array.isArray(value) ? value.join('/') : typeof value === 'string' ? value : '';
}

export function checkJurisdiction(jurisdictionId: string | undefined): void {
  if (jurisdictionId !== undefined && jurisdictionId !== JURISDICTION_ID)
    throw notFound(`jurisdiction_id ${jurisdictionId} was not found; this endpoint serves ${JURISDICTION_ID}.`);
}

/** Our texts are Vietnamese; locale=en asks for the English names. */
export function langOf(req: Request): Language {
  const locale = queryArg(req, 'locale');
  if (locale === undefined || locale === 'vi') return 'vi';
  if (locale === 'en') return 'en';
  throw badRequest('locale must be vi or en.');
}

export function commaList(value: string | undefined, max: number, name: string): string[] | null {
  if (value === undefined) return null;
  const items = [
    ...new Set(
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  if (items.length > max) throw badRequest(`${name}: at most ${max} values.`);
  return items.length ? items : null;
}

const w3cDateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A W3C date-time; without an offset it is read in Ho Chi Minh City time (+07:00). */
export function parseW3c(value: string, name: string): Date {
  const match = w3cDateTime.exec(value);
  const text = !match ? '' : !match[1] ? `${value}T00:00:00+07:00` : match[4] ? value : `${value}+07:00`;
  const date = new Date(text);
  if (!match || Number.isNaN(date.getTime()))
    throw badRequest(`${name} must be a W3C date-time such as 2026-01-31T08:00:00+07:00.`);
  return date;
}

/** [from, to] from start_date/end_date: at most 90 days; by default the most recent 90 days. */
export function dateWindow(
  start: string | undefined,
  end: string | undefined,
  now = new Date(),
): { from: Date; to: Date } {
  const span = MAX_WINDOW_DAYS * dayMs;
  const from = start === undefined ? undefined : parseW3c(start, 'start_date');
  const to = end === undefined ? undefined : parseW3c(end, 'end_date');
  if (from && to) {
    if (from > to) throw badRequest('start_date is after end_date.');
    if (to.getTime() - from.getTime() > span)
      throw badRequest(`start_date and end_date may not span more than ${MAX_WINDOW_DAYS} days.`);
    return { from, to };
  }
  if (from) return { from, to: new Date(from.getTime() + span) };
  if (to) return { from: new Date(to.getTime() - span), to };
  return { from: new Date(now.getTime() - span), to: now };
}

function positiveInteger(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= max)) throw badRequest(`${name} must be a whole number from 1 to ${max}.`);
  return number;
}

/** page_size (default 100, at most 1000) and page (from 1): our extension, since results are capped. */
export function paging(req: Request): { limit: number; offset: number } {
  const limit = positiveInteger(queryArg(req, 'page_size'), 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = positiveInteger(queryArg(req, 'page'), 'page', 1, 1_000_000);
  return { limit, offset: (page - 1) * limit };
}

/** An instant in ISO 8601 with Ho Chi Minh City's offset: 2026-01-31T08:00:00+07:00. */
export function hcmIso(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}
