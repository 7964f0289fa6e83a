import { decodeNativeFrame } from './nativeFrame';
import openJpegWasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openJphWasmUrl from '@cornerstonejs/codec-openjph/wasm?url';
import charlsWasmUrl from '@cornerstonejs/codec-charls/decodewasm?url';
const openjpeg = { wasmUrl: openJpegWasmUrl, load: (wasm) => import('./codecs/jpeg2000Samples').then((codec) => codec.jpeg2000Decoder(wasm)) };
const openjph = { wasmUrl: openJphWasmUrl, load: (wasm) => import('./codecs/htj2kSamples').then((codec) => codec.htj2kDecoder(wasm)) };
const charls = { wasmUrl: charlsWasmUrl, load: (wasm) => import('./codecs/jpeglsSamples').then((codec) => codec.jpeglsDecoder(wasm)) };
const jpegLossless = { wasmUrl: null, load: () => import('./codecs/jpegLosslessSamples').then((codec) => codec.jpegLosslessDecoder()) };
const rle = { wasmUrl: null, load: () => import('./codecs/rleSamples').then((codec) => codec.rleDecoder()) };
/**
 * The compressed transfer syntaxes the entry chunk decodes, each with the codec cornerstone 5.14 decodes it with
 * (dicom-image-loader decodeImageFrameWorker.js). Left to the viewer's own path: JPEG baseline and extended (lossy
 * 8/12-bit, usually colour), JPEG-XL, deflate, big endian.
 */
const ENTRY_CODECS = {
    '1.2.840.10008.1.2.4.90': openjpeg, // JPEG 2000 lossless
    '1.2.840.10008.1.2.4.91': openjpeg, // JPEG 2000
    '3.2.840.10008.1.2.4.96': openjph, // HTJ2K (the provisional UID)
    '1.2.840.10008.1.2.4.201': openjph, // HTJ2K lossless
    '1.2.840.10008.1.2.4.202': openjph, // HTJ2K lossless RPCL
    '1.2.840.10008.1.2.4.203': openjph, // HTJ2K
    '1.2.840.10008.1.2.4.80': charls, // JPEG-LS lossless
    '1.2.840.10008.1.2.4.81': charls, // JPEG-LS near-lossless
    '1.2.840.10008.1.2.4.57': jpegLossless, // JPEG lossless, process 14
    '1.2.840.10008.1.2.4.70': jpegLossless, // JPEG lossless, process 14, selection value 1
    '1.2.840.10008.1.2.5': rle, // RLE lossless
};
/** Downloads and compiles a codec's WebAssembly (streaming when the server says application/wasm); null on failure. */
async function compiledWasm(url) {
    try {
        const response = await fetch(url);
        if (!response.ok)
            return null;
        if ((response.headers.get('Content-Type') ?? '').startsWith('application/wasm'))
            return await WebAssembly.compileStreaming(response);
        return await WebAssembly.compile(await response.arrayBuffer());
    }
    catch {
        return null;
    }
}
const loading = new Map();
/** Whether the entry chunk has a codec for frames of this transfer syntax. */
export function hasEntryCodec(transferSyntaxUID) {
    return Object.hasOwn(ENTRY_CODECS, transferSyntaxUID);
}
/**
 * The codec for frames of `transferSyntaxUID`, its download and compilation started on the first call (its script and
 * its WebAssembly side by side) and shared by every later one; null when the entry has none for that syntax.
 */
export function loadEntryCodec(transferSyntaxUID) {
    const entry = Object.hasOwn(ENTRY_CODECS, transferSyntaxUID) ? ENTRY_CODECS[transferSyntaxUID] : undefined;
    if (entry === undefined)
        return null;
    let codec = loading.get(entry);
    if (codec === undefined) {
        codec = entry.load(entry.wasmUrl === null ? Promise.resolve(null) : compiledWasm(entry.wasmUrl));
        // A failed load is answered as such to whoever asks (the first image then waits for the viewer's code).
        codec.catch(() => undefined);
        loading.set(entry, codec);
    }
    return codec;
}
/**
 * The image pixels cornerstone 5.14 makes of a codec's samples (decodeImageFrameWorker.js `postProcessDecodedPixels`
 * for a stack image): a sign extension from Bits Stored when Pixel Representation is 1, written back into the samples'
 * own array type (so it wraps there as the library's does), then the range, the array type of the range and the
 * modality rescale as for a native frame of that array type (loading/nativeFrame.ts). Null when the samples are not
 * one per pixel, or the outcome is one nativeFrame.ts leaves to the library (8-bit signed samples among them).
 * Never writes into `samples`.
 */
export function imagePixelsOfSamples(samples, format, rescale) {
    if (samples.length !== format.rows * format.columns || samples.length === 0)
        return null;
    let values = samples;
    if (format.pixelRepresentation === 1) {
        const shift = 32 - format.bitsStored;
        values = samples.slice();
        for (let i = 0; i < values.length; i++)
            values[i] = (values[i] << shift) >> shift;
    }
    const bitsAllocated = values.BYTES_PER_ELEMENT * 8;
    const signed = values instanceof Int16Array || values instanceof Int8Array;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    return decodeNativeFrame(bytes, { rows: format.rows, columns: format.columns, bitsAllocated, bitsStored: bitsAllocated, pixelRepresentation: signed ? 1 : 0 }, { rescale });
}
