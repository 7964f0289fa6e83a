import { assessSpine, type LevelAssessment, type SpineInput } from './assessSpine';
import { RESTORATION_MIN_LOST_HEIGHT_MM } from './constants';
import type { GenantGrade } from './grading';
import type { SpinalLevel } from './levels';
import { ok, withMessagePrefix, type Result } from './result';

/** A value for each of the three heights: anterior (Ha), middle (Hm), posterior (Hp). */
export interface PerHeight<T> {
  readonly anterior: T;
  readonly middle: T;
  readonly posterior: T;
}

/** One level measured before and after (e.g. kyphoplasty): both assessments and what changed. */
export interface LevelComparison {
  readonly level: SpinalLevel;
  /** This level as assessed in the before-study. */
  readonly before: LevelAssessment;
  /** This level as assessed in the after-study. */
  readonly after: LevelAssessment;
  /** after − before for each height, mm (negative = further loss). */
  readonly gainMm: PerHeight<number>;
  /** gain / (expected − before) × 100 for each height, %; null when less than RESTORATION_MIN_LOST_HEIGHT_MM was lost, and posterior null without a reference. */
  readonly restorationPct: PerHeight<number | null>;
  /** The height the vertebra should have, mm: the before-study's reference posterior height, else its own before Hp. */
  readonly expectedHeightMm: number;
  /** after − before wedge angle, degrees (negative = less kyphotic); null when either is unknown. */
  readonly wedgeAngleChangeDeg: number | null;
  /** after − before bisegmental Cobb angle, degrees (negative = less kyphotic); null when either is unknown. */
  readonly cobbAngleChangeDeg: number | null;
  /** Genant grade in the before-study (0–3). */
  readonly gradeBefore: GenantGrade;
  /** Genant grade in the after-study (0–3). */
  readonly gradeAfter: GenantGrade;
}

/** Two studies of one patient compared level by level, cranial → caudal. */
export interface StudyComparison {
  /** The levels measured in both studies. */
  readonly levels: ReadonlyArray<LevelComparison>;
  /** Levels measured only in the before-study. */
  readonly onlyBefore: ReadonlyArray<SpinalLevel>;
  /** Levels measured only in the after-study. */
  readonly onlyAfter: ReadonlyArray<SpinalLevel>;
}

/** gain / lost × 100, %, where lost = expected − before (mm); null when lost < RESTORATION_MIN_LOST_HEIGHT_MM (inclusive bound kept). */
function restorationPct(gainMm: number, expectedMm: number, beforeMm: number): number | null {
  const lostMm = expectedMm - beforeMm;
  if (lostMm < RESTORATION_MIN_LOST_HEIGHT_MM) return null;
  return (100 * gainMm) / lostMm;
}

function differenceOrNull(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

function compareLevel(before: LevelAssessment, after: LevelAssessment): LevelComparison {
  const hasReference = before.referencePosteriorMm !== null;
  const expectedHeightMm = before.referencePosteriorMm ?? before.heights.posteriorMm;
  const gainMm = {
    anterior: after.heights.anteriorMm - before.heights.anteriorMm,
    middle: after.heights.middleMm - before.heights.middleMm,
    posterior: after.heights.posteriorMm - before.heights.posteriorMm,
  };
  return {
    level: before.level,
    before,
    after,
    gainMm,
    restorationPct: {
      anterior: restorationPct(gainMm.anterior, expectedHeightMm, before.heights.anteriorMm),
      middle: restorationPct(gainMm.middle, expectedHeightMm, before.heights.middleMm),
      // Without a reference the expected height is Hp itself, so posterior restoration has no meaning.
      posterior: hasReference ? restorationPct(gainMm.posterior, expectedHeightMm, before.heights.posteriorMm) : null,
    },
    expectedHeightMm,
    wedgeAngleChangeDeg: differenceOrNull(after.wedgeAngleDeg, before.wedgeAngleDeg),
    cobbAngleChangeDeg: differenceOrNull(after.cobbAngleDeg, before.cobbAngleDeg),
    gradeBefore: before.assessment.grade,
    gradeAfter: after.assessment.grade,
  };
}

/**
 * Compares two studies level by level: height gain (mm), restoration (%) = gain / (expected − before) × 100 with
 * expected = the before-study's reference posterior height (else its own Hp), change of wedge and Cobb angle (degrees),
 * grade before → after, and the levels measured in only one study.
 */
export function compareStudies(before: SpineInput, after: SpineInput): Result<StudyComparison> {
  const beforeSpine = assessSpine(before);
  if (!beforeSpine.ok) return withMessagePrefix(beforeSpine.error, 'Before study: ');
  const afterSpine = assessSpine(after);
  if (!afterSpine.ok) return withMessagePrefix(afterSpine.error, 'After study: ');

  const afterByLevel = new Map(afterSpine.value.levels.map((l) => [l.level, l]));
  const beforeLevels = new Set(beforeSpine.value.levels.map((l) => l.level));
  const levels: LevelComparison[] = [];
  const onlyBefore: SpinalLevel[] = [];
  for (const beforeLevel of beforeSpine.value.levels) {
    const afterLevel = afterByLevel.get(beforeLevel.level);
    if (afterLevel === undefined) onlyBefore.push(beforeLevel.level);
    else levels.push(compareLevel(beforeLevel, afterLevel));
  }
  const onlyAfter = afterSpine.value.levels.map((l) => l.level).filter((level) => !beforeLevels.has(level));
  return ok({ levels, onlyBefore, onlyAfter });
}
