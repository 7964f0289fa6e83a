import { signedDistanceToWallMm } from './crossSection';
import { isArchBone, isInCanal, isInCord } from './posteriorElements';
import type { Vec3 } from './pose';
import type { Scene, SceneVertebra } from './scene';
import { trunkTissueAt } from './bodyOutline';
import { Tissue as TISSUE } from './tissue';
import { missingValue } from './elementAt';
import { inferiorEndplateVMm, superiorEndplateVMm } from './vertebraShape';

/**
 * The tissue codes as a module constant: the loops below read them for every voxel, and under the test runner (Vite's
 * module runner) an imported name is a getter call on each read, which made rasterizing the phantom twice as slow.
 */
const Tissue = TISSUE;
type Tissue = TISSUE;

/** Thickness of the cortical shell of a body (walls and endplates), mm. */
export const CORTICAL_SHELL_MM = 2;
/** Discs bulge this far beyond the rims of the bodies, mm. */
const DISC_BULGE_MM = 0.5;
/** The nucleus is the part of the disc deeper than this inside the wall, mm; the rest is annulus. */
const NUCLEUS_INSET_MM = 7;

/** Local coordinates of the point in each candidate's frame, reused across the passes of tissueAt. */
const MAX_CANDIDATES = 16;
const scratchIndex = new Int32Array(MAX_CANDIDATES);
const scratchU = new Float64Array(MAX_CANDIDATES);
const scratchV = new Float64Array(MAX_CANDIDATES);

/**
 * Tissue at patient (x, y, z), looking only at `candidates` (indices into scene.vertebrae whose z range holds z).
 * Precedence: body, arch, disc, canal, trunk. Allocation-free: it runs for every voxel.
 */
export function tissueAt(scene: Scene, candidates: readonly number[], x: number, y: number, z: number): Tissue {
  const all = scene.vertebrae;
  let count = 0;
  for (const candidate of candidates) {
    const vertebra = all[candidate];
    if (vertebra === undefined) missingValue('scene vertebra', candidate, all.length);
    if (!inBox(vertebra, x, y, z)) continue;
    const dy = y - vertebra.centreY;
    const dz = z - vertebra.centreZ;
    scratchIndex[count] = candidate;
    scratchU[count] = dy * vertebra.anteriorY + dz * vertebra.anteriorZ;
    scratchV[count] = dy * vertebra.cranialY + dz * vertebra.cranialZ;
    count += 1;
  }
  if (count === 0) return trunkTissueAt(x, y, z);
  for (let k = 0; k < count; k += 1) {
    const vertebra = candidateAt(all, k);
    const tissue = bodyTissueAt(vertebra, localU(k), localV(k), x - vertebra.centreX);
    if (tissue !== Tissue.air) return tissue;
  }
  for (let k = 0; k < count; k += 1) {
    const vertebra = candidateAt(all, k);
    if (isArchBone(vertebra.arch, localU(k), localV(k), x - vertebra.centreX)) return Tissue.posteriorElementBone;
  }
  for (let k = 0; k < count; k += 1) {
    const index = candidateIndex(k);
    const upper = all[index];
    const lower = all[index + 1];
    if (upper === undefined) missingValue('scene vertebra', index, all.length);
    if (lower === undefined) continue;
    const tissue = discTissueAt(upper, lower, x, y, z);
    if (tissue !== Tissue.air) return tissue;
  }
  for (let k = 0; k < count; k += 1) {
    const vertebra = candidateAt(all, k);
    const u = localU(k);
    const v = localV(k);
    const w = x - vertebra.centreX;
    if (v < vertebra.canalVMinMm || v > vertebra.canalVMaxMm || !isInCanal(vertebra.arch, u, w)) continue;
    return isInCord(vertebra.arch, u, v, w) ? Tissue.spinalCord : Tissue.csf;
  }
  return trunkTissueAt(x, y, z);
}

