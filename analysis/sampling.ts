import type { PlaneImage, Volume } from './image';
import type { Vec3 } from './vec';

/** The world → continuous voxel index map of a volume: index = inverse · (p − origin). */
export interface VoxelMap {
  readonly volume: Volume;
  /** Row-major 3 × 3 inverse of [rowCosine·Δc | columnCosine·Δr | sliceCosine·Δs]. */
  readonly inverse: readonly number[];
}

/** Precomputes the world → voxel index map of a validated volume. */
export function voxelMapOf(volume: Volume): VoxelMap {
  const [dc, dr, ds] = volume.spacingMm;
  const a = volume.rowCosine.map((v) => v * dc);
  const b = volume.columnCosine.map((v) => v * dr);
  const c = volume.sliceCosine.map((v) => v * ds);
  // Columns of M are a, b, c; inverse by the adjugate.
  const m = [a[0]!, b[0]!, c[0]!, a[1]!, b[1]!, c[1]!, a[2]!, b[2]!, c[2]!];
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = m as [number, number, number, number, number, number, number, number, number];
  const det = m0 * (m4 * m8 - m5 * m7) - m1 * (m3 * m8 - m5 * m6) + m2 * (m3 * m7 - m4 * m6);
  const inverse = [
    (m4 * m8 - m5 * m7) / det, (m2 * m7 - m1 * m8) / det, (m1 * m5 - m2 * m4) / det,
    (m5 * m6 - m3 * m8) / det, (m0 * m8 - m2 * m6) / det, (m2 * m3 - m0 * m5) / det,
    (m3 * m7 - m4 * m6) / det, (m1 * m6 - m0 * m7) / det, (m0 * m4 - m1 * m3) / det,
  ];
  return { volume, inverse };
}

/** Interpolation weight and lower index along one axis, or null outside [0, n − 1] (a single slice accepts ±0.5). */
function axisCell(index: number, n: number): [number, number] | null {
  if (n === 1) return Math.abs(index) <= 0.5 ? [0, 0] : null;
  if (!(index >= 0 && index <= n - 1)) return null;
  const lower = Math.min(Math.floor(index), n - 2);
  return [lower, index - lower];
}

/** Trilinear value of the volume at patient point p (mm); NaN outside the volume. */
export function volumeValueAt(map: VoxelMap, p: Vec3): number {
  return volumeValueAtXyz(map, p[0], p[1], p[2]);
}

/** volumeValueAt for a point given as three numbers (no array per sample in the inner loops). */
export function volumeValueAtXyz(map: VoxelMap, x: number, y: number, z: number): number {
  const { volume, inverse: q } = map;
  const dx = x - volume.originMm[0];
  const dy = y - volume.originMm[1];
  const dz = z - volume.originMm[2];
  const i = q[0]! * dx + q[1]! * dy + q[2]! * dz;
  const j = q[3]! * dx + q[4]! * dy + q[5]! * dz;
  const k = q[6]! * dx + q[7]! * dy + q[8]! * dz;
  const [nc, nr, ns] = volume.dimensions;
  const ci = axisCell(i, nc);
  const cj = axisCell(j, nr);
  const ck = axisCell(k, ns);
  if (!ci || !cj || !ck) return Number.NaN;
  const [i0, fi] = ci;
  const [j0, fj] = cj;
  const [k0, fk] = ck;
  const v = volume.values;
  const di = nc > 1 ? 1 : 0;
  const dj = nr > 1 ? nc : 0;
  const dk = ns > 1 ? nc * nr : 0;
  const base = i0 + j0 * nc + k0 * nc * nr;
  const c00 = v[base]! * (1 - fi) + v[base + di]! * fi;
  const c10 = v[base + dj]! * (1 - fi) + v[base + dj + di]! * fi;
  const c01 = v[base + dk]! * (1 - fi) + v[base + dk + di]! * fi;
  const c11 = v[base + dk + dj]! * (1 - fi) + v[base + dk + dj + di]! * fi;
  return (c00 * (1 - fj) + c10 * fj) * (1 - fk) + (c01 * (1 - fj) + c11 * fj) * fk;
}

/** Bilinear value of a plane image at (x mm along rowCosine, y mm along columnCosine) from pixel (0, 0); NaN outside. */
export function planeValueAt(plane: PlaneImage, xMm: number, yMm: number): number {
  const c = xMm / plane.columnSpacingMm;
  const r = yMm / plane.rowSpacingMm;
  const cc = axisCell(c, plane.columns);
  const cr = axisCell(r, plane.rows);
  if (!cc || !cr) return Number.NaN;
  const [c0, fc] = cc;
  const [r0, fr] = cr;
  const v = plane.values;
  const base = c0 + r0 * plane.columns;
  const top = v[base]! * (1 - fc) + v[base + 1]! * fc;
  const bottom = v[base + plane.columns]! * (1 - fc) + v[base + plane.columns + 1]! * fc;
  return top * (1 - fr) + bottom * fr;
}
