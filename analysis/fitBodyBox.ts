import { DEPTH_TO_HEIGHT_RANGE, DISC_LINE_MIN_SHARE, MAX_PLAUSIBLE_DEPTH_MM, MAX_PLAUSIBLE_HEIGHT_MM, MIN_PLAUSIBLE_DEPTH_MM, MIN_PLAUSIBLE_HEIGHT_MM } from './constants';
import type { BodyFrame } from './bodyFrame';
import { edgeFieldOf, SEARCH_HALF_SIZE_MM, type EdgeField } from './edgeField';
import type { PlaneView } from './planeView';
import type { ShellPolarity } from './profile';
import { addScaled2, type Vec2 } from './vec';

/**
 * A vertebral body's outline as a rectangle on the plane: its axis, its centre, and its four sides, fitted to all four
 * at once (see fitBodyBox).
 */
export interface BodyBox {
  readonly centre: Vec2;
  /** Unit plane direction along the body's axis, towards the head. */
  readonly cranial: Vec2;
  /** Unit plane direction across the body, towards the front, perpendicular to cranial. */
  readonly anterior: Vec2;
  /** Distance between the anterior and posterior sides, mm. */
  readonly depthMm: number;
  /** Distance between the superior and inferior sides, mm. */
  readonly heightMm: number;
  /** Share (0–1) of each side's central part that carries a clear exit edge. */
  readonly sides: { readonly anterior: number; readonly posterior: number; readonly superior: number; readonly inferior: number };
  /**
   * Strongest full-length edge inside the box, as a share like the sides' (0–1): a disc or a wall crossing it (a
   * posterior-facing one read outside the middle POSTERIOR_INTERIOR_SKIP_SHARE of the height).
   */
  readonly interior: number;
}

/**
 * Grid steps of the fit, mm: every box on a COARSE_GRID_MM grid, then the best refined on a FINE_GRID_MM grid (the
 * profiles of measureBody then place the points to a fraction of a millimetre).
 */
const COARSE_GRID_MM = 2;
const FINE_GRID_MM = 1;
/** The box's axis is tried this far either side of the starting axis, degrees, in steps of AXIS_STEP_DEG. */
export const AXIS_RANGE_DEG = 12;
const AXIS_STEP_DEG = 3;
/** The click must lie at least this far inside every side, mm (the user clicks inside the body). */
const CLICK_MARGIN_MM = 3;
/**
 * Each side is scored on its central share only (0–1): rounded rims, ring apophyses and marginal osteophytes near the
 * corners are not where a wall or an endplate is straight.
 */
const SIDE_CENTRAL_SHARE = 0.7;
/**
 * Edges parallel to a side and this far or more inside it count against the box, mm: a disc or the canal inside the box
 * means it spans two bodies or a body and its neighbour's tissue.
 */
const INTERIOR_GUARD_MM = 4;
/** Weight of the strongest interior edge against the sum of the four sides. */
const INTERIOR_WEIGHT = 1.5;
/**
 * Share (0–1) of the box's height, centred on its middle, over which a posterior-facing edge inside the box does not
 * count against it. The basivertebral veins leave the body through a foramen in the middle of its posterior wall
 * (Tzika et al., Surg Radiol Anat 2021;43:889–907: one or more foramina in the posterior wall of every thoracic and
 * lumbar body, at T10–L4 nearer the upper rim, their canal reaching 12–22 % of the body's depth), and the inner end of
 * that canal makes a posterior-facing edge 5–10 mm inside the wall over the middle of the height only; the body's own
 * posterior wall, which a box reaching across the canal holds inside it, runs the whole height.
 */
const POSTERIOR_INTERIOR_SKIP_SHARE = 1 / 3;

interface Candidate {
  readonly score: number;
  readonly up: number;
  readonly ua: number;
  readonly vi: number;
  readonly vs: number;
  readonly field: EdgeField;
  /** The field's axis, degrees from the fit's starting axis. */
  readonly deg: number;
}

