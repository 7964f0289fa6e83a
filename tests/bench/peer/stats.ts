/** Median, minimum and maximum of the finite values (null when there are none). */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function spreadOf(values: ReadonlyArray<number | undefined>): Spread | null {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const middle = Math.floor(finite.length / 2);
  const median = finite.length % 2 === 1 ? (finite[middle] as number) : ((finite[middle - 1] as number) + (finite[middle] as number)) / 2;
  return { median, min: finite[0] as number, max: finite[finite.length - 1] as number, n: finite.length };
}

/** a / b of two medians, or null when either is missing. */
export function ratioOf(a: Spread | null, b: Spread | null): number | null {
  return a !== null && b !== null && b.median > 0 ? a.median / b.median : null;
}
