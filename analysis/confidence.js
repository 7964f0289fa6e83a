/** Factor (0–1) each reason multiplies the confidence by. */
export const REASON_FACTORS = {
    WEAK_EDGE: 0.6,
    EDGE_NOT_FOUND: 0.5,
    CEMENT: 0.3,
    IRREGULAR_ENDPLATE: 0.5,
    DOUBLE_CONTOUR: 0.6,
    IRREGULAR_WALL: 0.6,
    ROUNDED_CORNER: 0.75,
    BRIDGED_CORNER: 0.5,
    IMPLAUSIBLE_SIZE: 0.3,
    SURFACE_ASSUMED: 0.6,
    BRIGHT_SHELL_UNCONFIRMED: 0.5,
    COARSE_SAMPLING: 0.5,
    LEVEL_UNCERTAIN: 0.5,
};
/** Below this confidence (0–1) a proposal should be shown as "check". */
export const CHECK_BELOW_CONFIDENCE = 0.7;
/**
 * Reasons that doubt only how precisely a body's points are placed, never whether it is a body: detectSpine leaves them
 * out when it judges whether a stretch between two discs holds a body (a whole 3 mm reformat, or every T1 endplate next
 * to a dark disc, would otherwise read as "no body").
 */
export const PRECISION_ONLY_REASONS = new Set(['SURFACE_ASSUMED', 'COARSE_SAMPLING', 'IRREGULAR_WALL']);
/** The confidence (0–1) left after the reasons, each counted once. */
export function confidenceOf(reasons) {
    const codes = new Set(reasons.map((r) => r.code));
    let confidence = 1;
    for (const code of codes)
        confidence *= REASON_FACTORS[code];
    return confidence;
}
