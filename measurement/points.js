import { MAX_ABS_COORDINATE_MM } from './constants';
import { err, ok } from './result';
/** The six point names with the words a clinician reads in a message, in placement order. */
export const POINT_LABELS = {
    anteriorSuperior: 'anterior superior',
    anteriorInferior: 'anterior inferior',
    middleSuperior: 'middle superior',
    middleInferior: 'middle inferior',
    posteriorSuperior: 'posterior superior',
    posteriorInferior: 'posterior inferior',
};
const POINT_NAMES = Object.keys(POINT_LABELS);
function isValidCoordinate(value) {
    return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_ABS_COORDINATE_MM;
}
/**
 * Checks that all six points are present with three finite coordinates within ±MAX_ABS_COORDINATE_MM (mm) and returns
 * a copy of them; safe on untrusted data (e.g. read from JSON or a DICOM file), hence the `unknown` input. Fails with
 * INVALID_POINT naming the first bad point.
 */
export function validateSixPoints(points) {
    const source = typeof points === 'object' && points !== null ? points : {};
    const checked = {};
    for (const name of POINT_NAMES) {
        const point = source[name];
        const label = POINT_LABELS[name];
        if (!Array.isArray(point) || point.length !== 3) {
            return err('INVALID_POINT', `The ${label} point is missing or does not have three coordinates. Place it again.`);
        }
        const [x, y, z] = point;
        if (!isValidCoordinate(x) || !isValidCoordinate(y) || !isValidCoordinate(z)) {
            return err('INVALID_POINT', `The ${label} point has a coordinate that is not a finite number within ±${MAX_ABS_COORDINATE_MM} mm ` +
                `(${point.map(String).join(', ')}). Place it again.`);
        }
        checked[name] = [x, y, z];
    }
    const { anteriorSuperior, anteriorInferior, middleSuperior, middleInferior, posteriorSuperior, posteriorInferior } = checked;
    if (!anteriorSuperior || !anteriorInferior || !middleSuperior || !middleInferior || !posteriorSuperior || !posteriorInferior) {
        throw new Error('validateSixPoints: POINT_NAMES does not list the six points'); // programmer's mistake
    }
    return ok({ anteriorSuperior, anteriorInferior, middleSuperior, middleInferior, posteriorSuperior, posteriorInferior });
}
