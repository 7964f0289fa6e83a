import { describe, expect, it } from 'vitest';
import { drawnCtColumnValue, drawnMidsagittalPlane } from './drawnMidsagittalPlane.testing';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal contrast CT plane (HU) of bodies about as deep as tall, as upper thoracic bodies and some T12s
 * are: 25 mm deep, 23.5 mm tall at the front and 25.5 mm at the back (marrow 200 HU, a 1.2 mm cortex of 600 HU),
 * between 4 mm discs (80 HU), the canal behind them (20 HU), and the enhanced aorta (450 HU, 22 mm across) lying
 * `gapMm` in front of the anterior wall with soft tissue (40 HU) between; fat (−100 HU) beyond; noise ±60 HU. x runs
 * to the back.
 */
const BODY = { depthMm: 25, anteriorMm: 23.5, posteriorMm: 25.5, discMm: 4 } as const;

function plane(gapMm: number) {
  const column = { ...BODY, cortexMm: 1.2, marrowHu: 200, cortexHu: 600, discHu: 80, inFront: (mm: number) => (mm < gapMm ? 40 : mm < gapMm + 22 ? 450 : -100) };
  return drawnMidsagittalPlane((back, up) => drawnCtColumnValue(column, back, up), 60, 77);
}

const CLICKS = [-3, 0, 3].flatMap((back) => [-3, 0, 3].map((up) => [back, up] as const));

// A real contrast chest CT's T12 (25 mm deep, 23–25 mm tall) read as a 39–40 mm deep body from 3 of 9 clicks: read a
// little shallower than its posterior height, it was replaced by an outline reaching forward over the aorta. With the
// aorta 1 mm in front of the wall, the look beyond the "short" anterior wall did the same from every click (48 mm).
describe('a body about as deep as tall, with the enhanced aorta against its anterior wall (CT)', () => {
  it.each([1, 2])('is read wall to wall from nine clicks ±3 mm around its centre, the aorta %s mm in front', (gapMm) => {
    const image = plane(gapMm);
    for (const [back, up] of CLICKS) {
      const result = proposeVertebra(image, [0, back, up]);
      if (!result.ok) throw new Error(result.error.message);
      const { depthMm, heightsMm } = result.value;
      expect(Math.abs(depthMm - BODY.depthMm), `click (${back}, ${up}): depth ${depthMm.toFixed(1)} mm`).toBeLessThanOrEqual(1.5);
      expect(Math.abs(heightsMm.anteriorMm - BODY.anteriorMm), `click (${back}, ${up}): Ha`).toBeLessThanOrEqual(1.5);
      expect(Math.abs(heightsMm.posteriorMm - BODY.posteriorMm), `click (${back}, ${up}): Hp`).toBeLessThanOrEqual(1.5);
    }
  });
});
