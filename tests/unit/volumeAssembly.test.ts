import { describe, expect, it } from 'vitest';
import type { VolumeGeometry } from '../../viewer/workers/analysisMessages';
import { addChunk, beginAssembly, finishAssembly } from '../../viewer/workers/volumeAssembly';

/** A 2 × 2 × 3 volume: 4 values a slice. */
const GEOMETRY: VolumeGeometry = {
  kind: 'volume',
  dimensions: [2, 2, 3],
  originMm: [0, 0, 0],
  rowCosine: [1, 0, 0],
  columnCosine: [0, 1, 0],
  sliceCosine: [0, 0, 1],
  spacingMm: [1, 1, 1],
  calibrated: true,
};

function begun() {
  const assembly = beginAssembly('series', GEOMETRY, 'Int16Array');
  if (!assembly.ok) throw new Error(assembly.message);
  return assembly.value;
}

describe('the worker assembling a volume from chunks of slices', () => {
  it('puts each chunk at its slices, in any order, and gives the volume once every slice is in', () => {
    const assembly = begun();
    expect(addChunk(assembly, 2, Int16Array.of(9, 10, 11, 12))).toEqual({ ok: true, value: 1 });
    expect(finishAssembly(assembly).ok).toBe(false);
    expect(addChunk(assembly, 0, Int16Array.of(1, 2, 3, 4, 5, 6, 7, 8))).toEqual({ ok: true, value: 3 });
    const volume = finishAssembly(assembly);
    expect(volume.ok && Array.from(volume.value.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(volume.ok && volume.value.dimensions).toEqual([2, 2, 3]);
  });

  it('says which slice is missing when the hand-over ends early', () => {
    const assembly = begun();
    addChunk(assembly, 0, Int16Array.of(1, 2, 3, 4));
    expect(finishAssembly(assembly)).toEqual({ ok: false, message: expect.stringContaining('before slice 2') as unknown as string });
  });

  it.each([
    ['past the last slice', 2, Int16Array.of(1, 2, 3, 4, 5, 6, 7, 8)],
    ['before the first slice', -1, Int16Array.of(1, 2, 3, 4)],
    ['of part of a slice', 0, Int16Array.of(1, 2, 3)],
    ['of another value type', 0, Float32Array.of(1, 2, 3, 4)],
  ])('refuses a chunk %s, keeping what it has', (_, firstSlice, chunk) => {
    const assembly = begun();
    addChunk(assembly, 1, Int16Array.of(5, 6, 7, 8));
    expect(addChunk(assembly, firstSlice, chunk).ok).toBe(false);
    expect(Array.from(assembly.values)).toEqual([0, 0, 0, 0, 5, 6, 7, 8, 0, 0, 0, 0]);
  });

  it.each([
    ['a zero dimension', [2, 0, 3]],
    ['a fractional dimension', [2, 2.5, 3]],
  ] as const)('refuses to begin a volume with %s', (_, dimensions) => {
    expect(beginAssembly('series', { ...GEOMETRY, dimensions }, 'Int16Array').ok).toBe(false);
  });
});
