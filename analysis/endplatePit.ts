import { IRREGULAR_RESIDUAL_MM } from './curveFit';

/**
 * Whether an endplate's edges (u mm, outward distance mm, in order of u) hold a pit:
 * PIT_MIN_EDGES or more neighbouring edges, each within PIT_EDGE_GAP_MM of the next, lying IRREGULAR_RESIDUAL_MM or
 * more inward of the smooth curve through the plate.
 * A Schmorl node (disc material herniated through the endplate into a pit 3–10 mm across: Williams FMK et al.,
 * Arthritis Rheum 2007;57:855) or a focal depression of a fracture; too narrow a share of the plate to make it
 * irregular by IRREGULAR_OUTLIER_SHARE (the sweep's pit 6 mm across under a 40 mm plate: 12 %), but a reader places
 * the points around it, so it is said.
 */
export function hasPit(pairs: readonly (readonly [number, number])[], curve: (uMm: number) => number): boolean {
  let run = 0;
  let lastU = Number.NEGATIVE_INFINITY;
  for (const [u, d] of pairs) {
    const inward = curve(u) - d >= IRREGULAR_RESIDUAL_MM;
    run = inward ? (u - lastU <= PIT_EDGE_GAP_MM ? run + 1 : 1) : 0;
    if (inward) lastU = u;
    if (run >= PIT_MIN_EDGES) return true;
  }
  return false;
}
const PIT_MIN_EDGES = 3;
/** Neighbouring edges of one pit lie this close along the plate, mm (the scan steps 1 mm; one column may miss its edge). */
const PIT_EDGE_GAP_MM = 2;
