import { MAX_EDGE_SEARCH_MM, MAX_PLAUSIBLE_HEIGHT_MM, MIN_PLAUSIBLE_HEIGHT_MM, OUTSIDE_WINDOW_END_MM } from './constants';
import { fitBodyBox, type BodyBox } from './fitBodyBox';
import type { PlaneView } from './planeView';
import { findExitEdge, findExitEdges, median, sampleProfile, smooth, type ExitEdge, type ShellPolarity } from './profile';
import { addScaled2, dot2, perpendicular2, subtract2, unit2, type Vec2 } from './vec';

/** Marrow statistics around a point: its level and noise, image units. */
export interface MarrowStats {
  readonly levelValue: number;
  readonly noiseValue: number;
}

/**
 * A vertebral body located on the plane: its centre, its own axes (cranial along the walls, anterior across them),
 * and where its walls and endplates are, mm from the centre along those axes.
 */
export interface BodyFrame {
  readonly centre: Vec2;
  readonly cranial: Vec2;
  readonly anterior: Vec2;
  readonly anteriorWallMm: number;
  readonly posteriorWallMm: number;
  /** Endplates at mid-depth, mm along cranial from the centre (superior > 0 > inferior). */
  readonly superiorMm: number;
  readonly inferiorMm: number;
  readonly polarity: ShellPolarity;
  readonly marrow: MarrowStats;
  /** Median contrast of the walls and endplates found, image units. */
  readonly contrastValue: number;
}

const MARROW_RADIUS_MM = 3;

/** Median and robust spread (1.4826 × MAD) of the values in a disc of MARROW_RADIUS_MM around `centre`. */
export function marrowStats(view: PlaneView, centre: Vec2): MarrowStats {
  const values: number[] = [];
  for (let dx = -MARROW_RADIUS_MM; dx <= MARROW_RADIUS_MM; dx += 0.5) {
    for (let dy = -MARROW_RADIUS_MM; dy <= MARROW_RADIUS_MM; dy += 0.5) {
      if (dx * dx + dy * dy > MARROW_RADIUS_MM * MARROW_RADIUS_MM) continue;
      const v = view.valueAt(centre[0] + dx, centre[1] + dy);
      if (Number.isFinite(v)) values.push(v);
    }
  }
  const levelValue = median(values);
  const noiseValue = 1.4826 * median(values.map((v) => Math.abs(v - levelValue)));
  return { levelValue, noiseValue };
}

/**
 * Which way the shell differs from the marrow, from the data: a field holding fat or air in HU is CT (bright cortex);
 * otherwise along the four directions out of the body, the first
 * clear departure from the marrow level is the cortex, brighter on CT and darker on MR; the majority decides.
 */
export function decidePolarity(view: PlaneView, centre: Vec2, axes: { cranial: Vec2; anterior: Vec2 }, marrow: MarrowStats): ShellPolarity {
  // Values well below water around the spine are fat or air in Hounsfield units: a CT, whose cortex is bright.
  if (view.hounsfield) return 'brightShell';
  let vote = 0;
  for (const direction of [axes.cranial, axes.anterior, [-axes.cranial[0], -axes.cranial[1]] as Vec2, [-axes.anterior[0], -axes.anterior[1]] as Vec2]) {
    const s = smooth(sampleProfile(view, centre, direction, 35), 2);
    let spread = 0;
    for (const v of s) if (Number.isFinite(v)) spread = Math.max(spread, Math.abs(v - marrow.levelValue));
    const threshold = Math.max(4 * marrow.noiseValue, 0.3 * spread);
    for (const v of s) {
      if (Number.isFinite(v) && Math.abs(v - marrow.levelValue) > threshold) {
        vote += v > marrow.levelValue ? 1 : -1;
        break;
      }
    }
  }
  return vote >= 0 ? 'brightShell' : 'darkShell';
}

function negate(v: Vec2): Vec2 {
  return [-v[0], -v[1]];
}

/** How to look for an edge along a profile (see findExitEdge); distances in mm from the profile's start. */
export interface EdgeSearch {
  readonly minContrast: number;
  readonly fromMm?: number;
  readonly toMm?: number;
  readonly pick?: 'first' | 'strongest';
  /** Half-width of the band averaged across the profile, mm (default PROFILE_HALF_WIDTH_MM). */
  readonly halfWidthMm?: number;
}

