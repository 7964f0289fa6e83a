import { describe, expect, it } from 'vitest';
import { createMetadataMemo, MEMOIZED_MODULES } from '../../viewer/cornerstone/metadataMemo';

/** A provider chain that counts its look-ups and answers a plane for 'known' images only. */
function countingChain() {
  const calls: string[] = [];
  const parsed = new Set<string>();
  let memo: ((type: string, query: unknown) => unknown) | null = null;
  const get = (type: string, imageId: string): unknown => {
    // The memo sits first in the chain, as installMetadataMemo puts it: it must not answer its own look-up.
    const fromMemo = memo?.(type, imageId);
    if (fromMemo !== undefined) return fromMemo;
    calls.push(`${type} ${imageId}`);
    if (!imageId.startsWith('known') && !parsed.has(imageId)) return undefined;
    return { imagePositionPatient: [0, 0, imageId.length], rowCosines: [1, 0, 0] };
  };
  memo = createMetadataMemo(get);
  return { get, calls, parse: (imageId: string) => parsed.add(imageId) };
}

describe('createMetadataMemo', () => {
  it('asks the other providers once per image and module, however often the module is asked for', () => {
    const { get, calls } = countingChain();
    for (let i = 0; i < 5; i++) get('imagePlaneModule', 'known3');
    expect(calls).toEqual(['imagePlaneModule known3']);
    expect(get('imagePlaneModule', 'known3')).toEqual({ imagePositionPatient: [0, 0, 6], rowCosines: [1, 0, 0] });
  });

  it('gives each caller its own copy, so one caller changing a field changes nothing for the next', () => {
    const { get } = countingChain();
    const first = get('imagePlaneModule', 'known1') as { rowCosines: unknown };
    first.rowCosines = 'changed';
    expect((get('imagePlaneModule', 'known1') as { rowCosines: unknown }).rowCosines).toEqual([1, 0, 0]);
  });

  it('never remembers that an image was unknown: once its file is parsed, its plane is answered', () => {
    const { get, parse } = countingChain();
    expect(get('imagePlaneModule', 'pending')).toBeUndefined();
    parse('pending');
    expect(get('imagePlaneModule', 'pending')).toEqual({ imagePositionPatient: [0, 0, 7], rowCosines: [1, 0, 0] });
  });

  it.each([['voiLutModule'], ['overlayPlaneModule'], ['transferSyntax']])('leaves %s to the other providers every time', (type) => {
    expect(MEMOIZED_MODULES.has(type)).toBe(false);
    const { get, calls } = countingChain();
    get(type, 'known2');
    get(type, 'known2');
    expect(calls).toHaveLength(2);
  });
});
