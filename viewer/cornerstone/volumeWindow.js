import { Enums, imageLoader, metaData, utilities } from '@cornerstonejs/core';
/** Above the metadata memo (10,000) and every provider cornerstone and the DICOM image loader register. */
const VOLUME_WINDOW_PROVIDER_PRIORITY = 20_000;
/** cornerstone's request priority for the slice it takes a window from (lower comes first). */
const MIDDLE_SLICE_PRIORITY = 0;
/** The first value of a VOI LUT module field (a number or the list DICOM allows), as cornerstone reads it. */
function firstOf(value) {
    return Number(Array.isArray(value) ? value[0] : value);
}
/** Whether cornerstone 5.14's `setDefaultVolumeVOI` finds a usable window in the image's metadata. */
function hasStoredWindow(imageId) {
    const voiLut = metaData.get(Enums.MetadataModules.VOI_LUT, imageId);
    if (!voiLut?.windowWidth || !voiLut.windowCenter)
        return false;
    const width = firstOf(voiLut.windowWidth);
    const center = firstOf(voiLut.windowCenter);
    return width !== 0 && Number.isFinite(width) && Number.isFinite(center);
}
/** The least and greatest voxel of the middle slice, loaded through the volume's own options; null when it fails. */
async function middleSliceRange(volume, middleImageId) {
    try {
        // Priority 0, as cornerstone asks for it: the first frame any view needs.
        const image = await imageLoader.loadAndCacheImage(middleImageId, { ...volume.getLoaderImageOptions(middleImageId), priority: MIDDLE_SLICE_PRIORITY });
        const minMax = image.voxelManager?.getMinMax();
        if (minMax === undefined)
            return null;
        const { min, max } = minMax;
        const range = { min: Array.isArray(min) ? Math.min(...min) : Number(min), max: Array.isArray(max) ? Math.max(...max) : Number(max) };
        return Number.isFinite(range.min) && Number.isFinite(range.max) ? range : null;
    }
    catch {
        return null;
    }
}
/**
 * Runs `setVolumes` (cornerstone's `setVolumesForViewports`) without the duplicate frame requests cornerstone makes for
 * a series that stores no window.
 *
 * cornerstone 5.14's `setDefaultVolumeVOI` reads the window of the volume's middle slice from its metadata, and when
 * there is none loads that slice again with `ignoreCache: true` once per view (a second, third and fourth request for
 * a frame the volume loads anyway) to take its minimum and maximum. Here the middle slice is loaded once, through the
 * volume's own loader options (the volume then takes it from the cache), and while `setVolumes` runs a metadata
 * provider answers its window as the window whose linear range is exactly that minimum and maximum
 * (width = max − min + 1, centre = (min + max + 1) / 2: cornerstone's `toWindowLevel`), so every view opens with the
 * range cornerstone would have computed. The provider is removed when `setVolumes` settles. A series with a stored
 * window, or a middle slice that cannot be loaded, is left to cornerstone as before.
 */
export async function setVolumesWithWindow(volume, setVolumes) {
    const middleImageId = volume.imageIds[Math.floor(volume.imageIds.length / 2)];
    if (middleImageId === undefined || hasStoredWindow(middleImageId))
        return setVolumes();
    const range = await middleSliceRange(volume, middleImageId);
    if (range === null)
        return setVolumes();
    const { windowWidth, windowCenter } = utilities.windowLevel.toWindowLevel(range.min, range.max);
    const provider = (type, imageId) => (type === Enums.MetadataModules.VOI_LUT && imageId === middleImageId ? { windowWidth: [windowWidth], windowCenter: [windowCenter] } : undefined);
    metaData.addProvider(provider, VOLUME_WINDOW_PROVIDER_PRIORITY);
    try {
        return await setVolumes();
    }
    finally {
        metaData.removeProvider(provider);
    }
}
