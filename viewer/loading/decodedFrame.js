/**
 * Transfer syntaxes whose decoder takes the image size from the compressed codestream (JPEG, JPEG-LS, JPEG 2000,
 * HTJ2K, JPEG XL), not from Rows and Columns: what they hand back must be checked against the header.
 */
const CODESTREAM_SIZED_SYNTAXES = new Set([
    '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55',
    '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81',
    '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202',
    '1.2.840.10008.1.2.4.203', '3.2.840.10008.1.2.4.96', '1.2.840.10008.1.2.4.110', '1.2.840.10008.1.2.4.111',
    '1.2.840.10008.1.2.4.112',
]);
/** Samples per pixel a decoded colour frame may hold: 3 (RGB or YBR) or 4 (RGBA). */
const COLOUR_SAMPLES_PER_PIXEL = [3, 4];
/** Chroma-subsampled colour (YBR_FULL_422, PS3.3 C.7.6.3.1.2) may come back still subsampled: 2 samples per pixel. */
const SUBSAMPLED_COLOUR_SAMPLES_PER_PIXEL = [2, 3, 4];
/**
 * Why a decoded frame cannot be the frame that was asked for; null when it can. A codestream decoder that hands back
 * another size than the header's (a corrupt or mislabelled codestream, or a decoder left in a bad state by an earlier
 * file) would otherwise make cornerstone throw where nothing catches it, and the image would never finish loading.
 * Uncompressed and RLE decoders size their output from the header, so only a short frame is a problem there.
 */
export function decodedFrameProblem(requested, decoded) {
    const codestreamSized = CODESTREAM_SIZED_SYNTAXES.has(requested.transferSyntaxUID);
    const expected = requested.scaledTo ?? { rows: requested.rows, columns: requested.columns };
    const rows = decoded.rows ?? expected.rows;
    const columns = decoded.columns ?? expected.columns;
    if (codestreamSized && !requested.reducedResolution && (rows !== expected.rows || columns !== expected.columns)) {
        return `the compressed image is ${columns}×${rows} pixels, but the file's header says ${expected.columns}×${expected.rows}`;
    }
    const pixels = rows * columns;
    const colour = requested.samplesPerPixel > 1;
    const subsampled = /_42[02]$/.test(requested.photometricInterpretation.trim());
    const allowed = !colour ? [1] : subsampled ? SUBSAMPLED_COLOUR_SAMPLES_PER_PIXEL : COLOUR_SAMPLES_PER_PIXEL;
    if (pixels <= 0)
        return `the decoded image has no pixels (${columns}×${rows})`;
    const fits = codestreamSized
        ? allowed.some((samples) => decoded.sampleCount === pixels * samples)
        : decoded.sampleCount >= pixels * Math.min(...allowed);
    if (!fits) {
        const perPixel = decoded.sampleCount / pixels;
        return `the decoder returned ${decoded.sampleCount} samples for ${columns}×${rows} pixels (${Number.isInteger(perPixel) ? perPixel : perPixel.toFixed(2)} per pixel), where ${colour ? 'a colour' : 'a grey'} image needs ${allowed.join(' or ')}`;
    }
    return null;
}
