import { edgeAlong, MIN_EDGE_NOISE_RATIO, negate, orientedAnterior, wallAxis, WALL_PROBE_FRACTIONS } from './bodyFrame';
import { median } from './profile';
import { addScaled2, dot2, subtract2 } from './vec';
/** How far from a box side its profile edge is looked for, mm (the box sits on a 1 mm grid, endplates are concave). */
const BOX_EDGE_WINDOW_MM = 3;
/**
 * The BodyFrame of a fitted box: each wall at WALL_PROBE_FRACTIONS of the height and each endplate at three depths is
 * placed on the strongest profile edge within BOX_EDGE_WINDOW_MM of the box's side (half maximum, sub-millimetre);
 * the axis follows the walls (see wallAxis) and the centre sits half way between them.
 */
export function frameFromBox(view, box, polarity, marrow) {
    const minContrast = Math.max(MIN_EDGE_NOISE_RATIO * marrow.noiseValue, 1e-6);
    const { anterior, cranial } = box;
    const halfDepth = box.depthMm / 2;
    const halfHeight = box.heightMm / 2;
    const contrasts = [];
    const near = (start, direction, distanceMm) => {
        const edge = edgeAlong(view, start, direction, polarity, {
            minContrast,
            fromMm: distanceMm - BOX_EDGE_WINDOW_MM,
            toMm: distanceMm + BOX_EDGE_WINDOW_MM,
            pick: 'strongest',
        });
        if (!edge)
            return distanceMm;
        contrasts.push(edge.contrast);
        return edge.distanceMm;
    };
    const anteriorPoints = [];
    const posteriorPoints = [];
    for (const f of WALL_PROBE_FRACTIONS) {
        const start = addScaled2(box.centre, cranial, f * box.heightMm);
        anteriorPoints.push(addScaled2(start, anterior, near(start, anterior, halfDepth)));
        posteriorPoints.push(addScaled2(start, anterior, -near(start, negate(anterior), halfDepth)));
    }
    const axis = wallAxis(anteriorPoints, posteriorPoints, cranial) ?? cranial;
    const across = orientedAnterior(view, axis);
    const front = median(anteriorPoints.map((p) => dot2(subtract2(p, box.centre), across)));
    const back = median(posteriorPoints.map((p) => dot2(subtract2(p, box.centre), across)));
    const centre = addScaled2(box.centre, across, (front + back) / 2);
    const sups = [];
    const infs = [];
    for (const u of [-4, 0, 4]) {
        const start = addScaled2(centre, across, u);
        sups.push(near(start, axis, halfHeight));
        infs.push(-near(start, negate(axis), halfHeight));
    }
    const superiorMm = median(sups);
    const inferiorMm = median(infs);
    return {
        centre: addScaled2(centre, axis, (superiorMm + inferiorMm) / 2),
        cranial: axis,
        anterior: across,
        anteriorWallMm: (front - back) / 2,
        posteriorWallMm: -(front - back) / 2,
        superiorMm: (superiorMm - inferiorMm) / 2,
        inferiorMm: -(superiorMm - inferiorMm) / 2,
        polarity,
        marrow,
        contrastValue: contrasts.length > 0 ? median(contrasts) : minContrast,
    };
}
