/** Lengths a scale bar may show, in mm (or pixels when uncalibrated). */
const NICE_LENGTHS = [1, 2, 5, 10, 20, 50, 100, 200, 500];
/**
 * The longest nice scale-bar length that fits in `maxCanvasPixels`, given the world size of one canvas pixel.
 * Returns null when the scale is unknown.
 */
export function chooseScaleBar(worldPerCanvasPixel, maxCanvasPixels) {
    if (!worldPerCanvasPixel || !(worldPerCanvasPixel > 0) || !(maxCanvasPixels > 0))
        return null;
    const maxLength = worldPerCanvasPixel * maxCanvasPixels;
    const length = [...NICE_LENGTHS].reverse().find((l) => l <= maxLength);
    return length === undefined ? null : { length, canvasPixels: length / worldPerCanvasPixel };
}
