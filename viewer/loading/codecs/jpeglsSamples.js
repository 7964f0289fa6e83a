import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import charlsWasmUrl from '@cornerstonejs/codec-charls/decodewasm?url';
import { copiedSamples, createCodec } from './decodedSamples';
/**
 * JPEG-LS lossless and near-lossless (PS3.5 A.4.3) with CharLS, the build cornerstone 5.14 decodes it with
 * (dicom-image-loader decodeJPEGLS.js): the samples are signed as Pixel Representation says (JPEG-LS has no sign).
 */
export async function jpeglsDecoder(wasm) {
    const codec = await createCodec(charlsFactory, charlsWasmUrl, wasm);
    return (bytes, format) => {
        const decoder = new codec.JpegLSDecoder();
        try {
            decoder.getEncodedBuffer(bytes.length).set(bytes);
            decoder.decode();
            return copiedSamples(decoder.getFrameInfo(), decoder.getDecodedBuffer(), format, format.pixelRepresentation === 1);
        }
        finally {
            decoder.delete();
        }
    };
}
