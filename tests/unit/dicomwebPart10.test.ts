import { describe, expect, it } from 'vitest';
import { hasPart10Marker, readPart10Header } from '../../viewer/dicomweb/part10';

/** Explicit VR little endian element: tag, VR, length (2 or 4 bytes after 2 reserved), value. */
function element(group: number, elementNumber: number, vr: string, bytes: number[]): number[] {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const head = [group & 0xff, group >> 8, elementNumber & 0xff, elementNumber >> 8, vr.charCodeAt(0), vr.charCodeAt(1)];
  const length = bytes.length;
  return long
    ? [...head, 0, 0, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24, ...bytes]
    : [...head, length & 0xff, length >> 8, ...bytes];
}

function uid(text: string): number[] {
  const bytes = [...text].map((char) => char.charCodeAt(0));
  return bytes.length % 2 ? [...bytes, 0] : bytes;
}

/** A minimal Part 10 file: preamble, DICM, a meta group with the given UIDs, then one dataset element. */
function part10({ sopInstanceUID = '1.2.3.4', transferSyntaxUID = '1.2.840.10008.1.2.1' } = {}): Uint8Array {
  const meta = [
    ...element(2, 0x0001, 'OB', [0, 1]),
    ...element(2, 0x0002, 'UI', uid('1.2.840.10008.5.1.4.1.1.2')),
    ...(sopInstanceUID ? element(2, 0x0003, 'UI', uid(sopInstanceUID)) : []),
    ...(transferSyntaxUID ? element(2, 0x0010, 'UI', uid(transferSyntaxUID)) : []),
  ];
  const dataset = element(8, 0x0060, 'CS', uid('CT'));
  return new Uint8Array([...new Array(128).fill(0), 0x44, 0x49, 0x43, 0x4d, ...meta, ...dataset]);
}

describe('readPart10Header', () => {
  it('reads SOP class, SOP instance and transfer syntax from the file meta information', () => {
    expect(readPart10Header(part10())).toEqual({
      ok: true,
      value: { sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '1.2.3.4', transferSyntaxUID: '1.2.840.10008.1.2.1' },
    });
  });

  it('reads a file that sits in the middle of a larger buffer', () => {
    const file = part10({ sopInstanceUID: '9.8.7' });
    const larger = new Uint8Array(file.length + 20);
    larger.set(file, 10);
    const header = readPart10Header(larger.subarray(10, 10 + file.length));
    expect(header.ok && header.value.sopInstanceUID).toBe('9.8.7');
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'not a DICOM file'],
    ['a file without the DICM marker', new Uint8Array(300), 'not a DICOM file'],
    ['a meta group without a SOP Instance UID', part10({ sopInstanceUID: '' }), 'no SOP Instance UID'],
    ['a meta group without a transfer syntax', part10({ transferSyntaxUID: '' }), 'no transfer syntax'],
    ['a meta group cut short', part10().subarray(0, 150), 'cut short'],
  ])('refuses %s', (_case, bytes, reason) => {
    const header = readPart10Header(bytes);
    expect(header.ok).toBe(false);
    if (!header.ok) expect(header.reason).toContain(reason);
  });

  it('refuses a meta group whose VR is not two capital letters', () => {
    const bytes = part10();
    bytes[132 + 4] = 0x01;
    const header = readPart10Header(bytes);
    expect(!header.ok && header.reason).toContain('damaged');
  });
});

describe('hasPart10Marker', () => {
  it('sees DICM after the 128-byte preamble', () => {
    expect(hasPart10Marker(part10())).toBe(true);
  });

  it('does not see DICM at the start of the file', () => {
    expect(hasPart10Marker(new Uint8Array([0x44, 0x49, 0x43, 0x4d, ...new Array(200).fill(0)]))).toBe(false);
  });
});
