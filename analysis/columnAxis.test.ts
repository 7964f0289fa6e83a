import { describe, expect, it } from 'vitest';
import { estimateColumnAxis } from './columnAxis';
import type { PlaneImage } from './image';
import { planeViewOf } from './planeView';
import type { Vec3 } from './vec';

/**
 * A drawn midsagittal plane (0.5 mm pixels) of a column of bodies 34 mm deep and 24 mm high with 5 mm discs, turned
 * by `tiltDeg` in the plane about the middle body's centre (positive: the column leans forward going up). `shell`
 * picks the contrast: CT (HU: marrow 200, cortex 700, disc 80, soft tissue 40) or a T2-like MR (marrow 400, dark
 * cortex 60, bright disc 700, CSF 900 behind the bodies). Deterministic noise of ±`noise` image units.
 */
function drawnColumn(tiltDeg: number, shell: 'ct' | 'mr', noise: number): PlaneImage {
  const tissue = shell === 'ct' ? { marrow: 200, cortex: 700, disc: 80, around: 40 } : { marrow: 400, cortex: 60, disc: 700, around: 900 };
  const cos = Math.cos((tiltDeg * Math.PI) / 180);
  const sin = Math.sin((tiltDeg * Math.PI) / 180);
  const spacingMm = 0.5;
  const size = 280;
  const half = (size * spacingMm) / 2;
  const values = new Float32Array(size * size);
  let seed = 4242;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 2 * noise;
  };
  const period = BODY_HEIGHT_MM + DISC_MM;
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) {
      const backMm = -half + c * spacingMm;
      const upMm = half - r * spacingMm;
      const back = backMm * cos + upMm * sin;
      const up = -backMm * sin + upMm * cos;
      const local = ((((up + BODY_HEIGHT_MM / 2) % period) + period) % period) - BODY_HEIGHT_MM / 2;
      let value = tissue.around;
      if (Math.abs(back) <= BODY_DEPTH_MM / 2) {
        if (local > BODY_HEIGHT_MM / 2) value = tissue.disc;
        else value = Math.min(BODY_DEPTH_MM / 2 - Math.abs(back), BODY_HEIGHT_MM / 2 - Math.abs(local)) < 1.5 ? tissue.cortex : tissue.marrow;
      }
      values[c + r * size] = value + random();
    }
  }
  return {
    kind: 'plane',
    values,
    columns: size,
    rows: size,
    originMm: [0, -half, half],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    columnSpacingMm: spacingMm,
    rowSpacingMm: spacingMm,
    calibrated: true,
  };
}

const BODY_DEPTH_MM = 34;
const BODY_HEIGHT_MM = 24;
const DISC_MM = 5;

function estimateAt(image: PlaneImage, clickMm: Vec3) {
  const view = planeViewOf(image, clickMm);
  if (!view.ok) throw new Error(view.error.message);
  return estimateColumnAxis(view.value, view.value.toPlane(clickMm));
}

describe('estimateColumnAxis', () => {
  it.each([
    [-21, 'ct', 0],
    [-15, 'ct', 60],
    [9, 'ct', 60],
    [20, 'ct', 120],
    [-18, 'mr', 40],
    [15, 'mr', 40],
  ] as const)('finds a column leaning %s° on a drawn %s (±%s) within 2°', (tiltDeg, shell, noise) => {
    for (const click of [[0, 0, 0], [0, 4, -3], [0, -5, 5]] as const) {
      const estimate = estimateAt(drawnColumn(tiltDeg, shell, noise), click);
      expect(estimate).not.toBeNull();
      expect(Math.abs(estimate!.tiltDeg - tiltDeg)).toBeLessThanOrEqual(2);
    }
  });

  it('leaves a straight column on the view\'s axis (no clear gain over it)', () => {
    const estimate = estimateAt(drawnColumn(0, 'ct', 60), [0, 0, 0]);
    expect(estimate === null || Math.abs(estimate.tiltDeg) <= 2).toBe(true);
  });

  it('gives no estimate on a field without endplates (noise only)', () => {
    const image = drawnColumn(0, 'ct', 80);
    let seed = 99;
    const flat: PlaneImage = {
      ...image,
      values: image.values.map(() => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return 200 + (seed / 2147483648 - 0.5) * 160;
      }),
    };
    expect(estimateAt(flat, [0, 0, 0])).toBeNull();
  });
});
