/** The RLE header: the segment count and 15 segment offsets, 32-bit little endian (PS3.5 G.5). */
const RLE_HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;
/**
 * One RLE frame of greyscale samples (PS3.5 Annex G): one segment per byte of a sample, the most significant byte's
 * first, each a PackBits run sequence (G.3.1: n in 0…127 copies the next n + 1 bytes, n in −127…−1 repeats the next
 * byte 1 − n times, −128 is nothing). A segment ends at the next one's offset or the frame's end; bytes a segment
 * does not give stay 0, and bytes beyond the frame are dropped, as cornerstone 5.14's decodeRLE.js does. The samples
 * are typed as that decoder types them: 8-bit unsigned, 16-bit signed or not as Pixel Representation says. Throws on
 * a header that does not fit the frame.
 */
export function rleSamples(bytes, format) {
    const bytesPerSample = format.bitsAllocated / 8;
    if (bytesPerSample !== 1 && bytesPerSample !== 2)
        throw new Error(`${format.bitsAllocated}-bit samples`);
    if (bytes.length < RLE_HEADER_BYTES)
        throw new Error('no RLE header');
    const header = new DataView(bytes.buffer, bytes.byteOffset, RLE_HEADER_BYTES);
    const segmentCount = header.getUint32(0, true);
    if (segmentCount !== bytesPerSample || segmentCount > MAX_SEGMENTS)
        throw new Error(`${segmentCount} RLE segments for ${format.bitsAllocated}-bit samples`);
    const pixelCount = format.rows * format.columns;
    const out = new Uint8Array(pixelCount * bytesPerSample);
    for (let segment = 0; segment < segmentCount; segment++) {
        const start = header.getUint32(4 * (segment + 1), true);
        const next = segment + 1 < segmentCount ? header.getUint32(4 * (segment + 2), true) : 0;
        const end = next === 0 ? bytes.length : Math.min(next, bytes.length);
        if (start < RLE_HEADER_BYTES || start > bytes.length)
            throw new Error('an RLE segment outside the frame');
        // Little-endian samples: the most significant byte (segment 0) goes last in each sample.
        const byteInSample = bytesPerSample - 1 - segment;
        unpackSegment(bytes, start, end, out, byteInSample, bytesPerSample, pixelCount);
    }
    if (bytesPerSample === 1)
        return out;
    return format.pixelRepresentation === 1 ? new Int16Array(out.buffer) : new Uint16Array(out.buffer);
}
/** PackBits-decodes bytes[start, end) into every `stride`-th byte of `out` from `offset`, at most `count` of them. */
function unpackSegment(bytes, start, end, out, offset, stride, count) {
    let written = 0;
    let i = start;
    while (i < end && written < count) {
        const header = bytes[i++] << 24 >> 24;
        if (header >= 0) {
            for (let k = 0; k <= header && written < count && i < end; k++)
                out[offset + stride * written++] = bytes[i++];
        }
        else if (header !== -128) {
            const value = bytes[i++];
            for (let k = 0; k <= -header && written < count; k++)
                out[offset + stride * written++] = value;
        }
    }
}
export async function rleDecoder() {
    return rleSamples;
}
