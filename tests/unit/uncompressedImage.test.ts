import { metaData } from '@cornerstonejs/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// cornerstone asks a WebGL context whether float textures render; node has none. A page with float textures (the
// viewer's Chromium) is the case the volumes take.
vi.mock('@cornerstonejs/core', async (importOriginal) => ({ ...await importOriginal<typeof import('@cornerstonejs/core')>(), canRenderFloatTextures: () => true }));
const { createImageFromFrame } = await import('../../viewer/cornerstone/uncompressedImage');
// dicom-image-loader 5.14's own worker code, which the viewer ran on every native frame before the one pass.
import { decodeImageFrame as libraryDecodeImageFrame } from '../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const ROWS = 8;
const COLUMNS = 8;
/** Where the frame starts in its "file": past a header, as a local file's frame is read in place (fileFrameView.ts). */
const PIXEL_DATA_OFFSET = 132;

/** A CT image whose pixels are signed, 12 of 16 bits stored (common on CT scanners: values −2048…2047). */
const pixelModules: Record<string, Record<string, Record<string, unknown>>> = {};
function defineImage(imageId: string, pixel: { bitsStored: number; pixelRepresentation: number }, rescale: { slope: number; intercept: number }): void {
  pixelModules[imageId] = {
    imagePixelModule: { samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', rows: ROWS, columns: COLUMNS, bitsAllocated: 16, ...pixel },
    modalityLutModule: { rescaleSlope: rescale.slope, rescaleIntercept: rescale.intercept },
    generalSeriesModule: { modality: 'CT' },
  };
}
const provider = (type: string, query: unknown): unknown => (typeof query === 'string' ? pixelModules[query]?.[type] : undefined);

/** A "file": a header of PIXEL_DATA_OFFSET bytes, then the frame's 12-bit two's complement values (sign bit at 11). */
function fileWithFrame(values: readonly number[]): { file: Uint8Array; frame: Uint8Array } {
  const file = new Uint8Array(PIXEL_DATA_OFFSET + ROWS * COLUMNS * 2).fill(0x44, 0, PIXEL_DATA_OFFSET);
  const view = new DataView(file.buffer, PIXEL_DATA_OFFSET);
  for (let i = 0; i < ROWS * COLUMNS; i++) view.setUint16(i * 2, (values[i % values.length] as number) & 0x0fff, true);
  return { file, frame: new Uint8Array(file.buffer, PIXEL_DATA_OFFSET, ROWS * COLUMNS * 2) };
}

beforeAll(() => metaData.addProvider(provider, 50_000));
afterAll(() => metaData.removeProvider(provider));

describe('createImageFromFrame on a native frame read in place in its file', () => {
  it.each([
    ['a CT slice of a volume (Int16), −1024…2047 stored', 'ct:volume', [-1024, -1000, -5, 0, 40, 700, 2047], 'Int16Array', { slope: 1, intercept: 0 }],
    ['a CT slice of a volume (Int16), rescaled', 'ct:rescaled', [-1024, -1000, -5, 0, 40, 700, 2047], 'Int16Array', { slope: 1, intercept: -1 }],
    ['a CT stack image (no target)', 'ct:stack', [-1024, -1000, -5, 0, 40, 700, 2047], undefined, { slope: 1, intercept: -1 }],
    // All of −5…−1 rescaled: an Int8 range in an Int16 volume, which the page leaves to the library.
    ['a narrow slice left to the library', 'ct:narrow', [-5, -4, -3, -2, -1], 'Int16Array', { slope: 1, intercept: 1 }],
  ] as const)('gives the library\'s voxels for %s and leaves the file\'s bytes as they were', async (_label, imageId, values, targetType, rescale) => {
    defineImage(imageId, { bitsStored: 12, pixelRepresentation: 1 }, rescale);
    const { file, frame } = fileWithFrame(values);
    const fileBefore = file.slice();
    const options = targetType === undefined ? {} : { targetBuffer: { type: targetType, rows: ROWS, columns: COLUMNS } };
    const image = await createImageFromFrame(imageId, frame, EXPLICIT_VR_LITTLE_ENDIAN, options as Parameters<typeof createImageFromFrame>[3]);

    // The file keeps its bytes for the next decode of this frame (a stack view, a thumbnail, the cache's eviction).
    expect(file).toEqual(fileBefore);
    // Sign-extended from 12 bits and rescaled, as the library's own decode of a copy makes it.
    const library = await libraryDecodeImageFrame(
      { ...(pixelModules[imageId]!.imagePixelModule as object), pixelData: undefined },
      EXPLICIT_VR_LITTLE_ENDIAN,
      frame.slice(),
      {},
      { ...options, allowFloatRendering: true, preScale: { enabled: true, scalingParameters: { rescaleSlope: rescale.slope, rescaleIntercept: rescale.intercept, modality: 'CT' } } },
      undefined,
    ) as { pixelData: ArrayLike<number>; smallestPixelValue: number; largestPixelValue: number };
    const pixels = image.getPixelData();
    if (targetType !== undefined) expect(pixels.constructor.name).toBe(targetType);
    expect(Array.from(pixels)).toEqual(Array.from(library.pixelData));
    expect([image.minPixelValue, image.maxPixelValue]).toEqual([library.smallestPixelValue, library.largestPixelValue]);
    expect(Array.from(pixels).slice(0, values.length)).toEqual(values.map((v) => Math.trunc(v * rescale.slope + rescale.intercept)));
  });
});
