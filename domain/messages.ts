// Notification templates. Aggregators only accept brandname SMS that match a pre-registered
// template, so each message type is one fixed text with {slots}; `templates` is also what an
// admin registers with the provider (a [bracketed] optional part means two registered variants).
// Pure: workflows and activities both render with it.
import { fitSms, toSmsText } from './smsText';

export type Lang = 'vi' | 'en';
export type SlotValue = string | number;

interface Texts {
  sms: string;
  subject: string;
  text: string;
}

interface Template {
  /** slots every rendering needs */
  slots: readonly string[];
  /** slots that may be missing: the [bracketed] part holding one is left out without it */
  optional?: readonly string[];
  vi: Texts;
  en: Texts;
}

/** Slots holding an instant (ISO-8601 string or epoch ms), shown as 'HH:mm dd/MM/yyyy' in HCMC. */
const timeSlots = new Set(['deadline', 'due']);

/** SMS texts are kept within this many GSM-7 parts unless the caller says otherwise; free text always sits in the last slot. */
export const maxSmsSegments = 2;

const footerVi = '\n\nĐây là thư tự động của hệ thống PAKN TP.HCM, vui lòng không trả lời.';
const footerEn = '\n\nThis is an automatic message from the HCMC feedback system; please do not reply.';

export const templates = {
  report_ack: {
    slots: ['code', 'trackUrl'],
    vi: {
      sms: 'PAKN TP.HCM: Đã tiếp nhận phản ánh {code}. Tra cứu: {trackUrl}',
      subject: 'Đã tiếp nhận phản ánh {code}',
      text:
        'Hệ thống PAKN TP.HCM đã tiếp nhận phản ánh của Quý vị, mã số {code}.\nTheo dõi kết quả xử lý tại: {trackUrl}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} received. Track it: {trackUrl}',
      subject: 'Report {code} received',
      text:
        'The HCMC feedback system has received your report, code {code}.\nFollow its progress at: {trackUrl}' +
        footerEn,
    },
  },
  report_assigned_unit: {
    slots: ['code'],
    optional: ['category', 'deadline'],
    vi: {
      sms: 'PAKN TP.HCM: Giao xử lý phản ánh {code}[ ({category})].[ Hạn xử lý: {deadline}.]',
      subject: 'Giao xử lý phản ánh {code}',
      text: 'Đơn vị được giao xử lý phản ánh {code}[, lĩnh vực {category}].[\nHạn xử lý: {deadline}.]' + footerVi,
    },
    en: {
      sms: 'HCMC feedback: new task, report {code}[ ({category})].[ Due: {deadline}.]',
      subject: 'New task: report {code}',
      text: 'Your unit has been assigned report {code}[, category {category}].[\nDue: {deadline}.]' + footerEn,
    },
  },
  report_reminder: {
    slots: ['code', 'deadline'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} sắp đến hạn xử lý ({deadline}). Đề nghị khẩn trương xử lý.',
      subject: 'Nhắc hạn xử lý phản ánh {code}',
      text:
        'Phản ánh {code} sắp đến hạn xử lý: {deadline}.\nĐề nghị đơn vị khẩn trương xử lý và cập nhật kết quả.' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} is due soon ({deadline}). Please act now.',
      subject: 'Reminder: report {code} is due soon',
      text: 'Report {code} is due at {deadline}.\nPlease handle it and publish the result.' + footerEn,
    },
  },
  report_overdue_escalation: {
    slots: ['level', 'code', 'deadline'],
    optional: ['unit'],
    vi: {
      sms: 'PAKN TP.HCM: Cảnh báo cấp {level}: phản ánh {code}[ ({unit})] quá hạn từ {deadline}.',
      subject: 'Cảnh báo cấp {level}: phản ánh {code} quá hạn',
      text: 'Phản ánh {code}[ do {unit} xử lý] đã quá hạn từ {deadline}.\nMức cảnh báo: cấp {level}.' + footerVi,
    },
    en: {
      sms: 'HCMC feedback: level {level} alert: report {code}[ ({unit})] overdue since {deadline}.',
      subject: 'Level {level} alert: report {code} is overdue',
      text:
        'Report {code}[, handled by {unit},] has been overdue since {deadline}.\nEscalation level: {level}.' + footerEn,
    },
  },
  report_resolved: {
    slots: ['code', 'trackUrl'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} đã có kết quả xử lý. Mời xem và đánh giá (1-5): {trackUrl}',
      subject: 'Phản ánh {code} đã có kết quả xử lý',
      text:
        'Phản ánh {code} của Quý vị đã có kết quả xử lý.\nMời Quý vị xem kết quả và đánh giá mức độ hài lòng (1-5 sao) tại: {trackUrl}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} has a result. Please view and rate it (1-5): {trackUrl}',
      subject: 'Report {code} has a result',
      text:
        'Your report {code} has been handled.\nPlease read the result and rate it from 1 to 5 at: {trackUrl}' +
        footerEn,
    },
  },
  report_reopened: {
    slots: ['code'],
    optional: ['deadline'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} được mở lại do người dân chưa hài lòng.[ Hạn xử lý mới: {deadline}.]',
      subject: 'Phản ánh {code} được mở lại',
      text:
        'Người phản ánh chưa hài lòng với kết quả, phản ánh {code} được mở lại.[\nHạn xử lý mới: {deadline}.]' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} reopened, the citizen is not satisfied.[ New due date: {deadline}.]',
      subject: 'Report {code} reopened',
      text:
        'The citizen is not satisfied with the result; report {code} has been reopened.[\nNew due date: {deadline}.]' +
        footerEn,
    },
  },
  report_withdrawn: {
    slots: ['code'],
    vi: {
      sms: 'PAKN TP.HCM: Người dân đã rút phản ánh {code}. Đơn vị dừng xử lý.',
      subject: 'Phản ánh {code} đã được rút',
      text: 'Người phản ánh đã rút phản ánh {code}. Đơn vị không cần tiếp tục xử lý.' + footerVi,
    },
    en: {
      sms: 'HCMC feedback: the citizen withdrew report {code}. No further action needed.',
      subject: 'Report {code} withdrawn',
      text: 'The citizen has withdrawn report {code}. Your unit need not handle it any further.' + footerEn,
    },
  },
  report_rejected: {
    slots: ['code', 'reason'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} không được tiếp nhận. Hướng dẫn: {reason}',
      subject: 'Phản ánh {code} không được tiếp nhận',
      text:
        'Phản ánh {code} của Quý vị không được tiếp nhận xử lý qua hệ thống PAKN.\nLý do và hướng dẫn: {reason}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} was not accepted. Guidance: {reason}',
      subject: 'Report {code} was not accepted',
      text:
        'Your report {code} cannot be handled through the feedback system.\nReason and guidance: {reason}' + footerEn,
    },
  },
  calendar_provisional: {
    slots: ['year'],
    vi: {
      sms: 'PAKN TP.HCM: Lịch làm việc năm {year} vẫn là lịch tạm tính. Đề nghị nhập lịch chính thức theo quyết định của Chính phủ.',
      subject: 'Lịch làm việc năm {year} vẫn là lịch tạm tính',
      text:
        'Lịch làm việc năm {year} đang được tính tạm theo Bộ luật Lao động. Khi Chính phủ công bố lịch nghỉ, ngày hoán đổi và ngày làm bù, đề nghị nhập lịch chính thức trên trang quản trị để thời hạn xử lý được tính đúng.' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: the {year} working calendar is still provisional. Please enter the official one.',
      subject: 'The {year} working calendar is still provisional',
      text:
        "The {year} working calendar is computed provisionally from the Labour Code. When the government publishes the year's holidays, swapped days and make-up days, please enter the official calendar on the admin pages so that deadlines count correctly." +
        footerEn,
    },
  },
  directive_issued: {
    slots: ['count', 'due', 'instruction'],
    vi: {
      sms: 'PAKN TP.HCM: Lãnh đạo chỉ đạo xử lý {count} phản ánh, hạn {due}. Nội dung: {instruction}',
      subject: 'Chỉ đạo của lãnh đạo: {count} phản ánh, hạn {due}',
      text:
        'Lãnh đạo Thành phố chỉ đạo đơn vị xử lý {count} phản ánh, hạn hoàn thành {due}.\nNội dung chỉ đạo: {instruction}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: leader directive on {count} reports, due {due}. Instruction: {instruction}',
      subject: 'Leader directive: {count} reports, due {due}',
      text:
        'A city leader directs your unit to handle {count} reports by {due}.\nInstruction: {instruction}' + footerEn,
    },
  },
  directive_reminder: {
    slots: ['count', 'due', 'instruction'],
    vi: {
      sms: 'PAKN TP.HCM: Nhắc chỉ đạo: còn {count} phản ánh chưa hoàn thành, hạn {due}. Nội dung: {instruction}',
      subject: 'Nhắc chỉ đạo: còn {count} phản ánh chưa hoàn thành, hạn {due}',
      text:
        'Đơn vị còn {count} phản ánh theo chỉ đạo của lãnh đạo chưa hoàn thành, hạn {due}.\nNội dung chỉ đạo: {instruction}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: directive reminder: {count} reports not done yet, due {due}. Instruction: {instruction}',
      subject: 'Directive reminder: {count} reports not done yet, due {due}',
      text:
        'Your unit still has {count} reports under a leader directive to finish by {due}.\nInstruction: {instruction}' +
        footerEn,
    },
  },
  directive_overdue: {
    slots: ['level', 'count', 'due', 'units', 'instruction'],
    vi: {
      sms: 'PAKN TP.HCM: Cảnh báo cấp {level}: chỉ đạo quá hạn {due}, còn {count} phản ánh chưa hoàn thành ({units}). Nội dung: {instruction}',
      subject: 'Cảnh báo cấp {level}: chỉ đạo quá hạn, còn {count} phản ánh chưa hoàn thành',
      text:
        'Chỉ đạo của lãnh đạo đã quá hạn {due}, còn {count} phản ánh chưa hoàn thành.\nĐơn vị: {units}.\nMức cảnh báo: cấp {level}.\nNội dung chỉ đạo: {instruction}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: level {level} alert: directive overdue since {due}, {count} reports not done ({units}). Instruction: {instruction}',
      subject: 'Level {level} alert: directive overdue, {count} reports not done',
      text:
        'A leader directive passed its due time {due} with {count} reports not done.\nUnits: {units}.\nEscalation level: {level}.\nInstruction: {instruction}' +
        footerEn,
    },
  },
  weekly_summary: {
    slots: [
      'week',
      'scope',
      'scopeName',
      'received',
      'resolved',
      'onTime',
      'late',
      'open',
      'overdue',
      'rating',
      'table',
    ],
    optional: ['worst'],
    vi: {
      sms: 'PAKN TP.HCM tuần {week} ({scope}): tiếp nhận {received}, giải quyết {resolved} (đúng hạn {onTime}, trễ hạn {late}), đang xử lý {open}, quá hạn {overdue}, hài lòng {rating}.[ Trễ/quá hạn nhiều nhất: {worst}.]',
      subject: 'Báo cáo PAKN tuần {week}: {scopeName}',
      text: 'Tổng hợp phản ánh, kiến nghị tuần {week} – {scopeName}.\n\n{table}' + footerVi,
    },
    en: {
      sms: 'HCMC feedback week {week} ({scope}): received {received}, resolved {resolved} (on time {onTime}, late {late}), open {open}, overdue {overdue}, rating {rating}.[ Most late/overdue: {worst}.]',
      subject: 'Feedback report, week {week}: {scopeName}',
      text: 'Reports and petitions, week {week} – {scopeName}.\n\n{table}' + footerEn,
    },
  },
} as const satisfies Record<string, Template>;

