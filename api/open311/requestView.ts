// A report as an Open311 service request. Public: no name, phone or e-mail ever; free text is
// masked by the one public masker (contacts, identity numbers, the reporter's name); complaints and denunciations (refused with guidance, and
// sensitive) show no description or media. Our statuses map to the spec's open/closed — a
// published result counts as closed ("it has been resolved") even while it may still be rated.
import type { Open311RequestRow } from '../../db/open311';
import { openStatuses, type ReportStatus } from '../../domain/report';
import { maskPersonalData } from '../../domain/redact';
import { publicMedia } from '../../domain/photos';
import type { Node } from './render';
import { hcmIso } from './params';
import type { Language } from '../../domain/messages';

export type Open311Status = 'open' | 'closed';

export function open311Status(status: ReportStatus): Open311Status {
  return openStatuses.includes(status) ? 'open' : 'closed';
}

export function statusesFor(wanted: Open311Status[]): ReportStatus[] {
  const closed: ReportStatus[] = ['resolved', 'closed', 'withdrawn', 'rejected'];
  return [...(wanted.includes('open') ? openStatuses : []), ...(wanted.includes('closed') ? closed : [])];
}

const notes: Record<ReportStatus, [vi: string, en: string]> = {
  received: ['Đã tiếp nhận, đang chuyển đơn vị xử lý.', 'Received; being routed.'],
  triage: ['Đang chờ bộ phận điều phối phân loại.', 'Waiting for the coordinator desk to assign it.'],
  assigned: ['Đã chuyển đơn vị xử lý.', 'Assigned to the responsible unit.'],
  in_progress: ['Đơn vị đang xử lý.', 'Being handled by the responsible unit.'],
  resolved: ['Đã có kết quả xử lý.', 'A result was published.'],
  closed: ['Đã kết thúc.', 'Closed.'],
  withdrawn: ['Người phản ánh đã rút phản ánh.', 'Withdrawn by the reporter.'],
  rejected: [
    'Nội dung khiếu nại, tố cáo không giải quyết qua kênh phản ánh, kiến nghị; xem hướng dẫn trong servicerequestupdates.',
    'Complaints and denunciations are not handled through this channel; see the guidance in servicerequestupdates.',
  ],
};

/** A ward as a place ("Phường Sài Gòn"), from its People's Committee's name. */
export function placeName(unitName: string | null): string | null {
  const place = unitName?.replace(/^(Ủy ban nhân dân|People's Committee of)\s+/i, '') ?? null;
  return place ? place.charAt(0).toUpperCase() + place.slice(1) : null;
}

const pick = (lang: Language, vi: string | null, en: string | null): string | null => (lang === 'en' ? (en ?? vi) : vi);
export const statusNote = (status: ReportStatus, lang: Language): string => notes[status][lang === 'en' ? 1 : 0];

/** Where to follow the report on the city's own site. */
export function serviceNotice(publicUrl: string, code: string, lang: Language): string {
  const link = `${publicUrl}/api/v1/reports/${code}`;
  return lang === 'en' ? `Track request ${code} at ${link}` : `Tra cứu phản ánh ${code} tại ${link}`;
}

export function requestNode(row: Open311RequestRow, lang: Language, publicUrl: string): Node {
  const complaint = row.category_kind === 'complaint';
  const masked = (text: string) => maskPersonalData(text, row.reporter_name);
  const result = (row.status === 'resolved' || row.status === 'closed') && row.result ? masked(row.result) : null;
  const ward = placeName(pick(lang, row.ward_name_vi, row.ward_name_en));
  const city = lang === 'en' ? 'Ho Chi Minh City' : 'Thành phố Hồ Chí Minh';
  return {
    service_request_id: row.code,
    status: open311Status(row.status),
    status_notes: result ?? statusNote(row.status, lang),
    service_name: pick(lang, row.category_name_vi, row.category_name_en),
    service_code: row.category_code,
    description: complaint ? null : masked(row.description),
    agency_responsible: pick(lang, row.unit_name_vi, row.unit_name_en),
    service_notice: serviceNotice(publicUrl, row.code, lang),
    requested_datetime: hcmIso(row.submitted_at),
    updated_datetime: hcmIso(row.updated_at),
    expected_datetime: row.deadline_at ? hcmIso(row.deadline_at) : null,
    address: [row.address ? masked(row.address) : null, ward, city].filter(Boolean).join(', '),
    address_id: row.ward_code,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: complaint ? null : (publicMedia(row.media)[0] ?? null),
  };
}
