import { assessSpine } from './assessSpine';
import { RESTORATION_MIN_LOST_HEIGHT_MM } from './constants';
import { ok, withMessagePrefix } from './result';
/** gain / lost × 100, %, where lost = expected − before (mm); null when lost < RESTORATION_MIN_LOST_HEIGHT_MM (inclusive bound kept). */
function restorationPct(gainMm, expectedMm, beforeMm) {
    const lostMm = expectedMm - beforeMm;
    if (lostMm < RESTORATION_MIN_LOST_HEIGHT_MM)
        return null;
    return (100 * gainMm) / lostMm;
}
function mcKiernan(beforeMm, afterMm, referentMm) {
    const gainMm = afterMm - beforeMm;
    return {
        gainMm,
        pctOfFractureHeight: (100 * gainMm) / beforeMm,
        pctOfLostHeight: referentMm === null ? null : restorationPct(gainMm, referentMm, beforeMm),
        pctOfReferentHeight: referentMm === null ? null : (100 * gainMm) / referentMm,
        referentMm,
    };
}
function differenceOrNull(after, before) {
    return after === null || before === null ? null : after - before;
}
function compareLevel(before, after) {
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
function mcKiernanOf(before, after) {
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
        referent: expected === null ? { source: 'ownPosterior', levels: [] } : { source: 'neighbours', levels: before.referenceLevels },
    };
}
/**
 * Compares two studies level by level: height gain (mm), restoration (%) = gain / (expected − before) × 100 with
 * expected = the before-study's reference posterior height (else its own Hp), restoration of each wall the four
 * McKiernan ways (Spine 2003) against the wall's referent height (the before-study's neighbour-expected height of that
 * wall, else its own Hp), change of wedge and Cobb angle (degrees), grade before → after, and the levels measured in
 * only one study. With a plane for a study (options) its levels carry their uncertainty (assessSpine).
 */
export function compareStudies(before, after, options = {}) {
    const beforeSpine = assessSpine(before, { plane: options.beforePlane ?? null });
    if (!beforeSpine.ok)
        return withMessagePrefix(beforeSpine.error, 'Before study: ');
    const afterSpine = assessSpine(after, { plane: options.afterPlane ?? null });
    if (!afterSpine.ok)
        return withMessagePrefix(afterSpine.error, 'After study: ');
    const afterByLevel = new Map(afterSpine.value.levels.map((l) => [l.level, l]));
    const beforeLevels = new Set(beforeSpine.value.levels.map((l) => l.level));
    const levels = [];
    const onlyBefore = [];
    for (const beforeLevel of beforeSpine.value.levels) {
        const afterLevel = afterByLevel.get(beforeLevel.level);
        if (afterLevel === undefined)
            onlyBefore.push(beforeLevel.level);
        else
            levels.push(compareLevel(beforeLevel, afterLevel));
    }
    const onlyAfter = afterSpine.value.levels.map((l) => l.level).filter((level) => !beforeLevels.has(level));
    return ok({ levels, onlyBefore, onlyAfter });
}
