import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, proposeVertebra } from '../../analysis';
import { assessSpine } from '../../measurement';
import { levelTruth } from '../../sample-data/anatomy';
import { BASELINE_LEVELS } from '../../sample-data/spineSpecs';
import { centreOf, heightErrorsMm } from '../bench/assistFigures';
import { fineScene, MR_T1, MR_T2_SIGNAL, renderMr } from '../helpers/phantomVariants';
import { spineFrom } from '../helpers/regionSpines';

// Severe (Genant grade 3) fractures on MR, the commonest way they are imaged: the phantom's spine with T12 crushed in
// its middle (biconcave, Hm 0.55 × Hp: 13 mm under 22–24 mm walls, 37 mm deep) and L1 a severe wedge (Ha 0.45 × Hp),
// rendered as the sweep's 3 mm T2 and T1 (tests/helpers/phantomVariants.ts; sample-data/ only read). At mid-depth T12
// is shallower than a whole body may be (depth ÷ height 2.8 > 2.4), so the middle endplates were passed over for the
// next ones, across the discs: Hm read 27.5 mm, graded 0, at full confidence on the T2. L2 is crushed all over (its
// heights 55–60 % of normal, 40 mm deep): its own endplates are closer than any whole body's at every depth, so the
// pair across the discs is still taken, but no longer at full confidence (on the T1 it was, graded 0).

const SEVERE_LEVELS = BASELINE_LEVELS.map((l) => {
  const hp = l.shape.posteriorHeightMm;
  if (l.shape.level === 'T12') return { ...l, shape: { ...l.shape, anteriorHeightMm: 0.92 * hp, middleHeightMm: 0.55 * hp, description: 'severe biconcave' } };
  if (l.shape.level === 'L1') return { ...l, shape: { ...l.shape, anteriorHeightMm: 0.45 * hp, middleHeightMm: 0.62 * hp, description: 'severe wedge' } };
  if (l.shape.level === 'L2') {
    const crushed = { posteriorHeightMm: 0.6 * hp, anteriorHeightMm: 0.55 * l.shape.anteriorHeightMm, middleHeightMm: 0.55 * l.shape.middleHeightMm };
    return { ...l, shape: { ...l.shape, ...crushed, marrow: 'oedema' as const, description: 'crushed all over' } };
  }
  return l;
});
const spine = spineFrom(SEVERE_LEVELS);
const levels = spine.vertebrae.filter((v) => ['T11', 'T12', 'L1', 'L2', 'L3'].includes(v.shape.level)).map((v) => levelTruth(v));
const zs = levels.flatMap((l) => Object.values(l.points).map((p) => p[2]));
const fine = fineScene(spine, 1.5, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60] });

const SEQUENCES = [
  ['T2', MR_T2_SIGNAL],
  ['T1', MR_T1],
] as const;

describe.each(SEQUENCES)('severe fractures on a 3 mm %s MR', (name, table) => {
  const image = renderMr(fine, { pixelMm: 0.6, sliceMm: 3, table, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3, seed: `severe/${name}` });

  it.each(['T12', 'L1'])('reads %s clicked at its centre within 1.5 mm of the truth', (levelName) => {
    const level = levels.find((l) => l.level === levelName)!;
    const result = proposeVertebra(image, centreOf(level.points));
    if (!result.ok) throw new Error(result.error.message);
    const worst = Math.max(...heightErrorsMm(result.value.points, level.points));
    expect(worst, levelName).toBeLessThanOrEqual(1.5);
  });

  it('flags L2, crushed all over, unless it reads it within 1.5 mm', () => {
    const level = levels.find((l) => l.level === 'L2')!;
    const result = proposeVertebra(image, centreOf(level.points));
    if (!result.ok) return; // declining is also safe
    const worst = Math.max(...heightErrorsMm(result.value.points, level.points));
    if (worst > 1.5) expect(result.value.confidence, `off ${worst.toFixed(1)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });

  it('grades the crushed T12 and the wedged L1 3, like the truth', () => {
    const proposed = levels.filter((l) => l.level !== 'L2' && l.level !== 'L3').map((level) => {
      const result = proposeVertebra(image, centreOf(level.points));
      if (!result.ok) throw new Error(`${level.level}: ${result.error.message}`);
      return { level: level.level, points: result.value.points };
    });
    const assessed = assessSpine(proposed);
    if (!assessed.ok) throw new Error(assessed.error.message);
    const grade = (l: string) => assessed.value.levels.find((x) => x.level === l)!.assessment.grade;
    expect([grade('T12'), grade('L1')]).toEqual([3, 3]);
  });
});