/** Every acceptable exit edge from `start` along unit `direction` (see findExitEdges), outward in order. */
export function edgesAlong(view: PlaneView, start: Vec2, direction: Vec2, polarity: ShellPolarity, search: EdgeSearch): ExitEdge[] {
  const fromMm = Math.max(0.5, search.fromMm ?? 0.5);
  const toMm = search.toMm ?? MAX_EDGE_SEARCH_MM;
  const profile = sampleProfile(view, start, direction, toMm + OUTSIDE_WINDOW_END_MM + 1, search.halfWidthMm);
  return findExitEdges(profile, polarity, { minStartMm: fromMm, maxEndMm: toMm, minContrast: search.minContrast });
}

/**
 * Vertebral bodies are deeper than high: depth ÷ height between these bounds for adult thoracic and lumbar bodies,
 * allowing for crushed ones (Panjabi MM et al., Spine 1991;16:888 and 1992;17:299: depth ≈ 1.2–1.6 × height).
 */
const DEPTH_TO_HEIGHT_RANGE: readonly [number, number] = [1.0, 2.4];

/**
 * The anterior and posterior wall edges at one height: of all pairs, those whose depth fits DEPTH_TO_HEIGHT_RANGE ×
 * `heightMm`, the strongest pair (sum of contrasts); when none fits, the pair nearest the range. Null when a side has
 * no edge.
 */
function wallPair(fronts: readonly ExitEdge[], backs: readonly ExitEdge[], heightMm: number): readonly [ExitEdge, ExitEdge] | null {
  let best: readonly [ExitEdge, ExitEdge] | null = null;
  let bestScore = -Infinity;
  for (const f of fronts) {
    for (const b of backs) {
      const ratio = (f.distanceMm + b.distanceMm) / heightMm;
      const misfit = Math.max(0, DEPTH_TO_HEIGHT_RANGE[0] - ratio, ratio - DEPTH_TO_HEIGHT_RANGE[1]);
      const score = misfit > 0 ? -1e9 * misfit : f.contrast + b.contrast;
      if (score > bestScore) {
        bestScore = score;
        best = [f, b];
      }
    }
  }
  return best;
}

/**
 * Score of a fitting pair of edges: the nearer to the body's inside the better (the body's own boundary comes before
 * its neighbour's), the contrast deciding between pairs equally near. `i`, `j` are the edges' ranks outward.
 */
function nearestFirst(i: number, j: number, contrastSum: number): number {
  return -(i + j) * 1e6 + contrastSum;
}

/** Height ÷ depth of adult thoracic and lumbar bodies, crushed ones included (the inverse of DEPTH_TO_HEIGHT_RANGE). */
const HEIGHT_TO_DEPTH_RANGE: readonly [number, number] = [1 / DEPTH_TO_HEIGHT_RANGE[1], 1 / DEPTH_TO_HEIGHT_RANGE[0]];
/** Before the walls are known, the height alone must be plausible, mm. */
const FIRST_HEIGHT_RANGE_MM: readonly [number, number] = [MIN_PLAUSIBLE_HEIGHT_MM, MAX_PLAUSIBLE_HEIGHT_MM];

/**
 * The superior and inferior endplate edges through one point: of all pairs whose height fits (HEIGHT_TO_DEPTH_RANGE ×
 * `depthMm` once the walls are known, FIRST_HEIGHT_RANGE_MM before), the nearest (see nearestFirst); when none fits,
 * the pair nearest the range. Null when a side has no edge.
 */
function endplatePair(sups: readonly ExitEdge[], infs: readonly ExitEdge[], depthMm: number | null): readonly [ExitEdge, ExitEdge] | null {
  const [lo, hi] = depthMm !== null ? [HEIGHT_TO_DEPTH_RANGE[0] * depthMm, HEIGHT_TO_DEPTH_RANGE[1] * depthMm] : FIRST_HEIGHT_RANGE_MM;
  let best: readonly [ExitEdge, ExitEdge] | null = null;
  let bestScore = -Infinity;
  for (const [ai, a] of sups.entries()) {
    for (const [bi, b] of infs.entries()) {
      const h = a.distanceMm + b.distanceMm;
      const misfit = Math.max(0, lo - h, h - hi) / Math.max(lo, 1);
      const score = misfit > 0 ? -1e9 * misfit : nearestFirst(ai, bi, a.contrast + b.contrast);
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = [a, b];
      }
    }
  }
  return best;
}

