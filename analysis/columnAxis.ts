import type { PlaneView } from './planeView';
import { addScaled2, type Vec2 } from './vec';

/**
 * The local axis of the spinal column around a point inside a vertebral body, estimated before any body is fitted: the
 * in-plane direction along which the plane, averaged across a band about a body's depth wide, gives the sharpest
 * profile. Endplates and discs run across the column; averaged along a direction tilted from the column's axis, each of
 * them is spread over `band × tan(error)` along the profile and its steps soften, while along the axis they stay sharp.
 * This reads bright cortex (CT) and dark cortex (MR) alike: the score is the energy of the profile's steps, whatever
 * their sign.
 */
export interface ColumnAxisEstimate {
  /** Unit plane direction along the column towards the head. */
  readonly cranial: Vec2;
  /** Signed angle from the view's head–foot axis to `cranial`, degrees (positive turns cranial towards anterior). */
  readonly tiltDeg: number;
  /** Step energy along `cranial` ÷ that along the view's axis (≥ 1): how much sharper the estimated axis reads. */
  readonly gain: number;
}

/** Candidate axes are tried this far either side of the view's head–foot axis, degrees, every COLUMN_AXIS_STEP_DEG. */
export const COLUMN_AXIS_RANGE_DEG = 27;
export const COLUMN_AXIS_STEP_DEG = 3;
/**
 * Width of the band averaged across the profile, mm: narrower than the smallest body's depth (thoracic ≥ 25 mm,
 * Panjabi 1991), so the walls, the canal and the soft tissue in front stay out of it from a click near the middle.
 */
const BAND_WIDTH_MM = 18;
/**
 * Half-length of the profile along the candidate axis, mm: the body around the click (thoracic 20–25 mm high, lumbar
 * 25–30 mm) and the discs at its two ends. Longer profiles reach the neighbours, whose tilt differs along a curved column
 * (on the VerSe CT, ±40 mm read T10 as straight where its endplates lean 16–21°).
 */
const PROFILE_HALF_LENGTH_MM = 25;
/** Sample step along the profile and across the band, mm. */
const PROFILE_STEP_MM = 1;
const BAND_STEP_MM = 1.5;
/**
 * The estimate replaces the view's axis only when its step energy is at least this many times the view axis's (a
 * column that leans shows a clear gain; a straight column or a flat profile scores within noise of the view's axis).
 */
const MIN_GAIN = 1.15;

function rotate(v: Vec2, deg: number): Vec2 {
  const t = (deg * Math.PI) / 180;
  return [v[0] * Math.cos(t) - v[1] * Math.sin(t), v[0] * Math.sin(t) + v[1] * Math.cos(t)];
}

/**
 * Step energy of the band-averaged profile along `cranial` through `seed`: the sum of squared differences between
 * neighbouring profile samples (image units² per sample); NaN when the profile leaves the image.
 */
function stepEnergy(view: PlaneView, seed: Vec2, cranial: Vec2): number {
  const across: Vec2 = [cranial[1], -cranial[0]];
  const halfBand = BAND_WIDTH_MM / 2;
  let previous = Number.NaN;
  let energy = 0;
  for (let v = -PROFILE_HALF_LENGTH_MM; v <= PROFILE_HALF_LENGTH_MM + 1e-9; v += PROFILE_STEP_MM) {
    const centre = addScaled2(seed, cranial, v);
    let sum = 0;
    let count = 0;
    for (let u = -halfBand; u <= halfBand + 1e-9; u += BAND_STEP_MM) {
      const value = view.valueAt(centre[0] + u * across[0], centre[1] + u * across[1]);
      if (!Number.isFinite(value)) return Number.NaN;
      sum += value;
      count += 1;
    }
    const mean = sum / count;
    if (Number.isFinite(previous)) energy += (mean - previous) ** 2;
    previous = mean;
  }
  return energy;
}

/**
 * Estimates the column's axis around `seed` (a plane point inside a body): of the axes within ±COLUMN_AXIS_RANGE_DEG of
 * the view's head–foot axis, the one whose band-averaged profile has the most step energy, refined by a parabola
 * through its neighbours. Null when the estimate is not clear: the best axis lies at the end of the range, scores less
 * than MIN_GAIN × the view's axis, or a profile leaves the image.
 */
export function estimateColumnAxis(view: PlaneView, seed: Vec2): ColumnAxisEstimate | null {
  const steps = Math.round(COLUMN_AXIS_RANGE_DEG / COLUMN_AXIS_STEP_DEG);
  const energies: number[] = [];
  for (let k = -steps; k <= steps; k += 1) {
    const energy = stepEnergy(view, seed, rotate(view.cranial, k * COLUMN_AXIS_STEP_DEG));
    if (!Number.isFinite(energy)) return null;
    energies.push(energy);
  }
  let best = 0;
  for (let i = 1; i < energies.length; i += 1) if (energies[i]! > energies[best]!) best = i;
  if (best === 0 || best === energies.length - 1) return null;
  const straight = energies[steps]!;
  const gain = straight > 0 ? energies[best]! / straight : Number.POSITIVE_INFINITY;
  if (gain < MIN_GAIN) return null;
  const [before, peak, after] = [energies[best - 1]!, energies[best]!, energies[best + 1]!];
  const curvature = before - 2 * peak + after;
  const offset = curvature < 0 ? (0.5 * (before - after)) / curvature : 0;
  const tiltDeg = (best - steps + offset) * COLUMN_AXIS_STEP_DEG;
  const cranial = rotate(view.cranial, tiltDeg);
  return { cranial, tiltDeg: signedTowardsAnterior(view, cranial, tiltDeg), gain };
}

/** The tilt's sign made positive when the axis turns from the view's head–foot axis towards its front. */
function signedTowardsAnterior(view: PlaneView, cranial: Vec2, tiltDeg: number): number {
  const towardsFront = cranial[0] * view.anterior[0] + cranial[1] * view.anterior[1];
  return towardsFront >= 0 ? Math.abs(tiltDeg) : -Math.abs(tiltDeg);
}
