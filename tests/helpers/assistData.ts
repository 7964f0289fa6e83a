import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dicomParser from 'dicom-parser';
import type { Volume } from '../../analysis';
import type { SpinalLevel } from '../../measurement';
import type { GroundTruth, Manifest } from '../../sample-data/groundTruth';
import { readNifti as readNiftiFile } from '../realSpine/nifti';
import { referencePointsFromMask, type MaskSlice } from './maskReference';

/**
 * Loaders for the assistance tests and benchmark: the phantom's DICOM series (sample-data/output/, `npm run sample`)
 * and the real VerSe CT (../shared/real-spine/, NIfTI), both turned into analysis/ Volumes in patient LPS mm.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_OUTPUT_DIR = join(ROOT, 'sample-data/output');
export const VERSE_DIR = resolve(ROOT, '../shared/real-spine/verse19-sub-verse012');

export function phantomAvailable(): boolean {
  return existsSync(join(SAMPLE_OUTPUT_DIR, 'ground-truth.json'));
}

export function verseAvailable(): boolean {
  return existsSync(join(VERSE_DIR, 'sub-verse012_ct.nii.gz')) && existsSync(join(VERSE_DIR, 'sub-verse012_seg-vert_msk.nii.gz'));
}

export function readGroundTruth(): GroundTruth {
  return JSON.parse(readFileSync(join(SAMPLE_OUTPUT_DIR, 'ground-truth.json'), 'utf8')) as GroundTruth;
}

function numbers(text: string | undefined, what: string): number[] {
  if (text === undefined) throw new Error(`missing ${what}`);
  return text.split('\\').map(Number);
}

interface SeriesGeometry {
  rows: number;
  columns: number;
  first: number[];
  second: number[];
  iop: number[];
  spacing: number[];
  c0: number;
  c1: number;
}

/**
 * Reads one phantom series (parallel slices, as the generator writes them) into a Volume of rescaled values. Only
 * columns within `keepColumns` of the image's centre column are kept: the spine lies in the midsagittal plane, and a
 * 512 × 512 × 227 CT would otherwise take 120 MB per test.
 */
export function readPhantomSeries(studyKey: string, seriesKey: string, keepColumns = Infinity): Volume {
  const manifest = JSON.parse(readFileSync(join(SAMPLE_OUTPUT_DIR, 'manifest.json'), 'utf8')) as Manifest;
  const series = manifest.studies.find((s) => s.key === studyKey)?.series.find((s) => s.key === seriesKey);
  if (!series) throw new Error(`no series ${studyKey}/${seriesKey} in the phantom`);
  let volume: Int16Array | null = null;
  let geometry: SeriesGeometry | null = null;
  for (const [k, file] of series.files.entries()) {
    const bytes = new Uint8Array(readFileSync(join(SAMPLE_OUTPUT_DIR, file)));
    const data = dicomParser.parseDicom(bytes);
    const rows = data.uint16('x00280010') ?? 0;
    const columns = data.uint16('x00280011') ?? 0;
    const slope = data.floatString('x00281053') ?? 1;
    const intercept = data.floatString('x00281052') ?? 0;
    const signed = data.uint16('x00280103') === 1;
    const position = numbers(data.string('x00200032'), 'ImagePositionPatient');
    if (!geometry) {
      const half = Math.min(Math.floor(columns / 2), keepColumns);
      const c0 = Math.floor(columns / 2) - half;
      const c1 = Math.min(columns - 1, Math.floor(columns / 2) + half);
      geometry = {
        rows, columns, first: position, second: position, c0, c1,
        iop: numbers(data.string('x00200037'), 'ImageOrientationPatient'),
        spacing: numbers(data.string('x00280030'), 'PixelSpacing'),
      };
      volume = new Int16Array((c1 - c0 + 1) * rows * series.files.length);
    }
    if (k === 1) geometry.second = position;
    const element = data.elements.x7fe00010;
    if (!element || !volume) throw new Error(`${file} has no pixel data`);
    const pixels = signed
      ? new Int16Array(bytes.buffer, bytes.byteOffset + element.dataOffset, rows * columns)
      : new Uint16Array(bytes.buffer, bytes.byteOffset + element.dataOffset, rows * columns);
    const width = geometry.c1 - geometry.c0 + 1;
    for (let r = 0; r < rows; r += 1) {
      for (let c = geometry.c0; c <= geometry.c1; c += 1) {
        volume[c - geometry.c0 + r * width + k * width * rows] = Math.round(pixels[c + r * columns]! * slope + intercept);
      }
    }
  }
  const g = geometry as SeriesGeometry | null;
  if (!g || !volume) throw new Error('empty series');
  const rowCosine = [g.iop[0]!, g.iop[1]!, g.iop[2]!] as const;
  const columnCosine = [g.iop[3]!, g.iop[4]!, g.iop[5]!] as const;
  const step = [0, 1, 2].map((a) => g.second[a]! - g.first[a]!);
  const sliceSpacingMm = Math.hypot(step[0]!, step[1]!, step[2]!);
  const origin = [0, 1, 2].map((a) => g.first[a]! + g.c0 * g.spacing[1]! * rowCosine[a]!);
  return {
    kind: 'volume',
    values: volume,
    dimensions: [g.c1 - g.c0 + 1, g.rows, series.files.length],
    originMm: [origin[0]!, origin[1]!, origin[2]!],
    rowCosine,
    columnCosine,
    sliceCosine: [step[0]! / sliceSpacingMm, step[1]! / sliceSpacingMm, step[2]! / sliceSpacingMm],
    spacingMm: [g.spacing[1]!, g.spacing[0]!, sliceSpacingMm],
    calibrated: true,
  };
}