/** The exit edge from `start` along unit `direction` between fromMm (0.5) and toMm (MAX_EDGE_SEARCH_MM), or null. */
export function edgeAlong(view: PlaneView, start: Vec2, direction: Vec2, polarity: ShellPolarity, search: EdgeSearch): ExitEdge | null {
  const fromMm = Math.max(0.5, search.fromMm ?? 0.5);
  const toMm = search.toMm ?? MAX_EDGE_SEARCH_MM;
  if (toMm <= fromMm) return null;
  const profile = sampleProfile(view, start, direction, toMm + OUTSIDE_WINDOW_END_MM + 1, search.halfWidthMm);
  return findExitEdge(profile, polarity, { minStartMm: fromMm, maxEndMm: toMm, minContrast: search.minContrast, pick: search.pick ?? 'first' });
}

/** Weakest edge worth following, in multiples of the marrow's noise. */
export const MIN_EDGE_NOISE_RATIO = 2;
const ITERATIONS = 5;
/**
 * Half-width of the band averaged across the profiles that locate the body, mm: wide enough that a local dark spot
 * inside a real body (the basivertebral vein, a trabecular gap) does not look like its edge, while a disc or the soft
 * tissue outside a wall, which run across the whole band, still do.
 */
const COARSE_HALF_WIDTH_MM = 3;
/** Heights (× the body height, from mid-height) at which the walls are probed: the central 60 %, clear of the rims. */
const WALL_PROBE_FRACTIONS = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];
/** The walls' directions may differ this much before the anterior wall is distrusted, degrees. */
const MAX_WALL_DISAGREEMENT_DEG = 8;
/** Largest turn of the axis per iteration, degrees: keeps one bad probe from spinning the frame. */
const MAX_TURN_PER_ITERATION_DEG = 6;
/** Largest turn of the body axis away from the patient's head–foot axis that is accepted, degrees. */
const MAX_AXIS_TILT_DEG = 60;

/**
 * Locates the body around `seed` (a point inside it). On a bright-shell image (CT) a rectangle is fitted to all four
 * sides at once (fitBodyBox) and its sides are then placed on the profile edges (frameFromBox), again around the new
 * axis while the walls turn it by more than BOX_REFIT_DEG; on a dark-shell image (MR) the endplates and walls are found
 * pair by pair (findBodyByPairs). Null when no body is found.
 */
export function findBody(view: PlaneView, seed: Vec2, options: { readonly polarity?: ShellPolarity; readonly initialCranial?: Vec2 } = {}): BodyFrame | null {
  const marrow = marrowStats(view, seed);
  if (!Number.isFinite(marrow.levelValue)) return null;
  let cranial = options.initialCranial ?? view.cranial;
  const polarity = options.polarity ?? decidePolarity(view, seed, { cranial, anterior: orientedAnterior(view, cranial) }, marrow);
  if (polarity === 'darkShell') return findBodyByPairs(view, seed, { ...options, polarity });
  let frame: BodyFrame | null = null;
  for (let fit = 0; fit < BOX_FITS; fit += 1) {
    const box = fitBodyBox(view, seed, polarity, cranial);
    if (!box) return frame;
    frame = frameFromBox(view, box, polarity, marrow);
    const turnedDeg = (Math.acos(Math.min(1, dot2(frame.cranial, cranial))) * 180) / Math.PI;
    const tiltDeg = (Math.acos(Math.min(1, Math.abs(dot2(frame.cranial, view.cranial)))) * 180) / Math.PI;
    if (turnedDeg <= BOX_REFIT_DEG || tiltDeg > MAX_AXIS_TILT_DEG) break;
    cranial = frame.cranial;
  }
  return frame;
}

/** The box is fitted again around the walls' axis when they turn it by more than this, degrees, at most BOX_FITS times. */
const BOX_REFIT_DEG = 3;
const BOX_FITS = 2;

/** How far from a box side its profile edge is looked for, mm (the box sits on a 1 mm grid, endplates are concave). */
const BOX_EDGE_WINDOW_MM = 3;

/**
 * The BodyFrame of a fitted box: each wall at WALL_PROBE_FRACTIONS of the height and each endplate at three depths is
 * placed on the strongest profile edge within BOX_EDGE_WINDOW_MM of the box's side (half maximum, sub-millimetre);
 * the axis follows the walls (see wallAxis) and the centre sits half way between them.
 */
