// Helpers for the Open311 tests: a tiny XML reader (no XML package is installed; our documents
// have no attributes, mixed content or CDATA), a check that an XML answer and its JSON mirror
// carry the same data under the spec's Spark convention, form and multipart POSTs, and keys.
import { expect } from 'vitest';
import { call, staffToken, type TestSystem } from '../support/system';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name]);

/** Parses an XML document into elements; throws on anything malformed (unclosed or crossed tags). */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/g;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body))) {
    if (match.index !== consumed)
      throw new Error(`unexpected markup at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
    consumed = token.lastIndex;
    const [, closing, name, selfClosing, text] = match;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      if (text.trim()) top.text += decode(text);
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (consumed !== body.length || stack.length !== 1 || root.children.length !== 1)
    throw new Error('not one well-formed root element');
  return root.children[0];
}

export const child = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((item) => item.name === name);
export const childText = (element: XmlElement, name: string): string | undefined => child(element, name)?.text;

/** Asserts that the XML element carries exactly the JSON value: arrays ↔ repeated children, objects ↔ named children, null ↔ empty. */
export function expectSameData(element: XmlElement, json: unknown, path = element.name): void {
  if (Array.isArray(json)) {
    expect(element.children.length, `${path}: number of items`).toBe(json.length);
    json.forEach((item, index) => expectSameData(element.children[index], item, `${path}[${index}]`));
  } else if (json !== null && typeof json === 'object') {
    expect(
      element.children.map((item) => item.name),
      `${path}: elements`,
    ).toEqual(Object.keys(json));
    for (const [key, value] of Object.entries(json))
      expectSameData(child(element, key) as XmlElement, value, `${path}.${key}`);
  } else if (json === null || json === '') {
    expect(element.children.length + element.text.length, `${path}: empty`).toBe(0);
  } else {
    expect(element.text, path).toBe(String(json));
  }
}

/** GETs path.xml and path.json, checks content types and that both carry the same data; returns both. */
export async function getBoth(system: TestSystem, path: string, query = '', status = 200) {
  const xml = await call(system, 'GET', `${path}.xml${query}`);
  const json = await call(system, 'GET', `${path}.json${query}`);
  expect(xml.status).toBe(status);
  expect(json.status).toBe(status);
  expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(xml.body).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/);
  const root = parseXml(xml.body);
  expectSameData(root, json.body);
  return { root, json: json.body };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export async function postForm(
  system: TestSystem,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return call(system, 'POST', path, {
    raw: formBody(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
}

export async function postMultipart(
  system: TestSystem,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; filename: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append(file.name, new Blob([Buffer.from([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), file.filename);
  const response = await fetch(`${system.baseUrl}${path}`, { method: 'POST', body: form });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
  };
}

export async function issueKey(
  system: TestSystem,
  partner: string,
  rateLimitPerMinute = 1000,
): Promise<{ id: string; key: string }> {
  const admin = await staffToken(system, 'admin', 'HCM');
  const issued = await call(system, 'POST', '/api/v1/partners/keys', {
    token: admin,
    body: { partner, label: `${partner} test key`, rateLimitPerMinute },
  });
  expect(issued.status).toBe(201);
  return issued.body;
}

/** The spec's error document: `<errors><error><code/><description/></error>…</errors>`. */
export function expectOpen311Errors(body: string, status: number): string[] {
  const root = parseXml(body);
  expect(root.name).toBe('errors');
  expect(root.children.length).toBeGreaterThan(0);
  for (const error of root.children) {
    expect(error.name).toBe('error');
    expect(childText(error, 'code')).toBe(String(status));
  }
  return root.children.map((error) => childText(error, 'description') ?? '');
}
