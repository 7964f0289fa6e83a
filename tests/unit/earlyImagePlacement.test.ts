import { describe, expect, it } from 'vitest';
import { AXIAL_SCREEN, placeSlice, type Affine2d, type SliceGrid } from '../../viewer/cornerstone/earlyImagePlacement';

/** A standard axial CT slice: rows run to the patient's left (+x), columns to the back (+y). */
const axial512: SliceGrid = { columns: 512, rows: 512, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columnSpacingMm: 0.7, rowSpacingMm: 0.7 };

/** Where the transform puts image point (x, y), canvas pixels. */
function apply(t: Affine2d, x: number, y: number): [number, number] {
  return [t.a * x + t.c * y + t.e, t.b * x + t.d * y + t.f];
}

describe('placeSlice', () => {
  it('fits a square slice into the short side of a wide canvas, centred', () => {
    const placement = placeSlice(axial512, AXIAL_SCREEN, { widthPx: 800, heightPx: 400 })!;
    expect(apply(placement.transform, 0, 0)).toEqual([200, 0]);
    expect(apply(placement.transform, 512, 512)).toEqual([600, 400]);
    expect(placement.mmPerCanvasPixel).toBeCloseTo((512 * 0.7) / 400, 12);
    expect(placement.edges).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });

  it('keeps the aspect of non-square pixels: 96 columns of 0.8 mm by 64 rows of 0.5 mm is 76.8 × 32 mm', () => {
    const grid: SliceGrid = { ...axial512, columns: 96, rows: 64, columnSpacingMm: 0.8, rowSpacingMm: 0.5 };
    const placement = placeSlice(grid, AXIAL_SCREEN, { widthPx: 384, heightPx: 400 })!;
    const [x0, y0] = apply(placement.transform, 0, 0);
    const [x1, y1] = apply(placement.transform, 96, 64);
    expect(x1 - x0).toBeCloseTo(384, 9);
    expect(y1 - y0).toBeCloseTo(160, 9);
    expect((y0 + y1) / 2).toBeCloseTo(200, 9);
  });

  it.each([
    ['rows running to the right (−x): mirrored left to right', [-1, 0, 0], [0, 1, 0], [[0, 0], [400, 0]], [[512, 512], [0, 400]]],
    ['columns running to the front (−y): upside down', [1, 0, 0], [0, -1, 0], [[0, 0], [0, 400]], [[512, 512], [400, 0]]],
    ['rows running to the back (+y): transposed', [0, 1, 0], [1, 0, 0], [[0, 0], [0, 0]], [[512, 0], [0, 400]]],
  ] as const)('puts a slice with %s where the axial view shows it', (_label, rowDirection, columnDirection, [from0, to0], [from1, to1]) => {
    const placement = placeSlice({ ...axial512, rowDirection, columnDirection }, AXIAL_SCREEN, { widthPx: 400, heightPx: 400 })!;
    const p0 = apply(placement.transform, from0[0], from0[1]);
    const p1 = apply(placement.transform, from1[0], from1[1]);
    expect(p0[0]).toBeCloseTo(to0[0], 9);
    expect(p0[1]).toBeCloseTo(to0[1], 9);
    expect(p1[0]).toBeCloseTo(to1[0], 9);
    expect(p1[1]).toBeCloseTo(to1[1], 9);
  });

  it.each([
    ['tilted by 5° about y (cornerstone shows a resampled plane)', [Math.cos(0.087), 0, Math.sin(0.087)], [0, 1, 0]],
    ['a sagittal slice', [0, 1, 0], [0, 0, -1]],
  ] as const)('draws nothing for %s', (_label, rowDirection, columnDirection) => {
    expect(placeSlice({ ...axial512, rowDirection, columnDirection }, AXIAL_SCREEN, { widthPx: 400, heightPx: 400 })).toBeNull();
  });

  it.each([
    ['no pixel spacing', { columnSpacingMm: 0 }, { widthPx: 400, heightPx: 400 }],
    ['a canvas without size', {}, { widthPx: 0, heightPx: 400 }],
  ] as const)('draws nothing with %s', (_label, change, canvas) => {
    expect(placeSlice({ ...axial512, ...change }, AXIAL_SCREEN, canvas)).toBeNull();
  });
});
