// Open311 discovery, service list and service definitions, in XML and JSON, and their errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestSystem, type TestSystem } from '../support/system';
import { child, childText, expectOpen311Errors, getBoth, parseXml } from './support';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

describe('Open311 discovery and services', () => {
  it('when a client reads discovery, then it names the GeoReport v2 endpoint and both formats', async () => {
    const { root, json } = await getBoth(system, '/open311/v2/discovery');
    expect(root.name).toBe('discovery');
    expect(json.endpoints).toEqual([
      expect.objectContaining({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: expect.stringMatching(/\/open311\/v2$/),
        formats: ['text/xml', 'application/json'],
      }),
    ]);
    expect(child(root, 'endpoints')?.children.map((item) => item.name)).toEqual(['endpoint']);
  });

  it('when a client lists services, then every active category is a realtime service with metadata, in Vietnamese or English', async () => {
    const { root, json } = await getBoth(system, '/open311/v2/services');
    expect(root.name).toBe('services');
    expect(root.children.every((item) => item.name === 'service')).toBe(true);
    const codes = json.map((service: { service_code: string }) => service.service_code);
    expect(codes).toEqual(expect.arrayContaining(['FLOOD', 'STREETLIGHT', 'WASTE', 'ROAD', 'COMPLAINT', 'OTHER']));
    const flood = json.find((service: { service_code: string }) => service.service_code === 'FLOOD');
    expect(flood).toMatchObject({
      service_name: 'Ngập nước',
      metadata: true,
      type: 'realtime',
      group: 'Phản ánh, kiến nghị',
    });
    const english = await call(system, 'GET', '/open311/v2/services.json?locale=en');
    expect(
      english.body.find((service: { service_code: string }) => service.service_code === 'FLOOD').service_name,
    ).toBe('Flooding');
  });

  it("when no extension is given, then the answer is XML (the spec's primary format)", async () => {
    const reply = await call(system, 'GET', '/open311/v2/services');
    expect(reply.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(parseXml(reply.body).name).toBe('services');
  });

  it('when a client reads a service definition, then its attributes have datatype, required, order and the wards as values', async () => {
    const { root, json } = await getBoth(system, '/open311/v2/services/WASTE');
    expect(root.name).toBe('service_definition');
    expect(json.service_code).toBe('WASTE');
    expect(
      json.attributes.map((attribute: { code: string; order: number; required: boolean }) => [
        attribute.code,
        attribute.order,
        attribute.required,
      ]),
    ).toEqual([
      ['WARD', 1, false],
      ['TITLE', 2, false],
      ['REPORTER_TYPE', 3, false],
      ['ANONYMOUS', 4, false],
    ]);
    const ward = json.attributes[0];
    expect(ward).toMatchObject({ variable: true, datatype: 'singlevaluelist' });
    expect(ward.values).toEqual(
      expect.arrayContaining([
        { key: 'P-SAIGON', name: 'Phường Sài Gòn' },
        { key: 'DK-CONDAO', name: expect.any(String) },
      ]),
    );
    expect(ward.values.map((value: { key: string }) => value.key)).not.toContain('OLD-P-BENNGHE');
    expect(ward.values.map((value: { key: string }) => value.key)).not.toContain('SXD');
    const wardXml = child(root, 'attributes')?.children[0];
    expect(childText(wardXml!, 'datatype')).toBe('singlevaluelist');
    expect(child(wardXml!, 'values')?.children[0].name).toBe('value');
  });

  it("when the service code is unknown, then 404 in the spec's error format, in XML and JSON", async () => {
    const xml = await call(system, 'GET', '/open311/v2/services/NOPE.xml');
    expect(xml.status).toBe(404);
    expect(expectOpen311Errors(xml.body, 404)[0]).toContain('NOPE');
    const json = await call(system, 'GET', '/open311/v2/services/NOPE.json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual([{ code: 404, description: expect.stringContaining('service_code NOPE') }]);
  });

  it('when the jurisdiction is another one, then 404; when it is ours, then the answer', async () => {
    const other = await call(system, 'GET', '/open311/v2/services.json?jurisdiction_id=sfgov.org');
    expect(other.status).toBe(404);
    expect(other.body[0].description).toContain('jurisdiction_id');
    expect((await call(system, 'GET', '/open311/v2/services.json?jurisdiction_id=hochiminhcity.gov.vn')).status).toBe(
      200,
    );
  });

  it("when the format or the path is unknown, then 400 / 404 in the spec's format", async () => {
    const csv = await call(system, 'GET', '/open311/v2/services.csv');
    expect(csv.status).toBe(400);
    expectOpen311Errors(csv.body, 400);
    const missing = await call(system, 'GET', '/open311/v2/nothing.json');
    expect(missing.status).toBe(404);
    expect(missing.body[0].code).toBe(404);
    const locale = await call(system, 'GET', '/open311/v2/services.json?locale=fr');
    expect(locale.status).toBe(400);
  });

  it('when the OpenAPI document is read, then every Open311 route is in it, with and without extension', async () => {
    const document = (await call(system, 'GET', '/openapi.json')).body;
    const paths = Object.keys(document.paths);
    for (const path of [
      'discovery',
      'services',
      'services/{service_code}',
      'requests',
      'requests/{id}',
      'tokens/{token}',
      'servicerequestupdates',
    ]) {
      expect(paths).toContain(`/open311/v2/${path}`);
      expect(paths).toContain(`/open311/v2/${path}.{format}`);
    }
    expect(Object.keys(document.paths['/open311/v2/requests.{format}'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(document.paths['/open311/v2/servicerequestupdates'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(document.paths['/api/v1/partners/keys'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(document.paths['/api/v1/partners/keys/{id}/revoke'].post).toBeDefined();
  });
});
