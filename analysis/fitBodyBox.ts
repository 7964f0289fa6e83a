import { MAX_PLAUSIBLE_DEPTH_MM, MAX_PLAUSIBLE_HEIGHT_MM, MIN_PLAUSIBLE_DEPTH_MM, MIN_PLAUSIBLE_HEIGHT_MM } from './constants';
import type { PlaneView } from './planeView';
import type { ShellPolarity } from './profile';
import { addScaled2, dot2, perpendicular2, type Vec2 } from './vec';

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
  /** Strongest full-length edge inside the box, as a share like the sides' (0–1): a disc or a wall crossing it. */
  readonly interior: number;
}

/** Half-size of the square around the click that the box must fit in, mm (a lumbar body is ≤ 55 mm deep). */
const SEARCH_HALF_SIZE_MM = 40;
/** Grid step of the fit, mm: the profiles of measureBody place the final points to a fraction of a millimetre. */
const GRID_MM = 1;
/** Positions are first tried every COARSE_STRIDE grid steps, then the best box is refined step by step. */
const COARSE_STRIDE = 2;
/** The box's axis is tried this far either side of the starting axis, degrees, in steps of AXIS_STEP_DEG. */
const AXIS_RANGE_DEG = 6;
const AXIS_STEP_DEG = 3;
/** The click must lie at least this far inside every side, mm (the user clicks inside the body). */
const CLICK_MARGIN_MM = 3;
/**
 * Each side is scored on its central share only (0–1): rounded rims, ring apophyses and marginal osteophytes near the
 * corners are not where a wall or an endplate is straight.
 */
const SIDE_CENTRAL_SHARE = 0.7;
/**
 * How far a side's edge may depart from the straight side and still count, mm: endplates are concave by 1–3 mm
 * (biconcave on a lateral view) and anterior walls by about 1 mm.
 */
const SIDE_TOLERANCE_MM = 0;
/** Widths of the shell side and of the outside of a side's step response, mm: cortex ≤ 2 mm, a disc or the canal ≥ 3 mm. */
const INSIDE_MM = 2;
const OUTSIDE_MM = 3;
/**
 * A step response is an edge when it reaches EDGE_TEXTURE_RATIO × the median positive response of the field (the
 * marrow's texture and noise) and EDGE_STRONGEST_SHARE of its strongest responses (99th percentile); a side then scores
 * the share of its length that is edge, so one very strong structure (a posterior element's cortex, a calcified aorta)
 * cannot make up for a missing side.
 */
const EDGE_TEXTURE_RATIO = 2;
const EDGE_STRONGEST_SHARE = 0.1;
/**
 * Edges parallel to a side and this far or more inside it count against the box, mm: a disc or the canal inside the box
 * means it spans two bodies or a body and its neighbour's tissue.
 */
const INTERIOR_GUARD_MM = 4;
/** Weight of the strongest interior edge against the sum of the four sides. */
const INTERIOR_WEIGHT = 1.5;
const INTERIOR_FLOOR = 0;
/**
 * Vertebral bodies are deeper than high: depth ÷ height between these bounds for adult thoracic and lumbar bodies,
 * crushed ones included (Panjabi MM et al., Spine 1991;16:888 and 1992;17:299: depth ≈ 1.2–1.6 × height in health).
 */
export const DEPTH_TO_HEIGHT_RANGE: readonly [number, number] = [1.0, 2.4];

/**
 * Healthy adult T4–L5 bodies on a lateral view are 1.2–1.45 × deeper than high (endplate depth ÷ posterior height, means
 * by level in Panjabi MM et al., Spine 1991;16:888 and 1992;17:299), with a spread of about 0.12; a fracture only
 * makes a body relatively deeper. A box taller than that is penalised by TALL_PRIOR_WEIGHT × z² / 2 (z: standard
 * deviations below the typical ratio), so a box reaching across a thin disc to the neighbour's endplate loses to the
 * body's own outline when their edges are alike.
 */
const TYPICAL_DEPTH_TO_HEIGHT = 1.3;
const DEPTH_TO_HEIGHT_SPREAD = 0.12;
const TALL_PRIOR_WEIGHT = 0;

function tallPenalty(ratio: number): number {
  const z = Math.max(0, TYPICAL_DEPTH_TO_HEIGHT - ratio) / DEPTH_TO_HEIGHT_SPREAD;
  return (TALL_PRIOR_WEIGHT * z * z) / 2;
}

