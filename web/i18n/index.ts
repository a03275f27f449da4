// Which language a page speaks and how it says things: the ?lang= switch (remembered in a cookie),
// else Accept-Language; Vietnamese first. One catalogue per language.
import type { Request } from 'express';
import { requestLanguage } from '../../api/language';
import type { Language } from '../../domain/messages';
import { en } from './en';
import { vi } from './vi';

export type MessageKey = keyof typeof vi;
export type Translate = (key: MessageKey | string, vars?: Record<string, string | number>) => string;

const catalogues: Record<Language, Record<string, string>> = { vi, en };

export function translator(lang: Language): Translate {
  const catalogue = catalogues[lang];
  return (key, vars = {}) =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars[name] === undefined ? whole : String(vars[name]),
    );
}

/** The page's language: an explicit ?lang=, then the same rule as the API (cookie, then Accept-Language). */
export function pageLanguage(req: Request): Language {
  const asked = req.query.lang;
  if (asked === 'vi' || asked === 'en') return asked;
  return requestLanguage(req);
}
