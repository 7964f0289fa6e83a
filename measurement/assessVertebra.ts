import { GENANT_GRADE_NAMES, genantGrade, type GenantGrade, type GenantGradeName } from './grading';
import type { VertebralHeights } from './heights';
import { err, ok, type Result } from './result';

/** Which height loss is largest: wedge (anterior), biconcave (middle), crush (posterior); 'none' when grade 0. */
export type Deformity = 'none' | 'wedge' | 'biconcave' | 'crush';

/** What a height is compared with: the vertebra's own posterior height, or the height expected from its neighbours. */
export type GradeReference = 'ownPosterior' | 'neighbours';

/**
 * The comparison that produced the graded (largest) loss: which wall (wedge = anterior, biconcave = middle, crush =
 * posterior) against which reference. Crush is always against the neighbours.
 */
export interface GradeRule {
  readonly deformity: Exclude<Deformity, 'none'>;
  readonly reference: GradeReference;
}

/** Ratios (0–1+), losses (%, 0–100, unrounded) and Genant grade of one vertebra. */
export interface VertebraAssessment {
  /** The heights assessed, mm. */
  readonly heights: VertebralHeights;
  /** Ha / Hp, unitless (O'Neill et al., JBMR 1994). */
  readonly wedgeRatio: number;
  /** Hm / Hp, unitless (O'Neill et al., JBMR 1994). */
  readonly biconcavityRatio: number;
  /** Hp / reference posterior height, unitless; null without a reference (O'Neill et al., JBMR 1994). */
  readonly crushRatio: number | null;
  /** max(0, 1 − Ha/Hp) × 100, %. */
  readonly wedgeLossPct: number;
  /** max(0, 1 − Hm/Hp) × 100, %. */
  readonly biconcaveLossPct: number;
  /** max(0, 1 − Hp/reference) × 100, %; null without a reference. */
  readonly crushLossPct: number | null;
  /** Ha expected from the normal neighbours, mm; null without neighbours. */
  readonly expectedAnteriorMm: number | null;
  /** Hm expected from the normal neighbours, mm; null without neighbours. */
  readonly expectedMiddleMm: number | null;
  /** Hp expected from the normal neighbours, mm (the same number as referencePosteriorMm); null without neighbours. */
  readonly expectedPosteriorMm: number | null;
  /** max(0, 1 − Ha/expected Ha) × 100, %; null without an expected Ha. */
  readonly anteriorLossPct: number | null;
  /** max(0, 1 − Hm/expected Hm) × 100, %; null without an expected Hm. */
  readonly middleLossPct: number | null;
  /** max(0, 1 − Hp/expected Hp) × 100, %: the crush loss under its neighbour name; null without a reference. */
  readonly posteriorLossPct: number | null;
  /**
   * The largest of the losses, %; this is what is graded: wedge, biconcave and, when the neighbours give expected
   * heights, anterior, middle and posterior (crush) loss against them.
   */
  readonly heightLossPct: number;
  /** The wall and reference of heightLossPct (ties: own posterior before neighbours, then wedge, biconcave, crush). */
  readonly gradeRule: GradeRule;
  /** gradeRule.deformity, or 'none' when the grade is 0. */
  readonly deformity: Deformity;
  /** Genant grade of heightLossPct (Genant et al., JBMR 1993). */
  readonly grade: GenantGrade;
  /** 'normal' | 'mild' | 'moderate' | 'severe'. */
  readonly gradeName: GenantGradeName;
  /** The reference posterior height used for the crush ratio, mm; null when none was given. */
  readonly referencePosteriorMm: number | null;
}

/**
 * A stable short name of a grade rule for exports and automation: 'wedge', 'biconcave' (against the vertebra's own
 * posterior height), 'wedge-vs-neighbours', 'biconcave-vs-neighbours' or 'crush' (always against the neighbours).
 */
export function gradeRuleCode(rule: GradeRule): string {
  if (rule.deformity === 'crush' || rule.reference === 'ownPosterior') return rule.deformity;
  return `${rule.deformity}-vs-neighbours`;
}

/**
 * Options of assessVertebra: the heights expected from the normal neighbours, mm (see expectedHeightsFromNeighbours).
 * Each may be left out or null; referencePosteriorMm is the expected posterior height (its name predates the others).
 */
export interface AssessVertebraOptions {
  readonly referencePosteriorMm?: number | null | undefined;
  readonly expectedAnteriorMm?: number | null | undefined;
  readonly expectedMiddleMm?: number | null | undefined;
}

function checkLength(valueMm: unknown, what: string): Result<number> {
  if (typeof valueMm !== 'number' || !Number.isFinite(valueMm)) {
    return err('INVALID_HEIGHT', `The ${what} (${String(valueMm)}) is not a finite number of millimetres.`);
  }
  if (valueMm <= 0) {
    return err('NON_POSITIVE_HEIGHT', `The ${what} is ${valueMm} mm; it must be greater than 0 mm.`);
  }
  return ok(valueMm);
}

