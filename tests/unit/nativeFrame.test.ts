import { describe, expect, it } from 'vitest';
import { decodeNativeFrame, pixelArrayTypeFor, type NativeFrameFormat, type NativeFrameOptions } from '../../viewer/loading/nativeFrame';
// dicom-image-loader 5.14's own worker code (what createImage runs in its decode worker and the viewer ran on the page).
import { decodeImageFrame as libraryDecodeImageFrame } from '../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const ROWS = 16;
const COLUMNS = 24;

type Rescale = NativeFrameOptions['rescale'];

/** Deterministic stored samples: the format's extremes and its sign and overlay bits first, then pseudo-random words. */
function frameBytes(bitsAllocated: 8 | 16, seed: number, byteOffset = 0): Uint8Array {
  const count = ROWS * COLUMNS;
  const bytesPerSample = bitsAllocated / 8;
  const buffer = new ArrayBuffer(count * bytesPerSample + byteOffset);
  const bytes = new Uint8Array(buffer, byteOffset, count * bytesPerSample);
  const view = new DataView(buffer, byteOffset);
  const edges = bitsAllocated === 8 ? [0, 1, 127, 128, 255] : [0, 1, 0x07ff, 0x0800, 0x0fff, 0x1000, 0x7fff, 0x8000, 0xf800, 0xffff];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const word = i < edges.length ? (edges[i] as number) : state >>> 16;
    if (bitsAllocated === 8) view.setUint8(i, word & 0xff);
    else view.setUint16(i * 2, word, true);
  }
  return bytes;
}

/** A CT slice's stored values: air to dense bone, −1000…+2000 HU stored as HU + 1024 (or as HU when signed). */
function ctFrameBytes(signed: boolean, seed: number): Uint8Array {
  const bytes = new Uint8Array(ROWS * COLUMNS * 2);
  const view = new DataView(bytes.buffer);
  let state = seed;
  for (let i = 0; i < ROWS * COLUMNS; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const hu = i === 0 ? -1000 : i === 1 ? 2000 : -1000 + ((state >>> 16) % 3001);
    if (signed) view.setInt16(i * 2, hu, true);
    else view.setUint16(i * 2, hu + 1024, true);
  }
  return bytes;
}

