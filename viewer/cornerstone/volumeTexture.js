import { metaData } from '@cornerstonejs/core';
import { createCompactVolumeTexture } from './compactVolumeTexture';
import { chooseVolumeTexels } from './volumeTexels';
function finiteOrUndefined(value) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
/** What the metadata of one image says about its pixel values (cornerstone's image pixel and modality LUT modules). */
function pixelPromiseOf(imageId) {
    const pixel = (metaData.get('imagePixelModule', imageId) ?? {});
    const modality = (metaData.get('modalityLutModule', imageId) ?? {});
    const lutSequence = modality.modalityLUTSequence;
    return {
        bitsStored: finiteOrUndefined(pixel.bitsStored),
        pixelRepresentation: finiteOrUndefined(pixel.pixelRepresentation),
        smallestPixelValue: finiteOrUndefined(pixel.smallestPixelValue),
        largestPixelValue: finiteOrUndefined(pixel.largestPixelValue),
        rescaleSlope: finiteOrUndefined(modality.rescaleSlope),
        rescaleIntercept: finiteOrUndefined(modality.rescaleIntercept),
        hasModalityLutSequence: Array.isArray(lutSequence) ? lutSequence.length > 0 : lutSequence !== undefined && lutSequence !== null,
        samplesPerPixel: finiteOrUndefined(pixel.samplesPerPixel) ?? 1,
    };
}
function isCompact(texture) {
    return typeof texture?.getTexels === 'function';
}
/**
 * Gives a streaming volume of 16-bit integer voxels the compact 3-D texture (`compactVolumeTexture.ts`) in place of
 * cornerstone's, before any viewport uses the volume (call it between `createAndCacheVolume` and
 * `setVolumesForViewports`). Returns the texels chosen, or null where cornerstone's texture stays: voxels that are not
 * 16-bit integers (cornerstone uploads Float32 and 8-bit volumes without a per-slice copy), colour and 4-D volumes.
 */
export function giveVolumeCompactTexture(volume) {
    const current = volume.vtkOpenGLTexture;
    if (isCompact(current))
        return current.getTexels();
    if (volume.isDynamicVolume())
        return null;
    const images = volume.imageIds.map(pixelPromiseOf);
    const texels = chooseVolumeTexels({ dataType: volume.dataType ?? '', numberOfComponents: Math.max(1, ...images.map((image) => image.samplesPerPixel)), images });
    if (texels.basis === 'not-16-bit-integers')
        return null;
    const texture = createCompactVolumeTexture(volume.volumeId, { texels });
    // Frames the volume already marked for upload (none for a new volume) stay marked.
    const replaced = volume.vtkOpenGLTexture;
    (replaced.getUpdatedFrames?.() ?? []).forEach((isMarked, frameIndex) => {
        if (isMarked)
            texture.setUpdatedFrame(frameIndex);
    });
    volume.vtkOpenGLTexture = texture;
    replaced.delete();
    return texels;
}