/**
 * An outline the box fit is to pass over (fitBodyBox's `avoid`): the frame of a body that could not be measured (no
 * endplate edge near its sides: on a noisy osteoporotic CT a box inside the marrow, whose texture scores like cortex)
 * or was of no plausible size; its sides lie `anteriorWallMm` … `superiorMm` from `centre` along `anterior` and `cranial`.
 */
export type AvoidedOutline = Pick<BodyFrame, 'centre' | 'cranial' | 'anterior' | 'anteriorWallMm' | 'posteriorWallMm' | 'superiorMm' | 'inferiorMm'>;

/** How many of the best different coarse boxes are kept when some are to be passed over. */
const KEPT_WITH_AVOIDED = 4;
/** Two boxes are the same candidate when each side of one lies within this many grid steps of the other's. */
const SAME_BOX_STEPS = 2;
/** A box is an avoided outline when each of its sides lies within this distance of the outline's, mm. */
const SAME_OUTLINE_MM = 4;

/**
 * The best boxes found so far, at most `limit` of them, no two the same box (SAME_BOX_STEPS): a box offered that is the
 * same as one kept replaces it when it scores higher; another replaces the lowest kept when the list is full.
 */
class BestBoxes {
  readonly items: Candidate[] = [];
  constructor(private readonly limit: number) {}

  /** A box scoring at most this cannot be kept. */
  bar(): number {
    return this.items.length < this.limit ? -Infinity : Math.min(...this.items.map((c) => c.score));
  }

  offer(c: Candidate): void {
    const same = this.items.findIndex(
      (k) => Math.max(Math.abs(k.up - c.up), Math.abs(k.ua - c.ua), Math.abs(k.vi - c.vi), Math.abs(k.vs - c.vs)) <= SAME_BOX_STEPS,
    );
    if (same >= 0) {
      if (c.score > this.items[same]!.score) this.items[same] = c;
      return;
    }
    if (this.items.length < this.limit) {
      this.items.push(c);
      return;
    }
    let lowest = 0;
    for (let k = 1; k < this.items.length; k += 1) if (this.items[k]!.score < this.items[lowest]!.score) lowest = k;
    if (c.score > this.items[lowest]!.score) this.items[lowest] = c;
  }

  best(): Candidate | null {
    let best: Candidate | null = null;
    for (const c of this.items) if (!best || c.score > best.score) best = c;
    return best;
  }
}

function rotate(v: Vec2, deg: number): Vec2 {
  const t = (deg * Math.PI) / 180;
  return [v[0] * Math.cos(t) - v[1] * Math.sin(t), v[0] * Math.sin(t) + v[1] * Math.cos(t)];
}


/**
 * Strength of a side on `line` over the central SIDE_CENTRAL_SHARE of [from, to], 0–1: the mean response m (in units of
 * the field's CAP_PERCENTILE response) saturated as m / (1 + m), so a side twice as strong as needed adds little more
 * while a missing side costs its whole share.
 */
function sideMean(field: EdgeField, cum: Float64Array, line: number, from: number, to: number): number {
  const [a, b] = centralRange(from, to);
  return b > a ? lineShare(field, cum, line, a, b) : 0;
}

/** The share (0–1) of grid indices a … b on `line` of a cumulative count (EdgeField's cum[line · (n + 1) + k]). */
function lineShare(field: EdgeField, cum: Float64Array, line: number, a: number, b: number): number {
  return (cum[line * (field.n + 1) + b + 1]! - cum[line * (field.n + 1) + a]!) / (b - a + 1);
}

/** First and last grid index of the central SIDE_CENTRAL_SHARE of [from, to]. */
function centralRange(from: number, to: number): readonly [number, number] {
  const inset = ((1 - SIDE_CENTRAL_SHARE) / 2) * (to - from);
  return [Math.round(from + inset), Math.round(to - inset)];
}

/** Grid limits of a box: lowest and highest index of each side's position. */
interface Ranges {
  readonly up: readonly [number, number];
  readonly ua: readonly [number, number];
  readonly vi: readonly [number, number];
  readonly vs: readonly [number, number];
}

/** Work arrays of bestIn, grown as needed and reused from call to call (they never leave it). */
const work = { pairRows: new Float64Array(0), rows: new Float64Array(0) };

