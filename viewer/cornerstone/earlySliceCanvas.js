import { SOFTWARE_CANVAS } from '../loading/canvasWarmUp';
import { thumbnailRgba } from './thumbnailPixels';
/**
 * The range cornerstone 5.14 opens a volume with: its middle slice's stored window (`setDefaultVolumeVOI`, through
 * `toLowHighRange` for a LINEAR function: centre − 0.5 ∓ (width − 1) / 2), else that slice's least and greatest shown
 * value (`toWindowLevel` then `toLowHighRange` give back exactly [min, max]; see volumeWindow.ts).
 */
export function openingRange(storedWindow, slice) {
    if (storedWindow === null)
        return { lower: slice.min, upper: slice.max };
    const { center, width } = storedWindow;
    return { lower: center - 0.5 - (width - 1) / 2, upper: center - 0.5 + (width - 1) / 2 };
}
/**
 * The slice at its own resolution through the range, on a canvas of `columns` × `rows`: `pixels` are shown values
 * (rescaled) when `rescale` is null, stored values otherwise.
 */
export function windowedSlice(input) {
    const { pixels, columns, rows, range, rescale } = input;
    // The linear range [lower, upper] as the DICOM window it came from (toLowHighRange, PS3.3 C.11.2.1.2.1).
    const windowWidth = range.upper - range.lower + 1;
    const windowCenter = (range.upper + range.lower) / 2 + 0.5;
    const rgba = thumbnailRgba({
        pixels,
        columns,
        rows,
        samplesPerPixel: 1,
        slope: rescale?.slope ?? 1,
        intercept: rescale?.intercept ?? 0,
        windowCenter,
        windowWidth,
        invert: false,
    }, columns, rows);
    const slice = document.createElement('canvas');
    slice.width = columns;
    slice.height = rows;
    slice.getContext('2d', SOFTWARE_CANVAS)?.putImageData(new ImageData(rgba, columns, rows), 0, 0);
    return slice;
}
/** A canvas for an early image over an element of `clientWidth` × `clientHeight` CSS pixels, at device pixels. */
export function earlyImageCanvas(size) {
    const canvas = document.createElement('canvas');
    canvas.className = 'early-image';
    canvas.dataset.testid = 'early-image';
    sizeEarlyImageCanvas(canvas, size);
    return canvas;
}
/** Sizes the canvas to an element's device pixels; whether its size changed. */
export function sizeEarlyImageCanvas(canvas, size) {
    const scale = window.devicePixelRatio || 1;
    const width = Math.round(size.clientWidth * scale);
    const height = Math.round(size.clientHeight * scale);
    if (canvas.width === width && canvas.height === height)
        return false;
    canvas.width = width;
    canvas.height = height;
    return true;
}
/** Paints the windowed slice into `canvas` where `placement` says, on black. */
export function paintSlice(canvas, slice, placement) {
    const context = canvas.getContext('2d', SOFTWARE_CANVAS);
    if (!context)
        throw new Error('the early image canvas has no 2-D context');
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = 'black';
    context.fillRect(0, 0, canvas.width, canvas.height);
    const { a, b, c, d, e, f } = placement.transform;
    context.setTransform(a, b, c, d, e, f);
    // cornerstone samples volumes with linear interpolation.
    context.imageSmoothingEnabled = true;
    context.drawImage(slice, 0, 0);
    context.setTransform(1, 0, 0, 1, 0, 0);
}
