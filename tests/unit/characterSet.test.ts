import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDicomText } from '../../viewer/loading/characterSet';
import { parseInstance } from '../../viewer/loading/parseInstance';

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/**
 * Patient names with their bytes: the examples of PS3.5 Annex H (Japanese), I (Korean), J (UTF-8, GB18030) and K
 * (GB2312), and the single-byte names of the dclunie/pydicom character set test files (chrFren, chrGreek…).
 */
describe('decodeDicomText', () => {
  it.each<[string, string, string]>([
    ['', '4275635e4a6572f46d65', 'Buc^Jerôme'],
    ['ISO_IR 6', '5961 6d61 6461', 'Yamada'],
    ['ISO_IR 100', '4275635e4ae972f46d65', 'Buc^Jérôme'],
    ['ISO_IR 100', 'c46e6561735e52fc646967657220', 'Äneas^Rüdiger '],
    ['ISO_IR 101', '4eec6d65e8656b', 'Němeček'],
    ['ISO_IR 126', 'c4e9efedf5f3e9eff2', 'Διονυσιος'],
    ['ISO_IR 127', 'e2c8c7e6ea5ee4e6d2c7d1', 'قباني^لنزار'],
    ['ISO_IR 138', 'f9f8e5ef5ee3e1e5f8e4', 'שרון^דבורה'],
    ['ISO_IR 144', 'bbeeda6365dcd17970d3', 'Люкceмбypг'],
    ['ISO_IR 148', 'c7616bfd72', 'Çakır'],
    ['ISO_IR 166', 'cac1d2b9', 'สมาน'],
    ['ISO_IR 203', 'a4', '€'],
    ['ISO_IR 192', '57616e675e5869616f446f6e673de78e8b5ee5b08fe69db13d', 'Wang^XiaoDong=王^小東='],
    ['GB18030', '57616e675e5869616f446f6e673dcdf55ed0a1b6ab3d', 'Wang^XiaoDong=王^小东='],
    ['GBK', 'cdf55ed0a1b6ab', '王^小东'],
    ['ISO_IR 13', 'd4cfc0de5ec0dbb3', 'ﾔﾏﾀﾞ^ﾀﾛｳ'],
    ['\\ISO 2022 IR 87',
      '59616d6164615e5461726f753d1b24423b3345441b28425e1b244242404f3a1b28423d1b24422464245e24401b28425e1b2442243f246d24261b2842',
      'Yamada^Tarou=山田^太郎=やまだ^たろう'],
    ['ISO 2022 IR 13\\ISO 2022 IR 87',
      'd4cfc0de5ec0dbb33d1b24423b3345441b284a5e1b244242404f3a1b284a3d1b24422464245e24401b284a5e1b2442243f246d24261b284a',
      'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう'],
    ['\\ISO 2022 IR 87\\ISO 2022 IR 159', '1b2428443021 1b2842', '丂'],
    ['\\ISO 2022 IR 149',
      '486f6e675e47696c646f6e673d1b242943fbf35e1b242943d1ced4d73d1b242943c8ab5e1b242943b1e6b5bf',
      'Hong^Gildong=洪^吉洞=홍^길동'],
    ['\\ISO 2022 IR 149', '1b242943b1e8c8f1c1df1b2842', '김희중'],
    ['\\ISO 2022 IR 58', '5a68616e675e5869616f446f6e673d1b242941d5c55e1b242941d0a1b6ab3d', 'Zhang^XiaoDong=张^小东='],
    ['ISO 2022 IR 100', '4275635e4ae972f46d65', 'Buc^Jérôme'],
    ['\\ISO 2022 IR 144', '1b2d4cbbeeda', 'Люк'],
  ])('decodes a name in "%s"', (charset, bytes, expected) => {
    expect(decodeDicomText(hex(bytes), charset, { isPersonName: true })).toBe(expected);
  });

  it('returns to the first character set after a component delimiter, as PS3.5 6.1.2.5.3 requires', () => {
    // The katakana G1 set of ISO 2022 IR 13 is active again after "=" even though JIS X 0208 was designated before it.
    expect(decodeDicomText(hex('1b2442 3b33 1b284a 3d d4'), 'ISO 2022 IR 13\\ISO 2022 IR 87', { isPersonName: true })).toBe('山=ﾔ');
  });

  it('keeps an unknown escape sequence from swallowing the text after it', () => {
    expect(decodeDicomText(hex('41 1b 7a 42'), '\\ISO 2022 IR 87')).toBe('Az' + 'B');
  });
});

const CHARSET_FILES = '/usr/lib/python3/dist-packages/pydicom/data/charset_files';

describe.skipIf(!existsSync(CHARSET_FILES))('parseInstance on the dclunie character set files shipped with pydicom', () => {
  it.each([
    ['chrH31.dcm', 'Yamada^Tarou=山田^太郎=やまだ^たろう'],
    ['chrH32.dcm', 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう'],
    ['chrI2.dcm', 'Hong^Gildong=洪^吉洞=홍^길동'],
    ['chrX1.dcm', 'Wang^XiaoDong=王^小東='],
    ['chrX2.dcm', 'Wang^XiaoDong=王^小东='],
    ['chrRuss.dcm', 'Люкceмбypг'],
    ['chrGreek.dcm', 'Διονυσιος'],
    ['chrFren.dcm', 'Buc^Jérôme'],
  ])('reads the patient name of %s as %s', (file, expected) => {
    const outcome = parseInstance(file, new Uint8Array(readFileSync(`${CHARSET_FILES}/${file}`)));
    expect(outcome.ok && outcome.meta.patientName).toBe(expected);
  });
});