/** The library's pixels for the same frame: its decode on a copy, then createImageFromFrame's last step (the type). */
async function libraryPixels(bytes: Uint8Array, format: NativeFrameFormat, options: NativeFrameOptions, allowFloatRendering = true) {
  const imageFrame = { ...format, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', pixelData: undefined as unknown };
  const preScale = options.rescale === null && allowFloatRendering
    ? { enabled: false }
    : { enabled: true, scalingParameters: { rescaleSlope: options.rescale?.slope ?? 1, rescaleIntercept: options.rescale?.intercept ?? 0, modality: 'CT' } };
  const decoded = await libraryDecodeImageFrame(imageFrame, EXPLICIT_VR_LITTLE_ENDIAN, bytes.slice(), {}, {
    allowFloatRendering,
    preScale,
    ...(options.targetType === undefined ? {} : { targetBuffer: { type: options.targetType, rows: options.targetRows } }),
  }, undefined) as { pixelData: ArrayLike<number> & { constructor: unknown }; smallestPixelValue: number; largestPixelValue: number; preScale?: { scaled?: boolean } };
  const TARGETS: Record<string, new (values: ArrayLike<number>) => ArrayLike<number>> = { Uint8Array, Uint16Array, Int16Array, Float32Array, Uint32Array };
  const finalType = (options.targetType === undefined ? undefined : TARGETS[options.targetType]) ?? (pixelArrayTypeFor(decoded.smallestPixelValue, decoded.largestPixelValue) as unknown as new (values: ArrayLike<number>) => ArrayLike<number>);
  const pixels = decoded.pixelData.constructor === finalType ? decoded.pixelData : new finalType(decoded.pixelData);
  return { pixels, smallest: decoded.smallestPixelValue, largest: decoded.largestPixelValue, rescaled: decoded.preScale?.scaled === true };
}

const FORMATS: ReadonlyArray<[string, NativeFrameFormat]> = [
  ['8-bit unsigned', { rows: ROWS, columns: COLUMNS, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0 }],
  ['16-bit unsigned, 16 stored', { rows: ROWS, columns: COLUMNS, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 0 }],
  ['16-bit unsigned, 12 stored (overlay bits above left as they are)', { rows: ROWS, columns: COLUMNS, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0 }],
  ['16-bit signed, 16 stored', { rows: ROWS, columns: COLUMNS, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1 }],
  ['16-bit signed, 12 stored (sign-extended)', { rows: ROWS, columns: COLUMNS, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 }],
  ['16-bit signed, 1 stored', { rows: ROWS, columns: COLUMNS, bitsAllocated: 16, bitsStored: 1, pixelRepresentation: 1 }],
];
const TARGETS: ReadonlyArray<string | undefined> = [undefined, 'Int16Array', 'Uint16Array', 'Float32Array', 'Uint8Array', 'Uint32Array'];
const RESCALES: ReadonlyArray<Rescale> = [
  null,
  { slope: 1, intercept: -1024 },
  { slope: 1, intercept: 0 },
  { slope: 2, intercept: 3 },
  { slope: 0.5, intercept: -10.25 },
  { slope: -1, intercept: 100 },
];

const cases = FORMATS.flatMap(([label, format]) => TARGETS.flatMap((targetType) => RESCALES.map((rescale) => [label, targetType ?? 'no target', rescale, format] as const)));

describe('decodeNativeFrame', () => {
  it.each(cases)('gives the library\'s pixels for %s into %s with rescale %j, or leaves the frame to it', async (_label, targetName, rescale, format) => {
    const options: NativeFrameOptions = { ...(targetName === 'no target' ? {} : { targetType: targetName }), rescale };
    for (const byteOffset of [0, 1]) {
      const bytes = frameBytes(format.bitsAllocated as 8 | 16, 7 + byteOffset, byteOffset);
      const before = bytes.slice();
      const ours = decodeNativeFrame(bytes, format, options);
      expect(bytes, 'the frame\'s bytes are never written').toEqual(before);
      if (ours === null) continue;
      const library = await libraryPixels(bytes, format, options);
      expect(ours.pixels.constructor.name).toBe(library.pixels.constructor.name);
      expect(Array.from(ours.pixels)).toEqual(Array.from(library.pixels));
      expect([ours.smallestPixelValue, ours.largestPixelValue, ours.rescaled]).toEqual([library.smallest, library.largest, library.rescaled]);
    }
  });

  it.each(cases)('with the bytes given up, gives the same for %s into %s with rescale %j, written over the bytes when the array has the samples\' size', (_label, targetName, rescale, format) => {
    const options: NativeFrameOptions = { ...(targetName === 'no target' ? {} : { targetType: targetName }), rescale };
    for (const byteOffset of [0, 1, 2]) {
      const bytes = frameBytes(format.bitsAllocated as 8 | 16, 13 + byteOffset, byteOffset);
      const before = bytes.slice();
      const copied = decodeNativeFrame(bytes.slice(), format, options);
      const ours = decodeNativeFrame(bytes, format, { ...options, overwriteBytes: true });
      expect(ours === null, 'left to the library exactly when the copying pass leaves it').toBe(copied === null);
      if (ours === null || copied === null) {
        expect(bytes, 'a frame left to the library is left as it was').toEqual(before);
        continue;
      }
      expect(ours.pixels.constructor.name).toBe(copied.pixels.constructor.name);
      expect(Array.from(ours.pixels)).toEqual(Array.from(copied.pixels));
      expect([ours.smallestPixelValue, ours.largestPixelValue, ours.rescaled]).toEqual([copied.smallestPixelValue, copied.largestPixelValue, copied.rescaled]);
      // A 16-bit frame at an odd address is copied to be read (storedView), and its copy written over instead.
      const aligned = format.bitsAllocated === 8 || byteOffset % 2 === 0;
      const sameSize = ours.pixels.BYTES_PER_ELEMENT === format.bitsAllocated / 8;
      expect(ours.pixels.buffer === bytes.buffer, 'written over the bytes').toBe(aligned && sameSize);
      if (ours.pixels.buffer === bytes.buffer) expect(ours.pixels.byteOffset).toBe(bytes.byteOffset);
      else expect(bytes, 'a new array leaves the bytes as they were').toEqual(before);
    }
  });

  // The frames a spine series is made of take the one pass, not the library's fallback.
  it.each([
    ['a CT volume slice (signed 16 bits, intercept −1024, Int16 volume)', FORMATS[3]![1], 'Int16Array', { slope: 1, intercept: -1024 }],
    ['a CT volume slice (signed, 12 bits stored, Int16 volume)', FORMATS[4]![1], 'Int16Array', { slope: 1, intercept: -1024 }],
    ['a CT volume slice (unsigned, intercept −1024, Int16 volume)', FORMATS[1]![1], 'Int16Array', { slope: 1, intercept: -1024 }],
    ['an MR volume slice (unsigned, no rescale, Uint16 volume)', FORMATS[1]![1], 'Uint16Array', null],
    ['an MR volume slice with a fractional rescale (Float32 volume)', FORMATS[1]![1], 'Float32Array', { slope: 0.5, intercept: -10.25 }],
    ['a CT stack image (no target)', FORMATS[3]![1], undefined, { slope: 1, intercept: -1024 }],
  ] as const)('takes the one pass for %s', async (_label, format, targetType, rescale) => {
    const options: NativeFrameOptions = { ...(targetType === undefined ? {} : { targetType }), rescale };
    const bytes = ctFrameBytes(format.pixelRepresentation === 1, 11);
    const ours = decodeNativeFrame(bytes, format, options);
    expect(ours).not.toBeNull();
    const library = await libraryPixels(bytes, format, options);
    expect(Array.from(ours!.pixels)).toEqual(Array.from(library.pixels));
  });

  it('leaves to the library what it does differently: 8-bit signed frames, resampled frames, a narrower rescaled range', () => {
    const bytes8 = frameBytes(8, 3);
    expect(decodeNativeFrame(bytes8, { rows: ROWS, columns: COLUMNS, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 1 }, { rescale: null })).toBeNull();
    const bytes16 = frameBytes(16, 3);
    expect(decodeNativeFrame(bytes16, FORMATS[3]![1], { targetType: 'Int16Array', targetRows: ROWS * 2, rescale: null })).toBeNull();
    expect(decodeNativeFrame(bytes16, { ...FORMATS[3]![1], bitsStored: 17 }, { rescale: null })).toBeNull();
    // A slice whose rescaled values all fit a Uint8Array in an Int16 volume: the library rescales in a Uint8Array first.
    const flat = new Uint8Array(ROWS * COLUMNS * 2).fill(0);
    expect(decodeNativeFrame(flat, FORMATS[3]![1], { targetType: 'Int16Array', rescale: { slope: 1, intercept: 0 } })).toBeNull();
  });

  it('matches the library when the page cannot render floats and a fractional rescale is switched off', async () => {
    const format = FORMATS[3]![1];
    const bytes = frameBytes(16, 5);
    const ours = decodeNativeFrame(bytes, format, { targetType: 'Int16Array', rescale: null });
    const library = await libraryPixels(bytes, format, { targetType: 'Int16Array', rescale: { slope: 0.5, intercept: -10.25 } }, false);
    expect(Array.from(ours!.pixels)).toEqual(Array.from(library.pixels));
    expect(ours!.rescaled).toBe(library.rescaled);
  });
});
