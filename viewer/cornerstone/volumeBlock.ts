import type { PlaneImage, Volume } from '../../analysis/image';
import type { PlaneSpec } from '../../analysis/samplePlane';
import { voxelMapOf } from '../../analysis/sampling';
import type { Vec3 } from '../../analysis/vec';

/** A volume held as one array per slice (cornerstone keeps each slice in its image cache), without its values. */
export interface SlicedVolume {
  readonly dimensions: readonly [number, number, number];
  readonly originMm: Vec3;
  readonly rowCosine: Vec3;
  readonly columnCosine: Vec3;
  readonly sliceCosine: Vec3;
  readonly spacingMm: readonly [number, number, number];
  /** The values of slice k (columns × rows, modality units), or null when it is not loaded (read as 0). */
  readonly sliceValues: (k: number) => ArrayLike<number> | null;
}

/**
 * Voxels kept beyond the plane's extent on each side: trilinear sampling reads the next voxel, and a block at least two
 * voxels deep keeps the sampler's interpolation the same as on the whole volume.
 */
const BLOCK_MARGIN_VOXELS = 1;

const addScaled = (p: Vec3, v: Vec3, s: number): Vec3 => [p[0] + v[0] * s, p[1] + v[1] * s, p[2] + v[2] * s];

/** The volume's shape without its values, and the continuous voxel index (column, row, slice) of a patient point in it. */
function indexing(volume: SlicedVolume): { readonly geometry: Volume; readonly toIndex: (p: Vec3) => Vec3 } {
  const { dimensions, originMm, rowCosine, columnCosine, sliceCosine, spacingMm } = volume;
  const geometry: Volume = { kind: 'volume', values: new Float32Array(0), dimensions, originMm, rowCosine, columnCosine, sliceCosine, spacingMm, calibrated: true };
  const q = voxelMapOf(geometry).inverse;
  const toIndex = (p: Vec3): Vec3 => {
    const d: Vec3 = [p[0] - originMm[0], p[1] - originMm[1], p[2] - originMm[2]];
    const row = (r: number) => q[3 * r]! * d[0] + q[3 * r + 1]! * d[1] + q[3 * r + 2]! * d[2];
    return [row(0), row(1), row(2)];
  };
  return { geometry, toIndex };
}

/**
 * The part of a volume that sampling `plane` reads: the voxel box around the plane's four corners (with a margin),
 * copied out slice by slice into a small volume in the same patient space. Sampling the plane on it gives the values
 * of sampling the whole volume, without assembling the whole volume (a 1,000-slice 512² series is 500 MB as Int16).
 * Null when the plane lies outside the volume.
 */
export function planeBlock(volume: SlicedVolume, plane: PlaneSpec): Volume | null {
  const [nc, nr, ns] = volume.dimensions;
  const { geometry, toIndex } = indexing(volume);
  const acrossMm = (plane.columns - 1) * plane.spacingMm;
  const downMm = (plane.rows - 1) * plane.spacingMm;
  const corners = [
    plane.originMm,
    addScaled(plane.originMm, plane.rowCosine, acrossMm),
    addScaled(plane.originMm, plane.columnCosine, downMm),
    addScaled(addScaled(plane.originMm, plane.rowCosine, acrossMm), plane.columnCosine, downMm),
  ].map(toIndex);
  const range = (axis: 0 | 1 | 2, n: number): [number, number] | null => {
    const values = corners.map((c) => c[axis]);
    if (!values.every(Number.isFinite)) return [0, n - 1];
    const low = Math.max(0, Math.floor(Math.min(...values)) - BLOCK_MARGIN_VOXELS);
    const high = Math.min(n - 1, Math.ceil(Math.max(...values)) + BLOCK_MARGIN_VOXELS);
    return low <= high ? [low, high] : null;
  };
  const ri = range(0, nc);
  const rj = range(1, nr);
  const rk = range(2, ns);
  if (!ri || !rj || !rk) return null;
  const [i0, i1] = ri;
  const [j0, j1] = rj;
  const [k0, k1] = rk;
  const bc = i1 - i0 + 1;
  const br = j1 - j0 + 1;
  const bs = k1 - k0 + 1;
  const values = new Float32Array(bc * br * bs);
  for (let k = k0; k <= k1; k += 1) {
    const slice = volume.sliceValues(k);
    if (!slice) continue;
    const sliceStart = (k - k0) * bc * br;
    for (let j = j0; j <= j1; j += 1) {
      const from = i0 + j * nc;
      const to = sliceStart + (j - j0) * bc;
      for (let i = 0; i < bc; i += 1) values[to + i] = slice[from + i]!;
    }
  }
  const [dc, dr, ds] = volume.spacingMm;
  const originMm = addScaled(addScaled(addScaled(volume.originMm, volume.rowCosine, i0 * dc), volume.columnCosine, j0 * dr), volume.sliceCosine, k0 * ds);
  return { ...geometry, values, dimensions: [bc, br, bs], originMm };
}

/**
 * `plane` sampled from a sliced volume at the nearest voxel of each pixel (NaN outside the volume or on a slice not
 * loaded), straight from the slices: no block is copied and nothing interpolated. For searching many planes coarsely
 * (a 1,000-slice series: a block per plane would copy 1.5 million voxels); measuring reads planeBlock's trilinear planes.
 */
export function nearestPlane(volume: SlicedVolume, plane: PlaneSpec): PlaneImage {
  const [nc, nr, ns] = volume.dimensions;
  const { toIndex } = indexing(volume);
  // The first pixel's continuous voxel index, and its steps along the plane's two axes.
  const start = toIndex(plane.originMm);
  const stepAcross = toIndex(addScaled(plane.originMm, plane.rowCosine, plane.spacingMm)).map((x, a) => x - start[a]!);
  const stepDown = toIndex(addScaled(plane.originMm, plane.columnCosine, plane.spacingMm)).map((x, a) => x - start[a]!);
  const values = new Float32Array(plane.columns * plane.rows).fill(Number.NaN);
  for (let r = 0; r < plane.rows; r += 1) {
    for (let c = 0; c < plane.columns; c += 1) {
      const i = Math.round(start[0] + c * stepAcross[0]! + r * stepDown[0]!);
      const j = Math.round(start[1] + c * stepAcross[1]! + r * stepDown[1]!);
      const k = Math.round(start[2] + c * stepAcross[2]! + r * stepDown[2]!);
      if (i < 0 || j < 0 || k < 0 || i >= nc || j >= nr || k >= ns) continue;
      const slice = volume.sliceValues(k);
      if (slice) values[c + r * plane.columns] = slice[i + j * nc]!;
    }
  }
  return {
    kind: 'plane',
    values,
    columns: plane.columns,
    rows: plane.rows,
    originMm: plane.originMm,
    rowCosine: plane.rowCosine,
    columnCosine: plane.columnCosine,
    columnSpacingMm: plane.spacingMm,
    rowSpacingMm: plane.spacingMm,
    calibrated: true,
  };
}
