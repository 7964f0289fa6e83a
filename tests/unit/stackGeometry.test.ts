import { describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import { analyzeStack, planeOfNormal, sliceNormal, type SlicePlane } from '../../viewer/loading/stackGeometry';
import type { Orientation6, Vec3 } from '../../viewer/loading/instanceMeta';

const AXIAL: Orientation6 = [1, 0, 0, 0, 1, 0];
const SAGITTAL: Orientation6 = [0, 1, 0, 0, 0, -1];

function slice(id: string, position: Vec3 | null, orientation: Orientation6 | null = AXIAL, extra: Partial<SlicePlane> = {}): SlicePlane {
  return { imageId: id, positionMm: position, orientation, rows: 512, columns: 512, pixelSpacingMm: [0.7, 0.7], instanceNumber: Number(id.replace(/\D/g, '')) || null, ...extra };
}

function axialSeries(zs: number[]): SlicePlane[] {
  return zs.map((z, i) => slice(`img${i + 1}`, [-100, -100, z]));
}

describe('sliceNormal', () => {
  it('is row × column cosines: +z for axial, +x for sagittal (rows along +y, columns along −z)', () => {
    expect(sliceNormal(AXIAL)).toEqual([0, 0, 1]);
    const n = sliceNormal(SAGITTAL);
    expect(n[0]).toBeCloseTo(-1);
    expect(Math.abs(n[1]) + Math.abs(n[2])).toBeCloseTo(0);
  });
});

describe('planeOfNormal', () => {
  it.each([
    [[0, 0, 1], 'axial'],
    [[0, 0, -1], 'axial'],
    [[1, 0, 0], 'sagittal'],
    [[0, -1, 0], 'coronal'],
    [[0.6, 0.6, 0.53], 'oblique'],
  ] as const)('calls normal %j %s', (normal, plane) => {
    expect(planeOfNormal(normal as unknown as Vec3)).toBe(plane);
  });
});

describe('analyzeStack', () => {
  it('sorts slices along the normal whatever the file order, and measures spacing from positions', () => {
    const geometry = analyzeStack(axialSeries([3, 1, 2, 0, 4]));
    expect(geometry.imageIds).toEqual(['img4', 'img2', 'img3', 'img1', 'img5']);
    expect(geometry.spacingMm).toBeCloseTo(1);
    expect(geometry.volumeCompatible).toBe(true);
    expect(geometry.plane).toBe('axial');
    expect(geometry.notes).toEqual([]);
  });

  it('handles descending z (instance 1 at the top) by sorting ascending along the normal', () => {
    const geometry = analyzeStack(axialSeries([10, 8, 6, 4, 2]));
    expect(geometry.imageIds).toEqual(['img5', 'img4', 'img3', 'img2', 'img1']);
    expect(geometry.spacingMm).toBeCloseTo(2);
    expect(geometry.volumeCompatible).toBe(true);
  });

  it('uses slice positions, not SliceThickness: 3 mm slices every 2 mm have 2 mm spacing', () => {
    expect(analyzeStack(axialSeries([0, -2, -4, -6])).spacingMm).toBeCloseTo(2);
  });

  it('accepts an oblique orientation whose positions step along its own normal', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const oblique: Orientation6 = [1, 0, 0, 0, c, s];
    const normal = sliceNormal(oblique);
    const slices = [0, 1, 2, 3].map((k) => slice(`o${k + 1}`, [normal[0] * k * 1.5, normal[1] * k * 1.5, normal[2] * k * 1.5], oblique));
    const geometry = analyzeStack(slices.reverse());
    expect(geometry.volumeCompatible).toBe(true);
    expect(geometry.spacingMm).toBeCloseTo(1.5);
    expect(geometry.imageIds).toEqual(['o1', 'o2', 'o3', 'o4']);
  });

  it('flags irregular spacing, says so, and keeps every slice in spatial order for a stack', () => {
    const geometry = analyzeStack(axialSeries([0, 1, 2, 4, 5]));
    expect(geometry.volumeCompatible).toBe(false);
    expect(geometry.minSpacingMm).toBeCloseTo(1);
    expect(geometry.maxSpacingMm).toBeCloseTo(2);
    expect(geometry.notes.join(' ')).toMatch(/irregular/);
    expect(geometry.imageIds).toEqual(['img1', 'img2', 'img3', 'img4', 'img5']);
  });

  it('tolerates rounding in positions (0.01 mm) as regular', () => {
    expect(analyzeStack(axialSeries([0, 1.004, 1.998, 3.001])).volumeCompatible).toBe(true);
  });

  it('drops duplicate positions from the volume, keeping the lowest instance number, and says how many', () => {
    const geometry = analyzeStack(axialSeries([0, 1, 1, 2, 3]));
    expect(geometry.duplicateImageIds).toEqual(['img3']);
    expect(geometry.imageIds).toEqual(['img1', 'img2', 'img4', 'img5']);
    expect(geometry.volumeCompatible).toBe(true);
    expect(geometry.notes.join(' ')).toMatch(/1 slice\(s\) share a position/);
  });

  it('refuses a volume for a sheared stack (gantry tilt): positions drift in-plane', () => {
    const slices = [0, 1, 2, 3].map((k) => slice(`t${k + 1}`, [0, k * 0.3, k]));
    const geometry = analyzeStack(slices);
    expect(geometry.volumeCompatible).toBe(false);
    expect(geometry.notes.join(' ')).toMatch(/gantry tilt/);
  });

  it.each([
    ['different sizes', (s: SlicePlane[]) => { s[1] = { ...at(s, 1), rows: 256 }; }, /different sizes/],
    ['different orientations', (s: SlicePlane[]) => { s[1] = { ...at(s, 1), orientation: SAGITTAL }; }, /different orientations/],
    ['different pixel spacings', (s: SlicePlane[]) => { s[1] = { ...at(s, 1), pixelSpacingMm: [0.5, 0.5] }; }, /pixel spacings/],
    ['a missing position', (s: SlicePlane[]) => { s[1] = { ...at(s, 1), positionMm: null }; }, /missing/],
  ])('shows a series with %s as a stack and explains why', (_name, mutate, message) => {
    const slices = axialSeries([0, 1, 2, 3]);
    mutate(slices);
    const geometry = analyzeStack(slices);
    expect(geometry.volumeCompatible).toBe(false);
    expect(geometry.notes.join(' ')).toMatch(message);
    expect(geometry.imageIds).toHaveLength(4);
  });

  it('treats one or two slices as a stack, not a volume', () => {
    expect(analyzeStack(axialSeries([0])).volumeCompatible).toBe(false);
    expect(analyzeStack(axialSeries([0, 1])).volumeCompatible).toBe(false);
    expect(analyzeStack([]).imageIds).toEqual([]);
  });
});
