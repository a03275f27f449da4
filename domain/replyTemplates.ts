// Reply templates: texts a unit starts a published result from, with {{variables}} filled from
// the report. The variables are a small fixed set of what the result may say publicly — never the
// reporter's name or contact (results are published; see redact.ts) — and a template naming any
// other is refused when it is saved. Rendering substitutes text only: nothing in a template runs.
// (Not domain/messages.ts' fill: its [sections] would silently drop an admin's bracketed words.)
import { formatHcmcTime } from './messages';
import { localDate } from './workingTime';

/** The variables a template may use, with what each stands for. */
export const replyTemplateVariables = {
  ma_phan_anh: "the report's code (PA26-000123)",
  ten_don_vi: 'the name of the unit handling it',
  linh_vuc: "the report's category",
  ngay_tiep_nhan: 'the day it was received (dd/mm/yyyy, Ho Chi Minh City time)',
  dia_chi: 'the address given in the report',
  han_xu_ly: 'its deadline (HH:mm dd/mm/yyyy)',
} as const;
export type ReplyTemplateVariable = keyof typeof replyTemplateVariables;
export const replyTemplateVariableNames = Object.keys(replyTemplateVariables) as ReplyTemplateVariable[];

export type ReplyTemplateValues = Record<ReplyTemplateVariable, string>;

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;
const isVariable = (name: string): name is ReplyTemplateVariable => Object.hasOwn(replyTemplateVariables, name);

/** What is wrong with a template's text: each unknown variable once, and braces left open. Empty: fine. */
export function replyTemplateProblems(text: string): string[] {
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(placeholder)) if (!isVariable(name)) unknown.add(name);
  for (const name of unknown)
    problems.push(
      `biến không có: {{${name}}}; dùng được: ${replyTemplateVariableNames.map((known) => `{{${known}}}`).join(', ')} (unknown variable {{${name}}})`,
    );
  const rest = text.replace(placeholder, '');
  if (rest.includes('{{') || rest.includes('}}'))
    problems.push('dấu {{ hoặc }} không khép đúng một tên biến (unbalanced {{ or }})');
  return problems;
}

/** The template's text with each {{variable}} replaced by its value; anything else is left as written. */
export function renderReplyTemplate(text: string, values: ReplyTemplateValues): string {
  return text.replace(placeholder, (whole, name: string) => (isVariable(name) ? values[name] : whole));
}

const missing = '—';

/** The variables' values for one report, as a result shows them (Ho Chi Minh City time). */
export function replyTemplateValues(report: {
  code: string;
  unitName: string | null;
  categoryName: string | null;
  submittedAt: Date;
  address: string | null;
  deadlineAt: Date | null;
}): ReplyTemplateValues {
  return {
    ma_phan_anh: report.code,
    ten_don_vi: report.unitName ?? missing,
    linh_vuc: report.categoryName ?? missing,
    ngay_tiep_nhan: localDate(report.submittedAt.getTime()).split('-').reverse().join('/'),
    dia_chi: report.address?.trim() || missing,
    han_xu_ly: report.deadlineAt ? formatHcmcTime(report.deadlineAt) : missing,
  };
}
