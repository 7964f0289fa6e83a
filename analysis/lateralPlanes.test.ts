import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE } from './confidence';
import { fitBodyBox } from './fitBodyBox';
import type { Volume } from './image';
import { withLateralPlanes } from './lateralPlanes';
import { planeViewOf } from './planeView';
import { proposeVertebra } from './proposeVertebra';
import { samplePlane } from './samplePlane';

const DEPTH_MM = 36;
const HEIGHT_MM = 26;
const WIDTH_MM = 40;
const DISC_MM = 8;
const CORTEX_MM = 1.5;
/** The drawn basivertebral foramen: a midline gap in the posterior cortex and a venous channel behind the marrow. */
const FORAMEN_HALF_WIDTH_MM = 2.5;
const FORAMEN_HALF_HEIGHT_MM = 7;
const CHANNEL_DEPTH_MM = 10;

/**
 * HU of the drawn scene at `left` mm to the patient's left of the midline, `back` mm behind and `up` mm above the
 * middle body's centre: three bodies 36 mm deep, 26 mm high and 40 mm wide (marrow 200 HU in a 1.5 mm cortex of
 * 700 HU) with 8 mm discs (80 HU), the canal (20 HU, 16 mm) behind them and a posterior element (600 HU) behind it.
 * Within 2.5 mm of the midline and 7 mm of mid-height each body's posterior wall is open and the posterior 10 mm of its
 * marrow is a venous channel (40 HU): the basivertebral foramen, whose inner end is a step like the wall's.
 */
function tissueAt(left: number, back: number, up: number): number {
  if (back < -45) return -100;
  if (back < -DEPTH_MM / 2 || Math.abs(left) > WIDTH_MM / 2) return 40;
  if (back > DEPTH_MM / 2 + 16) return back < DEPTH_MM / 2 + 40 ? 600 : 40;
  if (back > DEPTH_MM / 2) return 20;
  const period = HEIGHT_MM + DISC_MM;
  const local = ((((up + HEIGHT_MM / 2) % period) + period) % period) - HEIGHT_MM / 2;
  if (local > HEIGHT_MM / 2) return 80;
  const foramen = Math.abs(left) < FORAMEN_HALF_WIDTH_MM && Math.abs(local) < FORAMEN_HALF_HEIGHT_MM;
  if (foramen && back > DEPTH_MM / 2 - CHANNEL_DEPTH_MM) return 40;
  const rim = Math.min(DEPTH_MM / 2 - Math.abs(back), HEIGHT_MM / 2 - Math.abs(local), WIDTH_MM / 2 - Math.abs(left));
  return rim < CORTEX_MM ? 700 : 200;
}

/**
 * The drawn scene as a stack of sagittal slices 1 mm apart (x = left), 1 mm pixels (columns run back, rows to the
 * feet), on a grid offset by half a pixel so that every boundary falls between two pixel centres.
 */
function drawnVolume(): Volume {
  const [nx, ny, nz] = [31, 121, 121];
  const values = new Int16Array(nx * ny * nz);
  for (let k = 0; k < nx; k += 1) {
    for (let j = 0; j < nz; j += 1) {
      for (let i = 0; i < ny; i += 1) values[i + j * ny + k * ny * nz] = tissueAt(k - 15, i - 59.5, 59.5 - j);
    }
  }
  return {
    kind: 'volume',
    values,
    dimensions: [ny, nz, nx],
    originMm: [-15, -59.5, 59.5],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    sliceCosine: [1, 0, 0],
    spacingMm: [1, 1, 1],
    calibrated: true,
  };
}

describe('the posterior wall read beside the basivertebral foramen', () => {
  const volume = drawnVolume();

  it.each([
    ['at the centre', 0, 0],
    ['3 mm behind and 3 mm above the centre', 3, 3],
  ])('fits the whole body, not a box stopped at the venous channel, from a click %s on the midline', (_name, back, up) => {
    const view = planeViewOf(volume, [0, back, up]);
    if (!view.ok) throw new Error(view.error.message);
    const box = fitBodyBox(withLateralPlanes(view.value, volume), view.value.toPlane([0, back, up]), 'brightShell', view.value.cranial);
    expect(box).not.toBeNull();
    expect(Math.abs(box!.depthMm - DEPTH_MM)).toBeLessThanOrEqual(2);
  });

  it('proposes the body 36 mm deep with its 26 mm heights, unflagged', () => {
    const result = proposeVertebra(volume, [0, 2, -2]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    expect(Math.abs(result.value.depthMm - DEPTH_MM)).toBeLessThanOrEqual(1);
    for (const h of Object.values(result.value.heightsMm)) expect(Math.abs(h - HEIGHT_MM)).toBeLessThanOrEqual(1);
  });

  it('reads the displayed plane alone when the image is one plane (no neighbours to read)', () => {
    const plane = samplePlane(volume, { originMm: [0, -59.5, 59.5], rowCosine: [0, 1, 0], columnCosine: [0, 0, -1], columns: 121, rows: 121, spacingMm: 1 });
    if (!plane.ok) throw new Error(plane.error.message);
    const view = planeViewOf(plane.value, [0, 0, 0]);
    if (!view.ok) throw new Error(view.error.message);
    expect(withLateralPlanes(view.value, plane.value)).toBe(view.value);
    // On the plane alone the venous channel's inner end wins: the box stops inside the body (what the volume avoids).
    const box = fitBodyBox(view.value, view.value.toPlane([0, 0, 0]), 'brightShell', view.value.cranial);
    expect(box!.depthMm).toBeLessThan(DEPTH_MM - 5);
  });
});
