/** a + b · s (mm). */
export function addScaled3(a, b, s) {
    return [a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s];
}
/** a − b (mm). */
export function subtract3(a, b) {
    return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
/** Dot product of two 3-vectors. */
export function dot3(a, b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
/** Cross product a × b. */
export function cross3(a, b) {
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
/** Euclidean length of a 3-vector. */
export function length3(a) {
    return Math.hypot(a[0], a[1], a[2]);
}
/** Euclidean distance between two points, mm. */
export function distance3(a, b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
/** True when all three coordinates are finite numbers. */
export function isFinite3(a) {
    return Array.isArray(a) && a.length === 3 && a.every((c) => typeof c === 'number' && Number.isFinite(c));
}
/** a + b · s on the plane (mm). */
export function addScaled2(a, b, s) {
    return [a[0] + b[0] * s, a[1] + b[1] * s];
}
/** Dot product of two plane vectors. */
export function dot2(a, b) {
    return a[0] * b[0] + a[1] * b[1];
}
/** a − b on the plane (mm). */
export function subtract2(a, b) {
    return [a[0] - b[0], a[1] - b[1]];
}
/** The unit vector along a, or null when a has no length. */
export function unit2(a) {
    const l = Math.hypot(a[0], a[1]);
    return l > 1e-9 ? [a[0] / l, a[1] / l] : null;
}
/** a rotated by +90° on the plane. */
export function perpendicular2(a) {
    return [-a[1], a[0]];
}
