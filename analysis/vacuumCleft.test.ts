import { describe, expect, it } from 'vitest';
import { drawnMidsagittalPlane, placeInDrawnColumn } from './drawnMidsagittalPlane.testing';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal CT plane (HU): bodies 34 mm deep and 26 mm high (marrow 200 HU, a 1.2 mm cortex of 700 HU)
 * between 6 mm discs (80 HU), the canal behind them (20 HU), soft tissue (40 HU) in front and fat (−100 HU) 20 mm in
 * front; noise ±60 HU. x runs to the back. `gas` draws gas (−900 HU) in the column's middle body or in front of it: its front and back, mm behind the
 * anterior wall (negative: in front of it), over `gasHalfHeightMm` above and below mid-height, and `aheadHu` in front of it.
 */
const BODY = { depthMm: 34, heightMm: 26, discMm: 6 } as const;
const CORTEX_MM = 1.2;

function plane(gas: { readonly frontMm: number; readonly backMm: number; readonly halfHeightMm: number; readonly aheadHu?: number } | null) {
  return drawnMidsagittalPlane((back, up) => {
    const fromFrontMm = back + BODY.depthMm / 2;
    if (gas && Math.abs(up) < gas.halfHeightMm && fromFrontMm >= gas.frontMm && fromFrontMm <= gas.backMm) return -900;
    if (gas?.aheadHu !== undefined && fromFrontMm < gas.frontMm) return gas.aheadHu;
    const place = placeInDrawnColumn(back, up, BODY);
    if (place.kind === 'front') return back < -BODY.depthMm / 2 - 20 ? -100 : 40;
    if (place.kind === 'behind') return place.beyondMm <= 16 ? 20 : 40;
    if (place.kind === 'disc') return 80;
    return place.depthInsideMm < CORTEX_MM ? 700 : 200;
  }, 60, 4242);
}

const CLICKS = [-3, 0, 3].flatMap((back) => [-3, 0, 3].map((up) => [back, up] as const));

describe('gas inside a body on CT (an intravertebral vacuum cleft)', () => {
  // A cleft 3 mm deep and 12 mm tall, 4 mm behind the anterior wall: its back edge is a wall as strong as the body's.
  const cleft = plane({ frontMm: 4, backMm: 7, halfHeightMm: 6 });

  it.each(CLICKS)('is read wall to wall, heights within 1.5 mm, flagged VACUUM_CLEFT, from a click (%s, %s) mm off its centre', (back, up) => {
    const result = proposeVertebra(cleft, [0, back + 3, up]);
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.depthMm - BODY.depthMm), `depth ${result.value.depthMm.toFixed(1)} mm`).toBeLessThanOrEqual(1.5);
    const { anteriorMm, middleMm, posteriorMm } = result.value.heightsMm;
    for (const h of [anteriorMm, middleMm, posteriorMm]) expect(Math.abs(h - BODY.heightMm)).toBeLessThanOrEqual(1.5);
    expect(result.value.reasons.map((r) => r.code)).toContain('VACUUM_CLEFT');
  });

  it('says nothing of gas in front of a body with soft tissue beyond it (bowel), nor of a body without gas', () => {
    // Bowel gas 3 mm in front of the anterior wall, 8 mm deep (its edge, stronger than the cortex's, draws the anterior
    // wall 2–3 mm forward: not a cleft, and not what this test holds).
    const bowel = plane({ frontMm: -11, backMm: -3, halfHeightMm: 6 });
    for (const [name, image] of [['bowel', bowel], ['no gas', plane(null)]] as const) {
      const result = proposeVertebra(image, [0, 0, 0]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.reasons.map((r) => r.code), name).not.toContain('VACUUM_CLEFT');
    }
    const plain = proposeVertebra(plane(null), [0, 0, 0]);
    if (!plain.ok) throw new Error(plain.error.message);
    expect(Math.abs(plain.value.depthMm - BODY.depthMm)).toBeLessThanOrEqual(1.5);
  });

  // The oesophagus in front of a thoracic body on a contrast CT (TotalSegmentator's aorta sample, a 1.5 mm chest CT: its
  // air 3–4 mm in front of the anterior wall, the enhanced heart and aorta, 400–500 HU, in front of the air) was read as
  // a cleft with bone in front of it, on four bodies of ten. A cleft is closed by its body's endplates; this air runs on
  // past them.
  it('says nothing of air in a tube in front of the body that runs on past its endplates, with enhanced blood in front', () => {
    const oesophagus = plane({ frontMm: -10, backMm: -3, halfHeightMm: 40, aheadHu: 450 });
    for (const [back, up] of CLICKS) {
      const result = proposeVertebra(oesophagus, [0, back, up]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.reasons.map((r) => r.code), `click (${back}, ${up})`).not.toContain('VACUUM_CLEFT');
    }
  });
});
