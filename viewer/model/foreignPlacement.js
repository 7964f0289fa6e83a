/** Points within this distance (mm) of a plane lie on it; below any CT or MR slice spacing. */
const ON_PLANE_TOLERANCE_MM = 0.01;
/** A line whose direction is within this sine (about 0.6°) of a plane lies in it (reformats are along the axes). */
const IN_PLANE_SINE = 0.01;
/** Sagittal, axial and coronal normals, in the order a spine is measured in. */
const AXIS_NORMALS = [[1, 0, 0], [0, 0, 1], [0, 1, 0]];
const sub = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a) => Math.hypot(a[0], a[1], a[2]);
const scale = (a, s) => [a[0] * s, a[1] * s, a[2] * s];
/**
 * Patient position (mm) of a 2-D SCOORD point on an image: column/row in pixels with (0, 0) at the top-left corner of
 * the top-left pixel, so the centre of that pixel, at Image Position (Patient), is (0.5, 0.5) (PS3.3 C.18.6.1.1,
 * C.7.6.2.1.1). `spacingMm` is PixelSpacing [between rows, between columns].
 */
export function imagePointToPatientMm(pointPx, plane) {
    const { positionMm, orientation, spacingMm } = plane;
    const alongRow = [orientation[0], orientation[1], orientation[2]];
    const alongColumn = [orientation[3], orientation[4], orientation[5]];
    const column = (pointPx[0] - 0.5) * spacingMm[1];
    const row = (pointPx[1] - 0.5) * spacingMm[0];
    return [
        positionMm[0] + alongRow[0] * column + alongColumn[0] * row,
        positionMm[1] + alongRow[1] * column + alongColumn[1] * row,
        positionMm[2] + alongRow[2] * column + alongColumn[2] * row,
    ];
}
/** The unit normal of the plane through the points, or null when they all lie on one line (or are one point). */
function planeNormalOf(points) {
    const first = points[0];
    if (first === undefined)
        return null;
    let best = null;
    let bestLength = 0;
    for (let i = 1; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
            const a = points[i];
            const b = points[j];
            if (a === undefined || b === undefined)
                continue;
            const n = cross(sub(a, first), sub(b, first));
            const length = norm(n);
            if (length > bestLength) {
                best = n;
                bestLength = length;
            }
        }
    }
    // Collinear within 0.01 mm² of spanned area: a line.
    return best === null || bestLength < ON_PLANE_TOLERANCE_MM ? null : scale(best, 1 / bestLength);
}
/** A plane holding the line through `points`: an axis plane when the line lies in one, else the one nearest. */
function planeHoldingLine(points) {
    const first = points[0];
    if (first === undefined)
        return [1, 0, 0];
    let direction = [0, 0, 0];
    for (const p of points)
        if (norm(sub(p, first)) > norm(direction))
            direction = sub(p, first);
    const length = norm(direction);
    if (length === 0)
        return [1, 0, 0]; // a single point: shown on the sagittal plane through it
    const unit = scale(direction, 1 / length);
    const holding = AXIS_NORMALS.find((n) => Math.abs(dot(unit, n)) < IN_PLANE_SINE);
    if (holding !== undefined)
        return holding;
    // The axis normal most perpendicular to the line, made exactly perpendicular: n - (n·u) u.
    const nearest = [...AXIS_NORMALS].sort((a, b) => Math.abs(dot(unit, a)) - Math.abs(dot(unit, b)))[0] ?? [1, 0, 0];
    const projected = sub(nearest, scale(unit, dot(nearest, unit)));
    return scale(projected, 1 / norm(projected));
}
function normalOfOrientation(orientation) {
    const n = cross([orientation[0], orientation[1], orientation[2]], [orientation[3], orientation[4], orientation[5]]);
    const length = norm(n) || 1;
    return scale(n, 1 / length);
}
/** The open image (id) of an image instance and 1-based frame, with its plane; null when not open or without geometry. */
function imageOf(instances, sopInstanceUID, frameNumber) {
    const instance = instances.find((i) => i.meta.sopInstanceUID === sopInstanceUID && i.meta.kind === 'image');
    if (instance === undefined)
        return null;
    const index = (frameNumber ?? 1) - 1;
    const imageId = instance.imageIds[index];
    const frame = instance.meta.frames[index] ?? (instance.meta.frames.length === 1 ? instance.meta.frames[0] : undefined);
    if (imageId === undefined || frame?.positionMm == null || frame.orientation == null)
        return null;
    // An uncalibrated image is drawn one pixel per millimetre (as cornerstone shows it).
    const spacingMm = instance.meta.pixelSpacingMm ?? [1, 1];
    return { instance, imageId, plane: { positionMm: frame.positionMm, orientation: frame.orientation, spacingMm } };
}
/** The image of the series whose plane holds all points (within half the slice spacing), nearest first; null when none. */
function imageHoldingPoints(instances, seriesInstanceUID, points) {
    let best = null;
    for (const instance of instances) {
        if (instance.meta.seriesInstanceUID !== seriesInstanceUID || instance.meta.kind !== 'image')
            continue;
        instance.imageIds.forEach((imageId, index) => {
            const frame = instance.meta.frames[index];
            if (frame?.positionMm == null || frame.orientation == null)
                return;
            const normal = normalOfOrientation(frame.orientation);
            const position = frame.positionMm;
            const distanceMm = Math.max(...points.map((p) => Math.abs(dot(sub(p, position), normal))));
            const halfSpacingMm = Math.max(ON_PLANE_TOLERANCE_MM, (instance.meta.sliceThicknessMm ?? 1) / 2);
            if (best === null || distanceMm < best.distanceMm)
                best = { imageId, distanceMm, halfSpacingMm };
        });
    }
    const found = best;
    return found !== null && found.distanceMm <= found.halfSpacingMm ? found.imageId : null;
}
/** One graphic in patient coordinates, with the image it was drawn on; a reason when it cannot be placed. */
function graphicInPatient(graphic, instances) {
    if (graphic.space === 'world') {
        if (graphic.frameOfReferenceUID === '')
            return { ok: false, reason: 'its 3-D points name no frame of reference' };
        return { ok: true, pointsMm: graphic.pointsMm, image: null, frameOfReferenceUID: graphic.frameOfReferenceUID };
    }
    const image = imageOf(instances, graphic.referencedSopInstanceUID, graphic.referencedFrameNumber);
    if (image === null)
        return { ok: false, reason: 'the image it was drawn on is not open' };
    return {
        ok: true,
        pointsMm: graphic.pointsPx.map((p) => imagePointToPatientMm(p, image.plane)),
        image,
        frameOfReferenceUID: image.instance.meta.frameOfReferenceUID,
    };
}
/**
 * Places a foreign annotation among the open instances: 2-D shapes on the image they reference (SOP Instance UID and
 * frame), 3-D shapes on the open image series of their frame of reference (`preferredSeriesInstanceUID` first).
 */
