import { describe, expect, it } from 'vitest';
import { assessSpine, type LevelAssessment, type SpineAssessment } from '../../measurement';
import { expectOk } from '../../measurement/testing/results';
import { baselineSpine, postKyphoplastySpine, spineTruth } from '../../sample-data/anatomy';

// The phantom's grades as the browser tests expect them (L1 grade 2 wedge, T12 grade 1 biconcave, the rest 0), now
// with the losses against the neighbours' expected heights: the natural growth of the bodies down the spine
// (T10 22 mm → L3 28 mm posterior) must not read as a loss.
const assess = (truth: ReturnType<typeof spineTruth>): SpineAssessment =>
  expectOk(assessSpine(truth.map((t) => ({ level: t.level, points: t.points }))));
const levelOf = (spine: SpineAssessment, level: string): LevelAssessment => {
  const found = spine.levels.find((l) => l.level === level);
  if (found === undefined) expect.fail(`${level} is not assessed`);
  return found;
};

describe('the phantom graded with neighbour-expected heights', () => {
  const baseline = assess(spineTruth(baselineSpine()));
  const post = assess(spineTruth(postKyphoplastySpine()));

  it.each([
    ['T10', 0, 'none'],
    ['T11', 0, 'none'],
    ['T12', 1, 'biconcave'],
    ['L1', 2, 'wedge'],
    ['L2', 0, 'none'],
    ['L3', 0, 'none'],
  ] as const)('grades baseline %s %i (%s), against its own posterior wall when fractured', (level, grade, deformity) => {
    const l = levelOf(baseline, level);
    expect(l.assessment.grade).toBe(grade);
    expect(l.assessment.deformity).toBe(deformity);
    if (grade > 0) expect(l.assessment.gradeRule.reference).toBe('ownPosterior');
  });

  it('keeps every neighbour-referenced loss of the normal baseline levels below 10 %', () => {
    for (const level of ['T10', 'T11', 'L2', 'L3']) {
      const a = levelOf(baseline, level).assessment;
      for (const loss of [a.anteriorLossPct, a.middleLossPct, a.posteriorLossPct]) expect(loss ?? 0, level).toBeLessThan(10);
    }
  });

  it('grades every level 0 after kyphoplasty except the biconcave T12', () => {
    expect(post.levels.map((l) => [l.level, l.assessment.grade])).toEqual([
      ['T10', 0],
      ['T11', 0],
      ['T12', 1],
      ['L1', 0],
      ['L2', 0],
      ['L3', 0],
    ]);
  });
});
