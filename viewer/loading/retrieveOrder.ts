/** The order in which the slices of a series are requested (pure; cornerstone/retrieveOrder.ts applies it). */

/**
 * One pass over the slices (`step` apart, starting at `offset`). Together the passes hold every slice (indices ≡ 0
 * mod 8, ≡ 4 mod 8, ≡ 2 mod 4, odd), so a reformat sharpens from every 8th slice to all of them.
 */
export interface RetrievePass {
  readonly id: string;
  readonly step: number;
  readonly offset: number;
}

/** Every 8th slice, the ones half-way between, then every 4th and the odd ones: each pass halves the gaps. */
export const INTERLEAVED_PASSES: readonly RetrievePass[] = [
  { id: 'every8th', step: 8, offset: 0 },
  { id: 'every8thShifted', step: 8, offset: 4 },
  { id: 'every4th', step: 4, offset: 2 },
  { id: 'odd', step: 2, offset: 1 },
];

/** A group of slice indices requested together, in request order. */
export interface RetrieveGroup {
  readonly id: string;
  readonly indices: readonly number[];
}

/**
 * The slice index an axial view of a volume of `sliceCount` slices opens on: ⌊n/2⌋, as cornerstone 5.14 places the
 * camera (`getVolumeCenterIJK` in its Viewport) and as `setDefaultVolumeVOI` picks the slice it takes a window from.
 * (⌊(n−1)/2⌋, used before, is the slice below it for an even count: the axial view's own slice then came in the third
 * pass, and its first image with it.)
 */
export function middleSliceIndex(sliceCount: number): number {
  return Math.floor(sliceCount / 2);
}

/**
 * The slice indices of a series of `sliceCount` slices in request order: the middle slice first (the first image of
 * an axial view, `middleSliceIndex`), then the interleaved passes; every index exactly once, whatever the passes miss
 * in a last group.
 */
export function retrieveGroups(sliceCount: number, passes: readonly RetrievePass[] = INTERLEAVED_PASSES): RetrieveGroup[] {
  if (sliceCount <= 0) return [];
  const middle = middleSliceIndex(sliceCount);
  const seen = new Set([middle]);
  const groups: RetrieveGroup[] = [{ id: 'middle', indices: [middle] }];
  for (const pass of [...passes, { id: 'rest', step: 1, offset: 0 }]) {
    const indices: number[] = [];
    for (let index = pass.offset; index < sliceCount; index += pass.step) {
      if (!seen.has(index)) {
        seen.add(index);
        indices.push(index);
      }
    }
    if (indices.length > 0) groups.push({ id: pass.id, indices });
  }
  return groups;
}


/** `items` (one per slice, in slice order) in the order `retrieveGroups` requests their slices. */
export function inRetrieveOrder<T>(items: readonly T[]): T[] {
  return retrieveGroups(items.length).flatMap((group) => group.indices.map((index) => items[index] as T));
}
