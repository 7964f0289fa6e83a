import type { CodedFrameFormat, CompiledWasm, DecodedSamples } from '../compressedFrame';

/** What the Emscripten codecs (openjpeg, openjph, charls) report of a decoded frame. */
export interface CodecFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned: boolean;
}

/** What an Emscripten module is created with here: where its WebAssembly is, or the module compiled already. */
interface EmscriptenOptions {
  locateFile: (file: string) => string;
  print: (text: string) => void;
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
}

/**
 * Creates an Emscripten codec (its logs quiet) from the WebAssembly compiled ahead (`wasm`), or, when that could not
 * be had, from its file at `wasmUrl` as the codec's own loader fetches it. Rejects when it cannot be instantiated.
 */
export async function createCodec<T>(factory: (options: EmscriptenOptions) => Promise<T>, wasmUrl: string, wasm: CompiledWasm): Promise<T> {
  const compiled = await wasm;
  const options: EmscriptenOptions = { locateFile: (file) => (file.endsWith('.wasm') ? wasmUrl : file), print: () => undefined };
  if (compiled === null) return factory(options);
  let failed: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  options.instantiateWasm = (imports, receive) => {
    WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), failed);
    return {};
  };
  return Promise.race([factory(options), failure]);
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
