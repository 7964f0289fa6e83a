import { describe, expect, it } from 'vitest';
import { proposeVertebra, seriesHeaderOf } from '../../analysis';
import { centreOf, signedHeightErrorsMm } from '../bench/assistFigures';
import { CT_HU, fineScene, renderCt, spineOf, truthOnPlane } from '../helpers/phantomVariants';

// A very osteoporotic spine (marrow 50 HU inside a 1 mm shell of 350 HU) on a CT sampled every 1.5 mm (a volume
// resampled to 1.5 mm voxels, or 1.5 mm slices): each thin endplate falls into one or two samples, and at half maximum
// between the brightest sample and the disc beyond it the endplate read 0.3–1 mm outside its surface, so every height
// read tall (+1.13 mm on average over these eighteen, up to +2.27 mm). The endplates are read from the samples around
// them (slicePartialVolume.ts; constants.ts PLATE_BY_SAMPLES_ABOVE_MM): +0.37 mm on average, at most +1.14 mm.
const SHARP_FWHM_MM = 0.7;
const CT_VERY_OSTEOPOROTIC = { ...CT_HU, cancellousBone: 50, oedematousBone: 130, corticalBone: 350, thinShellMm: 1 as const, posteriorElementBone: 300 };

describe('heights on a 1.5 mm CT of very osteoporotic bone', () => {
  const spine = spineOf('baseline');
  const truth = truthOnPlane(spine);
  const zs = truth.flatMap((l) => Object.values(l.points).map((p) => p[2]));
  const fine = fineScene(spine, 2.5, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60] });
  const rendered = renderCt(fine, { pixelMm: 1.5, sliceMm: 1.5, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: CT_VERY_OSTEOPOROTIC, seed: 'coarse-osteo/1.5mm' });
  const ct = { ...rendered, header: seriesHeaderOf('CT', undefined)! };
  const errors = truth.map((level) => {
    const result = proposeVertebra(ct, centreOf(level.points));
    if (!result.ok) throw new Error(`${level.level}: ${result.error.message}`);
    return { level: level.level, errorsMm: signedHeightErrorsMm(result.value.points, level.points) };
  });

  it.each(errors.map((e) => [e.level, e.errorsMm] as const))('puts every height of %s within 1.2 mm of the truth', (_level, errorsMm) => {
    for (const e of errorsMm) expect(Math.abs(e)).toBeLessThanOrEqual(1.2);
  });

  it('reads the heights without a bias outward (mean error below 0.5 mm)', () => {
    const all = errors.flatMap((e) => e.errorsMm);
    expect(all.reduce((a, b) => a + b, 0) / all.length).toBeLessThan(0.5);
  });
});
