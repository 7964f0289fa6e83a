import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, detectSpine, proposeVertebra, seriesHeaderOf, type PlaneImage } from '../../analysis';
import { centreOf, distance, heightErrorsMm } from '../bench/assistFigures';
import { fineScene, MR_STIR, renderMr, spineOf, truthOnPlane } from '../helpers/phantomVariants';

// The phantom rendered in memory as bench:assist-sweep's STIR (tests/helpers/phantomVariants.ts; sample-data/ only
// read): 4 mm slices, 1.1 mm pixels, σ 30, coil bias e-fold 150 mm; T10–L3, cropped to the column (so another noise
// realisation and bias centre than the sweep's), with the series' MR header. Fat and fatty marrow are suppressed: the
// marrow (160, ≈ 80 after the coil's fall-off) is darker than the disc (annulus 250, nucleus 950), the CSF and the
// soft tissue in front, and its 2 mm dark cortex (30) is about 3 × the noise deep in a 4 mm slice. Before (issue 12,
// tenth round) the polarity vote read most bodies with a bright shell (the CT path), each endplate on the disc's far
// side: heights 6–21 mm off, detectSpine 1 of 6 levels.

const spine = spineOf('baseline');
const levels = truthOnPlane(spine);
const zs = levels.flatMap((l) => Object.values(l.points).map((p) => p[2]));
const fine = fineScene(spine, 2.5, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60] });
const image: PlaneImage = {
  ...renderMr(fine, { pixelMm: 1.1, sliceMm: 4, table: MR_STIR, noiseSigma: 30, biasLengthMm: 150, biasCraniocaudal: 0.3, seed: 'stir/cropped' }),
  header: seriesHeaderOf('MR', undefined)!,
};
const CORRECTION_MM = 1.5;

describe('a STIR MR, whose marrow is darker than the discs and soft tissue around it', () => {
  const centreClicks = levels.map((level) => ({ level, result: proposeVertebra(image, centreOf(level.points)) }));

  it.each(centreClicks.map((c) => [c.level.level, c] as const))('reads %s clicked at its centre as a dark shell', (_, { result }) => {
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('darkShell');
  });

  it('reads at least five of the six centre clicks within 1.5 mm, and flags any that is not', () => {
    let right = 0;
    for (const { level, result } of centreClicks) {
      if (!result.ok) continue;
      const off = heightErrorsMm(result.value.points, level.points).some((e) => e > CORRECTION_MM);
      if (!off) right += 1;
      else expect(result.value.confidence, level.level).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
    expect(right).toBeGreaterThanOrEqual(5);
  });

  it('finds every body from T10 to L3 with detectSpine, each at its level', () => {
    const result = detectSpine(image, centreOf(levels[0]!.points), centreOf(levels[levels.length - 1]!.points));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.vertebrae.map((v) => v.levelOffset)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const { levelOffset, proposal } of result.value.vertebrae) {
      const level = levels[levelOffset]!;
      expect(distance(proposal.centreMm, centreOf(level.points)), level.level).toBeLessThanOrEqual(level.heights.middleMm / 3);
    }
  });
});
