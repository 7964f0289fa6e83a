import { GENANT_GRADE_NAMES, genantGrade, type GenantGrade, type GenantGradeName } from './grading';
import type { VertebralHeights } from './heights';
import { err, ok, type Result } from './result';

/** Which height loss is largest: wedge (anterior), biconcave (middle), crush (posterior); 'none' when grade 0. */
export type Deformity = 'none' | 'wedge' | 'biconcave' | 'crush';

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
  /** The largest of the three losses, %; this is what is graded. */
  readonly heightLossPct: number;
  /** Which loss is largest (ties: wedge, then biconcave, then crush); 'none' when the grade is 0. */
  readonly deformity: Deformity;
  /** Genant grade of heightLossPct (Genant et al., JBMR 1993). */
  readonly grade: GenantGrade;
  /** 'normal' | 'mild' | 'moderate' | 'severe'. */
  readonly gradeName: GenantGradeName;
  /** The reference posterior height used for the crush ratio, mm; null when none was given. */
  readonly referencePosteriorMm: number | null;
}

/** Options of assessVertebra: the expected posterior height, mm, e.g. the mean Hp of normal neighbours. */
export interface AssessVertebraOptions {
  readonly referencePosteriorMm?: number | null;
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
 * Wedge, biconcavity and crush ratios and losses (O'Neill et al., JBMR 1994) and the Genant grade of the largest loss
 * (Genant et al., JBMR 1993) from Ha, Hm, Hp (mm) and an optional reference posterior height (mm).
 */
export function assessVertebra(h: VertebralHeights, options: AssessVertebraOptions = {}): Result<VertebraAssessment> {
  const checks = [
    checkLength(h.anteriorMm, 'anterior height'),
    checkLength(h.middleMm, 'middle height'),
    checkLength(h.posteriorMm, 'posterior height'),
  ];
  const referencePosteriorMm = options.referencePosteriorMm ?? null;
  if (referencePosteriorMm !== null) checks.push(checkLength(referencePosteriorMm, 'reference posterior height'));
  for (const check of checks) if (!check.ok) return check;

  const { anteriorMm, middleMm, posteriorMm } = h;
  const wedgeLossPct = lossPct(anteriorMm, posteriorMm);
  const biconcaveLossPct = lossPct(middleMm, posteriorMm);
  const crushLossPct = referencePosteriorMm === null ? null : lossPct(posteriorMm, referencePosteriorMm);
  const wedgeRatio = anteriorMm / posteriorMm;
  const biconcavityRatio = middleMm / posteriorMm;
  const crushRatio = referencePosteriorMm === null ? null : posteriorMm / referencePosteriorMm;

  const numbers = [wedgeLossPct, biconcaveLossPct, crushLossPct ?? 0, wedgeRatio, biconcavityRatio, crushRatio ?? 1];
  if (!numbers.every(Number.isFinite)) {
    return err(
      'INVALID_HEIGHT',
      `The heights (${anteriorMm}, ${middleMm}, ${posteriorMm} mm` +
        `${referencePosteriorMm === null ? '' : `, reference ${referencePosteriorMm} mm`}) ` +
        'are too far apart in size to compare. Check the calibration and the points.',
    );
  }

  const candidates: ReadonlyArray<readonly [Exclude<Deformity, 'none'>, number]> = [
    ['wedge', wedgeLossPct],
    ['biconcave', biconcaveLossPct],
    ['crush', crushLossPct ?? -Infinity],
  ];
  const [largest, heightLossPct] = candidates.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best));
  const grade = genantGrade(heightLossPct);

  return ok({
    heights: { anteriorMm, middleMm, posteriorMm },
    wedgeRatio,
    biconcavityRatio,
    crushRatio,
    wedgeLossPct,
    biconcaveLossPct,
    crushLossPct,
    heightLossPct,
    deformity: grade === 0 ? 'none' : largest,
    grade,
    gradeName: GENANT_GRADE_NAMES[grade],
    referencePosteriorMm,
  });
}
