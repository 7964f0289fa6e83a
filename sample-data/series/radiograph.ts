import { missingValue } from '../elementAt';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePart10, formatDs } from '../dicomWriter';
import { CT_MATRIX, CT_ORIGIN_XY_MM, CT_PIXEL_SPACING_MM, CT_SLICE_SPACING_MM, type CtGeometry } from '../geometry';
import { sharedAttributes, type SeriesInfo, type StudyInfo } from '../studies';
import { tissueLookup, XRAY_ATTENUATION_PER_MILLE } from '../tissue';
import { deterministicUid } from '../uids';
import { createImageNoise } from './noise';

/**
 * The lateral radiograph: a parallel projection along x of the baseline phantom onto a detector with 0.3 mm pixels.
 * A real lateral spine film magnifies the spine by about 1.15 (source–detector 115 cm, source–spine 100 cm), so one
 * detector pixel covers 0.3 / 1.15 mm of the patient: ImagerPixelSpacing is NOT the size in the patient, which is
 * why the viewer must warn. The file carries ImagerPixelSpacing only: no PixelSpacing, no magnification factor.
 */
export const RADIOGRAPH_IMAGER_PIXEL_SPACING_MM = 0.3;
export const RADIOGRAPH_MAGNIFICATION = 1.15;
const OBJECT_SPACING_MM = RADIOGRAPH_IMAGER_PIXEL_SPACING_MM / RADIOGRAPH_MAGNIFICATION;
/** Field in the patient: y from −100 mm (in front of the spine) to +120 mm (behind the skin), all of the CT's z. */
const FIELD_FIRST_Y_MM = -100;
const FIELD_DEPTH_MM = 220;
/**
 * Display processing of a real radiograph flattens the large-scale thickness of the trunk (unsharp masking); here a
 * share of the attenuation of a uniform trunk ellipse (300 × 220 mm, soft tissue) is subtracted before scaling.
 */
const TRUNK_EQUALISATION = 0.85;
const TRUNK_HALF_WIDTH_MM = 150;
const TRUNK_HALF_DEPTH_MM = 110;
const SOFT_TISSUE_ATTENUATION = 1.04;
const STORED_BASE = 200;
const STORED_PER_WATER_MM = 28;
const MAX_STORED = 4095;
export const RADIOGRAPH_NOISE_SIGMA = 8;

export interface RadiographSize {
  readonly rows: number;
  readonly columns: number;
}

export function radiographSize(ct: CtGeometry): RadiographSize {
  const zSpanMm = (ct.sliceCount - 1) * CT_SLICE_SPACING_MM;
  return {
    rows: Math.floor(zSpanMm / OBJECT_SPACING_MM) + 1,
    columns: Math.floor(FIELD_DEPTH_MM / OBJECT_SPACING_MM) + 1,
  };
}

/**
 * Accumulates the water-equivalent path length along x (mm) of every CT row of every slice, from the noise-free
 * tissue maps the CT writer hands over.
 */
export function createLateralProjection(ct: CtGeometry) {
  const attenuationPerMille = tissueLookup(XRAY_ATTENUATION_PER_MILLE);
  const pathMm = new Float32Array(ct.sliceCount * CT_MATRIX);
  return {
    pathMm,
    accumulate(sliceIndex: number, tissue: Uint8Array): void {
      for (let row = 0; row < CT_MATRIX; row += 1) {
        let sum = 0;
        const offset = row * CT_MATRIX;
        for (let column = 0; column < CT_MATRIX; column += 1) {
          const t = tissue[offset + column];
          const attenuation = t === undefined ? undefined : attenuationPerMille[t];
          if (attenuation === undefined) missingValue('attenuation of the tissue of pixel', offset + column, tissue.length);
          sum += attenuation;
        }
        pathMm[sliceIndex * CT_MATRIX + row] = (sum / 1000) * CT_PIXEL_SPACING_MM;
      }
    },
  };
}

