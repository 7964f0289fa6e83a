// The parts of cornerstone's Emscripten codec builds (CommonJS, no types of their own) that the entry's codecs use.

interface EmscriptenCodecOptions {
  locateFile?: (file: string) => string;
  print?: (text: string) => void;
  /** Emscripten's hook to instantiate the module's WebAssembly itself: `receive` it, return {} (exports come later). */
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
}

interface EmscriptenFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** A decoder object of an Embind class: its buffers are views into the module's memory, freed by `delete`. */
interface EmscriptenFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): EmscriptenFrameInfo;
  delete(): void;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options: EmscriptenCodecOptions) => Promise<{ J2KDecoder: new () => EmscriptenFrameDecoder & { decode(): void } }>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: (options: EmscriptenCodecOptions) => Promise<{ HTJ2KDecoder: new () => EmscriptenFrameDecoder & { decodeSubResolution(level: number): void } }>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options: EmscriptenCodecOptions) => Promise<{ JpegLSDecoder: new () => EmscriptenFrameDecoder & { decode(): void } }>;
  export default factory;
}

// Where Vite puts each codec's WebAssembly file (declared here too for the programs without vite/client's types).
declare module '@cornerstonejs/codec-openjpeg/decodewasm?url' {
  const url: string;
  export default url;
}

declare module '@cornerstonejs/codec-openjph/wasm?url' {
  const url: string;
  export default url;
}

declare module '@cornerstonejs/codec-charls/decodewasm?url' {
  const url: string;
  export default url;
}
