import * as dicomParser from 'dicom-parser';
import { inflateRaw } from 'pako';
import type { FramePlane, InstanceKind, InstanceMeta, Orientation6, Vec3 } from './instanceMeta';
import { toOrientation, toSpacing, toVec3 } from './geometryValues';

export type ParseOutcome =
  | { ok: true; meta: InstanceMeta; warnings: string[] }
  | { ok: false; message: string };

const DEFLATED_EXPLICIT_LE = '1.2.840.10008.1.2.1.99';
const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
/** PS3.5 G.4: an RLE frame holds 1 to 15 segments. */
const RLE_MAX_SEGMENTS = 15;
const PART10_PREAMBLE_BYTES = 128;
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

/** Storage SOP classes that never hold pixel data (PS3.4 B.5): waveforms, raw data, registration, RT plans… */
const NON_IMAGE_SOP_CLASS_PREFIXES = [
  '1.2.840.10008.5.1.4.1.1.9.', // waveforms
  '1.2.840.10008.5.1.4.1.1.66', // raw data, spatial registration, fiducials (66.4 segmentation is handled first)
  '1.2.840.10008.5.1.4.1.1.104.', // encapsulated documents
  '1.2.840.10008.5.1.4.1.1.481.3', // RT structure set
  '1.2.840.10008.5.1.4.1.1.481.4', // RT beams treatment record
  '1.2.840.10008.5.1.4.1.1.481.5', // RT plan
  '1.2.840.10008.5.1.4.1.1.481.6', // RT brachy treatment record
  '1.2.840.10008.5.1.4.1.1.481.7', // RT treatment summary record
  '1.2.840.10008.5.1.4.1.1.481.8', // RT ion plan
  '1.2.840.10008.5.1.4.1.1.481.9', // RT ion beams treatment record
];

/** Which kind of object a SOP class is; only images go to a viewport. */
export function kindOfSopClass(sopClassUID: string, hasPixelData: boolean): InstanceKind {
  if (sopClassUID.startsWith(SR_SOP_CLASS_PREFIX)) return 'sr';
  if (sopClassUID === SEG_SOP_CLASS) return 'seg';
  if (sopClassUID === PDF_SOP_CLASS) return 'pdf';
  if (sopClassUID.startsWith(PRESENTATION_STATE_PREFIX)) return 'presentation-state';
  if (NON_IMAGE_SOP_CLASS_PREFIXES.some((prefix) => sopClassUID.startsWith(prefix))) return 'other';
  // Any other storage class is an image class: without pixel data it is a broken image, not a non-image object.
  return hasPixelData || sopClassUID ? 'image' : 'other';
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
  if (/transfer syntax|0002,0010/i.test(text)) {
    return 'the file meta information has no usable Transfer Syntax UID (0002,0010): the pixel encoding cannot be known';
  }
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
  return ds ? toVec3(numbers(ds, tag)) : null;
}

function orientation(ds: dicomParser.DataSet | undefined): Orientation6 | null {
  return ds ? toOrientation(numbers(ds, 'x00200037')) : null;
}

function spacing(ds: dicomParser.DataSet | undefined, tag: string): readonly [number, number] | null {
  return ds ? toSpacing(numbers(ds, tag)) : null;
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
  // YBR_FULL_422 subsamples chroma: two samples per pixel on average (PS3.3 C.7.6.3.1.2).
  const samplesPerPixel = samples === 3 && (ds.string('x00280004') ?? '').trim() === 'YBR_FULL_422' ? 2 : samples;
  return Math.ceil((rows * columns * samplesPerPixel * frames * bitsAllocated) / 8);
}

/**
 * Checks the RLE header of every frame (PS3.5 Annex G): 1–15 segments, offsets ascending inside the fragment.
 * A broken header would otherwise send the decoder into an endless loop.
 */
function rleHeaderProblem(ds: dicomParser.DataSet, element: dicomParser.Element): string | null {
  for (const fragment of element.fragments ?? []) {
    const start = ds.byteArray.byteOffset + fragment.position;
    if (fragment.length < 64 || fragment.position + 64 > ds.byteArray.length) return 'an RLE frame is shorter than its 64-byte header';
    const view = new DataView(ds.byteArray.buffer, start, 64);
    const segments = view.getUint32(0, true);
    if (segments < 1 || segments > RLE_MAX_SEGMENTS) return `an RLE frame claims ${segments} segments (1 to ${RLE_MAX_SEGMENTS} are possible)`;
    let previous = 63;
    for (let i = 1; i <= segments; i++) {
      const offset = view.getUint32(i * 4, true);
      if (offset <= previous || offset >= fragment.length) return 'an RLE frame header points outside its data';
      previous = offset;
    }
  }
  return null;
}

const JPEG_FAMILY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81']);
const JPEG_2000_FAMILY = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203']);

/**
 * The first compressed frame must begin with its format's marker: JPEG and JPEG-LS with SOI (FFD8), JPEG 2000 with
 * SOC (FF4F) or a JP2 signature box. Without one the decoders may fail silently or hand back a stale image.
 */
function codestreamProblem(ds: dicomParser.DataSet, element: dicomParser.Element, transferSyntaxUID: string): string | null {
  const first = element.fragments?.find((f) => f.length > 0);
  if (!first) return 'the compressed pixel data holds no fragments';
  const b = ds.byteArray.subarray(first.position, first.position + 12);
  if (JPEG_FAMILY.has(transferSyntaxUID) && !(b[0] === 0xff && b[1] === 0xd8)) {
    return 'the JPEG data does not start with a JPEG start-of-image marker';
  }
  const jp2Signature = b[4] === 0x6a && b[5] === 0x50 && b[6] === 0x20 && b[7] === 0x20;
  // ISO 15444-1 A.5.1: SIZ immediately follows SOC. openjpeg, given a codestream without it, hands back the previous
  // frame it decoded instead of failing, so this is refused before any decoder sees it.
  const rawCodestream = b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51;
  if (JPEG_2000_FAMILY.has(transferSyntaxUID) && !rawCodestream && !jp2Signature) {
    return 'the JPEG 2000 data does not start with a codestream header (SOC and SIZ markers)';
  }
  return null;
}

function hasPart10Marker(bytes: Uint8Array): boolean {
  return bytes.length >= PART10_PREAMBLE_BYTES + 4
    && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/**
 * Reads the viewer's metadata from a DICOM Part 10 file.
 * Never throws: a file that is not usable gives `{ ok: false, message }` naming the reason.
 */
export function parseInstance(fileName: string, bytes: Uint8Array): ParseOutcome {
  if (!hasPart10Marker(bytes)) {
    return { ok: false, message: describeParseError('DICM prefix not found') };
  }
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, { inflater } as dicomParser.ParseDicomOptions);
  } catch (raw) {
    return { ok: false, message: describeParseError(raw) };
  }
  const warnings: string[] = [];
  // Fall back to the file meta header's Media Storage SOP Class when the dataset leaves it out.
  const sopClassUID = str(ds, 'x00080016') || str(ds, 'x00020002');
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
    if (transferSyntaxUID === RLE_LOSSLESS && pixelElement.encapsulatedPixelData) {
      const problem = rleHeaderProblem(ds, pixelElement);
      if (problem) return { ok: false, message: `the RLE-compressed pixel data is corrupt: ${problem}` };
    }
    if (pixelElement.encapsulatedPixelData) {
      const problem = codestreamProblem(ds, pixelElement, transferSyntaxUID);
      if (problem) return { ok: false, message: `the compressed pixel data is corrupt: ${problem}` };
    }
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
