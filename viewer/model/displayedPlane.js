import { slicePlanesOf } from '../loading/grouping';
import { analyzeStack } from '../loading/stackGeometry';
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
function unit(v) {
    const n = Math.hypot(v[0], v[1], v[2]);
    return n > 1e-9 && Number.isFinite(n) ? [v[0] / n, v[1] / n, v[2] / n] : null;
}
/** The grid of a calibrated image series, or null when its first image has no orientation or spacing. */
export function seriesGrid(series) {
    const meta = series.instances.find((i) => i.meta.kind === 'image')?.meta;
    const orientation = meta?.frames[0]?.orientation ?? null;
    if (!meta || orientation === null || meta.pixelSpacingMm === null)
        return null;
    const spacing = series.imageCount > 1 ? analyzeStack(slicePlanesOf(series)).spacingMm : null;
    return {
        rowDirection: [orientation[0], orientation[1], orientation[2]],
        columnDirection: [orientation[3], orientation[4], orientation[5]],
        columnSpacingMm: meta.pixelSpacingMm[1],
        rowSpacingMm: meta.pixelSpacingMm[0],
        sliceSpacingMm: spacing !== null && spacing > 0 ? spacing : null,
    };
}
/**
 * The plane a vertebra was measured on as displayed (pixel sizes along the screen axes, slice spacing across it, mm):
 * the grid's spacing along each view direction, Σ |d·axis| · spacing over the grid's three axes (exact for a view along
 * the grid axes, e.g. the sagittal reformat of an axial CT or a stack in its own plane). Null when the view's
 * directions are degenerate.
 */
export function displayedPlaneOf(grid, viewPlaneNormal, viewUp) {
    const normal = unit(viewPlaneNormal);
    const up = normal === null ? null : unit(viewUp);
    const right = normal === null || up === null ? null : unit(cross(up, normal));
    const sliceAxis = unit(cross(grid.rowDirection, grid.columnDirection));
    if (normal === null || up === null || right === null || sliceAxis === null)
        return null;
    const sliceMm = grid.sliceSpacingMm ?? Math.max(grid.columnSpacingMm, grid.rowSpacingMm);
    const along = (d) => Math.abs(dot(d, grid.rowDirection)) * grid.columnSpacingMm +
        Math.abs(dot(d, grid.columnDirection)) * grid.rowSpacingMm +
        Math.abs(dot(d, sliceAxis)) * sliceMm;
    return {
        horizontalPixelMm: along(right),
        verticalPixelMm: along(up),
        horizontalDirection: right,
        verticalDirection: up,
        sliceSpacingMm: along(normal),
    };
}
/**
 * A vertebra with the plane it is displayed on in its series (its `plane`, what the uncertainty of its heights comes
 * from), from the series' grid and the vertebra's view directions; unchanged when the series or the plane is unknown.
 */
export function withDisplayedPlane(vertebra, series) {
    const grid = series === null ? null : seriesGrid(series);
    const plane = grid === null ? null : displayedPlaneOf(grid, vertebra.viewPlaneNormal, vertebra.viewUp);
    return plane === null ? vertebra : { ...vertebra, plane };
}
/**
 * One plane for a series' assessment from the planes its vertebrae were placed on: the largest pixel sizes and slice
 * spacing (the coarsest view decides), the directions of the first when all share them. Null when none has a plane.
 */
export function coarsestPlane(planes) {
    const first = planes[0];
    if (first === undefined)
        return null;
    const sameDirections = planes.every((p) => p.horizontalDirection !== undefined && p.verticalDirection !== undefined &&
        first.horizontalDirection !== undefined && first.verticalDirection !== undefined &&
        Math.abs(dot(p.horizontalDirection, first.horizontalDirection)) > 0.999 &&
        Math.abs(dot(p.verticalDirection, first.verticalDirection)) > 0.999);
    const max = (pick) => Math.max(...planes.map((p) => pick(p) ?? 0));
    const slice = max((p) => p.sliceSpacingMm);
    return {
        horizontalPixelMm: max((p) => p.horizontalPixelMm),
        verticalPixelMm: max((p) => p.verticalPixelMm),
        ...(sameDirections ? { horizontalDirection: first.horizontalDirection, verticalDirection: first.verticalDirection } : {}),
        ...(slice > 0 ? { sliceSpacingMm: slice } : {}),
    };
}