/** `count` arrays of `size` numbers each, views on the reused work memory (contents left over: callers write first). */
function workArrays(buffer: keyof typeof work, size: number, count: number): Float64Array[] {
  if (work[buffer].length < count * size) work[buffer] = new Float64Array(count * size);
  const all = work[buffer];
  return Array.from({ length: count }, (_, k) => all.subarray(k * size, (k + 1) * size));
}

/**
 * Offers `kept` the best boxes of one field (its axis `deg`) within `ranges`, positions every `stride` steps: the sum of
 * the four sides' means less INTERIOR_WEIGHT × the strongest full-length edge inside it (rows for the endplates, columns
 * for the walls; posterior-facing columns outside the middle POSTERIOR_INTERIOR_SKIP_SHARE of the height). Boxes that
 * cannot score above what `kept` keeps are skipped unscored.
 */
function bestIn(field: EdgeField, deg: number, ranges: Ranges, stride: number, kept: BestBoxes): void {
  const { n, gridMm } = field;
  const centre = (n - 1) / 2;
  const guard = Math.round(INTERIOR_GUARD_MM / gridMm);
  const minDepth = MIN_PLAUSIBLE_DEPTH_MM / gridMm;
  const maxDepth = MAX_PLAUSIBLE_DEPTH_MM / gridMm;
  const minHeight = MIN_PLAUSIBLE_HEIGHT_MM / gridMm;
  const maxHeight = MAX_PLAUSIBLE_HEIGHT_MM / gridMm;
  const list = (r: readonly [number, number]) => {
    const out: number[] = [];
    for (let k = Math.max(0, r[0]); k <= Math.min(n - 1, r[1]); k += stride) out.push(k);
    return out;
  };
  const ups = list(ranges.up);
  const uas = list(ranges.ua);
  const vis = list(ranges.vi);
  const vss = list(ranges.vs);
  if (ups.length === 0 || uas.length === 0 || vis.length === 0 || vss.length === 0) return;
  // Only what the scores read is computed: superior shares (and the interior maxima above the centre) from vTop up,
  // inferior ones from vBottom down, posterior walls from uBack down, anterior walls from uFront up.
  const vTop = Math.min(Math.ceil(centre), vss[0]!);
  const vBottom = Math.max(Math.floor(centre), vis[vis.length - 1]!);
  const uFront = Math.min(Math.ceil(centre), uas[0]!);
  const uBack = Math.max(Math.floor(centre), ups[ups.length - 1]!);
  // For each wall pair: each row's endplate strengths, and the strongest full-depth exit edge facing the same way as
  // the endplate beyond it from the centre outward (running maxima). Edges facing inward (the inner side of the
  // opposite endplate's cortex) do not count.
  const [topAt, bottomAt, downMax, upMax] = workArrays('pairRows', ups.length * uas.length * n, 4) as [Float64Array, Float64Array, Float64Array, Float64Array];
  // Upper bounds for pruning (the score of a box never exceeds the sum of its sides' best shares, the interior penalty
  // being ≥ 0): the best superior share of any wall pair at each row, and the best inferior share.
  const [topBest, bottomBest, frontAt, backAt, backOuterAt, colDown, colUp] = workArrays('rows', n, 7) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  topBest.fill(0);
  bottomBest.fill(0);
  const top = field.top;
  const bottom = field.bottom;
  for (let p = 0; p < ups.length; p += 1) {
    for (let a = 0; a < uas.length; a += 1) {
      // Only wall pairs at a plausible depth are scored below (and only they bound the scores).
      const depth = uas[a]! - ups[p]!;
      if (depth < minDepth || depth > maxDepth) continue;
      const o = (p * uas.length + a) * n;
      const [ca, cb] = centralRange(ups[p]!, uas[a]!);
      const across = cb > ca;
      // One pass outward from the centre each way: the shares, their running maxima and the best of every pair.
      let m = 0;
      for (let v = Math.ceil(centre); v < n; v += 1) {
        const share = across ? (top[v * (n + 1) + cb + 1]! - top[v * (n + 1) + ca]!) / (cb - ca + 1) : 0;
        topAt[o + v] = share;
        upMax[o + v] = m = Math.max(m, share);
        if (share > topBest[v]!) topBest[v] = share;
      }
      for (let v = vTop; v < Math.ceil(centre); v += 1) {
        const share = across ? (top[v * (n + 1) + cb + 1]! - top[v * (n + 1) + ca]!) / (cb - ca + 1) : 0;
        topAt[o + v] = share;
        if (share > topBest[v]!) topBest[v] = share;
      }
      m = 0;
      for (let v = Math.floor(centre); v >= 0; v -= 1) {
        const share = across ? (bottom[v * (n + 1) + cb + 1]! - bottom[v * (n + 1) + ca]!) / (cb - ca + 1) : 0;
        bottomAt[o + v] = share;
        downMax[o + v] = m = Math.max(m, share);
        if (share > bottomBest[v]!) bottomBest[v] = share;
      }
      for (let v = Math.floor(centre) + 1; v <= vBottom; v += 1) {
        const share = across ? (bottom[v * (n + 1) + cb + 1]! - bottom[v * (n + 1) + ca]!) / (cb - ca + 1) : 0;
        bottomAt[o + v] = share;
        if (share > bottomBest[v]!) bottomBest[v] = share;
      }
    }
  }
  let bar = kept.bar();
  for (const vi of vis) {
    for (const vs of vss) {
      const height = vs - vi;
      if (height < minHeight || height > maxHeight) continue;
      // A wall's share is at most 1: a box here cannot beat the best so far (same result, less work).
      const endplatesBest = topBest[vs]! + bottomBest[vi]!;
      if (endplatesBest + 2 <= bar) continue;
      const [ca, cb] = centralRange(vi, vs);
      // The central range less its middle POSTERIOR_INTERIOR_SKIP_SHARE of the height: [ca, ma) and (mb, cb].
      const skip = (POSTERIOR_INTERIOR_SKIP_SHARE * height) / 2;
      const ma = Math.max(ca, Math.round((vi + vs) / 2 - skip));
      const mb = Math.min(cb, Math.round((vi + vs) / 2 + skip));
      const outerCount = ma - ca + (cb - mb);
      for (let u = 0; u <= uBack; u += 1) {
        const line = u * (n + 1);
        const back = field.back;
        backAt[u] = cb > ca ? (back[line + cb + 1]! - back[line + ca]!) / (cb - ca + 1) : 0;
        backOuterAt[u] = outerCount > 0 ? (back[line + ma]! - back[line + ca]! + back[line + cb + 1]! - back[line + mb + 1]!) / outerCount : 0;
      }
      for (let u = uFront; u < n; u += 1) {
        const line = u * (n + 1);
        frontAt[u] = cb > ca ? (field.front[line + cb + 1]! - field.front[line + ca]!) / (cb - ca + 1) : 0;
      }
      let frontBest = 0;
      for (const ua of uas) frontBest = Math.max(frontBest, frontAt[ua]!);
      if (bar > -Infinity) {
        let backBest = 0;
        for (const up of ups) backBest = Math.max(backBest, backAt[up]!);
        if (endplatesBest + backBest + frontBest <= bar) continue;
      }
      let m = 0;
      for (let u = Math.floor(centre); u >= 0; u -= 1) colDown[u] = m = Math.max(m, backOuterAt[u]!);
      m = 0;
      for (let u = Math.ceil(centre); u < n; u += 1) colUp[u] = m = Math.max(m, frontAt[u]!);
      const loDepth = Math.max(minDepth, DEPTH_TO_HEIGHT_RANGE[0] * height);
      const hiDepth = Math.min(maxDepth, DEPTH_TO_HEIGHT_RANGE[1] * height);
      const rowsInsideBelow = vi + guard <= centre;
      const rowsInsideAbove = vs - guard >= centre;
      const topBestHere = topBest[vs]!;
      const bottomBestHere = bottomBest[vi]!;
      for (let p = 0; p < ups.length; p += 1) {
        const up = ups[p]!;
        const back = backAt[up]!;
        // No box on this posterior wall can beat the best so far: every score is at most this sum of upper bounds,
        // added in the score's own order (rounded sums grow with their terms), the interior penalty being ≥ 0.
        if (back + frontBest + topBestHere + bottomBestHere <= bar) continue;
        const colInside = up + guard <= centre ? colDown[up + guard]! : 0;
        // Only the anterior walls at a plausible depth from this posterior one (uas run every `stride` from uas[0]).
        const aFrom = Math.max(0, Math.ceil((up + loDepth - uas[0]!) / stride));
        const aTo = Math.min(uas.length - 1, Math.floor((up + hiDepth - uas[0]!) / stride));
        for (let a = aFrom; a <= aTo; a += 1) {
          const ua = uas[a]!;
          const o = (p * uas.length + a) * n;
          // The sides' sum first: less a penalty ≥ 0 it cannot beat the bar when the sum does not.
          const sides = back + frontAt[ua]! + topAt[o + vs]! + bottomAt[o + vi]!;
          if (sides <= bar) continue;
          const interior = Math.max(
            colInside,
            ua - guard >= centre ? colUp[ua - guard]! : 0,
            rowsInsideBelow ? downMax[o + vi + guard]! : 0,
            rowsInsideAbove ? upMax[o + vs - guard]! : 0,
          );
          const score = sides - INTERIOR_WEIGHT * interior;
          if (score > bar) {
            kept.offer({ score, up, ua, vi, vs, field, deg });
            bar = kept.bar();
          }
        }
      }
    }
  }
}

