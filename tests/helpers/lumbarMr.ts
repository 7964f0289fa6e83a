/**
 * Real lumbar MR with expert vertebral body masks, read for the assistance benchmark when present (never in the
 * project or ../shared: `LUMBAR_MR_DIR` names a folder laid out as the public repository JonathanRamos/fastcleverseg's
 * `ImageDatasets/VBs`, GPL-3.0, whose MATLAB files hold two public data sets resampled to isotropic voxels and 8 bits):
 *
 * - `VB2/Isotropic/Matlab/NN.mat`: Chu C et al. (PLoS One 2015;10:e0143327; Zenodo record 22304), sagittal T2 TSE at
 *   1.5 T of healthy lower spines, T11–L5 traced by hand as 3-D masks (1.25 mm pixels, 2 mm slices before resampling);
 * - `VB1/Isotropic/Matlab/NN.mat`: Zukić D et al. (Comput Graph Forum 2014;33:190), lumbar T1, T2 and TIRM of seven
 *   hospitals, fractures and spondylolisthesis among them, bodies traced on 3–4.4 mm sagittal slices.
 *
 * Each file holds `I` (the image) and `GT` (0 outside, one label per body) as rows × columns × slices with rows from
 * head to foot, columns from front to back and slices across. The files carry no geometry: the voxels are read as
 * 1 mm cubes (the VB2 images are 381 pixels across a 381 mm field, 305 pixels of 1.25 mm before), so heights are
 * compared in the same assumed millimetres on both sides.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seriesHeaderOf, type Volume } from '../../analysis';
import { SPINAL_LEVELS, type SixPoints, type SpinalLevel } from '../../measurement';
import { onSagittalPlane } from './assistData';
import { readMatFile } from './matFile';
import { referencePointsFromMask, type MaskSlice } from './maskReference';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LUMBAR_MR_DIR = process.env.LUMBAR_MR_DIR ?? resolve(ROOT, '../shared/real-spine/lumbar-mr-vbs');

/** The two data sets, each a folder of MAT files under LUMBAR_MR_DIR. */
export const LUMBAR_MR_SETS = [
  { key: 'VB2', folder: 'VB2/Isotropic/Matlab', description: 'sagittal T2 TSE at 1.5 T, healthy, T11–L5 (Chu et al. 2015)' },
  { key: 'VB1', folder: 'VB1/Isotropic/Matlab', description: 'lumbar T1, T2 and TIRM of seven hospitals, fractures among them (Zukić et al. 2014)' },
] as const;

export function lumbarMrAvailable(): boolean {
  return LUMBAR_MR_SETS.some((set) => existsSync(join(LUMBAR_MR_DIR, set.folder)));
}

/** The exams of one set present under LUMBAR_MR_DIR (the mirror of the repository may lack some images). */
export function lumbarMrExams(set: (typeof LUMBAR_MR_SETS)[number]): string[] {
  const folder = join(LUMBAR_MR_DIR, set.folder);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /^\d+\.mat$/.test(name))
    .sort()
    .map((name) => join(folder, name));
}

/** One body of an exam: its reference six points (patient LPS mm) and a level name. */
export interface LumbarMrBody {
  readonly level: SpinalLevel;
  readonly points: SixPoints;
}

/** Bodies whose mask comes this near the image's top or bottom row are cut by the field of view and left out, voxels. */
const EDGE_ROWS = 2;
/** Voxel size assumed, mm (see the module's comment). */
const VOXEL_MM = 1;

/**
 * One exam as an MR Volume and the reference points of each body traced whole, from head to foot, read from its mask on
 * the sagittal slice through the body's centroid (referencePointsFromMask, `insetMm` inside the walls, the axis
 * perpendicular to the mask's endplates: a lumbar body is nearly as high as deep, and its principal axes turn with
 * small changes of its outline). The bodies are named so that the last is L5 (VB2's T11–L5; VB1's levels are not
 * given, so there the names are only keys). Null when the file lacks `I` or `GT`.
 */
export function readLumbarMrExam(path: string, insetMm: number): { mr: Volume; bodies: LumbarMrBody[] } | null {
  const arrays = readMatFile(new Uint8Array(readFileSync(path)));
  const image = arrays.get('I');
  const labels = arrays.get('GT');
  if (!image || !labels || image.dimensions.length !== 3 || labels.dimensions.length !== 3) return null;
  const [rows, columns] = image.dimensions as [number, number, number];
  if (labels.dimensions[0] !== rows || labels.dimensions[1] !== columns) return null;
  const slices = Math.min(image.dimensions[2]!, labels.dimensions[2]!);
  const count = rows * columns * slices;
  // Voxel (i, j, k) is MATLAB's (row, column, slice): i from head to foot (−z), j from front to back (+y), k across (+x).
  const mr: Volume = {
    kind: 'volume',
    values: image.values.subarray(0, count) as Uint8Array,
    dimensions: [rows, columns, slices],
    originMm: [0, 0, 0],
    rowCosine: [0, 0, -1],
    columnCosine: [0, 1, 0],
    sliceCosine: [1, 0, 0],
    spacingMm: [VOXEL_MM, VOXEL_MM, VOXEL_MM],
    calibrated: true,
    header: seriesHeaderOf('MR', undefined)!,
  };
  const label = (i: number, j: number, k: number) => labels.values[i + j * rows + k * rows * columns]!;
  const found = new Map<number, { row: number; slice: number; voxels: number; cut: boolean }>();
  for (let k = 0; k < slices; k += 1) {
    for (let j = 0; j < columns; j += 1) {
      for (let i = 0; i < rows; i += 1) {
        const l = label(i, j, k);
        if (l === 0) continue;
        const s = found.get(l) ?? { row: 0, slice: 0, voxels: 0, cut: false };
        s.row += i;
        s.slice += k;
        s.voxels += 1;
        if (i < EDGE_ROWS || i >= rows - EDGE_ROWS) s.cut = true;
        found.set(l, s);
      }
    }
  }
  const ordered = [...found.entries()].filter(([, s]) => !s.cut).sort(([, a], [, b]) => a.row / a.voxels - b.row / b.voxels);
  const points: SixPoints[] = [];
  for (const [l, s] of ordered) {
    const k = Math.round(s.slice / s.voxels);
    // Slice columns a = j (towards the back: +y), rows b from the foot up (+z), as referencePointsFromMask expects.
    const slice: MaskSlice = {
      width: columns,
      height: rows,
      labelAt: (a, b) => (a < 0 || b < 0 || a >= columns || b >= rows ? 0 : label(rows - 1 - b, a, k)),
      toPatient: (a, b) => [a * VOXEL_MM, (b - (rows - 1)) * VOXEL_MM],
      spacingMm: [VOXEL_MM, VOXEL_MM],
    };
    const ref = referencePointsFromMask(slice, l, insetMm, 'endplates');
    if (ref) points.push(onSagittalPlane(ref, k * VOXEL_MM));
  }
  const last = SPINAL_LEVELS.indexOf('L5');
  return { mr, bodies: points.map((p, n) => ({ level: SPINAL_LEVELS[last - (points.length - 1) + n]!, points: p })) };
}
