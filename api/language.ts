// The language of user-facing text in a response: Vietnamese first; English when the person chose
// it on the pages (the pakn_lang cookie) or the request prefers it (Accept-Language).
import type { Request } from 'express';
import type { Language } from '../domain/messages';

export const languageCookie = 'pakn_lang';

export function requestLanguage(req: Request): Language {
  const chosen = /(?:^|;\s*)pakn_lang=(vi|en)(?:;|$)/.exec(req.headers.cookie ?? '');
  if (chosen) return chosen[1] as Language;
  return req.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}
