/** The comparison as plain JSON numbers, per level (from measurement/'s compareStudies). */
export function comparisonJson(comparison) {
    return {
        levels: comparison.levels.map((c) => ({
            level: c.level,
            heightsBeforeMm: c.before.heights,
            heightsAfterMm: c.after.heights,
            gainMm: c.gainMm,
            restorationPct: c.restorationPct,
            expectedHeightMm: c.expectedHeightMm,
            wedgeAngleBeforeDeg: c.before.wedgeAngleDeg,
            wedgeAngleAfterDeg: c.after.wedgeAngleDeg,
            wedgeAngleChangeDeg: c.wedgeAngleChangeDeg,
            cobbAngleBeforeDeg: c.before.cobbAngleDeg,
            cobbAngleAfterDeg: c.after.cobbAngleDeg,
            cobbAngleChangeDeg: c.cobbAngleChangeDeg,
            gradeBefore: c.gradeBefore,
            gradeAfter: c.gradeAfter,
        })),
        onlyBaseline: comparison.onlyBefore,
        onlyFollowUp: comparison.onlyAfter,
    };
}
