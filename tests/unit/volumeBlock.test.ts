import { describe, expect, it } from 'vitest';
import type { Volume } from '../../analysis/image';
import { samplePlane, type PlaneSpec } from '../../analysis/samplePlane';
import type { Vec3 } from '../../analysis/vec';
import { nearestPlane, planeBlock, type SlicedVolume } from '../../viewer/cornerstone/volumeBlock';

/** A 40 × 30 × 20 int16-like volume of varied values, 0.8 × 0.8 × 1.5 mm, as an axial CT stores it. */
function axialVolume(options: { descending?: boolean; oblique?: boolean } = {}): { whole: Volume; sliced: SlicedVolume } {
  const dimensions = [40, 30, 20] as const;
  const values = new Int16Array(dimensions[0] * dimensions[1] * dimensions[2]);
  for (let i = 0; i < values.length; i += 1) values[i] = ((i * 7919) % 4096) - 1024;
  const angle = options.oblique ? 0.3 : 0;
  const rowCosine: Vec3 = [Math.cos(angle), Math.sin(angle), 0];
  const columnCosine: Vec3 = [-Math.sin(angle), Math.cos(angle), 0];
  const sliceCosine: Vec3 = options.descending ? [0, 0, -1] : [0, 0, 1];
  const geometry = { dimensions, originMm: [-16, -12, 40] as Vec3, rowCosine, columnCosine, sliceCosine, spacingMm: [0.8, 0.8, 1.5] as const };
  const sliceLength = dimensions[0] * dimensions[1];
  return {
    whole: { kind: 'volume', values, calibrated: true, ...geometry },
    sliced: { ...geometry, sliceValues: (k) => values.subarray(k * sliceLength, (k + 1) * sliceLength) },
  };
}

/** A plane through `centre` along `right` and `down`, 24 × 24 pixels of 0.7 mm (smaller than the volume in every direction). */
function planeThrough(centre: Vec3, right: Vec3, down: Vec3): PlaneSpec {
  const half = (23 * 0.7) / 2;
  return {
    originMm: [centre[0] - right[0] * half - down[0] * half, centre[1] - right[1] * half - down[1] * half, centre[2] - right[2] * half - down[2] * half],
    rowCosine: right,
    columnCosine: down,
    columns: 24,
    rows: 24,
    spacingMm: 0.7,
  };
}

const tilted = (a: number): Vec3 => [Math.sin(a), Math.cos(a), 0];

