import type { SixPoints, Vec3 } from '../../measurement';
import { voxelIndex, voxelToLps, type NiftiVolume } from './nifti';

/**
 * Six morphometry points of one vertebral body derived from an expert label mask (e.g. VerSe), for tests and
 * benchmarks that need points a careful reader could have placed. The derivation, in the vertebra's mid-sagittal
 * slice:
 *
 * 1. The slice: the sagittal voxel slice nearest the mean left–right index of the label's voxels.
 * 2. The body: of the label's 4-connected pieces on that slice, the most anterior one (on the mid-line the posterior
 *    elements are a separate piece behind the spinal canal).
 * 3. The body's frame: the endplates' mean tilt, from straight-line fits of the topmost and the bottommost body pixel
 *    of each antero-posterior column over the central 60 % of the body's depth (the corners and rims left out).
 * 4. The walls: the four corners are the body pixels farthest along the frame's diagonals (anterior-superior =
 *    most anterior + most superior, …); the anterior wall lies midway between the two anterior corners along the
 *    frame's antero-posterior axis, the posterior wall likewise.
 * 5. The points: along the frame's cranial axis, on lines `insetMm` inside each wall ("endplate corners just inside
 *    the walls", away from the rounded rims), the superior and inferior points are where that line leaves the body:
 *    on the outer endplate surface (the edge of the last body voxel), as in the phantom's ground truth. The middle
 *    points lie on the line through the central third of the depth (between the walls) where the body is lowest: on a
 *    depressed endplate that is its deepest point, where a reader puts them; on a normal one it is the shallow central
 *    concavity. With `middle: 'midpoint'` they lie exactly midway between the walls instead.
 *
 * The volume must be aligned with the patient axes (each voxel axis along one of left–right, antero-posterior,
 * head–foot), as VerSe's sagittal CTs are; anything else throws.
 */
export interface MaskLandmarksOptions {
  /** How far inside the anterior and posterior walls the anterior and posterior heights are taken, mm; 2 unless given. */
  readonly insetMm?: number | undefined;
  /** The sagittal voxel slice to use instead of the one nearest the label's mean left–right index. */
  readonly slice?: number | undefined;
  /** Where the middle points go: 'deepest' (default) or 'midpoint' between the walls (see step 5). */
  readonly middle?: 'deepest' | 'midpoint' | undefined;
}

/** The six points (LPS, mm) and what they were derived from. */
export interface MaskLandmarks {
  readonly points: SixPoints;
  /** The sagittal voxel slice used. */
  readonly slice: number;
  /** Tilt of the endplates: degrees of the antero-posterior axis above the patient's posterior direction. */
  readonly tiltDeg: number;
}

type Axis = 0 | 1 | 2;

/** For each patient axis (LPS x, y, z) the voxel axis along it, and the sign and size of a voxel step along it, mm. */
function patientAxes(volume: NiftiVolume): ReadonlyArray<{ voxelAxis: Axis; stepMm: number }> {
  const origin = voxelToLps(volume, 0, 0, 0);
  const steps = ([0, 1, 2] as const).map((axis) => {
    const next = voxelToLps(volume, axis === 0 ? 1 : 0, axis === 1 ? 1 : 0, axis === 2 ? 1 : 0);
    return [next[0] - origin[0], next[1] - origin[1], next[2] - origin[2]] as const;
  });
  return ([0, 1, 2] as const).map((patientAxis) => {
    const along = steps.map((step, voxelAxis) => ({ voxelAxis: voxelAxis as Axis, stepMm: step[patientAxis] }));
    const best = along.reduce((a, b) => (Math.abs(b.stepMm) > Math.abs(a.stepMm) ? b : a));
    const length = Math.hypot(...(steps[best.voxelAxis] ?? [0, 0, 0]));
    if (Math.abs(Math.abs(best.stepMm) - length) > 1e-3 * length) {
      throw new Error('maskLandmarks needs a volume whose voxel axes run along the patient axes; this one is oblique.');
    }
    return best;
  });
}

