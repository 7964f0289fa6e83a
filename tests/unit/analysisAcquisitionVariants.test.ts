import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, detectSpine, proposeVertebra, type Vec3, type Volume } from '../../analysis';
import { sampleStepAlongMm } from '../../analysis/planeView';
import { centreOf } from '../bench/assistFigures';
import { CT_HU, fineScene, renderCt, spineOf, truthOnPlane } from '../helpers/phantomVariants';

// The phantom rendered in memory as a clinical CT would show it (tests/helpers/phantomVariants.ts; sample-data/ only
// read): T12–L2 and their discs, cropped to keep the test quick. bench:assist-sweep runs the full set of variants.

const spine = spineOf('baseline');
const levels = truthOnPlane(spine).filter((l) => ['T12', 'L1', 'L2'].includes(l.level));
const zs = levels.flatMap((l) => Object.values(l.points).map((p) => p[2]));
const fine = fineScene(spine, 2.75, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60] });

/** A routine CT (0.75 mm pixels, bone kernel, σ 25 HU) reformatted sagittally from axial slices `sliceMm` thick and apart. */
function ctWithSlices(sliceMm: number): Volume {
  return renderCt(fine, { pixelMm: 0.75, sliceMm, kernelFwhmMm: 0.7, noiseHu: 25, table: CT_HU, seed: `acquisitionVariants/${sliceMm}` });
}

describe('sampleStepAlongMm', () => {
  const axial = (sliceMm: number): Volume => ({
    kind: 'volume',
    values: new Int16Array(8),
    dimensions: [2, 2, 2],
    originMm: [0, 0, 0],
    rowCosine: [1, 0, 0],
    columnCosine: [0, 1, 0],
    sliceCosine: [0, 0, -1],
    spacingMm: [0.75, 0.75, sliceMm],
    calibrated: true,
  });
  it.each([
    [3, [0, 0, 1], 3],
    [3, [0, 1, 0], 0.75],
    [1, [0, 0, 1], 1],
    [3, [0, Math.SQRT1_2, Math.SQRT1_2], Math.hypot(0.75, 3) * Math.SQRT1_2],
  ] as const)('on axial slices %s mm apart, along %j, is %s mm', (sliceMm, direction, expected) => {
    expect(sampleStepAlongMm(axial(sliceMm), direction as unknown as Vec3)).toBeCloseTo(expected, 6);
  });
});

describe('proposals on a sagittal reformat of thick axial slices', () => {
  it('flags every proposal "check" (COARSE_SAMPLING) on 3 mm slices, where an endplate can lie anywhere between two samples', () => {
    const image = ctWithSlices(3);
    for (const level of levels) {
      const result = proposeVertebra(image, centreOf(level.points));
      if (!result.ok) continue;
      expect(result.value.reasons.map((r) => r.code), level.level).toContain('COARSE_SAMPLING');
      expect(result.value.confidence, level.level).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
    const spineResult = detectSpine(image, centreOf(levels[0]!.points), centreOf(levels[2]!.points));
    if (!spineResult.ok) throw new Error(spineResult.error.message);
    for (const { proposal } of spineResult.value.vertebrae) expect(proposal.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });

  it('reads the middle heights on 3 mm slices within 1.5 mm, not half a slice tall at each endplate', () => {
    // The half maximum lies outside a thin plate averaged into a thick slice; the endplates are read from the slices
    // around their edges (slicePartialVolume.ts). Before, these middle heights read 2–3 mm tall.
    const image = ctWithSlices(3);
    const errorsMm = levels.map((level) => {
      const result = proposeVertebra(image, centreOf(level.points));
      if (!result.ok) throw new Error(result.error.message);
      return result.value.heightsMm.middleMm - level.heights.middleMm;
    });
    for (const [i, e] of errorsMm.entries()) expect(Math.abs(e), levels[i]!.level).toBeLessThanOrEqual(1.5);
    expect(errorsMm.reduce((a, b) => a + b, 0) / errorsMm.length).toBeLessThan(1);
  });

  it('does not flag for sampling on 1 mm slices, and puts each height within 1.5 mm of the truth', () => {
    const image = ctWithSlices(1);
    for (const level of levels) {
      const result = proposeVertebra(image, centreOf(level.points));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.reasons.map((r) => r.code), level.level).not.toContain('COARSE_SAMPLING');
      expect(Math.abs(result.value.heightsMm.middleMm - level.heights.middleMm), level.level).toBeLessThanOrEqual(1.5);
    }
  });
});
