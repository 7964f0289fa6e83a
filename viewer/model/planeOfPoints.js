function unit(v) {
    const l = Math.hypot(v[0], v[1], v[2]) || 1;
    return [v[0] / l, v[1] / l, v[2] / l];
}
/**
 * The plane a vertebra was measured in, from its six points: the normal of anterior→posterior × superior→inferior,
 * snapped to an axis when within 0.5° (reformats along axes), with an up direction in the plane.
 */
export function planeOfPoints(points) {
    const ap = [points.posteriorSuperior[0] - points.anteriorSuperior[0], points.posteriorSuperior[1] - points.anteriorSuperior[1], points.posteriorSuperior[2] - points.anteriorSuperior[2]];
    const si = [points.anteriorInferior[0] - points.anteriorSuperior[0], points.anteriorInferior[1] - points.anteriorSuperior[1], points.anteriorInferior[2] - points.anteriorSuperior[2]];
    let normal = unit([ap[1] * si[2] - ap[2] * si[1], ap[2] * si[0] - ap[0] * si[2], ap[0] * si[1] - ap[1] * si[0]]);
    const axis = [0, 1, 2].find((i) => Math.abs(normal[i]) > Math.cos((0.5 * Math.PI) / 180));
    if (axis !== undefined)
        normal = [axis === 0 ? Math.sign(normal[0]) : 0, axis === 1 ? Math.sign(normal[1]) : 0, axis === 2 ? Math.sign(normal[2]) : 0];
    const up = unit([-si[0], -si[1], -si[2]]);
    return { normal, up };
}
