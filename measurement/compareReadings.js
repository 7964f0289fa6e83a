import { assessSpine } from './assessSpine';
import { blandAltman, rootMeanSquareCvPct } from './repeatability';
import { err, ok, withMessagePrefix } from './result';
const KEYS = { anterior: 'anteriorMm', middle: 'middleMm', posterior: 'posteriorMm' };
/** RMS-CV and limits of agreement of paired heights that assessSpine has accepted (≥ 1 pair, positive, finite). */
function precisionOf(pairs) {
    const cv = rootMeanSquareCvPct(pairs);
    /* v8 ignore next -- unreachable: at least one pair of positive finite heights */
    if (!cv.ok)
        throw new Error(`compareReadings: ${cv.error.message}`);
    const agreement = blandAltman(pairs);
    return { n: pairs.length, rmsCvPct: cv.value, agreementMm: agreement.ok ? agreement.value : null };
}
/**
 * Compares two readings of the same levels (same study: a blinded repeat, or a second reader): per level the
 * differences of Ha, Hm, Hp (mm) and of the graded loss (percentage points), and over the levels the root-mean-square
 * CV (%, Glüer et al., Osteoporos Int 1995) and Bland–Altman bias and 95 % limits of agreement (mm; Lancet 1986).
 * Fails when either reading cannot be assessed, or with TOO_FEW_LEVELS when no level is in both.
 */
export function compareReadings(first, second, options = {}) {
    const firstSpine = assessSpine(first, options);
    if (!firstSpine.ok)
        return withMessagePrefix(firstSpine.error, 'First reading: ');
    const secondSpine = assessSpine(second, options);
    if (!secondSpine.ok)
        return withMessagePrefix(secondSpine.error, 'Second reading: ');
    const secondByLevel = new Map(secondSpine.value.levels.map((l) => [l.level, l]));
    const firstLevels = new Set(firstSpine.value.levels.map((l) => l.level));
    const levels = [];
    const onlyFirst = [];
    for (const a of firstSpine.value.levels) {
        const b = secondByLevel.get(a.level);
        if (b === undefined) {
            onlyFirst.push(a.level);
            continue;
        }
        levels.push({
            level: a.level,
            first: a,
            second: b,
            differenceMm: {
                anterior: b.heights.anteriorMm - a.heights.anteriorMm,
                middle: b.heights.middleMm - a.heights.middleMm,
                posterior: b.heights.posteriorMm - a.heights.posteriorMm,
            },
            heightLossDifferencePct: b.assessment.heightLossPct - a.assessment.heightLossPct,
            gradeFirst: a.assessment.grade,
            gradeSecond: b.assessment.grade,
        });
    }
    const onlySecond = secondSpine.value.levels.map((l) => l.level).filter((level) => !firstLevels.has(level));
    if (levels.length === 0) {
        return err('TOO_FEW_LEVELS', 'No level is measured in both readings, so they cannot be compared. Measure the same levels again.');
    }
    const pairsOf = (key) => levels.map((l) => [l.first.heights[key], l.second.heights[key]]);
    const perHeight = {
        anterior: precisionOf(pairsOf(KEYS.anterior)),
        middle: precisionOf(pairsOf(KEYS.middle)),
        posterior: precisionOf(pairsOf(KEYS.posterior)),
    };
    const pooled = precisionOf([...pairsOf('anteriorMm'), ...pairsOf('middleMm'), ...pairsOf('posteriorMm')]);
    const lossAgreement = blandAltman(levels.map((l) => [l.first.assessment.heightLossPct, l.second.assessment.heightLossPct]));
    return ok({
        levels,
        onlyFirst,
        onlySecond,
        perHeight,
        pooled,
        heightLossAgreementPct: lossAgreement.ok ? lossAgreement.value : null,
    });
}
