import { LIMITS_OF_AGREEMENT_Z } from './constants';
import { err, ok } from './result';
function checkPairs(pairs, minimum, what) {
    if (!Array.isArray(pairs) || pairs.length < minimum) {
        return err('TOO_FEW_LEVELS', `${what} needs at least ${minimum} level${minimum === 1 ? '' : 's'} read twice; ` +
            `${Array.isArray(pairs) ? pairs.length : 0} ${Array.isArray(pairs) && pairs.length === 1 ? 'was' : 'were'} given.`);
    }
    for (const pair of pairs) {
        if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => typeof v === 'number' && Number.isFinite(v))) {
            return err('INVALID_VALUE', `A pair of readings (${String(pair)}) is not two finite numbers.`);
        }
    }
    return ok(pairs);
}
/**
 * Root-mean-square coefficient of variation of duplicate readings, %: per pair SD = |first − second| / √2 and
 * CV = SD / mean, then √(mean of CV²) × 100 (Glüer CC et al., Accurate assessment of precision errors: how to measure
 * the reproducibility of bone densitometry techniques. Osteoporos Int 1995;5:262–270). Needs ≥ 1 pair of positive
 * values; fails with TOO_FEW_LEVELS or INVALID_VALUE.
 */
export function rootMeanSquareCvPct(pairs) {
    const checked = checkPairs(pairs, 1, 'A coefficient of variation');
    if (!checked.ok)
        return checked;
    let sumOfSquares = 0;
    for (const [first, second] of checked.value) {
        if (first <= 0 || second <= 0) {
            return err('INVALID_VALUE', `A coefficient of variation needs positive readings; ${first} and ${second} were given.`);
        }
        const cv = Math.abs(first - second) / Math.SQRT2 / ((first + second) / 2);
        sumOfSquares += cv * cv;
    }
    return ok(100 * Math.sqrt(sumOfSquares / checked.value.length));
}
/**
 * Bias and 95 % limits of agreement of paired readings (Bland & Altman, Lancet 1986): differences second − first,
 * their mean, sample SD and mean ± LIMITS_OF_AGREEMENT_Z · SD, in the readings' unit. Needs ≥ 2 pairs; fails with
 * TOO_FEW_LEVELS or INVALID_VALUE.
 */
export function blandAltman(pairs) {
    const checked = checkPairs(pairs, 2, 'Limits of agreement');
    if (!checked.ok)
        return checked;
    const differences = checked.value.map(([first, second]) => second - first);
    const n = differences.length;
    const bias = differences.reduce((sum, d) => sum + d, 0) / n;
    const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - bias) ** 2, 0) / (n - 1));
    if (!Number.isFinite(bias) || !Number.isFinite(sd)) {
        return err('INVALID_VALUE', 'The readings are too large to compare: their differences overflow.');
    }
    return ok({ n, bias, sd, lower: bias - LIMITS_OF_AGREEMENT_Z * sd, upper: bias + LIMITS_OF_AGREEMENT_Z * sd });
}
/**
 * True when a change between two studies (e.g. a height gain after kyphoplasty, mm) lies within the limits of
 * agreement of repeat readings (Bland & Altman, Lancet 1986; bounds inclusive): such a change cannot be told apart
 * from measurement error.
 */
export function isWithinMeasurementError(change, agreement) {
    return change >= agreement.lower && change <= agreement.upper;
}