function frameFromBox(view: PlaneView, box: BodyBox, polarity: ShellPolarity, marrow: MarrowStats): BodyFrame {
  const minContrast = Math.max(MIN_EDGE_NOISE_RATIO * marrow.noiseValue, 1e-6);
  const { anterior, cranial } = box;
  const halfDepth = box.depthMm / 2;
  const halfHeight = box.heightMm / 2;
  const contrasts: number[] = [];
  const near = (start: Vec2, direction: Vec2, distanceMm: number): number => {
    const edge = edgeAlong(view, start, direction, polarity, {
      minContrast,
      fromMm: distanceMm - BOX_EDGE_WINDOW_MM,
      toMm: distanceMm + BOX_EDGE_WINDOW_MM,
      pick: 'strongest',
    });
    if (!edge) return distanceMm;
    contrasts.push(edge.contrast);
    return edge.distanceMm;
  };
  const anteriorPoints: Vec2[] = [];
  const posteriorPoints: Vec2[] = [];
  for (const f of WALL_PROBE_FRACTIONS) {
    const start = addScaled2(box.centre, cranial, f * box.heightMm);
    anteriorPoints.push(addScaled2(start, anterior, near(start, anterior, halfDepth)));
    posteriorPoints.push(addScaled2(start, anterior, -near(start, negate(anterior), halfDepth)));
  }
  const axis = wallAxis(anteriorPoints, posteriorPoints, cranial) ?? cranial;
  const across = orientedAnterior(view, axis);
  const front = median(anteriorPoints.map((p) => dot2(subtract2(p, box.centre), across)));
  const back = median(posteriorPoints.map((p) => dot2(subtract2(p, box.centre), across)));
  const centre = addScaled2(box.centre, across, (front + back) / 2);
  const sups: number[] = [];
  const infs: number[] = [];
  for (const u of [-4, 0, 4]) {
    const start = addScaled2(centre, across, u);
    sups.push(near(start, axis, halfHeight));
    infs.push(-near(start, negate(axis), halfHeight));
  }
  const superiorMm = median(sups);
  const inferiorMm = median(infs);
  return {
    centre: addScaled2(centre, axis, (superiorMm + inferiorMm) / 2),
    cranial: axis,
    anterior: across,
    anteriorWallMm: (front - back) / 2,
    posteriorWallMm: -(front - back) / 2,
    superiorMm: (superiorMm - inferiorMm) / 2,
    inferiorMm: -(superiorMm - inferiorMm) / 2,
    polarity,
    marrow,
    contrastValue: contrasts.length > 0 ? median(contrasts) : minContrast,
  };
}

/**
 * Locates the body around `seed` (a point inside it): alternately finds the endplates along the current axis at three
 * depths and the walls across it at three heights, then re-centres and re-aligns the axis with the walls (which are
 * parallel to the body's axis even in a wedge fracture, when the endplates are not). Null when edges are missing.
 */
