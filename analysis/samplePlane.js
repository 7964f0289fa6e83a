import { validateVolume } from './image';
import { fail, ok } from './result';
import { voxelMapOf, volumeValueAt } from './sampling';
import { addScaled3, dot3, isFinite3, length3 } from './vec';
/** Largest plane this sampler makes (pixels): 4096² floats is 64 MB, more than a worker should hold. */
const MAX_PLANE_PIXELS = 4096 * 4096;
/**
 * Samples a plane of the volume by trilinear interpolation, e.g. the sagittal plane the viewer displays; pixels
 * outside the volume are NaN (the analysis treats them as unknown). Fails with UNCALIBRATED, INVALID_IMAGE or
 * INVALID_INPUT.
 */
export function samplePlane(volume, spec) {
    const valid = validateVolume(volume);
    if (!valid.ok)
        return valid;
    const { originMm, rowCosine, columnCosine, columns, rows, spacingMm } = spec;
    if (![originMm, rowCosine, columnCosine].every(isFinite3)) {
        return fail('INVALID_INPUT', 'The plane\'s origin or directions are not three finite numbers each.');
    }
    if (Math.abs(length3(rowCosine) - 1) > 1e-3 || Math.abs(length3(columnCosine) - 1) > 1e-3 || Math.abs(dot3(rowCosine, columnCosine)) > 1e-3) {
        return fail('INVALID_INPUT', 'The plane\'s row and column directions must be perpendicular unit vectors.');
    }
    if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 2 || rows < 2 || columns * rows > MAX_PLANE_PIXELS) {
        return fail('INVALID_INPUT', `A plane of ${columns} × ${rows} pixels cannot be sampled (2 × 2 up to ${MAX_PLANE_PIXELS} pixels).`);
    }
    if (!(Number.isFinite(spacingMm) && spacingMm > 0)) {
        return fail('INVALID_INPUT', `The plane's pixel spacing (${spacingMm} mm) is not a positive number.`);
    }
    const map = voxelMapOf(volume);
    const values = new Float32Array(columns * rows);
    for (let r = 0; r < rows; r += 1) {
        const rowStart = addScaled3(originMm, columnCosine, r * spacingMm);
        for (let c = 0; c < columns; c += 1) {
            values[c + r * columns] = volumeValueAt(map, addScaled3(rowStart, rowCosine, c * spacingMm));
        }
    }
    return ok({
        kind: 'plane',
        values,
        columns,
        rows,
        originMm,
        rowCosine,
        columnCosine,
        columnSpacingMm: spacingMm,
        rowSpacingMm: spacingMm,
        calibrated: true,
        ...(volume.header ? { header: volume.header } : {}),
    });
}