export function placeForeignAnnotation(annotation, instances, preferredSeriesInstanceUID = null) {
    if (annotation.graphics.length === 0)
        return { placed: false, reason: 'it has no drawing' };
    const shapes = [];
    let drawnOn = null;
    let frameOfReferenceUID = '';
    for (const graphic of annotation.graphics) {
        const placed = graphicInPatient(graphic, instances);
        if (!placed.ok)
            return { placed: false, reason: placed.reason };
        shapes.push(placed.pointsMm);
        drawnOn ??= placed.image;
        frameOfReferenceUID ||= placed.frameOfReferenceUID;
    }
    const points = shapes.flat();
    let seriesInstanceUID = drawnOn?.instance.meta.seriesInstanceUID ?? null;
    if (seriesInstanceUID === null) {
        const candidates = instances.filter((i) => i.meta.kind === 'image' && i.meta.frameOfReferenceUID === frameOfReferenceUID);
        seriesInstanceUID = (candidates.find((i) => i.meta.seriesInstanceUID === preferredSeriesInstanceUID) ?? candidates[0])?.meta.seriesInstanceUID ?? null;
    }
    if (seriesInstanceUID === null)
        return { placed: false, reason: 'no open series shares its frame of reference' };
    const planeNormal = planeNormalOf(points);
    const isLine = planeNormal === null;
    const drawnNormal = drawnOn === null ? null : normalOfOrientation(drawnOn.plane.orientation);
    const viewPlaneNormal = drawnNormal ?? planeNormal ?? planeHoldingLine(points);
    return {
        placed: true,
        placement: {
            seriesInstanceUID,
            frameOfReferenceUID,
            shapesMm: shapes,
            viewPlaneNormal,
            isLine,
            referencedImageId: drawnOn?.imageId ?? imageHoldingPoints(instances, seriesInstanceUID, points),
        },
    };
}