/** Responses of one axis: cumulative sums along each side's direction of its capped step responses. */
interface Field {
  readonly n: number;
  /** The response taken as one unit (see CAP_PERCENTILE), the same for every axis so their scores compare. */
  readonly cap: number;
  readonly cranial: Vec2;
  readonly anterior: Vec2;
  /** cum[line · (n + 1) + k]: sum of the first k responses on line `line` (walls: line = u index, along v). */
  readonly front: Float64Array;
  readonly back: Float64Array;
  readonly top: Float64Array;
  readonly bottom: Float64Array;
}

interface Candidate {
  readonly score: number;
  readonly up: number;
  readonly ua: number;
  readonly vi: number;
  readonly vs: number;
  readonly field: Field;
}

function rotate(v: Vec2, deg: number): Vec2 {
  const t = (deg * Math.PI) / 180;
  return [v[0] * Math.cos(t) - v[1] * Math.sin(t), v[0] * Math.sin(t) + v[1] * Math.cos(t)];
}

/** Samples the grid around `seed` on the axes of `cranial` and turns it into the four sides' cumulative responses. */
function fieldOf(view: PlaneView, seed: Vec2, polarity: ShellPolarity, cranial: Vec2, fixedCap?: number): Field {
  const n = Math.round((2 * SEARCH_HALF_SIZE_MM) / GRID_MM) + 1;
  const half = (n - 1) / 2;
  const p = perpendicular2(cranial);
  const anterior: Vec2 = dot2(p, view.anterior) >= 0 ? p : [-p[0], -p[1]];
  const values = new Float64Array(n * n);
  for (let iv = 0; iv < n; iv += 1) {
    for (let iu = 0; iu < n; iu += 1) {
      const u = (iu - half) * GRID_MM;
      const v = (iv - half) * GRID_MM;
      values[iu + iv * n] = view.valueAt(seed[0] + u * anterior[0] + v * cranial[0], seed[1] + u * anterior[1] + v * cranial[1]);
    }
  }
  const at = (iu: number, iv: number) => values[Math.max(0, Math.min(n - 1, iu)) + Math.max(0, Math.min(n - 1, iv)) * n]!;
  const exitSign = polarity === 'brightShell' ? -1 : 1;
  const insideSamples = Math.max(1, Math.round(INSIDE_MM / GRID_MM));
  const outsideSamples = Math.max(1, Math.round(OUTSIDE_MM / GRID_MM));
  // Step response across a side at (iu, iv) facing (du, dv): the shell inside against the outside beyond.
  const step = (iu: number, iv: number, du: number, dv: number): number => {
    let inside = 0;
    let outside = 0;
    for (let k = 1; k <= insideSamples; k += 1) inside += at(iu - k * du, iv - k * dv);
    for (let k = 1; k <= outsideSamples; k += 1) outside += at(iu + k * du, iv + k * dv);
    const d = exitSign * (outside / outsideSamples - inside / insideSamples);
    return Number.isFinite(d) && d > 0 ? d : 0;
  };
  const responses = [0, 1, 2, 3].map(() => new Float64Array(n * n));
  const directions = [[1, 0], [-1, 0], [0, 1], [0, -1]] as const;
  const sampled: number[] = [];
  for (let iv = 0; iv < n; iv += 1) {
    for (let iu = 0; iu < n; iu += 1) {
      directions.forEach(([du, dv], r) => {
        const value = step(iu, iv, du, dv);
        responses[r]![iu + iv * n] = value;
        if ((iu + iv) % 3 === 0) sampled.push(value);
      });
    }
  }
  // One very strong structure (a posterior element's cortex, a calcified aorta) must not make up for a missing side.
  sampled.sort((a, b) => a - b);
  const positive = sampled.filter((x) => x > 0);
  const cap =
    fixedCap ??
    Math.max(
      EDGE_TEXTURE_RATIO * (positive[Math.floor(positive.length / 2)] ?? 0),
      EDGE_STRONGEST_SHARE * (sampled[Math.floor(sampled.length * 0.99)] ?? 0),
      1e-9,
    );
  const tolerance = Math.max(0, Math.round(SIDE_TOLERANCE_MM / GRID_MM));
  const cumulative = (response: Float64Array, alongU: boolean): Float64Array => {
    const cum = new Float64Array(n * (n + 1));
    for (let line = 0; line < n; line += 1) {
      let sum = 0;
      for (let k = 0; k < n; k += 1) {
        let m = 0;
        for (let d = -tolerance; d <= tolerance; d += 1) {
          const across = line + d;
          if (across < 0 || across >= n) continue;
          m = Math.max(m, alongU ? response[k + across * n]! : response[across + k * n]!);
        }
        sum += m >= cap ? 1 : 0;
        cum[line * (n + 1) + k + 1] = sum;
      }
    }
    return cum;
  };
  return {
    n,
    cap,
    cranial,
    anterior,
    front: cumulative(responses[0]!, false),
    back: cumulative(responses[1]!, false),
    top: cumulative(responses[2]!, true),
    bottom: cumulative(responses[3]!, true),
  };
}

