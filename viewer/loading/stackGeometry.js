/** Relative spacing deviation above which slices are called irregular (0.5 % or 0.05 mm, whichever is larger). */
export const SPACING_RELATIVE_TOLERANCE = 0.005;
export const SPACING_ABSOLUTE_TOLERANCE_MM = 0.05;
/** Two positions closer than this along the normal are the same slice position. */
const DUPLICATE_POSITION_TOLERANCE_MM = 0.01;
/** Cosines that differ by less than this are the same orientation. */
export const ORIENTATION_TOLERANCE = 1e-3;
/** In-plane offset between slices above which the stack is sheared (e.g. gantry tilt). */
export const SHEAR_TOLERANCE_MM = 0.05;
export function cross(a, b) {
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
export function dot(a, b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
/** The slice normal (row cosines × column cosines), unit length. */
export function sliceNormal(orientation) {
    const n = cross([orientation[0], orientation[1], orientation[2]], [orientation[3], orientation[4], orientation[5]]);
    const len = Math.hypot(n[0], n[1], n[2]);
    return [n[0] / len, n[1] / len, n[2] / len];
}
/**
 * The anatomical plane a slice lies in: its normal's dominant axis in LPS, when within ~30° of it.
 * Normal along x → sagittal, y → coronal, z → axial.
 */
export function planeOfNormal(normal) {
    const ax = Math.abs(normal[0]);
    const ay = Math.abs(normal[1]);
    const az = Math.abs(normal[2]);
    const max = Math.max(ax, ay, az);
    if (max < Math.cos((30 * Math.PI) / 180))
        return 'oblique';
    if (max === az)
        return 'axial';
    if (max === ax)
        return 'sagittal';
    return 'coronal';
}
function sameOrientation(a, b) {
    return a.every((v, i) => {
        const w = b[i];
        return w !== undefined && Math.abs(v - w) < ORIENTATION_TOLERANCE;
    });
}
function sameSpacing(a, b) {
    if (!a.pixelSpacingMm || !b.pixelSpacingMm)
        return a.pixelSpacingMm === b.pixelSpacingMm;
    return Math.abs(a.pixelSpacingMm[0] - b.pixelSpacingMm[0]) < 1e-4 && Math.abs(a.pixelSpacingMm[1] - b.pixelSpacingMm[1]) < 1e-4;
}
function byInstanceNumber(a, b) {
    return (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0);
}
function stackOnly(slices, normal, notes) {
    return {
        imageIds: [...slices].sort(byInstanceNumber).map((s) => s.imageId),
        normal,
        plane: normal ? planeOfNormal(normal) : null,
        spacingMm: null,
        minSpacingMm: null,
        maxSpacingMm: null,
        volumeCompatible: false,
        duplicateImageIds: [],
        notes,
    };
}
/**
 * Sorts frames along their common normal and decides whether they form a regular volume.
 * Spacing comes from ImagePositionPatient projected on the normal, never from SliceThickness.
 */
export function analyzeStack(slices) {
    const [first] = slices;
    if (first === undefined)
        return stackOnly(slices, null, []);
    if (!first.orientation || slices.some((s) => !s.positionMm || !s.orientation)) {
        return stackOnly(slices, first.orientation ? sliceNormal(first.orientation) : null, slices.length > 1 ? ['slice position or orientation is missing: shown as a stack in file order, no reformats'] : []);
    }
    const normal = sliceNormal(first.orientation);
    if (slices.some((s) => !sameOrientation(s.orientation, first.orientation))) {
        return stackOnly(slices, normal, ['slices have different orientations: shown as a stack, no reformats']);
    }
    if (slices.some((s) => s.rows !== first.rows || s.columns !== first.columns)) {
        return stackOnly(slices, normal, ['images of different sizes: shown as a stack, no reformats']);
    }
    if (slices.some((s) => !sameSpacing(s, first))) {
        return stackOnly(slices, normal, ['images with different pixel spacings: shown as a stack, no reformats']);
    }
    const withDistance = slices
        .map((s) => ({ slice: s, distanceMm: dot(s.positionMm, normal) }))
        .sort((a, b) => a.distanceMm - b.distanceMm || byInstanceNumber(a.slice, b.slice));
    const kept = [];
    const duplicateImageIds = [];
    for (const entry of withDistance) {
        const previous = kept[kept.length - 1];
        if (previous && Math.abs(entry.distanceMm - previous.distanceMm) < DUPLICATE_POSITION_TOLERANCE_MM) {
            duplicateImageIds.push(entry.slice.imageId);
        }
        else {
            kept.push(entry);
        }
    }
    const notes = [];
    if (duplicateImageIds.length > 0) {
        notes.push(`${duplicateImageIds.length} slice(s) share a position with another slice: the volume keeps one image per position (lowest instance number)`);
    }
    const gapsMm = [];
    for (let i = 1; i < kept.length; i++) {
        const [previous, current] = [kept[i - 1], kept[i]];
        if (previous && current)
            gapsMm.push(current.distanceMm - previous.distanceMm);
    }
    const base = {
        imageIds: kept.map((e) => e.slice.imageId),
        normal,
        plane: planeOfNormal(normal),
        spacingMm: null,
        minSpacingMm: null,
        maxSpacingMm: null,
        volumeCompatible: false,
        duplicateImageIds,
        notes,
    };
    const [firstKept] = kept;
    const lastKept = kept[kept.length - 1];
    if (gapsMm.length === 0 || !firstKept || !lastKept)
        return base;
    const meanMm = (lastKept.distanceMm - firstKept.distanceMm) / gapsMm.length;
    const minMm = Math.min(...gapsMm);
    const maxMm = Math.max(...gapsMm);
    const toleranceMm = Math.max(SPACING_ABSOLUTE_TOLERANCE_MM, SPACING_RELATIVE_TOLERANCE * meanMm);
    const regular = maxMm - minMm <= toleranceMm;
    // Every position must lie on the line through the first one along the normal; otherwise the stack is sheared.
    const origin = firstKept.slice.positionMm;
    const sheared = kept.some(({ slice, distanceMm }) => {
        const p = slice.positionMm;
        const along = distanceMm - firstKept.distanceMm;
        const offset = [p[0] - origin[0] - along * normal[0], p[1] - origin[1] - along * normal[1], p[2] - origin[2] - along * normal[2]];
        return Math.hypot(offset[0], offset[1], offset[2]) > SHEAR_TOLERANCE_MM;
    });
    if (!regular) {
        notes.push(`slice spacing is irregular (${minMm.toFixed(2)}–${maxMm.toFixed(2)} mm between positions): shown as a stack in its acquisition plane; reformats are disabled because they would misplace slices`);
    }
    if (sheared) {
        notes.push('slice positions are not stacked along the slice normal (gantry tilt or shear): shown as a stack, no reformats');
    }
    const volumeCompatible = regular && !sheared && kept.length >= 3;
    return {
        ...base,
        // A stack shows every frame in spatial order; only a volume needs one image per position.
        imageIds: volumeCompatible ? base.imageIds : withDistance.map((e) => e.slice.imageId),
        spacingMm: meanMm,
        minSpacingMm: minMm,
        maxSpacingMm: maxMm,
        volumeCompatible,
    };
}