/** Six points of the body labelled `label` in `mask` (see the derivation above); throws when the label is absent. */
export function maskLandmarks(mask: NiftiVolume, label: number, options: MaskLandmarksOptions = {}): MaskLandmarks {
  const insetMm = options.insetMm ?? 2;
  const axes = patientAxes(mask);
  const [lr, ap, si] = axes as [(typeof axes)[number], (typeof axes)[number], (typeof axes)[number]];
  const voxel = (indices: Record<Axis, number>): number => voxelIndex(mask, indices[0], indices[1], indices[2]);

  // 1. The mid-sagittal slice.
  let sum = 0;
  let count = 0;
  const [n0, n1, n2] = mask.dims;
  for (let k = 0; k < n2; k += 1)
    for (let j = 0; j < n1; j += 1)
      for (let i = 0; i < n0; i += 1) {
        if (mask.voxels[voxelIndex(mask, i, j, k)] !== label) continue;
        sum += [i, j, k][lr.voxelAxis] ?? 0;
        count += 1;
      }
  if (count === 0) throw new Error(`Label ${label} is not in the mask.`);
  const slice = options.slice ?? Math.round(sum / count);

  // 2. The label's pixels on the slice, as (a, s) = (antero-posterior, head-foot) voxel indices; 4-connected pieces.
  const nA = mask.dims[ap.voxelAxis];
  const nS = mask.dims[si.voxelAxis];
  const isLabel = (a: number, s: number): boolean =>
    a >= 0 && s >= 0 && a < nA && s < nS &&
    mask.voxels[voxel({ [lr.voxelAxis]: slice, [ap.voxelAxis]: a, [si.voxelAxis]: s } as Record<Axis, number>)] === label;
  const piece = new Int32Array(nA * nS).fill(-1);
  const pieces: Array<Array<readonly [number, number]>> = [];
  for (let s = 0; s < nS; s += 1)
    for (let a = 0; a < nA; a += 1) {
      if (!isLabel(a, s) || piece[a + nA * s] !== -1) continue;
      const members: Array<readonly [number, number]> = [];
      const stack: Array<readonly [number, number]> = [[a, s]];
      piece[a + nA * s] = pieces.length;
      while (stack.length > 0) {
        const [pa, ps] = stack.pop() as readonly [number, number];
        members.push([pa, ps]);
        for (const [da, ds] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
          const [qa, qs] = [pa + da, ps + ds];
          if (isLabel(qa, qs) && piece[qa + nA * qs] === -1) {
            piece[qa + nA * qs] = pieces.length;
            stack.push([qa, qs]);
          }
        }
      }
      pieces.push(members);
    }
  // Work in patient mm within the slice: y (posterior) and z (superior) of each pixel centre.
  const yOf = (a: number) => a * ap.stepMm;
  const zOf = (s: number) => s * si.stepMm;
  const meanY = (members: ReadonlyArray<readonly [number, number]>) => members.reduce((t, [a]) => t + yOf(a), 0) / members.length;
  const bodyIndex = pieces.reduce((best, members, index) => (meanY(members) < meanY(pieces[best] ?? []) ? index : best), 0);
  const body = (pieces[bodyIndex] ?? []).map(([a, s]) => [yOf(a), zOf(s)] as const);
  const inBody = (y: number, z: number): boolean => {
    const a = Math.round(y / ap.stepMm);
    const s = Math.round(z / si.stepMm);
    return a >= 0 && s >= 0 && a < nA && s < nS && piece[a + nA * s] === bodyIndex;
  };

  // 3. The frame from the endplates over the central 60 % of the depth.
  const ys = body.map(([y]) => y);
  const [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  const columns = new Map<number, { top: number; bottom: number }>();
  for (const [y, z] of body) {
    if (y < yMin + 0.2 * (yMax - yMin) || y > yMax - 0.2 * (yMax - yMin)) continue;
    const c = columns.get(y);
    columns.set(y, c === undefined ? { top: z, bottom: z } : { top: Math.max(c.top, z), bottom: Math.min(c.bottom, z) });
  }
  const slopeOf = (pick: (c: { top: number; bottom: number }) => number): number => {
    const points = [...columns.entries()].map(([y, c]) => [y, pick(c)] as const);
    const my = points.reduce((t, [y]) => t + y, 0) / points.length;
    const mz = points.reduce((t, [, z]) => t + z, 0) / points.length;
    const sxy = points.reduce((t, [y, z]) => t + (y - my) * (z - mz), 0);
    const sxx = points.reduce((t, [y]) => t + (y - my) ** 2, 0);
    return sxy / sxx;
  };
  const slope = (slopeOf((c) => c.top) + slopeOf((c) => c.bottom)) / 2;
  const norm = Math.hypot(1, slope);
  const posterior = [1 / norm, slope / norm] as const; // (y, z), towards the back
  const cranial = [-slope / norm, 1 / norm] as const; // (y, z), towards the head
  const u = ([y, z]: readonly [number, number]) => y * posterior[0] + z * posterior[1];
  const v = ([y, z]: readonly [number, number]) => y * cranial[0] + z * cranial[1];

  // 4. Corners along the diagonals, walls midway between each wall's two corners.
  const extreme = (score: (p: readonly [number, number]) => number) =>
    body.reduce((best, p) => (score(p) > score(best) ? p : best));
  const as = extreme((p) => -u(p) + v(p));
  const ai = extreme((p) => -u(p) - v(p));
  const ps = extreme((p) => u(p) + v(p));
  const pi = extreme((p) => u(p) - v(p));
  const anteriorWall = (u(as) + u(ai)) / 2;
  const posteriorWall = (u(ps) + u(pi)) / 2;

  // 5. Where lines along the cranial axis leave the body, sampled every 0.05 mm, on the edge of the last voxel.
  const vs = body.map(v);
  const [vMin, vMax] = [Math.min(...vs) - 2, Math.max(...vs) + 2];
  const stepMm = 0.05;
  const x = voxelToLps(mask, ...(([0, 1, 2] as const).map((axis) => (axis === lr.voxelAxis ? slice : 0)) as [number, number, number]))[0];
  const origin = voxelToLps(mask, 0, 0, 0);
  const toPatient = (uu: number, vv: number): Vec3 => [
    x,
    origin[1] + uu * posterior[0] + vv * cranial[0],
    origin[2] + uu * posterior[1] + vv * cranial[1],
  ];
  const endpoints = (uu: number): readonly [Vec3, Vec3] => {
    let top = -Infinity;
    let bottom = Infinity;
    for (let vv = vMin; vv <= vMax; vv += stepMm) {
      if (!inBody(uu * posterior[0] + vv * cranial[0], uu * posterior[1] + vv * cranial[1])) continue;
      top = Math.max(top, vv);
      bottom = Math.min(bottom, vv);
    }
    if (!Number.isFinite(top)) throw new Error(`Label ${label}: no body found ${uu.toFixed(1)} mm along the antero-posterior axis.`);
    return [toPatient(uu, top + stepMm / 2), toPatient(uu, bottom - stepMm / 2)];
  };
  const [anteriorSuperior, anteriorInferior] = endpoints(anteriorWall + insetMm);
  const heightOf = ([top, bottom]: readonly [Vec3, Vec3]): number => Math.hypot(top[1] - bottom[1], top[2] - bottom[2]);
  const midpointUMm = (anteriorWall + posteriorWall) / 2;
  let middle = endpoints(midpointUMm);
  if ((options.middle ?? 'deepest') === 'deepest') {
    const thirdMm = (posteriorWall - anteriorWall) / 3;
    for (let uu = anteriorWall + thirdMm; uu <= posteriorWall - thirdMm; uu += stepMm * 5) {
      const candidate = endpoints(uu);
      if (heightOf(candidate) < heightOf(middle)) middle = candidate;
    }
  }
  const [middleSuperior, middleInferior] = middle;
  const [posteriorSuperior, posteriorInferior] = endpoints(posteriorWall - insetMm);
  return {
    points: { anteriorSuperior, anteriorInferior, middleSuperior, middleInferior, posteriorSuperior, posteriorInferior },
    slice,
    tiltDeg: (Math.atan(slope) * 180) / Math.PI,
  };
}
