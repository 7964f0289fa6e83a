/** Component-wise a − b, mm. */
export function subtract(a, b) {
    return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
/** Component-wise a + b, mm. */
export function add(a, b) {
    return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}
/** v scaled by a unitless factor k. */
export function scale(v, k) {
    return [v[0] * k, v[1] * k, v[2] * k];
}
/** Dot product a·b, mm². */
export function dot(a, b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
/** Euclidean length |v|, mm (Math.hypot, so no intermediate overflow). */
export function length(v) {
    return Math.hypot(v[0], v[1], v[2]);
}
/** Euclidean distance |a − b|, mm. */
export function distance(a, b) {
    return length(subtract(a, b));
}
/** Arithmetic mean of one or more points, mm. */
export function mean(first, ...rest) {
    const sum = rest.reduce((acc, p) => add(acc, p), first);
    return scale(sum, 1 / (rest.length + 1));
}
/** True when all three coordinates are finite numbers (no NaN, no ±Infinity). */
export function isFiniteVec3(v) {
    return Number.isFinite(v[0]) && Number.isFinite(v[1]) && Number.isFinite(v[2]);
}
/** v / |v|, unitless; null when |v| is zero or at most `minLengthMm` (a direction lost in rounding noise). */
export function unitOrNull(v, minLengthMm = 0) {
    const lengthMm = length(v);
    if (lengthMm === 0 || lengthMm <= minLengthMm)
        return null;
    return [v[0] / lengthMm, v[1] / lengthMm, v[2] / lengthMm];
}
