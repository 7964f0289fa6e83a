import { describe, expect, it } from 'vitest';
import type { Volume } from './image';
import { slabWeights } from './planeView';
import { proposeVertebra } from './proposeVertebra';
import type { Vec3 } from './vec';

/**
 * A drawn sagittal CT stack (HU), as a native sagittal acquisition stores it: `slices` sagittal images `stepMm` apart
 * (patient x, left–right), each 0.5 mm pixels, rows to the feet. Three bodies 36 mm deep and 26 mm high (marrow
 * 200 HU in a 1.5 mm cortex of 700 HU) with 8 mm discs (80 HU), the canal (20 HU) and soft tissue (40 HU) around,
 * and ±20 HU of deterministic noise (a routine CT: not smoothed). Where `depressedAt(x)` holds, the middle body's
 * superior endplate is a smooth bowl pressed up to DEPRESSION_MM into the body at mid-depth (a central endplate
 * impression, as in an endplate fracture, that reaches only some of the sagittal slices); its other endplate and the
 * other bodies are intact.
 */
function drawnStack(stepMm: number, slices: number, depressedAt: (xMm: number) => boolean): Volume {
  const spacingMm = 0.5;
  const size = 240;
  const half = (size * spacingMm) / 2;
  const values = new Float32Array(size * size * slices);
  let seed = 4242;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 2 * NOISE_HU;
  };
  const x0 = -((slices - 1) / 2) * stepMm;
  for (let k = 0; k < slices; k += 1) {
    const depressed = depressedAt(x0 + k * stepMm);
    for (let r = 0; r < size; r += 1) {
      for (let c = 0; c < size; c += 1) {
        values[c + r * size + k * size * size] = tissueAt(-half + c * spacingMm, half - r * spacingMm, depressed) + noise();
      }
    }
  }
  return {
    kind: 'volume',
    values,
    dimensions: [size, size, slices],
    originMm: [x0, -half, half],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    sliceCosine: [1, 0, 0],
    spacingMm: [spacingMm, spacingMm, stepMm],
    calibrated: true,
  };
}

const DEPTH_MM = 36;
const HEIGHT_MM = 26;
const DISC_MM = 8;
const CORTEX_MM = 1.5;
const NOISE_HU = 20;
/**
 * How far the impression presses the middle body's superior endplate in at mid-depth, and its half-width, mm: a cos²
 * bowl, steepest slope DEPRESSION_MM · π / (2 · half-width) ≈ 0.45, within an endplate's (endplateLine.ts: ±0.5).
 */
const DEPRESSION_MM = 4;
const DEPRESSION_HALF_DEPTH_MM = 14;

/** HU at `back` mm behind and `up` mm above the middle body's centre; `depressed`: this slice shows the impression. */
function tissueAt(back: number, up: number, depressed: boolean): number {
  if (back < -DEPTH_MM / 2) return 40;
  if (back > DEPTH_MM / 2 + 16) return 40;
  if (back > DEPTH_MM / 2) return 20;
  const period = HEIGHT_MM + DISC_MM;
  const local = ((((up + HEIGHT_MM / 2) % period) + period) % period) - HEIGHT_MM / 2;
  const middleBody = Math.abs(up) < period / 2;
  const pressed =
    depressed && middleBody && Math.abs(back) < DEPRESSION_HALF_DEPTH_MM
      ? DEPRESSION_MM * Math.cos((Math.PI * back) / (2 * DEPRESSION_HALF_DEPTH_MM)) ** 2
      : 0;
  const top = HEIGHT_MM / 2 - pressed;
  if (local > top) return 80;
  const rim = Math.min(DEPTH_MM / 2 - Math.abs(back), top - local, HEIGHT_MM / 2 + local);
  return rim < CORTEX_MM ? 700 : 200;
}

/** Patient point on the displayed plane (x = 0) at (back, up) mm. */
function onPlane(back: number, up: number): Vec3 {
  return [0, back, up];
}

describe('slabWeights', () => {
  it.each([
    // step, width, offsets, weights: each sample's interval k·step ± step/2 overlapping ±width/2
    [3, 3, [0], [1]],
    [4, 3, [0], [1]],
    [2, 3, [-2, 0, 2], [0.5, 2, 0.5]],
    [1, 3, [-1, 0, 1], [1, 1, 1]],
    [0.7, 3, [-1.4, -0.7, 0, 0.7, 1.4], [0.45, 0.7, 0.7, 0.7, 0.45]],
    [3, 9, [-3, 0, 3], [3, 3, 3]],
  ])('reads samples %s mm apart as a %s mm slab with offsets %j', (step, width, offsets, weights) => {
    const slab = slabWeights(step, width);
    expect(slab.map((s) => s.offsetMm)).toEqual(offsets.map((o) => expect.closeTo(o, 9)));
    expect(slab.map((s) => s.weight)).toEqual(weights.map((w) => expect.closeTo(w, 9)));
  });
});

describe('a volume is measured on the displayed plane, not on a slab of its neighbours', () => {
  const heightsAt = (volume: Volume) => {
    const result = proposeVertebra(volume, onPlane(0, -3));
    if (!result.ok) throw new Error(result.error.message);
    return result.value.heightsMm;
  };

  it.each([
    ['3 mm sagittal slices', 3],
    ['2.5 mm sagittal slices', 2.5],
  ])('reads an endplate impression that only the displayed slice shows (%s)', (_name, stepMm) => {
    // The impression ends 1.25 mm either side of the displayed plane: the slices beside it show the intact endplate.
    const heights = heightsAt(drawnStack(stepMm, 7, (x) => Math.abs(x) < 1.25));
    expect(Math.abs(heights.middleMm - (HEIGHT_MM - DEPRESSION_MM))).toBeLessThan(0.75);
    expect(Math.abs(heights.anteriorMm - HEIGHT_MM)).toBeLessThan(0.75);
    expect(Math.abs(heights.posteriorMm - HEIGHT_MM)).toBeLessThan(0.75);
  });

  it.each([
    ['3 mm sagittal slices', 3],
    ['2.5 mm sagittal slices', 2.5],
  ])('does not read an impression in the slices beside the displayed one into it (%s)', (_name, stepMm) => {
    // A paramedian impression: the slices 2.5–6 mm to either side show it, the displayed one does not.
    const heights = heightsAt(drawnStack(stepMm, 7, (x) => Math.abs(x) >= 1.25 && Math.abs(x) <= 6.5));
    expect(Math.abs(heights.middleMm - HEIGHT_MM)).toBeLessThan(0.75);
    expect(Math.abs(heights.anteriorMm - HEIGHT_MM)).toBeLessThan(0.75);
    expect(Math.abs(heights.posteriorMm - HEIGHT_MM)).toBeLessThan(0.75);
  });
});
