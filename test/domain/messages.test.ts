// Message templates: exact Vietnamese SMS texts (without diacritics), e-mails with diacritics,
// deadlines in Ho Chi Minh City time, optional parts, and every SMS within 2 GSM-7 parts.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { formatHcmcTime, renderMessage, templateNames, templates } from '../../domain/messages';
import { smsInfo } from '../../domain/smsText';

const code = 'PA-2025-000123';
const trackUrl = 'https://pakn.tphcm.gov.vn/r/PA-2025-000123';
const deadline = '2025-07-03T10:00:00Z'; // 17:00 in Ho Chi Minh City

describe('renderMessage', () => {
  it('when acknowledging a report, then the SMS is the registered text without diacritics', () => {
    const message = renderMessage('report_ack', { code, trackUrl });
    expect(message.smsText).toBe(`PAKN TP.HCM: Da tiep nhan phan anh ${code}. Tra cuu: ${trackUrl}`);
    expect(message.emailSubject).toBe(`Đã tiếp nhận phản ánh ${code}`);
    expect(message.emailText).toContain(`Hệ thống PAKN TP.HCM đã tiếp nhận phản ánh của Quý vị, mã số ${code}.`);
    expect(message.emailText).toContain(trackUrl);
  });

  it('when rendering each Vietnamese template, then the SMS texts are exactly these', () => {
    const sms = (name: Parameters<typeof renderMessage>[0], slots: Record<string, string | number>) =>
      renderMessage(name, slots).smsText;
    expect(sms('report_assigned_unit', { code, category: 'Hạ tầng đô thị', deadline })).toBe(
      `PAKN TP.HCM: Giao xu ly phan anh ${code} (Ha tang do thi). Han xu ly: 17:00 03/07/2025.`,
    );
    expect(sms('report_reminder', { code, deadline })).toBe(
      `PAKN TP.HCM: Phan anh ${code} sap den han xu ly (17:00 03/07/2025). De nghi khan truong xu ly.`,
    );
    expect(sms('report_overdue_escalation', { level: 2, code, unit: 'UBND phường Sài Gòn', deadline })).toBe(
      `PAKN TP.HCM: Canh bao cap 2: phan anh ${code} (UBND phuong Sai Gon) qua han tu 17:00 03/07/2025.`,
    );
    expect(sms('report_resolved', { code, trackUrl })).toBe(
      `PAKN TP.HCM: Phan anh ${code} da co ket qua xu ly. Moi xem va danh gia (1-5): ${trackUrl}`,
    );
    expect(sms('report_reopened', { code, deadline })).toBe(
      `PAKN TP.HCM: Phan anh ${code} duoc mo lai do nguoi dan chua hai long. Han xu ly moi: 17:00 03/07/2025.`,
    );
    expect(sms('report_withdrawn', { code })).toBe(
      `PAKN TP.HCM: Nguoi dan da rut phan anh ${code}. Don vi dung xu ly.`,
    );
    expect(sms('report_rejected', { code, reason: 'Khiếu nại xin gửi Ban Tiếp công dân.' })).toBe(
      `PAKN TP.HCM: Phan anh ${code} khong duoc tiep nhan. Huong dan: Khieu nai xin gui Ban Tiep cong dan.`,
    );
    expect(
      sms('directive_issued', {
        count: 12,
        due: Date.parse('2025-07-04T01:30:00Z'),
        instruction: 'Khắc phục ngập nước ngay.',
      }),
    ).toBe(
      'PAKN TP.HCM: Lanh dao chi dao xu ly 12 phan anh, han 08:30 04/07/2025. Noi dung: Khac phuc ngap nuoc ngay.',
    );
  });

  it('when an optional slot is missing or empty, then its [section] is left out', () => {
    expect(renderMessage('report_assigned_unit', { code, deadline: '' }).smsText).toBe(
      `PAKN TP.HCM: Giao xu ly phan anh ${code}.`,
    );
    expect(renderMessage('report_overdue_escalation', { level: 1, code, deadline }).emailText).toMatch(
      /^Phản ánh PA-2025-000123 đã quá hạn từ 17:00 03\/07\/2025\.\nMức cảnh báo: cấp 1\./,
    );
  });

  it('when asked for English, then renders the English texts', () => {
    expect(renderMessage('report_ack', { code, trackUrl }, 'en')).toMatchObject({
      smsText: `HCMC feedback: report ${code} received. Track it: ${trackUrl}`,
      emailSubject: `Report ${code} received`,
    });
  });

  it('when a required slot is missing, then throws naming it', () => {
    expect(() => renderMessage('report_reminder', { code })).toThrow(
      'message template "report_reminder" needs slot(s) deadline',
    );
  });

  it('when rendering any template with long realistic values, then every SMS is GSM-7 in at most 2 parts', () => {
    const slots = {
      code,
      trackUrl,
      deadline,
      due: deadline,
      until: deadline,
      acceptDeadline: deadline,
      note: 'Đồng ý gia hạn, đề nghị báo cáo tiến độ hằng tuần cho bộ phận điều phối. '.repeat(3),
      level: 3,
      year: 2027,
      count: 120,
      category: 'Trật tự xây dựng, lấn chiếm vỉa hè, lòng đường',
      unit: 'Ủy ban nhân dân phường Bình Hưng Hòa',
      reason:
        'Nội dung khiếu nại, tố cáo xin gửi theo Luật Khiếu nại, Luật Tố cáo tới Ban Tiếp công dân Thành phố. '.repeat(
          4,
        ),
      instruction: 'Khẩn trương khắc phục tình trạng ngập nước, báo cáo kết quả. '.repeat(8),
      units: 'P-SAIGON 12, SAWACO 7',
      week: '20/11-27/11',
      scope: 'HCM',
      scopeName: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
      received: 15000,
      resolved: 14000,
      onTime: 13000,
      late: 1000,
      open: 900,
      overdue: 120,
      rating: '4.1/5',
      table: '...',
      worst: 'P-SAIGON 12, SAWACO 7',
    };
    for (const lang of ['vi', 'en'] as const) {
      for (const name of templateNames) {
        const info = smsInfo(renderMessage(name, slots, lang).smsText);
        expect(info.encoding, `${name}/${lang}`).toBe('GSM-7');
        expect(info.segments, `${name}/${lang}`).toBeLessThanOrEqual(2);
      }
    }
    expect(renderMessage('directive_issued', slots).smsText).toMatch(/\.\.\.$/);
  });

  it('when listing templates, then each has both languages and declares every slot its texts use', () => {
    for (const name of templateNames) {
      const definition = templates[name] as {
        slots: readonly string[];
        optional?: readonly string[];
        vi: object;
        en: object;
      };
      const declared = new Set([...definition.slots, ...(definition.optional ?? [])]);
      const used =
        JSON.stringify([definition.vi, definition.en])
          .match(/\{(\w+)\}/g)
          ?.map((s) => s.slice(1, -1)) ?? [];
      expect(new Set(used), name).toEqual(declared);
    }
  });
});

describe('formatHcmcTime', () => {
  it('when given UTC instants, then shows Ho Chi Minh City time (UTC+7) as HH:mm dd/MM/yyyy', () => {
    expect(formatHcmcTime('2025-12-31T17:05:00Z')).toBe('00:05 01/01/2026');
    expect(formatHcmcTime(Date.UTC(2025, 6, 1, 0, 0))).toBe('07:00 01/07/2025');
    expect(formatHcmcTime(new Date('2025-07-01T16:59:00Z'))).toBe('23:59 01/07/2025');
  });

  // The time-zone database is the reference: the fixed UTC+7 shift must agree with it on every instant.
  const hcmcByIntl = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    ...{ hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' },
  } as const);
  test.prop([fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })])(
    'when given any instant from 1990 to 2100, then agrees with the time-zone database',
    (ms) => {
      const part = Object.fromEntries(hcmcByIntl.formatToParts(ms).map((p) => [p.type, p.value]));
      expect(formatHcmcTime(ms)).toBe(`${part.hour}:${part.minute} ${part.day}/${part.month}/${part.year}`);
    },
  );

  it('when given something that is not a date, then throws', () => {
    expect(() => formatHcmcTime('soon')).toThrow('not a date');
  });
});
