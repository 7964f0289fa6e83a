import { describe, expect, it } from 'vitest';
import type { SpineInput } from './assessSpine';
import { compareStudies, type LevelComparison, type StudyComparison } from './compareStudies';
import type { SpinalLevel } from './levels';
import './testing/matchers';
import {
  lateralSpine,
  lateralVertebra,
  normalL2,
  postKyphoplastyL1,
  thoracolumbarAfter,
  thoracolumbarBefore,
  wedgeL1Grade2,
  type LateralVertebraSpec,
} from './testing/fixtures';
import { expectError, expectOk } from './testing/results';

const DEG_PER_RAD = 180 / Math.PI;

function levelOf(comparison: StudyComparison, level: SpinalLevel): LevelComparison {
  const found = comparison.levels.find((l) => l.level === level);
  if (found === undefined) expect.fail(`${level} is not in the comparison`);
  return found;
}

const square = (heightMm: number): LateralVertebraSpec => ({ anteriorMm: heightMm, middleMm: heightMm, posteriorMm: heightMm });

describe('compareStudies', () => {
  describe('on the thoracolumbar fixture before and after kyphoplasty of L1', () => {
    const comparison = expectOk(compareStudies(thoracolumbarBefore, thoracolumbarAfter));
    const l1 = levelOf(comparison, 'L1');

    it('compares all five levels, cranial to caudal, with none measured in only one study', () => {
      expect(comparison.levels.map((l) => l.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3']);
      expect(comparison.onlyBefore).toEqual([]);
      expect(comparison.onlyAfter).toEqual([]);
    });

    it('reports the height gain of L1 as 7.5 mm anterior, 4 mm middle, 0 mm posterior', () => {
      expect(l1.gainMm.anterior).toBeCloseToMm(7.5, 1e-9);
      expect(l1.gainMm.middle).toBeCloseToMm(4, 1e-9);
      expect(l1.gainMm.posterior).toBeCloseToMm(0, 1e-9);
    });

    it('expects 29 mm, the before-study reference, and restores 7.5 of 9.5 mm anterior and 4 of 5 mm middle', () => {
      expect(l1.expectedHeightMm).toBeCloseToMm(29, 1e-9);
      expect(l1.restorationPct.anterior).toBeCloseTo((100 * 7.5) / 9.5, 9);
      expect(l1.restorationPct.middle).toBeCloseTo(80, 9);
    });

    it('has no posterior restoration where the posterior wall (30 mm) lost nothing against 29 mm', () => {
      expect(l1.restorationPct.posterior).toBeNull();
    });

    it('reports the grade going from 2 to 0', () => {
      expect(l1.gradeBefore).toBe(2);
      expect(l1.gradeAfter).toBe(0);
      expect(l1.before.assessment.grade).toBe(2);
      expect(l1.after.assessment.grade).toBe(0);
    });

    it('reports the wedge angle of L1 falling from atan(10.5/30) to atan(3/30)', () => {
      const expectedDeg = (Math.atan(3 / 30) - Math.atan(10.5 / 30)) * DEG_PER_RAD;
      expect(l1.wedgeAngleChangeDeg).toBeCloseToDeg(expectedDeg, 1e-9);
    });

    it('reports the Cobb angle from T12 to L2 falling by 4° (T12 and L2 each straightened by 2°)', () => {
      expect(l1.cobbAngleChangeDeg).toBeCloseToDeg(-4, 1e-9);
    });

    it('has no Cobb change at T11, which has no Cobb angle', () => {
      expect(levelOf(comparison, 'T11').cobbAngleChangeDeg).toBeNull();
    });
  });

  it('lists the levels measured in only one study', () => {
    const before: SpineInput = [
      { level: 'T12', points: normalL2 },
      { level: 'L1', points: wedgeL1Grade2 },
      { level: 'L2', points: normalL2 },
    ];
    const after: SpineInput = [
      { level: 'L3', points: normalL2 },
      { level: 'L1', points: postKyphoplastyL1 },
      { level: 'L2', points: normalL2 },
    ];
    const comparison = expectOk(compareStudies(before, after));
    expect(comparison.levels.map((l) => l.level)).toEqual(['L1', 'L2']);
    expect(comparison.onlyBefore).toEqual(['T12']);
    expect(comparison.onlyAfter).toEqual(['L3']);
  });

  it('compares nothing, without failing, when no level is measured in both studies', () => {
    const comparison = expectOk(
      compareStudies([{ level: 'T12', points: normalL2 }], [{ level: 'L1', points: normalL2 }]),
    );
    expect(comparison.levels).toEqual([]);
    expect(comparison.onlyBefore).toEqual(['T12']);
    expect(comparison.onlyAfter).toEqual(['L1']);
  });

  describe('restoration of L1', () => {
    it.each<[string, LateralVertebraSpec, LateralVertebraSpec, boolean, number, { anterior: number | null; middle: number | null; posterior: number | null }]>([
      // Without neighbours the expected height is L1's own before-posterior height (30 mm).
      ['without a reference: anterior 20 → 25 mm against its own 30 mm', { anteriorMm: 20, middleMm: 26, posteriorMm: 30 }, { anteriorMm: 25, middleMm: 28, posteriorMm: 30 }, false, 30, { anterior: 50, middle: 50, posterior: null }],
      ['without a reference: a middle loss of exactly 0.5 mm is used', { anteriorMm: 20, middleMm: 29.5, posteriorMm: 30 }, { anteriorMm: 20, middleMm: 29.75, posteriorMm: 30 }, false, 30, { anterior: 0, middle: 50, posterior: null }],
      ['without a reference: a middle loss of 0.49 mm is too small to report', { anteriorMm: 20, middleMm: 29.51, posteriorMm: 30 }, { anteriorMm: 20, middleMm: 29.75, posteriorMm: 30 }, false, 30, { anterior: 0, middle: null, posterior: null }],
      ['without a reference: a middle wall taller than the posterior wall has lost nothing', { anteriorMm: 20, middleMm: 31, posteriorMm: 30 }, { anteriorMm: 20, middleMm: 31, posteriorMm: 30 }, false, 30, { anterior: 0, middle: null, posterior: null }],
      ['with 32 mm neighbours: posterior 24 → 28 mm restores 4 of 8 mm', { anteriorMm: 16, middleMm: 24, posteriorMm: 24 }, { anteriorMm: 24, middleMm: 28, posteriorMm: 28 }, true, 32, { anterior: 50, middle: 50, posterior: 50 }],
      ['with 32 mm neighbours: further collapse gives a negative restoration', { anteriorMm: 22, middleMm: 24, posteriorMm: 28 }, { anteriorMm: 17, middleMm: 22, posteriorMm: 26 }, true, 32, { anterior: -50, middle: -25, posterior: -50 }],
      ['with 32 mm neighbours: a posterior loss of exactly 0.5 mm is used', { anteriorMm: 20, middleMm: 24, posteriorMm: 31.5 }, { anteriorMm: 20, middleMm: 24, posteriorMm: 31.75 }, true, 32, { anterior: 0, middle: 0, posterior: 50 }],
      ['with 32 mm neighbours: a posterior loss of 0.49 mm is too small to report', { anteriorMm: 20, middleMm: 24, posteriorMm: 31.51 }, { anteriorMm: 20, middleMm: 24, posteriorMm: 31.75 }, true, 32, { anterior: 0, middle: 0, posterior: null }],
    ])('%s', (_case, beforeSpec, afterSpec, withNeighbours, expectedHeightMm, restorationPct) => {
      const study = (l1: LateralVertebraSpec): SpineInput =>
        withNeighbours
          ? lateralSpine([
              { level: 'T12', spec: square(32) },
              { level: 'L1', spec: l1 },
              { level: 'L2', spec: square(32) },
            ])
          : [{ level: 'L1', points: lateralVertebra(l1) }];
      const l1 = levelOf(expectOk(compareStudies(study(beforeSpec), study(afterSpec))), 'L1');
      expect(l1.expectedHeightMm).toBeCloseToMm(expectedHeightMm, 1e-9);
      for (const wall of ['anterior', 'middle', 'posterior'] as const) {
        const expected = restorationPct[wall];
        if (expected === null) expect(l1.restorationPct[wall], wall).toBeNull();
        else expect(l1.restorationPct[wall], wall).toBeCloseTo(expected, 6);
      }
    });
  });

  describe('bad input', () => {
    it('fails when the before study is invalid, saying so and keeping the code', () => {
      const message = expectError(compareStudies([], thoracolumbarAfter), 'EMPTY_SPINE');
      expect(message).toMatch(/^Before study: /);
    });

    it('fails when the after study is invalid, saying so and keeping the code', () => {
      const after: SpineInput = [
        { level: 'L1', points: postKyphoplastyL1 },
        { level: 'L1', points: postKyphoplastyL1 },
      ];
      const message = expectError(compareStudies(thoracolumbarBefore, after), 'DUPLICATE_LEVEL');
      expect(message).toMatch(/^After study: L1 is measured twice/);
    });
  });
});
