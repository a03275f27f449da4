// POST bodies of Open311: application/x-www-form-urlencoded (the spec's) or multipart/form-data
// (what many mobile clients send). Both become one list of (name, value) pairs, so repeated
// fields (attribute[CODE][]=…) survive and nothing is merged into objects (no prototype
// pollution). Multipart is read for its fields only: we store no files — media go as media_url.
import express, { type Request, type RequestHandler } from 'express';
import { badRequest } from './errors';

export type FormPairs = [string, string][];

/** Body readers for the two content types; anything else is left unparsed and refused later. */
export function formBodyParsers(limitKb: number): RequestHandler[] {
  return [
    express.text({ type: 'application/x-www-form-urlencoded', limit: `${limitKb}kb` }),
    express.raw({ type: 'multipart/form-data', limit: `${limitKb}kb` }),
  ];
}

export function formPairs(req: Request): FormPairs {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return [];
  if (req.is('application/x-www-form-urlencoded'))
    return [...new URLSearchParams(typeof req.body === 'string' ? req.body : '')];
  if (req.is('multipart/form-data')) return multipartPairs(req.body as Buffer, req.headers['content-type'] ?? '');
  throw badRequest('Send the body as application/x-www-form-urlencoded or multipart/form-data.');
}

function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!match) throw badRequest('multipart/form-data without a boundary.');
  return match[1] ?? match[2];
}

/** Splits a multipart body on its boundary and reads each part's name and text value (RFC 7578). */
export function multipartPairs(body: Buffer, contentType: string): FormPairs {
  if (!Buffer.isBuffer(body)) return [];
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const pairs: FormPairs = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw badRequest('The multipart body has no part.');
  while (true) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return pairs;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw badRequest('The multipart body is truncated.');
    pairs.push(partPair(body.subarray(start, next)));
    start = next;
  }
}

function partPair(part: Buffer): [string, string] {
  // part = CRLF headers CRLF CRLF value CRLF
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw badRequest('A multipart part has no headers.');
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const value = part.subarray(headerEnd + 4, part.length - (part.subarray(-2).toString() === '\r\n' ? 2 : 0));
  const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw badRequest('A multipart part has no field name.');
  if (/;\s*filename\*?=/i.test(disposition)) {
    throw badRequest(`${name}: file uploads are not accepted; send a link to the media as media_url.`);
  }
  return [name, value.toString('utf8')];
}
