// Reads behind the public transparency pages: the list of reports (no personal columns leave the
// database except the reporter's name, which the view uses only to mask it in free text) and the
// league table of units and wards. Complaints and denunciations follow other laws and are never
// published, so both reads keep to 'feedback' categories.
import type { Db } from './pool';
import type { ReportNames } from './reports';
import { query } from './pool';
import type { ReportStatus } from '../domain/report';

export interface PublicListFilter {
  wardCode?: string;
  unitCode?: string;
  categoryCode?: string;
  status?: ReportStatus;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface PublicReportRow extends ReportNames {
  code: string;
  status: ReportStatus;
  category_code: string;
  ward_code: string | null;
  unit_code: string | null;
  title: string | null;
  description: string;
  reporter_name: string | null;
  submitted_at: Date;
  deadline_at: Date | null;
  resolved_at: Date | null;
  resolved_on_time: boolean | null;
  overdue: boolean;
  result: string | null;
  rating: number | null;
}

/** Newest first; one row more than asked tells the caller whether another page exists. */
export async function listPublicReports(db: Db, filter: PublicListFilter): Promise<PublicReportRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (condition: (n: string) => string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  add((n) => `r.ward_code = ${n}`, filter.wardCode);
  add((n) => `r.unit_code = ${n}`, filter.unitCode);
  add((n) => `r.category_code = ${n}`, filter.categoryCode);
  add((n) => `r.status = ${n}`, filter.status);
  add((n) => `r.submitted_at >= ${n}`, filter.from);
  add((n) => `r.submitted_at < ${n}`, filter.to);
  return query<PublicReportRow>(
    db,
    `SELECT r.code, r.status, r.category_code, c.name_vi AS category_name_vi, c.name_en AS category_name_en,
            r.ward_code, w.name_vi AS ward_name_vi, w.name_en AS ward_name_en,
            r.unit_code, u.name_vi AS unit_name_vi, u.name_en AS unit_name_en,
            r.title, r.description, r.reporter_name, r.submitted_at, r.deadline_at, r.resolved_at, r.resolved_on_time,
            r.overdue, r.result, r.rating
       FROM reports r
       JOIN categories c ON c.code = r.category_code AND c.kind = 'feedback'
       LEFT JOIN units w ON w.code = r.ward_code
       LEFT JOIN units u ON u.code = r.unit_code
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.submitted_at DESC, r.code DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit + 1, filter.offset],
  );
}

export interface LeagueUnit {
  code: string;
  name_vi: string;
  name_en: string;
  type: string;
}

/** The current units a league lists, every one even with nothing to count. */
export async function listLeagueUnits(db: Db): Promise<LeagueUnit[]> {
  return query<LeagueUnit>(
    db,
    'SELECT code, name_vi, name_en, type FROM units WHERE valid_to IS NULL OR valid_to > current_date ORDER BY code',
  );
}
