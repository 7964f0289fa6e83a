import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePart10 } from '../bench/peer/part10';
import type { Volume } from '../../analysis';
import type { Nifti } from '../helpers/assistData';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * A real sagittal acquisition stored as NIfTI (../shared/real-spine/: the VerSe CT, the TPTBox T2 MR) written as the
 * native sagittal DICOM series it was acquired as: one file per voxel plane across the left–right axis, the image's
 * columns running to the back and its rows to the feet (as a scanner writes a sagittal image), whichever voxel axes the
 * NIfTI stores them on (writeSagittalSeries); or a stack held as a Volume, in its own orientation (writeStackSeries).
 * Written into a test's temporary folder only: the data's licences travel with anything derived (VerSe: CC BY-SA 4.0),
 * and nothing derived is committed.
 */

type Vec3 = readonly [number, number, number];

export interface SagittalSeries {
  /** UIDs derive from this (syntheticCtSlice): the series' UID is `deterministicUid(key + '/series')`. */
  readonly key: string;
  readonly modality: 'CT' | 'MR';
  readonly patientName: string;
  readonly patientId: string;
  readonly description: string;
  readonly window: { readonly center: number; readonly width: number };
}

/** The VerSe 2019 CT sub-verse012 (35 sagittal planes 3 mm apart), as the browser tests and benchmarks write it. */
export const VERSE_SERIES: SagittalSeries = {
  key: 'e2e/verse012', modality: 'CT', patientName: 'VERSE^SUB012', patientId: 'sub-verse012',
  description: 'VerSe 2019 sub-verse012 (CC BY-SA 4.0), sagittal', window: { center: 400, width: 1800 },
};

/** The contrast chest CT of tests/helpers/assistData.ts (CHEST_CT_PATH), written as the axial series a scanner writes. */
export const CHEST_CT_SERIES: SagittalSeries = {
  key: 'e2e/chest-ct', modality: 'CT', patientName: 'CHEST^CT', patientId: 'totalseg-aorta', description: 'TotalSegmentator aorta crop (Apache-2.0), axial', window: { center: 400, width: 1800 },
};

/** The TPTBox T2 MR crop (1.5 mm voxels). */
export const TPTBOX_SERIES: SagittalSeries = {
  key: 'e2e/tptbox-mr', modality: 'MR', patientName: 'TPTBOX^SAMPLE', patientId: 'tptbox-sample-mri',
  description: 'TPTBox sample T2w (Apache-2.0), sagittal', window: { center: 200, width: 400 },
};

/** The VerSe anatomy made into a T2 MR (tests/helpers/verseMr.ts), on the CT's grid. */
export const VERSE_T2_SERIES: SagittalSeries = {
  key: 'e2e/verse012-t2', modality: 'MR', patientName: 'VERSE^SUB012', patientId: 'sub-verse012',
  description: 'VerSe 2019 sub-verse012 (CC BY-SA 4.0) made into a T2 MR, sagittal', window: { center: 500, width: 1000 },
};

/** MR Image Storage (PS3.4 §B.5). */
const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

function affineColumn(nifti: Nifti, axis: number): Vec3 {
  const a = nifti.affineLps;
  return [a[0]![axis]!, a[1]![axis]!, a[2]![axis]!];
}

const length = (v: Vec3): number => Math.hypot(v[0], v[1], v[2]);

/** The patient position (LPS mm) of voxel (i, j, k). */
export function voxelToPatient(nifti: Nifti, i: number, j: number, k: number): Vec3 {
  const a = nifti.affineLps;
  return [0, 1, 2].map((r) => a[r]![0]! * i + a[r]![1]! * j + a[r]![2]! * k + a[r]![3]!) as unknown as Vec3;
}

/** The voxel axis most along patient axis `patient` (0 x, 1 y, 2 z). */
function axisAlong(nifti: Nifti, patient: 0 | 1 | 2): 0 | 1 | 2 {
  const share = ([0, 1, 2] as const).map((axis) => Math.abs(affineColumn(nifti, axis)[patient]) / length(affineColumn(nifti, axis)));
  return share.indexOf(Math.max(...share)) as 0 | 1 | 2;
}

