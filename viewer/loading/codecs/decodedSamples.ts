import type { CodedFrameFormat, DecodedSamples } from '../compressedFrame';

/** What the Emscripten codecs (openjpeg, openjph, charls) report of a decoded frame. */
export interface CodecFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned: boolean;
}

/** Emscripten's module options the codecs are created with: where their WebAssembly is, and quiet logs. */
export function codecModuleOptions(wasmUrl: string): { locateFile: (file: string) => string; print: (text: string) => void } {
  return { locateFile: (file) => (file.endsWith('.wasm') ? wasmUrl : file), print: () => undefined };
}

/**
 * A codec's decoded buffer (a view into its WebAssembly memory) copied out as the array type cornerstone 5.14 gives it
 * (dicom-image-loader `getPixelData`): 16-bit when the codestream has more than 8 bits per sample, 8-bit otherwise,
 * signed when `signed` says (the codestream's own flag, or Pixel Representation where the library passes that).
 * Throws when the frame is not one sample per pixel of the size the DICOM attributes give.
 */
export function copiedSamples(info: CodecFrameInfo, decoded: Uint8Array, format: CodedFrameFormat, signed: boolean): DecodedSamples {
  if (info.componentCount !== 1) throw new Error(`${info.componentCount} components per pixel`);
  if (info.width !== format.columns || info.height !== format.rows) throw new Error(`a ${info.width}×${info.height} frame for ${format.columns}×${format.rows} pixels`);
  const bytes = decoded.slice();
  if (info.bitsPerSample > 8) {
    const words = bytes.byteLength / 2;
    return signed ? new Int16Array(bytes.buffer, 0, words) : new Uint16Array(bytes.buffer, 0, words);
  }
  return signed ? new Int8Array(bytes.buffer) : bytes;
}
