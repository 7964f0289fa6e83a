import { DISC_FLANK_MM, DISC_LINE_MIN_SHARE, DISC_NOISE_RATIO, STEP_OUTSIDE_MM, STEP_SHELL_MM, WALL_INSET_MM } from './constants';
import type { BodyFrame } from './bodyFrame';
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
/** A step response counts as edge when it reaches this share of the body's typical edge contrast (0–1). */
export const LINE_EDGE_SHARE = 0.5;
/**
 * How far the edge may leave the straight line and still count, mm: endplates are concave by 1–3 mm on a lateral view
 * (deepest in the middle), so a straight line through the rims misses the middle by up to that.
 */
const TUBE_HALF_WIDTH_MM = 1.5;
/**
 * A disc line must be at least this share (0–1) of the body's typical edge contrast darker than its plates: a thin
 * disc's partial volume leaves it at a fraction of a full plate-to-disc step, but marrow texture is weaker still.
 * Design decision of this project (issue 12).
 */
const DISC_EDGE_SHARE = 0.25;
/**
 * How far beyond a disc line an endplate's edge may lie, mm: the body's own edge lies on the near side of its disc (the
 * half-maximum edge within a thin disc's half width, ≈ 1–1.5 mm), the neighbour's plate-to-marrow edge ≥ 3 mm beyond
 * the disc's middle (half the disc and the subchondral plate, STEP_SHELL_MM).
 */
export const DISC_BEYOND_MM = 1.5;

/** The edge map of one endplate around its expected line: 1 where the step response is an edge, on a (u, v) grid. */
interface EdgeGrid {
  readonly us: readonly number[];
  readonly v0Mm: number;
  readonly rows: number;
  /** The exit step's response at each sample (image units, the larger the clearer; not finite where not read). */
  readonly response: Float64Array;
  /** edge[iu · rows + iv] with v = v0Mm + iv · GRID_STEP_MM, widened by ±TUBE_HALF_WIDTH_MM along v (edgesOf at LINE_EDGE_SHARE). */
  readonly edge: Uint8Array;
  /** disc[iu · rows + iv]: 1 where the sample is a disc line (darker than the plates within DISC_FLANK_MM either side). */
  readonly disc: Uint8Array;
}

function edgeGrid(view: PlaneView, frame: BodyFrame, side: 'superior' | 'inferior', expected: number): EdgeGrid {
  const sign = side === 'superior' ? 1 : -1;
  const exitSign = frame.polarity === 'brightShell' ? -1 : 1;
  const from = frame.posteriorWallMm + WALL_INSET_MM;
  const to = frame.anteriorWallMm - WALL_INSET_MM;
  const inset = ((1 - CENTRAL_SHARE) / 2) * (to - from);
  const us: number[] = [];
  for (let u = from + inset; u <= to - inset + 1e-9; u += 1) us.push(u);
  const reach = OFFSET_RANGE_MM + MAX_SLOPE * Math.max(Math.abs(from), Math.abs(to)) + TUBE_HALF_WIDTH_MM;
  const v0Mm = expected - reach;
  const rows = Math.round((2 * reach) / GRID_STEP_MM) + 1;
  // Each column sampled once on the grid, padded by the widest window either side (the step's and the disc's flanks).
  const perMm = Math.round(1 / GRID_STEP_MM);
  const pad = Math.max(STEP_SHELL_MM, STEP_OUTSIDE_MM, DISC_FLANK_MM) * perMm;
  const span = rows + 2 * pad;
  const column = new Float64Array(span);
  const response = new Float64Array(us.length * rows);
  // Disc lines: a sample darker (CT; brighter on MR) than the brightest within DISC_FLANK_MM on both sides by
  // DISC_NOISE_RATIO × the marrow's noise and DISC_EDGE_SHARE × the body's edge contrast, i.e. a disc between two plates
  // however thin it is (the noise estimate is of the smoothed plane, which can be far below the texture left in it).
  const discContrast = Math.max(DISC_NOISE_RATIO * frame.marrow.noiseValue, DISC_EDGE_SHARE * frame.contrastValue);
  const disc = new Uint8Array(us.length * rows);
  const shellSign = -exitSign;
  const flank = DISC_FLANK_MM * perMm;
  us.forEach((u, iu) => {
    const base = addScaled2(frame.centre, frame.anterior, u);
    for (let j = 0; j < span; j += 1) {
      const p = addScaled2(base, frame.cranial, v0Mm + (j - pad) * GRID_STEP_MM);
      column[j] = view.valueAt(p[0], p[1]);
    }
    for (let iv = 0; iv < rows; iv += 1) {
      const at = iv + pad;
      let inside = 0;
      for (let k = 1; k <= STEP_SHELL_MM; k += 1) inside += column[at - sign * k * perMm]!;
      // The outside level is the most disc-like of the runs from the edge (the first 1, 2, … STEP_OUTSIDE_MM mm): a thin
      // disc whose far side is already the neighbour's bright endplate still reads as the disc (see STEP_OUTSIDE_MM).
      let outside = 0;
      let d = -Infinity;
      for (let k = 1; k <= STEP_OUTSIDE_MM; k += 1) {
        outside += column[at + sign * k * perMm]!;
        d = Math.max(d, exitSign * (outside / k - inside / STEP_SHELL_MM));
      }
      response[iu * rows + iv] = d;
      const here = shellSign * column[at]!;
      let below = -Infinity;
      let above = -Infinity;
      for (let k = 1; k <= flank; k += 1) {
        below = Math.max(below, shellSign * column[at - k]!);
        above = Math.max(above, shellSign * column[at + k]!);
      }
      disc[iu * rows + iv] = Number.isFinite(here) && Math.min(below, above) - here >= discContrast ? 1 : 0;
    }
  });
  return { us, v0Mm, rows, response, edge: edgesOf(response, us.length, rows, LINE_EDGE_SHARE * frame.contrastValue), disc };
}

