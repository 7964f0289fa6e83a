import { validateSixPoints } from './points';
import { err, ok } from './result';
import { distance } from './vec3';
/**
 * Which two points make each height (six-point morphometry, Hurxthal 1968): the wall's superior point to its inferior
 * point, anterior → middle → posterior. The one definition for the tool, its placement order, the SR and the maths.
 */
export const HEIGHT_POINT_PAIRS = [
    { key: 'anteriorMm', wall: 'anterior', superior: 'anteriorSuperior', inferior: 'anteriorInferior' },
    { key: 'middleMm', wall: 'middle', superior: 'middleSuperior', inferior: 'middleInferior' },
    { key: 'posteriorMm', wall: 'posterior', superior: 'posteriorSuperior', inferior: 'posteriorInferior' },
];
/**
 * Ha, Hm, Hp (mm) as the Euclidean distance from each superior point to its inferior point (six-point morphometry,
 * Hurxthal 1968). Fails with INVALID_POINT for a bad coordinate, COINCIDENT_POINTS when a pair coincides.
 */
export function heightsFromPoints(points) {
    const valid = validateSixPoints(points);
    if (!valid.ok)
        return valid;
    const heights = { anteriorMm: 0, middleMm: 0, posteriorMm: 0 };
    for (const { key, wall, superior, inferior } of HEIGHT_POINT_PAIRS) {
        const heightMm = distance(points[superior], points[inferior]);
        if (heightMm === 0) {
            return err('COINCIDENT_POINTS', `The ${wall} superior and ${wall} inferior points are at the same place, so the ${wall} height would be 0 mm. ` +
                'Move one of them to the other endplate.');
        }
        heights[key] = heightMm;
    }
    return ok(heights);
}
