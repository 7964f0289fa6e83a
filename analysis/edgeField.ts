import { DISC_FLANK_MM, STEP_OUTSIDE_MM, STEP_SHELL_MM } from './constants';
import { orderStatisticsInPlace } from './orderStatistics';
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
  /**
   * cum[line · (n + 1) + k] along columns (line = u index, like front and back): gap samples among the first k, a sample
   * darker (on CT) than the brightest within DISC_FLANK_MM both in front of and behind it by the cap: a soft-tissue gap
   * between two bright structures side by side, such as the aorta's wall between a body and its enhanced lumen. A sample
   * counts when the column either side of it has one there: the line may step by a sample along its length.
   */
  readonly gaps: Float64Array;
}

/**
 * Work arrays of one grid size, reused from call to call (they never leave edgeFieldOf): a click builds a dozen fields
 * of two sizes, and fresh arrays for each cost more in allocation and garbage collection than the arithmetic on them.
 */
interface Scratch {
  /** Grid values (0 outside the image) and whether each lies inside it (1) or not (0), index iu + iv · n. */
  readonly values: Float64Array;
  readonly valid: Uint8Array;
  /** The values times the shell's sign (the shell high), −Infinity outside the image (valleysAcross). */
  readonly signed: Float64Array;
  /** Prefix sums along rows (alongU[iv · (n + 1) + k]) and columns (alongV[iu · (n + 1) + k]), and of valid. */
  readonly alongU: Float64Array;
  readonly alongV: Float64Array;
  readonly validU: Int32Array;
  readonly validV: Int32Array;
  /** Step responses of the four facings and the disc lines, index iu + iv · n. */
  readonly front: Float64Array;
  readonly back: Float64Array;
  readonly top: Float64Array;
  readonly bottom: Float64Array;
  readonly valley: Float64Array;
  readonly gap: Float64Array;
  /** Every third response of each facing, for the cap's percentiles. */
  readonly sampled: Float64Array;
}

const scratchBySize = new Map<number, Scratch>();

function scratchOf(n: number): Scratch {
  let scratch = scratchBySize.get(n);
  if (!scratch) {
    scratch = {
      values: new Float64Array(n * n),
      valid: new Uint8Array(n * n),
      signed: new Float64Array(n * n),
      alongU: new Float64Array(n * (n + 1)),
      alongV: new Float64Array(n * (n + 1)),
      validU: new Int32Array(n * (n + 1)),
      validV: new Int32Array(n * (n + 1)),
      front: new Float64Array(n * n),
      back: new Float64Array(n * n),
      top: new Float64Array(n * n),
      bottom: new Float64Array(n * n),
      valley: new Float64Array(n * n),
      gap: new Float64Array(n * n),
      sampled: new Float64Array(4 * Math.ceil((n * n) / 3) + 4),
    };
    scratchBySize.set(n, scratch);
  }
  return scratch;
}

/**
 * The step responses of one facing along every line of a prefix-summed grid, into `out` at index
 * `line · lineStride + k · step`: at position k of a line facing +1 (towards higher k) or −1, the mean of the
 * `outside` samples beyond k against the mean of the `inside` samples before it, polarity-signed (exitSign) and
 * clipped at 0; 0 when a window leaves the grid or, with `counts`, holds a sample outside the image.
 */
function stepResponses(
  sums: Float64Array,
  counts: Int32Array | null,
  n: number,
  facing: 1 | -1,
  windows: { readonly inside: number; readonly outside: number; readonly exitSign: number },
  out: Float64Array,
  lineStride: number,
  step: number,
): void {
  const { inside, outside, exitSign } = windows;
  // Facing +1 reads [k − inside, k) inside and (k, k + outside] outside; facing −1 the mirror. Positions first…last
  // are those whose two windows lie on the grid.
  const inFromOffset = facing === 1 ? -inside : 1;
  const outFromOffset = facing === 1 ? 1 : -outside;
  const first = facing === 1 ? inside : outside;
  const last = facing === 1 ? n - 1 - outside : n - 1 - inside;
  for (let line = 0; line < n; line += 1) {
    const o = line * (n + 1);
    const base = line * lineStride;
    for (let k = 0; k < Math.min(first, n); k += 1) out[base + k * step] = 0;
    for (let k = Math.max(first, 0); k <= last; k += 1) {
      const inFrom = o + k + inFromOffset;
      const inTo = inFrom + inside;
      const outFrom = o + k + outFromOffset;
      const outTo = outFrom + outside;
      if (counts && (counts[inTo]! - counts[inFrom]! < inside || counts[outTo]! - counts[outFrom]! < outside)) {
        out[base + k * step] = 0;
        continue;
      }
      const d = exitSign * ((sums[outTo]! - sums[outFrom]!) / outside - (sums[inTo]! - sums[inFrom]!) / inside);
      out[base + k * step] = d > 0 ? d : 0;
    }
    for (let k = Math.max(last + 1, 0); k < n; k += 1) out[base + k * step] = 0;
  }
}