/** The edge map of a grid's step responses at `threshold` (image units), widened by ±TUBE_HALF_WIDTH_MM along v. */
function edgesOf(response: Float64Array, columns: number, rows: number, threshold: number): Uint8Array {
  const raw = response.map((d) => (Number.isFinite(d) && d >= threshold ? 1 : 0));
  const tube = Math.round(TUBE_HALF_WIDTH_MM / GRID_STEP_MM);
  const edge = new Uint8Array(response.length);
  for (let iu = 0; iu < columns; iu += 1) {
    for (let iv = 0; iv < rows; iv += 1) {
      let any = 0;
      for (let d = -tube; d <= tube && !any; d += 1) {
        const k = iv + d;
        if (k >= 0 && k < rows) any = raw[iu * rows + k]!;
      }
      edge[iu * rows + iv] = any;
    }
  }
  return edge;
}

/** For each offset from the expected endplate (mm), the best slope's share of the central depth that is edge (0–1). */
function lineScores(grid: EdgeGrid, expectedMm: number): { offsetsMm: number[]; slopes: number[]; scores: number[]; discShares: number[] } {
  const offsetsMm: number[] = [];
  const slopes: number[] = [];
  const scores: number[] = [];
  const discShares: number[] = [];
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
    // The disc-line share of the best line of any slope at this offset.
    let discShare = 0;
    for (let slope = -MAX_SLOPE; slope <= MAX_SLOPE + 1e-9; slope += SLOPE_STEP) {
      let count = 0;
      grid.us.forEach((u, iu) => {
        const iv = Math.round((expectedMm + offset + slope * u - grid.v0Mm) / GRID_STEP_MM);
        if (iv >= 0 && iv < grid.rows) count += grid.disc[iu * grid.rows + iv]!;
      });
      discShare = Math.max(discShare, count / grid.us.length);
    }
    offsetsMm.push(offset);
    slopes.push(bestSlope);
    scores.push(best);
    discShares.push(discShare);
  }
  return { offsetsMm, slopes, scores, discShares };
}

/**
 * An endplate line this weak (its best share of the central depth that is edge, 0–1) is doubted: the located frame may
 * have stopped at a line inside the body (trabecular texture on a real CT, a vascular channel), and the endplate is
 * looked for beyond the first window too. A body's own plate shows over most of its depth (of the lines read for
 * VerSe's and the real chest CT's clicks, nine in ten score 0.6 or more); texture inside the marrow over under half of
 * it (the chest CT's T10 read from a box stopped 6–8 mm under its superior endplate: at best 0.38). Design decision of
 * this project (issue 12).
 */
