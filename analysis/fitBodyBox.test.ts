import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE } from './confidence';
import { fitBodyBox } from './fitBodyBox';
import { drawnMidsagittalPlane } from './drawnMidsagittalPlane.testing';
import type { PlaneImage } from './image';
import { planeViewOf } from './planeView';
import { proposeVertebra } from './proposeVertebra';
import type { Vec2, Vec3 } from './vec';

/**
 * A drawn midsagittal CT plane (0.5 mm pixels, HU): three bodies 36 mm deep and 26 mm high (marrow 200 HU inside a
 * 1.5 mm cortex of 700 HU) stacked with 8 mm discs (80 HU), the spinal canal behind them (20 HU, 16 mm) and a bright
 * posterior element behind the canal (600 HU), soft tissue (40 HU) in front with a fat layer (−100 HU) further out,
 * and deterministic noise of ±`noiseHu`; `discMm` makes the discs thinner (a low thoracic disc is 2–3 mm) and `tiltDeg`
 * turns the whole spine in the plane about the middle body's centre (a kyphotic or lordotic segment); `canalDepthMm`
 * draws a basivertebral canal that deep in each body (see tissueAt). In plane mm, x
 * runs to the back (y) and y to the feet (−z); the middle body is centred on (0, 0).
 */
function drawnSpine(noiseHu: number, discMm = DISC_MM, tiltDeg = 0, canalDepthMm = 0): PlaneImage {
  const cos = Math.cos((tiltDeg * Math.PI) / 180);
  const sin = Math.sin((tiltDeg * Math.PI) / 180);
  return drawnMidsagittalPlane((back, up) => tissueAt(back * cos + up * sin, -back * sin + up * cos, discMm, canalDepthMm), noiseHu, 12345);
}

const DEPTH_MM = 36;
const HEIGHT_MM = 26;
const DISC_MM = 8;
const CORTEX_MM = 1.5;

/** Half-height of the drawn basivertebral canal, mm: it runs through the middle 8 mm of each body's height. */
const BASIVERTEBRAL_HALF_HEIGHT_MM = 4;
const BASIVERTEBRAL_HU = 40;

/**
 * HU of the drawn scene at `back` mm behind and `up` mm above the middle body's centre, with discs `discMm` thick; with
 * `canalDepthMm` > 0 each body holds a basivertebral canal on the midline: venous blood (40 HU) over the middle 8 mm of
 * its height, from just inside the posterior cortex `canalDepthMm` forward, whose inner end is a step from the marrow
 * like the wall's own.
 */
