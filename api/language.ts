// The language of user-facing text in a response: Vietnamese first, English when the request
// prefers it (Accept-Language).
import type { Request } from 'express';
import type { Language } from '../domain/messages';

export function requestLanguage(req: Request): Language {
  return req.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}
