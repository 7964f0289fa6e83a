import { describe, expect, it } from 'vitest';
import { fitBodyBox } from './fitBodyBox';
import type { PlaneImage } from './image';
import { planeViewOf } from './planeView';
import { proposeVertebra } from './proposeVertebra';
import type { Vec2, Vec3 } from './vec';

/**
 * A drawn midsagittal CT plane (0.5 mm pixels, HU): three bodies 36 mm deep and 26 mm high (marrow 200 HU inside a
 * 1.5 mm cortex of 700 HU) stacked with 8 mm discs (80 HU), the spinal canal behind them (20 HU, 16 mm) and a bright
 * posterior element behind the canal (600 HU), soft tissue (40 HU) in front with a fat layer (−100 HU) further out,
 * and deterministic noise of ±`noiseHu`; `discMm` makes the discs thinner (a low thoracic disc is 2–3 mm). In plane mm, x runs to the back (y) and y to the feet (−z); the middle body
 * is centred on (0, 0).
 */
function drawnSpine(noiseHu: number, discMm = DISC_MM): PlaneImage {
  const spacingMm = 0.5;
  const size = 320;
  const half = (size * spacingMm) / 2;
  const values = new Float32Array(size * size);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 2 * noiseHu;
  };
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) {
      const back = -half + c * spacingMm;
      const up = half - r * spacingMm;
      values[c + r * size] = tissueAt(back, up, discMm) + noise();
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

const DEPTH_MM = 36;
const HEIGHT_MM = 26;
const DISC_MM = 8;
const CORTEX_MM = 1.5;

/** HU of the drawn scene at `back` mm behind and `up` mm above the middle body's centre, with discs `discMm` thick. */
function tissueAt(back: number, up: number, discMm: number): number {
  if (back < -45) return -100;
  if (back < -DEPTH_MM / 2) return 40;
  if (back > DEPTH_MM / 2 + 16) return back < DEPTH_MM / 2 + 40 ? 600 : 40;
  if (back > DEPTH_MM / 2) return 20;
  const period = HEIGHT_MM + discMm;
  const local = ((((up + HEIGHT_MM / 2) % period) + period) % period) - HEIGHT_MM / 2;
  if (local > HEIGHT_MM / 2) return 80;
  const rim = Math.min(DEPTH_MM / 2 - Math.abs(back), HEIGHT_MM / 2 - Math.abs(local));
  return rim < CORTEX_MM ? 700 : 200;
}

/** Patient point of plane (back, up) mm. */
function patient(back: number, up: number): Vec3 {
  return [0, back, up];
}

describe('fitBodyBox', () => {
  it.each([
    ['at the centre', 0, 0, 0],
    ['5 mm in front of and 5 mm above the centre', -5, 5, 0],
    ['at the centre of a noisy image (±120 HU)', 0, 0, 120],
  ])('fits the middle body from a click %s, not its neighbours or the canal', (_name, back, up, noiseHu) => {
    const view = planeViewOf(drawnSpine(noiseHu), patient(back, up));
    if (!view.ok) throw new Error(view.error.message);
    const seed: Vec2 = view.value.toPlane(patient(back, up));
    const box = fitBodyBox(view.value, seed, 'brightShell', view.value.cranial);
    expect(box).not.toBeNull();
    const centre = view.value.toWorld(box!.centre);
    expect(Math.abs(centre[1])).toBeLessThanOrEqual(1);
    expect(Math.abs(centre[2])).toBeLessThanOrEqual(1);
    expect(Math.abs(box!.depthMm - DEPTH_MM)).toBeLessThanOrEqual(2);
    expect(Math.abs(box!.heightMm - HEIGHT_MM)).toBeLessThanOrEqual(2);
  });
});

describe('proposeVertebra on a drawn CT with a canal and a bright posterior element behind it', () => {
  it('measures the middle body 36 mm deep with its 26 mm heights', () => {
    const result = proposeVertebra(drawnSpine(0), patient(3, -2));
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.depthMm - DEPTH_MM)).toBeLessThanOrEqual(1);
    for (const h of [result.value.heightsMm.anteriorMm, result.value.heightsMm.middleMm, result.value.heightsMm.posteriorMm]) {
      expect(Math.abs(h - HEIGHT_MM)).toBeLessThanOrEqual(1);
    }
  });
});

describe('across thin discs', () => {
  // A 2 mm disc between two 1.5 mm cortices of 700 HU: the neighbour's plate against its own marrow is a stronger exit
  // edge than the body's plate against the thin disc (the 3 mm outside window reaches the neighbour's plate).
  it.each([
    ['at the centre', 0, 0, 0],
    ['at the centre of a noisy image (±120 HU)', 0, 0, 120],
    ['8 mm above the centre', 0, 8, 60],
  ])('fits the middle body, not across a 2 mm disc, from a click %s', (_name, back, up, noiseHu) => {
    const view = planeViewOf(drawnSpine(noiseHu, 2), patient(back, up));
    if (!view.ok) throw new Error(view.error.message);
    const box = fitBodyBox(view.value, view.value.toPlane(patient(back, up)), 'brightShell', view.value.cranial);
    expect(box).not.toBeNull();
    expect(Math.abs(view.value.toWorld(box!.centre)[2])).toBeLessThanOrEqual(1);
    expect(Math.abs(box!.heightMm - HEIGHT_MM)).toBeLessThanOrEqual(2);
  });

  // Not met yet: the box is right, but the proposal from (3, −2) mm on the ±60 HU scene still reaches across both discs
  // (Hm 33.4 mm, confidence 0.75); see the README's "Not met yet".
  it.todo('proposes the middle body with its own 26 mm heights, or flags it');
});