/**
 * Cumulative counts of responses ≥ cap along lines, into `cum` (n · (n + 1) numbers, zero at each line's start):
 * cum[line · (n + 1) + k], line = iv when alongLineU, else iu. With `spread` a sample counts when it or one of the
 * `spread` samples either side of it across the line reaches the cap.
 */
function cumulativeEdges(response: Float64Array, n: number, cap: number, alongLineU: boolean, cum: Float64Array, spread = 0): Float64Array {
  // Index of sample k on line `line`: k · along + line · across.
  const along = alongLineU ? 1 : n;
  const across = alongLineU ? n : 1;
  for (let line = 0; line < n; line += 1) {
    const o = line * (n + 1);
    const from = Math.max(0, line - spread);
    const to = Math.min(n - 1, line + spread);
    let count = 0;
    if (spread === 0) {
      for (let k = 0, at = line * across; k < n; k += 1, at += along) {
        if (response[at]! >= cap) count += 1;
        cum[o + k + 1] = count;
      }
      continue;
    }
    for (let k = 0; k < n; k += 1) {
      const at = k * along;
      let hit = false;
      for (let l = from; l <= to && !hit; l += 1) hit = response[at + l * across]! >= cap;
      if (hit) count += 1;
      cum[o + k + 1] = count;
    }
  }
  return cum;
}

/**
 * Each sample's depth below the brighter of the brightest samples within `flank` steps either side of it, into `out`,
 * read on `signed` (the grid's values times the shell's sign, so that the shell is high: CT as it is, MR negated;
 * −Infinity outside the image): 0 where the sample lies outside the image or a side holds no sample inside it. The
 * sides are `step` apart in the grid's index (n: along the axis; 1: across it), `across` steps the other way; samples
 * within `flank` steps of the grid's edge along `step` get 0.
 */
