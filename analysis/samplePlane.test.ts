import { describe, expect, it } from 'vitest';
import type { Volume } from './image';
import { samplePlane } from './samplePlane';

/** A 10 × 8 × 6 volume, oblique and with anisotropic voxels, whose value is a linear function of patient position. */
function linearVolume(overrides: Partial<Volume> = {}): Volume {
  const dimensions = [10, 8, 6] as const;
  const c = Math.SQRT1_2;
  const base: Volume = {
    kind: 'volume',
    values: new Float32Array(10 * 8 * 6),
    dimensions,
    originMm: [5, -3, 20],
    rowCosine: [c, c, 0],
    columnCosine: [-c, c, 0],
    sliceCosine: [0, 0, -1],
    spacingMm: [0.8, 1.2, 2.5],
    calibrated: true,
  };
  const volume = { ...base, ...overrides };
  const values = volume.values as Float32Array;
  for (let k = 0; k < 6; k += 1) {
    for (let j = 0; j < 8; j += 1) {
      for (let i = 0; i < 10; i += 1) {
        const p = [0, 1, 2].map(
          (a) =>
            volume.originMm[a]! +
            i * 0.8 * volume.rowCosine[a]! +
            j * 1.2 * volume.columnCosine[a]! +
            k * 2.5 * volume.sliceCosine[a]!,
        );
        values[i + j * 10 + k * 80] = linear(p[0]!, p[1]!, p[2]!);
      }
    }
  }
  return volume;
}

function linear(x: number, y: number, z: number): number {
  return 3 * x - 2 * y + 0.5 * z + 7;
}

describe('samplePlane', () => {
  it('reproduces a linear field exactly between voxels (trilinear interpolation)', () => {
    const result = samplePlane(linearVolume(), {
      originMm: [5, -2, 18],
      rowCosine: [0, 1, 0],
      columnCosine: [0, 0, -1],
      columns: 4,
      rows: 3,
      spacingMm: 0.7,
    });
    if (!result.ok) throw new Error(result.error.message);
    for (let r = 0; r < 3; r += 1) {
      for (let c = 0; c < 4; c += 1) {
        expect(result.value.values[c + r * 4]).toBeCloseTo(linear(5, -2 + 0.7 * c, 18 - 0.7 * r), 3);
      }
    }
  });

  it('marks pixels outside the volume as NaN', () => {
    const result = samplePlane(linearVolume(), {
      originMm: [500, 0, 0], rowCosine: [0, 1, 0], columnCosine: [0, 0, -1], columns: 2, rows: 2, spacingMm: 1,
    });
    expect(result.ok && Number.isNaN(result.value.values[0])).toBe(true);
  });

  it.each([
    ['an uncalibrated volume', { calibrated: false }, 'UNCALIBRATED'],
    ['a zero pixel spacing', { spacingMm: [0, 1, 1] as const }, 'UNCALIBRATED'],
    ['too few values', { values: new Float32Array(5) }, 'INVALID_IMAGE'],
    ['a slice direction inside the image plane', { sliceCosine: [Math.SQRT1_2, Math.SQRT1_2, 0] as const }, 'INVALID_IMAGE'],
  ])('declines %s with %s', (_name, overrides, code) => {
    const result = samplePlane(linearVolume(overrides as Partial<Volume>), {
      originMm: [5, -2, 18], rowCosine: [0, 1, 0], columnCosine: [0, 0, -1], columns: 2, rows: 2, spacingMm: 1,
    });
    expect(result.ok ? null : result.error.code).toBe(code);
  });

  it('declines directions that are not perpendicular unit vectors', () => {
    const result = samplePlane(linearVolume(), {
      originMm: [5, -2, 18], rowCosine: [0, 1, 0], columnCosine: [0, 1, 0], columns: 2, rows: 2, spacingMm: 1,
    });
    expect(result.ok ? null : result.error.code).toBe('INVALID_INPUT');
  });
});
