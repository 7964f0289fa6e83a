import * as dicomParser from 'dicom-parser';
import { inflateRaw } from 'pako';
import type { FramePlane, InstanceKind, InstanceMeta, Orientation6, Vec3 } from './instanceMeta';

export type ParseOutcome =
  | { ok: true; meta: InstanceMeta; warnings: string[] }
  | { ok: false; message: string };

const DEFLATED_EXPLICIT_LE = '1.2.840.10008.1.2.1.99';
const SR_SOP_CLASS_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';
const SEG_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';
const PDF_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.104.1';
const PRESENTATION_STATE_PREFIX = '1.2.840.10008.5.1.4.1.1.11.';
/** Projection radiography SOP classes (CR, DX, MG, IO, XA, RF): spacing there is at the detector unless calibrated. */
const PROJECTION_SOP_CLASS_PREFIXES = ['1.2.840.10008.5.1.4.1.1.1', '1.2.840.10008.5.1.4.1.1.12.'];

export function isProjectionSopClass(sopClassUID: string): boolean {
  return PROJECTION_SOP_CLASS_PREFIXES.some((prefix) => sopClassUID === prefix || sopClassUID.startsWith(`${prefix}.`));
}

/**
 * Patient-plane calibration of an image (DICOM PS3.3 C.8.11.4, C.7.6.2.1.1): a projection image's PixelSpacing counts
 * only with a PixelSpacingCalibrationType or when it differs from ImagerPixelSpacing (a magnification correction).
 */
export function calibrationOf(
  sopClassUID: string,
  pixelSpacingMm: readonly [number, number] | null,
  imagerPixelSpacingMm: readonly [number, number] | null,
  calibrationType: string,
): InstanceMeta['calibration'] {
  if (!pixelSpacingMm) return imagerPixelSpacingMm ? 'detector' : 'none';
  if (!isProjectionSopClass(sopClassUID) || calibrationType) return 'calibrated';
  const copiesDetector = imagerPixelSpacingMm !== null
    && Math.abs(pixelSpacingMm[0] - imagerPixelSpacingMm[0]) < 1e-6 && Math.abs(pixelSpacingMm[1] - imagerPixelSpacingMm[1]) < 1e-6;
  return copiesDetector ? 'detector' : 'calibrated';
}

/** Which kind of object a SOP class is; only images go to a viewport. */
export function kindOfSopClass(sopClassUID: string, hasPixelData: boolean): InstanceKind {
  if (sopClassUID.startsWith(SR_SOP_CLASS_PREFIX)) return 'sr';
  if (sopClassUID === SEG_SOP_CLASS) return 'seg';
  if (sopClassUID === PDF_SOP_CLASS) return 'pdf';
  if (sopClassUID.startsWith(PRESENTATION_STATE_PREFIX)) return 'presentation-state';
  return hasPixelData ? 'image' : 'other';
}

/** Deflated transfer syntax: dicom-parser asks for the inflated dataset bytes. */
function inflater(byteArray: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRaw(byteArray.subarray(position));
  const out = new Uint8Array(position + inflated.length);
  out.set(byteArray.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
}

function describeParseError(raw: unknown): string {
  const text = typeof raw === 'string' ? raw
    : raw instanceof Error ? raw.message
    : typeof raw === 'object' && raw !== null && 'exception' in raw ? String((raw as { exception: unknown }).exception)
    : String(raw);
  if (/DICM prefix not found/i.test(text)) {
    return 'not a DICOM Part 10 file (no "DICM" marker at byte 128); if it is a raw DICOM dataset without a file header, export it again from the source system';
  }
  if (/overread|buffer|end of|truncat/i.test(text)) {
    return `the file is truncated or corrupt (${text.replace(/^dicomParser\.\w+: /, '')})`;
  }
  if (/transfer syntax/i.test(text)) return `unsupported or missing transfer syntax (${text})`;
  return `could not be read as DICOM (${text})`;
}

function numbers(ds: dicomParser.DataSet, tag: string): number[] {
  const count = ds.numStringValues(tag) ?? 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = ds.floatString(tag, i);
    if (v === undefined || !Number.isFinite(v)) return [];
    out.push(v);
  }
  return out;
}

