import { CHECK_BELOW_CONFIDENCE } from '../../analysis';
/**
 * The one mapper from the image analysis's proposal to the viewer's vertebra: the six points as they are, flagged
 * `proposed` until accepted or edited, with the analysis's confidence and reasons.
 */
export function measurementFromProposal(proposal, context) {
    const copy = (p) => [p[0], p[1], p[2]];
    const { points } = proposal;
    return {
        ...context,
        points: {
            anteriorSuperior: copy(points.anteriorSuperior),
            anteriorInferior: copy(points.anteriorInferior),
            middleSuperior: copy(points.middleSuperior),
            middleInferior: copy(points.middleInferior),
            posteriorSuperior: copy(points.posteriorSuperior),
            posteriorInferior: copy(points.posteriorInferior),
        },
        viewPlaneNormal: copy(context.viewPlaneNormal),
        viewUp: copy(context.viewUp),
        proposed: true,
        confidence: Math.max(0, Math.min(1, proposal.confidence)),
        reasons: proposal.reasons.map((r) => ({ code: r.code, message: r.message })),
    };
}
/** True while a vertebra is an unreviewed proposal. */
export function isUnconfirmed(measurement) {
    return measurement.proposed === true;
}
/** True when an unreviewed proposal's confidence is below analysis/'s CHECK_BELOW_CONFIDENCE: the reader should check it. */
export function needsCheck(measurement) {
    return measurement.proposed === true && (measurement.confidence ?? 0) < CHECK_BELOW_CONFIDENCE;
}
/** The ids of the unreviewed proposals among some vertebrae. */
export function unconfirmedIds(measurements) {
    return measurements.filter(isUnconfirmed).map((m) => m.id);
}
