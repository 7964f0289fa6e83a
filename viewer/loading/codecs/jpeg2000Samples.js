import openJpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import openJpegWasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import { copiedSamples, createCodec } from './decodedSamples';
/**
 * JPEG 2000 (PS3.5 A.4.4) with OpenJPEG, the build cornerstone 5.14 decodes it with (dicom-image-loader
 * decodeJPEG2000.js): the samples are signed as the codestream says.
 */
export async function jpeg2000Decoder(wasm) {
    const codec = await createCodec(openJpegFactory, openJpegWasmUrl, wasm);
    return (bytes, format) => {
        const decoder = new codec.J2KDecoder();
        try {
            decoder.getEncodedBuffer(bytes.length).set(bytes);
            decoder.decode();
            const info = decoder.getFrameInfo();
            return copiedSamples(info, decoder.getDecodedBuffer(), format, info.isSigned);
        }
        finally {
            decoder.delete();
        }
    };
}
