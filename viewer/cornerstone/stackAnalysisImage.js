import { cache, imageLoader, metaData } from '@cornerstonejs/core';
import { slicesEachSide } from '../../analysis';
import { cross, dot, normalize, subtract } from './vec3';
/** Two slices' directions agree within this (cosine of the angle between them). */
const SAME_DIRECTION = 0.9999;
/** A neighbour may lie this far off the displayed image's plane normal, as a share of the pixel spacing. */
const IN_PLANE_SHIFT_SHARE = 0.1;
/** Neighbours' distances from the displayed image may differ from whole multiples of the spacing by this share. */
const SPACING_TOLERANCE_SHARE = 0.02;
function vec3(values) {
    if (!values || values.length < 3)
        return null;
    const v = [Number(values[0]), Number(values[1]), Number(values[2])];
    return v.every(Number.isFinite) ? v : null;
}
/** An image's pixels in modality units (cornerstone may already have rescaled them on load: `preScale.scaled`). */
export function modalityValues(image) {
    const raw = image.getPixelData();
    const scaled = image.preScale?.scaled === true;
    const slope = scaled ? 1 : (image.slope ?? 1);
    const intercept = scaled ? 0 : (image.intercept ?? 0);
    const values = new Float32Array(image.rows * image.columns);
    for (let i = 0; i < values.length; i += 1)
        values[i] = (raw[i] ?? 0) * slope + intercept;
    return values;
}
function sliceOf(image) {
    if (!image || image.color)
        return null;
    const plane = metaData.get('imagePlaneModule', image.imageId);
    const positionMm = vec3(plane?.imagePositionPatient);
    const rowCosine = vec3(plane?.rowCosines);
    const columnCosine = vec3(plane?.columnCosines);
    if (!positionMm || !rowCosine || !columnCosine)
        return null;
    return {
        image, positionMm, rowCosine: normalize(rowCosine), columnCosine: normalize(columnCosine),
        rowSpacingMm: plane?.rowPixelSpacing ?? 0, columnSpacingMm: plane?.columnPixelSpacing ?? 0,
    };
}
function planeOf(slice, calibrated, header) {
    return {
        kind: 'plane',
        values: modalityValues(slice.image),
        columns: slice.image.columns,
        rows: slice.image.rows,
        originMm: slice.positionMm,
        rowCosine: slice.rowCosine,
        columnCosine: slice.columnCosine,
        // DICOM PixelSpacing is row spacing (between rows) then column spacing; cornerstone calls them row/columnPixelSpacing.
        columnSpacingMm: slice.columnSpacingMm,
        rowSpacingMm: slice.rowSpacingMm,
        calibrated: calibrated && slice.columnSpacingMm > 0 && slice.rowSpacingMm > 0,
        ...(header ? { header } : {}),
    };
}
/** The displayed image of a stack viewport as a plane in patient space (values in modality units), or null. */
export function displayedPlaneOf(viewport, calibrated, header) {
    const imageId = viewport.getCurrentImageId();
    const slice = sliceOf(imageId ? cache.getImage(imageId) : undefined);
    return slice ? planeOf(slice, calibrated, header) : null;
}
/** The signed distance of `other` from `displayed` along its normal, when it is a parallel slice of the same size. */
function offsetAlongNormal(displayed, other) {
    const sameSize = other.image.rows === displayed.image.rows && other.image.columns === displayed.image.columns;
    const sameSpacing = Math.abs(other.rowSpacingMm - displayed.rowSpacingMm) <= 1e-3 && Math.abs(other.columnSpacingMm - displayed.columnSpacingMm) <= 1e-3;
    const parallel = dot(other.rowCosine, displayed.rowCosine) >= SAME_DIRECTION && dot(other.columnCosine, displayed.columnCosine) >= SAME_DIRECTION;
    if (!sameSize || !sameSpacing || !parallel)
        return null;
    const d = subtract(other.positionMm, displayed.positionMm);
    const shiftMm = Math.hypot(dot(d, displayed.rowCosine), dot(d, displayed.columnCosine));
    if (shiftMm > IN_PLANE_SHIFT_SHARE * Math.min(displayed.rowSpacingMm, displayed.columnSpacingMm))
        return null;
    return dot(d, cross(displayed.rowCosine, displayed.columnCosine));
}
async function loadedImage(imageId) {
    try {
        return cache.getImage(imageId) ?? (await imageLoader.loadAndCacheImage(imageId));
    }
    catch {
        // A neighbour that cannot be read (a corrupt file, a refused frame) leaves the displayed image to be read alone;
        // its own failure is reported where the stack loads it.
        return undefined;
    }
}
/**
 * The displayed image and the neighbours the analysis reads with it (`slicesEachSide` of the stack's spacing), as a
 * volume of whole slices in the stack's order; the displayed image alone as a plane when it has no such neighbour
 * (one image, the stack's spacing irregular or its images of different sizes or orientations). Null when the displayed
 * image is not loaded or has no position and orientation.
 */
export async function stackAnalysisImage(viewport, calibrated, header) {
    const imageIds = viewport.getImageIds();
    const index = viewport.getCurrentImageIdIndex();
    const displayedId = imageIds[index];
    const displayed = sliceOf(displayedId ? cache.getImage(displayedId) : undefined);
    if (!displayed)
        return null;
    const plane = planeOf(displayed, calibrated, header);
    const [before = null, after = null] = await Promise.all([index - 1, index + 1].map(async (n) => {
        const imageId = imageIds[n];
        const slice = imageId ? sliceOf(await loadedImage(imageId)) : null;
        return slice ? offsetAlongNormal(displayed, slice) : null;
    }));
    const stepMm = Math.min(...[before, after].filter((o) => o !== null).map(Math.abs));
    if (!Number.isFinite(stepMm) || !(stepMm > 1e-3))
        return plane;
    // The stack's order along the normal: +1 when later images lie on the normal's side.
    const order = after !== null ? Math.sign(after) : -Math.sign(before ?? 0);
    const reach = slicesEachSide(stepMm);
    const run = [displayed];
    for (const side of [-1, 1]) {
        for (let m = 1; m <= reach; m += 1) {
            const imageId = imageIds[index + side * m];
            const slice = imageId ? sliceOf(await loadedImage(imageId)) : null;
            const offset = slice ? offsetAlongNormal(displayed, slice) : null;
            if (!slice || offset === null || Math.abs(offset - side * order * m * stepMm) > SPACING_TOLERANCE_SHARE * stepMm)
                break;
            if (side < 0)
                run.unshift(slice);
            else
                run.push(slice);
        }
    }
    if (run.length === 1)
        return plane;
    const sliceLength = displayed.image.rows * displayed.image.columns;
    const values = new Float32Array(sliceLength * run.length);
    run.forEach((slice, k) => values.set(slice === displayed ? plane.values : modalityValues(slice.image), k * sliceLength));
    const normal = cross(displayed.rowCosine, displayed.columnCosine);
    const volume = {
        kind: 'volume',
        values,
        dimensions: [displayed.image.columns, displayed.image.rows, run.length],
        originMm: run[0].positionMm,
        rowCosine: displayed.rowCosine,
        columnCosine: displayed.columnCosine,
        sliceCosine: order > 0 ? normal : [-normal[0], -normal[1], -normal[2]],
        spacingMm: [displayed.columnSpacingMm, displayed.rowSpacingMm, stepMm],
        calibrated: plane.calibrated,
        ...(header ? { header } : {}),
    };
    return volume;
}
