import { WALL_INSET_MM } from './constants';
import type { BodyFrame } from './findBody';
import type { PlaneView } from './planeView';
import { addScaled2 } from './vec';

/** An endplate as a straight line across the body: v = atCentreMm + slope · u, in the frame's (u anterior, v cranial) mm. */
export interface EndplateLine {
  readonly atCentreMm: number;
  readonly slope: number;
}

/**
 * Steepest endplate tried, as the rise across the body ÷ its depth: a severe wedge fracture (Genant grade 3, the
 * anterior height ≤ 60 % of the posterior, Genant et al., J Bone Miner Res 1993;8:1137) of a body 1.2–1.6 × deeper
 * than high tilts its endplates together by up to ≈ 0.35; either endplate alone is given up to 0.5.
 */
const MAX_SLOPE = 0.5;
const SLOPE_STEP = 0.025;
/**
 * An endplate's line is looked for this far either side of where the located frame puts it at mid-depth, mm: the box
 * fit places each side within a few millimetres, and half a thin thoracic disc (≥ 4 mm) further lies the neighbour.
 */
const OFFSET_RANGE_MM = 5;
const GRID_STEP_MM = 0.5;
/** The line is scored over this central share of the depth between the corner points (0–1), clear of the rims. */
const CENTRAL_SHARE = 0.85;
/** Widths of the shell and of the outside of the step response across the line, mm (cortex ≤ 2 mm, disc ≥ 3 mm). */
const INSIDE_MM = 2;
const OUTSIDE_MM = 3;
/** A step response counts as edge when it reaches this share of the body's typical edge contrast (0–1). */
const LINE_EDGE_SHARE = 0.5;
/**
 * How far the edge may leave the straight line and still count, mm: endplates are concave by 1–3 mm on a lateral view
 * (deepest in the middle), so a straight line through the rims misses the middle by up to that.
 */
const TUBE_HALF_WIDTH_MM = 1.5;

/** The edge map of one endplate around its expected line: 1 where the step response is an edge, on a (u, v) grid. */
interface EdgeGrid {
  readonly us: readonly number[];
  readonly v0Mm: number;
  readonly rows: number;
  /** edge[iu · rows + iv] with v = v0Mm + iv · GRID_STEP_MM, widened by ±TUBE_HALF_WIDTH_MM along v. */
  readonly edge: Uint8Array;
}

function edgeGrid(view: PlaneView, frame: BodyFrame, side: 'superior' | 'inferior'): EdgeGrid {
  const sign = side === 'superior' ? 1 : -1;
  const exitSign = frame.polarity === 'brightShell' ? -1 : 1;
  const threshold = LINE_EDGE_SHARE * frame.contrastValue;
  const from = frame.posteriorWallMm + WALL_INSET_MM;
  const to = frame.anteriorWallMm - WALL_INSET_MM;
  const inset = ((1 - CENTRAL_SHARE) / 2) * (to - from);
  const us: number[] = [];
  for (let u = from + inset; u <= to - inset + 1e-9; u += 1) us.push(u);
  const expected = side === 'superior' ? frame.superiorMm : frame.inferiorMm;
  const reach = OFFSET_RANGE_MM + MAX_SLOPE * Math.max(Math.abs(from), Math.abs(to)) + TUBE_HALF_WIDTH_MM;
  const v0Mm = expected - reach;
  const rows = Math.round((2 * reach) / GRID_STEP_MM) + 1;
  const valueAt = (u: number, v: number): number => {
    const p = addScaled2(addScaled2(frame.centre, frame.anterior, u), frame.cranial, v);
    return view.valueAt(p[0], p[1]);
  };
  const raw = new Uint8Array(us.length * rows);
  us.forEach((u, iu) => {
    for (let iv = 0; iv < rows; iv += 1) {
      const v = v0Mm + iv * GRID_STEP_MM;
      let inside = 0;
      let outside = 0;
      for (let k = 1; k <= INSIDE_MM; k += 1) inside += valueAt(u, v - sign * k);
      for (let k = 1; k <= OUTSIDE_MM; k += 1) outside += valueAt(u, v + sign * k);
      const d = exitSign * (outside / OUTSIDE_MM - inside / INSIDE_MM);
      raw[iu * rows + iv] = Number.isFinite(d) && d >= threshold ? 1 : 0;
    }
  });
  const tube = Math.round(TUBE_HALF_WIDTH_MM / GRID_STEP_MM);
  const edge = new Uint8Array(raw.length);
  for (let iu = 0; iu < us.length; iu += 1) {
    for (let iv = 0; iv < rows; iv += 1) {
      let any = 0;
      for (let d = -tube; d <= tube && !any; d += 1) {
        const k = iv + d;
        if (k >= 0 && k < rows) any = raw[iu * rows + k]!;
      }
      edge[iu * rows + iv] = any;
    }
  }
  return { us, v0Mm, rows, edge };
}

/** For each offset from the expected endplate (mm), the best slope's share of the central depth that is edge (0–1). */
function lineScores(grid: EdgeGrid, expectedMm: number): { offsetsMm: number[]; slopes: number[]; scores: number[] } {
  const offsetsMm: number[] = [];
  const slopes: number[] = [];
  const scores: number[] = [];
  for (let offset = -OFFSET_RANGE_MM; offset <= OFFSET_RANGE_MM + 1e-9; offset += GRID_STEP_MM) {
    let best = -1;
    let bestSlope = 0;
    for (let slope = -MAX_SLOPE; slope <= MAX_SLOPE + 1e-9; slope += SLOPE_STEP) {
      let count = 0;
      grid.us.forEach((u, iu) => {
        const iv = Math.round((expectedMm + offset + slope * u - grid.v0Mm) / GRID_STEP_MM);
        if (iv >= 0 && iv < grid.rows) count += grid.edge[iu * grid.rows + iv]!;
      });
      // Ties keep the line nearest the walls' perpendicular.
      const score = count / grid.us.length - 1e-6 * Math.abs(slope);
      if (score > best) {
        best = score;
        bestSlope = slope;
      }
    }
    offsetsMm.push(offset);
    slopes.push(bestSlope);
    scores.push(best);
  }
  return { offsetsMm, slopes, scores };
}

/**
 * Each endplate of a located body as the straight line (within ±OFFSET_RANGE_MM of where the frame puts it at
 * mid-depth, slopes within ±MAX_SLOPE) along which the largest share of the body's central depth shows the endplate's
 * exit edge (the cortex giving way to the disc) within ±TUBE_HALF_WIDTH_MM; of lines equally good, the one nearest the
 * frame's endplate. A wedged or crushed body's endplates are thus found along their own tilt, and a cleft, a venous
 * channel or a short bright stretch does not decide where the endplate is. Lines are in the frame's (u, v) mm.
 */
export function fitEndplateLines(view: PlaneView, frame: BodyFrame): { readonly superior: EndplateLine; readonly inferior: EndplateLine } {
  const fit = (side: 'superior' | 'inferior'): EndplateLine => {
    const expected = side === 'superior' ? frame.superiorMm : frame.inferiorMm;
    const { offsetsMm, slopes, scores } = lineScores(edgeGrid(view, frame, side), expected);
    let best = 0;
    scores.forEach((score, k) => {
      const better = score > scores[best]! + 1e-9;
      const tie = Math.abs(score - scores[best]!) <= 1e-9 && Math.abs(offsetsMm[k]!) < Math.abs(offsetsMm[best]!);
      if (better || tie) best = k;
    });
    return { atCentreMm: expected + offsetsMm[best]!, slope: slopes[best]! };
  };
  return { superior: fit('superior'), inferior: fit('inferior') };
}
