// The one masker of public free text: examples from the hardening issue, and properties over
// generated phones, e-mails, identity numbers and names written inside Vietnamese sentences.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { maskPersonalData } from '../../domain/redact';
import { personalData, sentenceAround, digitsOf, foldName } from './personalDataArbitraries';

describe('masking personal data in public text', () => {
  it('when a reporter typed their contacts and name, then all are masked', () => {
    expect(
      maskPersonalData(
        'Tôi là Nguyễn  Văn Bình (0912.345.678, binh@example.com), nguyễn văn bình xin phản ánh',
        'Nguyễn Văn Bình',
      ),
    ).toBe('Tôi là [name] ([phone], [email]), [name] xin phản ánh');
  });

  it('when the name holds regular-expression characters or is missing, then the text is still handled safely', () => {
    expect(maskPersonalData('A (B) gọi +84 912 345 678', 'A (B)')).toBe('[name] gọi [phone]');
    expect(maskPersonalData('Không có tên', null)).toBe('Không có tên');
    expect(maskPersonalData('x y', 'x')).toBe('x y');
  });

  it('when the name is written in decomposed unicode or without diacritics, then it is still found', () => {
    expect(maskPersonalData('Tôi là Bi\u0300nh', 'Bình')).toBe('Tôi là [name]');
    expect(maskPersonalData('Toi la LE THI HOA.', 'Lê Thị Hoa')).toBe('Toi la [name].');
  });

  it('when the issue’s examples are masked, then no phone, ID or name is left', () => {
    expect(maskPersonalData('Nhà ông Nguyễn Văn Tư, ĐT 0903111222', 'Nguyễn Văn Tư')).toBe(
      'Nhà ông [name], ĐT [phone]',
    );
    expect(maskPersonalData('Gọi (+84) 903-111-222, 0903.111.222 hoặc 84 903 111 222')).toBe(
      'Gọi [phone], [phone] hoặc [phone]',
    );
    expect(maskPersonalData('CCCD 079203012349, CMND 025123456')).toBe('CCCD [id], CMND [id]');
    expect(maskPersonalData('Bàn (028) 3829 1234')).toBe('Bàn [phone]');
  });

  it('when the text holds amounts, dates, house numbers and codes, then they are left alone', () => {
    const text = 'Ngày 2026-12-04T08:00:00+07:00, số 12/34 Lê Lợi, phạt 1.500.000.000 đồng, mã PA26-000123';
    expect(maskPersonalData(text, 'Trần Văn An')).toBe(text);
  });

  test.prop([personalData, fc.string({ maxLength: 20 })])(
    'when personal data is written inside a Vietnamese sentence, then none of it is left',
    (item, noise) => {
      const masked = maskPersonalData(sentenceAround(item.written, noise), item.reporterName);
      if (item.kind === 'name') expect(foldName(masked)).not.toContain(foldName(item.secret));
      else if (item.kind === 'email') expect(masked).not.toContain(item.secret);
      else expect(digitsOf(masked)).not.toContain(item.secret);
    },
  );
});
