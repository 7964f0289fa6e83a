import { describe, expect, it } from 'vitest';
import { DRAWN_BODY, drawnMidsagittalPlane, placeInDrawnColumn, withPointSpread } from './drawnMidsagittalPlane.testing';
import type { PlaneImage } from './image';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal T2 plane (0.5 mm pixels, noise ±20, an MR's point spread): bodies 36 mm deep and 26 mm high of
 * fatty marrow (600) in a 1 mm dark shell (50), except at the superior endplates, where the marrow meets the disc
 * (`disc`, 1.3–2 × the marrow: a nucleus losing water beside fatty marrow) with no dark line: the thin cortex lost in
 * the blur and the slice. CSF (1,800) behind the bodies, fat (900) in front.
 */
function drawnT2WithoutSuperiorLine(disc: number): PlaneImage {
  const signal = (backMm: number, upMm: number): number => {
    const place = placeInDrawnColumn(backMm, upMm);
    switch (place.kind) {
      case 'behind': return place.beyondMm < 15 ? 1800 : 400;
      case 'front': return 900;
      case 'disc': return disc;
      case 'body': {
        const toSuperiorMm = DRAWN_BODY.heightMm / 2 - place.aboveMiddleMm;
        const inShell = place.depthInsideMm < 1 && toSuperiorMm > place.depthInsideMm;
        return inShell ? 50 : 600;
      }
    }
  };
  return drawnMidsagittalPlane(withPointSpread(signal), 20, 4242);
}

describe('a T2 endplate with no dark line against a disc less than twice as bright as the marrow', () => {
  it.each([
    [800, 0, 0],
    [1000, 0, 0],
    [1000, 4, 3],
    [1000, -4, -3],
    [1000, 0, 6],
    [1150, 0, -6],
  ])('reads the body up to its own endplate, not the neighbour\'s across the disc (disc %i, click at (%i, %i) mm)', (disc, dy, dz) => {
    const result = proposeVertebra(drawnT2WithoutSuperiorLine(disc), [0, dy, dz]);
    if (!result.ok) throw new Error(result.error.message);
    const { anteriorMm, middleMm, posteriorMm } = result.value.heightsMm;
    for (const h of [anteriorMm, middleMm, posteriorMm]) {
      expect(Math.abs(h - DRAWN_BODY.heightMm), `heights ${anteriorMm.toFixed(1)} / ${middleMm.toFixed(1)} / ${posteriorMm.toFixed(1)} mm against ${DRAWN_BODY.heightMm}`).toBeLessThanOrEqual(1.5);
    }
  });
});

/**
 * The drawn T2 column with a 1 mm dark shell all round and, in the middle body, oedema (1,050: 1.75 × the marrow) over
 * its upper 8 mm, under the superior endplate; the disc beyond as bright as the marrow (600). The marrow rises into the
 * oedema as it would into a disc, and the blurred shell between the oedema and the disc is hardly darker than the marrow.
 */
function drawnT2WithOedema(): PlaneImage {
  const signal = (backMm: number, upMm: number): number => {
    const place = placeInDrawnColumn(backMm, upMm);
    switch (place.kind) {
      case 'behind': return place.beyondMm < 15 ? 1800 : 400;
      case 'front': return 900;
      case 'disc': return 600;
      case 'body': {
        if (place.depthInsideMm < 1) return 50;
        return place.middle && place.aboveMiddleMm > DRAWN_BODY.heightMm / 2 - 8 ? 1050 : 600;
      }
    }
  };
  return drawnMidsagittalPlane(withPointSpread(signal), 20, 4242);
}

describe('oedema under an endplate on T2', () => {
  it.each([[0, 0], [4, 3], [-4, -3], [0, -6]])('does not end the body where the marrow rises into it (click at (%i, %i) mm)', (dy, dz) => {
    // Beyond the oedema lie the shell, the disc and the neighbour's endplate band, not the neighbour's marrow.
    const result = proposeVertebra(drawnT2WithOedema(), [0, dy, dz]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.heightsMm.middleMm, `middle height ${result.value.heightsMm.middleMm.toFixed(1)} mm`).toBeGreaterThan(DRAWN_BODY.heightMm - 2);
  });
});
