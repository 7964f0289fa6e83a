import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { encodePart10, type NaturalDataset } from '../../sample-data/dicomWriter';
import { frameModalityLut, frameVoiLut } from '../../viewer/loading/enhancedFrameModules';

/**
 * One frame's dataset as dicom-image-loader combines it for `dicomfile:N&frame=K` (combineFrameInstanceDataset): the
 * shared, then the frame's own functional groups lifted to the top level beside the object's other attributes.
 */
function frameDataSet(groups: NaturalDataset): dicomParser.DataSet {
  return dicomParser.parseDicom(encodePart10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2.1', SOPInstanceUID: '1.2.3', ...groups }, new Uint16Array(1)));
}

describe('frameModalityLut', () => {
  it('reads an Enhanced CT frame\'s rescale from its Pixel Value Transformation group', () => {
    const frame = frameDataSet({ PixelValueTransformationSequence: [{ RescaleIntercept: '-1024', RescaleSlope: '1', RescaleType: 'HU' }] });
    expect(frameModalityLut(frame)).toEqual({ rescaleIntercept: -1024, rescaleSlope: 1, rescaleType: 'HU' });
  });

  it('reads a slope other than 1 and leaves out an absent rescale type', () => {
    const frame = frameDataSet({ PixelValueTransformationSequence: [{ RescaleIntercept: '-8192', RescaleSlope: '2.5' }] });
    expect(frameModalityLut(frame)).toEqual({ rescaleIntercept: -8192, rescaleSlope: 2.5 });
  });

  it.each([
    ['no Pixel Value Transformation group (a single-frame image: its top-level rescale is the loader\'s)', { RescaleIntercept: '-1024', RescaleSlope: '1' }],
    ['a group without a slope', { PixelValueTransformationSequence: [{ RescaleIntercept: '-1024' }] }],
    ['a group with a value that is not a number', { PixelValueTransformationSequence: [{ RescaleIntercept: 'abc', RescaleSlope: '1' }] }],
  ])('answers nothing for %s', (_name, groups) => {
    expect(frameModalityLut(frameDataSet(groups))).toBeNull();
  });
});

describe('frameVoiLut', () => {
  it('reads a frame\'s window from its Frame VOI LUT group, every window it holds', () => {
    const frame = frameDataSet({ FrameVOILUTSequence: [{ WindowCenter: ['500', '40'], WindowWidth: ['2000', '400'], VOILUTFunction: 'LINEAR' }] });
    expect(frameVoiLut(frame)).toEqual({ windowCenter: [500, 40], windowWidth: [2000, 400], voiLUTFunction: 'LINEAR' });
  });

  it.each([
    ['no Frame VOI LUT group', {}],
    ['two centres and one width', { FrameVOILUTSequence: [{ WindowCenter: ['500', '40'], WindowWidth: '2000' }] }],
    ['a group without a window', { FrameVOILUTSequence: [{ VOILUTFunction: 'LINEAR' }] }],
  ])('answers nothing for %s', (_name, groups) => {
    expect(frameVoiLut(frameDataSet(groups))).toBeNull();
  });
});
