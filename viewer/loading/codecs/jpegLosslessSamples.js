import { Decoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
/**
 * JPEG lossless, process 14 (PS3.5 A.4.1), with the JavaScript decoder cornerstone 5.14 uses (dicom-image-loader
 * decodeJPEGLossless.js): 16-bit samples for Bits Allocated 16, typed by Pixel Representation; 8-bit unsigned
 * otherwise (the library reads 8-bit signed ones as 16-bit words: left to it).
 */
export async function jpegLosslessDecoder() {
    return (bytes, format) => {
        if (format.pixelRepresentation === 1 && format.bitsAllocated !== 16)
            throw new Error('8-bit signed samples');
        const decoded = new Decoder().decode(bytes.buffer, bytes.byteOffset, bytes.length, format.bitsAllocated <= 8 ? 1 : 2);
        const copy = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength).slice();
        let samples;
        if (format.bitsAllocated === 16)
            samples = format.pixelRepresentation === 1 ? new Int16Array(copy.buffer) : new Uint16Array(copy.buffer);
        else
            samples = copy;
        if (samples.length !== format.rows * format.columns)
            throw new Error(`${samples.length} samples for ${format.columns}×${format.rows} pixels`);
        return samples;
    };
}
