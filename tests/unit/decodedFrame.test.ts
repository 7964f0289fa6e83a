import { describe, expect, it } from 'vitest';
import { decodedFrameProblem, type DecodedFrame, type RequestedFrame } from '../../viewer/loading/decodedFrame';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const RLE = '1.2.840.10008.1.2.5';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_2000 = '1.2.840.10008.1.2.4.90';
const HTJ2K = '1.2.840.10008.1.2.4.201';

/** A 400×400 JPEG 2000 colour frame (the shape of pydicom's GDCMJ2K_TextGBR.dcm). */
const j2kColour400: RequestedFrame = {
  transferSyntaxUID: JPEG_2000,
  rows: 400,
  columns: 400,
  samplesPerPixel: 3,
  photometricInterpretation: 'YBR_RCT',
  scaledTo: null,
  reducedResolution: false,
};
/** A 512×512 grey CT slice in explicit little endian. */
const nativeCt512: RequestedFrame = { ...j2kColour400, transferSyntaxUID: EXPLICIT_LE, rows: 512, columns: 512, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2' };

const decoded = (rows: number | null, columns: number | null, sampleCount: number): DecodedFrame => ({ rows, columns, sampleCount });

describe('decodedFrameProblem', () => {
  it.each<[string, RequestedFrame, DecodedFrame]>([
    ['a JPEG 2000 colour frame of the header size with 3 samples per pixel', j2kColour400, decoded(400, 400, 400 * 400 * 3)],
    ['a JPEG 2000 colour frame handed back as RGBA', j2kColour400, decoded(400, 400, 400 * 400 * 4)],
    ['a grey JPEG 2000 frame', { ...j2kColour400, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2' }, decoded(400, 400, 400 * 400)],
    ['a native CT slice', nativeCt512, decoded(512, 512, 512 * 512)],
    ['a native CT slice whose decoder reports no size', nativeCt512, decoded(null, null, 512 * 512)],
    ['a native frame with one padding sample more', nativeCt512, decoded(512, 512, 512 * 512 + 1)],
    ['a native YBR_FULL_422 frame still subsampled', { ...nativeCt512, samplesPerPixel: 3, photometricInterpretation: 'YBR_FULL_422' }, decoded(512, 512, 512 * 512 * 2)],
    ['a frame scaled to the size the loader asked for', { ...j2kColour400, scaledTo: { rows: 200, columns: 200 } }, decoded(200, 200, 200 * 200 * 3)],
    ['a reduced-resolution HTJ2K decode', { ...j2kColour400, transferSyntaxUID: HTJ2K, reducedResolution: true }, decoded(100, 100, 100 * 100 * 3)],
  ])('accepts %s', (_name, requested, frame) => {
    expect(decodedFrameProblem(requested, frame)).toBeNull();
  });

  it.each<[string, RequestedFrame, DecodedFrame, RegExp]>([
    ['a 512×512 frame handed back for a 400×400 JPEG 2000 header', j2kColour400, decoded(512, 512, 512 * 512), /compressed image is 512×512 pixels, but the file's header says 400×400/],
    ['a JPEG frame wider than its header', { ...j2kColour400, transferSyntaxUID: JPEG_BASELINE }, decoded(400, 401, 400 * 401 * 3), /401×400 pixels/],
    ['a colour header over a one-sample codestream', j2kColour400, decoded(400, 400, 400 * 400), /160000 samples for 400×400 pixels \(1 per pixel\), where a colour image needs 3 or 4/],
    ['a grey header over a three-sample codestream', { ...j2kColour400, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2' }, decoded(400, 400, 400 * 400 * 3), /3 per pixel\), where a grey image needs 1/],
    ['a short native frame', nativeCt512, decoded(512, 512, 1000), /1000 samples for 512×512 pixels/],
    ['a short RLE colour frame', { ...nativeCt512, transferSyntaxUID: RLE, samplesPerPixel: 3, photometricInterpretation: 'RGB' }, decoded(512, 512, 512 * 512 * 2), /2 per pixel\), where a colour image needs 3 or 4/],
    ['a frame without pixels', { ...nativeCt512, rows: 0 }, decoded(null, null, 0), /no pixels \(512×0\)/],
  ])('refuses %s', (_name, requested, frame, message) => {
    expect(decodedFrameProblem(requested, frame)).toMatch(message);
  });
});
