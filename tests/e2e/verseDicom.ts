import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePart10 } from '../bench/peer/part10';
import type { Nifti } from '../helpers/assistData';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * The real VerSe CT (a NIfTI volume in Hounsfield units, ../shared/real-spine/) written as the native sagittal CT
 * series it was acquired as: one DICOM file per sagittal voxel plane i, the image's columns along the voxel axis j and
 * its rows along k from head to foot (superior at the top, as a scanner writes a sagittal image). Written into a
 * test's temporary folder only: the data's licence (CC BY-SA 4.0) travels with anything derived, and nothing derived
 * is committed.
 */

type Vec3 = readonly [number, number, number];

function affineColumn(nifti: Nifti, column: number): Vec3 {
  const a = nifti.affineLps;
  return [a[0]![column]!, a[1]![column]!, a[2]![column]!];
}

function length(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

/** The patient position (LPS mm) of voxel (i, j, k). */
export function voxelToPatient(nifti: Nifti, i: number, j: number, k: number): Vec3 {
  const a = nifti.affineLps;
  return [0, 1, 2].map((r) => a[r]![0]! * i + a[r]![1]! * j + a[r]![2]! * k + a[r]![3]!) as unknown as Vec3;
}

/** Writes one file per sagittal plane of `ct` into `dir` and returns their paths, in voxel order. */
export function writeVerseAsDicom(ct: Nifti, dir: string): string[] {
  const [ni, nj, nk] = ct.dimensions;
  const alongJ = affineColumn(ct, 1);
  const alongK = affineColumn(ct, 2);
  const rowCosine = alongJ.map((v) => v / length(alongJ));
  const columnCosine = alongK.map((v) => -v / length(alongK));
  const format = (v: number) => String(Number(v.toFixed(6)));
  const paths: string[] = [];
  for (let i = 0; i < ni; i++) {
    const words = new Int16Array(nj * nk);
    for (let row = 0; row < nk; row++) {
      const k = nk - 1 - row;
      for (let column = 0; column < nj; column++) words[row * nj + column] = Math.round(ct.values[i + column * ni + k * ni * nj]!);
    }
    const bytes = encodePart10(
      {
        ...syntheticCtSlice({ key: 'e2e/verse012', patientName: 'VERSE^SUB012', patientId: 'sub-verse012', studyDate: '20190101', rows: nk, columns: nj }, i),
        SeriesDescription: 'VerSe 2019 sub-verse012 (CC BY-SA 4.0), sagittal',
        InstanceNumber: i + 1,
        ImagePositionPatient: voxelToPatient(ct, i, 0, nk - 1).map(format),
        ImageOrientationPatient: [...rowCosine, ...columnCosine].map(format),
        PixelSpacing: [format(length(alongK)), format(length(alongJ))],
        SliceThickness: format(length(affineColumn(ct, 0))),
        WindowCenter: '400',
        WindowWidth: '1800',
        RescaleIntercept: '0',
      },
      { kind: 'native', words: new Uint16Array(words.buffer) },
    );
    const path = join(dir, `verse012-${String(i).padStart(3, '0')}.dcm`);
    writeFileSync(path, bytes);
    paths.push(path);
  }
  return paths;
}
