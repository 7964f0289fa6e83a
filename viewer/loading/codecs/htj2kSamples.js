import openJphFactory from '@cornerstonejs/codec-openjph/wasmjs';
import openJphWasmUrl from '@cornerstonejs/codec-openjph/wasm?url';
import { copiedSamples, createCodec } from './decodedSamples';
/**
 * High-Throughput JPEG 2000 (PS3.5 A.4.13) with OpenJPH, the build cornerstone 5.14 decodes it with
 * (dicom-image-loader decodeHTJ2K.js), at full resolution: the samples are signed as the codestream says.
 */
export async function htj2kDecoder(wasm) {
    const codec = await createCodec(openJphFactory, openJphWasmUrl, wasm);
    return (bytes, format) => {
        const decoder = new codec.HTJ2KDecoder();
        try {
            decoder.getEncodedBuffer(bytes.length).set(bytes);
            decoder.decodeSubResolution(0);
            const info = decoder.getFrameInfo();
            return copiedSamples(info, decoder.getDecodedBuffer(), format, info.isSigned);
        }
        finally {
            decoder.delete();
        }
    };
}
