import { cache, metaData } from '@cornerstonejs/core';
/**
 * MONOCHROME1 images (PS3.3 C.7.6.3.1.2) are stored with the lowest value shown white. cornerstone's stack viewport
 * opens them inverted; its volume viewports (the reformats) draw every volume as MONOCHROME2, so the viewer turns them
 * itself. "Inverted" in the viewer's commands and overlay means inverted against how the images are meant to be seen.
 *
 * What is drawn is read from the view's grey ramp (its RGB transfer function) rather than from cornerstone's `invert`
 * property: cornerstone 5.14's reset puts back the ramp it first built without putting back the property (a stack
 * opened inverted keeps `invert: true` over a ramp that is not), so the property alone can say the opposite of what is
 * on screen.
 */
export function isMonochrome1(imageId) {
    if (imageId === undefined)
        return false;
    const pixel = metaData.get('imagePixelModule', imageId);
    return typeof pixel?.photometricInterpretation === 'string' && pixel.photometricInterpretation.trim() === 'MONOCHROME1';
}
/** Whether a viewport shows MONOCHROME1 images: its stack's current image, or its volume's first slice. */
export function showsMonochrome1(viewport) {
    const shown = viewport;
    const volumeId = shown.getVolumeId?.();
    if (volumeId !== undefined)
        return isMonochrome1(cache.getVolume(volumeId)?.imageIds?.[0]);
    return isMonochrome1(shown.getCurrentImageId?.());
}
/** Whether the view draws low values brighter than high ones; null when it has no ramp yet. */
export function drawnInverted(viewport) {
    const shown = viewport;
    let ramp;
    try {
        ramp = shown.getTransferFunction ? shown.getTransferFunction() : shown.getDefaultActor?.()?.actor.getProperty().getRGBTransferFunction(0);
    }
    catch {
        return null;
    }
    if (!ramp || ramp.getSize() < 2)
        return null;
    const first = [];
    const last = [];
    ramp.getNodeValue(0, first);
    ramp.getNodeValue(ramp.getSize() - 1, last);
    return (first[1] ?? 0) > (last[1] ?? 0);
}
/** Whether the reader has inverted a view: drawn the other way round from how its images are meant to be seen. */
export function invertedByReader(viewport) {
    const drawn = drawnInverted(viewport) ?? Boolean(viewport.getProperties?.()?.invert);
    return drawn !== showsMonochrome1(viewport);
}
/** Turns a view's grey ramp round when it is not drawn as its images are meant to be seen. Returns whether it did. */
export function showAsStored(viewport) {
    if (!invertedByReader(viewport))
        return false;
    toggleRamp(viewport);
    return true;
}
/** Turns a view's grey ramp round (cornerstone's `invert` property is set to its opposite, which turns the ramp). */
export function toggleRamp(viewport) {
    const stack = viewport;
    stack.setProperties({ invert: !stack.getProperties()?.invert });
}
