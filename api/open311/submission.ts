// POST requests: the spec's form fields turned into our intake's SubmitReportBody, so a report
// from a partner app is validated, stored and processed exactly like any other (channel
// open311). Mapping: service_code → category; lat/long, address_string, address_id (our
// ward/commune code: the only address register we have) and attribute[WARD] → location;
// first_name/last_name → the reporter's name in Vietnamese order (family name first);
// attribute[TITLE|REPORTER_TYPE|ANONYMOUS] → the optional fields of our intake.
import { submitReportBody, type SubmitReportBody } from '../schemas';
import { fieldProblems } from '../routeTable';
import { badRequest, describeProblems } from './errors';
import type { FormPairs } from './forms';

export const ATTRIBUTE_CODES = ['WARD', 'TITLE', 'REPORTER_TYPE', 'ANONYMOUS'] as const;
type AttributeCode = (typeof ATTRIBUTE_CODES)[number];

export interface ReadForm {
  /** single-valued fields, first value wins; empty values count as absent */
  fields: Map<string, string>;
  attributes: Map<string, string[]>;
}

const attributePattern = /^attribute\[([^\]]+)\](\[\])?$/;

export function readForm(pairs: FormPairs): ReadForm {
  const fields = new Map<string, string>();
  const attributes = new Map<string, string[]>();
  for (const [name, raw] of pairs) {
    const value = raw.trim();
    if (value === '') continue;
    const attribute = attributePattern.exec(name);
    if (attribute) attributes.set(attribute[1], [...(attributes.get(attribute[1]) ?? []), value]);
    else if (!fields.has(name)) fields.set(name, value);
  }
  return { fields, attributes };
}

function attributeValues(attributes: Map<string, string[]>): Partial<Record<AttributeCode, string>> {
  const values: Partial<Record<AttributeCode, string>> = {};
  for (const [code, given] of attributes) {
    if (!(ATTRIBUTE_CODES as readonly string[]).includes(code))
      throw badRequest(`attribute[${code}] is not an attribute of this service; see the service definition.`);
    if (given.length > 1) throw badRequest(`attribute[${code}] takes a single value.`);
    values[code as AttributeCode] = given[0];
  }
  return values;
}

function coordinate(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[+-]?\d{1,3}(\.\d{1,15})?$/.test(value))
    throw badRequest(`${name} must be a decimal number in WGS84 degrees.`);
  return Number(value);
}

function location(fields: Map<string, string>, wardAttribute: string | undefined) {
  const lat = coordinate(fields.get('lat'), 'lat');
  const lng = coordinate(fields.get('long'), 'long');
  if ((lat === undefined) !== (lng === undefined)) throw badRequest('lat and long must be sent together.');
  const addressId = fields.get('address_id');
  if (addressId && wardAttribute && addressId !== wardAttribute)
    throw badRequest('address_id and attribute[WARD] name different wards.');
  const wardCode = wardAttribute ?? addressId;
  const address = fields.get('address_string');
  if (lat === undefined && !address && !wardCode)
    throw badRequest('A location is required: lat and long, address_string or address_id.');
  return { wardCode, address, lat, lng };
}

function anonymous(value: string | undefined): boolean | string | undefined {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** Our intake body from the form; the spec's 400 with one description per offending field. */
export function toSubmitBody(form: ReadForm, serviceCode: string): SubmitReportBody {
  const { fields } = form;
  const attributes = attributeValues(form.attributes);
  if (!fields.get('description')) throw badRequest('description is required (at least 10 characters).');
  const name = [fields.get('last_name'), fields.get('first_name')].filter(Boolean).join(' ');
  const mediaUrl = fields.get('media_url');
  const candidate = {
    categoryCode: serviceCode,
    title: attributes.TITLE,
    description: fields.get('description'),
    location: location(fields, attributes.WARD),
    reporter: {
      name: name || undefined,
      phone: fields.get('phone'),
      email: fields.get('email'),
      type: attributes.REPORTER_TYPE,
      anonymous: anonymous(attributes.ANONYMOUS),
    },
    channel: 'open311',
    media: mediaUrl ? [mediaUrl] : [],
  };
  const parsed = submitReportBody.safeParse(candidate);
  if (!parsed.success) throw badRequest(...describeProblems(fieldProblems(parsed.error)));
  return parsed.data;
}
