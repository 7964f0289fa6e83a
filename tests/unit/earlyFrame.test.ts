import { describe, expect, it } from 'vitest';
import { middleSliceSopUid, seriesOpenedFirst } from '../../viewer/loading/earlyFrame';

/** One instance's DICOM JSON as a WADO-RS metadata answer lists it: UID, position, orientation, frames. */
function instance(sopUID: string, zMm: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '00080018': { vr: 'UI', Value: [sopUID] },
    '00200032': { vr: 'DS', Value: [0, 0, zMm] },
    '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
    ...extra,
  };
}

describe('middleSliceSopUid', () => {
  it.each([
    ['an odd count', [5, 1, 3], 'z3'],
    ['an even count: the upper of the two middle slices, as cornerstone opens on index ⌊n/2⌋', [4, 1, 3, 2], 'z3'],
    ['one slice', [7], 'z7'],
  ] as const)('finds the middle slice of %s in any listing order', (_label, zs, expected) => {
    expect(middleSliceSopUid(zs.map((z) => instance(`z${z}`, z)))).toBe(expected);
  });

  it('orders along the slice normal, so flipped rows order the slices by descending z', () => {
    const flipped = { '00200037': { vr: 'DS', Value: [-1, 0, 0, 0, 1, 0] } };
    expect(middleSliceSopUid([1, 2, 3, 4].map((z) => instance(`z${z}`, z, flipped)))).toBe('z2');
  });

  it.each([
    ['an instance without a position', [instance('a', 1), { ...instance('b', 2), '00200032': { vr: 'DS' } }]],
    ['a multi-frame instance', [instance('a', 1, { '00280008': { vr: 'IS', Value: [20] } })]],
    ['no orientation', [{ ...instance('a', 1), '00200037': { vr: 'DS' } }]],
    ['no instances', []],
  ] as const)('leaves the choice to the series analysis for %s', (_label, instances) => {
    expect(middleSliceSopUid(instances)).toBeNull();
  });
});

describe('seriesOpenedFirst', () => {
  it.each([
    ['the first CT series', ['SR', 'MR', 'CT', 'CT'], 2],
    ['the first image series when there is no CT', ['SR', 'PR', 'MR', 'MR'], 2],
    ['nothing when no series holds images', ['SR', 'KO', 'SEG', 'DOC'], -1],
  ] as const)('opens %s', (_label, modalities, index) => {
    const series = modalities.map((modality, i) => ({ modality, i }));
    expect(seriesOpenedFirst(series)?.i ?? -1).toBe(index);
  });
});
