// Discovery, the service list (our categories) and each service's definition. Every service has
// the same attributes, all optional as in our intake: the ward (a list of our current wards,
// communes and the special zone — it decides routing for most categories), a title, the
// reporter type and anonymity. description and a location are required by the POST itself.
import type { Request, Response } from 'express';
import { findCategory, listCategories, listUnits, type CategoryRow } from '../../db/reference';
import type { AppDeps } from '../deps';
import { formatOf, notFound } from './errors';
import { list, send, type Node } from './render';
import { placeName } from './requestView';
import { checkJurisdiction, JURISDICTION_ID, langOf, pathParam, queryArg } from './params';
import type { Language } from '../../domain/messages';
import { isWard } from '../../domain/units';

/** When this interface last changed (the discovery document's changeset). */
const CHANGESET = '2026-01-15T00:00:00+07:00';

export function discovery(deps: AppDeps) {
  return (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    langOf(req); // validated like every other resource, though discovery has no translated text
    const endpoint = {
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${deps.config.publicUrl}/open311/v2`,
      changeset: CHANGESET,
      type: 'production',
      formats: list('format', ['text/xml', 'application/json']),
    };
    send(res, formatOf(req.path), 200, 'discovery', {
      changeset: CHANGESET,
      contact: `Trung tâm Dịch vụ 1022 TP.HCM (Ho Chi Minh City 1022 service centre); jurisdiction_id ${JURISDICTION_ID}; locale=vi|en`,
      key_service:
        "API keys for partner apps are issued by the city's PAKN administrators (POST /api/v1/partners/keys).",
      endpoints: list('endpoint', [endpoint]),
    });
  };
}

function serviceNode(category: CategoryRow, lang: Language): Node {
  const en = lang === 'en';
  const complaint = category.kind === 'complaint';
  return {
    service_code: category.code,
    service_name: en ? category.name_en : category.name_vi,
    description: en ? category.description_en : category.description_vi,
    metadata: true,
    type: 'realtime',
    keywords: [category.name_vi, category.name_en].join(', '),
    group: complaint
      ? en
        ? 'Complaints and denunciations'
        : 'Khiếu nại, tố cáo'
      : en
        ? 'Feedback and requests'
        : 'Phản ánh, kiến nghị',
  };
}

export function services(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    const lang = langOf(req);
    const categories = await listCategories(deps.pool);
    send(
      res,
      formatOf(req.path),
      200,
      'services',
      list(
        'service',
        categories.map((category) => serviceNode(category, lang)),
      ),
    );
  };
}

function attribute(
  order: number,
  code: string,
  datatype: string,
  description: string,
  datatypeDescription: string | null,
  values: Node[] = [],
): Node {
  return {
    variable: true,
    code,
    datatype,
    required: false,
    datatype_description: datatypeDescription,
    order,
    description,
    values: list('value', values),
  };
}

export function serviceDefinition(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    checkJurisdiction(queryArg(req, 'jurisdiction_id'));
    const lang = langOf(req);
    const en = lang === 'en';
    const serviceCode = pathParam(req, 'service_code');
    const category = await findCategory(deps.pool, serviceCode);
    if (!category) throw notFound(`service_code ${serviceCode} was not found.`);
    const wards = (await listUnits(deps.pool)).filter(isWard);
    send(res, formatOf(req.path), 200, 'service_definition', {
      service_code: category.code,
      attributes: list('attribute', [
        attribute(
          1,
          'WARD',
          'singlevaluelist',
          en
            ? 'Ward, commune or special zone where it happens (decides which unit handles it).'
            : 'Phường, xã, đặc khu nơi xảy ra sự việc (để chuyển đúng đơn vị xử lý).',
          en ? 'Code of a ward; also accepted as address_id.' : 'Mã phường/xã; cũng nhận qua address_id.',
          wards.map((ward) => ({ key: ward.code, name: placeName(en ? ward.name_en : ward.name_vi) })),
        ),
        attribute(
          2,
          'TITLE',
          'string',
          en ? 'A short title.' : 'Tiêu đề ngắn.',
          en ? 'At most 200 characters.' : 'Tối đa 200 ký tự.',
        ),
        attribute(3, 'REPORTER_TYPE', 'singlevaluelist', en ? 'Who reports.' : 'Người phản ánh là.', null, [
          { key: 'citizen', name: en ? 'Citizen' : 'Cá nhân' },
          { key: 'business', name: en ? 'Business' : 'Doanh nghiệp, tổ chức' },
        ]),
        attribute(
          4,
          'ANONYMOUS',
          'singlevaluelist',
          en
            ? "Keep the reporter's identity from the public and the handling unit."
            : 'Giữ kín danh tính người phản ánh với công chúng và đơn vị xử lý.',
          null,
          [
            { key: 'false', name: en ? 'No' : 'Không' },
            { key: 'true', name: en ? 'Yes' : 'Có' },
          ],
        ),
      ]),
    });
  };
}
