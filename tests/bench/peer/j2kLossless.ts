import { createRequire } from 'node:module';

/** The parts of @cornerstonejs/codec-openjpeg's (full, encoder-carrying) WebAssembly build used here. */
interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}
interface OpenJpegModule {
  J2KEncoder: new () => {
    getDecodedBuffer(frameInfo: FrameInfo): Uint8Array;
    setQuality(lossless: boolean, quality: number): void;
    setDecompositions(levels: number): void;
    encode(): void;
    getEncodedBuffer(): Uint8Array;
    delete(): void;
  };
  J2KDecoder: new () => {
    getEncodedBuffer(length: number): Uint8Array;
    decode(): void;
    getDecodedBuffer(): Uint8Array;
    delete(): void;
  };
}

/** Encodes 16-bit frames as JPEG 2000 lossless (reversible 5/3 wavelet) codestreams with OpenJPEG in node. */
export interface J2kLosslessCodec {
  encode(pixels: Int16Array, columns: number, rows: number): Uint8Array;
  /** Decodes a codestream back to its bytes, to prove the round trip bit-exact. */
  decode(codestream: Uint8Array): Uint8Array;
}

/** OpenJPEG's default number of wavelet decompositions (5), as most PACS encoders use. */
const DECOMPOSITION_LEVELS = 5;

export async function createJ2kLosslessCodec(): Promise<J2kLosslessCodec> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-openjpeg/wasmjs') as (module: { print: (text: string) => void; printErr: (text: string) => void }) => Promise<OpenJpegModule>;
  // Emscripten's print hooks: OpenJPEG logs three [INFO] lines per decoded frame otherwise.
  const openjpeg = await factory({ print: () => undefined, printErr: () => undefined });
  return {
    encode(pixels, columns, rows) {
      const encoder = new openjpeg.J2KEncoder();
      try {
        const input = encoder.getDecodedBuffer({ width: columns, height: rows, bitsPerSample: 16, componentCount: 1, isSigned: true });
        input.set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
        encoder.setQuality(true, 0);
        encoder.setDecompositions(DECOMPOSITION_LEVELS);
        encoder.encode();
        return encoder.getEncodedBuffer().slice();
      } finally {
        encoder.delete();
      }
    },
    decode(codestream) {
      const decoder = new openjpeg.J2KDecoder();
      try {
        decoder.getEncodedBuffer(codestream.length).set(codestream);
        decoder.decode();
        return decoder.getDecodedBuffer().slice();
      } finally {
        decoder.delete();
      }
    },
  };
}
