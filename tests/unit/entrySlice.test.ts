import { describe, expect, it } from 'vitest';
import { entryGreyscaleSlice } from '../../viewer/loading/entrySlice';
import { openingRange } from '../../viewer/cornerstone/earlySliceCanvas';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const JPEG2000_LOSSLESS = '1.2.840.10008.1.2.4.90';

/** DICOM JSON of an axial CT slice (PS3.18 F.2), with `changes` on top: a tag with null removes it. */
function ctSlice(changes: Record<string, unknown[] | null> = {}): Record<string, { vr: string; Value?: unknown[] }> {
  const attributes: Record<string, [string, unknown[]]> = {
    '00080060': ['CS', ['CT']],
    '00200032': ['DS', [-120, -130, 42.5]],
    '00200037': ['DS', [1, 0, 0, 0, 1, 0]],
    '00280002': ['US', [1]],
    '00280004': ['CS', ['MONOCHROME2']],
    '00280010': ['US', [512]],
    '00280011': ['US', [480]],
    '00280030': ['DS', [0.6, 0.7]],
    '00280100': ['US', [16]],
    '00280101': ['US', [12]],
    '00280103': ['US', [1]],
    '00281050': ['DS', [40, 400]],
    '00281051': ['DS', [350, 1500]],
    '00281052': ['DS', [-1024]],
    '00281053': ['DS', [1]],
  };
  const json: Record<string, { vr: string; Value?: unknown[] }> = {};
  for (const [tag, [vr, value]] of Object.entries(attributes)) json[tag] = { vr, Value: value };
  for (const [tag, value] of Object.entries(changes)) {
    if (value === null) delete json[tag];
    else json[tag] = { vr: json[tag]?.vr ?? 'SQ', Value: value };
  }
  return json;
}

describe('entryGreyscaleSlice', () => {
  it('reads a native CT slice: format, rescale, the first stored window and its geometry', () => {
    const read = entryGreyscaleSlice(ctSlice(), EXPLICIT_LE);
    expect(read).toEqual({
      ok: true,
      value: {
        native: true,
        format: { rows: 512, columns: 480, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 },
        rescale: { slope: 1, intercept: -1024 },
        storedWindow: { center: 40, width: 350 },
        rowDirection: [1, 0, 0],
        columnDirection: [0, 1, 0],
        columnSpacingMm: 0.7,
        rowSpacingMm: 0.6,
        positionMm: [-120, -130, 42.5],
      },
    });
  });

  it('takes an absent rescale as none, and reads Implicit VR Little Endian frames too', () => {
    const read = entryGreyscaleSlice(ctSlice({ '00281052': null, '00281053': null }), '1.2.840.10008.1.2');
    expect(read.ok && read.value.rescale).toEqual({ slope: 1, intercept: 0 });
  });

  it.each([
    ['no window', { '00281050': null, '00281051': null }],
    ['a zero width', { '00281051': [0] }],
    ['a width that is no number', { '00281051': ['wide'] }],
  ])('leaves the window to the slice\'s range with %s', (_, changes) => {
    const read = entryGreyscaleSlice(ctSlice(changes), EXPLICIT_LE);
    expect(read.ok && read.value.storedWindow).toBeNull();
  });

  it.each([
    ['a JPEG baseline frame (no codec in the entry chunk)', {}, '1.2.840.10008.1.2.4.50'],
    ['a JPEG-XL frame (no codec in the entry chunk)', {}, '1.2.840.10008.1.2.4.110'],
    ['a deflated frame', {}, '1.2.840.10008.1.2.8.1'],
    ['MONOCHROME1 in JPEG 2000', { '00280004': ['MONOCHROME1'] }, JPEG2000_LOSSLESS],
    ['big endian', {}, '1.2.840.10008.1.2.2'],
    ['MONOCHROME1 (cornerstone\'s volume viewport does not invert it)', { '00280004': ['MONOCHROME1'] }, EXPLICIT_LE],
    ['colour', { '00280002': [3], '00280004': ['RGB'] }, EXPLICIT_LE],
    ['several frames', { '00280008': [4] }, EXPLICIT_LE],
    ['PET (scaled to SUV by the loader)', { '00080060': ['PT'] }, EXPLICIT_LE],
    ['a Modality LUT Sequence', { '00283000': [{}] }, EXPLICIT_LE],
    ['a VOI LUT Sequence', { '00283010': [{}] }, EXPLICIT_LE],
    ['a sigmoid VOI LUT function', { '00281056': ['SIGMOID'] }, EXPLICIT_LE],
    ['a fractional rescale slope', { '00281053': [0.5] }, EXPLICIT_LE],
    ['a fractional rescale intercept', { '00281052': [-1024.5] }, EXPLICIT_LE],
    ['8-bit signed pixels', { '00280100': [8], '00280101': [8] }, EXPLICIT_LE],
    ['32-bit pixels', { '00280100': [32], '00280101': [32] }, EXPLICIT_LE],
    ['no pixel spacing', { '00280030': null }, EXPLICIT_LE],
    ['a zero pixel spacing', { '00280030': [0, 0.7] }, EXPLICIT_LE],
    ['no orientation', { '00200037': null }, EXPLICIT_LE],
    ['no position', { '00200032': null }, EXPLICIT_LE],
  ])('leaves a slice with %s to the viewer\'s own path', (_, changes, transferSyntax) => {
    expect(entryGreyscaleSlice(ctSlice(changes), transferSyntax).ok).toBe(false);
  });

  it.each([
    ['JPEG 2000 lossless', JPEG2000_LOSSLESS],
    ['JPEG 2000', '1.2.840.10008.1.2.4.91'],
    ['HTJ2K lossless', '1.2.840.10008.1.2.4.201'],
    ['HTJ2K (provisional UID)', '3.2.840.10008.1.2.4.96'],
    ['JPEG-LS lossless', '1.2.840.10008.1.2.4.80'],
    ['JPEG-LS near-lossless', '1.2.840.10008.1.2.4.81'],
    ['JPEG lossless, selection value 1', '1.2.840.10008.1.2.4.70'],
    ['JPEG lossless, process 14', '1.2.840.10008.1.2.4.57'],
    ['RLE lossless', '1.2.840.10008.1.2.5'],
  ])('reads a %s slice, to be decoded with cornerstone\'s codec', (_, transferSyntax) => {
    const read = entryGreyscaleSlice(ctSlice(), transferSyntax);
    expect(read.ok && read.value.native).toBe(false);
    expect(read.ok && read.value.format).toEqual({ rows: 512, columns: 480, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 });
  });

  it('reads 8-bit unsigned pixels', () => {
    const read = entryGreyscaleSlice(ctSlice({ '00280100': [8], '00280101': [8], '00280103': [0] }), EXPLICIT_LE);
    expect(read.ok).toBe(true);
  });
});

describe('openingRange', () => {
  it('is the stored window as cornerstone\'s toLowHighRange makes it (LINEAR)', () => {
    // Centre 40, width 350: 40 − 0.5 ∓ 174.5.
    expect(openingRange({ center: 40, width: 350 }, { min: -1024, max: 3000 })).toEqual({ lower: -135, upper: 214 });
  });

  it('is the slice\'s least and greatest shown value without a stored window', () => {
    expect(openingRange(null, { min: -1024, max: 3071 })).toEqual({ lower: -1024, upper: 3071 });
  });
});
