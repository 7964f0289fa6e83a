import { describe, expect, it } from 'vitest';
import { DRAWN_BODY, drawnMidsagittalPlane, placeInDrawnColumn, withPointSpread } from './drawnMidsagittalPlane.testing';
import type { PlaneImage } from './image';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal T1 plane (0.5 mm pixels, signal units, deterministic noise of ±`noise`): bodies 36 mm deep and
 * 26 mm high (fatty marrow 650 inside a 1 mm dark shell of 40), dark T1 discs (300), fat in front (1,000). The
 * posterior wall's cortex is `posteriorShellMm` thin (the thinnest of a body's), and behind it lies the canal as T1
 * shows it: the ligament, the epidural veins and the dura darkening from 240 at the wall to 160 at 10 mm, the CSF (130)
 * to 15 mm, then the posterior epidural fat (1,000); all seen through an MR's point spread (σ 0.6 mm). The thin cortex
 * is then no darker than the canal beyond it: the marrow falls once into a dark that lasts 15 mm, and the first dark
 * band with a far side is the back of the canal.
 */
function drawnT1Spine(posteriorShellMm: number, noise: number): PlaneImage {
  const signal = (backMm: number, upMm: number): number => {
    const place = placeInDrawnColumn(backMm, upMm);
    switch (place.kind) {
      case 'behind':
        if (place.beyondMm < 10) return 240 - 8 * place.beyondMm;
        return place.beyondMm < 15 ? 130 : 1000;
      case 'front': return 1000;
      case 'disc': return 300;
      case 'body': {
        const toBackMm = DRAWN_BODY.depthMm / 2 - backMm;
        const inShell = toBackMm < posteriorShellMm || (place.depthInsideMm < 1 && place.depthInsideMm < toBackMm);
        return inShell ? 40 : 650;
      }
    }
  };
  return drawnMidsagittalPlane(withPointSpread(signal), noise, 4242);
}

describe('a posterior wall that merges with the dark canal on T1', () => {
  it.each([
    [0.3, 20, 0, 0],
    [0.3, 20, 4, 3],
    [0.3, 20, -4, -3],
    [0.3, 45, 0, 0],
    [0.2, 45, 3, -4],
  ])('reads a body with a %f mm posterior cortex (noise ±%i) from a click at (%i, %i) mm as deep as it is, not to the back of the canal', (posteriorShellMm, noise, dy, dz) => {
    const result = proposeVertebra(drawnT1Spine(posteriorShellMm, noise), [0, dy, dz]);
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.depthMm - DRAWN_BODY.depthMm), `depth ${result.value.depthMm.toFixed(1)} mm against ${DRAWN_BODY.depthMm}`).toBeLessThanOrEqual(1.5);
    // The posterior points lie on the body, not in the canal (y runs to the back; the wall is at half the depth).
    for (const corner of [result.value.points.posteriorSuperior, result.value.points.posteriorInferior]) {
      expect(corner[1]).toBeLessThan(DRAWN_BODY.depthMm / 2);
    }
    expect(Math.abs(result.value.heightsMm.posteriorMm - DRAWN_BODY.heightMm)).toBeLessThanOrEqual(1.5);
  });
});

/**
 * The drawn T1 column with a 2 mm posterior cortex band against CSF (150, 15 mm) and, in the middle body, oedema
 * (`oedema`, darker than the fatty marrow's 650) over its posterior `oedemaMm`: a fracture's oedema reaching the
 * posterior wall. The marrow falls into the oedema and the oedema into the cortex and the canal, all darker than half
 * the marrow: a lasting dark, but not the canal's.
 */
function drawnT1WithPosteriorOedema(oedemaMm: number, oedema: number): PlaneImage {
  return drawnMidsagittalPlane(
    (backMm, upMm) => {
      const place = placeInDrawnColumn(backMm, upMm);
      switch (place.kind) {
        case 'behind': return place.beyondMm < 15 ? 150 : 1000;
        case 'front': return 1000;
        case 'disc': return 300;
        case 'body': {
          if (place.depthInsideMm < 0.5) return 40;
          return place.middle && DRAWN_BODY.depthMm / 2 - backMm < oedemaMm ? oedema : 650;
        }
      }
    },
    20,
    4242,
  );
}

describe('oedema reaching the posterior wall on T1', () => {
  it.each([[0, 0], [-4, 3], [-4, -3]])('is not read as the canal: the wall stays at the cortex from a click at (%i, %i) mm', (dy, dz) => {
    // Oedema at 0.54 × the marrow over the posterior 12 mm; the canal behind a T1 body reads 0.27–0.32 × (the made T1).
    const result = proposeVertebra(drawnT1WithPosteriorOedema(12, 350), [0, dy, dz]);
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.depthMm - DRAWN_BODY.depthMm), `depth ${result.value.depthMm.toFixed(1)} mm against ${DRAWN_BODY.depthMm}`).toBeLessThanOrEqual(1.5);
  });
});
