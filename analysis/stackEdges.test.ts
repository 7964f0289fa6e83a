import { describe, expect, it } from 'vitest';
import type { Volume } from './image';
import { slabWeights, slicesEachSide } from './planeView';
import { voxelMapOf } from './sampling';

/**
 * A stack read from its displayed image and its neighbours only (what the page sends for a native sagittal series):
 * the first and last slices must be read where they lie, even when the plane's position, computed in millimetres from
 * decimal strings, lands a rounding error outside them; and the neighbours sent must cover every through-plane sample
 * the analysis takes.
 */
function threeSlices(stepMm: number, originXMm: number): Volume {
  const values = new Float32Array(4 * 4 * 3);
  for (let k = 0; k < 3; k += 1) values.fill(100 * (k + 1), k * 16, (k + 1) * 16);
  return {
    kind: 'volume', values, dimensions: [4, 4, 3], originMm: [originXMm, 0, 0],
    rowCosine: [0, 1, 0], columnCosine: [0, 0, -1], sliceCosine: [1, 0, 0], spacingMm: [1, 1, stepMm], calibrated: true,
  };
}

describe('a volume of three slices', () => {
  // VerSe's sagittal planes: 3.000000238 mm apart in its NIfTI affine; the plane through the last one computed from the first.
  const step = 3.000000238418579;
  const volume = threeSlices(step, 45.0000036);
  const map = voxelMapOf(volume);

  it('reads the first and the last slice on their own planes, a rounding error off included', () => {
    expect(map.valueAtXyz(45.0000036 + 2 * step + 1e-6, 1, -1)).toBeCloseTo(300, 3);
    expect(map.valueAtXyz(45.0000036 - 1e-6, 1, -1)).toBeCloseTo(100, 3);
    expect(map.valueAtXyz(51.000004053115845, 1, -1)).toBeCloseTo(300, 3);
  });

  it('still gives nothing beyond them', () => {
    expect(map.valueAtXyz(45.0000036 + 2 * step + 0.01, 1, -1)).toBeNaN();
    expect(map.valueAtXyz(45.0000036 - 0.01, 1, -1)).toBeNaN();
    expect(map.valueAtXyz(48, 4, -1)).toBeNaN();
  });
});

describe('slicesEachSide', () => {
  it.each([[0.5], [0.625], [0.8], [1], [1.25], [2], [3], [3.01]])('covers every sample of the displayed slab for %s mm slices', (step) => {
    const farthest = Math.max(...slabWeights(step, 3).map((w) => Math.abs(w.offsetMm)));
    expect(slicesEachSide(step) * step).toBeGreaterThanOrEqual(farthest - 1e-9);
  });

  it('sends one neighbour each side where the noisy slab reads them (≤ 3 mm), none for thicker slices', () => {
    expect(slicesEachSide(3)).toBe(1);
    expect(slicesEachSide(2)).toBe(1);
    expect(slicesEachSide(4)).toBe(0);
    expect(slicesEachSide(0.5)).toBe(3);
    expect(slicesEachSide(0)).toBe(0);
  });
});
