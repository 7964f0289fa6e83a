import { describe, expect, it } from 'vitest';
import { referencePointsFromMask, type MaskSlice } from '../helpers/maskReference';

/**
 * A body drawn into a label slice: a trapezoid (a wedge, taller behind) `depthMm` deep, tilted by `tiltDeg`, plus a
 * separate spinous-process blob behind it, on a 0.5 mm grid so the mask's staircase stays below 0.25 mm.
 */
function drawnBody({ depthMm, anteriorMm, posteriorMm, tiltDeg }: { depthMm: number; anteriorMm: number; posteriorMm: number; tiltDeg: number }): MaskSlice {
  const spacing = 0.5;
  const width = 240;
  const height = 200;
  const t = (tiltDeg * Math.PI) / 180;
  const centre = [50, 50];
  const labelAt = (a: number, b: number): number => {
    const y = a * spacing - centre[0]!;
    const z = b * spacing - centre[1]!;
    // Body frame: u towards the front (−y), v towards the head (+z), rotated by the tilt.
    const u = -(y * Math.cos(t) + z * Math.sin(t));
    const v = -y * Math.sin(t) + z * Math.cos(t);
    if (Math.abs(u) <= depthMm / 2) {
      const f = (u + depthMm / 2) / depthMm; // 0 behind, 1 in front
      const half = (posteriorMm + (anteriorMm - posteriorMm) * f) / 2;
      if (Math.abs(v) <= half) return 7;
    }
    if (Math.hypot(y - 45, z) < 6) return 7;
    return 0;
  };
  return { width, height, labelAt, toPatient: (a, b) => [a * spacing, b * spacing], spacingMm: [spacing, spacing] };
}

function heights(points: NonNullable<ReturnType<typeof referencePointsFromMask>>) {
  const d = (p: readonly [number, number], q: readonly [number, number]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  return {
    anteriorMm: d(points.anteriorSuperior, points.anteriorInferior),
    middleMm: d(points.middleSuperior, points.middleInferior),
    posteriorMm: d(points.posteriorSuperior, points.posteriorInferior),
  };
}

describe('referencePointsFromMask', () => {
  it.each([
    [0, 40, 28, 28],
    [12, 40, 28, 28],
    [-8, 36, 18, 27],
  ])('reads the heights of a body tilted %s° (%s mm deep, Ha %s, Hp %s) from its mask', (tiltDeg, depthMm, anteriorMm, posteriorMm) => {
    const points = referencePointsFromMask(drawnBody({ depthMm, anteriorMm, posteriorMm, tiltDeg }), 7, 1);
    expect(points).not.toBeNull();
    const h = heights(points!);
    // Heights 1 mm inside the walls of a wedge differ from the wall heights by the slope over 1 mm.
    const slopePerMm = (anteriorMm - posteriorMm) / depthMm;
    expect(Math.abs(h.anteriorMm - (anteriorMm - slopePerMm))).toBeLessThanOrEqual(0.6);
    expect(Math.abs(h.posteriorMm - (posteriorMm + slopePerMm))).toBeLessThanOrEqual(0.6);
    expect(Math.abs(h.middleMm - (anteriorMm + posteriorMm) / 2)).toBeLessThanOrEqual(0.6);
    // The anterior points are in front (smaller y) of the posterior ones.
    expect(points!.anteriorSuperior[0]).toBeLessThan(points!.posteriorSuperior[0]);
  });

  it('reads a corner on the flared rim, not on the hollow of the wall just below it', () => {
    // A 40 × 28 mm body whose anterior wall is hollowed 3 mm deep from 2 to 6 mm below the superior rim (the waisted
    // anterior surface under a flared ring apophysis): the column 1 mm inside the median wall leaves the body through
    // the hollow and comes back into the rim.
    const plain = drawnBody({ depthMm: 40, anteriorMm: 28, posteriorMm: 28, tiltDeg: 0 });
    const hollowed: MaskSlice = {
      ...plain,
      labelAt: (a, b) => {
        const y = a * 0.5 - 50;
        const z = b * 0.5 - 50;
        return y < -17 && z > 8 && z < 12 ? 0 : plain.labelAt(a, b);
      },
    };
    const points = referencePointsFromMask(hollowed, 7, 1);
    expect(points).not.toBeNull();
    expect(Math.abs(heights(points!).anteriorMm - 28)).toBeLessThanOrEqual(0.6);
  });

  it('finds nothing for a label that is not on the slice', () => {
    expect(referencePointsFromMask(drawnBody({ depthMm: 40, anteriorMm: 28, posteriorMm: 28, tiltDeg: 0 }), 9, 1)).toBeNull();
  });

  // A body a little taller than deep (30 × 28 mm) has its minor principal axis front to back: the 'endplates' reading
  // started there and settled on the walls (nine bodies of the real lumbar MR sets), reading the depth as the heights.
  // Its axis now starts perpendicular to the outline facing the bodies above and below (labels 6 and 8).
  it('reads a body about as high as deep along the axis to its neighbours, not across its walls', () => {
    const spacing = 0.5;
    const labelAt = (a: number, b: number): number => {
      const y = a * spacing - 40;
      const z = b * spacing - 60;
      if (Math.abs(y) > 14) return 0;
      if (Math.abs(z) <= 15) return 7;
      if (z > 23 && z <= 50) return 6;
      if (z < -23 && z >= -50) return 8;
      return 0;
    };
    const slice: MaskSlice = { width: 160, height: 240, labelAt, toPatient: (a, b) => [a * spacing, b * spacing], spacingMm: [spacing, spacing] };
    const points = referencePointsFromMask(slice, 7, 1, 'endplates');
    expect(points).not.toBeNull();
    const h = heights(points!);
    for (const height of [h.anteriorMm, h.middleMm, h.posteriorMm]) expect(Math.abs(height - 30)).toBeLessThanOrEqual(0.6);
    expect(points!.anteriorSuperior[0]).toBeLessThan(points!.posteriorSuperior[0]);
  });
});
