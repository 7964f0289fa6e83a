import { StackViewport } from '@cornerstonejs/core';
import { engine, viewportsOf } from './renderingEngine';
import { cross, dot, subtract } from './vec3';
/** Margin around the measured vertebrae in a report snapshot, mm. */
const REGION_MARGIN_MM = 25;
/** Brings a vertebra into view: the viewport looking along its plane moves to its slice, centred on it. */
export function focusMeasurement(plan, measurement) {
    focusPoints(plan, Object.values(measurement.points), measurement.viewPlaneNormal, measurement.referencedImageId, measurement.seriesKey);
}
/** Centres the views that look along `viewPlaneNormal` on the centroid of the points (on their slice). */
export function focusPoints(plan, points, viewPlaneNormal, referencedImageId, seriesKey) {
    if (points.length === 0)
        return;
    const meanOf = (axis) => points.reduce((sum, p) => sum + p[axis], 0) / points.length;
    const centre = [meanOf(0), meanOf(1), meanOf(2)];
    const ofSeries = { ...plan, viewports: plan.viewports.filter((v) => v.seriesKey === seriesKey) };
    for (const viewport of viewportsOf(ofSeries)) {
        const camera = viewport.getCamera();
        const normal = camera.viewPlaneNormal;
        const aligned = normal && Math.abs(dot(normal, viewPlaneNormal)) > 0.999;
        if (!aligned)
            continue;
        if (viewport instanceof StackViewport) {
            const index = referencedImageId ? viewport.getImageIds().indexOf(referencedImageId) : -1;
            if (index >= 0)
                void viewport.setImageIdIndex(index);
            else
                viewport.jumpToWorld(centre);
        }
        else {
            const { focalPoint, position } = camera;
            if (!focalPoint || !position)
                continue;
            const delta = subtract(centre, focalPoint);
            viewport.setCamera({
                focalPoint: centre,
                position: [position[0] + delta[0], position[1] + delta[1], position[2] + delta[2]],
            });
            viewport.render();
        }
    }
}
/**
 * Runs `capture` with one view framed on the measured region (all vertebrae of its series, with a margin), then puts
 * the view back as it was.
 */
export async function withMeasuredRegion(plan, viewportId, measured, capture) {
    const viewport = engine().getViewport(viewportId);
    const spec = plan.viewports.find((v) => v.viewportId === viewportId);
    const [firstMeasured] = measured;
    if (!viewport || !spec || firstMeasured === undefined)
        return capture();
    const before = viewport.getCamera();
    const points = measured.flatMap((m) => Object.values(m.points));
    focusPoints(plan, points, firstMeasured.viewPlaneNormal, firstMeasured.referencedImageId, spec.seriesKey);
    // Half the height of the view must hold the farthest point from the centre, along the view's up direction and
    // across it (scaled by the aspect ratio).
    const { viewUp: up, viewPlaneNormal: normal, focalPoint: centre } = viewport.getCamera();
    if (up && normal && centre) {
        const right = cross(up, normal);
        const aspect = viewport.canvas.clientWidth / Math.max(1, viewport.canvas.clientHeight);
        const halfHeightMm = Math.max(...points.map((p) => {
            const d = subtract(p, centre);
            return Math.max(Math.abs(dot(d, up)), Math.abs(dot(d, right)) / aspect);
        })) + REGION_MARGIN_MM;
        viewport.setCamera({ parallelScale: halfHeightMm });
        viewport.render();
    }
    try {
        return await capture();
    }
    finally {
        viewport.setCamera(before);
        viewport.render();
    }
}