/** Writes one file per sagittal plane of `nifti` into `dir` and returns their paths, in voxel order. */
export function writeSagittalSeries(nifti: Nifti, series: SagittalSeries, dir: string): string[] {
  const dims = nifti.dimensions;
  const sliceAxis = axisAlong(nifti, 0);
  const columnAxis = axisAlong(nifti, 1);
  const rowAxis = axisAlong(nifti, 2);
  if (new Set([sliceAxis, columnAxis, rowAxis]).size !== 3) throw new Error(`${series.key}: not a sagittal, coronal and axial set of voxel axes`);
  // Columns towards the back (+y), rows towards the feet (−z): each axis read forwards or backwards.
  const columnForward = affineColumn(nifti, columnAxis)[1] > 0;
  const rowForward = affineColumn(nifti, rowAxis)[2] < 0;
  const [columns, rows] = [dims[columnAxis], dims[rowAxis]];
  const voxel = (slice: number, column: number, row: number): [number, number, number] => {
    const v: [number, number, number] = [0, 0, 0];
    v[sliceAxis] = slice;
    v[columnAxis] = columnForward ? column : columns - 1 - column;
    v[rowAxis] = rowForward ? row : rows - 1 - row;
    return v;
  };
  const indexOf = ([i, j, k]: [number, number, number]) => i + j * dims[0] + k * dims[0] * dims[1];
  const origin0 = voxelToPatient(nifti, ...voxel(0, 0, 0));
  const rowCosine = minusUnit(voxelToPatient(nifti, ...voxel(0, 1, 0)), origin0);
  const columnCosine = minusUnit(voxelToPatient(nifti, ...voxel(0, 0, 1)), origin0);
  const format = (v: number) => String(Number(v.toFixed(6)));
  const paths: string[] = [];
  for (let slice = 0; slice < dims[sliceAxis]; slice++) {
    const words = new Int16Array(columns * rows);
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) words[row * columns + column] = Math.round(nifti.values[indexOf(voxel(slice, column, row))]!);
    }
    const dataset: Record<string, unknown> = {
      ...syntheticCtSlice({ key: series.key, patientName: series.patientName, patientId: series.patientId, studyDate: '20190101', rows, columns }, slice),
      SeriesDescription: series.description,
      InstanceNumber: slice + 1,
      ImagePositionPatient: voxelToPatient(nifti, ...voxel(slice, 0, 0)).map(format),
      ImageOrientationPatient: [...rowCosine, ...columnCosine].map(format),
      PixelSpacing: [format(length(affineColumn(nifti, rowAxis))), format(length(affineColumn(nifti, columnAxis)))],
      SliceThickness: format(length(affineColumn(nifti, sliceAxis))),
      WindowCenter: String(series.window.center),
      WindowWidth: String(series.window.width),
    };
    paths.push(writeSlice(dataset, words, series, slice, dir));
  }
  return paths;
}

/** Writes one slice of `series` (its modality's SOP class and rescale) into `dir`; returns its path. */
function writeSlice(dataset: Record<string, unknown>, words: Int16Array, series: SagittalSeries, slice: number, dir: string): string {
  if (series.modality === 'MR') {
    Object.assign(dataset, { SOPClassUID: MR_IMAGE_STORAGE, Modality: 'MR' });
    delete dataset.RescaleSlope;
  } else {
    dataset.RescaleIntercept = '0';
  }
  const path = join(dir, `${series.key.replace(/\W+/g, '-')}-${String(slice).padStart(3, '0')}.dcm`);
  writeFileSync(path, encodePart10(dataset, { kind: 'native', words: new Uint16Array(words.buffer) }));
  return path;
}

/**
 * Writes a stack of parallel slices held as an analysis/ Volume (e.g. an oblique or flipped sagittal stack resampled
 * from the phantom, tests/helpers/obliqueStack.ts) into `dir`, one file per slice in the volume's slice order, with the
 * volume's own row, column and slice directions; returns their paths.
 */
export function writeStackSeries(volume: Volume, series: SagittalSeries, dir: string): string[] {
  const [columns, rows, slices] = volume.dimensions;
  const [columnSpacingMm, rowSpacingMm, sliceSpacingMm] = volume.spacingMm;
  const format = (v: number) => String(Number(v.toFixed(6)));
  const paths: string[] = [];
  for (let slice = 0; slice < slices; slice++) {
    const words = new Int16Array(columns * rows);
    for (let i = 0; i < words.length; i++) words[i] = Math.round(volume.values[slice * columns * rows + i]!);
    const position = [0, 1, 2].map((a) => volume.originMm[a]! + slice * sliceSpacingMm * volume.sliceCosine[a]!);
    const dataset: Record<string, unknown> = {
      ...syntheticCtSlice({ key: series.key, patientName: series.patientName, patientId: series.patientId, studyDate: '20260915', rows, columns }, slice),
      SeriesDescription: series.description,
      InstanceNumber: slice + 1,
      ImagePositionPatient: position.map(format),
      ImageOrientationPatient: [...volume.rowCosine, ...volume.columnCosine].map(format),
      // PixelSpacing is the distance between rows, then between columns (PS3.3 C.7.6.2.1.1).
      PixelSpacing: [format(rowSpacingMm), format(columnSpacingMm)],
      SliceThickness: format(sliceSpacingMm),
      WindowCenter: String(series.window.center),
      WindowWidth: String(series.window.width),
    };
    paths.push(writeSlice(dataset, words, series, slice, dir));
  }
  return paths;
}

function minusUnit(a: Vec3, b: Vec3): [number, number, number] {
  const d: Vec3 = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  return [d[0] / length(d), d[1] / length(d), d[2] / length(d)];
}
