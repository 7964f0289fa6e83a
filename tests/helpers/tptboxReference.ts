import type { Vec3 } from '../../analysis';
import { WALL_INSET_MM } from '../../analysis';
import type { Nifti } from './assistData';

/**
 * Reference heights of the one complete body of a TPTBox sample crop (the MR of ../shared/real-spine/tptbox-sample-mri/,
 * the CT of assistData.ts TPTBOX_CT_DIR) from its masks, read along the body's own axis, and the mask's extent along any
 * line on its slice: shared by the node tests (tests/unit/analysisTptboxMr.test.ts, analysisTptboxCt.test.ts), the
 * browser test (tests/e2e/assistRealScans.test.ts) and `npm run bench:assist`.
 */

/** Which labels of a TPTBox crop's masks make up its complete body. */
export interface BodyLabels {
  /** The body's label in the vertebra mask. */
  readonly instance: number;
  /** Its labels in the sub-region mask that are the corpus (the vertebral body). */
  readonly corpus: readonly number[];
  /** Vertebra-mask labels of endplate layers, counted where they touch the corpus. */
  readonly endplateLayers: readonly number[];
}

/** The sample MR's complete body: instance 6, corpus 49, endplate layers 205 and 206 (README of the data). */
export const TPTBOX_MR_BODY: BodyLabels = { instance: 6, corpus: [49], endplateLayers: [205, 206] };
/**
 * The sample CT's complete body (tests/helpers/assistData.ts TPTBOX_CT_DIR): L3, VerSe label 22, its corpus the
 * sub-regions 49 (the corpus' border, its cortex) and 50 (its inside); no endplate layers.
 */
export const TPTBOX_CT_BODY: BodyLabels = { instance: 22, corpus: [49, 50], endplateLayers: [] };
/** The mask's heights are read over this span inside each wall, mm (as the proposal's corner points: 1 mm inside). */
const CORNER_SPAN_MM: readonly [number, number] = [WALL_INSET_MM, 4];
/** ...and over ±this around mid-depth, mm. */
const MIDDLE_SPAN_MM = 1;
/** The endplates' direction is fitted over this central share of the body's depth (0–1), clear of the rims. */
const CENTRAL_SHARE = 0.6;
const STEP_MM = 0.1;

export interface BodyReference {
  readonly heightsMm: { readonly anteriorMm: number; readonly middleMm: number; readonly posteriorMm: number };
  /** The body's centre on the slice (mid-depth, mid-height), patient LPS mm. */
  readonly centreMm: Vec3;
  /** The body mask on the slice, bilinear (0–1), at patient (y, z) mm. */
  readonly maskAt: (yMm: number, zMm: number) => number;
}

function medianOf(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[sorted.length >> 1]!;
}

/**
 * Heights of the complete body (`body`'s labels) from its masks on the sagittal slice through its centroid, independent
 * of the image: the body is the corpus with the endplate layers that touch it; its endplates' mean direction (least-squares lines of
 * its top and bottom edges over CENTRAL_SHARE of its depth) sets the axis; across that axis the mask's extent (where the
 * bilinear 0/1 mask crosses 0.5) is read every STEP_MM, and Ha, Hp are its medians over CORNER_SPAN_MM inside the
 * walls, Hm over ±MIDDLE_SPAN_MM around mid-depth.
 */
