/** Three numbers as a patient-space vector (ImagePositionPatient), or null when there are not exactly three. */
export function toVec3(values) {
    return hasLength(values, 3) ? [values[0], values[1], values[2]] : null;
}
/**
 * ImageOrientationPatient as unit row and column cosines (some writers round them to a few digits), or null when
 * there are not six values or a direction is degenerate.
 */
export function toOrientation(values) {
    if (!hasLength(values, 6))
        return null;
    const row = Math.hypot(values[0], values[1], values[2]);
    const column = Math.hypot(values[3], values[4], values[5]);
    if (row < 0.5 || column < 0.5)
        return null;
    return [values[0] / row, values[1] / row, values[2] / row, values[3] / column, values[4] / column, values[5] / column];
}
/** A positive spacing pair in mm (PixelSpacing, ImagerPixelSpacing), or null when absent, zero or malformed ("0\0"). */
export function toSpacing(values) {
    return hasLength(values, 2) && values[0] > 0 && values[1] > 0 ? [values[0], values[1]] : null;
}
function hasLength(values, length) {
    return values.length === length;
}
