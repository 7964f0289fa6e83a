import { STEP_OUTSIDE_MM, STEP_SHELL_MM } from './constants';
import type { BodyFrame } from './bodyFrame';
import { LINE_EDGE_SHARE } from './endplateLine';
import { at } from './bodyPoints';
import type { PlaneView } from './planeView';

/**
 * A bright-shell (CT) body read with an endplate whose edge line runs across the body's inside: a second plate, facing
 * the same way as the endplate read, over most of the body's central depth, PLATE_INSIDE_FROM_MM or more inside it.
 *
 * Why: a disc holds no bone, so on CT it shows as a dark gap between two plates only where the marrow is brighter than
 * the disc. In an osteoporotic body the marrow reads 50–100 HU, as the disc does (the TPTBox CT: marrow 53 HU, discs
 * 75–80 HU), and where the body's own endplate is interrupted (a Schmorl node's pit under its middle) a rectangle reaching
 * across the disc to the neighbour's continuous plate can score as well as the body's own: the sweep's osteoporotic CT
 * with a Schmorl node read T12 a whole disc tall (+9 / +11 / +8 mm) at full confidence from its centre on three noise
 * draws of three. That outline then holds the body's own endplate inside it. The same line is left inside a body by a
 * sclerotic band under a healing fracture's endplate (the condensation of impacted trabeculae), where the points may
 * equally need a look. Either way the reader is told; nothing is moved.
 */
export interface PlateInside {
  readonly side: 'superior' | 'inferior';
  /** How far inside the endplate read the line lies at mid-depth, mm. */
  readonly insideMm: number;
  /** Share (0–1) of the body's central depth on which the line shows the edge. */
  readonly share: number;
}

/**
 * A line counts as a plate when its edge shows on this share (0–1) of the central depth or more. A Schmorl node's pit
 * leaves at least two thirds of a plate (pits are 3–10 mm across, Williams FMK et al., Arthritis Rheum 2007;57:855,
 * under plates 30–50 mm deep); the marrow's texture does not line up along a straight line. Design decision of this
 * project (issue 12).
 */
export const PLATE_INSIDE_MIN_SHARE = 0.5;
/**
 * The line is looked for from this far inside the endplate read, mm (inside the middle point, and the corner line): a
 * disc and a plate are at least this thick together, and the plate's own edge, with its 1–3 mm concavity, lies
 * outward of its middle point.
 */
export const PLATE_INSIDE_FROM_MM = 4;
/** …to this share of the middle height inside it (a disc under a third of a body's height plus the body's plate). */
const PLATE_INSIDE_TO_SHARE = 0.4;
/** The line's slope may differ from the endplate read's (the line through its corners) by this much (rise per mm). */
const SLOPE_RANGE = 0.2;
const SLOPE_STEP = 0.025;
const OFFSET_STEP_MM = 0.5;
/** Columns on the central share (0–1) of the depth between the corner points, clear of the rims, every COLUMN_STEP_MM. */
const CENTRAL_SHARE = 0.8;
const COLUMN_STEP_MM = 1;
/** An edge counts for a line passing within this distance of it, mm (a plate 1–3 mm concave, the line straight). */
const TUBE_HALF_WIDTH_MM = 1.5;
const SAMPLE_MM = 0.5;

/**
 * The strongest plate line inside a CT body between its endplates as read (PlateInside), or null when no line reaches
 * PLATE_INSIDE_MIN_SHARE. `u` holds the depths of the anterior, middle and posterior height lines and `v` the six points'
 * offsets along the axis (frame mm, as measureBody places them).
 */
