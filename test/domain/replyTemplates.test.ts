// Reply templates' variables: what a saved text may use, and how it is filled from a report.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  renderReplyTemplate,
  replyTemplateProblems,
  replyTemplateValues,
  replyTemplateVariableNames,
  type ReplyTemplateValues,
} from '../../domain/replyTemplates';

const values: ReplyTemplateValues = {
  ma_phan_anh: 'PA26-000123',
  ten_don_vi: 'UBND phường Sài Gòn',
  linh_vuc: 'Rác thải, vệ sinh môi trường',
  ngay_tiep_nhan: '05/12/2026',
  dia_chi: '12 Lê Lợi',
  han_xu_ly: '17:00 19/12/2026',
};

describe('reply template variables', () => {
  it('when a text uses only known variables, with or without spaces inside the braces, then it has no problem', () => {
    expect(replyTemplateProblems('Phản ánh {{ma_phan_anh}} tại {{ dia_chi }} đã xử lý.')).toEqual([]);
    expect(replyTemplateProblems('Không có biến nào, chỉ [ghi chú] và {dấu ngoặc}.')).toEqual([]);
  });

  it('when a text names an unknown variable, then the problem names it once, and the known ones', () => {
    const problems = replyTemplateProblems('Kính gửi {{ho_ten}} ({{ho_ten}}), {{so_dien_thoai}}: {{ma_phan_anh}}');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('{{ho_ten}}');
    expect(problems[0]).toContain('{{ma_phan_anh}}');
    expect(problems[1]).toContain('{{so_dien_thoai}}');
  });

  it('when braces are left open or hold no name, then the text is refused', () => {
    expect(replyTemplateProblems('Phản ánh {{ma_phan_anh đã xử lý')).toHaveLength(1);
    expect(replyTemplateProblems('Phản ánh ma_phan_anh}} đã xử lý')).toHaveLength(1);
    expect(replyTemplateProblems('Trống {{}}')[0]).toContain('{{}}');
  });

  it("when the variables are listed, then none of them is the reporter's name or contact", () => {
    expect(replyTemplateVariableNames.sort()).toEqual(
      ['dia_chi', 'han_xu_ly', 'linh_vuc', 'ma_phan_anh', 'ngay_tiep_nhan', 'ten_don_vi'].sort(),
    );
  });

  it('when a text is rendered, then each variable is replaced and everything else is kept as written', () => {
    expect(
      renderReplyTemplate('{{ten_don_vi}} trả lời {{ma_phan_anh}} ({{ ngay_tiep_nhan }}), hạn {{han_xu_ly}}.', values),
    ).toBe('UBND phường Sài Gòn trả lời PA26-000123 (05/12/2026), hạn 17:00 19/12/2026.');
    expect(renderReplyTemplate('{{khong_co}} {{ma_phan_anh}}', values)).toBe('{{khong_co}} PA26-000123');
  });

  test.prop([fc.string(), fc.constantFrom(...replyTemplateVariableNames)])(
    'when a value itself looks like a variable, then it is not expanded again',
    (text, name) => {
      const looping = { ...values, [name]: `{{${name}}}${text}` };
      expect(renderReplyTemplate(`{{${name}}}`, looping)).toBe(`{{${name}}}${text}`);
    },
  );

  it("when a report's values are made, then dates are in Ho Chi Minh City time and missing ones show a dash", () => {
    const made = replyTemplateValues({
      code: 'PA26-000001',
      unitName: 'UBND phường Sài Gòn',
      categoryName: null,
      // 23:30 UTC on 4 December is 06:30 on 5 December in Ho Chi Minh City
      submittedAt: new Date('2026-12-04T23:30:00Z'),
      address: '  ',
      deadlineAt: new Date('2026-12-18T10:00:00Z'),
    });
    expect(made).toEqual({
      ma_phan_anh: 'PA26-000001',
      ten_don_vi: 'UBND phường Sài Gòn',
      linh_vuc: '—',
      ngay_tiep_nhan: '05/12/2026',
      dia_chi: '—',
      han_xu_ly: '17:00 18/12/2026',
    });
    expect(replyTemplateValues({ ...baseReport, deadlineAt: null }).han_xu_ly).toBe('—');
  });
});

const baseReport = {
  code: 'PA26-000002',
  unitName: null,
  categoryName: null,
  submittedAt: new Date('2026-01-02T03:00:00Z'),
  address: null,
  deadlineAt: null,
};
