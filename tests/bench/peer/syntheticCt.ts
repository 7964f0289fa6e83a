import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deterministicUid } from '../../../sample-data/uids';
import { formatDs } from '../../../sample-data/dicomWriter';
import { createJ2kLosslessCodec } from './j2kLossless';
import { createJpeglsLosslessCodec, JPEG_LS_LOSSLESS } from './jpeglsLossless';
import { EXPLICIT_VR_LITTLE_ENDIAN, JPEG_2000_LOSSLESS, encodePart10 } from './part10';

/**
 * Synthetic axial CT series for the peer benchmark: 512×512 signed 16-bit HU, 1 mm apart, one study per series. The
 * content is a simple analytic trunk (soft tissue with noise, a column of vertebral bodies and discs, a spinal canal)
 * so that compressed variants compress like a real CT (noise) and both viewers draw something non-blank.
 */
export const MATRIX = 512;
export const PIXEL_SPACING_MM = 0.7;
export const SLICE_SPACING_MM = 1;
/** Bump when the pixels or attributes change, so cached series are regenerated. */
const GENERATOR_VERSION = 'peer-bench-ct-2';
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

export type Compression = 'none' | 'j2k-lossless' | 'jpegls-lossless';

export interface SeriesSpec {
  /** e.g. 'n300-j2k'; names the folder and seeds the UIDs. */
  readonly key: string;
  readonly sliceCount: number;
  readonly compression: Compression;
}

export interface GeneratedSeries extends SeriesSpec {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly transferSyntaxUID: string;
  readonly dir: string;
  readonly files: readonly string[];
  /** Sum of the Part 10 files' sizes. */
  readonly totalBytes: number;
  readonly generatorVersion: string;
}

/** The series folder's manifest (written last: a folder without it is incomplete). */
const MANIFEST = 'series.json';

