import { describe, expect, it } from 'vitest';
import { chooseVolumeTexels, promisedValueRange, type ImagePixelPromise } from '../../viewer/cornerstone/volumeTexels';

/** The project's phantom CT: stored = HU + 1024 on 12 bits (sample-data/series/ctAxial.ts). */
const phantomCt: ImagePixelPromise = { bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: -1024 };
/** The peer benchmark's CT: signed 16-bit HU, no stated range (tests/bench/peer/syntheticCt.ts). */
const signed16Ct: ImagePixelPromise = { bitsStored: 16, pixelRepresentation: 1, rescaleSlope: 1, rescaleIntercept: 0 };
/** A CT stating its stored range, all within ±2048 HU after the rescale. */
const statedNarrowCt: ImagePixelPromise = { ...phantomCt, smallestPixelValue: 0, largestPixelValue: 3000 };
/** A CT with metal, stated: up to 3071 HU. */
const statedMetalCt: ImagePixelPromise = { ...phantomCt, smallestPixelValue: 0, largestPixelValue: 4095 };
/** An 8-bit image (a radiograph or an 8-bit MR). */
const eightBit: ImagePixelPromise = { bitsStored: 8, pixelRepresentation: 0 };
/** A 12-bit MR without rescale: 0 … 4095. */
const mr12: ImagePixelPromise = { bitsStored: 12, pixelRepresentation: 0 };
/** An 11-bit unsigned image without rescale: 0 … 2047. */
const unsigned11: ImagePixelPromise = { bitsStored: 11, pixelRepresentation: 0 };

describe('promisedValueRange', () => {
  it.each([
    ['the phantom CT (12 bits, intercept −1024)', phantomCt, [-1024, 3071]],
    ['a signed 16-bit CT', signed16Ct, [-32768, 32767]],
    ['a CT stating its smallest and largest stored value', statedNarrowCt, [-1024, 1976]],
    ['an 11-bit unsigned image', unsigned11, [0, 2047]],
    ['a negative slope', { bitsStored: 8, pixelRepresentation: 0, rescaleSlope: -1, rescaleIntercept: 100 }, [-155, 100]],
  ] as const)('bounds %s to %j', (_label, image, range) => {
    expect(promisedValueRange(image)).toEqual(range);
  });

  it.each([
    ['no Bits Stored', { pixelRepresentation: 0 }],
    ['no Pixel Representation', { bitsStored: 12 }],
    ['a fractional slope', { ...phantomCt, rescaleSlope: 0.5 }],
    ['a fractional intercept', { ...phantomCt, rescaleIntercept: -1024.5 }],
    ['a Modality LUT Sequence', { ...phantomCt, hasModalityLutSequence: true }],
  ] as const)('promises nothing for an image with %s', (_label, image) => {
    expect(promisedValueRange(image)).toBeNull();
  });
});

describe('chooseVolumeTexels', () => {
  it.each([
    ['an 11-bit unsigned volume', 'Uint16Array', [unsigned11, unsigned11], { texels: 'half-float', basis: 'promised' }],
    ['a CT stating a range within ±2048 HU', 'Int16Array', [statedNarrowCt, statedNarrowCt], { texels: 'half-float', basis: 'promised' }],
    ['the phantom CT (values up to 3071 allowed, not stated)', 'Int16Array', [phantomCt], { texels: 'half-float', basis: 'checked-per-slice' }],
    ['the peer benchmark CT', 'Int16Array', [signed16Ct, signed16Ct], { texels: 'half-float', basis: 'checked-per-slice' }],
    ['a 12-bit MR', 'Uint16Array', [mr12], { texels: 'half-float', basis: 'checked-per-slice' }],
    ['a series one of whose slices promises less', 'Int16Array', [statedNarrowCt, phantomCt], { texels: 'half-float', basis: 'checked-per-slice' }],
    ['a CT stating metal up to 3071 HU on one slice', 'Int16Array', [statedNarrowCt, statedMetalCt], { texels: 'float32', basis: 'stated-range-too-wide' }],
    ['a volume of 32-bit floats (fractional rescale)', 'Float32Array', [phantomCt], { texels: 'float32', basis: 'not-16-bit-integers' }],
    ['an 8-bit volume (8-bit texels already)', 'Uint8Array', [eightBit], { texels: 'float32', basis: 'not-16-bit-integers' }],
    ['a volume without images', 'Int16Array', [], { texels: 'float32', basis: 'not-16-bit-integers' }],
  ] as const)('gives %s (%s) %j', (_label, dataType, images, expected) => {
    expect(chooseVolumeTexels({ dataType, numberOfComponents: 1, images })).toEqual(expected);
  });

  it('keeps 32-bit texels for a colour volume', () => {
    expect(chooseVolumeTexels({ dataType: 'Uint16Array', numberOfComponents: 3, images: [unsigned11] })).toEqual({ texels: 'float32', basis: 'not-16-bit-integers' });
  });
});
