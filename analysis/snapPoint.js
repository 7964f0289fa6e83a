import { SNAP_RADIUS_MM } from './constants';
import { MIN_EDGE_NOISE_RATIO } from './bodyFrame';
import { findBody } from './findBody';
import { planeViewOf } from './planeView';
import { at } from './bodyPoints';
import { measureBody, refinedEdge } from './measureBody';
import { toVertebraProposal, withShellReason } from './proposeVertebra';
import { fail, ok } from './result';
import { isCornerName } from './sixPoints';
import { addScaled2, distance3, dot2, subtract2 } from './vec';
/**
 * How far inside the body the search for it starts from a corner click, mm: half a thin body's height first, then
 * half a tall one's (a click just outside a corner of a wedged body can put the first seed near the endplate, where the
 * body found may not reach the clicked corner).
 */
const SEED_INWARD_MM = [6, 10];
/**
 * Moves a click of the six-point placement to the nearest bone/disc boundary of its endplate (edge at half maximum
 * along the local body axis) and, for the anterior and posterior corners, to the corner point WALL_INSET_MM inside
 * the wall; within SNAP_RADIUS_MM on the plane, otherwise the click is kept (`snapped: false`). The body is looked for
 * from each seed of SEED_INWARD_MM and the nearest of the points found is taken: a seed near an endplate can find a box
 * reaching across the disc, whose corner then lies a disc's height away, while the body's own corner is the nearer.
 * `corner` says which point it is. Fails with UNCALIBRATED, INVALID_IMAGE, INVALID_INPUT or OUTSIDE_IMAGE.
 */
export function snapPoint(image, clickMm, corner, options = {}) {
    if (!isCornerName(corner))
        return fail('INVALID_INPUT', `"${String(corner)}" is not one of the six points.`);
    const view = planeViewOf(image, clickMm, options.planeAxes);
    if (!view.ok)
        return view;
    const plane = view.value;
    const click = plane.toPlane(clickMm);
    if (!Number.isFinite(plane.valueAt(click[0], click[1]))) {
        return fail('OUTSIDE_IMAGE', 'The point is outside the image.');
    }
    const clickOnPlane = plane.toWorld(click);
    const kept = { pointMm: clickMm, snapped: false, movedMm: 0, confidence: 0, reasons: [] };
    const superior = corner.endsWith('Superior');
    let nearest = null;
    for (const inwardMm of SEED_INWARD_MM) {
        let seed = addScaled2(click, plane.cranial, superior ? -inwardMm : inwardMm);
        if (corner.startsWith('anterior'))
            seed = addScaled2(seed, plane.anterior, -inwardMm);
        if (corner.startsWith('posterior'))
            seed = addScaled2(seed, plane.anterior, inwardMm);
        const frame = findBody(plane, seed, options.polarity ? { polarity: options.polarity } : {});
        if (!frame)
            continue;
        const measured = measureBody(plane, frame);
        if (!measured)
            continue;
        const proposal = withShellReason(plane, measured, options.polarity);
        const full = toVertebraProposal(plane, proposal);
        let target;
        if (corner.startsWith('middle')) {
            // The middle point stays where the reader put it along the endplate; only its height snaps.
            const d = subtract2(click, frame.centre);
            const u = dot2(d, frame.anterior);
            const v = dot2(d, frame.cranial);
            const side = superior ? 'superior' : 'inferior';
            const edge = refinedEdge(plane, frame, side, u, Math.abs(v), MIN_EDGE_NOISE_RATIO * frame.marrow.noiseValue, SNAP_RADIUS_MM);
            if (!edge)
                continue;
            target = at(frame, u, superior ? edge.distanceMm : -edge.distanceMm);
        }
        else {
            target = proposal.points[corner];
        }
        const pointMm = plane.toWorld(target);
        const movedMm = distance3(pointMm, clickOnPlane);
        if (movedMm > SNAP_RADIUS_MM || (nearest && nearest.movedMm <= movedMm))
            continue;
        nearest = { pointMm, snapped: true, movedMm, confidence: full.confidence, reasons: full.reasons };
    }
    return ok(nearest ?? kept);
}