/**
 * Strength of a side on `line` over the central SIDE_CENTRAL_SHARE of [from, to], 0–1: the mean response m (in units of
 * the field's CAP_PERCENTILE response) saturated as m / (1 + m), so a side twice as strong as needed adds little more
 * while a missing side costs its whole share.
 */
function sideMean(field: Field, cum: Float64Array, line: number, from: number, to: number): number {
  const inset = ((1 - SIDE_CENTRAL_SHARE) / 2) * (to - from);
  const a = Math.round(from + inset);
  const b = Math.round(to - inset);
  return b > a ? (cum[line * (field.n + 1) + b + 1]! - cum[line * (field.n + 1) + a]!) / (b - a + 1) : 0;
}

/** Grid limits of a box: lowest and highest index of each side's position. */
interface Ranges {
  readonly up: readonly [number, number];
  readonly ua: readonly [number, number];
  readonly vi: readonly [number, number];
  readonly vs: readonly [number, number];
}

/**
 * The best box of one field within `ranges`, positions every `stride` steps: the sum of the four sides' means less
 * INTERIOR_WEIGHT × the strongest full-length edge inside it (rows for the endplates, columns for the walls).
 */
function bestIn(field: Field, ranges: Ranges, stride: number): Candidate | null {
  const { n } = field;
  const centre = (n - 1) / 2;
  const guard = Math.round(INTERIOR_GUARD_MM / GRID_MM);
  const minDepth = MIN_PLAUSIBLE_DEPTH_MM / GRID_MM;
  const maxDepth = MAX_PLAUSIBLE_DEPTH_MM / GRID_MM;
  const minHeight = MIN_PLAUSIBLE_HEIGHT_MM / GRID_MM;
  const maxHeight = MAX_PLAUSIBLE_HEIGHT_MM / GRID_MM;
  const list = (r: readonly [number, number]) => {
    const out: number[] = [];
    for (let k = Math.max(0, r[0]); k <= Math.min(n - 1, r[1]); k += stride) out.push(k);
    return out;
  };
  const ups = list(ranges.up);
  const uas = list(ranges.ua);
  const vis = list(ranges.vi);
  const vss = list(ranges.vs);
  // For each wall pair: the strongest full-depth exit edge facing the same way as the endplate beyond it, from the
  // centre outward (running maxima). Edges facing inward (the inner side of the opposite endplate's cortex) do not count.
  const rowMax = new Map<number, { down: Float64Array; up: Float64Array }>();
  for (const up of ups) {
    for (const ua of uas) {
      const down = new Float64Array(n);
      const upward = new Float64Array(n);
      let m = 0;
      for (let v = Math.floor(centre); v >= 0; v -= 1) down[v] = m = Math.max(m, sideMean(field, field.bottom, v, up, ua));
      m = 0;
      for (let v = Math.ceil(centre); v < n; v += 1) upward[v] = m = Math.max(m, sideMean(field, field.top, v, up, ua));
      rowMax.set(up * n + ua, { down, up: upward });
    }
  }
  let best: Candidate | null = null;
  const colDown = new Float64Array(n);
  const colUp = new Float64Array(n);
  for (const vi of vis) {
    for (const vs of vss) {
      const height = vs - vi;
      if (height < minHeight || height > maxHeight) continue;
      let m = 0;
      for (let u = Math.floor(centre); u >= 0; u -= 1) {
        colDown[u] = m = Math.max(m, sideMean(field, field.back, u, vi, vs));
      }
      m = 0;
      for (let u = Math.ceil(centre); u < n; u += 1) {
        colUp[u] = m = Math.max(m, sideMean(field, field.front, u, vi, vs));
      }
      const loDepth = Math.max(minDepth, DEPTH_TO_HEIGHT_RANGE[0] * height);
      const hiDepth = Math.min(maxDepth, DEPTH_TO_HEIGHT_RANGE[1] * height);
      for (const up of ups) {
        const back = sideMean(field, field.back, up, vi, vs);
        const colInside = up + guard <= centre ? colDown[up + guard]! : 0;
        for (const ua of uas) {
          const depth = ua - up;
          if (depth < loDepth || depth > hiDepth) continue;
          const rows = rowMax.get(up * n + ua)!;
          const interior = Math.max(
            colInside,
            ua - guard >= centre ? colUp[ua - guard]! : 0,
            vi + guard <= centre ? rows.down[vi + guard]! : 0,
            vs - guard >= centre ? rows.up[vs - guard]! : 0,
          );
          const score =
            back +
            sideMean(field, field.front, ua, vi, vs) +
            sideMean(field, field.top, vs, up, ua) +
            sideMean(field, field.bottom, vi, up, ua) -
            INTERIOR_WEIGHT * Math.max(0, interior - INTERIOR_FLOOR) -
            tallPenalty(depth / height);
          if (!best || score > best.score) best = { score, up, ua, vi, vs, field };
        }
      }
    }
  }
  return best;
}

