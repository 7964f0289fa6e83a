import { negate, orientationLabel } from './orientationLabels';
/** cornerstone's axial view: right = +x (patient left), down = +y (posterior). */
export const AXIAL_SCREEN = { right: [1, 0, 0], down: [0, 1, 0] };
/**
 * How far a slice's pixel axes may be from the view's screen axes and still be drawn as the view's slice: cornerstone
 * snaps an axial view to the middle slice only when the volume's slice axis is within this of the view-plane normal
 * (|cos| > 1 − 1e-3, `getVolumeCenterIJK` in its Viewport); otherwise it shows a resampled, tilted plane.
 */
export const AXIS_ALIGNED_COSINE_TOLERANCE = 1e-3;
function dot(a, b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
/** −1, 0 or +1: the screen component of a pixel axis, when it lies along that screen axis (else 0). */
function alignedSign(axis, screen) {
    const cosine = dot(axis, screen);
    if (Math.abs(cosine) > 1 - AXIS_ALIGNED_COSINE_TOLERANCE)
        return cosine > 0 ? 1 : -1;
    return 0;
}
/**
 * Where cornerstone 5.14 draws a slice in a view whose screen axes lie along the slice's pixel axes (an axial view of
 * an axial series, flipped or transposed as the orientation says), fitted as it fits a freshly opened view
 * (`Viewport.getFitParallelScale`, `useLegacyCameraFOV` off: no inset): the image's whole extent, pixel edges included
 * (`getCubeSizeInView` of vtk's spatial extent, the index extent widened by half a pixel each side), fills the
 * canvas' limiting side, centred. Null when the
 * slice is tilted against the view beyond AXIS_ALIGNED_COSINE_TOLERANCE, has no size, or the canvas has none.
 */
export function placeSlice(grid, screen, canvas) {
    const { columns, rows, rowDirection, columnDirection, columnSpacingMm, rowSpacingMm } = grid;
    if (!(columns >= 1 && rows >= 1 && columnSpacingMm > 0 && rowSpacingMm > 0 && canvas.widthPx > 0 && canvas.heightPx > 0))
        return null;
    const rowRight = alignedSign(rowDirection, screen.right);
    const rowDown = alignedSign(rowDirection, screen.down);
    const columnRight = alignedSign(columnDirection, screen.right);
    const columnDown = alignedSign(columnDirection, screen.down);
    // Each pixel axis along exactly one screen axis, and the two along different ones.
    if (Math.abs(rowRight) + Math.abs(rowDown) !== 1 || Math.abs(columnRight) + Math.abs(columnDown) !== 1 || rowRight * columnRight !== 0)
        return null;
    const widthMm = Math.abs(rowRight) * columns * columnSpacingMm + Math.abs(columnRight) * rows * rowSpacingMm;
    const heightMm = Math.abs(rowDown) * columns * columnSpacingMm + Math.abs(columnDown) * rows * rowSpacingMm;
    const pxPerMm = Math.min(canvas.widthPx / widthMm, canvas.heightPx / heightMm);
    const a = pxPerMm * rowRight * columnSpacingMm;
    const b = pxPerMm * rowDown * columnSpacingMm;
    const c = pxPerMm * columnRight * rowSpacingMm;
    const d = pxPerMm * columnDown * rowSpacingMm;
    // The image's centre (x = columns/2, y = rows/2) at the canvas' centre.
    const e = canvas.widthPx / 2 - (a * columns) / 2 - (c * rows) / 2;
    const f = canvas.heightPx / 2 - (b * columns) / 2 - (d * rows) / 2;
    return {
        transform: { a, b, c, d, e, f },
        mmPerCanvasPixel: 1 / pxPerMm,
        edges: {
            left: orientationLabel(negate(screen.right)),
            right: orientationLabel(screen.right),
            top: orientationLabel(negate(screen.down)),
            bottom: orientationLabel(screen.down),
        },
    };
}
