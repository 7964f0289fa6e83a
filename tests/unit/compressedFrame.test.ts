import { describe, expect, it } from 'vitest';
import { imagePixelsOfSamples, hasEntryCodec, type DecodedSamples } from '../../viewer/loading/compressedFrame';
import { rleSamples } from '../../viewer/loading/codecs/rleSamples';
import { pixelArrayTypeFor } from '../../viewer/loading/nativeFrame';
// dicom-image-loader 5.14's own worker code: what cornerstone's decode worker runs on every compressed frame.
import { decodeImageFrame as libraryDecodeImageFrame, postProcessDecodedPixels } from '../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js';

const ROWS = 24;
const COLUMNS = 20;
const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

type Rescale = { slope: number; intercept: number } | null;
interface LibraryResult { pixelData: ArrayLike<number> & { constructor: unknown }; smallestPixelValue: number; largestPixelValue: number; preScale?: { scaled?: boolean } }

function preScaleOf(rescale: Rescale) {
  return rescale === null ? { enabled: false } : { enabled: true, scalingParameters: { rescaleSlope: rescale.slope, rescaleIntercept: rescale.intercept, modality: 'CT' } };
}

/** createImageFromFrame's last step: a stack image's pixels in the smallest type of their range. */
function asImage(decoded: LibraryResult) {
  const finalType = pixelArrayTypeFor(decoded.smallestPixelValue, decoded.largestPixelValue) as unknown as new (values: ArrayLike<number>) => ArrayLike<number>;
  const pixels = decoded.pixelData.constructor === finalType ? decoded.pixelData : new finalType(decoded.pixelData);
  return { pixels: Array.from(pixels), type: (pixels.constructor as { name: string }).name, smallest: decoded.smallestPixelValue, largest: decoded.largestPixelValue, rescaled: decoded.preScale?.scaled === true };
}

function ours(samples: DecodedSamples, format: { bitsStored: number; pixelRepresentation: number }, rescale: Rescale) {
  const decoded = imagePixelsOfSamples(samples, { rows: ROWS, columns: COLUMNS, ...format }, rescale);
  if (decoded === null) return null;
  return { pixels: Array.from(decoded.pixels), type: decoded.pixels.constructor.name, smallest: decoded.smallestPixelValue, largest: decoded.largestPixelValue, rescaled: decoded.rescaled };
}

/** Samples of a CT slice as a codec gives them: `make(i)` is sample i's value before it is stored in the array. */
function samplesOf(type: new (length: number) => DecodedSamples, make: (i: number) => number): DecodedSamples {
  const samples = new type(ROWS * COLUMNS);
  let state = 7;
  for (let i = 0; i < samples.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    samples[i] = make(i === 0 ? 0 : i === 1 ? 65_535 : state >>> 16);
  }
  return samples;
}

const SAMPLE_CASES: ReadonlyArray<[string, () => DecodedSamples, { bitsStored: number; pixelRepresentation: number }]> = [
  ['signed 16-bit samples of a signed 16-bit slice (JPEG 2000 of CT)', () => samplesOf(Int16Array, (r) => (r % 4096) - 2048), { bitsStored: 16, pixelRepresentation: 1 }],
  ['signed 16-bit samples, 12 bits stored (sign-extended again)', () => samplesOf(Int16Array, (r) => (r % 4096) - 2048), { bitsStored: 12, pixelRepresentation: 1 }],
  ['unsigned 16-bit samples of a slice that says it is signed, 12 stored (the extension wraps in the samples\' type)', () => samplesOf(Uint16Array, (r) => r % 4096), { bitsStored: 12, pixelRepresentation: 1 }],
  ['unsigned 16-bit samples of an unsigned slice', () => samplesOf(Uint16Array, (r) => r % 3072), { bitsStored: 12, pixelRepresentation: 0 }],
  ['signed 16-bit samples of a slice that says it is unsigned (the codestream decides)', () => samplesOf(Int16Array, (r) => (r % 4096) - 2048), { bitsStored: 16, pixelRepresentation: 0 }],
  ['8-bit unsigned samples', () => samplesOf(Uint8Array, (r) => r % 256), { bitsStored: 8, pixelRepresentation: 0 }],
];
const RESCALES: ReadonlyArray<Rescale> = [null, { slope: 1, intercept: -1024 }, { slope: 2, intercept: 3 }, { slope: 1, intercept: 0 }];

