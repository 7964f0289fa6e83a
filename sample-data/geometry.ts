import type { Spine } from './anatomy';
import { localToPatient } from './pose';
import type { ImagePlane } from './rasterize';
import { inferiorEndplateVMm, superiorEndplateVMm } from './vertebraShape';

/**
 * Where the images are, in patient mm. Both CTs share one grid: 512 × 512 at 0.7 mm, the first pixel at
 * x = y = −179.2 so that column 256 is exactly x = 0 (the midsagittal plane of the ground truth) and row 256 is y = 0;
 * slices 1 mm apart at whole-millimetre z, from 20 mm above T10 to 20 mm below L3, written top down.
 */
export const CT_MATRIX = 512;
export const CT_PIXEL_SPACING_MM = 0.7;
export const CT_ORIGIN_XY_MM = -256 * CT_PIXEL_SPACING_MM;
export const CT_SLICE_SPACING_MM = 1;
const CT_MARGIN_MM = 20;

/** The in-plane grid of an axial CT: a square matrix, its pixel spacing, and x = y of its first pixel, mm. */
export interface CtGrid {
  readonly matrix: number;
  readonly pixelSpacingMm: number;
  readonly originXyMm: number;
}

/** The phantom's grid (both its CTs): 512 × 512 at 0.7 mm, x = y = 0 at pixel 256. */
export const PHANTOM_CT_GRID: CtGrid = { matrix: CT_MATRIX, pixelSpacingMm: CT_PIXEL_SPACING_MM, originXyMm: CT_ORIGIN_XY_MM };

export interface CtGeometry {
  /** z of slice index 0 (instance 1, the most superior), mm. */
  readonly topZMm: number;
  readonly sliceCount: number;
}

/** z extent of a level's body: its endplate corners at the anterior and posterior walls, mm. */
function bodyZRangeMm(spine: Spine, level: string): [number, number] {
  const vertebra = spine.vertebrae.find((v) => v.shape.level === level);
  if (!vertebra) throw new Error(`bodyZRangeMm: no ${level}`);
  const halfDepthMm = vertebra.shape.depthMm / 2;
  const zs = [halfDepthMm, -halfDepthMm].flatMap((u) => [
    localToPatient(vertebra.frame, [u, superiorEndplateVMm(vertebra.shape, u, 0), 0])[2],
    localToPatient(vertebra.frame, [u, inferiorEndplateVMm(vertebra.shape, u, 0), 0])[2],
  ]);
  return [Math.min(...zs), Math.max(...zs)];
}

/** The CT slab for a spine: `from` (T10) to `to` (L3) with CT_MARGIN_MM on either side, whole-millimetre z. */
export function ctGeometry(spine: Spine, from = 'T10', to = 'L3'): CtGeometry {
  const topZMm = Math.ceil(bodyZRangeMm(spine, from)[1] + CT_MARGIN_MM);
  const bottomZMm = Math.floor(bodyZRangeMm(spine, to)[0] - CT_MARGIN_MM);
  return { topZMm, sliceCount: Math.round((topZMm - bottomZMm) / CT_SLICE_SPACING_MM) + 1 };
}

/**
 * Axial slice `index` (0 = top) on `grid` (the phantom's by default): rows run along +y, columns along +x
 * (ImageOrientationPatient 1\0\0\0\1\0).
 */
export function ctSlicePlane(geometry: CtGeometry, index: number, grid: CtGrid = PHANTOM_CT_GRID): ImagePlane {
  return {
    originMm: [grid.originXyMm, grid.originXyMm, geometry.topZMm - index * CT_SLICE_SPACING_MM],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    rowSpacingMm: grid.pixelSpacingMm,
    columnSpacingMm: grid.pixelSpacingMm,
    rows: grid.matrix,
    columns: grid.matrix,
  };
}

/**
 * The sagittal MR: 15 slices 3.5 mm apart (3 mm thick) with slice 8 exactly at x = 0; 256 rows along −z and 320
 * columns along +y at 0.9375 mm (ImageOrientationPatient 0\1\0\0\0\-1), a 300 × 240 mm field centred on the CT slab.
 */
export const MR_SLICE_COUNT = 15;
export const MR_SLICE_SPACING_MM = 3.5;
export const MR_SLICE_THICKNESS_MM = 3;
export const MR_PIXEL_SPACING_MM = 0.9375;
export const MR_ROWS = 256;
export const MR_COLUMNS = 320;
const MR_FIRST_Y_MM = -150;

/** x of MR slice `index` (0-based, right to left), mm; the middle one is 0. */
export function mrSliceXMm(index: number): number {
  return (index - (MR_SLICE_COUNT - 1) / 2) * MR_SLICE_SPACING_MM;
}

/** MR slice `index`, `rows` tall (MR_ROWS by default; more for a taller field), centred on the CT slab `ct`. */
export function mrSlicePlane(ct: CtGeometry, index: number, rows = MR_ROWS): ImagePlane {
  const centreZMm = Math.round(ct.topZMm - ((ct.sliceCount - 1) * CT_SLICE_SPACING_MM) / 2);
  return {
    originMm: [mrSliceXMm(index), MR_FIRST_Y_MM, centreZMm + (rows / 2) * MR_PIXEL_SPACING_MM],
    rowDirection: [0, 1, 0],
    columnDirection: [0, 0, -1],
    rowSpacingMm: MR_PIXEL_SPACING_MM,
    columnSpacingMm: MR_PIXEL_SPACING_MM,
    rows,
    columns: MR_COLUMNS,
  };
}