describe('planeBlock', () => {
  it.each([
    ['a sagittal plane through the middle', {}, planeThrough([0, 0, 55], [0, 1, 0], [0, 0, -1])],
    ['a sagittal plane exactly on a column of voxels', {}, planeThrough([-16 + 0.8 * 12, 0, 55], [0, 1, 0], [0, 0, -1])],
    ['a coronal plane', {}, planeThrough([0, 0, 55], [1, 0, 0], [0, 0, -1])],
    ['an oblique plane', {}, planeThrough([1, -2, 52], tilted(0.4), [0, 0, -1])],
    ['a sagittal plane of a descending stack', { descending: true }, planeThrough([0, 0, 25], [0, 1, 0], [0, 0, -1])],
    ['a sagittal plane of an obliquely acquired volume', { oblique: true }, planeThrough([2, 3, 55], [0, 1, 0], [0, 0, -1])],
    ['a plane reaching past the volume', {}, planeThrough([10, 8, 48], [0, 1, 0], [0, 0, -1])],
  ] as const)('samples %s exactly as the whole volume does', (_, options, plane) => {
    const { whole, sliced } = axialVolume(options);
    const block = planeBlock(sliced, plane);
    expect(block).not.toBeNull();
    const fromWhole = samplePlane(whole, plane);
    const fromBlock = samplePlane(block!, plane);
    if (!fromWhole.ok || !fromBlock.ok) throw new Error('sampling failed');
    const a = Array.from(fromWhole.value.values);
    const b = Array.from(fromBlock.value.values);
    expect(b.map(Number.isNaN)).toEqual(a.map(Number.isNaN));
    const largestDifference = Math.max(0, ...a.map((v, i) => (Number.isNaN(v) ? 0 : Math.abs(v - b[i]!))));
    expect(largestDifference).toBeLessThan(1e-6);
  });

  it('copies only a few columns for a sagittal plane of an axial volume', () => {
    const { sliced } = axialVolume();
    const block = planeBlock(sliced, planeThrough([0, 0, 55], [0, 1, 0], [0, 0, -1]));
    expect(block?.dimensions[0]).toBeLessThanOrEqual(3);
    expect(block?.values.length).toBeLessThan(40 * 30 * 20 * 0.1);
  });

  it('returns null for a plane outside the volume', () => {
    const { sliced } = axialVolume();
    expect(planeBlock(sliced, planeThrough([500, 0, 55], [0, 1, 0], [0, 0, -1]))).toBeNull();
  });

  it('reads a slice that is not loaded as 0', () => {
    const { sliced } = axialVolume();
    const missingMiddle: SlicedVolume = { ...sliced, sliceValues: (k) => (k === 10 ? null : sliced.sliceValues(k)) };
    const block = planeBlock(missingMiddle, planeThrough([0, 0, 40 + 1.5 * 10], [0, 1, 0], [1, 0, 0]));
    expect(block).not.toBeNull();
    const k = 10 - Math.round((block!.originMm[2] - 40) / 1.5);
    const sliceLength = block!.dimensions[0] * block!.dimensions[1];
    expect(Array.from(block!.values.subarray(k * sliceLength, (k + 1) * sliceLength)).every((v) => v === 0)).toBe(true);
  });
});

describe('nearestPlane', () => {
  it.each([
    // Centres off the voxel grid's half-way points, so that no pixel lies as near two voxels (either would be right).
    ['a sagittal plane', {}, planeThrough([0.3, 0.2, 55.37], [0, 1, 0], [0, 0, -1])],
    ['an oblique plane of a descending stack', { descending: true }, planeThrough([1.03, -2.07, 25.11], tilted(0.4), [0, 0, -1])],
    ['a plane reaching past the volume', {}, planeThrough([10.1, 8.1, 48.13], [0, 1, 0], [0, 0, -1])],
  ] as const)('reads %s at the voxel nearest each pixel, NaN outside the volume', (_, options, plane) => {
    const { whole, sliced } = axialVolume(options);
    const nearest = nearestPlane(sliced, plane);
    expect([nearest.columns, nearest.rows, nearest.columnSpacingMm]).toEqual([plane.columns, plane.rows, plane.spacingMm]);
    const [nc, nr, ns] = whole.dimensions;
    const [dc, dr, ds] = whole.spacingMm;
    let inside = 0;
    for (let r = 0; r < plane.rows; r += 1) {
      for (let c = 0; c < plane.columns; c += 1) {
        const p = [0, 1, 2].map((a) => plane.originMm[a]! + c * plane.spacingMm * plane.rowCosine[a]! + r * plane.spacingMm * plane.columnCosine[a]!);
        const d = [0, 1, 2].map((a) => p[a]! - whole.originMm[a]!);
        const dot = (v: Vec3) => d[0]! * v[0] + d[1]! * v[1] + d[2]! * v[2];
        const [i, j, k] = [Math.round(dot(whole.rowCosine) / dc), Math.round(dot(whole.columnCosine) / dr), Math.round(dot(whole.sliceCosine) / ds)];
        const value = nearest.values[c + r * plane.columns]!;
        if (i < 0 || j < 0 || k < 0 || i >= nc || j >= nr || k >= ns) {
          expect(Number.isNaN(value)).toBe(true);
          continue;
        }
        inside += 1;
        expect(value).toBe(whole.values[i + j * nc + k * nc * nr]);
      }
    }
    expect(inside).toBeGreaterThan(0);
  });
});