/** Writes the series into `rootDir/<key>` unless a complete copy of this generator version is there already. */
export async function ensureSeries(rootDir: string, spec: SeriesSpec, log: (line: string) => void): Promise<GeneratedSeries> {
  const dir = join(rootDir, spec.key);
  const manifestPath = join(dir, MANIFEST);
  if (existsSync(manifestPath)) {
    const cached = JSON.parse(readFileSync(manifestPath, 'utf8')) as GeneratedSeries;
    if (cached.generatorVersion === GENERATOR_VERSION && cached.sliceCount === spec.sliceCount && cached.compression === spec.compression) {
      return { ...cached, dir, files: cached.files.map((file) => join(dir, file)) };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const codec = await losslessCodecFor(spec.compression);
  const studyInstanceUID = deterministicUid(`peer-bench/${GENERATOR_VERSION}/${spec.key}/study`);
  const seriesInstanceUID = deterministicUid(`peer-bench/${GENERATOR_VERSION}/${spec.key}/series`);
  const transferSyntaxUID = codec === null ? EXPLICIT_VR_LITTLE_ENDIAN : codec.transferSyntaxUID;
  const started = Date.now();
  const files: string[] = [];
  let totalBytes = 0;
  const hu = new Int16Array(MATRIX * MATRIX);
  for (let index = 0; index < spec.sliceCount; index++) {
    const zMm = -index * SLICE_SPACING_MM;
    renderSlice(zMm, index, hu);
    const dataset = sliceAttributes({ spec, studyInstanceUID, seriesInstanceUID, index, zMm });
    const bytes = encodePart10(dataset, codec === null ? { kind: 'native', words: new Uint16Array(hu.buffer) } : { kind: 'encapsulated', transferSyntaxUID, frame: losslessFrame(codec, hu) });
    const file = `CT${String(index + 1).padStart(6, '0')}.dcm`;
    writeFileSync(join(dir, file), bytes);
    files.push(file);
    totalBytes += bytes.length;
    if ((index + 1) % 100 === 0) log(`  ${spec.key}: ${index + 1}/${spec.sliceCount} slices`);
  }
  const manifest: GeneratedSeries = { ...spec, studyInstanceUID, seriesInstanceUID, transferSyntaxUID, dir, files, totalBytes, generatorVersion: GENERATOR_VERSION };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`  ${spec.key}: ${spec.sliceCount} slices, ${(totalBytes / 1e6).toFixed(0)} MB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...manifest, files: files.map((file) => join(dir, file)) };
}

/** A lossless encoder in node with its decoder (to prove each frame's round trip) and its transfer syntax. */
interface LosslessCodec {
  readonly name: string;
  readonly transferSyntaxUID: string;
  encode(pixels: Int16Array, columns: number, rows: number): Uint8Array;
  decode(codestream: Uint8Array): Uint8Array;
}

async function losslessCodecFor(compression: Compression): Promise<LosslessCodec | null> {
  if (compression === 'j2k-lossless') return { name: 'JPEG 2000 lossless', transferSyntaxUID: JPEG_2000_LOSSLESS, ...(await createJ2kLosslessCodec()) };
  if (compression === 'jpegls-lossless') return { name: 'JPEG-LS lossless', transferSyntaxUID: JPEG_LS_LOSSLESS, ...(await createJpeglsLosslessCodec()) };
  return null;
}

/** Encodes one slice and proves the codestream decodes back to the same bytes (lossless means bit-exact). */
function losslessFrame(codec: LosslessCodec, hu: Int16Array): Uint8Array {
  const codestream = codec.encode(hu, MATRIX, MATRIX);
  const decoded = codec.decode(codestream);
  const original = new Uint8Array(hu.buffer, hu.byteOffset, hu.byteLength);
  if (decoded.length !== original.length || decoded.some((byte, i) => byte !== original[i])) {
    throw new Error(`${codec.name} round trip is not bit-exact: the encoder is misconfigured`);
  }
  return codestream;
}

const COMPRESSION_TEXT: Readonly<Record<Compression, string>> = { none: 'uncompressed', 'j2k-lossless': 'J2K lossless', 'jpegls-lossless': 'JPEG-LS lossless' };

function sliceAttributes(input: { spec: SeriesSpec; studyInstanceUID: string; seriesInstanceUID: string; index: number; zMm: number }) {
  const { spec, index, zMm } = input;
  const originMm = -((MATRIX - 1) / 2) * PIXEL_SPACING_MM;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: deterministicUid(`peer-bench/${GENERATOR_VERSION}/${spec.key}/${index + 1}`),
    StudyDate: '20260101',
    SeriesDate: '20260101',
    StudyTime: '120000',
    AccessionNumber: `PB${spec.key}`.slice(0, 16),
    Modality: 'CT',
    Manufacturer: 'Synthetic (peer benchmark)',
    ReferringPhysicianName: '',
    StudyDescription: `PEER BENCH ${spec.key}`,
    SeriesDescription: `CT AXIAL ${spec.sliceCount} x 1mm ${COMPRESSION_TEXT[spec.compression]}`,
    PatientName: `PEERBENCH^${spec.key}`,
    PatientID: `PEERBENCH-${spec.key}`,
    PatientBirthDate: '19600101',
    PatientSex: 'O',
    SliceThickness: formatDs(SLICE_SPACING_MM),
    KVP: '120',
    PatientPosition: 'HFS',
    StudyInstanceUID: input.studyInstanceUID,
    SeriesInstanceUID: input.seriesInstanceUID,
    StudyID: '1',
    SeriesNumber: 1,
    AcquisitionNumber: 1,
    InstanceNumber: index + 1,
    ImagePositionPatient: [formatDs(originMm), formatDs(originMm), formatDs(zMm)],
    ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    FrameOfReferenceUID: deterministicUid(`peer-bench/${GENERATOR_VERSION}/${spec.key}/frame-of-reference`),
    PositionReferenceIndicator: '',
    SliceLocation: formatDs(zMm),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: MATRIX,
    Columns: MATRIX,
    PixelSpacing: [formatDs(PIXEL_SPACING_MM), formatDs(PIXEL_SPACING_MM)],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    WindowCenter: '400',
    WindowWidth: '1800',
    RescaleIntercept: '0',
    RescaleSlope: '1',
    RescaleType: 'HU',
  };
}

/** HU of the analytic trunk. Vertebrae repeat every 30 mm: 25 mm body (cortical shell, cancellous core), 5 mm disc. */
const HU = { air: -1000, softTissue: 40, cortical: 900, cancellous: 250, disc: 90, csf: 10 } as const;
const BODY_SEMI_AXES_MM = [170, 120] as const;
const VERTEBRA = { centreYMm: 45, radiusMm: 22, shellMm: 2, periodMm: 30, bodyHeightMm: 25 } as const;
const CANAL = { centreYMm: 80, radiusMm: 8, wallMm: 4 } as const;
/** Noise amplitude, HU: the sum of two uniforms in ±NOISE_HU (triangular, σ ≈ NOISE_HU / √6). */
const NOISE_HU = 25;

function renderSlice(zMm: number, index: number, out: Int16Array): void {
  let seed = (0x9e3779b9 ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0 || 1;
  const uniform = (): number => {
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed / 4294967296;
  };
  const phaseMm = ((-zMm % VERTEBRA.periodMm) + VERTEBRA.periodMm) % VERTEBRA.periodMm;
  const inBody = phaseMm < VERTEBRA.bodyHeightMm;
  const nearEndplate = inBody && (phaseMm < VERTEBRA.shellMm || phaseMm > VERTEBRA.bodyHeightMm - VERTEBRA.shellMm);
  const half = (MATRIX - 1) / 2;
  for (let row = 0; row < MATRIX; row++) {
    const yMm = (row - half) * PIXEL_SPACING_MM;
    for (let column = 0; column < MATRIX; column++) {
      const xMm = (column - half) * PIXEL_SPACING_MM;
      const ex = xMm / BODY_SEMI_AXES_MM[0];
      const ey = yMm / BODY_SEMI_AXES_MM[1];
      let value: number = HU.air;
      if (ex * ex + ey * ey <= 1) {
        value = HU.softTissue;
        const vertebraR = Math.hypot(xMm, yMm - VERTEBRA.centreYMm);
        const canalR = Math.hypot(xMm, yMm - CANAL.centreYMm);
        if (vertebraR <= VERTEBRA.radiusMm) {
          if (!inBody) value = HU.disc;
          else value = nearEndplate || vertebraR > VERTEBRA.radiusMm - VERTEBRA.shellMm ? HU.cortical : HU.cancellous;
        } else if (canalR <= CANAL.radiusMm) {
          value = HU.csf;
        } else if (canalR <= CANAL.radiusMm + CANAL.wallMm && inBody) {
          value = HU.cortical;
        }
        value += Math.round((uniform() + uniform() - 1) * NOISE_HU);
      }
      out[row * MATRIX + column] = value;
    }
  }
}

/** Size on disk of a generated series (for the report). */
export function seriesBytes(series: GeneratedSeries): number {
  return series.files.reduce((sum, file) => sum + statSync(file).size, 0);
}
