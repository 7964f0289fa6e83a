import { DISC_FLANK_MM, STEP_OUTSIDE_MM, STEP_SHELL_MM } from './constants';
import type { PlaneView } from './planeView';
import type { ShellPolarity } from './profile';
import { dot2, perpendicular2, type Vec2 } from './vec';

/** Half-size of the square around the click that the box must fit in, mm (a lumbar body is ≤ 55 mm deep). */
export const SEARCH_HALF_SIZE_MM = 40;
/**
 * A step response is an edge when it reaches EDGE_TEXTURE_RATIO × the field's texture level (the TEXTURE_PERCENTILE of
 * all its responses: noise makes one of each opposite pair positive, so this is the median positive response of the
 * marrow's texture and noise) and EDGE_STRONGEST_SHARE of its strongest responses (99th percentile); a side then scores
 * the share of its length that is edge, so one very strong structure (a posterior element's cortex, a calcified aorta)
 * cannot make up for a missing side.
 */
const EDGE_TEXTURE_RATIO = 2;
const TEXTURE_PERCENTILE = 0.75;
const EDGE_STRONGEST_SHARE = 0.1;

/** A disc line this far beyond an endplate side or nearer makes that side an exit edge, mm (half a thin disc's 2–3 mm). */
const DISC_EDGE_REACH_MM = 1.5;

/** The edge map of one axis: for each of the four sides' facings, cumulative counts of edge samples along the side. */
export interface EdgeField {
  readonly n: number;
  /** Grid step, mm. */
  readonly gridMm: number;
  /** The step response that counts as an edge (see EDGE_TEXTURE_RATIO); the same for every axis so their scores compare. */
  readonly cap: number;
  readonly cranial: Vec2;
  readonly anterior: Vec2;
  /** cum[line · (n + 1) + k]: edge samples among the first k on line `line` (walls: line = u index, along v). */
  readonly front: Float64Array;
  readonly back: Float64Array;
  readonly top: Float64Array;
  readonly bottom: Float64Array;
  /**
   * cum[line · (n + 1) + k] along rows (line = v index, like top and bottom): disc-line samples among the first k, a
   * sample darker (on CT; brighter on MR) than the brightest within DISC_FLANK_MM both above and below it by the cap:
   * a disc, however thin, between two endplates.
   */
  readonly discs: Float64Array;
}

/**
 * Samples the plane on a `gridMm` grid of ±SEARCH_HALF_SIZE_MM around `seed`, on the axes of `cranial`, and turns it
 * into the four facings' edge counts: a step response (shell STEP_SHELL_MM inside against the outside STEP_OUTSIDE_MM
 * beyond, polarity-signed) is an edge when it reaches the field's cap, `fixedCap` when given (so several axes compare).
 */
