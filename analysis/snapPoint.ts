import type { ConfidenceReason } from './confidence';
import { SNAP_RADIUS_MM } from './constants';
import { MIN_EDGE_NOISE_RATIO } from './bodyFrame';
import type { AnalysisImage } from './image';
import { planeViewOf } from './planeView';
import { at } from './bodyPoints';
import { refinedEdge, type PlaneProposal } from './measureBody';
import type { BodyFrame } from './bodyFrame';
import { oneClickOptions, proposeOnView, toVertebraProposal, type AnalysisOptions } from './proposeVertebra';
import { fail, ok, type AnalysisResult } from './result';
import { ENDPLATE_POINT_NAMES, isCornerName, type CornerName } from './sixPoints';
import { addScaled2, distance3, dot2, subtract2, type Vec2, type Vec3 } from './vec';

/** Where a click snapped to, and how far to trust it. */
export interface SnapResult {
  /** The snapped point, or the click itself when nothing was found within SNAP_RADIUS_MM (patient LPS, mm). */
  readonly pointMm: Vec3;
  readonly snapped: boolean;
  /** Distance from the click to pointMm, mm. */
  readonly movedMm: number;
  /** 0–1; 0 when the click was kept. */
  readonly confidence: number;
  readonly reasons: readonly ConfidenceReason[];
}

/**
 * How far inside the body the search for it starts from a corner click, mm: half a thin body's height first, then
 * half a tall one's (a click just outside a corner of a wedged body can put the first seed near the endplate, where the
 * body found may not reach the clicked corner).
 */
const SEED_INWARD_MM = [6, 10] as const;

/**
 * The endplate of `side` at depth `uMm` on the body's frame, mm along its axis from the centre: the parabola through
 * the proposal's anterior, middle and posterior points of that endplate (a straight line when two share a depth).
 */
function endplateAt(frame: BodyFrame, points: PlaneProposal['points'], side: 'superior' | 'inferior', uMm: number): number {
  const [a, m, p] = ENDPLATE_POINT_NAMES[side].map((name) => {
    const d = subtract2(points[name], frame.centre);
    return [dot2(d, frame.anterior), dot2(d, frame.cranial)] as const;
  }) as [readonly [number, number], readonly [number, number], readonly [number, number]];
  const spans = [a[0] - m[0], m[0] - p[0], a[0] - p[0]];
  if (spans.some((span) => Math.abs(span) < 1e-6)) {
    const span = a[0] - p[0];
    return Math.abs(span) < 1e-6 ? m[1] : p[1] + ((a[1] - p[1]) * (uMm - p[0])) / span;
  }
  // Lagrange's form through the three points.
  return (
    (a[1] * (uMm - m[0]) * (uMm - p[0])) / ((a[0] - m[0]) * (a[0] - p[0])) +
    (m[1] * (uMm - a[0]) * (uMm - p[0])) / ((m[0] - a[0]) * (m[0] - p[0])) +
    (p[1] * (uMm - a[0]) * (uMm - m[0])) / ((p[0] - a[0]) * (p[0] - m[0]))
  );
}

/**
 * Moves a click of the six-point placement to the nearest bone/disc boundary of its endplate (edge at half maximum
 * along the local body axis) and, for the anterior and posterior corners, to the corner point WALL_INSET_MM inside
 * the wall; within SNAP_RADIUS_MM on the plane, otherwise the click is kept (`snapped: false`). The body is read from
 * each seed of SEED_INWARD_MM as a click there reads it (proposeOnView with the one-click options: a box of implausible
 * size passed over for the next outline, and so on), and the nearest of the points found is taken: a seed near an
 * endplate can find a box reaching across the disc, whose corner then lies a disc's height away, while the body's own
 * corner is the nearer. On the real VerSe CT, clicks ±2 mm around each reference point: the snapped middle points a
 * median 0.3 mm from the reference endplate, 95th percentile 4.7–5.5 mm before (the strongest edge within 5 mm of the
 * click, found on a box of its own) and 0.4–1.5 mm now; every point a median 0.9 mm from the reference (1.2 before).
 * `corner` says which point it is. Fails with UNCALIBRATED, INVALID_IMAGE, INVALID_INPUT or OUTSIDE_IMAGE.
 */
export function snapPoint(image: AnalysisImage, clickMm: Vec3, corner: CornerName, options: AnalysisOptions = {}): AnalysisResult<SnapResult> {
  if (!isCornerName(corner)) return fail('INVALID_INPUT', `"${String(corner)}" is not one of the six points.`);
  const view = planeViewOf(image, clickMm, options.planeAxes);
  if (!view.ok) return view;
  const plane = view.value;
  const click = plane.toPlane(clickMm);
  if (!Number.isFinite(plane.valueAt(click[0], click[1]))) {
    return fail('OUTSIDE_IMAGE', 'The point is outside the image.');
  }
  const clickOnPlane = plane.toWorld(click);
  const kept: SnapResult = { pointMm: clickMm, snapped: false, movedMm: 0, confidence: 0, reasons: [] };
  const superior = corner.endsWith('Superior');
  let nearest: SnapResult | null = null;
  for (const inwardMm of SEED_INWARD_MM) {
    let seed: Vec2 = addScaled2(click, plane.cranial, superior ? -inwardMm : inwardMm);
    if (corner.startsWith('anterior')) seed = addScaled2(seed, plane.anterior, -inwardMm);
    if (corner.startsWith('posterior')) seed = addScaled2(seed, plane.anterior, inwardMm);
    const proposal = proposeOnView(plane, seed, oneClickOptions(options));
    if (!proposal) continue;
    const full = toVertebraProposal(plane, proposal);
    let target: Vec2;
    if (corner.startsWith('middle')) {
      // The middle point stays where the reader put it along the endplate; only its height snaps, onto the body's own
      // endplate as its proposal reads it (endplateAt), not onto the strongest edge near the click, which may be the
      // neighbour's plate across a thin disc. On CT the edge read at the click's depth nearest that endplate (a local
      // dip is followed); on a dark shell (MR) the endplate itself, read from the band fits along it (measureMrBody),
      // since a half-maximum exit edge is not where an MR proposal puts the surface.
      const bodyFrame = proposal.frame;
      const u = dot2(subtract2(click, bodyFrame.centre), bodyFrame.anterior);
      const side = superior ? 'superior' : 'inferior';
      const sign = superior ? 1 : -1;
      const endplateV = endplateAt(bodyFrame, proposal.points, side, u);
      const edge = bodyFrame.polarity === 'darkShell'
        ? null
        : refinedEdge(plane, bodyFrame, side, u, sign * endplateV, MIN_EDGE_NOISE_RATIO * bodyFrame.marrow.noiseValue);
      target = at(bodyFrame, u, edge ? sign * edge.distanceMm : endplateV);
    } else {
      target = proposal.points[corner];
    }
    const pointMm = plane.toWorld(target);
    const movedMm = distance3(pointMm, clickOnPlane);
    if (movedMm > SNAP_RADIUS_MM || (nearest && nearest.movedMm <= movedMm)) continue;
    nearest = { pointMm, snapped: true, movedMm, confidence: full.confidence, reasons: full.reasons };
  }
  return ok(nearest ?? kept);
}
