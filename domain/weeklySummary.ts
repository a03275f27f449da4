// The Friday summary of one scope: the week it covers (from the schedule's own time, so a late
// or repeated run reports the same week), its figures, the SMS from the registered template
// within the allowed number of GSM-7 parts, and the e-mail with the full table. Pure.
import { renderMessage } from './messages';
import { smsInfo, type SmsInfo } from './smsText';
import {
  laggards,
  statsRows,
  totals,
  type GroupCounts,
  type Laggard,
  type StatsFigures,
  type StatsRow,
} from './statistics';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const HCMC_OFFSET = 7 * 60 * 60 * 1000; // Asia/Ho_Chi_Minh is UTC+07:00 all year

export interface Week {
  from: number;
  to: number;
}

/** [scheduled time − 7 days, scheduled time), to the minute: two triggers within a minute are one week. */
export function summaryWeek(scheduledAt: number): Week {
  const to = Math.floor(scheduledAt / MINUTE) * MINUTE;
  return { from: to - 7 * DAY, to };
}

/** '20/11-27/11': the local dates the week runs between. */
export function weekLabel(week: Week): string {
  const day = (ms: number) => {
    const local = new Date(ms + HCMC_OFFSET);
    return `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  return `${day(week.from)}-${day(week.to)}`;
}

export interface ScopeSummary {
  scope: { code: string; name: string };
  week: Week;
  totals: StatsFigures;
  /** one row per unit of the scope that had reports in the week */
  units: StatsRow[];
  /** the units with the most late and overdue items; empty when the scope is a single unit */
  laggards: Laggard[];
  /** a ward's figures as a place: every report located in it, whoever handles it; null for other scopes */
  locality: StatsFigures | null;
}

/** The summary of a scope from its per-unit counts; naming the scope itself as its worst unit says nothing. */
export function composeSummary(
  scope: { code: string; name: string },
  unitGroups: GroupCounts[],
  week: Week,
  worstUnits: number,
  locality: StatsFigures | null = null,
): ScopeSummary {
  const worst = laggards(unitGroups, worstUnits);
  return {
    scope,
    week,
    totals: totals(unitGroups),
    units: statsRows(unitGroups),
    laggards: worst.every((unit) => unit.key === scope.code) ? [] : worst,
    locality,
  };
}

export interface SummaryTexts {
  sms: SmsInfo;
  email: { subject: string; text: string; html: string };
}

const columns: Array<{ title: string; value: (row: StatsFigures) => string }> = [
  { title: 'Tiếp nhận', value: (row) => String(row.received) },
  { title: 'Giải quyết', value: (row) => String(row.resolved) },
  { title: 'Đúng hạn', value: (row) => String(row.resolvedOnTime) },
  { title: 'Trễ hạn', value: (row) => String(row.resolvedLate) },
  { title: 'Đang xử lý', value: (row) => String(row.open) },
  { title: 'Quá hạn', value: (row) => String(row.openOverdue) },
  { title: 'Hài lòng', value: (row) => rating(row.avgRating) },
];

function rating(avg: number | null): string {
  return avg === null ? '-' : `${avg.toFixed(1)}/5`;
}

/** Renders the SMS (dropping the worst units from the end until it fits) and the e-mail. */
export function renderSummary(summary: ScopeSummary, maxParts: number): SummaryTexts {
  const { totals } = summary;
  const slots = {
    week: weekLabel(summary.week),
    scope: summary.scope.code,
    scopeName: summary.scope.name,
    received: totals.received,
    resolved: totals.resolved,
    onTime: totals.resolvedOnTime,
    late: totals.resolvedLate,
    open: totals.open,
    overdue: totals.openOverdue,
    rating: rating(totals.avgRating),
    table: textTable(summary),
    ...(summary.locality
      ? {
          areaReceived: summary.locality.received,
          areaResolved: summary.locality.resolved,
          areaOverdue: summary.locality.openOverdue,
        }
      : {}),
  };
  const render = (worst: Laggard[]) =>
    renderMessage(
      'weekly_summary',
      worst.length ? { ...slots, worst: worst.map((u) => `${u.key} ${u.lateOrOverdue}`).join(', ') } : slots,
      'vi',
      maxParts,
    );
  let message = render(summary.laggards);
  for (let kept = summary.laggards.length - 1; kept >= 0 && smsInfo(message.smsText).segments > maxParts; kept--) {
    message = render(summary.laggards.slice(0, kept));
  }
  return {
    sms: smsInfo(message.smsText),
    email: { subject: message.emailSubject, text: message.emailText, html: htmlTable(summary) },
  };
}

function tableRows(summary: ScopeSummary): Array<{ label: string; name: string; row: StatsFigures }> {
  return [
    ...summary.units.map((row) => ({ label: row.key ?? '(chưa giao)', name: row.name ?? 'Chưa giao đơn vị', row })),
    { label: 'Tổng', name: `${summary.scope.name} (đơn vị xử lý)`, row: summary.totals },
    ...(summary.locality
      ? [{ label: 'Địa bàn', name: `Mọi phản ánh tại ${summary.scope.name}`, row: summary.locality }]
      : []),
  ];
}

function textTable(summary: ScopeSummary): string {
  const header = ['Đơn vị', ...columns.map((c) => c.title)];
  const lines = [header, ...tableRows(summary).map(({ label, row }) => [label, ...columns.map((c) => c.value(row))])];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  return lines
    .map((line) =>
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function htmlTable(summary: ScopeSummary): string {
  const cell = (tag: 'td' | 'th', text: string, right = false) =>
    `<${tag}${right ? ' style="text-align:right"' : ''}>${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${cell('th', 'Mã')}${cell('th', 'Đơn vị')}${columns.map((c) => cell('th', c.title, true)).join('')}</tr>`;
  const body = tableRows(summary)
    .map(
      ({ label, name, row }) =>
        `<tr>${cell('td', label)}${cell('td', name)}${columns.map((c) => cell('td', c.value(row), true)).join('')}</tr>`,
    )
    .join('\n');
  return [
    `<p>Tổng hợp phản ánh, kiến nghị tuần ${escapeHtml(weekLabel(summary.week))} – ${escapeHtml(summary.scope.name)}.</p>`,
    `<table border="1" cellpadding="4" cellspacing="0">\n${head}\n${body}\n</table>`,
    '<p>Đây là thư tự động của hệ thống PAKN TP.HCM, vui lòng không trả lời.</p>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