export function plateInside(
  view: PlaneView,
  frame: BodyFrame,
  u: { readonly anterior: number; readonly middle: number; readonly posterior: number },
  v: {
    readonly anteriorSuperior: number;
    readonly middleSuperior: number;
    readonly posteriorSuperior: number;
    readonly anteriorInferior: number;
    readonly middleInferior: number;
    readonly posteriorInferior: number;
  },
): PlateInside | null {
  const middleHeight = v.middleSuperior - v.middleInferior;
  const toMm = PLATE_INSIDE_TO_SHARE * middleHeight;
  if (!(toMm > PLATE_INSIDE_FROM_MM)) return null;
  const inset = ((1 - CENTRAL_SHARE) / 2) * (u.anterior - u.posterior);
  const columns: number[] = [];
  for (let c = u.posterior + inset; c <= u.anterior - inset + 1e-9; c += COLUMN_STEP_MM) columns.push(c);
  if (columns.length < 3) return null;
  // An edge as the endplate lines count one: a step of LINE_EDGE_SHARE of the body's typical edge contrast or more.
  const threshold = LINE_EDGE_SHARE * frame.contrastValue;
  let best: PlateInside | null = null;
  for (const side of ['superior', 'inferior'] as const) {
    const sign = side === 'superior' ? 1 : -1;
    const front = side === 'superior' ? v.anteriorSuperior : v.anteriorInferior;
    const back = side === 'superior' ? v.posteriorSuperior : v.posteriorInferior;
    const middle = side === 'superior' ? v.middleSuperior : v.middleInferior;
    const slope = (front - back) / (u.anterior - u.posterior);
    // Inward distances are measured from the line through the corners, moved in to the middle point when that lies
    // inward of it (a concave or depressed endplate).
    const cornerLine = (c: number) => back + slope * (c - u.posterior);
    const shift = sign > 0 ? Math.min(0, middle - cornerLine(u.middle)) : Math.max(0, middle - cornerLine(u.middle));
    const reference = (c: number) => cornerLine(c) + shift;
    // Each column's edges facing outward (the body's side brighter), at inward distances 0 … toMm + reach from the
    // reference, widened by the tube.
    const reach = SLOPE_RANGE * (u.anterior - u.posterior) + TUBE_HALF_WIDTH_MM;
    const rows = Math.round((toMm + reach) / SAMPLE_MM) + 1;
    const edges = columns.map((c) => outwardEdges(view, frame, c, reference(c), sign, rows, threshold));
    for (let inside = PLATE_INSIDE_FROM_MM; inside <= toMm + 1e-9; inside += OFFSET_STEP_MM) {
      for (let s = -SLOPE_RANGE; s <= SLOPE_RANGE + 1e-9; s += SLOPE_STEP) {
        let count = 0;
        columns.forEach((c, k) => {
          const depth = inside - sign * s * (c - u.middle);
          const row = Math.round(depth / SAMPLE_MM);
          if (depth >= PLATE_INSIDE_FROM_MM - TUBE_HALF_WIDTH_MM && row >= 0 && row < rows) count += edges[k]![row]!;
        });
        const share = count / columns.length;
        if (share >= PLATE_INSIDE_MIN_SHARE && (!best || share > best.share)) best = { side, insideMm: inside, share };
      }
    }
  }
  return best;
}

/**
 * 1 at each inward distance (SAMPLE_MM steps from `fromV`, the first `rows`) where column `c` steps down outward by
 * `threshold` or more (the mean over STEP_SHELL_MM inward against the lowest running mean over STEP_OUTSIDE_MM outward),
 * widened by ±TUBE_HALF_WIDTH_MM.
 */
function outwardEdges(view: PlaneView, frame: BodyFrame, c: number, fromV: number, sign: 1 | -1, rows: number, threshold: number): Uint8Array {
  const raw = new Uint8Array(rows);
  const value = (inward: number) => {
    const p = at(frame, c, fromV - sign * inward);
    return view.valueAt(p[0], p[1]);
  };
  for (let r = 0; r < rows; r += 1) {
    const d = r * SAMPLE_MM;
    let inner = 0;
    for (let k = 1; k <= STEP_SHELL_MM; k += 1) inner += value(d + k);
    inner /= STEP_SHELL_MM;
    let outer = 0;
    let step = -Infinity;
    for (let k = 1; k <= STEP_OUTSIDE_MM; k += 1) {
      outer += value(d - k);
      step = Math.max(step, inner - outer / k);
    }
    raw[r] = Number.isFinite(step) && step >= threshold ? 1 : 0;
  }
  const tube = Math.round(TUBE_HALF_WIDTH_MM / SAMPLE_MM);
  const widened = new Uint8Array(rows);
  for (let r = 0; r < rows; r += 1) {
    for (let d = -tube; d <= tube; d += 1) {
      if (raw[r + d]) {
        widened[r] = 1;
        break;
      }
    }
  }
  return widened;
}

