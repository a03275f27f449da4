// Open311 documents, rendered as XML (the spec's primary format) or JSON following the spec's
// "Spark convention": a list of repeated elements (<services><service/>…</services>) becomes a
// JSON array, an element becomes an object, an empty element is null. A document is written once
// as plain data with `list(...)` marking repeated elements, and rendered in either format.
import type { Response } from 'express';

export class XmlList {
  constructor(
    readonly item: string,
    readonly items: readonly Node[],
  ) {}
}
export type Scalar = string | number | boolean | null;
export type Node = Scalar | XmlList | { readonly [element: string]: Node };

/** Repeated `<item>` elements: an array in JSON. */
export const list = (item: string, items: readonly Node[]): XmlList => new XmlList(item, items);

export type Format = 'xml' | 'json';

// Characters XML 1.0 cannot carry at all (controls other than tab/CR/LF, lone surrogates, U+FFFE/F).
const notXmlChar =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(notXmlChar, '').replace(/[&<>"']/g, (char) => entities[char]);
}

function element(name: string, node: Node, indent: string): string {
  if (node === null || node === '') return `${indent}<${name}/>`;
  if (node instanceof XmlList) {
    if (node.items.length === 0) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${node.items.map((item) => element(node.item, item, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof node === 'object') {
    const children = Object.entries(node).map(([child, value]) => element(child, value, `${indent}  `));
    return children.length ? `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  return `${indent}<${name}>${escapeXml(String(node))}</${name}>`;
}

export function toXml(root: string, node: Node): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, node, '')}\n`;
}

export function toJson(node: Node): unknown {
  if (node instanceof XmlList) return node.items.map(toJson);
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toJson(value)]));
  return typeof node === 'string' ? node.replace(notXmlChar, '') : node;
}

/** Sends `<root>` as XML (text/xml) or its JSON mirror. */
export function send(res: Response, format: Format, status: number, root: string, node: Node): void {
  res.status(status);
  if (format === 'json') {
    res.type('application/json; charset=utf-8').send(JSON.stringify(toJson(node)));
  } else {
    res.type('text/xml; charset=utf-8').send(toXml(root, node));
  }
}