/** Index into scene.vertebrae of the k-th candidate of the current voxel. */
function candidateIndex(k: number): number {
  const index = scratchIndex[k];
  if (index === undefined) missingValue('candidate index', k, MAX_CANDIDATES);
  return index;
}

/** The k-th candidate vertebra of the current voxel. */
function candidateAt(all: readonly SceneVertebra[], k: number): SceneVertebra {
  const index = candidateIndex(k);
  const vertebra = all[index];
  if (vertebra === undefined) missingValue('scene vertebra', index, all.length);
  return vertebra;
}

/** Local u of the current voxel in the k-th candidate's frame, mm. */
function localU(k: number): number {
  const u = scratchU[k];
  if (u === undefined) missingValue('local u', k, MAX_CANDIDATES);
  return u;
}

/** Local v of the current voxel in the k-th candidate's frame, mm. */
function localV(k: number): number {
  const v = scratchV[k];
  if (v === undefined) missingValue('local v', k, MAX_CANDIDATES);
  return v;
}

function inBox(vertebra: SceneVertebra, x: number, y: number, z: number): boolean {
  return (
    z >= vertebra.zMinMm &&
    z <= vertebra.zMaxMm &&
    y >= vertebra.yMinMm &&
    y <= vertebra.yMaxMm &&
    Math.abs(x - vertebra.centreX) <= vertebra.xMaxAbsMm
  );
}

/** Tissue of the vertebral body at local (u, v, w), or air when the point is not in the body. */
function bodyTissueAt(vertebra: SceneVertebra, u: number, v: number, w: number): Tissue {
  if (v < vertebra.bodyVMinMm || v > vertebra.bodyVMaxMm) return Tissue.air;
  const wallMm = signedDistanceToWallMm(vertebra.map, u, w);
  if (wallMm >= 0) return Tissue.air;
  const aboveInferiorMm = v - inferiorEndplateVMm(vertebra.shape, u, w);
  const belowSuperiorMm = superiorEndplateVMm(vertebra.shape, u, w) - v;
  if (aboveInferiorMm <= 0 || belowSuperiorMm <= 0) return Tissue.air;
  const depthMm = Math.min(-wallMm, aboveInferiorMm, belowSuperiorMm);
  if (depthMm < CORTICAL_SHELL_MM) return Tissue.corticalBone;
  const balls = vertebra.cementBalls;
  // Cement stays off the shell by half a millimetre: the cortex around it is still visible.
  if (depthMm >= CORTICAL_SHELL_MM + 0.5) {
    for (const ball of balls) {
      const [cu, cv, cw] = ball.centre;
      const r = ball.radiusMm;
      if ((u - cu) ** 2 + (v - cv) ** 2 + (w - cw) ** 2 <= r * r) return Tissue.cement;
    }
  }
  return vertebra.shape.marrow === 'oedema' ? Tissue.oedematousBone : Tissue.cancellousBone;
}

/**
 * Disc between `upper` and `lower`: below the upper inferior endplate, above the lower superior endplate, and within
 * either body's outline (plus a small bulge). Air when the point is not in this disc.
 */
function discTissueAt(upper: SceneVertebra, lower: SceneVertebra, x: number, y: number, z: number): Tissue {
  let dy = y - upper.centreY;
  let dz = z - upper.centreZ;
  const uUpper = dy * upper.anteriorY + dz * upper.anteriorZ;
  const vUpper = dy * upper.cranialY + dz * upper.cranialZ;
  const wUpper = x - upper.centreX;
  if (vUpper > upper.bodyVMaxMm) return Tissue.air;
  dy = y - lower.centreY;
  dz = z - lower.centreZ;
  const uLower = dy * lower.anteriorY + dz * lower.anteriorZ;
  const vLower = dy * lower.cranialY + dz * lower.cranialZ;
  const wLower = x - lower.centreX;
  if (vLower < lower.bodyVMinMm) return Tissue.air;
  const wallMm = Math.min(
    signedDistanceToWallMm(upper.map, uUpper, wUpper),
    signedDistanceToWallMm(lower.map, uLower, wLower),
  );
  if (wallMm > DISC_BULGE_MM) return Tissue.air;
  if (vUpper >= inferiorEndplateVMm(upper.shape, uUpper, wUpper)) return Tissue.air;
  if (vLower <= superiorEndplateVMm(lower.shape, uLower, wLower)) return Tissue.air;
  return wallMm < -NUCLEUS_INSET_MM ? Tissue.discNucleus : Tissue.discAnnulus;
}

