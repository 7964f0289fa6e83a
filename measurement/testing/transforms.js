/** Applies `f` to each of the six points. */
export function mapPoints(points, f) {
    return {
        anteriorSuperior: f(points.anteriorSuperior),
        anteriorInferior: f(points.anteriorInferior),
        middleSuperior: f(points.middleSuperior),
        middleInferior: f(points.middleInferior),
        posteriorSuperior: f(points.posteriorSuperior),
        posteriorInferior: f(points.posteriorInferior),
    };
}
/** Rotates p about the origin (Rodrigues' formula) and translates it, mm. */
export function moveRigidly(p, motion) {
    const axisLength = Math.hypot(...motion.axis);
    const k = [motion.axis[0] / axisLength, motion.axis[1] / axisLength, motion.axis[2] / axisLength];
    const [kx, ky, kz] = k;
    const cos = Math.cos(motion.angleRad);
    const sin = Math.sin(motion.angleRad);
    const kDotP = kx * p[0] + ky * p[1] + kz * p[2];
    const kCrossP = [ky * p[2] - kz * p[1], kz * p[0] - kx * p[2], kx * p[1] - ky * p[0]];
    const component = (i) => p[i] * cos + kCrossP[i] * sin + k[i] * kDotP * (1 - cos) + motion.translationMm[i];
    return [component(0), component(1), component(2)];
}
/** The six points moved rigidly (rotation, then translation). */
export function moveVertebraRigidly(points, motion) {
    return mapPoints(points, (p) => moveRigidly(p, motion));
}
/** The six points scaled about the origin by a unitless factor. */
export function scaleVertebra(points, factor) {
    return mapPoints(points, (p) => [p[0] * factor, p[1] * factor, p[2] * factor]);
}
