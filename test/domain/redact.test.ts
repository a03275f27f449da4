import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../domain/redact';

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

  it('when the name is written in decomposed unicode, then it is still found', () => {
    expect(maskPersonalData('Tôi là Bi\u0300nh', 'Bình')).toBe('Tôi là [name]');
  });
});