/**
 * A planar grid of sample points, as in a DICOM image: pixel (row r, column c) is at
 * originMm + c · columnSpacingMm · rowDirection + r · rowSpacingMm · columnDirection.
 */
export interface ImagePlane {
  readonly originMm: Vec3;
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
  readonly rowSpacingMm: number;
  readonly columnSpacingMm: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * Columns [first, last] of a row where the row's line p(c) = start + c · step lies in the vertebra's box, or null.
 * Each axis bounds c to an interval; the row's range is their intersection.
 */
function columnRangeInBox(
  vertebra: SceneVertebra,
  start: Vec3,
  step: Vec3,
  columns: number,
): readonly [number, number] | null {
  let low = 0;
  let high = columns - 1;
  const limits: [number, number, number, number][] = [
    [start[0], step[0], vertebra.centreX - vertebra.xMaxAbsMm, vertebra.centreX + vertebra.xMaxAbsMm],
    [start[1], step[1], vertebra.yMinMm, vertebra.yMaxMm],
    [start[2], step[2], vertebra.zMinMm, vertebra.zMaxMm],
  ];
  for (const [origin, delta, min, max] of limits) {
    if (delta === 0) {
      if (origin < min || origin > max) return null;
      continue;
    }
    const a = (min - origin) / delta;
    const b = (max - origin) / delta;
    low = Math.max(low, Math.ceil(Math.min(a, b)));
    high = Math.min(high, Math.floor(Math.max(a, b)));
  }
  return low <= high ? [low, high] : null;
}

/**
 * Fills `out` (rows × columns, row-major) with the tissue at every pixel centre of the plane. Per row, only the
 * vertebrae whose boxes the row crosses are consulted, and only within the columns where it crosses them.
 */
export function rasterizePlane(scene: Scene, plane: ImagePlane, out: Uint8Array): void {
  const [ox, oy, oz] = plane.originMm;
  const step: Vec3 = [
    plane.rowDirection[0] * plane.columnSpacingMm,
    plane.rowDirection[1] * plane.columnSpacingMm,
    plane.rowDirection[2] * plane.columnSpacingMm,
  ];
  const [cx, cy, cz] = [
    plane.columnDirection[0] * plane.rowSpacingMm,
    plane.columnDirection[1] * plane.rowSpacingMm,
    plane.columnDirection[2] * plane.rowSpacingMm,
  ];
  for (let r = 0; r < plane.rows; r += 1) {
    const start: Vec3 = [ox + r * cx, oy + r * cy, oz + r * cz];
    const candidates: number[] = [];
    let first = plane.columns;
    let last = -1;
    scene.vertebrae.forEach((vertebra, i) => {
      const range = columnRangeInBox(vertebra, start, step, plane.columns);
      if (!range) return;
      candidates.push(i);
      first = Math.min(first, range[0]);
      last = Math.max(last, range[1]);
    });
    const rowOffset = r * plane.columns;
    for (let c = 0; c < plane.columns; c += 1) {
      const x = start[0] + c * step[0];
      const y = start[1] + c * step[1];
      const z = start[2] + c * step[2];
      out[rowOffset + c] = c >= first && c <= last ? tissueAt(scene, candidates, x, y, z) : trunkTissueAt(x, y, z);
    }
  }
}
