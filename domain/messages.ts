// Notification templates. Aggregators only accept brandname SMS that match a pre-registered
// template, so each message type is one fixed text with {slots}; `templates` is also what an
// admin registers with the provider (a [bracketed] optional part means two registered variants).
// Pure: workflows and activities both render with it.
import { fitSms, toSmsText } from './smsText';

/** The languages of user-facing text: Vietnamese first, English on request. */
export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];
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
const timeSlots = new Set(['deadline', 'due', 'until', 'acceptDeadline']);

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
  report_reassigned: {
    slots: ['code', 'unit', 'reason'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} đã được điều chuyển sang {unit}. Đơn vị dừng xử lý. Lý do: {reason}',
      subject: 'Phản ánh {code} đã được điều chuyển',
      text:
        'Bộ phận điều phối đã điều chuyển phản ánh {code} sang {unit}. Đơn vị không cần tiếp tục xử lý.\nLý do: {reason}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} was moved to {unit}. No further action needed. Reason: {reason}',
      subject: 'Report {code} moved to another unit',
      text:
        'The coordination desk moved report {code} to {unit}. Your unit need not handle it any further.\nReason: {reason}' +
        footerEn,
    },
  },
  report_accept_late: {
    slots: ['code', 'acceptDeadline'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} đã quá hạn tiếp nhận ({acceptDeadline}) mà đơn vị chưa tiếp nhận. Đề nghị tiếp nhận ngay.',
      subject: 'Phản ánh {code} quá hạn tiếp nhận',
      text:
        'Phản ánh {code} đã quá hạn tiếp nhận ({acceptDeadline}) mà đơn vị chưa tiếp nhận.\nĐề nghị đơn vị tiếp nhận ngay hoặc chuyển trả nếu không thuộc thẩm quyền.' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} passed its acceptance deadline ({acceptDeadline}) without being accepted. Please accept it now.',
      subject: 'Report {code} not accepted in time',
      text:
        'Report {code} passed its acceptance deadline ({acceptDeadline}) and your unit has not accepted it.\nPlease accept it now, or transfer it if it is not within your remit.' +
        footerEn,
    },
  },
  extension_requested: {
    slots: ['code', 'unit', 'until', 'reason'],
    vi: {
      sms: 'PAKN TP.HCM: {unit} đề nghị gia hạn xử lý phản ánh {code} đến {until}. Lý do: {reason}',
      subject: 'Đề nghị gia hạn xử lý phản ánh {code}',
      text:
        '{unit} đề nghị gia hạn xử lý phản ánh {code} đến {until}.\nLý do: {reason}\nĐề nghị bộ phận điều phối xem xét, quyết định.' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: {unit} asks to extend report {code} until {until}. Reason: {reason}',
      subject: 'Extension requested for report {code}',
      text:
        '{unit} asks to extend the deadline of report {code} until {until}.\nReason: {reason}\nPlease decide on the request.' +
        footerEn,
    },
  },
  extension_approved: {
    slots: ['code', 'deadline'],
    optional: ['note'],
    vi: {
      sms: 'PAKN TP.HCM: Đề nghị gia hạn phản ánh {code} được chấp thuận. Hạn xử lý mới: {deadline}.[ Ghi chú: {note}]',
      subject: 'Chấp thuận gia hạn phản ánh {code} đến {deadline}',
      text:
        'Đề nghị gia hạn xử lý phản ánh {code} được chấp thuận.\nHạn xử lý mới: {deadline}.[\nGhi chú: {note}]' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: extension of report {code} approved. New due date: {deadline}.[ Note: {note}]',
      subject: 'Extension of report {code} approved until {deadline}',
      text:
        'The extension request for report {code} was approved.\nNew due date: {deadline}.[\nNote: {note}]' + footerEn,
    },
  },
  extension_refused: {
    slots: ['code', 'deadline', 'reason'],
    vi: {
      sms: 'PAKN TP.HCM: Đề nghị gia hạn phản ánh {code} không được chấp thuận, hạn xử lý giữ nguyên {deadline}. Lý do: {reason}',
      subject: 'Không chấp thuận gia hạn phản ánh {code}',
      text:
        'Đề nghị gia hạn xử lý phản ánh {code} không được chấp thuận.\nHạn xử lý giữ nguyên: {deadline}.\nLý do: {reason}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: extension of report {code} refused, the due date stays {deadline}. Reason: {reason}',
      subject: 'Extension of report {code} refused',
      text:
        'The extension request for report {code} was refused.\nThe due date stays: {deadline}.\nReason: {reason}' +
        footerEn,
    },
  },
  triage_needed: {
    slots: ['code', 'reason'],
    optional: ['deadline'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} cần điều phối.[ Hạn chuyển xử lý: {deadline}.] Lý do: {reason}',
      subject: 'Phản ánh {code} cần điều phối',
      text:
        'Phản ánh {code} cần bộ phận điều phối hướng dẫn, chuyển đơn vị có thẩm quyền xử lý.[\nHạn chuyển xử lý: {deadline}.]\nLý do: {reason}' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} needs triage.[ Route it by {deadline}.] Reason: {reason}',
      subject: 'Report {code} needs triage',
      text:
        'Report {code} needs the coordination desk to route it to the competent unit.[\nRoute it by {deadline}.]\nReason: {reason}' +
        footerEn,
    },
  },
  triage_reminder: {
    slots: ['code', 'deadline'],
    vi: {
      sms: 'PAKN TP.HCM: Phản ánh {code} đang chờ điều phối, hạn {deadline}. Đề nghị chuyển xử lý ngay.',
      subject: 'Nhắc hạn điều phối phản ánh {code}',
      text:
        'Phản ánh {code} vẫn đang chờ điều phối, hạn {deadline}.\nĐề nghị chuyển đơn vị có thẩm quyền xử lý ngay.' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: report {code} still awaits triage, due {deadline}. Please route it now.',
      subject: 'Reminder: report {code} awaits triage',
      text: 'Report {code} still awaits triage, due {deadline}.\nPlease route it to the competent unit now.' + footerEn,
    },
  },
  triage_overdue: {
    slots: ['code', 'deadline'],
    vi: {
      sms: 'PAKN TP.HCM: Cảnh báo: phản ánh {code} quá hạn điều phối từ {deadline}, chưa được chuyển xử lý.',
      subject: 'Cảnh báo: phản ánh {code} quá hạn điều phối',
      text:
        'Phản ánh {code} đã quá hạn điều phối từ {deadline} mà chưa được chuyển đơn vị có thẩm quyền xử lý.\nĐề nghị lãnh đạo bộ phận điều phối chỉ đạo xử lý.' +
        footerVi,
    },
    en: {
      sms: 'HCMC feedback: alert: report {code} has awaited triage past {deadline} and is still not routed.',
      subject: 'Alert: report {code} is overdue in triage',
      text:
        'Report {code} passed its triage deadline {deadline} and has not been routed.\nPlease see that the desk routes it.' +
        footerEn,
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
    optional: ['areaReceived', 'areaResolved', 'areaOverdue', 'worst'],
    vi: {
      sms: 'PAKN TP.HCM tuần {week} ({scope}) đơn vị xử lý: tiếp nhận {received}, giải quyết {resolved} (đúng hạn {onTime}, trễ hạn {late}), đang xử lý {open}, quá hạn {overdue}, hài lòng {rating}.[ Địa bàn: tiếp nhận {areaReceived}, giải quyết {areaResolved}, quá hạn {areaOverdue}.][ Trễ/quá hạn nhiều nhất: {worst}.]',
      subject: 'Báo cáo PAKN tuần {week}: {scopeName}',
      text: 'Tổng hợp phản ánh, kiến nghị tuần {week} – {scopeName}.\n\n{table}' + footerVi,
    },
    en: {
      sms: 'HCMC feedback week {week} ({scope}) handled by the units: received {received}, resolved {resolved} (on time {onTime}, late {late}), open {open}, overdue {overdue}, rating {rating}.[ Located in the ward: received {areaReceived}, resolved {areaResolved}, overdue {areaOverdue}.][ Most late/overdue: {worst}.]',
      subject: 'Feedback report, week {week}: {scopeName}',
      text: 'Reports and petitions, week {week} – {scopeName}.\n\n{table}' + footerEn,
    },
  },
} as const satisfies Record<string, Template>;

export type TemplateName = keyof typeof templates;
export const templateNames = Object.keys(templates) as TemplateName[];

// Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving, as domain/workingTime counts too), so
// local time is a fixed shift: no Intl formatter per call on pages that show a hundred times.
const hcmcOffsetMs = 7 * 3_600_000;
const twoDigits = (n: number) => String(n).padStart(2, '0');

/** An instant as 'HH:mm dd/MM/yyyy' in Asia/Ho_Chi_Minh. */
export function formatHcmcTime(at: Date | string | number): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(at)}`);
  const local = new Date(date.getTime() + hcmcOffsetMs);
  return (
    `${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())} ` +
    `${twoDigits(local.getUTCDate())}/${twoDigits(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`
  );
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
  lang: Language = 'vi',
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
