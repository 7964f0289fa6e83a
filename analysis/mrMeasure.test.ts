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