function tissueAt(back: number, up: number, discMm: number, canalDepthMm = 0): number {
  if (back < -45) return -100;
  if (back < -DEPTH_MM / 2) return 40;
  if (back > DEPTH_MM / 2 + 16) return back < DEPTH_MM / 2 + 40 ? 600 : 40;
  if (back > DEPTH_MM / 2) return 20;
  const period = HEIGHT_MM + discMm;
  const local = ((((up + HEIGHT_MM / 2) % period) + period) % period) - HEIGHT_MM / 2;
  if (local > HEIGHT_MM / 2) return 80;
  const rim = Math.min(DEPTH_MM / 2 - Math.abs(back), HEIGHT_MM / 2 - Math.abs(local));
  if (rim < CORTEX_MM) return 700;
  const inCanal = back > DEPTH_MM / 2 - CORTEX_MM - canalDepthMm && Math.abs(local) < BASIVERTEBRAL_HALF_HEIGHT_MM;
  return inCanal ? BASIVERTEBRAL_HU : 200;
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

describe('fitBodyBox passing over outlines (avoid)', () => {
  // A body whose endplates could not be measured is passed over (proposeVertebra.ts proposeFrom): the next best outline
  // around the click is fitted instead, never the one avoided; an empty list leaves the fit as it is.
  it('fits another outline than the one avoided, and the same one with nothing to avoid', () => {
    const view = planeViewOf(drawnSpine(60), patient(0, 0));
    if (!view.ok) throw new Error(view.error.message);
    const seed = view.value.toPlane(patient(0, 0));
    const box = fitBodyBox(view.value, seed, 'brightShell', view.value.cranial);
    expect(box).not.toBeNull();
    expect(fitBodyBox(view.value, seed, 'brightShell', view.value.cranial, [])).toEqual(box);
    const outline = {
      centre: box!.centre,
      cranial: box!.cranial,
      anterior: box!.anterior,
      anteriorWallMm: box!.depthMm / 2,
      posteriorWallMm: -box!.depthMm / 2,
      superiorMm: box!.heightMm / 2,
      inferiorMm: -box!.heightMm / 2,
    };
    const other = fitBodyBox(view.value, seed, 'brightShell', view.value.cranial, [outline]);
    if (!other) return;
    // Some side of the other box lies more than 4 mm (SAME_OUTLINE_MM) from the avoided outline's.
    const offset = (b: NonNullable<typeof box>, sign: number, axis: 'anterior' | 'cranial', half: number) =>
      (b.centre[0] - seed[0]) * b[axis][0] + (b.centre[1] - seed[1]) * b[axis][1] + sign * half;
    const sides = (b: NonNullable<typeof box>) => [
      offset(b, 1, 'anterior', b.depthMm / 2),
      offset(b, -1, 'anterior', b.depthMm / 2),
      offset(b, 1, 'cranial', b.heightMm / 2),
      offset(b, -1, 'cranial', b.heightMm / 2),
    ];
    const moved = sides(other).map((v, k) => Math.abs(v - sides(box!)[k]!));
    expect(Math.max(...moved)).toBeGreaterThan(4);
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

  // The body's own endplate is the plate on its side of the disc's dark line: a 2 mm disc leaves the half-maximum edge
  // no outside window of its own (1–3 mm beyond it lies the neighbour's plate), and a smoothed noisy plane leaves the
  // disc only a shallow dip between the two plates.
  const CLICKS: readonly (readonly [number, number])[] = [
    [3, -2],
    [0, 0],
    [0, 8],
    [-5, 5],
    [5, -6],
  ];
  const SCENES: readonly (readonly [string, number, number, number])[] = [
    ['2 mm discs', 2, 0, 0],
    ['2 mm discs, ±60 HU', 2, 60, 0],
    ['2 mm discs, ±120 HU', 2, 120, 0],
    ['3 mm discs, ±60 HU', 3, 60, 0],
    ['3 mm discs, ±120 HU', 3, 120, 0],
    ['2 mm discs, ±60 HU, the spine tilted 12°', 2, 60, 12],
    ['3 mm discs, ±60 HU, the spine tilted −15°', 3, 60, -15],
  ];
  it.each(SCENES)('proposes the middle body with its own 26 mm heights, or flags it, on %s', (_name, discMm, noiseHu, tiltDeg) => {
    const image = drawnSpine(noiseHu, discMm, tiltDeg);
    for (const [back, up] of CLICKS) {
      const result = proposeVertebra(image, patient(back, up));
      if (!result.ok) continue;
      const { anteriorMm, middleMm, posteriorMm } = result.value.heightsMm;
      const worstErrorMm = Math.max(...[anteriorMm, middleMm, posteriorMm].map((h) => Math.abs(h - HEIGHT_MM)));
      const flagged = result.value.confidence < CHECK_BELOW_CONFIDENCE;
      expect({ click: [back, up], flagged, wrong: worstErrorMm > 1.5 }).not.toEqual({ click: [back, up], flagged: false, wrong: true });
    }
  });

  it.each([
    ['2 mm discs', 2, 0],
    ['3 mm discs, ±60 HU', 3, 60],
  ])('proposes the middle body confidently within 1.5 mm of its heights on a clear image with %s', (_name, discMm, noiseHu) => {
    const result = proposeVertebra(drawnSpine(noiseHu, discMm), patient(3, -2));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    for (const h of [result.value.heightsMm.anteriorMm, result.value.heightsMm.middleMm, result.value.heightsMm.posteriorMm]) {
      expect(Math.abs(h - HEIGHT_MM)).toBeLessThanOrEqual(1.5);
    }
  });

  it.each(CLICKS)('never measures across a 2 mm disc (±60 HU) from a click at (%s, %s) mm', (back, up) => {
    const result = proposeVertebra(drawnSpine(60, 2), patient(back, up));
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.heightsMm.middleMm - HEIGHT_MM)).toBeLessThanOrEqual(1.5);
  });
});

describe('beside a basivertebral canal', () => {
  // The basivertebral veins leave the body through the middle of its posterior wall, and the inner end of their canal,
  // 5–10 mm inside the wall on the real VerSe CT, is a posterior-facing edge over the middle of the height only: a box
  // stopped there must not outscore the body's whole outline, which holds that edge inside it.
  const CANAL_DEPTH_MM = 8;
  it.each([
    ['at the centre', 0, 0],
    ['3 mm behind and 2 mm below the centre', 3, -2],
    ['5 mm in front of and 5 mm above the centre', -5, 5],
  ])('fits the whole body, not a box stopped at the inner end of the canal, from a click %s', (_name, back, up) => {
    const view = planeViewOf(drawnSpine(0, DISC_MM, 0, CANAL_DEPTH_MM), patient(back, up));
    if (!view.ok) throw new Error(view.error.message);
    const box = fitBodyBox(view.value, view.value.toPlane(patient(back, up)), 'brightShell', view.value.cranial);
    expect(box).not.toBeNull();
    expect(Math.abs(box!.depthMm - DEPTH_MM), `depth ${box!.depthMm} mm`).toBeLessThanOrEqual(2);
    expect(Math.abs(box!.heightMm - HEIGHT_MM), `height ${box!.heightMm} mm`).toBeLessThanOrEqual(2);
  });

  it('proposes the body 36 mm deep with its 26 mm heights, unflagged, on a noisy image (±60 HU)', () => {
    const result = proposeVertebra(drawnSpine(60, DISC_MM, 0, CANAL_DEPTH_MM), patient(3, -2));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    expect(Math.abs(result.value.depthMm - DEPTH_MM)).toBeLessThanOrEqual(1.5);
    for (const h of [result.value.heightsMm.anteriorMm, result.value.heightsMm.middleMm, result.value.heightsMm.posteriorMm]) {
      expect(Math.abs(h - HEIGHT_MM)).toBeLessThanOrEqual(1.5);
    }
  });
});

describe('an enhanced aorta in front of an osteoporotic body', () => {
  // The drawn spine with osteoporotic bone (marrow 80 HU inside a 1.5 mm shell of 350 HU) and, in front of every body
  // and disc, 2 mm of soft tissue (the aorta's wall, 40 HU) and then 16 mm of contrast-enhanced lumen (300 HU): the
  // lumen is brighter than the marrow, and the body's anterior wall, whose outside window reaches the lumen, scores as
  // no edge. Before gap lines were read the box took the lumen's front for the anterior wall.
  const LUMEN_FROM_MM = 2;
  const LUMEN_TO_MM = 18;
  function osteoporoticWithAorta(back: number, up: number): number {
    const inFront = -DEPTH_MM / 2 - back;
    if (inFront > LUMEN_FROM_MM && inFront <= LUMEN_TO_MM) return 300;
    const value = tissueAt(back, up, DISC_MM);
    return value === 200 ? 80 : value === 700 ? 350 : value;
  }

  it.each([
    ['at the centre', 0, 0, 0],
    ['6 mm behind the centre', 6, 3, 0],
    ['at the centre of a noisy image (±60 HU)', 0, 0, 60],
  ])('fits the body to its own walls from a click %s', (_name, back, up, noiseHu) => {
    const view = planeViewOf(drawnMidsagittalPlane(osteoporoticWithAorta, noiseHu, 777), patient(back, up));
    if (!view.ok) throw new Error(view.error.message);
    const box = fitBodyBox(view.value, view.value.toPlane(patient(back, up)), 'brightShell', view.value.cranial);
    expect(box).not.toBeNull();
    // The box's sides lie on a 1 mm grid; the walls are placed on the profiles afterwards (frameFromBox).
    expect(Math.abs(box!.depthMm - DEPTH_MM)).toBeLessThanOrEqual(3);
    expect(Math.abs(view.value.toWorld(box!.centre)[1])).toBeLessThanOrEqual(1.5);
  });
});