describe('imagePixelsOfSamples', () => {
  for (const [name, make, format] of SAMPLE_CASES) {
    it.each(RESCALES.map((rescale) => [JSON.stringify(rescale), rescale] as const))(`makes cornerstone's pixels of ${name}, rescale %s`, (_, rescale) => {
      const samples = make();
      const before = Array.from(samples);
      const library = postProcessDecodedPixels(
        { rows: ROWS, columns: COLUMNS, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', bitsAllocated: samples.BYTES_PER_ELEMENT * 8, ...format, pixelData: samples.slice() },
        { preScale: preScaleOf(rescale) },
        0,
        {},
      ) as LibraryResult;
      expect(ours(samples, format, rescale)).toEqual(asImage(library));
      expect(Array.from(samples), 'the samples are left as they were').toEqual(before);
    });
  }

  it('leaves 8-bit signed samples to the library, and samples that are not one per pixel', () => {
    expect(imagePixelsOfSamples(new Int8Array(ROWS * COLUMNS), { rows: ROWS, columns: COLUMNS, bitsStored: 8, pixelRepresentation: 1 }, null)).toBeNull();
    expect(imagePixelsOfSamples(new Int16Array(ROWS * COLUMNS - 1), { rows: ROWS, columns: COLUMNS, bitsStored: 16, pixelRepresentation: 1 }, null)).toBeNull();
  });
});

describe('hasEntryCodec', () => {
  it.each(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203', '3.2.840.10008.1.2.4.96'])('has one for %s', (uid) => {
    expect(hasEntryCodec(uid)).toBe(true);
  });

  it.each(['1.2.840.10008.1.2.1', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.110', '1.2.840.10008.1.2.8.1', 'toString', ''])('has none for %s', (uid) => {
    expect(hasEntryCodec(uid)).toBe(false);
  });
});

/** PackBits runs of `bytes` (PS3.5 G.3.1): repeats of 3 or more as a replicate run, the rest as literal runs. */
function packBits(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let run = 1;
    while (i + run < bytes.length && run < 128 && bytes[i + run] === bytes[i]) run++;
    if (run >= 3) {
      out.push(1 - run + 256, bytes[i]!);
      i += run;
      continue;
    }
    const start = i;
    while (i < bytes.length && i - start < 128 && !(i + 2 < bytes.length && bytes[i] === bytes[i + 1] && bytes[i] === bytes[i + 2])) i++;
    out.push(i - start - 1, ...bytes.subarray(start, i));
  }
  // A no-op byte (−128) at the end, as some encoders pad with, and the even length of a fragment.
  out.push(128);
  if (out.length % 2 === 1) out.push(0);
  return out;
}

/** An RLE frame (PS3.5 G.5) of little-endian samples: one segment per byte of a sample, most significant first. */
function rleFrame(samples: Uint8Array | Uint16Array | Int16Array): Uint8Array {
  const bytesPerSample = samples.BYTES_PER_ELEMENT;
  const raw = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const segments: number[][] = [];
  for (let s = 0; s < bytesPerSample; s++) {
    const plane = new Uint8Array(samples.length);
    for (let i = 0; i < samples.length; i++) plane[i] = raw[i * bytesPerSample + (bytesPerSample - 1 - s)]!;
    segments.push(packBits(plane));
  }
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, s) => {
    header.setUint32(4 * (s + 1), offset, true);
    offset += segment.length;
  });
  const frame = new Uint8Array(offset);
  frame.set(new Uint8Array(header.buffer), 0);
  let at = 64;
  for (const segment of segments) {
    frame.set(segment, at);
    at += segment.length;
  }
  return frame;
}

describe('rleSamples', () => {
  const RLE_CASES: ReadonlyArray<[string, () => Uint8Array | Uint16Array | Int16Array, { bitsAllocated: number; bitsStored: number; pixelRepresentation: number }, Rescale]> = [
    ['a signed 16-bit CT slice', () => samplesOf(Int16Array, (r) => (r % 5 === 0 ? -1000 : (r % 3001) - 1000)) as Int16Array, { bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1 }, { slope: 1, intercept: 0 }],
    ['an unsigned 16-bit CT slice, 12 stored, long runs of air', () => samplesOf(Uint16Array, (r) => (r % 2 === 0 ? 24 : r % 4096)) as Uint16Array, { bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0 }, { slope: 1, intercept: -1024 }],
    ['a signed 16-bit slice, 12 stored', () => samplesOf(Int16Array, (r) => (r % 4096) - 2048) as Int16Array, { bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 }, null],
    ['an 8-bit slice', () => samplesOf(Uint8Array, (r) => (r % 3 === 0 ? 0 : r % 256)) as Uint8Array, { bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0 }, null],
  ];

  it.each(RLE_CASES)('decodes %s to cornerstone\'s pixels, bit for bit', async (_, make, format, rescale) => {
    const samples = make();
    const frame = rleFrame(samples);
    const decoded = rleSamples(frame, { rows: ROWS, columns: COLUMNS, ...format });
    expect(Array.from(decoded)).toEqual(Array.from(samples));
    const library = await libraryDecodeImageFrame(
      { rows: ROWS, columns: COLUMNS, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0, ...format },
      RLE_LOSSLESS, frame.slice(), {}, { preScale: preScaleOf(rescale) }, undefined,
    ) as LibraryResult;
    expect(ours(decoded, format, rescale)).toEqual(asImage(library));
  });

  it('refuses a frame whose segments do not match its sample size, and one shorter than its header', () => {
    const eightBit = rleFrame(samplesOf(Uint8Array, (r) => r % 256) as Uint8Array);
    expect(() => rleSamples(eightBit, { rows: ROWS, columns: COLUMNS, bitsAllocated: 16, pixelRepresentation: 0 })).toThrow(/segments/);
    expect(() => rleSamples(eightBit.subarray(0, 40), { rows: ROWS, columns: COLUMNS, bitsAllocated: 8, pixelRepresentation: 0 })).toThrow(/header/);
  });
});
