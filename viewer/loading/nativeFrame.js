/**
 * A native (uncompressed, little endian) greyscale frame turned into the pixel array an image keeps, in one pass over
 * its values where dicom-image-loader 5.14's `postProcessDecodedPixels` makes three or four: a sign extension written
 * back into the frame's bytes, `getMinMax` (a `Math.min` and a `Math.max` call per pixel), the copy into the target
 * array, the modality rescale over that array. The result is the library's, value for value and array type for array
 * type (`nativeFrame.test.ts` compares the two on every case below); a frame whose outcome this does not reproduce
 * gets `null`, and the caller runs the library's own code on it.
 */
/** The target types dicom-image-loader 5.14 accepts (`targetBuffer.type`), by name. */
const TARGET_ARRAY_TYPES = {
    Uint8Array, Uint16Array, Int16Array, Float32Array, Uint32Array,
};
/** The smallest array type holding [min, max] exactly, Float32Array otherwise (dicom-image-loader 5.14's choice). */
export function pixelArrayTypeFor(min, max) {
    if (!Number.isInteger(min) || !Number.isInteger(max))
        return Float32Array;
    if (min >= 0)
        return max <= 255 ? Uint8Array : max <= 65_535 ? Uint16Array : max <= 4_294_967_295 ? Uint32Array : Float32Array;
    return min >= -128 && max <= 127 ? Int8Array : min >= -32_768 && max <= 32_767 ? Int16Array : Float32Array;
}
/** The frame's stored values as the library views them: a 16-bit view of the bytes (copied first at an odd address). */
function storedView(bytes, format) {
    if (format.bitsAllocated === 8)
        return bytes;
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
    const length = Math.floor(aligned.length / 2);
    return format.pixelRepresentation === 0
        ? new Uint16Array(aligned.buffer, aligned.byteOffset, length)
        : new Int16Array(aligned.buffer, aligned.byteOffset, length);
}
/**
 * The array the pixels go in: a view over the stored samples themselves when the caller gave them up and the type has
 * their size (the one pass reads each sample before it writes the same place), else a new array.
 */
function pixelArray(type, stored, overwrite) {
    return overwrite && type.BYTES_PER_ELEMENT === stored.BYTES_PER_ELEMENT
        ? new type(stored.buffer, stored.byteOffset, stored.length)
        : new type(stored.length);
}
/** The range of values each stored sample can take (after the library's sign extension). */
function storedValueBounds(format) {
    if (format.bitsAllocated === 8)
        return { min: 0, max: 255 };
    return format.pixelRepresentation === 0 ? { min: 0, max: 65_535 } : { min: -32_768, max: 32_767 };
}
/** Whether every value in [min, max] is held exactly by an array of this type. */
function holdsRange(type, { min, max }) {
    if (type === Float32Array)
        return true; // every 16-bit integer is a float32
    const probe = new type(2);
    probe[0] = min;
    probe[1] = max;
    return probe[0] === min && probe[1] === max;
}
/**
 * Writes the frame's stored values into `out` (sign-extended from Bits Stored when signed; converted as `out`'s type
 * converts, then rescaled in `out`'s type, as the library's copy-then-scale does) and returns their min and max
 * before the rescale: one pass. `shift` is 32 − Bits Stored for a sign extension, else 0 (`(v << 0) >> 0` is v for
 * every 16-bit value, so the loops need no branch for it).
 */