/** A NIfTI-1 image: voxel values as numbers and the voxel → patient LPS (mm) affine from the sform. */
export interface Nifti {
  readonly dimensions: readonly [number, number, number];
  readonly values: Int16Array | Uint16Array | Uint8Array | Float32Array;
  /** Rows of the 3 × 4 voxel → LPS affine. */
  readonly affineLps: readonly (readonly number[])[];
}

/**
 * Reads a NIfTI-1 file (tests/realSpine/nifti.ts) as values and a voxel → LPS affine: the RAS mapping (sform, else
 * qform) with its first two rows negated; values with scl_slope / scl_inter applied when the header scales them.
 */
export function readNifti(path: string): Nifti {
  const nifti = readNiftiFile(new Uint8Array(readFileSync(path)), path);
  const count = nifti.dims[0] * nifti.dims[1] * nifti.dims[2];
  const stored = nifti.voxels;
  const keepsType = stored instanceof Int16Array || stored instanceof Uint16Array || stored instanceof Uint8Array || stored instanceof Float32Array;
  let values: Nifti['values'];
  if (keepsType && nifti.slope === 1 && nifti.intercept === 0) values = stored;
  else {
    values = new Float32Array(count);
    for (let i = 0; i < count; i += 1) values[i] = stored[i]! * nifti.slope + nifti.intercept;
  }
  const [x, y, z] = nifti.voxelToRas;
  return { dimensions: nifti.dims, values, affineLps: [x.map((v) => -v), y.map((v) => -v), [...z]] };
}

/** A NIfTI image as an analysis/ Volume (voxel axes i, j, k; spacing and directions from the affine columns). */
export function niftiVolume(nifti: Nifti): Volume {
  const a = nifti.affineLps;
  const column = (c: number) => [a[0]![c]!, a[1]![c]!, a[2]![c]!] as const;
  const norm = (v: readonly [number, number, number]) => Math.hypot(v[0], v[1], v[2]);
  const unit = (v: readonly [number, number, number]) => [v[0] / norm(v), v[1] / norm(v), v[2] / norm(v)] as const;
  return {
    kind: 'volume',
    values: nifti.values,
    dimensions: nifti.dimensions,
    originMm: column(3),
    rowCosine: unit(column(0)),
    columnCosine: unit(column(1)),
    sliceCosine: unit(column(2)),
    spacingMm: [norm(column(0)), norm(column(1)), norm(column(2))],
    calibrated: true,
  };
}

/** The VerSe sub-verse012 CT and its expert vertebra mask (17 = T10 … 22 = L3). */
export function readVerse(): { ct: Volume; mask: Nifti } {
  const ct = readNifti(join(VERSE_DIR, 'sub-verse012_ct.nii.gz'));
  const mask = readNifti(join(VERSE_DIR, 'sub-verse012_seg-vert_msk.nii.gz'));
  return { ct: niftiVolume(ct), mask };
}

