import { describe, expect, it } from 'vitest';
import { drawnCtColumnValue, drawnMidsagittalPlane } from './drawnMidsagittalPlane.testing';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal CT plane (HU) of upper thoracic bodies a little taller than deep, as a real chest CT's T4 reads
 * on a plane a few millimetres beside its midline: 20 mm deep, 22 mm tall at the front and 24 mm at the back (marrow
 * 150 HU, a 1.2 mm cortex of 500 HU), between 4 mm discs (60 HU), the canal behind them (20 HU); in front of the
 * anterior wall the oesophagus's soft tissue (40 HU, `tissueMm` deep) and then the trachea's air (−900 HU, 18 mm), fat
 * (−100 HU) beyond; noise ±50 HU. x runs to the back.
 */
const BODY = { depthMm: 20, anteriorMm: 22, posteriorMm: 24, discMm: 4 } as const;

function plane(tissueMm: number) {
  const column = { ...BODY, cortexMm: 1.2, marrowHu: 150, cortexHu: 500, discHu: 60, inFront: (mm: number) => (mm < tissueMm ? 40 : mm < tissueMm + 18 ? -900 : -100) };
  return drawnMidsagittalPlane((back, up) => drawnCtColumnValue(column, back, up), 50, 31);
}

const CLICKS = [-3, 0, 3].flatMap((back) => [-3, 0, 3].map((up) => [back, up] as const));

// The real chest CT's T4, 20 mm deep and read 24 mm tall on planes 3–5 mm beside its midline, was taken for too shallow
// a body; the outline reaching forward over the oesophagus to the trachea's air replaced it (41 mm deep), and the spine
// from T4 and T12 counted from T6. An outline is not deepened over soft tissue in front of the anterior wall.
describe('a body a little taller than deep, the oesophagus and the trachea in front of it (CT)', () => {
  it.each([10, 16])('is not read over the %s mm of soft tissue in front of its anterior wall, from nine clicks ±3 mm', (tissueMm) => {
    const image = plane(tissueMm);
    for (const [back, up] of CLICKS) {
      const result = proposeVertebra(image, [0, back, up]);
      if (!result.ok) continue;
      // The anterior wall read (x of the centre less half the depth) against the body's at −depth / 2.
      const { depthMm, centreMm } = result.value;
      const frontMm = centreMm[1] - depthMm / 2;
      expect(frontMm, `click (${back}, ${up}): anterior wall, mm behind the body's`).toBeGreaterThanOrEqual(-BODY.depthMm / 2 - 2);
    }
  });
});
