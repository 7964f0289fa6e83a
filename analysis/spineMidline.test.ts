import { describe, expect, it } from 'vitest';
import type { PlaneImage } from './image';
import { mirrorOffsetMm } from './spineMidline';

/**
 * An axial section as spineMidline reads it: `columns` 1 mm apart across (the middle one on the plane read), `rows` 1 mm
 * apart front to back, soft tissue (40 HU) with bone (600 HU) wherever `bone(acrossMm, row)` says, acrossMm from the
 * middle column; NaN where `outside(acrossMm)`.
 */
function section(bone: (acrossMm: number, row: number) => boolean, outside: (acrossMm: number) => boolean = () => false): PlaneImage {
  const columns = 141;
  const rows = 56;
  const values = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      const acrossMm = c - (columns - 1) / 2;
      values[c + r * columns] = outside(acrossMm) ? Number.NaN : bone(acrossMm, r) ? 600 : 40;
    }
  }
  return { kind: 'plane', values, columns, rows, originMm: [0, 0, 0], rowCosine: [1, 0, 0], columnCosine: [0, 1, 0], columnSpacingMm: 1, rowSpacingMm: 1, calibrated: true };
}

/** A vertebral arch drawn symmetric about `midlineMm`: two pedicles 8 mm wide 10–18 mm either side, a spinous process 6 mm wide behind. */
const archAbout = (midlineMm: number) => (acrossMm: number, row: number): boolean => {
  const x = Math.abs(acrossMm - midlineMm);
  return (row < 25 && x >= 10 && x <= 18) || (row >= 30 && x <= 3);
};

describe('mirrorOffsetMm', () => {
  it.each([0, 7, -12.5, 30])('finds an arch drawn symmetric about %s mm', (midlineMm) => {
    const found = mirrorOffsetMm([section(archAbout(midlineMm)), section(archAbout(midlineMm))]);
    expect(found).not.toBeNull();
    expect(found!.offsetMm).toBeCloseTo(midlineMm, 5);
    expect(found!.asymmetry).toBeCloseTo(0, 5);
  });

  it('takes the arch over a bright blob beside it that is its own mirror image', () => {
    // An enhanced aorta 24 mm across, 28 mm to the left, over the front rows only, against a whole arch.
    const withAorta = (acrossMm: number, row: number) => archAbout(0)(acrossMm, row) || (row < 12 && Math.abs(acrossMm - 28) <= 6);
    expect(mirrorOffsetMm([section(withAorta)])!.offsetMm).toBeCloseTo(0, 5);
  });

  it('reads a section cut by the volume\'s edge on the side it holds', () => {
    const found = mirrorOffsetMm([section(archAbout(5), (acrossMm) => acrossMm < -40)]);
    expect(found!.offsetMm).toBeCloseTo(5, 5);
  });

  it('finds nothing in sections without bone', () => {
    expect(mirrorOffsetMm([section(() => false)])).toBeNull();
  });
});