const WEAK_LINE_SHARE = 0.5;
/** The step share (0–1 of the body's typical edge contrast) at which a weak window is looked at again for a plate. */
const FAINT_EDGE_SHARE = 0.3;
/** At FAINT_EDGE_SHARE a line showing this share of the central depth as edge (0–1) is the window's plate after all. */
const FAINT_PLATE_SHARE = 0.8;
/** A line of the window beyond counts only when it shows at least this share of the central depth as edge (0–1). */
const OUTWARD_MIN_SHARE = 0.6;
/** How far outward (mm) the second window's centre lies from the first's, where the first window's line is weak. */
const OUTWARD_WINDOW_SHIFT_MM = 1.5 * OFFSET_RANGE_MM;

type LineScores = ReturnType<typeof lineScores>;

/**
 * One endplate's line scores around where the frame puts it (±OFFSET_RANGE_MM), and where the best of them is weak
 * (under WEAK_LINE_SHARE) and fainter steps show no plate there either (FAINT_PLATE_SHARE at FAINT_EDGE_SHARE), around a
 * window OUTWARD_WINDOW_SHIFT_MM further out too; offsets from the frame's endplate.
 */
function sideScores(view: PlaneView, frame: BodyFrame, side: 'superior' | 'inferior'): LineScores {
  const expected = side === 'superior' ? frame.superiorMm : frame.inferiorMm;
  const nearGrid = edgeGrid(view, frame, side, expected);
  const near = lineScores(nearGrid, expected);
  if (Math.max(...near.scores) >= WEAK_LINE_SHARE) return near;
  // A thin plate's step can sit near the edge threshold (a 1 mm shell averaged over the 2 mm inside it: a drawn CT's
  // plate scored 0.37–0.77 from one box to the same box a hundredth of a millimetre away): the window is doubted only
  // where fainter steps do not show a plate over most of the depth either (that plate: 1.0; the texture inside the chest
  // CT's T10: 0.57–0.62).
  const faintEdges = edgesOf(nearGrid.response, nearGrid.us.length, nearGrid.rows, FAINT_EDGE_SHARE * frame.contrastValue);
  if (Math.max(...lineScores({ ...nearGrid, edge: faintEdges }, expected).scores) >= FAINT_PLATE_SHARE) return near;
  const shiftMm = (side === 'superior' ? 1 : -1) * OUTWARD_WINDOW_SHIFT_MM;
  const far = lineScores(edgeGrid(view, frame, side, expected + shiftMm), expected + shiftMm);
  // Only lines beyond that show an endplate themselves may be chosen (one found as weakly is no better evidence); the
  // others stay for their disc lines, which tell the neighbour's plate beyond a thin disc (beyondDisc).
  return {
    offsetsMm: [...near.offsetsMm, ...far.offsetsMm.map((o) => o + shiftMm)],
    slopes: [...near.slopes, ...far.slopes],
    scores: [...near.scores, ...far.scores.map((score) => (score >= OUTWARD_MIN_SHARE ? score : -Infinity))],
    discShares: [...near.discShares, ...far.discShares],
  };
}

/**
 * Healthy adult T4–L5 bodies are about 1.3 × deeper than high on a lateral view (endplate depth ÷ vertebral body
 * height: means by level 1.2–1.45, each dimension varying by 7–10 % between adults; Panjabi MM et al., Spine
 * 1991;16:888 and 1992;17:299). A pair of endplates making the body taller than that is penalised as a Gaussian on the
 * log ratio with TALL_LOG_SPREAD; shorter only with the wide SHORT_LOG_SPREAD, since a fracture removes up to and
 * beyond 40 % of a height (Genant grade 3, Genant et al. 1993).
 */
const TYPICAL_DEPTH_TO_HEIGHT = 1.3;
const TALL_LOG_SPREAD = 0.1;
const SHORT_LOG_SPREAD = 0.35;
/**
 * Weight of the shape prior (per squared standard deviation ÷ 2) against the endplates' edge shares (0–1 each): a pair
 * two standard deviations too tall must show 40 % more of its length as edge than a plausible pair to win.
 */