export function edgeFieldOf(view: PlaneView, seed: Vec2, polarity: ShellPolarity, cranial: Vec2, gridMm: number, fixedCap?: number): EdgeField {
  const n = Math.round((2 * SEARCH_HALF_SIZE_MM) / gridMm) + 1;
  const half = (n - 1) / 2;
  const p = perpendicular2(cranial);
  const anterior: Vec2 = dot2(p, view.anterior) >= 0 ? p : [-p[0], -p[1]];
  // Values on the grid (NaN outside the image as 0 with a valid flag 0), and prefix sums along u and along v of both.
  const values = new Float64Array(n * n);
  const valid = new Float64Array(n * n);
  for (let iv = 0; iv < n; iv += 1) {
    for (let iu = 0; iu < n; iu += 1) {
      const u = (iu - half) * gridMm;
      const v = (iv - half) * gridMm;
      const value = view.valueAt(seed[0] + u * anterior[0] + v * cranial[0], seed[1] + u * anterior[1] + v * cranial[1]);
      if (Number.isFinite(value)) {
        values[iu + iv * n] = value;
        valid[iu + iv * n] = 1;
      }
    }
  }
  // alongU[iv · (n + 1) + k]: sum of the first k values of row iv; alongV[iu · (n + 1) + k]: of column iu.
  const alongU = new Float64Array(n * (n + 1));
  const alongV = new Float64Array(n * (n + 1));
  const validU = new Float64Array(n * (n + 1));
  const validV = new Float64Array(n * (n + 1));
  for (let line = 0; line < n; line += 1) {
    for (let k = 0; k < n; k += 1) {
      alongU[line * (n + 1) + k + 1] = alongU[line * (n + 1) + k]! + values[k + line * n]!;
      validU[line * (n + 1) + k + 1] = validU[line * (n + 1) + k]! + valid[k + line * n]!;
      alongV[line * (n + 1) + k + 1] = alongV[line * (n + 1) + k]! + values[line + k * n]!;
      validV[line * (n + 1) + k + 1] = validV[line * (n + 1) + k]! + valid[line + k * n]!;
    }
  }
  const exitSign = polarity === 'brightShell' ? -1 : 1;
  const inside = Math.max(1, Math.round(STEP_SHELL_MM / gridMm));
  const outside = Math.max(1, Math.round(STEP_OUTSIDE_MM / gridMm));
  /**
   * Step response at position k of a line facing +1 (towards higher k) or −1: the mean of the `outside` samples beyond
   * k against the mean of the `inside` samples before it, polarity-signed; 0 when a window leaves the grid or the image.
   */
  const step = (sums: Float64Array, counts: Float64Array, line: number, k: number, facing: 1 | -1): number => {
    const o = line * (n + 1);
    const inFrom = facing === 1 ? k - inside : k + 1;
    const inTo = inFrom + inside;
    const outFrom = facing === 1 ? k + 1 : k - outside;
    const outTo = outFrom + outside;
    if (inFrom < 0 || outFrom < 0 || inTo > n || outTo > n) return 0;
    if (counts[o + inTo]! - counts[o + inFrom]! < inside || counts[o + outTo]! - counts[o + outFrom]! < outside) return 0;
    const d = exitSign * ((sums[o + outTo]! - sums[o + outFrom]!) / outside - (sums[o + inTo]! - sums[o + inFrom]!) / inside);
    return d > 0 ? d : 0;
  };
  // Disc lines: each sample against the brightest (CT; darkest on MR) within DISC_FLANK_MM on either side along v.
  const flank = Math.max(1, Math.round(DISC_FLANK_MM / gridMm));
  const shellSign = -exitSign;
  const valley = new Float64Array(n * n);
  for (let iu = 0; iu < n; iu += 1) {
    for (let iv = flank; iv < n - flank; iv += 1) {
      const i = iu + iv * n;
      if (valid[i] === 0) continue;
      let below = -Infinity;
      let above = -Infinity;
      for (let k = 1; k <= flank; k += 1) {
        if (valid[i - k * n] === 1) below = Math.max(below, shellSign * values[i - k * n]!);
        if (valid[i + k * n] === 1) above = Math.max(above, shellSign * values[i + k * n]!);
      }
      valley[i] = Math.max(0, Math.min(below, above) - shellSign * values[i]!);
    }
  }
  const discReach = Math.max(1, Math.round(DISC_EDGE_REACH_MM / gridMm));
  const front = new Float64Array(n * n);
  const back = new Float64Array(n * n);
  const top = new Float64Array(n * n);
  const bottom = new Float64Array(n * n);
  const sampled: number[] = [];
  for (let iv = 0; iv < n; iv += 1) {
    for (let iu = 0; iu < n; iu += 1) {
      const i = iu + iv * n;
      front[i] = step(alongU, validU, iv, iu, 1);
      back[i] = step(alongU, validU, iv, iu, -1);
      top[i] = step(alongV, validV, iu, iv, 1);
      bottom[i] = step(alongV, validV, iu, iv, -1);
      // A disc line just beyond an endplate side is that endplate's exit, however thin the disc (its step reaches the
      // neighbour's plate within the outside window and reads weak).
      for (let k = 1; k <= discReach; k += 1) {
        if (iv + k < n) top[i] = Math.max(top[i]!, valley[i + k * n]!);
        if (iv - k >= 0) bottom[i] = Math.max(bottom[i]!, valley[i - k * n]!);
      }
      if (fixedCap === undefined && (iu + iv) % 3 === 0) sampled.push(front[i]!, back[i]!, top[i]!, bottom[i]!);
    }
  }
  // A typed array sorts numerically without a comparator call per pair.
  const sorted = Float64Array.from(sampled).sort();
  const cap =
    fixedCap ??
    Math.max(
      EDGE_TEXTURE_RATIO * (sorted[Math.floor(sorted.length * TEXTURE_PERCENTILE)] ?? 0),
      EDGE_STRONGEST_SHARE * (sorted[Math.floor(sorted.length * 0.99)] ?? 0),
      1e-9,
    );
  // Cumulative edge counts along each side's direction (walls run along v, endplates along u).
  const cumulative = (response: Float64Array, alongLineU: boolean): Float64Array => {
    const cum = new Float64Array(n * (n + 1));
    for (let line = 0; line < n; line += 1) {
      for (let k = 0; k < n; k += 1) {
        const r = alongLineU ? response[k + line * n]! : response[line + k * n]!;
        cum[line * (n + 1) + k + 1] = cum[line * (n + 1) + k]! + (r >= cap ? 1 : 0);
      }
    }
    return cum;
  };
  return {
    n,
    gridMm,
    cap,
    cranial,
    anterior,
    front: cumulative(front, false),
    back: cumulative(back, false),
    top: cumulative(top, true),
    bottom: cumulative(bottom, true),
    discs: cumulative(valley, true),
  };
}