function vec3(ds: dicomParser.DataSet | undefined, tag: string): Vec3 | null {
  if (!ds) return null;
  const v = numbers(ds, tag);
  return v.length === 3 ? [v[0], v[1], v[2]] : null;
}

function orientation(ds: dicomParser.DataSet | undefined): Orientation6 | null {
  if (!ds) return null;
  const v = numbers(ds, 'x00200037');
  if (v.length !== 6) return null;
  const rowLen = Math.hypot(v[0], v[1], v[2]);
  const colLen = Math.hypot(v[3], v[4], v[5]);
  if (rowLen < 0.5 || colLen < 0.5) return null;
  // Normalise: some writers round cosines to a few digits.
  return [v[0] / rowLen, v[1] / rowLen, v[2] / rowLen, v[3] / colLen, v[4] / colLen, v[5] / colLen];
}

/** A positive spacing pair in mm, or null when absent, zero or malformed (e.g. "0\0"). */
function spacing(ds: dicomParser.DataSet | undefined, tag: string): readonly [number, number] | null {
  if (!ds) return null;
  const v = numbers(ds, tag);
  if (v.length !== 2 || !(v[0] > 0) || !(v[1] > 0)) return null;
  return [v[0], v[1]];
}

function firstItem(ds: dicomParser.DataSet | undefined, tag: string): dicomParser.DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

function str(ds: dicomParser.DataSet, tag: string): string {
  try {
    return (ds.string(tag) ?? '').trim();
  } catch {
    return '';
  }
}

function intOrNull(ds: dicomParser.DataSet, tag: string): number | null {
  const v = ds.intString(tag);
  return v === undefined || !Number.isFinite(v) ? null : v;
}