/** Mean x (LPS, mm) of the front 45 % (by depth) of each labelled vertebra's voxels: the bodies' middle. */
export function bodiesMiddleXMm(mask: Nifti, labels: readonly number[]): number {
  const [ni, nj, nk] = mask.dimensions;
  const a = mask.affineLps;
  const world = (i: number, j: number, k: number, row: number) => a[row]![0]! * i + a[row]![1]! * j + a[row]![2]! * k + a[row]![3]!;
  const xs: number[] = [];
  for (const label of labels) {
    const voxels: [number, number][] = [];
    for (let k = 0; k < nk; k += 1) {
      for (let j = 0; j < nj; j += 1) {
        for (let i = 0; i < ni; i += 1) if (mask.values[i + ni * (j + nj * k)] === label) voxels.push([world(i, j, k, 0), world(i, j, k, 1)]);
      }
    }
    const depths = voxels.map((v) => v[1]).sort((p, q) => p - q);
    const frontLimit = depths[Math.floor(0.45 * (depths.length - 1))]!;
    const front = voxels.filter((v) => v[1] <= frontLimit);
    xs.push(front.reduce((sum, v) => sum + v[0], 0) / front.length);
  }
  return xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** VerSe labels of sub-verse012's mask and the expert Genant grades of its README (VerSe 2019 fracture grading). */
export const VERSE_LEVELS = [
  { label: 17, level: 'T10', expertGrade: 0 },
  { label: 18, level: 'T11', expertGrade: 0 },
  { label: 19, level: 'T12', expertGrade: 0 },
  { label: 20, level: 'L1', expertGrade: 3 },
  { label: 21, level: 'L2', expertGrade: 0 },
  { label: 22, level: 'L3', expertGrade: 1 },
] as const;

/** Six reference points of one VerSe level, patient LPS mm, on the sagittal slice through its expert centroid. */
export interface VerseReference {
  readonly level: (typeof VERSE_LEVELS)[number]['level'];
  readonly expertGrade: number;
  readonly points: Record<'anteriorSuperior' | 'anteriorInferior' | 'middleSuperior' | 'middleInferior' | 'posteriorSuperior' | 'posteriorInferior', [number, number, number]>;
}

/** The six in-plane (y, z) points of a sagittal slice, mm, lifted to patient space at that slice's x, mm. */
export function onSagittalPlane(ref: Record<keyof VerseReference['points'], readonly [number, number]>, xMm: number): VerseReference['points'] {
  const lift = (p: readonly [number, number]): [number, number, number] => [xMm, p[0], p[1]];
  return {
    anteriorSuperior: lift(ref.anteriorSuperior),
    anteriorInferior: lift(ref.anteriorInferior),
    middleSuperior: lift(ref.middleSuperior),
    middleInferior: lift(ref.middleInferior),
    posteriorSuperior: lift(ref.posteriorSuperior),
    posteriorInferior: lift(ref.posteriorInferior),
  };
}

/**
 * Reference points for T10–L3 from the expert mask (see maskReference.ts), each on the sagittal slice nearest the
 * level's expert centroid (sub-verse012_seg-subreg_ctd.json, voxel coordinates), `insetMm` inside the walls; `axis` as
 * referencePointsFromMask takes it.
 */
export function verseReferences(mask: Nifti, insetMm: number, axis: 'principal' | 'endplates' = 'principal'): VerseReference[] {
  const centroids = (JSON.parse(readFileSync(join(VERSE_DIR, 'sub-verse012_seg-subreg_ctd.json'), 'utf8')) as Array<{ label?: number; X?: number }>)
    .filter((c): c is { label: number; X: number } => typeof c.label === 'number' && typeof c.X === 'number');
  const [ni, nj, nk] = mask.dimensions;
  const a = mask.affineLps;
  const world = (i: number, j: number, k: number): [number, number, number] =>
    [0, 1, 2].map((r) => a[r]![0]! * i + a[r]![1]! * j + a[r]![2]! * k + a[r]![3]!) as [number, number, number];
  const out: VerseReference[] = [];
  for (const { label, level, expertGrade } of VERSE_LEVELS) {
    const centroid = centroids.find((c) => c.label === label);
    if (!centroid) continue;
    const i = Math.round(centroid.X);
    const slice: MaskSlice = {
      width: nj,
      height: nk,
      labelAt: (jj, kk) => mask.values[i + jj * ni + kk * ni * nj]!,
      toPatient: (jj, kk) => {
        const p = world(i, jj, kk);
        return [p[1], p[2]];
      },
      spacingMm: [Math.hypot(a[0]![1]!, a[1]![1]!, a[2]![1]!), Math.hypot(a[0]![2]!, a[1]![2]!, a[2]![2]!)],
    };
    const ref = referencePointsFromMask(slice, label, insetMm, axis);
    if (!ref) continue;
    out.push({ level, expertGrade, points: onSagittalPlane(ref, world(i, 0, 0)[0]) });
  }
  return out;
}

export const TPTBOX_MR_DIR = resolve(ROOT, '../shared/real-spine/tptbox-sample-mri');

export function tptboxAvailable(): boolean {
  return ['sub-mri_label-6_T2w.nii.gz', 'sub-mri_seg-vert_label-6_msk.nii.gz', 'sub-mri_seg-subreg_label-6_msk.nii.gz'].every((f) =>
    existsSync(join(TPTBOX_MR_DIR, f)),
  );
}

/**
 * The TPTBox sample CT crop (Hendrik-code/TPTBox, tests/sample_ct/, Apache-2.0): a real lumbar CT resampled to 1.5 mm
 * voxels (73 × 47 × 73), noisy (σ ≈ 95 HU per voxel) and osteoporotic (marrow ≈ 50 HU), with L2 and L4 cut by the crop
 * and L3 whole (VerSe label 22), and its vertebra and sub-region masks (automatic, SPINEPS-style labels). Not in
 * ../shared/ today: read from there when it is put there, or from the folder in TPTBOX_CT_DIR; skipped otherwise.
 */
export const TPTBOX_CT_DIR = process.env.TPTBOX_CT_DIR ?? resolve(ROOT, '../shared/real-spine/tptbox-sample-ct');
export const TPTBOX_CT_FILES = { image: 'sub-ct_label-22_ct.nii.gz', vert: 'sub-ct_seg-vert_label-22_msk.nii.gz', subreg: 'sub-ct_seg-subreg_label-22_msk.nii.gz' } as const;

export function tptboxCtAvailable(): boolean {
  return Object.values(TPTBOX_CT_FILES).every((f) => existsSync(join(TPTBOX_CT_DIR, f)));
}

/**
 * A real contrast-enhanced chest CT: TotalSegmentator's aorta-report test crop (wasserth/TotalSegmentator,
 * tests/reference_files/aorta_report/test_result/models/ct_cropped.nii.gz, Apache-2.0), 1.5 mm voxels (120 × 126 × 164),
 * the thoracic spine from T3 to T12 on its midsagittal slice (i = 45), the enhanced aorta and heart and an air-filled
 * oesophagus in front of the bodies, T11 with a depressed superior endplate. Not in ../shared/ today: read from there
 * when it is put there, or from the file in CHEST_CT_PATH; skipped otherwise.
 */
export const CHEST_CT_PATH = process.env.CHEST_CT_PATH ?? resolve(ROOT, '../shared/real-spine/totalseg-chest-ct/ct_cropped.nii.gz');

export function chestCtAvailable(): boolean {
  return existsSync(CHEST_CT_PATH);
}

/**
 * The centres of its bodies on the midsagittal slice, voxel (j, k) at i = 45, read by hand from the image (this
 * project's reading, between the endplate lines and the walls; T12's agrees within a voxel with the body part of
 * TotalSegmentator's own T12 mask in the same folder). Used to tell which level a body was put at, not as heights.
 * T3's was read at (90, 151) until 7 December 2026: 2–3 voxels under its superior endplate, whose plate lies at k ≈ 153–154
 * at j = 88–90 (the inferior one at k ≈ 139–140), so the clicks ±3 mm "around its centre" reached its endplate and disc.
 */
const CHEST_CT_CENTRES: readonly (readonly [SpinalLevel, number, number])[] = [
  ['T3', 89, 146.5],
  ['T4', 94, 136],
  ['T5', 98, 122.5],
  ['T6', 99.5, 109],
  ['T7', 100, 95.5],
  ['T8', 101, 82],
  ['T9', 101, 67],
  ['T10', 101.5, 51],
  ['T11', 99.5, 35],
  ['T12', 97, 18],
];

/**
 * T3's upper part, where its centre was read until then, from its centre (mm towards the back, mm towards the head): the
 * tests written against that reading click there still (a click behind it read a box tilted across the body, one in
 * front of and above it a box of 5–8 mm).
 */
export const CHEST_T3_UPPER_MM: readonly [number, number] = [-1.5, 6.75];

/** T3's upper part (CHEST_T3_UPPER_MM) in patient LPS mm, from the chest CT's centres (readChestCt). */
export function chestT3UpperMm(centres: ReturnType<typeof readChestCt>['centres']): [number, number, number] {
  const t3 = centres.find((c) => c.level === 'T3')!.centreMm;
  return [t3[0], t3[1] + CHEST_T3_UPPER_MM[0], t3[2] + CHEST_T3_UPPER_MM[1]];
}

/** The chest CT as a Volume and its bodies' centres (CHEST_CT_CENTRES) in patient LPS mm. */
export function readChestCt(): { ct: Volume; centres: readonly { readonly level: SpinalLevel; readonly centreMm: [number, number, number] }[] } {
  const nifti = readNifti(CHEST_CT_PATH);
  const a = nifti.affineLps;
  const world = (i: number, j: number, k: number): [number, number, number] =>
    [0, 1, 2].map((r) => a[r]![0]! * i + a[r]![1]! * j + a[r]![2]! * k + a[r]![3]!) as [number, number, number];
  return { ct: niftiVolume(nifti), centres: CHEST_CT_CENTRES.map(([level, j, k]) => ({ level, centreMm: world(45, j, k) })) };
}

/**
 * The TPTBox sample T2 MR (a real sagittal crop, 1.5 mm voxels, README in its folder) and reference points of its one
 * complete body (instance 6) on the sagittal slice through the body's centroid: the body is the corpus of the
 * sub-region mask (49) with the vertebra mask's endplate layers (205, 206) that touch it, so the heights run bone to
 * bone like the VerSe mask's; points `insetMm` inside the walls (maskReference.ts). The rows of a slice run to the
 * feet, so they are read bottom-up for referencePointsFromMask (which expects rows towards the head).
 */
export function readTptboxMr(insetMm: number): { mr: Volume; points: VerseReference['points'] | null } {
  const image = readNifti(join(TPTBOX_MR_DIR, 'sub-mri_label-6_T2w.nii.gz'));
  const vert = readNifti(join(TPTBOX_MR_DIR, 'sub-mri_seg-vert_label-6_msk.nii.gz'));
  const subreg = readNifti(join(TPTBOX_MR_DIR, 'sub-mri_seg-subreg_label-6_msk.nii.gz'));
  const [ni, nj, nk] = image.dimensions;
  const a = image.affineLps;
  const world = (i: number, j: number, k: number): [number, number, number] =>
    [0, 1, 2].map((r) => a[r]![0]! * i + a[r]![1]! * j + a[r]![2]! * k + a[r]![3]!) as [number, number, number];
  const isBody = (x: number) => (vert.values[x] === 6 && subreg.values[x] === 49) || vert.values[x] === 205 || vert.values[x] === 206;
  let sumK = 0;
  let count = 0;
  for (let x = 0; x < ni * nj * nk; x += 1) {
    if (vert.values[x] === 6 && subreg.values[x] === 49) {
      sumK += Math.floor(x / (ni * nj));
      count += 1;
    }
  }
  const mr = niftiVolume(image);
  if (count === 0) return { mr, points: null };
  const k = Math.round(sumK / count);
  const slice: MaskSlice = {
    width: ni,
    height: nj,
    labelAt: (i, row) => {
      const j = nj - 1 - row;
      return i < 0 || j < 0 || i >= ni || j >= nj || !isBody(i + j * ni + k * ni * nj) ? 0 : 6;
    },
    toPatient: (i, row) => {
      const p = world(i, nj - 1 - row, k);
      return [p[1], p[2]];
    },
    spacingMm: [Math.hypot(a[0]![0]!, a[1]![0]!, a[2]![0]!), Math.hypot(a[0]![1]!, a[1]![1]!, a[2]![1]!)],
  };
  const ref = referencePointsFromMask(slice, 6, insetMm);
  if (!ref) return { mr, points: null };
  return { mr, points: onSagittalPlane(ref, world(0, 0, k)[0]) };
}