function valleysAcross(
  signed: Float64Array,
  valid: Uint8Array,
  n: number,
  flank: number,
  step: number,
  across: number,
  out: Float64Array,
): void {
  out.fill(0);
  for (let a = flank; a < n - flank; a += 1) {
    for (let b = 0; b < n; b += 1) {
      const i = a * step + b * across;
      if (valid[i] === 0) continue;
      let before = -Infinity;
      let after = -Infinity;
      for (let k = 1, offset = step; k <= flank; k += 1, offset += step) {
        before = Math.max(before, signed[i - offset]!);
        after = Math.max(after, signed[i + offset]!);
      }
      out[i] = Math.max(0, Math.min(before, after) - signed[i]!);
    }
  }
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
  const { values, valid, signed, alongU, alongV, validU, validV, front, back, top, bottom, valley, gap, sampled } = scratchOf(n);
  // Values on the grid (outside the image: 0, with valid 0), and prefix sums along u and along v of both.
  const [seedX, seedY] = seed;
  const [anteriorX, anteriorY] = anterior;
  const [cranialX, cranialY] = cranial;
  let outsideImage = 0;
  for (let iv = 0; iv < n; iv += 1) {
    const v = (iv - half) * gridMm;
    for (let iu = 0; iu < n; iu += 1) {
      const u = (iu - half) * gridMm;
      const value = view.valueAt(seedX + u * anteriorX + v * cranialX, seedY + u * anteriorY + v * cranialY);
      const inImage = Number.isFinite(value);
      values[iu + iv * n] = inImage ? value : 0;
      valid[iu + iv * n] = inImage ? 1 : 0;
      if (!inImage) outsideImage += 1;
    }
  }
  // alongU[iv · (n + 1) + k]: sum of the first k values of row iv; alongV[iu · (n + 1) + k]: of column iu.
  for (let line = 0; line < n; line += 1) {
    alongU[line * (n + 1)] = 0;
    alongV[line * (n + 1)] = 0;
  }
  for (let line = 0; line < n; line += 1) {
    const o = line * (n + 1);
    for (let k = 0; k < n; k += 1) alongU[o + k + 1] = alongU[o + k]! + values[k + line * n]!;
  }
  for (let k = 0; k < n; k += 1) {
    for (let line = 0; line < n; line += 1) alongV[line * (n + 1) + k + 1] = alongV[line * (n + 1) + k]! + values[line + k * n]!;
  }
  // The counts of samples inside the image are needed only when some lie outside it.
  const countsU = outsideImage > 0 ? validU : null;
  const countsV = outsideImage > 0 ? validV : null;
  if (outsideImage > 0) {
    for (let line = 0; line < n; line += 1) {
      const o = line * (n + 1);
      validU[o] = 0;
      validV[o] = 0;
      for (let k = 0; k < n; k += 1) {
        validU[o + k + 1] = validU[o + k]! + valid[k + line * n]!;
        validV[o + k + 1] = validV[o + k]! + valid[line + k * n]!;
      }
    }
  }
  const exitSign = polarity === 'brightShell' ? -1 : 1;
  const windows = {
    inside: Math.max(1, Math.round(STEP_SHELL_MM / gridMm)),
    outside: Math.max(1, Math.round(STEP_OUTSIDE_MM / gridMm)),
    exitSign,
  };
  // Walls step along rows (u), endplates along columns (v).
  stepResponses(alongU, countsU, n, 1, windows, front, n, 1);
  stepResponses(alongU, countsU, n, -1, windows, back, n, 1);
  stepResponses(alongV, countsV, n, 1, windows, top, 1, n);
  stepResponses(alongV, countsV, n, -1, windows, bottom, 1, n);
  // Disc lines: each sample against the brightest (CT; darkest on MR) within DISC_FLANK_MM on either side along v.
  const flank = Math.max(1, Math.round(DISC_FLANK_MM / gridMm));
  const shellSign = -exitSign;
  for (let i = 0; i < n * n; i += 1) signed[i] = valid[i] === 1 ? shellSign * values[i]! : -Infinity;
  valleysAcross(signed, valid, n, flank, n, 1, valley);
  // Gaps: the same across the axis, each sample against the brightest in front of it and behind it.
  valleysAcross(signed, valid, n, flank, 1, n, gap);
  // A disc line just beyond an endplate side is that endplate's exit, however thin the disc (its step reaches the
  // neighbour's plate within the outside window and reads weak).
  const discReach = Math.max(1, Math.round(DISC_EDGE_REACH_MM / gridMm));
  const cells = n * n;
  for (let i = 0; i < cells; i += 1) {
    let upward = top[i]!;
    let downward = bottom[i]!;
    for (let k = 1, offset = n; k <= discReach; k += 1, offset += n) {
      if (i + offset < cells) upward = Math.max(upward, valley[i + offset]!);
      if (i >= offset) downward = Math.max(downward, valley[i - offset]!);
    }
    top[i] = upward;
    bottom[i] = downward;
  }
  let cap = fixedCap;
  if (cap === undefined) {
    let count = 0;
    for (let iv = 0; iv < n; iv += 1) {
      for (let iu = (3 - (iv % 3)) % 3; iu < n; iu += 3) {
        const i = iu + iv * n;
        sampled[count] = front[i]!;
        sampled[count + 1] = back[i]!;
        sampled[count + 2] = top[i]!;
        sampled[count + 3] = bottom[i]!;
        count += 4;
      }
    }
    // The two percentiles by selection: the values a sort would put there, in linear time.
    const [texture, strong] =
      count > 0 ? orderStatisticsInPlace(sampled.subarray(0, count), [Math.floor(count * TEXTURE_PERCENTILE), Math.floor(count * 0.99)]) : [0, 0];
    cap = Math.max(EDGE_TEXTURE_RATIO * (texture ?? 0), EDGE_STRONGEST_SHARE * (strong ?? 0), 1e-9);
  }
  // Cumulative edge counts along each side's direction (walls run along v, endplates along u), the six in one block.
  const size = n * (n + 1);
  const counts = new Float64Array(6 * size);
  const block = (k: number) => counts.subarray(k * size, (k + 1) * size);
  return {
    n,
    gridMm,
    cap,
    cranial,
    anterior,
    front: cumulativeEdges(front, n, cap, false, block(0)),
    back: cumulativeEdges(back, n, cap, false, block(1)),
    top: cumulativeEdges(top, n, cap, true, block(2)),
    bottom: cumulativeEdges(bottom, n, cap, true, block(3)),
    discs: cumulativeEdges(valley, n, cap, true, block(4)),
    // A gap line may step by a sample along its length (the aorta's wall beside a plaque, the body's waist).
    gaps: cumulativeEdges(gap, n, cap, false, block(5), 1),
  };
}
