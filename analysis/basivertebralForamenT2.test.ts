import { describe, expect, it } from 'vitest';
import { DRAWN_BODY, drawnMidsagittalPlane, placeInDrawnColumn, withPointSpread } from './drawnMidsagittalPlane.testing';
import type { PlaneImage } from './image';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal T2 plane (0.5 mm pixels, deterministic noise of ±`noise`): bodies 36 mm deep and 26 mm high,
 * marrow 60 inside a 1 mm dark cortex (10), bright discs (100), soft tissue in front (80). Behind each body lies the
 * canal as a healthy lumbar T2 shows it: the posterior longitudinal ligament (dark, 1.5 mm), the CSF (110, as bright as
 * 1.8 × the marrow: a real 1.5 T T2 TSE's 1.7–1.8 ×) to 15 mm, the dura and the posterior elements (30), then fat
 * (120). Over the middle `foramenMm` of each body's height the basivertebral veins leave through the posterior wall:
 * no cortex and no ligament there, only the venous plexus (75) for 3 mm before the CSF. All seen through an MR's point
 * spread (σ 0.6 mm).
 */
function drawnT2WithForamen(foramenMm: number, noise: number): PlaneImage {
  const period = DRAWN_BODY.heightMm + DRAWN_BODY.discMm;
  const inForamen = (upMm: number) => {
    const aboveMiddle = ((((upMm + DRAWN_BODY.heightMm / 2) % period) + period) % period) - DRAWN_BODY.heightMm / 2;
    return Math.abs(aboveMiddle) < foramenMm / 2;
  };
  const signal = (backMm: number, upMm: number): number => {
    const place = placeInDrawnColumn(backMm, upMm);
    switch (place.kind) {
      case 'behind':
        if (place.beyondMm < (inForamen(upMm) ? 3 : 1.5)) return inForamen(upMm) ? 75 : 15;
        if (place.beyondMm < 15) return 110;
        return place.beyondMm < 18 ? 30 : 120;
      case 'front':
        return 80;
      case 'disc':
        return 100;
      case 'body': {
        const toBackMm = DRAWN_BODY.depthMm / 2 - backMm;
        const atForamen = toBackMm < 1 && place.depthInsideMm === toBackMm && inForamen(upMm);
        return place.depthInsideMm < 1 && !atForamen ? 10 : 60;
      }
    }
  };
  return drawnMidsagittalPlane(withPointSpread(signal), noise, 2718);
}

describe('a posterior wall open at the basivertebral foramen on T2', () => {
  it.each([
    [10, 0, 0],
    [14, 0, 0],
    [14, 4, 3],
    [14, -4, -3],
    [18, 3, -4],
  ])('reads a body whose wall shows no cortex over its middle %i mm (click at %i, %i mm) as deep as it is, not to the back of the dural sac', (foramenMm, dy, dz) => {
    const result = proposeVertebra(drawnT2WithForamen(foramenMm, 4), [0, dy, dz]);
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.depthMm - DRAWN_BODY.depthMm), `depth ${result.value.depthMm.toFixed(1)} mm against ${DRAWN_BODY.depthMm}`).toBeLessThanOrEqual(1.5);
    for (const corner of [result.value.points.posteriorSuperior, result.value.points.posteriorInferior]) {
      expect(corner[1]).toBeLessThan(DRAWN_BODY.depthMm / 2);
    }
    for (const height of [result.value.heightsMm.anteriorMm, result.value.heightsMm.middleMm, result.value.heightsMm.posteriorMm]) {
      expect(Math.abs(height - DRAWN_BODY.heightMm)).toBeLessThanOrEqual(1.5);
    }
  });
});
