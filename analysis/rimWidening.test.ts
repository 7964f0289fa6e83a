import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE } from './confidence';
import { DRAWN_BODY, drawnMidsagittalPlane, drawnT2Value, placeInDrawnColumn, withPointSpread } from './drawnMidsagittalPlane.testing';
import type { PlaneImage } from './image';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal T2 plane (drawnT2Value; 0.5 mm pixels, noise ±4, an MR's point spread). In each disc, over its
 * last `rimMm` before the posterior wall, the annulus's outer fibres lie dark (20) against both endplates for
 * `annulusMm`: there the endplate's dark band is the cortex and the annulus together, as on a real lumbar T2.
 */
function drawnT2WithPosteriorAnnulus(annulusMm: number, rimMm: number): PlaneImage {
  const period = DRAWN_BODY.heightMm + DRAWN_BODY.discMm;
  const signal = (backMm: number, upMm: number): number => {
    const place = placeInDrawnColumn(backMm, upMm);
    if (place.kind !== 'disc') return drawnT2Value(place);
    const intoDiscMm = ((((upMm + DRAWN_BODY.heightMm / 2) % period) + period) % period) - DRAWN_BODY.heightMm;
    const fromPlateMm = Math.min(intoDiscMm, DRAWN_BODY.discMm - intoDiscMm);
    return backMm > DRAWN_BODY.depthMm / 2 - rimMm && fromPlateMm < annulusMm ? 20 : drawnT2Value(place);
  };
  return drawnMidsagittalPlane(withPointSpread(signal), 4, 2718);
}

const WIDENS = /posterior (superior|inferior) corner the endplate's dark band widens/;

describe('an endplate band that widens at the posterior rim on T2', () => {
  it('flags the posterior corners "check" where the dark annulus joins the endplates over their last 5 mm', () => {
    const result = proposeVertebra(drawnT2WithPosteriorAnnulus(2.5, 5), [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.reasons.some((r) => r.code === 'SURFACE_ASSUMED' && WIDENS.test(r.message))).toBe(true);
    expect(result.value.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });

  it('leaves a body whose bands keep their width to its rims unflagged', () => {
    const result = proposeVertebra(drawnT2WithPosteriorAnnulus(0, 0), [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.reasons.map((r) => r.code)).toEqual([]);
  });
});
