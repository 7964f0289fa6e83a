/** The thumbnail's size in pixels: the image's aspect ratio inside a square of `sidePx`. */
export function thumbnailSize(columns, rows, sidePx) {
    const scale = sidePx / Math.max(columns, rows, 1);
    return { widthPx: Math.max(1, Math.round(columns * scale)), heightPx: Math.max(1, Math.round(rows * scale)) };
}
/** Grey level 0–255 of a shown value under the DICOM linear window (PS3.3 C.11.2.1.2.1). */
export function linearWindowGrey(value, windowCenter, windowWidth) {
    const width = Math.max(1, windowWidth);
    const low = windowCenter - 0.5 - (width - 1) / 2;
    const high = windowCenter - 0.5 + (width - 1) / 2;
    if (value <= low)
        return 0;
    if (value > high)
        return 255;
    return Math.round(((value - (windowCenter - 0.5)) / (width - 1) + 0.5) * 255);
}
/**
 * RGBA bytes of a `widthPx` × `heightPx` thumbnail of the image, each thumbnail pixel the image pixel at its centre
 * (nearest neighbour): greyscale through the modality LUT and the window, colour as stored.
 */
export function thumbnailRgba(source, widthPx, heightPx) {
    const { pixels, columns, rows, samplesPerPixel, slope, intercept, windowCenter, windowWidth, invert } = source;
    const rgba = new Uint8ClampedArray(widthPx * heightPx * 4);
    for (let y = 0; y < heightPx; y++) {
        const row = Math.min(rows - 1, Math.floor(((y + 0.5) * rows) / heightPx));
        for (let x = 0; x < widthPx; x++) {
            const column = Math.min(columns - 1, Math.floor(((x + 0.5) * columns) / widthPx));
            const at = (row * columns + column) * samplesPerPixel;
            const out = (y * widthPx + x) * 4;
            if (samplesPerPixel >= 3) {
                rgba[out] = pixels[at] ?? 0;
                rgba[out + 1] = pixels[at + 1] ?? 0;
                rgba[out + 2] = pixels[at + 2] ?? 0;
            }
            else {
                const grey = linearWindowGrey((pixels[at] ?? 0) * slope + intercept, windowCenter, windowWidth);
                const shown = invert ? 255 - grey : grey;
                rgba[out] = shown;
                rgba[out + 1] = shown;
                rgba[out + 2] = shown;
            }
            rgba[out + 3] = 255;
        }
    }
    return rgba;
}