export function bodyReference(vert: Nifti, subreg: Nifti, body: BodyLabels = TPTBOX_MR_BODY): BodyReference | null {
  const isCorpus = (x: number) => vert.values[x] === body.instance && body.corpus.includes(subreg.values[x]!);
  const [ni, nj, nk] = vert.dimensions;
  const a = vert.affineLps;
  let sumK = 0;
  let count = 0;
  for (let x = 0; x < ni * nj * nk; x += 1) {
    if (isCorpus(x)) {
      sumK += Math.floor(x / (ni * nj));
      count += 1;
    }
  }
  if (count === 0) return null;
  const k = Math.round(sumK / count);
  const index = (i: number, j: number) => i + j * ni + k * ni * nj;
  const inside = (i: number, j: number) => i >= 0 && j >= 0 && i < ni && j < nj;
  const corpus = (i: number, j: number) => inside(i, j) && isCorpus(index(i, j));
  const mask = new Uint8Array(ni * nj);
  for (let j = 0; j < nj; j += 1) {
    for (let i = 0; i < ni; i += 1) {
      const layer = body.endplateLayers.includes(vert.values[index(i, j)]!) && [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([di, dj]) => corpus(i + di!, j + dj!));
      if (corpus(i, j) || layer) mask[i + j * ni] = 1;
    }
  }
  // Patient (y, z) of voxel (i, j) on slice k, and back (the slice is sagittal: x is constant on it).
  const y0 = a[1]![2]! * k + a[1]![3]!;
  const z0 = a[2]![2]! * k + a[2]![3]!;
  const x = a[0]![2]! * k + a[0]![3]!;
  const [m00, m01, m10, m11] = [a[1]![0]!, a[1]![1]!, a[2]![0]!, a[2]![1]!];
  const det = m00 * m11 - m01 * m10;
  const maskAt = (y: number, z: number): number => {
    const fi = (m11 * (y - y0) - m01 * (z - z0)) / det;
    const fj = (-m10 * (y - y0) + m00 * (z - z0)) / det;
    const i0 = Math.floor(fi);
    const j0 = Math.floor(fj);
    const m = (i: number, j: number) => (inside(i, j) ? mask[i + j * ni]! : 0);
    const ti = fi - i0;
    const tj = fj - j0;
    return (m(i0, j0) * (1 - ti) + m(i0 + 1, j0) * ti) * (1 - tj) + (m(i0, j0 + 1) * (1 - ti) + m(i0 + 1, j0 + 1) * ti) * tj;
  };
  let yMin = Infinity;
  let yMax = -Infinity;
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let j = 0; j < nj; j += 1) {
    for (let i = 0; i < ni; i += 1) {
      if (!mask[i + j * ni]) continue;
      const y = m00 * i + m01 * j + y0;
      const z = m10 * i + m11 * j + z0;
      [yMin, yMax, zMin, zMax] = [Math.min(yMin, y), Math.max(yMax, y), Math.min(zMin, z), Math.max(zMax, z)];
    }
  }
  // The top and bottom edges of the mask at each y of its central part, and their least-squares slopes dz/dy.
  const edges: [number, number, number][] = [];
  const margin = ((1 - CENTRAL_SHARE) / 2) * (yMax - yMin);
  for (let y = yMin + margin; y <= yMax - margin; y += STEP_MM * 5) {
    let top = Number.NaN;
    let bottom = Number.NaN;
    for (let z = zMin - 3; z <= zMax + 3; z += STEP_MM) {
      if (maskAt(y, z) >= 0.5) {
        if (Number.isNaN(bottom)) bottom = z;
        top = z;
      }
    }
    if (Number.isFinite(top)) edges.push([y, top, bottom]);
  }
  const slope = (e: 1 | 2): number => {
    const my = edges.reduce((s, p) => s + p[0], 0) / edges.length;
    const mz = edges.reduce((s, p) => s + p[e], 0) / edges.length;
    const sxy = edges.reduce((s, p) => s + (p[0] - my) * (p[e] - mz), 0);
    const sxx = edges.reduce((s, p) => s + (p[0] - my) ** 2, 0);
    return sxy / sxx;
  };
  const endplateSlope = (slope(1) + slope(2)) / 2;
  // Anterior is −y; the axis is perpendicular to the endplates, towards the head (+z).
  const norm = Math.hypot(1, endplateSlope);
  const anterior = [-1 / norm, -endplateSlope / norm] as const;
  const cranial = anterior[1] <= 0 ? ([-anterior[1], anterior[0]] as const) : ([anterior[1], -anterior[0]] as const);
  const cy = (yMin + yMax) / 2;
  const cz = (zMin + zMax) / 2;
  const reach = Math.hypot(yMax - yMin, zMax - zMin);
  const extent = (u: number): { height: number; middle: number } => {
    let low = Number.NaN;
    let high = Number.NaN;
    for (let v = -reach; v <= reach; v += STEP_MM) {
      if (maskAt(cy + anterior[0] * u + cranial[0] * v, cz + anterior[1] * u + cranial[1] * v) >= 0.5) {
        if (Number.isNaN(low)) low = v;
        high = v;
      }
    }
    return { height: high - low + STEP_MM, middle: (high + low) / 2 };
  };
  let front = -Infinity;
  let back = Infinity;
  for (let u = -reach; u <= reach; u += STEP_MM) {
    if (Number.isFinite(extent(u).height)) {
      front = Math.max(front, u);
      back = Math.min(back, u);
    }
  }
  const heightsOver = (from: number, to: number) => {
    const values: number[] = [];
    for (let u = from; u <= to + 1e-9; u += STEP_MM * 2.5) values.push(extent(u).height);
    return medianOf(values);
  };
  const mid = (front + back) / 2;
  const middle = extent(mid).middle;
  return {
    heightsMm: {
      anteriorMm: heightsOver(front - CORNER_SPAN_MM[1], front - CORNER_SPAN_MM[0]),
      middleMm: heightsOver(mid - MIDDLE_SPAN_MM, mid + MIDDLE_SPAN_MM),
      posteriorMm: heightsOver(back + CORNER_SPAN_MM[0], back + CORNER_SPAN_MM[1]),
    },
    centreMm: [x, cy + anterior[0] * mid + cranial[0] * middle, cz + anterior[1] * mid + cranial[1] * middle],
    maskAt,
  };
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** How far beyond a proposed point the mask's boundary is looked for, mm: a miss by more shows as a larger error anyway. */
const LINE_REACH_MM = 5;

/**
 * The mask's extent along the line through `from` and `to` (patient mm, on the slice), from LINE_REACH_MM before
 * `from` to LINE_REACH_MM beyond `to`: first entry to last exit, so a line along a concave wall that leaves the mask at
 * the waist still spans the body.
 */
export function maskExtentMm(reference: BodyReference, from: Vec3, to: Vec3): number {
  const length = distance(from, to);
  const d = [(to[1] - from[1]) / length, (to[2] - from[2]) / length] as const;
  let first = Number.NaN;
  let last = Number.NaN;
  for (let t = -LINE_REACH_MM; t <= length + LINE_REACH_MM; t += STEP_MM) {
    if (reference.maskAt(from[1] + d[0] * t, from[2] + d[1] * t) >= 0.5) {
      if (Number.isNaN(first)) first = t;
      last = t;
    }
  }
  return last - first + STEP_MM;
}

