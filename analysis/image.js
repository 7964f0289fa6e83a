import { fail, ok } from './result';
import { addScaled3, cross3, dot3, isFinite3, length3 } from './vec';
/**
 * The SeriesHeader of a series from its Modality and Rescale Type (either may be absent); undefined without a
 * modality. A CT's rescaled values are HU unless its Rescale Type says otherwise (the enhanced CT IODs give it; the
 * classic CT image leaves it out and means HU).
 */
export function seriesHeaderOf(modality, rescaleType) {
    const m = modality?.trim().toUpperCase();
    if (!m)
        return undefined;
    const type = rescaleType?.trim().toUpperCase();
    return { modality: m, hounsfield: m === 'CT' && (!type || type === 'HU') };
}
/**
 * Whether an image's values are Hounsfield units as its header settles it: true for a HU CT, false for any other
 * modality (MR signal, a radiograph's pixel values); undefined when there is no header or a CT's rescale type is not HU,
 * and the values must decide.
 */
export function headerHounsfield(header) {
    if (!header)
        return undefined;
    if (header.hounsfield)
        return true;
    return header.modality === 'CT' ? undefined : false;
}
const UNIT_TOLERANCE = 1e-3;
function isUnit(v) {
    return Math.abs(length3(v) - 1) < UNIT_TOLERANCE;
}
function isPositiveSpacing(value) {
    return Number.isFinite(value) && value > 0;
}
const UNCALIBRATED_MESSAGE = 'This image has no patient calibration (no pixel spacing in mm), so points cannot be proposed. Place them by hand; ' +
    'heights will be in pixels and not graded.';
/** Checks a volume's calibration, dimensions and geometry; fails with UNCALIBRATED or INVALID_IMAGE. */
export function validateVolume(volume) {
    if (!volume.calibrated)
        return fail('UNCALIBRATED', UNCALIBRATED_MESSAGE);
    const [columns, rows, slices] = volume.dimensions;
    if (![columns, rows, slices].every((n) => Number.isInteger(n) && n > 0)) {
        return fail('INVALID_IMAGE', `The volume's dimensions (${volume.dimensions.join(' × ')}) are not positive whole numbers.`);
    }
    if (volume.values.length !== columns * rows * slices) {
        return fail('INVALID_IMAGE', `The volume holds ${volume.values.length} values but its dimensions ${columns} × ${rows} × ${slices} need ` +
            `${columns * rows * slices}.`);
    }
    if (!volume.spacingMm.every(isPositiveSpacing)) {
        return fail('UNCALIBRATED', UNCALIBRATED_MESSAGE);
    }
    const axes = [volume.originMm, volume.rowCosine, volume.columnCosine, volume.sliceCosine];
    if (!axes.every(isFinite3) || ![volume.rowCosine, volume.columnCosine, volume.sliceCosine].every(isUnit)) {
        return fail('INVALID_IMAGE', 'The volume\'s position or orientation is missing or its direction cosines are not unit vectors.');
    }
    if (Math.abs(dot3(cross3(volume.rowCosine, volume.columnCosine), volume.sliceCosine)) < 0.5) {
        return fail('INVALID_IMAGE', 'The volume\'s slices are not stacked across the image plane (sheared or in-plane slice direction).');
    }
    return ok(volume);
}
/** Checks a plane image's calibration, size and geometry; fails with UNCALIBRATED or INVALID_IMAGE. */
export function validatePlaneImage(plane) {
    if (!plane.calibrated || !isPositiveSpacing(plane.columnSpacingMm) || !isPositiveSpacing(plane.rowSpacingMm)) {
        return fail('UNCALIBRATED', UNCALIBRATED_MESSAGE);
    }
    if (!Number.isInteger(plane.columns) || !Number.isInteger(plane.rows) || plane.columns < 2 || plane.rows < 2) {
        return fail('INVALID_IMAGE', `The plane's size (${plane.columns} × ${plane.rows}) is not at least 2 × 2 whole pixels.`);
    }
    if (plane.values.length !== plane.columns * plane.rows) {
        return fail('INVALID_IMAGE', `The plane holds ${plane.values.length} values but ${plane.columns} × ${plane.rows} are needed.`);
    }
    if (![plane.originMm, plane.rowCosine, plane.columnCosine].every(isFinite3) || !isUnit(plane.rowCosine) || !isUnit(plane.columnCosine)) {
        return fail('INVALID_IMAGE', 'The plane\'s position or orientation is missing or its direction cosines are not unit vectors.');
    }
    if (Math.abs(dot3(plane.rowCosine, plane.columnCosine)) > 0.01) {
        return fail('INVALID_IMAGE', 'The plane\'s row and column directions are not perpendicular.');
    }
    return ok(plane);
}
/** Checks either kind of image. */
export function validateImage(image) {
    return image.kind === 'volume' ? validateVolume(image) : validatePlaneImage(image);
}
/** Patient position (LPS, mm) of the centre of an image's grid: a volume's voxels, or a plane's pixels. */
export function imageCentreMm(image) {
    const [columns, rows, columnSpacingMm, rowSpacingMm] = image.kind === 'volume'
        ? [image.dimensions[0], image.dimensions[1], image.spacingMm[0], image.spacingMm[1]]
        : [image.columns, image.rows, image.columnSpacingMm, image.rowSpacingMm];
    const alongRows = addScaled3(image.originMm, image.rowCosine, ((columns - 1) / 2) * columnSpacingMm);
    const inPlane = addScaled3(alongRows, image.columnCosine, ((rows - 1) / 2) * rowSpacingMm);
    return image.kind === 'volume' ? addScaled3(inPlane, image.sliceCosine, ((image.dimensions[2] - 1) / 2) * image.spacingMm[2]) : inPlane;
}