/** Loss of `actualMm` against `expectedMm`, % clamped at ≥ 0: max(0, (expected − actual) / expected × 100). */
function lossPct(actualMm: number, expectedMm: number): number {
  // Multiplying before dividing keeps exact boundaries exact: 24 mm against 30 mm is 20 %, not 19.999…%.
  return Math.max(0, (100 * (expectedMm - actualMm)) / expectedMm);
}

/**
 * Wedge, biconcavity and crush ratios and losses (O'Neill et al., JBMR 1994), the anterior and middle losses against
 * the heights expected from the neighbours (McCloskey et al., Osteoporos Int 1993), and the Genant grade of the largest
 * loss (Genant et al., JBMR 1993: reduction of anterior, middle and/or posterior height against the same or adjacent
 * vertebrae) from Ha, Hm, Hp (mm) and optional expected heights (mm). A whole-body collapse thus shows against its
 * neighbours even when its own posterior wall has collapsed with it.
 */
export function assessVertebra(h: VertebralHeights, options: AssessVertebraOptions = {}): Result<VertebraAssessment> {
  const checks = [
    checkLength(h.anteriorMm, 'anterior height'),
    checkLength(h.middleMm, 'middle height'),
    checkLength(h.posteriorMm, 'posterior height'),
  ];
  const referencePosteriorMm = options.referencePosteriorMm ?? null;
  const expectedAnteriorMm = options.expectedAnteriorMm ?? null;
  const expectedMiddleMm = options.expectedMiddleMm ?? null;
  if (referencePosteriorMm !== null) checks.push(checkLength(referencePosteriorMm, 'reference posterior height'));
  if (expectedAnteriorMm !== null) checks.push(checkLength(expectedAnteriorMm, 'expected anterior height'));
  if (expectedMiddleMm !== null) checks.push(checkLength(expectedMiddleMm, 'expected middle height'));
  for (const check of checks) if (!check.ok) return check;

  const { anteriorMm, middleMm, posteriorMm } = h;
  const wedgeLossPct = lossPct(anteriorMm, posteriorMm);
  const biconcaveLossPct = lossPct(middleMm, posteriorMm);
  const crushLossPct = referencePosteriorMm === null ? null : lossPct(posteriorMm, referencePosteriorMm);
  const wedgeRatio = anteriorMm / posteriorMm;
  const biconcavityRatio = middleMm / posteriorMm;
  const crushRatio = referencePosteriorMm === null ? null : posteriorMm / referencePosteriorMm;
  const anteriorLossPct = expectedAnteriorMm === null ? null : lossPct(anteriorMm, expectedAnteriorMm);
  const middleLossPct = expectedMiddleMm === null ? null : lossPct(middleMm, expectedMiddleMm);

  const numbers = [
    wedgeLossPct,
    biconcaveLossPct,
    crushLossPct ?? 0,
    anteriorLossPct ?? 0,
    middleLossPct ?? 0,
    wedgeRatio,
    biconcavityRatio,
    crushRatio ?? 1,
  ];
  if (!numbers.every(Number.isFinite)) {
    return err(
      'INVALID_HEIGHT',
      `The heights (${anteriorMm}, ${middleMm}, ${posteriorMm} mm` +
        `${referencePosteriorMm === null ? '' : `, reference ${referencePosteriorMm} mm`}` +
        `${expectedAnteriorMm === null ? '' : `, expected anterior ${expectedAnteriorMm} mm`}` +
        `${expectedMiddleMm === null ? '' : `, expected middle ${expectedMiddleMm} mm`}) ` +
        'are too far apart in size to compare. Check the calibration and the points.',
    );
  }

  const candidates: ReadonlyArray<readonly [GradeRule, number]> = [
    [{ deformity: 'wedge', reference: 'ownPosterior' }, wedgeLossPct],
    [{ deformity: 'biconcave', reference: 'ownPosterior' }, biconcaveLossPct],
    [{ deformity: 'wedge', reference: 'neighbours' }, anteriorLossPct ?? -Infinity],
    [{ deformity: 'biconcave', reference: 'neighbours' }, middleLossPct ?? -Infinity],
    [{ deformity: 'crush', reference: 'neighbours' }, crushLossPct ?? -Infinity],
  ];
  const [gradeRule, heightLossPct] = candidates.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best));
  const grade = genantGrade(heightLossPct);

  return ok({
    heights: { anteriorMm, middleMm, posteriorMm },
    wedgeRatio,
    biconcavityRatio,
    crushRatio,
    wedgeLossPct,
    biconcaveLossPct,
    crushLossPct,
    expectedAnteriorMm,
    expectedMiddleMm,
    expectedPosteriorMm: referencePosteriorMm,
    anteriorLossPct,
    middleLossPct,
    posteriorLossPct: crushLossPct,
    heightLossPct,
    gradeRule,
    deformity: grade === 0 ? 'none' : gradeRule.deformity,
    grade,
    gradeName: GENANT_GRADE_NAMES[grade],
    referencePosteriorMm,
  });
}