export type TemplateName = keyof typeof templates;
export const templateNames = Object.keys(templates) as TemplateName[];

const hcmcTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});

/** An instant as 'HH:mm dd/MM/yyyy' in Asia/Ho_Chi_Minh. */
export function formatHcmcTime(at: Date | string | number): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(at)}`);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    hcmcTime.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

const slotPattern = /\{(\w+)\}/g;

/** Drops each [section] whose slots are not all given, then fills the {slots} in one pass. */
function fill(pattern: string, values: Record<string, string>): string {
  return pattern
    .replace(/\[([^[\]]*)\]/g, (_, section: string) =>
      [...section.matchAll(slotPattern)].every((m) => m[1] in values) ? section : '',
    )
    .replace(slotPattern, (_, slot: string) => values[slot] ?? '');
}

const given = (value: SlotValue | undefined | null) =>
  value !== undefined && value !== null && String(value).trim() !== '';

/** Renders one template; throws on a missing slot so a template mismatch fails loudly. */
export function renderMessage(
  template: TemplateName,
  slots: Record<string, SlotValue>,
  lang: Lang = 'vi',
  smsSegments: number = maxSmsSegments,
): { smsText: string; emailSubject: string; emailText: string } {
  const definition: Template = templates[template];
  if (!definition) throw new Error(`unknown message template "${template}"`);
  const missing = definition.slots.filter((slot) => !given(slots[slot]));
  if (missing.length) throw new Error(`message template "${template}" needs slot(s) ${missing.join(', ')}`);
  const values: Record<string, string> = {};
  for (const slot of [...definition.slots, ...(definition.optional ?? [])]) {
    const value = slots[slot];
    if (given(value)) values[slot] = timeSlots.has(slot) ? formatHcmcTime(value) : String(value).trim();
  }
  const texts = definition[lang];
  return {
    smsText: fitSms(toSmsText(fill(texts.sms, values)), smsSegments),
    emailSubject: fill(texts.subject, values).replace(/\s+/g, ' '),
    emailText: fill(texts.text, values),
  };
}
