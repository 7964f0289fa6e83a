import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE } from './confidence';
import { DRAWN_BODY, drawnMidsagittalPlane, placeInDrawnColumn } from './drawnMidsagittalPlane.testing';
import type { PlaneImage } from './image';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal MR plane (0.5 mm pixels, signal units): three bodies 36 mm deep and 26 mm high (marrow 600 inside
 * a 1 mm dark shell of 50) stacked with 8 mm discs, the CSF behind them (1,200), fat in front (900), and deterministic
 * noise of ±20. `disc` is the discs' signal: a hydrated T2 nucleus (1,100) shows the endplate's dark band on both
 * sides; a desiccated disc or a T1 disc next to the shell (50, as dark as the bone) hides the band's outer side. In
 * plane mm, x runs to the back (y) and y to the feet (−z); the middle body is centred on (0, 0).
 */
function drawnMrSpine(disc: number): PlaneImage {
  return drawnMidsagittalPlane((backMm, upMm) => signalAt(backMm, upMm, disc), 20, 4242);
}

const HEIGHT_MM = DRAWN_BODY.heightMm;
const SHELL_MM = 1;

/** Signal at (back, up) mm: bodies and discs along the column, CSF behind, fat in front. */
function signalAt(backMm: number, upMm: number, disc: number): number {
  const place = placeInDrawnColumn(backMm, upMm);
  switch (place.kind) {
    case 'behind': return place.beyondMm < 15 ? 1200 : 400;
    case 'front': return 900;
    case 'disc': return disc;
    case 'body': return place.depthInsideMm < SHELL_MM ? 50 : 600;
  }
}

describe('measureMrBody on a drawn MR spine', () => {
  it('proposes a body whose endplates show both sides of their dark band unflagged, within 1 mm of its height', () => {
    const result = proposeVertebra(drawnMrSpine(1100), [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('darkShell');
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    expect(Math.abs(result.value.heightsMm.middleMm - HEIGHT_MM)).toBeLessThanOrEqual(1);
  });

  it.each([[0, 0], [4, 3], [-4, -3]])(
    'flags "check" a body whose endplates adjoin a disc as dark as bone (the surface only assumed), from a click at (%i, %i) mm',
    (dy, dz) => {
      const result = proposeVertebra(drawnMrSpine(50), [0, dy, dz]);
      if (!result.ok) return; // declining is also safe
      expect(result.value.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
      expect(result.value.reasons.map((r) => r.code)).toContain('SURFACE_ASSUMED');
    },
  );
});

/**
 * The drawn T2 spine (a hydrated disc, 1,100) with a beak at the middle body's anterior-superior corner, as a wedge
 * fracture's short side often ends: over the last BEAK_SPAN_MM before the anterior wall its superior endplate drops
 * BEAK_DROP_MM towards the front, disc above it, the shell 1 mm thick across the slope.
 */
const BEAK_SPAN_MM = 5;
const BEAK_DROP_MM = 7;

function beakedMrSpine(): PlaneImage {
  const front = -DRAWN_BODY.depthMm / 2;
  const slope = BEAK_DROP_MM / BEAK_SPAN_MM;
  const topAboveMiddleMm = (backMm: number) => HEIGHT_MM / 2 - slope * Math.max(0, front + BEAK_SPAN_MM - backMm);
  return drawnMidsagittalPlane(
    (backMm, upMm) => {
      const place = placeInDrawnColumn(backMm, upMm);
      if (place.kind !== 'body' || !place.middle || backMm >= front + BEAK_SPAN_MM) return signalAt(backMm, upMm, 1100);
      const belowTopMm = topAboveMiddleMm(backMm) - place.aboveMiddleMm;
      if (belowTopMm < 0) return 1100;
      return belowTopMm < SHELL_MM * Math.hypot(1, slope) ? 50 : signalAt(backMm, upMm, 1100);
    },
    20,
    4242,
  );
}

describe('measureMrBody at a beaked corner', () => {
  it.each([[0, 0], [2, 2], [-2, -2]])(
    'reads the anterior height where the beak leaves it, or says the corner was not seen, from a click at (%i, %i) mm',
    (dy, dz) => {
      const result = proposeVertebra(beakedMrSpine(), [0, dy, dz]);
      if (!result.ok) return; // declining is also safe
      // The anterior height line runs WALL_INSET_MM (1 mm) inside the wall, 4 mm into the 5 mm beak.
      const trueHaMm = HEIGHT_MM - (BEAK_DROP_MM * (BEAK_SPAN_MM - 1)) / BEAK_SPAN_MM;
      if (Math.abs(result.value.heightsMm.anteriorMm - trueHaMm) <= 1.5) return;
      expect(result.value.confidence, `Ha ${result.value.heightsMm.anteriorMm.toFixed(1)} mm against ${trueHaMm.toFixed(1)}`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
      expect(result.value.reasons.map((r) => r.code)).toContain('EDGE_NOT_FOUND');
    },
  );
});

