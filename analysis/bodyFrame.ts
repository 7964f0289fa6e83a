import { MAX_EDGE_SEARCH_MM, OUTSIDE_WINDOW_END_MM, OUTSIDE_WINDOW_START_MM, PROFILE_STEP_MM } from './constants';
import type { PlaneView } from './planeView';
import { findExitEdge, findExitEdges, halfMaximumCrossing, median, sampleProfile, smooth, type ExitEdge, type ShellPolarity } from './profile';
import { plateSurfaceMm } from './slicePartialVolume';
import { addScaled2, dot2, perpendicular2, subtract2, unit2, type Vec2 } from './vec';

/*
 * A located vertebral body (BodyFrame) and the helpers every way of locating one shares: the marrow's statistics, the
 * shell polarity, exit edges along profiles, and the body axis from the walls.
 */

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
  /**
   * MR only: the marrow is darker than the disc, CSF and soft tissue around the body with no cortex seen between
   * (shellPolarity's marrowBelowSurroundings: STIR, fat-sat T2), so its edge may be a rise out of the marrow of any clear
   * contrast (mrEdge's RISES_BELOW_SURROUNDINGS).
   */
  readonly marrowBelowSurroundings?: boolean;
  /**
   * MR only: at mid-depth the endplates nearest the centre were passed over as too close for a body this deep
   * (findBodyByPairs), and the walls did not show the middle to be crushed: the body may be crushed all over, and its
   * points then span a disc.
   */
  readonly nearerEndplatesPassed?: boolean;
  /**
   * MR only: the body is an anterior wedge (findBodyByPairs' wedged: the heights falling from the posterior wall to the
   * anterior one), so each endplate is looked for along its own tilted line rather than at superiorMm / inferiorMm
   * across the whole depth (a severe wedge's superior endplate drops 10–15 mm from wall to wall, and in the focal
   * kyphosis above it the neighbour's endplate across the disc comes within that window).
   */
  readonly wedgeEndplates?: { readonly superior: EndplateLine; readonly inferior: EndplateLine };
  /**
   * MR only: the posterior wall was located beyond the canal and is read at the marrow's fall into the canal's dark
   * instead (findBodyByPairs, mrEdge's lastingDarkWall), so the measurement takes that fall again wherever the band it
   * finds near the wall is not the fall's own (the canal's slow darkening shows bands that are not the wall's).
   */
  readonly posteriorWallAtCanalFall?: boolean;
  /**
   * MR only: the located posterior wall lies more than WALL_OUTLIER_MM behind a group of its probes that agree on a wall
   * further in (findBodyByPairs' wallBehindAgreeingProbes): the others passed over that wall to something behind it, so
   * where the wall is, and so the depth and the posterior corners, is in doubt.
   */
  readonly posteriorWallInDoubt?: boolean;
  /**
   * MR only: which endplates were located, at one or more of the middle probes, at a rise into a disc rather than a dark
   * band (mrEdge's discRisesOf: no dark line between the marrow and a disc under 2 × its brightness); the measurement
   * reads those endplates' rises too, and only theirs (a rise beyond a band it did not look for is that band's far side).
   */
  readonly endplatesAtDiscRise?: { readonly superior: boolean; readonly inferior: boolean };
}

/** An endplate as a straight line on the plane: a point on it (plane mm) and its rise along cranial per mm along anterior. */
export interface EndplateLine {
  readonly point: Vec2;
  readonly slope: number;
}

/**
 * Where the frame expects an endplate on the profile from `at(frame, uMm, 0)` outward (mm from that start towards the
 * endplate): on its wedge line when it has one, else at superiorMm / inferiorMm.
 */
export function expectedEndplateMm(frame: BodyFrame, side: 'superior' | 'inferior', uMm: number): number {
  const line = frame.wedgeEndplates?.[side];
  if (!line) return side === 'superior' ? frame.superiorMm : -frame.inferiorMm;
  const d: Vec2 = [line.point[0] - frame.centre[0], line.point[1] - frame.centre[1]];
  const u0 = d[0] * frame.anterior[0] + d[1] * frame.anterior[1];
  const v0 = d[0] * frame.cranial[0] + d[1] * frame.cranial[1];
  const v = v0 + line.slope * (uMm - u0);
  return side === 'superior' ? v : -v;
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
 * clear departure from the marrow level is the cortex, brighter on CT and darker on MR; the majority decides. A tie is
 * a bright shell unless the header says MR (PlaneView.magneticResonance), whose cortex gives no signal.
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
  return vote > 0 || (vote === 0 && !view.magneticResonance) ? 'brightShell' : 'darkShell';
}

