import { metaData } from '@cornerstonejs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesHeaderOf } from '../../analysis';
import { seriesHeaderFor } from '../../viewer/cornerstone/analysisClient';

// What the viewer tells the analysis about a series' values (issue 12): its Modality and whether a CT's values are
// Hounsfield units (Rescale Type (0028,1054) HU, or absent: the classic CT image leaves it out and means HU).

describe('seriesHeaderOf', () => {
  it.each([
    ['CT', undefined, { modality: 'CT', hounsfield: true }],
    ['CT', 'HU', { modality: 'CT', hounsfield: true }],
    [' ct', 'hu ', { modality: 'CT', hounsfield: true }],
    ['CT', 'US', { modality: 'CT', hounsfield: false }],
    ['MR', undefined, { modality: 'MR', hounsfield: false }],
    ['MR', 'HU', { modality: 'MR', hounsfield: false }],
    ['CR', undefined, { modality: 'CR', hounsfield: false }],
  ])('reads Modality %j with Rescale Type %j as %j', (modality, rescaleType, expected) => {
    expect(seriesHeaderOf(modality, rescaleType)).toEqual(expected);
  });

  it.each([[undefined, 'HU'], ['', undefined], ['  ', 'HU']])('knows nothing without a modality (%j, %j)', (modality, rescaleType) => {
    expect(seriesHeaderOf(modality, rescaleType)).toBeUndefined();
  });
});

describe('seriesHeaderFor (the viewer side: cornerstone metadata of one image of the series)', () => {
  const modules: Record<string, Record<string, unknown>> = {
    'ct:1': { generalSeriesModule: { modality: 'CT' }, modalityLutModule: { rescaleSlope: 1, rescaleIntercept: -1024 } },
    'mr:1': { generalSeriesModule: { modality: 'MR' }, modalityLutModule: {} },
    'ct-us:1': { generalSeriesModule: { modality: 'CT' }, modalityLutModule: { rescaleType: 'US' } },
    'bare:1': {},
  };
  const provider = (type: string, imageId: unknown): unknown => (typeof imageId === 'string' && imageId in modules ? modules[imageId]![type] : undefined);
  beforeAll(() => metaData.addProvider(provider, 50_000));
  afterAll(() => metaData.removeProvider(provider));

  it.each([
    ['ct:1', { modality: 'CT', hounsfield: true }],
    ['mr:1', { modality: 'MR', hounsfield: false }],
    ['ct-us:1', { modality: 'CT', hounsfield: false }],
    ['bare:1', undefined],
    [undefined, undefined],
  ])('gives %j the header %j', (imageId, expected) => {
    expect(seriesHeaderFor(imageId)).toEqual(expected);
  });
});