/** The BodyBox of a candidate, in plane coordinates. */
function boxOf(seed: Vec2, c: Candidate): BodyBox {
  const { field } = c;
  const half = (field.n - 1) / 2;
  const uMid = ((c.up + c.ua) / 2 - half) * field.gridMm;
  const vMid = ((c.vi + c.vs) / 2 - half) * field.gridMm;
  const sides = {
    anterior: sideMean(field, field.front, c.ua, c.vi, c.vs),
    posterior: sideMean(field, field.back, c.up, c.vi, c.vs),
    superior: sideMean(field, field.top, c.vs, c.up, c.ua),
    inferior: sideMean(field, field.bottom, c.vi, c.up, c.ua),
  };
  return {
    centre: addScaled2(addScaled2(seed, field.anterior, uMid), field.cranial, vMid),
    cranial: field.cranial,
    anterior: field.anterior,
    depthMm: (c.ua - c.up) * field.gridMm,
    heightMm: (c.vs - c.vi) * field.gridMm,
    sides,
    interior: Math.max(0, (sides.anterior + sides.posterior + sides.superior + sides.inferior - c.score) / INTERIOR_WEIGHT),
  };
}

/**
 * Fits a rectangle to the body around `seed` by scoring whole outlines rather than choosing sides one after the other:
 * every axis within ±AXIS_RANGE_DEG of `initialCranial` and every set of four sides that encloses the seed with a
 * plausible depth, height and depth ÷ height (DEPTH_TO_HEIGHT_RANGE) scores the share of each side's central part that
 * carries an exit edge (the cortex giving way to the disc, the canal or the soft tissue outside: falling outward on CT,
 * rising on MR), less the strongest edge crossing its inside (a posterior-facing one only outside the middle third of
 * the height, where the basivertebral canal ends). A side that runs past the body (across a disc or the
 * canal) collects no edge there, and a box spanning a disc holds that disc's edges inside, so the body's own outline
 * wins over pairs of strong but unrelated edges. Boxes that are one of the outlines in `avoid` (SAME_OUTLINE_MM) are
 * passed over for the best of the others (KEPT_WITH_AVOIDED are kept on the coarse grid). Null when no box fits.
 */