const PRIOR_WEIGHT = 0.2;

/** The shape prior of a middle height for the body's depth, in squared standard deviations ÷ 2 (see TYPICAL_DEPTH_TO_HEIGHT). */
function shapePrior(depthMm: number, heightMm: number): number {
  if (!(heightMm > 0)) return Infinity;
  const logRatio = Math.log(depthMm / heightMm / TYPICAL_DEPTH_TO_HEIGHT);
  const z = logRatio < 0 ? logRatio / TALL_LOG_SPREAD : logRatio / SHORT_LOG_SPREAD;
  return (z * z) / 2;
}


/** For each offset, whether a disc line lies DISC_BEYOND_MM to DISC_BEYOND_MM + DISC_FLANK_MM inward of it (outward = +1 superior, −1 inferior). */
function beyondDisc(scores: { readonly offsetsMm: readonly number[]; readonly discShares: readonly number[] }, outward: 1 | -1): boolean[] {
  return scores.offsetsMm.map((o) =>
    scores.offsetsMm.some((d, k) => {
      const inwardMm = outward * (o - d);
      return scores.discShares[k]! >= DISC_LINE_MIN_SHARE && inwardMm >= DISC_BEYOND_MM - 1e-9 && inwardMm <= DISC_BEYOND_MM + DISC_FLANK_MM + 1e-9;
    }),
  );
}

/**
 * Both endplates of a located body as straight lines (each within ±OFFSET_RANGE_MM of where the frame puts it at
 * mid-depth, slopes within ±MAX_SLOPE), chosen together: each line scores the share of the body's central depth that
 * shows the endplate's exit edge (the cortex giving way to the disc) within ±TUBE_HALF_WIDTH_MM, and the pair with the
 * best sum less PRIOR_WEIGHT × the shape prior of its middle height wins (of pairs equally good, the one nearest the
 * frame). A wedged or crushed body's endplates are thus found along their own tilt; a cleft, a venous channel or a
 * short bright stretch does not decide where an endplate is, and the neighbour's endplate across a thin disc loses to
 * the body's own unless the image clearly says otherwise. Lines are in the frame's (u, v) mm.
 */
export function fitEndplateLines(view: PlaneView, frame: BodyFrame): { readonly superior: EndplateLine; readonly inferior: EndplateLine } {
  const depthMm = frame.anteriorWallMm - frame.posteriorWallMm;
  const sup = sideScores(view, frame, 'superior');
  const inf = sideScores(view, frame, 'inferior');
  // A line with a disc line (DISC_LINE_MIN_SHARE of the depth) DISC_BEYOND_MM to DISC_BEYOND_MM + DISC_FLANK_MM inward
  // of it is the neighbour's endplate across that disc; such lines are left out unless nothing else remains.
  const supBeyond = beyondDisc(sup, 1);
  const infBeyond = beyondDisc(inf, -1);
  const choose = (leaveOutBeyond: boolean) => {
    let best = { s: 0, i: 0, score: -Infinity, distance: Infinity };
    sup.offsetsMm.forEach((so, s) => {
      if (leaveOutBeyond && supBeyond[s]) return;
      inf.offsetsMm.forEach((io, i) => {
        if (leaveOutBeyond && infBeyond[i]) return;
        const height = frame.superiorMm + so - (frame.inferiorMm + io);
        const score = sup.scores[s]! + inf.scores[i]! - PRIOR_WEIGHT * shapePrior(depthMm, height);
        const distance = Math.abs(so) + Math.abs(io);
        if (score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && distance < best.distance)) {
          best = { s, i, score, distance };
        }
      });
    });
    return best;
  };
  const own = choose(true);
  const best = own.score > -Infinity ? own : choose(false);
  return {
    superior: { atCentreMm: frame.superiorMm + sup.offsetsMm[best.s]!, slope: sup.slopes[best.s]! },
    inferior: { atCentreMm: frame.inferiorMm + inf.offsetsMm[best.i]!, slope: inf.slopes[best.i]! },
  };
}
