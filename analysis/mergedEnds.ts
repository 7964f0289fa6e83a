import { IRREGULAR_RESIDUAL_MM } from './curveFit';
import { median } from './profile';

/*
 * An endplate's end run of edges that lies beyond the rest on CT: the neighbour's plate merged with the body's where a
 * thin disc narrows next to a wall (measureBody.ts).
 */

/**
 * Where a disc thins to nothing next to a wall, the body's endplate and the neighbour's merge into one bright band on
 * the image, and the band's outer edge (the neighbour's plate against its marrow) is the only edge there: the first
 * pass then jumps outward by a disc's height for the last few millimetres before the wall. Such an end (edges in order
 * of u form runs while each is within IRREGULAR_RESIDUAL_MM of the one before; an end run of less than
 * MERGED_END_MAX_SHARE of the depth lying DISC_MIN_MM or more beyond the run next to it) is left out, so the corner
 * follows the rest of the endplate. A longer outward run is kept: that is the endplate itself beyond a fracture step.
 * The depth is that of the edges found, and for an end run reaching its wall (within MERGED_END_WALL_REACH_MM of the
 * corner column) also the body's own between its corner columns, when the run next to it lies nearer where the frame
 * puts the endplate (`columns.expectedMm`): where the disc is thin no edge may show over a third of the depth, and the
 * merged end then spans more than a third of what is left (the real chest CT's T7 clicked 3 mm in front of its centre:
 * 8 edges on T6's plate from the posterior wall, 5–6 mm beyond 7 on T7's own, none in front, its superior posterior
 * corner read 6 mm up in T6, Hp 24.2 mm where its other clicks read 18 mm). Pairs are (u mm, outward distance mm);
 * `columns`: the corner columns (u mm, posterior and anterior) and the endplate's distance at mid-depth (mm).
 */
export function withoutMergedEnds(
  pairs: readonly (readonly [number, number])[],
  columns: { readonly fromMm: number; readonly toMm: number; readonly expectedMm: number },
): { pairs: (readonly [number, number])[]; dropped: boolean } {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const runs: (readonly [number, number])[][] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && Math.abs(p[1] - last[1]) <= IRREGULAR_RESIDUAL_MM) run.push(p);
    else runs.push([p]);
  }
  const firstRun = runs[0];
  const lastRun = runs[runs.length - 1];
  if (runs.length < 2 || !firstRun || !lastRun) return { pairs: sorted, dropped: false };
  const foundDepthMm = sorted[sorted.length - 1]![0] - sorted[0]![0];
  const bodyDepthMm = columns.toMm - columns.fromMm;
  // A pit in the plate (a Schmorl node: a run shorter than the runs either side of it and lying DISC_MIN_MM or more
  // inward of both) is passed over: an end run is compared with the plate beyond it, not with the pit's floor, which
  // every end lies outward of. A run as long as one beside it is the plate itself, its ends the neighbour's (the real
  // chest CT's T7: a 7-edge middle run between runs of 2 and 9 edges 2–5 mm outward, taken for a pit, Ha read 7 mm);
  // a single edge is no pit (one column's noise: on the chest CT, T10's plate read over T11's with it passed over).
  const pit = (k: number) =>
    k > 0 &&
    k < runs.length - 1 &&
    runs[k]!.length >= PIT_MIN_RUN_EDGES &&
    runs[k]!.length < Math.min(runs[k - 1]!.length, runs[k + 1]!.length) &&
    median(runs[k]!.map((p) => p[1])) <= Math.min(runs[k - 1]!.at(-1)![1], runs[k + 1]![0]![1]) - DISC_MIN_MM;
  let afterFirst = 1;
  while (afterFirst < runs.length - 1 && pit(afterFirst)) afterFirst += 1;
  let beforeEnd = runs.length - 2;
  while (beforeEnd > 0 && pit(beforeEnd)) beforeEnd -= 1;
  // The end must lie outward of the plate beyond it both where that plate meets it and over its length: where a pit's
  // slope joins the plate into one run, the run's edge next to the end lies on the slope, its median on the plate.
  const merged = (end: readonly (readonly [number, number])[], beyond: readonly (readonly [number, number])[], nextEdge: readonly [number, number], atWall: boolean) => {
    const endMm = median(end.map((p) => p[1]));
    const spanMm = end[end.length - 1]![0] - end[0]![0];
    const beyondMm = median(beyond.map((p) => p[1]));
    const nearerExpected = Math.abs(beyondMm - columns.expectedMm) < Math.abs(endMm - columns.expectedMm);
    const short = spanMm < MERGED_END_MAX_SHARE * foundDepthMm || (atWall && nearerExpected && spanMm < MERGED_END_MAX_SHARE * bodyDepthMm);
    return short && endMm - nextEdge[1] >= DISC_MIN_MM && endMm - beyondMm >= DISC_MIN_MM;
  };
  const dropFirst = merged(firstRun, runs[afterFirst]!, runs[afterFirst]![0]!, firstRun[0]![0] - columns.fromMm <= MERGED_END_WALL_REACH_MM);
  const dropLast = merged(lastRun, runs[beforeEnd]!, runs[beforeEnd]!.at(-1)!, columns.toMm - lastRun.at(-1)![0] <= MERGED_END_WALL_REACH_MM);
  const kept = runs.filter((_, k) => !((k === 0 && dropFirst) || (k === runs.length - 1 && dropLast)));
  return { pairs: kept.flat(), dropped: dropFirst || dropLast };
}

/**
 * An end run of the first pass spanning less than this share of the endplate's depth may be the neighbour's merged
 * plate (0–1). The nucleus pulposus holds the centre of the disc and the annulus its rim (Adams MA, Roughley PJ, Spine
 * 2006;31:2151), so where a disc narrows to nothing on a lateral view it does so next to a wall, in the annulus; this
 * project takes the outer third of the depth as that rim (design decision, issue 12). A longer outward run is the
 * endplate itself (a wedge or a fracture step).
 */
const MERGED_END_MAX_SHARE = 1 / 3;
/** An end run that reaches this close to its corner column runs up to the wall, mm (two scan steps). */
const MERGED_END_WALL_REACH_MM = 2;
/** A pit's run of edges holds at least this many (the scan steps 1 mm; a Schmorl node is 3–10 mm across). */
const PIT_MIN_RUN_EDGES = 2;
/** The least outward jump of a merged end, mm: a cortex and the thinnest disc between two half-maximum edges. */
const DISC_MIN_MM = 1.5;