export function fitBodyBox(
  view: PlaneView,
  seed: Vec2,
  polarity: ShellPolarity,
  initialCranial: Vec2,
  avoid: readonly AvoidedOutline[] = [],
): BodyBox | null {
  // The edge fields do not depend on the limits: the refits reuse them.
  const fields = new Map<string, EdgeField>();
  let best = fitWithin(view, seed, polarity, initialCranial, {}, fields, avoid);
  if (!best) return null;
  // Fitted again while the box holds a disc or a gap, each side that reached across one held on the body's side of it.
  let limits: AxisLimits = {};
  for (let round = 0; round < DISC_SPLIT_ROUNDS; round += 1) {
    const found = { ...discLimits(best), ...gapLimits(best) };
    if (Object.keys(found).length === 0) break;
    limits = { ...limits, ...found };
    const split = fitWithin(view, seed, polarity, initialCranial, limits, fields, avoid);
    if (!split) break;
    best = split;
  }
  return boxOf(seed, best);
}

/** At most this many refits around discs and gaps found inside the box (one per side, less one). */
const DISC_SPLIT_ROUNDS = 3;

/**
 * Where a box's sides may lie, mm from the seed: along the axis the superior side at most and the inferior side at
 * least so far; across it, each wall within a range (from the posterior side towards the anterior).
 */
