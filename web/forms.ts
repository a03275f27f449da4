// From a posted HTML form to the API's request body: inputs are named after the body's fields
// ('location.wardCode'), so the API's own schema validates them and its error details point back
// at the inputs. Empty inputs are left out, as a JSON client would leave them out.
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);

export type FormValues = Record<string, string>;

/** The posted fields as strings (the first of repeated ones), without the CSRF token. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

/**
 * Nests 'a.b' names into objects, drops empty strings, and converts the named fields: numbers
 * stay text when not numeric (so the schema names the field), 'true' becomes a boolean.
 */
export function toBody(
  values: FormValues,
  kinds: { numbers?: string[]; booleans?: string[]; omit?: string[] } = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    const text = raw.trim();
    if (text === '' || kinds.omit?.includes(name)) continue;
    let value: unknown = text;
    if (kinds.numbers?.includes(name) && /^-?\d+(\.\d+)?$/.test(text)) value = Number(text);
    if (kinds.booleans?.includes(name)) value = text === 'true' || text === 'on';
    const path = name.split('.');
    if (path.some((part) => unsafeKeys.has(part))) continue;
    let target = body;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  }
  return body;
}
