import { decidePolarity, marrowStats, orientedAnterior, negate, type MarrowStats } from './bodyFrame';
import { PROFILE_STEP_MM } from './constants';
import type { PlaneView } from './planeView';
import { sampleProfile, smooth, type ShellPolarity } from './profile';
import { addScaled2, type Vec2 } from './vec';

/**
 * Offsets around the click at which the shell polarity is also read, mm along (anterior, cranial): a click in the upper
 * or lower third of a body, or next to a wall, has the shell close on one side and a disc or the canal close on
 * another, so one point's vote can go either way; nine over the body's middle rarely do.
 */
const VOTE_OFFSETS_MM: readonly (readonly [number, number])[] = [
  [0, 0],
  [-4, -4],
  [-4, 0],
  [-4, 4],
  [0, -4],
  [0, 4],
  [4, -4],
  [4, 0],
  [4, 4],
];
/** How far out along each direction the first departure from the marrow is looked for, mm. */
const VOTE_REACH_MM = 35;
/** Half-width of the band averaged across each vote's profile, mm: the cortex runs across it, trabeculae do not. */
const VOTE_HALF_WIDTH_MM = 1.5;
/** A departure counts when it exceeds this many times the marrow's noise... */
const DEPARTURE_NOISE_RATIO = 4;
/** ...over at least this length, mm: a cortex (≥ 0.5 mm) blurred by a clinical pixel is at least this wide. */
const DEPARTURE_LENGTH_MM = 1;

/**
 * The widest a bright shell's band may be above the marrow by the vote's threshold, mm: a cortex of at most 2 mm
 * (subchondral sclerosis; MR_MAX_CORTEX_MM) widened by about 1 mm on each side by a clinical pixel, kernel or slice.
 * A bright departure still bright beyond it is a tissue, not a shell: a T2 disc's nucleus (≈ 8 mm), CSF, fat.
 */
const BRIGHT_SHELL_MAX_MM = 4;

/**
 * Whether the profile `s`, above `level` from sample `start`, falls back to it within `samples` samples; true when the
 * profile ends first (nothing beyond to say otherwise).
 */
function endsWithin(s: Float64Array, start: number, samples: number, level: number): boolean {
  if (start + samples >= s.length) return true;
  for (let m = start; m < start + samples; m += 1) if (Number.isFinite(s[m]!) && s[m]! <= level) return true;
  return false;
}

/**
 * One point's vote: along the four directions out of the body, the first sustained departure from the marrow level
 * (more than DEPARTURE_NOISE_RATIO × its noise over DEPARTURE_LENGTH_MM) is the shell, brighter on CT and radiographs,
 * darker on MR; +1 per brighter, −1 per darker. The threshold is set by the noise, not by the brightest tissue around,
 * so a thin dark MR cortex counts before the bright CSF or fat beyond it. A bright departure that is still bright
 * BRIGHT_SHELL_MAX_MM after it began is that tissue itself and the direction does not vote: behind a 0.5 mm shell in a
 * 3 mm T2 slice the dark cortex stays within the noise and the bright nucleus came first (the sweep's 0.5 mm-shell T2:
 * most bodies read bright-shell, detectSpine 1 of 6 levels).
 */
function vote(view: PlaneView, point: Vec2, axes: { readonly cranial: Vec2; readonly anterior: Vec2 }, marrow: MarrowStats): number {
  const threshold = DEPARTURE_NOISE_RATIO * Math.max(marrow.noiseValue, 1e-6);
  const run = Math.max(1, Math.round(DEPARTURE_LENGTH_MM / PROFILE_STEP_MM));
  let total = 0;
  for (const direction of [axes.cranial, axes.anterior, negate(axes.cranial), negate(axes.anterior)]) {
    const s = smooth(sampleProfile(view, point, direction, VOTE_REACH_MM, VOTE_HALF_WIDTH_MM), 2);
    let sign = 0;
    let length = 0;
    let k = 0;
    for (; k < s.length; k += 1) {
      const v = s[k]!;
      const d = Number.isFinite(v) ? v - marrow.levelValue : 0;
      const here = d > threshold ? 1 : d < -threshold ? -1 : 0;
      length = here !== 0 && here === sign ? length + 1 : here !== 0 ? 1 : 0;
      sign = here;
      if (length >= run) break;
    }
    if (length < run) continue;
    if (sign > 0 && !endsWithin(s, k - run + 1, Math.round(BRIGHT_SHELL_MAX_MM / PROFILE_STEP_MM), marrow.levelValue + threshold)) continue;
    total += sign;
  }
  return total;
}

/**
 * The shell polarity around `seed`. A CT in Hounsfield units is decided at once (decidePolarity); otherwise the votes
 * (see vote) at the seed and at VOTE_OFFSETS_MM around it are summed: bright shell when positive, dark when negative,
 * decidePolarity's answer at the seed on a tie.
 */
export function shellPolarityAround(view: PlaneView, seed: Vec2, cranial: Vec2): ShellPolarity {
  const anterior = orientedAnterior(view, cranial);
  const axes = { cranial, anterior };
  if (view.hounsfield) return decidePolarity(view, seed, axes, marrowStats(view, seed));
  let total = 0;
  for (const [u, v] of VOTE_OFFSETS_MM) {
    const point = addScaled2(addScaled2(seed, anterior, u), cranial, v);
    const marrow = marrowStats(view, point);
    if (Number.isFinite(marrow.levelValue)) total += vote(view, point, axes, marrow);
  }
  if (total === 0) return decidePolarity(view, seed, axes, marrowStats(view, seed));
  return total > 0 ? 'brightShell' : 'darkShell';
}
