import { DEGENERATE_RELATIVE_LENGTH } from './constants';
import { validateSixPoints } from './points';
import { err, ok, withMessagePrefix } from './result';
import { dot, length, mean, scale, subtract, unitOrNull } from './vec3';
/**
 * Builds the frame from an anterior direction (mean anterior − mean posterior points) and a cranial direction (mean
 * superior − mean inferior points), the latter orthogonalised against the former (Gram–Schmidt).
 */
function sagittalFrame(anteriorDirection, cranialDirection, sizeMm, what) {
    const minLengthMm = DEGENERATE_RELATIVE_LENGTH * sizeMm;
    const anterior = unitOrNull(anteriorDirection, minLengthMm);
    if (anterior === null) {
        return err('DEGENERATE_VERTEBRA', `The anterior and posterior points of ${what} are, on average, at the same place, so front and back cannot be told apart. ` +
            'Check that the anterior points are on the front wall and the posterior points on the back wall.');
    }
    const cranialPerpendicular = subtract(cranialDirection, scale(anterior, dot(cranialDirection, anterior)));
    const cranial = unitOrNull(cranialPerpendicular, minLengthMm);
    if (cranial === null) {
        return err('DEGENERATE_VERTEBRA', `The superior points of ${what} are not above the inferior points, so head and foot cannot be told apart. ` +
            'Check that the superior points are on the upper endplate and the inferior points on the lower endplate.');
    }
    return ok({ anterior, cranial });
}
/** Direction of an endplate from its posterior to its anterior point, projected into `frame`, mm. */
function endplateIn2d(directionMm, frame, what) {
    const projected = [dot(directionMm, frame.anterior), dot(directionMm, frame.cranial)];
    if (Math.hypot(projected[0], projected[1]) <= DEGENERATE_RELATIVE_LENGTH * length(directionMm)) {
        return err('DEGENERATE_ENDPLATE', `The ${what} runs across the vertebra's own plane (left to right), so its tilt cannot be measured on a lateral view. ` +
            'Place its anterior and posterior points again.');
    }
    return ok(projected);
}
/** Endplate direction posterior → anterior, mm; fails with DEGENERATE_ENDPLATE when its two points coincide. */
function endplateDirection(posterior, anterior, what) {
    const directionMm = subtract(anterior, posterior);
    if (length(directionMm) === 0) {
        return err('DEGENERATE_ENDPLATE', `The anterior and posterior points of the ${what} are at the same place, so the endplate has no direction. ` +
            'Move one of them along the endplate.');
    }
    return ok(directionMm);
}
/** Signed angle from 2-D direction `from` to `to`, degrees in (−180, 180]; positive counter-clockwise (towards cranial). */
function signedAngleDeg(from, to) {
    const crossMm2 = from[0] * to[1] - from[1] * to[0];
    const dotMm2 = from[0] * to[0] + from[1] * to[1];
    return (Math.atan2(crossMm2, dotMm2) * 180) / Math.PI;
}
/**
 * Angle between a superior endplate (posterior → anterior) and an inferior one in a sagittal frame, degrees:
 * positive when they converge anteriorly (kyphotic), negative when they diverge.
 */
function endplateAngleDeg(superior, inferior, frameFrom) {
    const superiorDirection = endplateDirection(superior.posterior, superior.anterior, superior.what);
    if (!superiorDirection.ok)
        return superiorDirection;
    const inferiorDirection = endplateDirection(inferior.posterior, inferior.anterior, inferior.what);
    if (!inferiorDirection.ok)
        return inferiorDirection;
    const [firstAnterior, ...otherAnterior] = frameFrom.anteriorPoints;
    const [firstPosterior, ...otherPosterior] = frameFrom.posteriorPoints;
    const anteriorDirection = subtract(mean(firstAnterior, ...otherAnterior), mean(firstPosterior, ...otherPosterior));
    const sizeMm = length(superiorDirection.value) + length(inferiorDirection.value) + length(frameFrom.cranialDirection);
    const frame = sagittalFrame(anteriorDirection, frameFrom.cranialDirection, sizeMm, frameFrom.what);
    if (!frame.ok)
        return frame;
    const superior2d = endplateIn2d(superiorDirection.value, frame.value, superior.what);
    if (!superior2d.ok)
        return superior2d;
    const inferior2d = endplateIn2d(inferiorDirection.value, frame.value, inferior.what);
    if (!inferior2d.ok)
        return inferior2d;
    // Converging anteriorly, the superior endplate dips towards the front and the inferior one rises: turning from the
    // superior direction to the inferior one is then counter-clockwise (anterior → cranial), i.e. positive.
    return ok(signedAngleDeg(superior2d.value, inferior2d.value));
}
/**
 * Wedge angle of one vertebra, degrees: the angle between its superior endplate (anteriorSuperior–posteriorSuperior)
 * and its inferior endplate, measured in the vertebra's own sagittal plane; positive = converging anteriorly (kyphotic).
 */
export function wedgeAngleDeg(points) {
    const valid = validateSixPoints(points);
    if (!valid.ok)
        return valid;
    const p = points;
    return endplateAngleDeg({ posterior: p.posteriorSuperior, anterior: p.anteriorSuperior, what: 'superior endplate' }, { posterior: p.posteriorInferior, anterior: p.anteriorInferior, what: 'inferior endplate' }, {
        anteriorPoints: [p.anteriorSuperior, p.anteriorInferior],
        posteriorPoints: [p.posteriorSuperior, p.posteriorInferior],
        cranialDirection: subtract(mean(p.anteriorSuperior, p.middleSuperior, p.posteriorSuperior), mean(p.anteriorInferior, p.middleInferior, p.posteriorInferior)),
        what: 'this vertebra',
    });
}
/**
 * Bisegmental Cobb angle, degrees: the angle between the upper vertebra's superior endplate and the lower vertebra's
 * inferior endplate in the plane of both; positive = kyphotic (converging anteriorly), negative = lordotic.
 */
export function cobbAngleDeg(upper, lower) {
    const validUpper = validateSixPoints(upper);
    if (!validUpper.ok)
        return withMessagePrefix(validUpper.error, 'Upper vertebra: ');
    const validLower = validateSixPoints(lower);
    if (!validLower.ok)
        return withMessagePrefix(validLower.error, 'Lower vertebra: ');
    return endplateAngleDeg({ posterior: upper.posteriorSuperior, anterior: upper.anteriorSuperior, what: "upper vertebra's superior endplate" }, { posterior: lower.posteriorInferior, anterior: lower.anteriorInferior, what: "lower vertebra's inferior endplate" }, {
        anteriorPoints: [upper.anteriorSuperior, upper.anteriorInferior, lower.anteriorSuperior, lower.anteriorInferior],
        posteriorPoints: [upper.posteriorSuperior, upper.posteriorInferior, lower.posteriorSuperior, lower.posteriorInferior],
        cranialDirection: subtract(mean(upper.anteriorSuperior, upper.middleSuperior, upper.posteriorSuperior), mean(lower.anteriorInferior, lower.middleInferior, lower.posteriorInferior)),
        what: 'these two vertebrae',
    });
}
