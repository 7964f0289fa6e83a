import { describe, expect, it } from 'vitest';
import { assessSpine, heightsFromPoints, type LevelAssessment, type SpinalLevel, type SpineAssessment } from '../../measurement';
import '../../measurement/testing/matchers';
import { expectOk } from '../../measurement/testing/results';
import { maskLandmarks } from '../realSpine/maskLandmarks';
import { valueAt, voxelToLps } from '../realSpine/nifti';
import { hasVerse012, readVerse012, VERSE012_EXPERT_GRADES, VERSE012_LABELS } from '../realSpine/verse012';

// Issue 13's acceptance test: on the real VerSe 2019 CT sub-verse012, six points per vertebra derived from the expert
// mask (tests/realSpine/maskLandmarks.ts) graded by assessSpine agree with the expert: L1 grade 3, T11, T12, L2 grade 0.
const LEVELS = ['T11', 'T12', 'L1', 'L2'] as const satisfies ReadonlyArray<SpinalLevel & keyof typeof VERSE012_LABELS>;

if (!hasVerse012) console.warn('realSpineGrades: skipped, ../shared/real-spine/verse19-sub-verse012 is absent');

describe.skipIf(!hasVerse012)('the real VerSe 2019 CT sub-verse012 measured on its expert mask', () => {
  const { ct, mask } = hasVerse012 ? readVerse012() : ({} as ReturnType<typeof readVerse012>);
  const landmarks = hasVerse012 ? LEVELS.map((level) => ({ level, ...maskLandmarks(mask, VERSE012_LABELS[level]) })) : [];
  const spine: SpineAssessment = hasVerse012
    ? expectOk(assessSpine(landmarks.map(({ level, points }) => ({ level, points })), { plane: { horizontalPixelMm: 1, verticalPixelMm: 1 } }))
    : { levels: [] };
  const levelOf = (level: SpinalLevel): LevelAssessment => spine.levels.find((l) => l.level === level) ?? expect.fail(`${level} missing`);

  it('reads a CT and a mask on the same 35 × 194 × 252 grid of 3 × 1 × 1 mm, sagittal, in the same place', () => {
    expect(ct.dims).toEqual([35, 194, 252]);
    expect(mask.dims).toEqual(ct.dims);
    expect(voxelToLps(ct, 1, 2, 3)).toEqual([3.000000238418579, 2, 3]);
    expect(voxelToLps(mask, 1, 2, 3)).toEqual(voxelToLps(ct, 1, 2, 3));
  });

  it('finds the mask on bone in the CT: each vertebra\'s voxels average well above soft tissue', () => {
    for (const level of LEVELS) {
      let sumHu = 0;
      let count = 0;
      mask.voxels.forEach((label, n) => {
        if (label !== VERSE012_LABELS[level]) return;
        const i = n % ct.dims[0];
        const j = Math.floor(n / ct.dims[0]) % ct.dims[1];
        const k = Math.floor(n / (ct.dims[0] * ct.dims[1]));
        sumHu += valueAt(ct, i, j, k);
        count += 1;
      });
      expect(sumHu / count, level).toBeGreaterThan(150);
    }
  });

  it.each([
    ['T11', 24.9, 22.8, 27.0],
    ['T12', 29.1, 25.2, 28.6],
    ['L1', 17.6, 13.4, 24.2],
    ['L2', 28.9, 25.8, 29.9],
  ] as const)('measures %s at about %s / %s / %s mm (Ha / Hm / Hp)', (level, anteriorMm, middleMm, posteriorMm) => {
    const heights = expectOk(heightsFromPoints(landmarks.find((l) => l.level === level)?.points ?? expect.fail(level)));
    expect(heights.anteriorMm).toBeCloseToMm(anteriorMm, 0.15);
    expect(heights.middleMm).toBeCloseToMm(middleMm, 0.15);
    expect(heights.posteriorMm).toBeCloseToMm(posteriorMm, 0.15);
  });

  it('grades L1 3 like the expert: its middle height has lost over 40 % against T12 and L2', () => {
    const l1 = levelOf('L1');
    expect(l1.referenceLevels).toEqual(['T12', 'L2']);
    expect(l1.assessment.middleLossPct).toBeGreaterThan(40);
    expect(l1.assessment.anteriorLossPct).toBeGreaterThan(35);
    expect(l1.assessment.grade).toBe(VERSE012_EXPERT_GRADES.L1);
    expect(l1.assessment.gradeRule).toEqual({ deformity: 'biconcave', reference: 'neighbours' });
    // Against its own collapsed posterior wall alone it would be grade 2: the collapse hides behind it.
    expect(l1.assessment.wedgeLossPct).toBeLessThan(40);
    expect(l1.assessment.biconcaveLossPct).toBeLessThan(50);
    expect(l1.uncertainty?.gradeRange.max).toBe(3);
  });

  it.each(['T11', 'T12', 'L2'] as const)('grades %s 0 like the expert', (level) => {
    expect(levelOf(level).assessment.grade).toBe(VERSE012_EXPERT_GRADES[level]);
  });
});
