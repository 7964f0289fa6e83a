import openJpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import openJpegWasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import type { SampleDecoder } from '../compressedFrame';
import { codecModuleOptions, copiedSamples } from './decodedSamples';

/**
 * JPEG 2000 (PS3.5 A.4.4) with OpenJPEG, the build cornerstone 5.14 decodes it with (dicom-image-loader
 * decodeJPEG2000.js): the samples are signed as the codestream says.
 */
export async function jpeg2000Decoder(): Promise<SampleDecoder> {
  const codec = await openJpegFactory(codecModuleOptions(openJpegWasmUrl));
  return (bytes, format) => {
    const decoder = new codec.J2KDecoder();
    try {
      decoder.getEncodedBuffer(bytes.length).set(bytes);
      decoder.decode();
      const info = decoder.getFrameInfo();
      return copiedSamples(info, decoder.getDecodedBuffer(), format, info.isSigned);
    } finally {
      decoder.delete();
    }
  };
}