export function negate(v: Vec2): Vec2 {
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
  /**
   * True when the image samples the profile's direction coarsely (a reformat of thick slices along the body's axis): a
   * bright plate's surface is then read from the slices around its edge (slicePartialVolume.ts), not at half maximum.
   */
  readonly bySlices?: boolean;
  /**
   * True to read a bright plate's edge on the image as it was before the view smoothed it, where the view smoothed a
   * noisy image: its half maximum again (unsmoothedHalfMaximumMm: the smoothing moves a thin plate's half maximum
   * outward), or with bySlices the samples around it (the smoothing spreads the plate into the samples beyond it).
   */
  readonly unsmoothed?: boolean;
}

/** Every acceptable exit edge from `start` along unit `direction` (see findExitEdges), outward in order. */
export function edgesAlong(view: PlaneView, start: Vec2, direction: Vec2, polarity: ShellPolarity, search: EdgeSearch): ExitEdge[] {
  const fromMm = Math.max(0.5, search.fromMm ?? 0.5);
  const toMm = search.toMm ?? MAX_EDGE_SEARCH_MM;
  const profile = sampleProfile(view, start, direction, toMm + OUTSIDE_WINDOW_END_MM + 1, search.halfWidthMm);
  return findExitEdges(profile, polarity, { minStartMm: fromMm, maxEndMm: toMm, minContrast: search.minContrast });
}


/** The exit edge from `start` along unit `direction` between fromMm (0.5) and toMm (MAX_EDGE_SEARCH_MM), or null. */
export function edgeAlong(view: PlaneView, start: Vec2, direction: Vec2, polarity: ShellPolarity, search: EdgeSearch): ExitEdge | null {
  const fromMm = Math.max(0.5, search.fromMm ?? 0.5);
  const toMm = search.toMm ?? MAX_EDGE_SEARCH_MM;
  if (toMm <= fromMm) return null;
  const bySlices = polarity === 'brightShell' && search.bySlices === true;
  // Read by slices, the profile also reaches the slice beyond the farthest edge (plateSurfaceMm reads one past the edge).
  const lengthMm = toMm + OUTSIDE_WINDOW_END_MM + 1 + (bySlices ? 2 * view.cranialSampleMm : 0);
  const profile = sampleProfile(view, start, direction, lengthMm, search.halfWidthMm);
  const edge = findExitEdge(profile, polarity, { minStartMm: fromMm, maxEndMm: toMm, minContrast: search.minContrast, pick: search.pick ?? 'first' });
  if (!edge) return edge;
  if (!bySlices) {
    if (polarity !== 'brightShell' || search.unsmoothed !== true || !(view.smoothingSigmaMm > 0)) return edge;
    return { ...edge, distanceMm: unsmoothedHalfMaximumMm(view, start, direction, lengthMm, edge) };
  }
  if (search.unsmoothed !== true || !(view.smoothingSigmaMm > 0)) return { ...edge, distanceMm: thinPlateSurfaceMm(view, start, direction, profile, edge) };
  // On a noisy image the view smoothed, the samples are read before that smoothing (it spreads the plate into the
  // samples beyond it), the noise averaged along the endplate instead, and the disc's level with them.
  const raw = unsmoothedProfile(view, start, direction, lengthMm);
  return { ...edge, distanceMm: thinPlateSurfaceMm(view, start, direction, raw, { ...edge, outsideValue: outsideLevel(raw, edge.distanceMm) }) };
}

/*
 * A noisy image (a thin-section or low-dose CT such as VerSe's, σ ≈ 150 HU) is smoothed by the view with a Gaussian
 * of up to 1.2 mm before its edges are looked for (planeView.ts denoisedPatch). A Gaussian keeps a step's half maximum
 * where it is, but a bony endplate is a plate 0.3–1 mm thick (Wang Y, Battié MC, Videman T, Eur Spine J 2012;21:1502),
 * thinner than the scanner's own spread, and every added blur lowers and widens its peak, which moves the half maximum
 * between the peak and the disc outward by up to ≈ 1.18 × the added σ (Treece GM et al., Med Image Anal 2010;14:276):
 * on VerSe the middle heights read ≈ 1 mm tall. The smoothing is only there to quiet the noise, and along the
 * endplate the scene hardly changes, so the edge found on the smoothed image is read again on the image before its
 * smoothing, the noise averaged along the endplate (a band across the profile) and only lightly along the profile.
 */

/** Half-width of the band across the profile (along the endplate) averaged on the unsmoothed image, mm. */
const UNSMOOTHED_BAND_HALF_WIDTH_MM = 1.5;
/** The profile read on the unsmoothed image is smoothed along itself this much only, σ mm. */
const UNSMOOTHED_ALONG_SIGMA_MM = 0.4;
/** The half maximum read again is kept only within this distance of the one found on the smoothed image, mm. */
const MAX_REREAD_SHIFT_MM = 1.5;

