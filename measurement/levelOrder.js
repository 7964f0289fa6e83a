import { compareLevels, isSpinalLevel, levelIndex } from './levels';
import { validateSixPoints } from './points';
import { err, ok } from './result';
import { dot, isFiniteVec3, mean, unitOrNull } from './vec3';
/** The patient's superior direction in DICOM LPS coordinates. */
const PATIENT_SUPERIOR = [0, 0, 1];
/**
 * Where a vertebra lies along `cranialDirection` (unit or not; the patient S axis, LPS [0, 0, 1], unless given), mm:
 * the projection of the mean of its six points. Fails with INVALID_POINT on a bad point, INVALID_VALUE on a zero or
 * non-finite direction.
 */
export function cranialPositionMm(points, cranialDirection = PATIENT_SUPERIOR) {
    const valid = validateSixPoints(points);
    if (!valid.ok)
        return valid;
    const direction = isFiniteVec3(cranialDirection) ? unitOrNull(cranialDirection) : null;
    if (direction === null) {
        return err('INVALID_VALUE', `The cranial direction (${cranialDirection.join(', ')}) is not a finite, non-zero vector.`);
    }
    const p = points;
    const centre = mean(p.anteriorSuperior, p.anteriorInferior, p.middleSuperior, p.middleInferior, p.posteriorSuperior, p.posteriorInferior);
    return ok(dot(centre, direction));
}
/**
 * Every pair of measured levels whose labels contradict their positions: the anatomically more cranial label lying at
 * or below the more caudal one (cranialPositionMm ≤). Pairs of the same label are not compared. Sorted by the cranial
 * label, then the caudal one. Fails with UNKNOWN_LEVEL or INVALID_VALUE (a position that is not a finite number).
 */
export function levelsOutOfOrder(levels) {
    for (const { level, cranialPositionMm: position } of levels) {
        if (!isSpinalLevel(level))
            return err('UNKNOWN_LEVEL', `"${String(level)}" is not a vertebral level.`);
        if (typeof position !== 'number' || !Number.isFinite(position)) {
            return err('INVALID_VALUE', `The position of ${level} (${String(position)}) is not a finite number of millimetres.`);
        }
    }
    const sorted = [...levels].sort((a, b) => compareLevels(a.level, b.level));
    const violations = [];
    sorted.forEach((upper, i) => {
        for (const lower of sorted.slice(i + 1)) {
            if (levelIndex(lower.level) === levelIndex(upper.level))
                continue;
            if (upper.cranialPositionMm <= lower.cranialPositionMm) {
                violations.push({
                    cranial: upper.level,
                    caudal: lower.level,
                    cranialPositionMm: upper.cranialPositionMm,
                    caudalPositionMm: lower.cranialPositionMm,
                });
            }
        }
    });
    return ok(violations);
}