interface AxisLimits {
  readonly superiorMaxMm?: number;
  readonly inferiorMinMm?: number;
  readonly anteriorWithinMm?: readonly [number, number];
  readonly posteriorWithinMm?: readonly [number, number];
}

/**
 * A gap line counts when its gap samples cover this share of the box's central height (0–1). The aorta's wall runs
 * the whole height of every body it lies against (share 0.9–1 on the drawn aorta, with plaques in its wall too); a
 * fracture cleft or a vessel's channel inside a body runs part of it (the VerSe CT's fractured L1: 0.5). At 0.9 the
 * sweep's low-dose 3 mm CT kept its figures but the aorta with plaques kept 4 of 30 clicks off unflagged on every draw
 * (2 / 0 / 3 at 0.8); at 0.8 two more of that CT's clicks need a correction on one draw, flagged (journal, twentieth
 * round). Design decision of this project (issue 12).
 */
const GAP_LINE_MIN_SHARE = 0.8;
/**
 * A wall lies this far inside a gap line at most, mm: its shell and the blur of its outer edge (a gap is the soft tissue
 * right outside the shell, within DISC_FLANK_MM of it).
 */
const GAP_WALL_REACH_MM = 3;

/** The first u from `from` in steps of `step` (±1) before reaching `to` that is a gap line; null when none is. */
function nearestGapLine(from: number, to: number, step: 1 | -1, isGapLine: (u: number) => boolean): number | null {
  for (let u = from; step > 0 ? u < to : u > to; u += step) if (isGapLine(u)) return u;
  return null;
}

/**
 * A wall whose share of edge is below this (0–1) carries almost none: the box's side ends in the body's marrow or in
 * what continues it, and a gap line beyond it may mark where the body ends (gapLimits).
 */
const BARE_WALL_SHARE = 0.25;

/**
 * The gap lines (share of the central height ≥ GAP_LINE_MIN_SHARE, see EdgeField.gaps) inside a fitted box nearest each
 * of its walls, or, beyond a wall that carries almost no edge (BARE_WALL_SHARE), nearest it within a body's depth: that
 * wall lies just inside the gap (within GAP_WALL_REACH_MM of it), as a range for the refit (mm from the seed across the
 * axis); none when there is no such gap line. A body's marrow runs from wall to wall, so a dark
 * line between two bright structures over the box's height says that the box holds the body and something beside it:
 * the aorta's enhanced lumen in front of an osteoporotic body whose marrow is darker than the lumen, with the aorta's
 * wall between them. The lumen's front then scores as the anterior wall, and the body's own wall, whose outside reaches
 * the bright lumen within the step's outside window, scores little.
 */
