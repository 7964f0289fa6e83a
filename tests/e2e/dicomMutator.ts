import * as dicomParser from 'dicom-parser';

/** VRs whose explicit-VR header has a 4-byte length after two reserved bytes (PS3.5 7.1.2). */
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

function tagKey(group: number, element: number): string {
  return `x${group.toString(16).padStart(4, '0')}${element.toString(16).padStart(4, '0')}`;
}

function parse(bytes: Uint8Array): dicomParser.DataSet {
  return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' } as dicomParser.ParseDicomOptions);
}

/** Whether the dataset (after the file meta) is implicit VR little endian. */
function isImplicit(ds: dicomParser.DataSet): boolean {
  return (ds.string('x00020010') ?? '').trim() === '1.2.840.10008.1.2';
}

/**
 * A copy of a little-endian Part 10 file with one element's value replaced (the element is added when absent is NOT
 * supported: it must exist). The length field is rewritten; the value is padded to even length with `pad`.
 */
export function replaceValue(bytes: Uint8Array, tag: readonly [number, number], value: Uint8Array, pad = 0x20): Uint8Array {
  const ds = parse(bytes);
  const element = ds.elements[tagKey(tag[0], tag[1])];
  if (!element) throw new Error(`no element ${tagKey(tag[0], tag[1])} to replace`);
  const padded = value.length % 2 ? Uint8Array.from([...value, pad]) : value;
  const implicit = isImplicit(ds) && tag[0] !== 0x0002;
  const vr = element.vr ?? '';
  const lengthBytes = implicit || LONG_LENGTH_VRS.has(vr) ? 4 : 2;
  if (lengthBytes === 2 && padded.length > 0xffff) throw new Error(`value too long for a 2-byte length (${vr})`);
  const out = new Uint8Array(bytes.length - element.length + padded.length);
  out.set(bytes.subarray(0, element.dataOffset), 0);
  out.set(padded, element.dataOffset);
  out.set(bytes.subarray(element.dataOffset + element.length), element.dataOffset + padded.length);
  const view = new DataView(out.buffer);
  if (lengthBytes === 4) view.setUint32(element.dataOffset - 4, padded.length, true);
  else view.setUint16(element.dataOffset - 2, padded.length, true);
  return out;
}

/** A copy with a text element (DS, LO, UI…) set to `text` (UIDs are padded with NUL, other text with spaces). */
export function replaceString(bytes: Uint8Array, tag: readonly [number, number], text: string): Uint8Array {
  const encoded = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  const ds = parse(bytes);
  const vr = ds.elements[tagKey(tag[0], tag[1])]?.vr;
  return replaceValue(bytes, tag, encoded, vr === 'UI' ? 0 : 0x20);
}

/** A copy with a US element (Rows, BitsAllocated…) set in place. */
export function replaceUint16(bytes: Uint8Array, tag: readonly [number, number], value: number): Uint8Array {
  const out = bytes.slice();
  const element = parse(out).elements[tagKey(tag[0], tag[1])];
  if (!element) throw new Error(`no element ${tagKey(tag[0], tag[1])}`);
  new DataView(out.buffer).setUint16(element.dataOffset, value & 0xffff, true);
  return out;
}

/** The string value of an element, or '' (for reading UIDs to derive new ones). */
export function readString(bytes: Uint8Array, tag: readonly [number, number]): string {
  return (parse(bytes).string(tagKey(tag[0], tag[1])) ?? '').trim();
}

export const TAGS = {
  mediaStorageSopInstanceUid: [0x0002, 0x0003],
  transferSyntaxUid: [0x0002, 0x0010],
  specificCharacterSet: [0x0008, 0x0005],
  sopInstanceUid: [0x0008, 0x0018],
  seriesDescription: [0x0008, 0x103e],
  patientName: [0x0010, 0x0010],
  seriesInstanceUid: [0x0020, 0x000e],
  instanceNumber: [0x0020, 0x0013],
  imagePositionPatient: [0x0020, 0x0032],
  imageOrientationPatient: [0x0020, 0x0037],
  samplesPerPixel: [0x0028, 0x0002],
  photometricInterpretation: [0x0028, 0x0004],
  numberOfFrames: [0x0028, 0x0008],
  rows: [0x0028, 0x0010],
  columns: [0x0028, 0x0011],
  pixelSpacing: [0x0028, 0x0030],
  bitsAllocated: [0x0028, 0x0100],
  bitsStored: [0x0028, 0x0101],
  highBit: [0x0028, 0x0102],
  pixelRepresentation: [0x0028, 0x0103],
} as const satisfies Record<string, readonly [number, number]>;

/** A copy with new SOP Instance UID (file meta and dataset) and, when given, a new Series Instance UID. */
export function withNewIdentity(bytes: Uint8Array, sopInstanceUid: string, seriesInstanceUid?: string): Uint8Array {
  let out = replaceString(bytes, TAGS.mediaStorageSopInstanceUid, sopInstanceUid);
  // The file meta group length (0002,0000) counts the meta elements' bytes: keep it right after the change.
  const meta = parse(out);
  const groupLength = meta.elements.x00020000;
  if (groupLength) {
    const end = Object.values(meta.elements).filter((e) => e.tag.startsWith('x0002')).reduce((m, e) => Math.max(m, e.dataOffset + e.length), 0);
    new DataView(out.buffer).setUint32(groupLength.dataOffset, end - (groupLength.dataOffset + 4), true);
  }
  out = replaceString(out, TAGS.sopInstanceUid, sopInstanceUid);
  if (seriesInstanceUid) out = replaceString(out, TAGS.seriesInstanceUid, seriesInstanceUid);
  return out;
}
