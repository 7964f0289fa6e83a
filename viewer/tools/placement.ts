import { HEIGHT_POINT_PAIRS, POINT_LABELS, type PointName, type SixPoints, type Vec3 } from '../../measurement';

/** The click order of the six-point method: each height's superior point, then its inferior point, front to back. */
export const PLACEMENT_ORDER: readonly PointName[] = HEIGHT_POINT_PAIRS.flatMap(({ superior, inferior }) => [superior, inferior]);

/** Each height as a pair of indices into the placement order (superior, inferior): how the tool draws its lines. */
export const HEIGHT_INDEX_PAIRS: ReadonlyArray<readonly [number, number]> = HEIGHT_POINT_PAIRS.map(
  ({ superior, inferior }) => [PLACEMENT_ORDER.indexOf(superior), PLACEMENT_ORDER.indexOf(inferior)] as const,
);

/** The point the next click places, or null once all six are placed. */
export function nextPointName(placedCount: number): PointName | null {
  return PLACEMENT_ORDER[placedCount] ?? null;
}

/** How the next point is placed: a click, or Enter at the keyboard cursor. */
export type PlacementInput = 'mouse' | 'keyboardCursor';

/** A short guide for the user: which corner to place next, and how. */
export function placementGuide(placedCount: number, input: PlacementInput = 'mouse'): string {
  const next = nextPointName(placedCount);
  if (!next) return 'Vertebra complete';
  const step = `the ${POINT_LABELS[next]} point (${placedCount + 1} of 6)`;
  return input === 'mouse'
    ? `Click ${step}; Esc cancels`
    : `Enter places ${step} at the cursor; arrows move it (Shift: 10 px)`;
}

/** Six placed points, in placement order, as named points. */
export function toSixPoints(points: readonly Vec3[]): SixPoints {
  if (points.length !== PLACEMENT_ORDER.length) {
    throw new Error(`toSixPoints needs 6 points, got ${points.length}`);
  }
  return Object.fromEntries(PLACEMENT_ORDER.map((name, i) => [name, points[i]])) as unknown as SixPoints;
}

/** The named points back in placement order (how the tool stores its handles). */
export function fromSixPoints(points: SixPoints): Vec3[] {
  return PLACEMENT_ORDER.map((name) => points[name]);
}