function gapLimits(c: Candidate): AxisLimits {
  const { field } = c;
  const { n, gridMm } = field;
  const half = (n - 1) / 2;
  const [a, b] = centralRange(c.vi, c.vs);
  if (b <= a) return {};
  const isGapLine = (u: number) => lineShare(field, field.gaps, u, a, b) >= GAP_LINE_MIN_SHARE;
  const mm = (u: number) => (u - half) * gridMm;
  const out: { anteriorWithinMm?: readonly [number, number]; posteriorWithinMm?: readonly [number, number] } = {};
  // Inside the box, nearest its wall first; beyond a wall that carries almost no edge (the body goes on there), nearest
  // first, as far as a body can be deep.
  const beyond = Math.round(MAX_PLAUSIBLE_DEPTH_MM / gridMm) - (c.ua - c.up);
  const front = sideMean(field, field.front, c.ua, c.vi, c.vs) < BARE_WALL_SHARE ? Math.min(n - 1, c.ua + beyond) : c.ua;
  const back = sideMean(field, field.back, c.up, c.vi, c.vs) < BARE_WALL_SHARE ? Math.max(0, c.up - beyond) : c.up;
  // Inside, from the wall's second column on: a gap line counts a sample either side of it (EdgeField.gaps), so after a
  // refit has put the wall just inside a gap line, that line shows again in the wall's neighbouring column.
  const anteriorGap = nearestGapLine(c.ua - 2, half, -1, isGapLine) ?? nearestGapLine(c.ua + 1, front + 1, 1, isGapLine);
  const posteriorGap = nearestGapLine(c.up + 2, half, 1, isGapLine) ?? nearestGapLine(c.up - 1, back - 1, -1, isGapLine);
  // The gap's own inner column: the end of its line's run nearest the body, less the sample the line counts beside it.
  const innerColumn = (hit: number, inward: 1 | -1): number => {
    let u = hit;
    while (isGapLine(u + inward) && (u + inward - half) * inward < 0) u += inward;
    return u - inward;
  };
  if (anteriorGap !== null) {
    const gap = innerColumn(anteriorGap, -1);
    out.anteriorWithinMm = [mm(gap) - GAP_WALL_REACH_MM, mm(gap) - gridMm];
  }
  if (posteriorGap !== null) {
    const gap = innerColumn(posteriorGap, 1);
    out.posteriorWithinMm = [mm(gap) + gridMm, mm(gap) + GAP_WALL_REACH_MM];
  }
  return out;
}

/**
 * The disc lines (share of the central depth ≥ DISC_LINE_MIN_SHARE, see EdgeField.discs) inside a fitted box nearest
 * each of its endplate sides, as limits for that side (mm from the seed along the box's axis); none when the box holds
 * no disc.
 */
function discLimits(c: Candidate): AxisLimits {
  const { field } = c;
  const { n, gridMm } = field;
  const half = (n - 1) / 2;
  const [a, b] = centralRange(c.up, c.ua);
  if (b <= a) return {};
  const shareAt = (v: number) => lineShare(field, field.discs, v, a, b);
  let superiorMaxMm: number | undefined;
  let inferiorMinMm: number | undefined;
  for (let v = c.vs - 1; v > half && superiorMaxMm === undefined; v -= 1) {
    if (shareAt(v) >= DISC_LINE_MIN_SHARE) superiorMaxMm = (v - half) * gridMm;
  }
  for (let v = c.vi + 1; v < half && inferiorMinMm === undefined; v += 1) {
    if (shareAt(v) >= DISC_LINE_MIN_SHARE) inferiorMinMm = (v - half) * gridMm;
  }
  return { ...(superiorMaxMm === undefined ? {} : { superiorMaxMm }), ...(inferiorMinMm === undefined ? {} : { inferiorMinMm }) };
}

