import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configForRoot } from '../../viewer/dicomweb/config';
import type { Result } from '../../viewer/dicomweb/result';
import { likelyMiddleInstanceNumbers, middleSliceSopUid, prefetchMiddleFrame, seriesOpenedFirst, takeEarlyFrame } from '../../viewer/loading/earlyFrame';

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

describe('likelyMiddleInstanceNumbers', () => {
  it.each([
    [5, [3]],
    [4, [3, 2]],
    [300, [151, 150]],
    [2, [2, 1]],
    [1, []],
    [0, []],
    [null, []],
    [2.5, []],
    [Number.NaN, []],
  ] as const)('guesses the middle slice of %s slices numbered in slice order as number(s) %j', (count, expected) => {
    expect(likelyMiddleInstanceNumbers(count)).toEqual(expected);
  });
});

describe('prefetchMiddleFrame', () => {
  const config = configForRoot('http://pacs.test/dicom-web');
  const studyUID = '1.2.3';
  const sopUidAt = (z: number) => `1.2.3.9.${z}`;
  const frameUrlOf = (seriesUID: string, sopUID: string) => `http://pacs.test/dicom-web/studies/${studyUID}/series/${seriesUID}/instances/${sopUID}/frames/1`;
  let requests: string[];
  let numbered: Map<number, string>;
  /** Instance numbers the fake server also gives to a second instance. */
  let duplicateNumbers: Set<number>;

  beforeEach(() => {
    requests = [];
    numbered = new Map();
    duplicateNumbers = new Set();
    vi.stubGlobal('window', { location: { href: 'http://viewer.test/' } });
    vi.stubGlobal('fetch', (url: string) => {
      requests.push(url);
      const instanceNumber = /[?&]InstanceNumber=(\d+)(&|$)/.exec(url)?.[1];
      if (instanceNumber !== undefined) {
        const sopUIDs = [...numbered].filter(([number]) => number === Number(instanceNumber)).map(([, sopUID]) => sopUID);
        const items = [...sopUIDs, ...(duplicateNumbers.has(Number(instanceNumber)) ? ['1.2.3.9.999'] : [])].map((sopUID) => ({ '00080018': { vr: 'UI', Value: [sopUID] } }));
        return Promise.resolve(new Response(JSON.stringify(items), { headers: { 'Content-Type': 'application/dicom+json' } }));
      }
      return Promise.resolve(new Response(new Uint8Array(16), { headers: { 'Content-Type': 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1' } }));
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  /** A series of slices at `zs` (mm), numbered as `numbers` says, whose metadata arrives when `arrive` is called. */
  function series(seriesUID: string, zs: readonly number[], numbers: readonly number[], instanceCount: number | null = zs.length) {
    zs.forEach((z, i) => numbered.set(numbers[i]!, sopUidAt(z)));
    let arrive: () => void = () => undefined;
    const metadata = new Promise<Result<unknown[]>>((resolve) => {
      arrive = () => resolve({ ok: true, value: zs.map((z) => instance(sopUidAt(z), z)) });
    });
    return { list: [{ seriesInstanceUID: seriesUID, modality: 'CT', instanceCount, metadata }], arrive: () => arrive() };
  }

  const frameRequests = () => requests.filter((url) => url.endsWith('/frames/1'));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('requests the guessed middle frames before the metadata is in, and the one the metadata names is the early frame', async () => {
    // Numbered 1…4 rising along z: the middle slice (index 2) is number 3, at z = 30.
    const { list, arrive } = series('1.2.3.1', [10, 20, 30, 40], [1, 2, 3, 4]);
    const done = prefetchMiddleFrame(config, studyUID, list);
    await settle();
    expect(frameRequests().sort()).toEqual([frameUrlOf('1.2.3.1', sopUidAt(20)), frameUrlOf('1.2.3.1', sopUidAt(30))].sort());
    arrive();
    await done;
    expect(frameRequests()).toHaveLength(2);
    expect(await takeEarlyFrame(frameUrlOf('1.2.3.1', sopUidAt(30)))).not.toBeNull();
    expect(takeEarlyFrame(frameUrlOf('1.2.3.1', sopUidAt(20)))).not.toBeNull();
  });

  it('requests the middle slice once the metadata names it when the guess was wrong, each frame once', async () => {
    // Numbered against any order: numbers 2 and 3 hold z = 10 and 40; the middle slice (z = 30) is number 1.
    const { list, arrive } = series('1.2.3.2', [30, 10, 40, 20], [1, 2, 3, 4]);
    const done = prefetchMiddleFrame(config, studyUID, list);
    await settle();
    arrive();
    await done;
    const frames = frameRequests();
    expect(new Set(frames).size).toBe(frames.length);
    expect(frames.sort()).toEqual([10, 30, 40].map((z) => frameUrlOf('1.2.3.2', sopUidAt(z))).sort());
    expect(await takeEarlyFrame(frameUrlOf('1.2.3.2', sopUidAt(30)))).not.toBeNull();
    for (const z of [10, 40]) takeEarlyFrame(frameUrlOf('1.2.3.2', sopUidAt(z)));
  });

  it('guesses nothing once the metadata is in, and nothing without an instance count', async () => {
    const late = series('1.2.3.3', [10, 20, 30], [1, 2, 3]);
    late.arrive();
    await prefetchMiddleFrame(config, studyUID, late.list);
    await settle();
    expect(frameRequests()).toEqual([frameUrlOf('1.2.3.3', sopUidAt(20))]);
    takeEarlyFrame(frameUrlOf('1.2.3.3', sopUidAt(20)));

    requests = [];
    const uncounted = series('1.2.3.4', [10, 20, 30], [1, 2, 3], null);
    const done = prefetchMiddleFrame(config, studyUID, uncounted.list);
    await settle();
    expect(requests).toEqual([]);
    uncounted.arrive();
    await done;
    expect(frameRequests()).toEqual([frameUrlOf('1.2.3.4', sopUidAt(20))]);
    takeEarlyFrame(frameUrlOf('1.2.3.4', sopUidAt(20)));
  });

  it('guesses nothing from an instance number two instances share', async () => {
    duplicateNumbers = new Set([2, 3]);
    const { list, arrive } = series('1.2.3.5', [10, 20, 30, 40], [1, 2, 3, 4]);
    const done = prefetchMiddleFrame(config, studyUID, list);
    await settle();
    expect(frameRequests()).toEqual([]);
    arrive();
    await done;
    expect(frameRequests()).toEqual([frameUrlOf('1.2.3.5', sopUidAt(30))]);
    takeEarlyFrame(frameUrlOf('1.2.3.5', sopUidAt(30)));
  });
});
