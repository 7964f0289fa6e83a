import { cache, canRenderFloatTextures, imageLoader, metaData, utilities } from '@cornerstonejs/core';
import { getImageFrame } from '@cornerstonejs/dicom-image-loader';
import { releaseFileBytes } from './containedImageLoader';
import { isDirectFrame } from './uncompressedImage';
/** Image ids decoded ahead of any display, with the array type they were decoded into and their size. */
const decodedAhead = new Map();
/** Bytes of the images decoded ahead and still cached. */
let aheadBytes = 0;
/**
 * The share of cornerstone's image cache that images decoded ahead may take: the rest stays for what is on screen.
 * Past it (a folder of several large series) frames are decoded when shown, as before.
 */
const AHEAD_SHARE_OF_CACHE = 0.5;
const BYTES_PER_VOXEL = { Uint8Array: 1, Int16Array: 2, Uint16Array: 2, Float32Array: 4 };
/**
 * The array a volume of this image's series keeps its voxels in, as cornerstone 5.14 decides it from the series'
 * metadata (`generateVolumePropsFromImageIds`' data type), here from this image's own: 8 bits allocated → Uint8;
 * 16 → Float32 when the rescale is fractional and float textures render, Int16 when signed or rescaled below zero,
 * else Uint16. Every image of a series with one pixel format and rescale gets its volume's type.
 */
function volumeDataType(imageId) {
    const pixel = metaData.get('imagePixelModule', imageId);
    if (pixel === undefined)
        return null;
    if (pixel.bitsAllocated === 8)
        return 'Uint8Array';
    if (pixel.bitsAllocated !== 16)
        return null;
    const scaling = utilities.getScalingParameters(imageId);
    if (canRenderFloatTextures() && utilities.hasFloatScalingParameters(scaling))
        return 'Float32Array';
    return pixel.pixelRepresentation === 1 || scaling.rescaleIntercept < 0 || scaling.rescaleSlope < 0 ? 'Int16Array' : 'Uint16Array';
}
/**
 * The options a streaming volume passes to the image loader for this image (cornerstone 5.14's
 * `BaseStreamingImageVolume.getLoaderImageOptions`: its data type, rows and columns, and whether it rescales), or
 * null for what is not decoded ahead: PET and RT Dose (the volume adds SUV and dose scaling of its own).
 */
export function volumeLoadOptions(imageId) {
    const modalityLut = (metaData.get('modalityLutModule', imageId) ?? {});
    const { modality } = (metaData.get('generalSeriesModule', imageId) ?? {});
    if (modality === 'PT' || modality === 'RTDOSE')
        return null;
    const type = volumeDataType(imageId);
    const frame = getImageFrame(imageId);
    if (type === null || !frame.rows || !frame.columns)
        return null;
    const scalingParameters = { rescaleSlope: modalityLut.rescaleSlope, rescaleIntercept: modalityLut.rescaleIntercept, modality };
    const allowFloatRendering = canRenderFloatTextures();
    let preScaled = true;
    if (scalingParameters.rescaleSlope !== undefined && scalingParameters.rescaleIntercept !== undefined) {
        preScaled = typeof scalingParameters.rescaleSlope === 'number' && typeof scalingParameters.rescaleIntercept === 'number';
    }
    const fractional = Object.values(scalingParameters).some((value) => typeof value === 'number' && !Number.isInteger(value));
    if (!allowFloatRendering && fractional)
        preScaled = false;
    return {
        targetBuffer: { type, rows: frame.rows, columns: frame.columns },
        allowFloatRendering,
        preScale: { enabled: preScaled, scalingParameters },
        priority: 0,
        requestType: 'prefetch',
    };
}
/**
 * Decodes native greyscale frames of local files into cornerstone's image cache as their files are read, each in the
 * array its series' volume will keep it in, so that the decoding overlaps the reading of later files instead of
 * following it. The volume built once every file is read then finds each slice in the cache (each frame is still
 * decoded once); a stack view or a thumbnail uses the same image, that of another series of the folder included (its
 * decoded pixels take the place of its file's bytes, which are let go of). Compressed and colour frames are left to the
 * display, as before, and so are failures (the display meets and reports them, as before).
 */
export function decodeAhead(imageIds) {
    for (const imageId of imageIds) {
        if (decodedAhead.has(imageId) || cache.getImageLoadObject(imageId) !== undefined)
            continue;
        const { transferSyntaxUID } = (metaData.get('transferSyntax', imageId) ?? {});
        if (transferSyntaxUID === undefined || !isDirectFrame(getImageFrame(imageId), transferSyntaxUID))
            continue;
        const options = volumeLoadOptions(imageId);
        if (options === null)
            continue;
        const { type, rows, columns } = options.targetBuffer;
        const bytes = rows * columns * (BYTES_PER_VOXEL[type] ?? 4);
        if (aheadBytes + bytes > cache.getMaxCacheSize() * AHEAD_SHARE_OF_CACHE)
            return;
        aheadBytes += bytes;
        decodedAhead.set(imageId, { type, bytes });
        // Once the image holds the pixels, the cached file keeps only its header (each file's bytes are read once).
        imageLoader.loadAndCacheImage(imageId, options).then(() => releaseFileBytes(imageId), () => forget(imageId));
    }
}
function forget(imageId) {
    const ahead = decodedAhead.get(imageId);
    if (ahead === undefined)
        return;
    decodedAhead.delete(imageId);
    aheadBytes -= ahead.bytes;
}
/**
 * Takes out of the cache the images decoded ahead into another array type than `volume`'s (a series whose images
 * differ in pixel format or rescale), so that the volume decodes them itself into its own type. Call between
 * `createAndCacheVolume` and `load`.
 */
export function dropMismatchedAhead(volume) {
    for (const imageId of volume.imageIds) {
        const ahead = decodedAhead.get(imageId);
        if (ahead === undefined)
            continue;
        forget(imageId);
        if (ahead.type !== volume.dataType && cache.getImageLoadObject(imageId) !== undefined)
            cache.removeImageLoadObject(imageId, { force: true });
    }
}
