// No public surface shows personal data: a report whose free text (title, description, address,
// staff notes, result, the reporter's comment) holds generated phones, e-mails, identity numbers
// and the reporter's name is read back through the public view and list, Open311 JSON and XML and
// the service request updates; none of it is readable there. Staff in scope still read the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted, type Made } from '../support/reports';
import { digitsOf, foldName, personalData, sentenceAround, type PersonalItem } from '../domain/personalDataArbitraries';

let system: TestSystem;
let report: Made;
const startedAt = new Date(Date.now() - 60_000).toISOString();
// Generated once per run from a fixed seed, so a failure names the same data again.
const items: PersonalItem[] = fc.sample(personalData, { numRuns: 14, seed: 1022 });
const reporterName = 'Lê Thị Hoa';
const known: PersonalItem[] = [
  { kind: 'phone', written: '(+84) 903-111-222', secret: '903111222', reporterName },
  { kind: 'id', written: '079203012349', secret: '079203012349', reporterName },
  { kind: 'name', written: 'LE THI HOA', secret: reporterName, reporterName },
];
const secrets = [...known, ...items.map((item) => ({ ...item, reporterName }))];
const texts = secrets.map((item, index) => sentenceAround(item.written, `phần ${'x'.repeat(index % 3)}`));
const take = (from: number, count: number) => texts.filter((_, index) => index % 6 === from).slice(0, count);

// Names of other people the sample holds are not the reporter's: only the reporter's own name is masked.
const readable = (text: string) =>
  secrets.filter((item) => {
    if (item.kind === 'name') return item.secret === reporterName && foldName(text).includes(foldName(reporterName));
    if (item.kind === 'email') return text.includes(item.secret);
    return digitsOf(text).includes(item.secret);
  });

/** Every string of a JSON body, or every text node of an XML or CSV one. */
function stringsOf(body: unknown): string[] {
  if (typeof body === 'string') return body.split(/<[^>]*>|\n/);
  if (Array.isArray(body)) return body.flatMap(stringsOf);
  if (body && typeof body === 'object') return Object.values(body).flatMap(stringsOf);
  return [];
}

const leaks = (body: unknown) =>
  stringsOf(body).flatMap((text) => readable(text).map((item) => `${item.kind} "${item.written}" in "${text}"`));

beforeAll(async () => {
  system = await startTestSystem();
  report = await submitRouted(system, {
    categoryCode: 'WASTE',
    title: take(0, 1)[0].slice(0, 200),
    description: `Tôi là ${reporterName}. ${take(1, 4).join(' ')}`,
    location: { wardCode: 'P-SAIGON', address: `Nhà bà ${reporterName}, ĐT ${take(2, 1)[0]}`.slice(0, 500) },
    reporter: { name: reporterName, phone: '0903111222', email: 'hoa@example.com' },
  });
  const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
  const act = async (path: string, body: unknown) => {
    const reply = await call(system, 'POST', `/api/v1/tasks/${report.code}/${path}`, { token: staff, body });
    expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(200);
  };
  const comment = await call(system, 'POST', `/api/v1/reports/${report.code}/comments`, {
    reportToken: report.accessToken,
    body: { comment: take(3, 2).join(' ') },
  });
  expect(comment.status).toBe(200);
  await act('accept', {});
  await act('progress', { note: take(4, 2).join(' ') });
  await act('resolve', { result: take(5, 2).join(' ') });
}, 120_000);
afterAll(async () => system?.stop());

describe('personal data on public surfaces', () => {
  it('when the sample is built, then it holds every kind of personal data', () => {
    expect(new Set(secrets.map((item) => item.kind))).toEqual(new Set(['phone', 'email', 'id', 'name']));
  });

  it('when staff in scope read the task, then they see the original text', async () => {
    const token = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const task = await call(system, 'GET', `/api/v1/tasks/${report.code}`, { token });
    expect(task.status).toBe(200);
    expect(task.body.description).toContain(reporterName);
    expect(task.body.address).toContain(reporterName);
    expect(leaks(task.body).length).toBeGreaterThan(3);
  });

  const surfaces: [string, () => string][] = [
    ['the public view', () => `/api/v1/reports/${report.code}`],
    ['the public list', () => '/api/v1/public/reports?wardCode=P-SAIGON'],
    ['an Open311 request (JSON)', () => `/open311/v2/requests/${report.code}.json`],
    ['an Open311 request (XML)', () => `/open311/v2/requests/${report.code}.xml`],
    ['Open311 requests (JSON)', () => `/open311/v2/requests.json?service_request_id=${report.code}`],
    ['Open311 requests (XML)', () => `/open311/v2/requests.xml?service_request_id=${report.code}`],
    ['service request updates (JSON)', () => `/open311/v2/servicerequestupdates.json?start_date=${startedAt}`],
    ['service request updates (XML)', () => `/open311/v2/servicerequestupdates.xml?start_date=${startedAt}`],
    ['the league (JSON)', () => '/api/v1/public/units/league'],
    ['the league (CSV)', () => '/api/v1/public/units/league.csv'],
  ];
  it.each(surfaces)(
    'when the public reads %s, then no phone, e-mail, ID or the reporter’s name shows',
    async (_, path) => {
      const reply = await call(system, 'GET', path().replace('+', '%2B'));
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).toContain(path().includes('league') ? 'P-SAIGON' : report.code);
      expect(leaks(reply.body)).toEqual([]);
    },
  );
});