function floatOrNull(ds: dicomParser.DataSet, tag: string): number | null {
  const v = ds.floatString(tag);
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** Frame planes from the enhanced multi-frame functional groups (per-frame first, then shared). */
function enhancedFrames(ds: dicomParser.DataSet, frameCount: number): FramePlane[] | null {
  const shared = firstItem(ds, 'x52009229');
  const perFrame = ds.elements.x52009230?.items;
  if (!shared && !perFrame) return null;
  const sharedOrientation = orientation(firstItem(shared, 'x00209116'));
  const frames: FramePlane[] = [];
  for (let i = 0; i < frameCount; i++) {
    const item = perFrame?.[i]?.dataSet;
    frames.push({
      positionMm: vec3(firstItem(item, 'x00209113'), 'x00200032') ?? vec3(firstItem(shared, 'x00209113'), 'x00200032'),
      orientation: orientation(firstItem(item, 'x00209116')) ?? sharedOrientation,
    });
  }
  return frames;
}

function enhancedPixelSpacing(ds: dicomParser.DataSet): readonly [number, number] | null {
  const shared = firstItem(ds, 'x52009229');
  const perFrame = ds.elements.x52009230?.items?.[0]?.dataSet;
  return spacing(firstItem(shared, 'x00289110'), 'x00280030') ?? spacing(firstItem(perFrame, 'x00289110'), 'x00280030');
}

function enhancedThickness(ds: dicomParser.DataSet): number | null {
  const shared = firstItem(ds, 'x52009229');
  const v = firstItem(shared, 'x00289110')?.floatString('x00180050');
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** Bytes the uncompressed pixel data must hold; null when the attributes to compute it are missing. */
function expectedNativePixelBytes(ds: dicomParser.DataSet, rows: number, columns: number, frames: number): number | null {
  const bitsAllocated = ds.uint16('x00280100');
  const samples = ds.uint16('x00280002') ?? 1;
  if (!bitsAllocated || !rows || !columns) return null;
  return Math.ceil((rows * columns * samples * frames * bitsAllocated) / 8);
}

/**
 * Reads the viewer's metadata from a DICOM Part 10 file.
 * Never throws: a file that is not usable gives `{ ok: false, message }` naming the reason.
 */
export function parseInstance(fileName: string, bytes: Uint8Array): ParseOutcome {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, { inflater } as dicomParser.ParseDicomOptions);
  } catch (raw) {
    return { ok: false, message: describeParseError(raw) };
  }
  const warnings: string[] = [];
  const sopClassUID = str(ds, 'x00080016');
  const pixelElement = ds.elements.x7fe00010 ?? ds.elements.x7fe00008 ?? ds.elements.x7fe00009;
  const hasPixelData = pixelElement !== undefined;
  const kind = kindOfSopClass(sopClassUID, hasPixelData);
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const numberOfFrames = Math.max(1, intOrNull(ds, 'x00280008') ?? 1);
  const transferSyntaxUID = str(ds, 'x00020010');

  if (!sopClassUID && !str(ds, 'x00080060') && !hasPixelData) {
    return { ok: false, message: 'no DICOM identification (SOP Class, modality) or pixel data found: probably not a DICOM object' };
  }
  if (kind === 'image' || (kind === 'other' && rows > 0)) {
    if (!hasPixelData) return { ok: false, message: 'the image has no pixel data (7FE0,0010): nothing to display' };
    if (!rows || !columns) return { ok: false, message: 'the image has no Rows/Columns: its pixel data cannot be interpreted' };
    if (!pixelElement.encapsulatedPixelData && transferSyntaxUID !== DEFLATED_EXPLICIT_LE) {
      const expected = expectedNativePixelBytes(ds, rows, columns, numberOfFrames);
      const available = Math.min(pixelElement.length, ds.byteArray.length - pixelElement.dataOffset);
      if (expected !== null && available < expected) {
        return {
          ok: false,
          message: `the file is truncated: pixel data holds ${available} bytes, ${expected} are needed for ${numberOfFrames} frame(s) of ${columns}×${rows}`,
        };
      }
    }
  }

  const enhanced = numberOfFrames > 1 || ds.elements.x52009229 ? enhancedFrames(ds, numberOfFrames) : null;
  const ownPlane: FramePlane = { positionMm: vec3(ds, 'x00200032'), orientation: orientation(ds) };
  const frames: FramePlane[] = enhanced ?? Array.from({ length: numberOfFrames }, () => ownPlane);
  const pixelSpacingMm = spacing(ds, 'x00280030') ?? enhancedPixelSpacing(ds);
  const imagerPixelSpacingMm = spacing(ds, 'x00181164');
  const calibration = calibrationOf(sopClassUID, pixelSpacingMm, imagerPixelSpacingMm, str(ds, 'x00280a02'));
  if (kind === 'image' && calibration !== 'calibrated') {
    warnings.push(calibration === 'detector'
      ? 'spacing is known only at the detector (ImagerPixelSpacing, no patient calibration): lengths are shown in pixels and marked "uncalibrated"'
      : 'no pixel spacing: lengths are shown in pixels and marked "uncalibrated"');
  }

  const meta: InstanceMeta = {
    fileName,
    sopClassUID,
    sopInstanceUID: str(ds, 'x00080018'),
    transferSyntaxUID,
    kind,
    patientName: str(ds, 'x00100010'),
    patientId: str(ds, 'x00100020'),
    patientBirthDate: str(ds, 'x00100030'),
    patientSex: str(ds, 'x00100040'),
    studyInstanceUID: str(ds, 'x0020000d'),
    studyDate: str(ds, 'x00080020'),
    studyTime: str(ds, 'x00080030'),
    studyDescription: str(ds, 'x00081030'),
    accessionNumber: str(ds, 'x00080050'),
    studyId: str(ds, 'x00200010'),
    referringPhysicianName: str(ds, 'x00080090'),
    seriesInstanceUID: str(ds, 'x0020000e'),
    seriesNumber: intOrNull(ds, 'x00200011'),
    seriesDescription: str(ds, 'x0008103e'),
    modality: str(ds, 'x00080060'),
    instanceNumber: intOrNull(ds, 'x00200013'),
    frameOfReferenceUID: str(ds, 'x00200052'),
    rows,
    columns,
    numberOfFrames,
    frames,
    pixelSpacingMm,
    imagerPixelSpacingMm,
    calibration,
    sliceThicknessMm: floatOrNull(ds, 'x00180050') ?? enhancedThickness(ds),
    windowCenter: floatOrNull(ds, 'x00281050'),
    windowWidth: floatOrNull(ds, 'x00281051'),
    photometricInterpretation: str(ds, 'x00280004'),
    hasPixelData,
  };
  return { ok: true, meta, warnings };
}