/** The BodyBox of a candidate, in plane coordinates. */
function boxOf(seed: Vec2, c: Candidate): BodyBox {
  const { field } = c;
  const half = (field.n - 1) / 2;
  const uMid = ((c.up + c.ua) / 2 - half) * GRID_MM;
  const vMid = ((c.vi + c.vs) / 2 - half) * GRID_MM;
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
    depthMm: (c.ua - c.up) * GRID_MM,
    heightMm: (c.vs - c.vi) * GRID_MM,
    sides,
    interior: Math.max(0, (sides.anterior + sides.posterior + sides.superior + sides.inferior - c.score) / INTERIOR_WEIGHT),
  };
}

/**
 * Fits a rectangle to the body around `seed` by scoring whole outlines rather than choosing sides one after the other:
 * every axis within ±AXIS_RANGE_DEG of `initialCranial` and every set of four sides that encloses the seed with a
 * plausible depth, height and depth ÷ height (DEPTH_TO_HEIGHT_RANGE) scores the share of each side's central part that
 * carries an exit edge (the cortex giving way to the disc, the canal or the soft tissue outside: falling outward on CT,
 * rising on MR), less the strongest edge crossing its inside. A side that runs past the body (across a disc or the
 * canal) collects no edge there, and a box spanning a disc holds that disc's edges inside, so the body's own outline
 * wins over pairs of strong but unrelated edges. Null when no box fits.
 */
export function fitBodyBox(view: PlaneView, seed: Vec2, polarity: ShellPolarity, initialCranial: Vec2): BodyBox | null {
  const n = Math.round((2 * SEARCH_HALF_SIZE_MM) / GRID_MM) + 1;
  const centre = (n - 1) / 2;
  const margin = Math.round(CLICK_MARGIN_MM / GRID_MM);
  const full: Ranges = {
    up: [0, Math.floor(centre) - margin],
    ua: [Math.ceil(centre) + margin, n - 1],
    vi: [0, Math.floor(centre) - margin],
    vs: [Math.ceil(centre) + margin, n - 1],
  };
  let best: Candidate | null = null;
  let bestDeg = 0;
  const cap = fieldOf(view, seed, polarity, initialCranial).cap;
  for (let deg = -AXIS_RANGE_DEG; deg <= AXIS_RANGE_DEG + 1e-9; deg += AXIS_STEP_DEG) {
    const c = bestIn(fieldOf(view, seed, polarity, rotate(initialCranial, deg), cap), full, COARSE_STRIDE);
    if (c && (!best || c.score > best.score)) {
      best = c;
      bestDeg = deg;
    }
  }
  if (!best) return null;
  // Refine: half the axis step either side, every grid step within a coarse stride of the best sides.
  const coarse = best;
  const near = (k: number, r: readonly [number, number]): readonly [number, number] => [
    Math.max(r[0], k - COARSE_STRIDE),
    Math.min(r[1], k + COARSE_STRIDE),
  ];
  const local: Ranges = { up: near(coarse.up, full.up), ua: near(coarse.ua, full.ua), vi: near(coarse.vi, full.vi), vs: near(coarse.vs, full.vs) };
  for (const deg of [bestDeg - AXIS_STEP_DEG / 2, bestDeg, bestDeg + AXIS_STEP_DEG / 2]) {
    const c = bestIn(deg === bestDeg ? coarse.field : fieldOf(view, seed, polarity, rotate(initialCranial, deg), cap), local, 1);
    if (c && c.score >= best.score) best = c;
  }
  return boxOf(seed, best);
}
