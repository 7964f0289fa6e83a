import { createRequire } from 'node:module';

/** The parts of @cornerstonejs/codec-charls's (full, encoder-carrying) WebAssembly build used here. */
interface CharlsFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}
interface CharlsModule {
  JpegLSEncoder: new () => {
    getDecodedBuffer(frameInfo: CharlsFrameInfo): Uint8Array;
    setNearLossless(nearLossless: number): void;
    encode(): void;
    getEncodedBuffer(): Uint8Array;
    delete(): void;
  };
  JpegLSDecoder: new () => {
    getEncodedBuffer(length: number): Uint8Array;
    decode(): void;
    getDecodedBuffer(): Uint8Array;
    getNearLossless(): number;
    delete(): void;
  };
}

/** JPEG-LS Lossless Image Compression, PS3.5 §A.4.3 (NEAR = 0). */
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
/** JPEG-LS NEAR parameter for lossless coding (ISO/IEC 14495-1 §A.2: NEAR = 0 reconstructs every sample exactly). */
const LOSSLESS_NEAR = 0;

/** Encodes 16-bit frames as JPEG-LS lossless codestreams with CharLS in node. */
export interface JpeglsLosslessCodec {
  /** The frame's 16-bit words as stored (two's complement for signed data), one component. */
  encode(pixels: Int16Array | Uint16Array, columns: number, rows: number): Uint8Array;
  /** Decodes a codestream back to its bytes, to prove the round trip bit-exact. */
  decode(codestream: Uint8Array): Uint8Array;
}

/**
 * CharLS's WebAssembly build, as dicom-image-loader decodes with it. Signed samples are coded as their 16-bit words
 * (JPEG-LS knows no sign; PS3.5 §8.2.3 keeps the two's complement bit pattern), as PACS encoders do.
 */
export async function createJpeglsLosslessCodec(): Promise<JpeglsLosslessCodec> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-charls/wasmjs') as (module: { print: (text: string) => void; printErr: (text: string) => void }) => Promise<CharlsModule>;
  const charls = await factory({ print: () => undefined, printErr: () => undefined });
  return {
    encode(pixels, columns, rows) {
      const encoder = new charls.JpegLSEncoder();
      try {
        const input = encoder.getDecodedBuffer({ width: columns, height: rows, bitsPerSample: 16, componentCount: 1 });
        input.set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
        encoder.setNearLossless(LOSSLESS_NEAR);
        encoder.encode();
        return encoder.getEncodedBuffer().slice();
      } finally {
        encoder.delete();
      }
    },
    decode(codestream) {
      const decoder = new charls.JpegLSDecoder();
      try {
        decoder.getEncodedBuffer(codestream.length).set(codestream);
        decoder.decode();
        if (decoder.getNearLossless() !== LOSSLESS_NEAR) throw new Error(`JPEG-LS codestream is near-lossless (NEAR ${decoder.getNearLossless()}), not lossless`);
        return decoder.getDecodedBuffer().slice();
      } finally {
        decoder.delete();
      }
    },
  };
}
