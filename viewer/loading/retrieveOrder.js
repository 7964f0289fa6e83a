/** The order in which the slices of a series are requested (pure; cornerstone/retrieveOrder.ts applies it). */
/** Every 8th slice, the ones half-way between, then every 4th and the odd ones: each pass halves the gaps. */
export const INTERLEAVED_PASSES = [
    { id: 'every8th', step: 8, offset: 0 },
    { id: 'every8thShifted', step: 8, offset: 4 },
    { id: 'every4th', step: 4, offset: 2 },
    { id: 'odd', step: 2, offset: 1 },
];
/**
 * The slice index an axial view of a volume of `sliceCount` slices opens on: ⌊n/2⌋, as cornerstone 5.14 places the
 * camera (`getVolumeCenterIJK` in its Viewport) and as `setDefaultVolumeVOI` picks the slice it takes a window from.
 * (⌊(n−1)/2⌋, used before, is the slice below it for an even count: the axial view's own slice then came in the third
 * pass, and its first image with it.)
 */
export function middleSliceIndex(sliceCount) {
    return Math.floor(sliceCount / 2);
}
/**
 * The slice indices of a series of `sliceCount` slices in request order: the middle slice first (the first image of
 * an axial view, `middleSliceIndex`), then the interleaved passes; every index exactly once, whatever the passes miss
 * in a last group.
 */
export function retrieveGroups(sliceCount, passes = INTERLEAVED_PASSES) {
    if (sliceCount <= 0)
        return [];
    const middle = middleSliceIndex(sliceCount);
    const seen = new Set([middle]);
    const groups = [{ id: 'middle', indices: [middle] }];
    for (const pass of [...passes, { id: 'rest', step: 1, offset: 0 }]) {
        const indices = [];
        for (let index = pass.offset; index < sliceCount; index += pass.step) {
            if (!seen.has(index)) {
                seen.add(index);
                indices.push(index);
            }
        }
        if (indices.length > 0)
            groups.push({ id: pass.id, indices });
    }
    return groups;
}
/** `items` (one per slice, in slice order) in the order `retrieveGroups` requests their slices. */
export function inRetrieveOrder(items) {
    return retrieveGroups(items.length).flatMap((group) => group.indices.map((index) => items[index]));
}
