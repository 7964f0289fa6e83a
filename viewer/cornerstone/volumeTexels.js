import { HALF_FLOAT_EXACT_INTEGER_LIMIT } from './halfFloatTexels';
/** Volume data types (cornerstone's names) whose voxels are integers that vtk.js would upload as 32-bit floats. */
const SIXTEEN_BIT_INTEGER_TYPES = new Set(['Int16Array', 'Uint16Array']);
/** The range of values an image's voxels can take, or null when the metadata does not bound them. */
export function promisedValueRange(image) {
    if (image.hasModalityLutSequence === true)
        return null;
    const slope = image.rescaleSlope ?? 1;
    const intercept = image.rescaleIntercept ?? 0;
    if (!Number.isInteger(slope) || !Number.isInteger(intercept))
        return null;
    const stored = storedRange(image);
    if (stored === null)
        return null;
    const a = slope * stored[0] + intercept;
    const b = slope * stored[1] + intercept;
    return [Math.min(a, b), Math.max(a, b)];
}
function storedRange(image) {
    const { smallestPixelValue: smallest, largestPixelValue: largest } = image;
    if (Number.isInteger(smallest) && Number.isInteger(largest) && smallest <= largest) {
        return [smallest, largest];
    }
    const bits = image.bitsStored;
    if (bits === undefined || !Number.isInteger(bits) || bits < 1 || bits > 32)
        return null;
    if (image.pixelRepresentation === 1)
        return [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
    if (image.pixelRepresentation === 0)
        return [0, 2 ** bits - 1];
    return null;
}
function statesRange(image) {
    return Number.isInteger(image.smallestPixelValue) && Number.isInteger(image.largestPixelValue);
}
/**
 * Chooses the texels of a volume's 3-D texture from its data type (cornerstone's `volume.dataType`), its number of
 * components and every slice's pixel metadata, before any pixel has arrived.
 */
export function chooseVolumeTexels(input) {
    if (!SIXTEEN_BIT_INTEGER_TYPES.has(input.dataType) || input.numberOfComponents !== 1 || input.images.length === 0) {
        return { texels: 'float32', basis: 'not-16-bit-integers' };
    }
    let promised = true;
    for (const image of input.images) {
        const range = promisedValueRange(image);
        const fits = range !== null && range[0] >= -HALF_FLOAT_EXACT_INTEGER_LIMIT && range[1] <= HALF_FLOAT_EXACT_INTEGER_LIMIT;
        if (!fits && range !== null && statesRange(image))
            return { texels: 'float32', basis: 'stated-range-too-wide' };
        if (!fits)
            promised = false;
    }
    return { texels: 'half-float', basis: promised ? 'promised' : 'checked-per-slice' };
}
