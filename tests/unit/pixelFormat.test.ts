import { describe, expect, it } from 'vitest';
import { pixelFormatProblem, type PixelFormat } from '../../viewer/loading/pixelFormat';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const RLE = '1.2.840.10008.1.2.5';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
const JPEG_2000 = '1.2.840.10008.1.2.4.90';

/** A 16-bit signed CT slice in explicit little endian, the most common image there is. */
const ctSlice: PixelFormat = {
  transferSyntaxUID: EXPLICIT_LE,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 1,
  planarConfiguration: null,
  pixelDataElement: 'integer',
  hasPaletteDescriptors: false,
};

const rgb: Partial<PixelFormat> = { samplesPerPixel: 3, photometricInterpretation: 'RGB', bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0, planarConfiguration: 0 };

describe('pixelFormatProblem', () => {
  it.each<[string, Partial<PixelFormat>]>([
    ['a 16-bit CT slice', {}],
    ['a 12-bit JPEG lossless CT (12 bits stored in 16)', { transferSyntaxUID: JPEG_LOSSLESS_SV1, bitsStored: 12, highBit: 11 }],
    ['a 12-bit JPEG 2000 CT', { transferSyntaxUID: JPEG_2000, bitsStored: 12, highBit: 11, pixelRepresentation: 0 }],
    ['an 8-bit JPEG baseline RGB photo', { ...rgb, transferSyntaxUID: JPEG_BASELINE, photometricInterpretation: 'YBR_FULL_422' }],
    ['a 1-bit native image', { bitsAllocated: 1, bitsStored: 1, highBit: 0, pixelRepresentation: 0 }],
    ['a 32-bit float image (Float Pixel Data)', { bitsAllocated: 32, bitsStored: null, highBit: null, pixelRepresentation: null, pixelDataElement: 'float' }],
    ['a 32-bit integer dose grid', { bitsAllocated: 32, bitsStored: 32, highBit: 31, pixelRepresentation: 0 }],
    ['an RGB image by plane', { ...rgb, planarConfiguration: 1 }],
    ['a 16-bit big endian MR', { transferSyntaxUID: BIG_ENDIAN }],
    ['an RLE 8-bit MONOCHROME1 radiograph', { transferSyntaxUID: RLE, photometricInterpretation: 'MONOCHROME1', bitsAllocated: 8, bitsStored: 8, highBit: 7 }],
    ['a palette colour image with its descriptors', { photometricInterpretation: 'PALETTE COLOR', hasPaletteDescriptors: true, bitsAllocated: 8, bitsStored: 8, highBit: 7 }],
    ['an image without Photometric Interpretation (shown as grey)', { photometricInterpretation: '' }],
  ])('accepts %s', (_name, change) => {
    expect(pixelFormatProblem({ ...ctSlice, ...change })).toBeNull();
  });

  it.each<[string, Partial<PixelFormat>, RegExp]>([
    ['Bits Allocated 7 on native data', { bitsAllocated: 7, bitsStored: 7, highBit: 6 }, /Bits Allocated \(0028,0100\) is 7/],
    ['Bits Allocated 12 on native data', { bitsAllocated: 12, bitsStored: 12, highBit: 11 }, /Bits Allocated \(0028,0100\) is 12: uncompressed little endian/],
    ['Bits Allocated 64', { bitsAllocated: 64 }, /is 64/],
    ['Bits Allocated 32 on big endian data', { transferSyntaxUID: BIG_ENDIAN, bitsAllocated: 32, bitsStored: 32, highBit: 31 }, /big endian pixel data can be displayed with 8 or 16/],
    ['Bits Allocated 32 in RLE', { transferSyntaxUID: RLE, bitsAllocated: 32, bitsStored: 32, highBit: 31 }, /RLE pixel data can be displayed with 1, 8 or 16/],
    ['Bits Allocated 16 in JPEG baseline', { transferSyntaxUID: JPEG_BASELINE }, /JPEG baseline pixel data can be displayed with 8 bits only/],
    ['Samples per Pixel 0', { samplesPerPixel: 0 }, /Samples per Pixel \(0028,0002\) is 0/],
    ['Samples per Pixel 2', { samplesPerPixel: 2 }, /is 2: only 1/],
    ['Samples per Pixel 4', { samplesPerPixel: 4, photometricInterpretation: 'ARGB' }, /is 4/],
    ['no Samples per Pixel', { samplesPerPixel: null }, /Samples per Pixel \(0028,0002\) is missing/],
    ['no Bits Allocated', { bitsAllocated: null }, /Bits Allocated \(0028,0100\) is missing/],
    ['RGB with one sample', { photometricInterpretation: 'RGB' }, /"RGB" does not fit one sample/],
    ['MONOCHROME2 with three samples', { ...rgb, photometricInterpretation: 'MONOCHROME2' }, /"MONOCHROME2" cannot be displayed for three samples/],
    ['a 1-bit colour image', { ...rgb, bitsAllocated: 1, bitsStored: 1, highBit: 0 }, /colour image with Bits Allocated 1/],
    ['Bits Stored above Bits Allocated', { bitsStored: 17, highBit: 16 }, /Bits Stored \(0028,0101\) is 17/],
    ['Bits Stored 0', { bitsStored: 0, highBit: null }, /Bits Stored \(0028,0101\) is 0/],
    ['a High Bit that is not Bits Stored − 1', { bitsStored: 12, highBit: 15 }, /High Bit \(0028,0102\) is 15 with Bits Stored 12/],
    ['Pixel Representation 2', { pixelRepresentation: 2 }, /Pixel Representation \(0028,0103\) is 2/],
    ['Planar Configuration 2', { ...rgb, planarConfiguration: 2 }, /Planar Configuration \(0028,0006\) is 2/],
    ['a palette image without descriptors', { photometricInterpretation: 'PALETTE COLOR' }, /palette lookup table descriptors/],
    ['Double Float Pixel Data', { bitsAllocated: 64, pixelDataElement: 'double' }, /64-bit floating point/],
    ['Float Pixel Data with 16 bits', { pixelDataElement: 'float' }, /Float Pixel Data with Bits Allocated 16/],
    ['an unknown transfer syntax', { transferSyntaxUID: '1.2.840.10008.1.2.4.100' }, /transfer syntax 1\.2\.840\.10008\.1\.2\.4\.100, which the viewer cannot decode/],
    ['no transfer syntax', { transferSyntaxUID: '' }, /no Transfer Syntax UID/],
  ])('names %s', (_name, change, message) => {
    expect(pixelFormatProblem({ ...ctSlice, ...change })).toMatch(message);
  });
});