/**
 * The half maximum of `edge` (found on `view`'s smoothed image, `lengthMm` of profile from `start` along unit
 * `direction`) read again on the image before that smoothing (PlaneView.unsmoothedValueAt): half way between the peak
 * within SHELL_WINDOW_MM inside the edge and the outside level OUTSIDE_WINDOW_START_MM–OUTSIDE_WINDOW_END_MM beyond it,
 * the first crossing outward from the peak; mm from `start`, the edge's own distance where none lies near it.
 */
function unsmoothedHalfMaximumMm(view: PlaneView, start: Vec2, direction: Vec2, lengthMm: number, edge: ExitEdge): number {
  const p = smooth(unsmoothedProfile(view, start, direction, lengthMm), UNSMOOTHED_ALONG_SIGMA_MM / PROFILE_STEP_MM);
  const at = Math.round(edge.distanceMm / PROFILE_STEP_MM);
  const outside = outsideLevel(p, edge.distanceMm);
  const { peakValue, crossingMm } = halfMaximumCrossing(p, {
    index: Math.min(at, p.length - 1),
    direction: -1,
    shellValue: Number.NaN,
    outsideValue: outside,
    lastIndex: at + Math.round(MAX_REREAD_SHIFT_MM / PROFILE_STEP_MM),
  });
  if (!(peakValue > outside) || crossingMm === null) return edge.distanceMm;
  return Math.abs(crossingMm - edge.distanceMm) <= MAX_REREAD_SHIFT_MM ? crossingMm : edge.distanceMm;
}

/** The profile from `start` along unit `direction` on the image before the view smoothed it, averaged along the endplate. */
function unsmoothedProfile(view: PlaneView, start: Vec2, direction: Vec2, lengthMm: number): Float64Array {
  return sampleProfile({ ...view, valueAt: view.unsmoothedValueAt }, start, direction, lengthMm, UNSMOOTHED_BAND_HALF_WIDTH_MM);
}

/** The level beyond an edge at `edgeMm` on `profile`: its median OUTSIDE_WINDOW_START_MM–OUTSIDE_WINDOW_END_MM further out. */
function outsideLevel(profile: Float64Array, edgeMm: number): number {
  const at = Math.round(edgeMm / PROFILE_STEP_MM);
  return median(profile.subarray(at + Math.round(OUTSIDE_WINDOW_START_MM / PROFILE_STEP_MM), at + Math.round(OUTSIDE_WINDOW_END_MM / PROFILE_STEP_MM) + 1));
}

/**
 * The surface of the bright plate behind `edge` (found at half maximum on `profile`, sampled from `start` along unit
 * `direction`), on an image that samples the head–foot direction coarsely: read from the slices around it
 * (plateSurfaceMm), which view.cranialAxis places along the profile; mm from `start`.
 */
function thinPlateSurfaceMm(view: PlaneView, start: Vec2, direction: Vec2, profile: Float64Array, edge: ExitEdge): number {
  const { indexAt } = view.cranialAxis;
  const lengthMm = (profile.length - 1) * PROFILE_STEP_MM;
  const indexAtStart = indexAt(start);
  const indexPerMm = (indexAt(addScaled2(start, direction, lengthMm)) - indexAtStart) / lengthMm;
  if (!(Math.abs(indexPerMm) > 1e-6)) return edge.distanceMm;
  return plateSurfaceMm(
    { values: profile, stepMm: PROFILE_STEP_MM, sliceDistanceMm: 1 / Math.abs(indexPerMm), sliceCentreMm: (Math.round(indexAtStart) - indexAtStart) / indexPerMm },
    { halfMaximumMm: edge.distanceMm, outsideValue: edge.outsideValue },
  );
}


/** Weakest edge worth following, in multiples of the marrow's noise. */
export const MIN_EDGE_NOISE_RATIO = 2;
/** Heights (× the body height, from mid-height) at which the walls are probed: the central 60 %, clear of the rims. */
export const WALL_PROBE_FRACTIONS = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];
/** The walls' directions may differ this much before the anterior wall is distrusted, degrees. */
const MAX_WALL_DISAGREEMENT_DEG = 8;
/** Largest turn of the axis per iteration, degrees: keeps one bad probe from spinning the frame. */
export const MAX_TURN_PER_ITERATION_DEG = 6;
/** Largest turn of the body axis away from the patient's head–foot axis that is accepted, degrees. */
export const MAX_AXIS_TILT_DEG = 60;

/** The unit vector perpendicular to `cranial` that points to the patient's front. */
export function orientedAnterior(view: PlaneView, cranial: Vec2): Vec2 {
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
export function wallAxis(anteriorPoints: readonly Vec2[], posteriorPoints: readonly Vec2[], cranial: Vec2): Vec2 | null {
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

