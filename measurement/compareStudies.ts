import { assessSpine, type LevelAssessment, type SpineInput } from './assessSpine';
import type { GradeReference } from './assessVertebra';
import { RESTORATION_MIN_LOST_HEIGHT_MM } from './constants';
import type { GenantGrade } from './grading';
import type { SpinalLevel } from './levels';
import { ok, withMessagePrefix, type Result } from './result';
import type { DisplayedPlane } from './uncertainty';

/** Options of compareStudies: the plane each study was measured on, for the uncertainty of its levels. */
export interface CompareStudiesOptions {
  readonly beforePlane?: DisplayedPlane | null | undefined;
  readonly afterPlane?: DisplayedPlane | null | undefined;
}

/** A value for each of the three heights: anterior (Ha), middle (Hm), posterior (Hp). */
export interface PerHeight<T> {
  readonly anterior: T;
  readonly middle: T;
  readonly posterior: T;
}

/**
 * Height restoration of one wall reported the four ways of McKiernan F, Faciszewski T, Jensen R. Reporting height
 * restoration in vertebral compression fractures. Spine 2003;28(22):2517–2521.
 */
export interface McKiernanRestoration {
  /** after − before, mm. */
  readonly gainMm: number;
  /** gain / before × 100: percent of the fractured height, %. */
  readonly pctOfFractureHeight: number;
  /** gain / (referent − before) × 100: percent of the lost height, %; null when less than RESTORATION_MIN_LOST_HEIGHT_MM was lost or there is no referent. */
  readonly pctOfLostHeight: number | null;
  /** gain / referent × 100: percent of the referent height, %; null without a referent. */
  readonly pctOfReferentHeight: number | null;
  /** The height this wall should have before the fracture, mm (see LevelComparison.referent); null without one. */
  readonly referentMm: number | null;
}

/** Where the referent heights come from: the before-study's normal neighbours, or (without them) the vertebra's own before Hp. */
export interface Referent {
  /** 'neighbours': expected heights from `levels`; 'ownPosterior': Hp of the vertebra itself before, for Ha and Hm only. */
  readonly source: GradeReference;
  /** The neighbour levels the referent heights come from, cranial → caudal; empty for 'ownPosterior'. */
  readonly levels: ReadonlyArray<SpinalLevel>;
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
  /** Restoration of each wall the four McKiernan ways, against the wall's own referent height. */
  readonly restoration: PerHeight<McKiernanRestoration>;
  /** Where the referent heights of `restoration` come from. */
  readonly referent: Referent;
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

function mcKiernan(beforeMm: number, afterMm: number, referentMm: number | null): McKiernanRestoration {
  const gainMm = afterMm - beforeMm;
  return {
    gainMm,
    pctOfFractureHeight: (100 * gainMm) / beforeMm,
    pctOfLostHeight: referentMm === null ? null : restorationPct(gainMm, referentMm, beforeMm),
    pctOfReferentHeight: referentMm === null ? null : (100 * gainMm) / referentMm,
    referentMm,
  };
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
    ...mcKiernanOf(before, after),
  };
}

function mcKiernanOf(before: LevelAssessment, after: LevelAssessment): Pick<LevelComparison, 'restoration' | 'referent'> {
  const expected = before.expectedHeights;
  const b = before.heights;
  const a = after.heights;
  return {
    restoration: {
      anterior: mcKiernan(b.anteriorMm, a.anteriorMm, expected?.anteriorMm ?? b.posteriorMm),
      middle: mcKiernan(b.middleMm, a.middleMm, expected?.middleMm ?? b.posteriorMm),
      // Without neighbours the referent is Hp itself, so the posterior wall has none.
      posterior: mcKiernan(b.posteriorMm, a.posteriorMm, expected?.posteriorMm ?? null),
    },
    referent:
      expected === null ? { source: 'ownPosterior', levels: [] } : { source: 'neighbours', levels: before.referenceLevels },
  };
}

/**
 * Compares two studies level by level: height gain (mm), restoration (%) = gain / (expected − before) × 100 with
 * expected = the before-study's reference posterior height (else its own Hp), restoration of each wall the four
 * McKiernan ways (Spine 2003) against the wall's referent height (the before-study's neighbour-expected height of that
 * wall, else its own Hp), change of wedge and Cobb angle (degrees), grade before → after, and the levels measured in
 * only one study. With a plane for a study (options) its levels carry their uncertainty (assessSpine).
 */
export function compareStudies(
  before: SpineInput,
  after: SpineInput,
  options: CompareStudiesOptions = {},
): Result<StudyComparison> {
  const beforeSpine = assessSpine(before, { plane: options.beforePlane ?? null });
  if (!beforeSpine.ok) return withMessagePrefix(beforeSpine.error, 'Before study: ');
  const afterSpine = assessSpine(after, { plane: options.afterPlane ?? null });
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