function writeValues(stored, shift, out, rescale, exact) {
    const n = stored.length;
    let min = Infinity;
    let max = -Infinity;
    if (rescale === null) {
        for (let i = 0; i < n; i++) {
            const v = (stored[i] << shift) >> shift;
            min = v < min ? v : min;
            max = v > max ? v : max;
            out[i] = v;
        }
        return { min, max };
    }
    const { slope, intercept } = rescale;
    if (exact && slope === 1 && Number.isInteger(intercept) && Math.abs(intercept) < 2 ** 30) {
        // The usual CT rescale (slope 1, integer intercept): v × 1 + b is v + b exactly, in integer arithmetic.
        for (let i = 0; i < n; i++) {
            const v = (stored[i] << shift) >> shift;
            min = v < min ? v : min;
            max = v > max ? v : max;
            out[i] = v + intercept;
        }
    }
    else if (exact) {
        // `out` holds every stored value, so writing it first and rescaling it there gives this same number.
        for (let i = 0; i < n; i++) {
            const v = (stored[i] << shift) >> shift;
            min = v < min ? v : min;
            max = v > max ? v : max;
            out[i] = v * slope + intercept;
        }
    }
    else {
        for (let i = 0; i < n; i++) {
            const v = (stored[i] << shift) >> shift;
            min = v < min ? v : min;
            max = v > max ? v : max;
            out[i] = v;
            out[i] = out[i] * slope + intercept;
        }
    }
    return { min, max };
}
/** The min and max of the stored values (sign-extended as above), without writing anything. */
function storedRange(stored, shift) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < stored.length; i++) {
        const v = (stored[i] << shift) >> shift;
        min = v < min ? v : min;
        max = v > max ? v : max;
    }
    return { min, max };
}
/**
 * The image pixels of one native greyscale frame, as dicom-image-loader 5.14 makes them from `bytes` with these
 * options, or `null` for a frame or an outcome left to the library: 8-bit signed frames (the library keeps them in a
 * Uint8Array and wraps the sign extension), Bits Stored outside 1…Bits Allocated, a target of other rows (resampled),
 * an unknown target type, and a rescaled range whose smallest array type is not the target's (the library then
 * rescales in that other type). Never writes into `bytes` unless `options.overwriteBytes`, and then only when it
 * returns pixels.
 */
export function decodeNativeFrame(bytes, format, options) {
    const { bitsAllocated, bitsStored, pixelRepresentation } = format;
    if (bitsAllocated !== 8 && bitsAllocated !== 16)
        return null;
    if (pixelRepresentation !== 0 && pixelRepresentation !== 1)
        return null;
    if (pixelRepresentation === 1 && bitsAllocated === 8)
        return null;
    if (!Number.isInteger(bitsStored) || bitsStored < 1 || bitsStored > bitsAllocated)
        return null;
    if (options.targetRows !== undefined && options.targetRows !== 0 && options.targetRows !== format.rows)
        return null;
    const { rescale } = options;
    if (rescale !== null && (!Number.isFinite(rescale.slope) || !Number.isFinite(rescale.intercept)))
        return null;
    const stored = storedView(bytes, format);
    if (stored.length === 0)
        return null;
    // The library's sign extension, (v << (32 − Bits Stored)) >> (32 − Bits Stored): nothing to do at 16 bits stored.
    const shift = pixelRepresentation === 1 && bitsStored < 16 ? 32 - bitsStored : 0;
    const bounds = storedValueBounds(format);
    if (options.targetType !== undefined) {
        const type = TARGET_ARRAY_TYPES[options.targetType];
        if (type === undefined)
            return null;
        // The library keeps the target type only when it is the smallest type of the rescaled range; otherwise it
        // rescales in that smallest type first (rare: a slice all of one narrow range), which is left to it. Known before
        // the pass when the pass is to write over the bytes (a read of samples already in memory), so that a frame left to
        // the library is left as it was.
        const keepsType = (range) => rescale === null || pixelArrayTypeFor(rescale.slope * range.min + rescale.intercept, rescale.slope * range.max + rescale.intercept) === type;
        const overwrite = options.overwriteBytes === true;
        if (overwrite && !keepsType(storedRange(stored, shift)))
            return null;
        const pixels = pixelArray(type, stored, overwrite);
        const { min, max } = writeValues(stored, shift, pixels, rescale, holdsRange(type, bounds));
        if (rescale === null)
            return { pixels, smallestPixelValue: min, largestPixelValue: max, rescaled: false };
        if (!keepsType({ min, max }))
            return null;
        return { pixels, smallestPixelValue: rescale.slope * min + rescale.intercept, largestPixelValue: rescale.slope * max + rescale.intercept, rescaled: true };
    }
    // A stack image: the type depends on the range, so the range is read first (two passes, where the library makes
    // four).
    const { min, max } = storedRange(stored, shift);
    const smallest = rescale === null ? min : rescale.slope * min + rescale.intercept;
    const largest = rescale === null ? max : rescale.slope * max + rescale.intercept;
    const type = pixelArrayTypeFor(smallest, largest);
    const pixels = pixelArray(type, stored, options.overwriteBytes === true);
    writeValues(stored, shift, pixels, rescale, holdsRange(type, bounds));
    return { pixels, smallestPixelValue: smallest, largestPixelValue: largest, rescaled: rescale !== null };
}
