import { jpeg2000EndProblem, OPENJPEG_TRANSFER_SYNTAXES } from './jpeg2000End';
const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
/** Implicit and explicit little endian, explicit big endian and deflated explicit little endian: native pixel data. */
const NATIVE_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99']);
/** PS3.5 G.4: an RLE frame holds 1 to 15 segments. */
const RLE_MAX_SEGMENTS = 15;
/** PS3.5 G.5: the RLE header is 16 unsigned 32-bit little-endian values. */
const RLE_HEADER_BYTES = 64;
const JPEG_FAMILY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81']);
const JPEG_2000_FAMILY = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203']);
/**
 * Checks the RLE header of every frame (PS3.5 Annex G): 1–15 segments, offsets ascending inside the fragment.
 * A broken header would otherwise send the decoder into an endless loop.
 */
function rleHeaderProblem(ds, element) {
    for (const fragment of element.fragments ?? []) {
        const start = ds.byteArray.byteOffset + fragment.position;
        if (fragment.length < RLE_HEADER_BYTES || fragment.position + RLE_HEADER_BYTES > ds.byteArray.length) {
            return 'an RLE frame is shorter than its 64-byte header';
        }
        const view = new DataView(ds.byteArray.buffer, start, RLE_HEADER_BYTES);
        const segments = view.getUint32(0, true);
        if (segments < 1 || segments > RLE_MAX_SEGMENTS)
            return `an RLE frame claims ${segments} segments (1 to ${RLE_MAX_SEGMENTS} are possible)`;
        let previous = RLE_HEADER_BYTES - 1;
        for (let i = 1; i <= segments; i++) {
            const offset = view.getUint32(i * 4, true);
            if (offset <= previous || offset >= fragment.length)
                return 'an RLE frame header points outside its data';
            previous = offset;
        }
    }
    return null;
}
/**
 * The first compressed frame must begin with its format's marker: JPEG and JPEG-LS with SOI (FFD8), JPEG 2000 with
 * SOC (FF4F) or a JP2 signature box. Without one the decoders may fail silently or hand back a stale image.
 */
function codestreamProblem(ds, element, transferSyntaxUID) {
    const first = element.fragments?.find((f) => f.length > 0);
    if (!first)
        return 'the compressed pixel data holds no fragments';
    const b = ds.byteArray.subarray(first.position, first.position + 12);
    if (JPEG_FAMILY.has(transferSyntaxUID) && !(b[0] === 0xff && b[1] === 0xd8)) {
        return 'the JPEG data does not start with a JPEG start-of-image marker';
    }
    const jp2Signature = b[4] === 0x6a && b[5] === 0x50 && b[6] === 0x20 && b[7] === 0x20;
    // ISO 15444-1 A.5.1: SIZ immediately follows SOC. openjpeg, given a codestream without it, hands back the previous
    // frame it decoded instead of failing, so this is refused before any decoder sees it.
    const rawCodestream = b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51;
    if (JPEG_2000_FAMILY.has(transferSyntaxUID) && !rawCodestream && !jp2Signature) {
        return 'the JPEG 2000 data does not start with a codestream header (SOC and SIZ markers)';
    }
    return null;
}
/**
 * Whether a JPEG 2000 frame is cut short (see jpeg2000End.ts). With one fragment per frame each fragment is checked;
 * otherwise only the last non-empty fragment is known to end a codestream.
 */
function jpeg2000FramesProblem(ds, element, numberOfFrames) {
    const fragments = element.fragments ?? [];
    const ends = fragments.length === numberOfFrames ? fragments : fragments.filter((f) => f.length > 0).slice(-1);
    for (const [index, fragment] of ends.entries()) {
        const problem = jpeg2000EndProblem(ds.byteArray.subarray(fragment.position, fragment.position + fragment.length));
        if (problem)
            return ends.length > 1 ? `frame ${index + 1}: ${problem}` : problem;
    }
    return null;
}
/** Bytes the uncompressed pixel data must hold; null when the attributes to compute it are missing. */
function expectedNativePixelBytes(ds, rows, columns, frames) {
    const bitsAllocated = ds.uint16('x00280100');
    const samples = ds.uint16('x00280002') ?? 1;
    if (!bitsAllocated || !rows || !columns)
        return null;
    // YBR_FULL_422 subsamples chroma: two samples per pixel on average (PS3.3 C.7.6.3.1.2).
    const samplesPerPixel = samples === 3 && (ds.string('x00280004') ?? '').trim() === 'YBR_FULL_422' ? 2 : samples;
    return Math.ceil((rows * columns * samplesPerPixel * frames * bitsAllocated) / 8);
}
/**
 * Whether the pixel data element holds what its header promises: compressed frames with a valid header and marker,
 * native data with as many bytes as Rows × Columns × samples × frames × bits need. Null when it does.
 */
export function pixelDataProblem(ds, element, { transferSyntaxUID, rows, columns, numberOfFrames }) {
    // PS3.5 A.4: compressed transfer syntaxes (and encapsulated uncompressed) carry their pixels encapsulated, the native
    // ones never do; a mismatch would hand raw pixels to a decompressor (or fragments to the native reader).
    const nativeSyntax = NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUID);
    if (nativeSyntax === Boolean(element.encapsulatedPixelData)) {
        return nativeSyntax
            ? `the pixel data is encapsulated (compressed fragments), but the transfer syntax ${transferSyntaxUID} says it is not`
            : `the transfer syntax ${transferSyntaxUID} says the pixel data is compressed, but it is stored uncompressed`;
    }
    if (element.encapsulatedPixelData) {
        // PS3.5 A.4: a fragment holds data of one frame only, and a Basic Offset Table, when present, one offset per frame.
        const fragments = element.fragments?.length ?? 0;
        if (fragments < numberOfFrames) {
            return `the compressed pixel data holds ${fragments} fragment(s), fewer than its ${numberOfFrames} frames: frames are missing`;
        }
        const offsets = element.basicOffsetTable?.length ?? 0;
        if (offsets > 0 && offsets !== numberOfFrames) {
            return `the compressed pixel data's offset table lists ${offsets} frame(s), not the ${numberOfFrames} the file declares`;
        }
        const rle = transferSyntaxUID === RLE_LOSSLESS ? rleHeaderProblem(ds, element) : null;
        if (rle)
            return `the RLE-compressed pixel data is corrupt: ${rle}`;
        const codestream = codestreamProblem(ds, element, transferSyntaxUID)
            ?? (OPENJPEG_TRANSFER_SYNTAXES.has(transferSyntaxUID) ? jpeg2000FramesProblem(ds, element, numberOfFrames) : null);
        return codestream ? `the compressed pixel data is corrupt: ${codestream}` : null;
    }
    const expected = expectedNativePixelBytes(ds, rows, columns, numberOfFrames);
    const available = Math.min(element.length, ds.byteArray.length - element.dataOffset);
    if (expected !== null && available < expected) {
        return `the file is truncated: pixel data holds ${available} bytes, ${expected} are needed for ${numberOfFrames} frame(s) of ${columns}×${rows}`;
    }
    return null;
}