/** Bilinear sample of the projection at patient (y, z). */
function samplePathMm(pathMm: Float32Array, ct: CtGeometry, yMm: number, zMm: number): number {
  const fy = Math.min(CT_MATRIX - 1.000001, Math.max(0, (yMm - CT_ORIGIN_XY_MM) / CT_PIXEL_SPACING_MM));
  const fz = Math.min(ct.sliceCount - 1.000001, Math.max(0, (ct.topZMm - zMm) / CT_SLICE_SPACING_MM));
  const iy = Math.floor(fy);
  const iz = Math.floor(fz);
  const ty = fy - iy;
  const tz = fz - iz;
  const k = iz * CT_MATRIX + iy;
  const p00 = pathMm[k];
  const p10 = pathMm[k + 1];
  const p01 = pathMm[k + CT_MATRIX];
  const p11 = pathMm[k + CT_MATRIX + 1];
  if (p00 === undefined || p10 === undefined || p01 === undefined || p11 === undefined) missingValue('projected path', k, pathMm.length);
  const upper = p00 + (p10 - p00) * ty;
  const lower = p01 + (p11 - p01) * ty;
  return upper + (lower - upper) * tz;
}

export interface RadiographRequest {
  readonly outDir: string;
  readonly relativeDir: string;
  readonly study: StudyInfo;
  readonly series: SeriesInfo;
  readonly ct: CtGeometry;
  readonly pathMm: Float32Array;
  /** Integer noise with σ = RADIOGRAPH_NOISE_SIGMA. */
  readonly noiseTable: Int16Array;
}

/**
 * Writes the lateral radiograph as a CR image: rows run head to feet, columns anterior to posterior
 * (PatientOrientation P\F), bone bright (MONOCHROME2). Returns the file path relative to outDir.
 */
export function writeRadiograph(request: RadiographRequest): string[] {
  const { outDir, relativeDir, study, series, ct, pathMm } = request;
  mkdirSync(join(outDir, relativeDir), { recursive: true });
  const { rows, columns } = radiographSize(ct);
  const base = new Int16Array(rows * columns);
  for (let row = 0; row < rows; row += 1) {
    const zMm = ct.topZMm - row * OBJECT_SPACING_MM;
    for (let column = 0; column < columns; column += 1) {
      const yMm = FIELD_FIRST_Y_MM + column * OBJECT_SPACING_MM;
      const chordMm = 2 * TRUNK_HALF_WIDTH_MM * Math.sqrt(Math.max(0, 1 - (yMm / TRUNK_HALF_DEPTH_MM) ** 2));
      const equalisedMm = samplePathMm(pathMm, ct, yMm, zMm) - TRUNK_EQUALISATION * SOFT_TISSUE_ATTENUATION * chordMm;
      base[row * columns + column] = Math.round(STORED_BASE + STORED_PER_WATER_MM * Math.max(0, equalisedMm));
    }
  }
  const stored = new Uint16Array(rows * columns);
  createImageNoise(request.noiseTable, `noise/${relativeDir}`)(base, 0, MAX_STORED, stored);
  const dataset = {
    ...sharedAttributes(study, series),
    ImageType: ['ORIGINAL', 'PRIMARY'],
    SOPInstanceUID: deterministicUid(`${relativeDir}/1`),
    BodyPartExamined: 'LSPINE',
    ViewPosition: 'LL',
    PatientOrientation: ['P', 'F'],
    KVP: '85',
    InstanceNumber: 1,
    ImagerPixelSpacing: [formatDs(RADIOGRAPH_IMAGER_PIXEL_SPACING_MM), formatDs(RADIOGRAPH_IMAGER_PIXEL_SPACING_MM)],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: '1700',
    WindowWidth: '2000',
  };
  const file = `${relativeDir}/CR000001.dcm`;
  writeFileSync(join(outDir, file), encodePart10(dataset, stored));
  return [file];
}