function findBodyByPairs(view: PlaneView, seed: Vec2, options: { readonly polarity?: ShellPolarity; readonly initialCranial?: Vec2 } = {}): BodyFrame | null {
  const marrow = marrowStats(view, seed);
  if (!Number.isFinite(marrow.levelValue)) return null;
  let cranial = options.initialCranial ?? view.cranial;
  let anterior = orientedAnterior(view, cranial);
  const polarity = options.polarity ?? decidePolarity(view, seed, { cranial, anterior }, marrow);
  const minContrast = Math.max(MIN_EDGE_NOISE_RATIO * marrow.noiseValue, 1e-6);
  const coarse: EdgeSearch = { minContrast, halfWidthMm: COARSE_HALF_WIDTH_MM };
  let centre = seed;
  let frame: BodyFrame | null = null;
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const supAll: number[] = [];
    const infAll: number[] = [];
    const contrasts: number[] = [];
    for (const u of [-4, 0, 4]) {
      const start = addScaled2(centre, anterior, u);
      const pair = endplatePair(
        edgesAlong(view, start, cranial, polarity, coarse),
        edgesAlong(view, start, negate(cranial), polarity, coarse),
        frame ? frame.anteriorWallMm - frame.posteriorWallMm : null,
      );
      if (pair) {
        const [sup, inf] = pair;
        supAll.push(sup.distanceMm);
        infAll.push(-inf.distanceMm);
        contrasts.push(sup.contrast, inf.contrast);
      }
    }
    if (supAll.length === 0) return frame;
    const superiorMm = median(supAll);
    const inferiorMm = median(infAll);
    const midMm = (superiorMm + inferiorMm) / 2;
    const heightMm = superiorMm - inferiorMm;
    const anteriorPoints: Vec2[] = [];
    const posteriorPoints: Vec2[] = [];
    for (const f of WALL_PROBE_FRACTIONS) {
      const start = addScaled2(centre, cranial, midMm + f * heightMm);
      const pair = wallPair(
        edgesAlong(view, start, anterior, polarity, coarse),
        edgesAlong(view, start, negate(anterior), polarity, coarse),
        heightMm,
      );
      if (pair) {
        const [front, back] = pair;
        anteriorPoints.push(addScaled2(start, anterior, front.distanceMm));
        posteriorPoints.push(addScaled2(start, anterior, -back.distanceMm));
        contrasts.push(front.contrast, back.contrast);
      }
    }
    if (anteriorPoints.length === 0) return frame;
    const newCranial = wallAxis(anteriorPoints, posteriorPoints, cranial) ?? cranial;
    const tiltDeg = (Math.acos(Math.min(1, Math.abs(dot2(newCranial, view.cranial)))) * 180) / Math.PI;
    const base = addScaled2(centre, cranial, midMm);
    const front = median(anteriorPoints.map((p) => dot2(subtract2(p, base), anterior)));
    const back = median(posteriorPoints.map((p) => dot2(subtract2(p, base), anterior)));
    const newCentre = addScaled2(base, anterior, (front + back) / 2);
    frame = {
      centre: newCentre,
      cranial,
      anterior,
      anteriorWallMm: (front - back) / 2,
      posteriorWallMm: -(front - back) / 2,
      superiorMm: heightMm / 2,
      inferiorMm: -heightMm / 2,
      polarity,
      marrow,
      contrastValue: median(contrasts),
    };
    const moved = Math.hypot(newCentre[0] - centre[0], newCentre[1] - centre[1]);
    const turned = Math.abs(dot2(newCranial, perpendicular2(cranial)));
    centre = newCentre;
    if (tiltDeg <= MAX_AXIS_TILT_DEG) {
      cranial = newCranial;
      anterior = orientedAnterior(view, cranial);
    }
    if (moved < 0.1 && turned < 0.005) break;
  }
  return frame;
}

/** The unit vector perpendicular to `cranial` that points to the patient's front. */
function orientedAnterior(view: PlaneView, cranial: Vec2): Vec2 {
  const p = perpendicular2(cranial);
  return dot2(p, view.anterior) >= 0 ? p : negate(p);
}

/**
 * Direction of one wall from its points, oriented like `cranial`: the Theil–Sen slope (median of pairwise slopes) of
 * the wall's across-position against its along-position, so one probe that left through an endplate near a short
 * (wedged) wall does not tilt it. Null with fewer than two points.
 */
function wallDirection(points: readonly Vec2[], cranial: Vec2): Vec2 | null {
  if (points.length < 2) return null;
  const across = perpendicular2(cranial);
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const d = subtract2(points[j]!, points[i]!);
      const along = dot2(d, cranial);
      if (Math.abs(along) > 1e-6) slopes.push(dot2(d, across) / along);
    }
  }
  const slope = median(slopes);
  if (!Number.isFinite(slope)) return null;
  return unit2(addScaled2(cranial, across, slope));
}

/**
 * The body axis from the wall points: the mean of the two wall directions, or the posterior wall's alone when they
 * disagree by more than MAX_WALL_DISAGREEMENT_DEG (a concave or fractured anterior wall); the turn from `cranial` is
 * limited to MAX_TURN_PER_ITERATION_DEG. Null when a wall is missing.
 */
function wallAxis(anteriorPoints: readonly Vec2[], posteriorPoints: readonly Vec2[], cranial: Vec2): Vec2 | null {
  const a = wallDirection(anteriorPoints, cranial);
  const p = wallDirection(posteriorPoints, cranial);
  if (!p) return null;
  const agree = a !== null && dot2(a, p) >= Math.cos((MAX_WALL_DISAGREEMENT_DEG * Math.PI) / 180);
  const axis = agree ? unit2([a[0] + p[0], a[1] + p[1]]) : p;
  if (!axis) return null;
  const maxTurn = (MAX_TURN_PER_ITERATION_DEG * Math.PI) / 180;
  const turn = Math.atan2(dot2(axis, perpendicular2(cranial)), dot2(axis, cranial));
  const limited = Math.max(-maxTurn, Math.min(maxTurn, turn));
  return unit2(addScaled2([cranial[0] * Math.cos(limited), cranial[1] * Math.cos(limited)], perpendicular2(cranial), Math.sin(limited)));
}
