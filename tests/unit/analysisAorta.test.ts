import { describe, expect, it } from 'vitest';
import { detectSpine, proposeVertebra, seriesHeaderOf } from '../../analysis';
import { atItsLevel, centreOf, depthOfMm, heightErrorsMm } from '../bench/assistFigures';
import { CT_HU, fineScene, renderCt, spineOf, truthOnPlane } from '../helpers/phantomVariants';

// A contrast-enhanced aorta against the front of an osteoporotic spine (tests/helpers/phantomVariants.ts AORTA: its
// lumen 2 mm in front of the anterior cortex at the midline, 300 HU in the arterial phase) on a 1 mm CT whose marrow is
// 80 HU inside a 1 mm shell of 350 HU. The lumen is brighter than the marrow, and the body's own anterior wall, whose
// outside window reaches the lumen, scored as no edge: the box fitted to the body took the lumen's front for the
// anterior wall (20 of these 30 clicks read 15–18 mm deep, 18 with a height off by more than 1.5 mm, all flagged) and
// detectSpine put five of six bodies at the wrong level. The aorta's wall between them is a gap line over the whole
// height of the box (fitBodyBox.ts gapLimits); the body's wall lies just inside it.
const SHARP_FWHM_MM = 0.7;
const CT_OSTEOPOROTIC_ARTERIAL = { ...CT_HU, cancellousBone: 80, oedematousBone: 130, corticalBone: 350, thinShellMm: 1 as const, posteriorElementBone: 300, aorticLumen: 300 };
/** The centre and four clicks 4 mm in front of or behind it and 3 mm above or below it (as the sweep's). */
const CLICKS_MM = [[0, 0], [4, 3], [4, -3], [-4, 3], [-4, -3]] as const;

function aortaScene(aorta: true | 'plaques') {
  const spine = spineOf('aorta');
  const truth = truthOnPlane(spine);
  const zs = truth.flatMap((l) => Object.values(l.points).map((p) => p[2]));
  const fine = fineScene(spine, 2.5, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60], aorta });
  return { truth, fine };
}

describe('an enhanced aorta against the front of an osteoporotic spine, 1 mm CT', () => {
  const { truth, fine } = aortaScene(true);
  const rendered = renderCt(fine, { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: CT_OSTEOPOROTIC_ARTERIAL, seed: 'aorta/osteo-1mm' });
  const ct = { ...rendered, header: seriesHeaderOf('CT', undefined)! };

  it.each(truth.map((level) => [level.level, level] as const))('reads %s at its own depth and heights from five clicks', (_name, level) => {
    const centre = centreOf(level.points);
    for (const [dy, dz] of CLICKS_MM) {
      const result = proposeVertebra(ct, [centre[0], centre[1] + dy, centre[2] + dz]);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(Math.abs(result.value.depthMm - depthOfMm(level.points, 1))).toBeLessThanOrEqual(3);
      for (const error of heightErrorsMm(result.value.points, level.points)) expect(error).toBeLessThanOrEqual(1.5);
    }
  });

  it('detects T10 to L3 from two clicks, each body at its level', () => {
    expectLevelsRight(ct, truth);
  });
});

// With calcified plaques (800 HU, 6 mm of every 12 mm) in the back of the aorta's wall, 1–2 mm in front of the cortex,
// the plaques read as part of the anterior wall on about half the clicks (the depth 3–5 mm deep, the heights mostly
// within 1.5 mm; journal, twentieth round); the levels are what this case holds: one of six was wrong before.
it('detects T10 to L3 each at its level beside an enhanced aorta with calcified plaques', () => {
  const { truth, fine } = aortaScene('plaques');
  const table = { ...CT_OSTEOPOROTIC_ARTERIAL, aorticPlaque: 800 };
  const rendered = renderCt(fine, { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table, seed: 'aorta/osteo-1mm-plaques' });
  expectLevelsRight({ ...rendered, header: seriesHeaderOf('CT', undefined)! }, truth);
});

/** detectSpine from the first to the last of `truth`'s bodies finds every body between, each at its own level. */
function expectLevelsRight(image: Parameters<typeof detectSpine>[0], truth: ReturnType<typeof truthOnPlane>): void {
  const spine = detectSpine(image, centreOf(truth[0]!.points), centreOf(truth[truth.length - 1]!.points));
  expect(spine.ok).toBe(true);
  if (!spine.ok) return;
  expect(spine.value.missingLevelOffsets).toEqual([]);
  expect(spine.value.vertebrae.map((v) => v.levelOffset)).toEqual(truth.map((_, i) => i));
  for (const { levelOffset, proposal } of spine.value.vertebrae) expect(atItsLevel(proposal.centreMm, truth[levelOffset]!)).toBe(true);
}
