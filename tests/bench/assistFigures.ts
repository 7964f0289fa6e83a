/**
 * The figures both assistance benchmarks print (`assistBench.ts` on the series and VerSe, `assistSweep.ts` on the
 * phantom's acquisition variants, and the analysis tests on drawn spines): distances, percentiles, a body's centre, its
 * three heights' errors and its Genant grades.
 */
import { assessSpine, type SixPoints, type SpinalLevel } from '../../measurement';
import type { Vec3 } from '../../analysis';

/** Distance between two patient points, mm. */
export function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

/** The `p` (0–1) percentile of `values` by the nearest-rank method; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The mean of a body's six points: where a click "at its centre" lands, mm. */
export function centreOf(points: SixPoints): Vec3 {
  const all = Object.values(points) as Vec3[];
  return [0, 1, 2].map((a) => all.reduce((sum, p) => sum + p[a]!, 0) / all.length) as unknown as Vec3;
}

/**
 * Whether a body found with its centre at `centreMm` is the body of `truth` (the right body at the right level): within
 * a third of the truth's middle height of its centre (the centres of neighbouring bodies lie ≥ 18 mm apart), mm.
 */
export function atItsLevel(centreMm: readonly number[], truth: { readonly points: SixPoints; readonly heights: { readonly middleMm: number } }): boolean {
  return distance(centreMm, centreOf(truth.points)) <= truth.heights.middleMm / 3;
}

/** The anterior, middle and posterior heights, each by its superior and inferior point. */
export const HEIGHT_PAIRS = [
  ['anteriorSuperior', 'anteriorInferior'],
  ['middleSuperior', 'middleInferior'],
  ['posteriorSuperior', 'posteriorInferior'],
] as const;

/** How far each of Ha, Hm and Hp of `points` is from the same height of `truth`, mm (absolute). */
export function heightErrorsMm(points: SixPoints, truth: SixPoints): [number, number, number] {
  return signedHeightErrorsMm(points, truth).map(Math.abs) as [number, number, number];
}

/** Proposed − true Ha, Hm, Hp, mm: positive when a height reads tall. */
export function signedHeightErrorsMm(points: SixPoints, truth: SixPoints): [number, number, number] {
  return HEIGHT_PAIRS.map(([s, i]) => distance(points[s], points[i]) - distance(truth[s], truth[i])) as [number, number, number];
}

/** A signed length for a line of figures: "+0.4", "−1.2" (`digits` decimals, one by default). */
export function signedMm(valueMm: number, digits = 1): string {
  return `${valueMm >= 0 ? '+' : '−'}${Math.abs(valueMm).toFixed(digits)}`;
}

/**
 * The body's depth wall to wall at mid-height from its six points, mm: the distance between the middles of the anterior
 * and the posterior height lines, each `insetMm` inside its wall.
 */
export function depthOfMm(points: SixPoints, insetMm: number): number {
  const middle = (a: readonly number[], b: readonly number[]) => [0, 1, 2].map((k) => (a[k]! + b[k]!) / 2);
  return distance(middle(points.anteriorSuperior, points.anteriorInferior), middle(points.posteriorSuperior, points.posteriorInferior)) + 2 * insetMm;
}

/** Each level's Genant grade from measurement/'s `assessSpine` (empty when the spine cannot be assessed). */
export function grades(levels: readonly { level: SpinalLevel; points: SixPoints }[]): Map<SpinalLevel, number> {
  const result = assessSpine(levels);
  return new Map(result.ok ? result.value.levels.map((l) => [l.level, l.assessment.grade]) : []);
}
