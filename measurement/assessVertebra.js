import { GENANT_GRADE_NAMES, genantGrade } from './grading';
import { err, ok } from './result';
/**
 * A stable short name of a grade rule for exports and automation: 'wedge', 'biconcave' (against the vertebra's own
 * posterior height), 'wedge-vs-neighbours', 'biconcave-vs-neighbours' or 'crush' (always against the neighbours).
 */
export function gradeRuleCode(rule) {
    if (rule.deformity === 'crush' || rule.reference === 'ownPosterior')
        return rule.deformity;
    return `${rule.deformity}-vs-neighbours`;
}
function checkLength(valueMm, what) {
    if (typeof valueMm !== 'number' || !Number.isFinite(valueMm)) {
        return err('INVALID_HEIGHT', `The ${what} (${String(valueMm)}) is not a finite number of millimetres.`);
    }
    if (valueMm <= 0) {
        return err('NON_POSITIVE_HEIGHT', `The ${what} is ${valueMm} mm; it must be greater than 0 mm.`);
    }
    return ok(valueMm);
}
/** Loss of `actualMm` against `expectedMm`, % clamped at ≥ 0: max(0, (expected − actual) / expected × 100). */
function lossPct(actualMm, expectedMm) {
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
export function assessVertebra(h, options = {}) {
    const checks = [
        checkLength(h.anteriorMm, 'anterior height'),
        checkLength(h.middleMm, 'middle height'),
        checkLength(h.posteriorMm, 'posterior height'),
    ];
    const referencePosteriorMm = options.referencePosteriorMm ?? null;
    const expectedAnteriorMm = options.expectedAnteriorMm ?? null;
    const expectedMiddleMm = options.expectedMiddleMm ?? null;
    if (referencePosteriorMm !== null)
        checks.push(checkLength(referencePosteriorMm, 'reference posterior height'));
    if (expectedAnteriorMm !== null)
        checks.push(checkLength(expectedAnteriorMm, 'expected anterior height'));
    if (expectedMiddleMm !== null)
        checks.push(checkLength(expectedMiddleMm, 'expected middle height'));
    for (const check of checks)
        if (!check.ok)
            return check;
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
        return err('INVALID_HEIGHT', `The heights (${anteriorMm}, ${middleMm}, ${posteriorMm} mm` +
            `${referencePosteriorMm === null ? '' : `, reference ${referencePosteriorMm} mm`}` +
            `${expectedAnteriorMm === null ? '' : `, expected anterior ${expectedAnteriorMm} mm`}` +
            `${expectedMiddleMm === null ? '' : `, expected middle ${expectedMiddleMm} mm`}) ` +
            'are too far apart in size to compare. Check the calibration and the points.');
    }
    const candidates = [
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