/** The best candidate of fitBodyBox's two-stage search (coarse axes and grid, then fine) within `limits`; null when none. */
function fitWithin(
  view: PlaneView,
  seed: Vec2,
  polarity: ShellPolarity,
  initialCranial: Vec2,
  limits: AxisLimits,
  fields: Map<string, EdgeField>,
  avoid: readonly AvoidedOutline[],
): Candidate | null {
  const fieldAt = (deg: number, gridMm: number, cap?: number): EdgeField => {
    const key = `${deg}:${gridMm}:${cap ?? 'own'}`;
    let field = fields.get(key);
    if (!field) {
      field = edgeFieldOf(view, seed, polarity, deg === 0 ? initialCranial : rotate(initialCranial, deg), gridMm, cap);
      fields.set(key, field);
    }
    return field;
  };
  const rangesOf = (gridMm: number): Ranges => {
    const n = Math.round((2 * SEARCH_HALF_SIZE_MM) / gridMm) + 1;
    const centre = (n - 1) / 2;
    const margin = Math.round(CLICK_MARGIN_MM / gridMm);
    // A wall's grid indices from `lo` to `hi`, narrowed to its range in mm when a gap line gave it one.
    const wall = (withinMm: readonly [number, number] | undefined, lo: number, hi: number): readonly [number, number] =>
      withinMm === undefined ? [lo, hi] : [Math.max(lo, Math.ceil(centre + withinMm[0] / gridMm)), Math.min(hi, Math.floor(centre + withinMm[1] / gridMm))];
    return {
      up: wall(limits.posteriorWithinMm, 0, Math.floor(centre) - margin),
      ua: wall(limits.anteriorWithinMm, Math.ceil(centre) + margin, n - 1),
      vi: [limits.inferiorMinMm === undefined ? 0 : Math.ceil(centre + limits.inferiorMinMm / gridMm), Math.floor(centre) - margin],
      vs: [Math.ceil(centre) + margin, limits.superiorMaxMm === undefined ? n - 1 : Math.floor(centre + limits.superiorMaxMm / gridMm)],
    };
  };
  const coarseRanges = rangesOf(COARSE_GRID_MM);
  const straight = fieldAt(0, COARSE_GRID_MM);
  const coarse = new BestBoxes(avoid.length > 0 ? KEPT_WITH_AVOIDED : 1);
  for (let deg = -AXIS_RANGE_DEG; deg <= AXIS_RANGE_DEG + 1e-9; deg += AXIS_STEP_DEG) bestIn(fieldAt(deg, COARSE_GRID_MM, straight.cap), deg, coarseRanges, 1, coarse);
  const chosen = coarse.items.filter((c) => !avoid.some((o) => isOutline(seed, c, o))).sort((a, b) => b.score - a.score)[0];
  if (!chosen) return null;
  // Refine on the fine grid: half the axis step either side, every fine step within one coarse step of the box's sides.
  const scale = COARSE_GRID_MM / FINE_GRID_MM;
  const fine = rangesOf(FINE_GRID_MM);
  const near = (k: number, r: readonly [number, number]): readonly [number, number] => [
    Math.max(r[0], Math.round(k * scale - scale)),
    Math.min(r[1], Math.round(k * scale + scale)),
  ];
  const local: Ranges = { up: near(chosen.up, fine.up), ua: near(chosen.ua, fine.ua), vi: near(chosen.vi, fine.vi), vs: near(chosen.vs, fine.vs) };
  const refined = new BestBoxes(1);
  let fineCap: number | undefined;
  for (const deg of [chosen.deg, chosen.deg - AXIS_STEP_DEG / 2, chosen.deg + AXIS_STEP_DEG / 2]) {
    const field = fieldAt(deg, FINE_GRID_MM, fineCap);
    fineCap = field.cap;
    bestIn(field, deg, local, 1, refined);
  }
  return refined.best();
}

/** True when each side of candidate `c` (around `seed`) lies within SAME_OUTLINE_MM of outline `o`'s, read along c's axes. */
function isOutline(seed: Vec2, c: Candidate, o: AvoidedOutline): boolean {
  const { field } = c;
  const half = (field.n - 1) / 2;
  const mm = (k: number) => (k - half) * field.gridMm;
  const side = (u: number, v: number, axis: Vec2): number => {
    const p = addScaled2(addScaled2(o.centre, o.anterior, u), o.cranial, v);
    return (p[0] - seed[0]) * axis[0] + (p[1] - seed[1]) * axis[1];
  };
  return (
    Math.abs(side(o.posteriorWallMm, 0, field.anterior) - mm(c.up)) <= SAME_OUTLINE_MM &&
    Math.abs(side(o.anteriorWallMm, 0, field.anterior) - mm(c.ua)) <= SAME_OUTLINE_MM &&
    Math.abs(side(0, o.inferiorMm, field.cranial) - mm(c.vi)) <= SAME_OUTLINE_MM &&
    Math.abs(side(0, o.superiorMm, field.cranial) - mm(c.vs)) <= SAME_OUTLINE_MM
  );
}
