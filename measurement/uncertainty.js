import { POINT_UNCERTAINTY_PX } from './constants';
import { genantGrade } from './grading';
import { err, ok } from './result';
import { dot, isFiniteVec3, length, scale, subtract, unitOrNull } from './vec3';
function checkPositive(valueMm, what) {
    if (typeof valueMm !== 'number' || !Number.isFinite(valueMm) || valueMm <= 0) {
        return err('INVALID_PLANE', `The ${what} (${String(valueMm)}) is not a positive number of millimetres.`);
    }
    return ok(valueMm);
}
/** Checks a DisplayedPlane (safe on untrusted data); fails with INVALID_PLANE naming the bad value. */
function pointModel(plane) {
    const horizontal = checkPositive(plane.horizontalPixelMm, 'horizontal pixel size');
    if (!horizontal.ok)
        return horizontal;
    const vertical = checkPositive(plane.verticalPixelMm, 'vertical pixel size');
    if (!vertical.ok)
        return vertical;
    const largestPixelMm = Math.max(horizontal.value, vertical.value);
    let sliceMm = largestPixelMm;
    if (plane.sliceSpacingMm !== undefined) {
        const slice = checkPositive(plane.sliceSpacingMm, 'slice spacing');
        if (!slice.ok)
            return slice;
        sliceMm = slice.value;
    }
    const isotropicMm = POINT_UNCERTAINTY_PX * largestPixelMm;
    if (plane.horizontalDirection === undefined || plane.verticalDirection === undefined)
        return ok({ axes: null, isotropicMm });
    const h = isFiniteVec3(plane.horizontalDirection) ? unitOrNull(plane.horizontalDirection) : null;
    const v0 = isFiniteVec3(plane.verticalDirection) ? unitOrNull(plane.verticalDirection) : null;
    // Gram–Schmidt: a slightly skewed vertical direction is made orthogonal to the horizontal one.
    const v = h === null || v0 === null ? null : unitOrNull(subtract(v0, scale(h, dot(v0, h))), 1e-6);
    if (h === null || v === null) {
        return err('INVALID_PLANE', 'The directions of the displayed plane are zero, not finite or parallel, so a point\'s uncertainty cannot be placed on it.');
    }
    const n = [h[1] * v[2] - h[2] * v[1], h[2] * v[0] - h[0] * v[2], h[0] * v[1] - h[1] * v[0]];
    return ok({
        axes: [
            [h, POINT_UNCERTAINTY_PX * horizontal.value],
            [v, POINT_UNCERTAINTY_PX * vertical.value],
            [n, POINT_UNCERTAINTY_PX * sliceMm],
        ],
        isotropicMm,
    });
}
/**
 * The uncertainty (± mm) of a height |superior − inferior| measured on `plane`: each point is off by up to
 * POINT_UNCERTAINTY_PX pixel along each image axis (half a slice spacing across the plane), independently, and the
 * errors are propagated to first order and added in quadrature (JCGM 100:2008, 5.1.2):
 * u(H)² = 2 · Σ_axes (e·axis)² u_axis², e the unit vector of the height. Isotropic (√2 · ½ · the larger pixel size)
 * when the plane's directions are not given. Fails with INVALID_PLANE on a bad plane.
 */
export function heightUncertaintyFor(plane) {
    const model = pointModel(plane);
    if (!model.ok)
        return model;
    const { axes, isotropicMm } = model.value;
    return ok((superior, inferior) => {
        const d = subtract(superior, inferior);
        const lengthMm = length(d);
        if (axes === null || lengthMm === 0)
            return Math.SQRT2 * (axes === null ? isotropicMm : Math.max(...axes.map(([, u]) => u)));
        const e = scale(d, 1 / lengthMm);
        return Math.sqrt(2 * axes.reduce((sum, [axis, uMm]) => sum + (dot(e, axis) * uMm) ** 2, 0));
    });
}
/**
 * The uncertainty (± %) of a loss 100 · (1 − actual/expected), first-order propagation of independent uncertainties
 * (mm) of both (JCGM 100:2008, 5.1.2): u = 100/expected · √(u_actual² + (actual/expected)² · u_expected²).
 */
export function lossUncertaintyPct(actualMm, actualUncertaintyMm, expectedMm, expectedUncertaintyMm) {
    return (100 / expectedMm) * Math.hypot(actualUncertaintyMm, (actualMm / expectedMm) * expectedUncertaintyMm);
}
/**
 * The Genant grades (Genant et al., JBMR 1993) reachable within the uncertainty of the losses that are graded
 * together: the grade is that of the largest loss, so the lowest grade is that of max(loss − u) and the highest that
 * of max(loss + u), % (boundaries inclusive as in genantGrade). An empty list grades 0–0.
 */
export function gradeRangeOf(losses) {
    const lowestPct = Math.max(0, ...losses.map((l) => l.lossPct - l.uncertaintyPct));
    const highestPct = Math.max(0, ...losses.map((l) => l.lossPct + l.uncertaintyPct));
    return { min: genantGrade(lowestPct), max: genantGrade(highestPct) };
}
/** True when the losses' uncertainty spans more than one grade (a "borderline" vertebra). */
export function isBorderline(range) {
    return range.min !== range.max;
}
/** The grade range as a reader sees it: "1-2" when borderline, else the grade alone ("2"). */
export function gradeRangeLabel(range) {
    return isBorderline(range) ? `${range.min}-${range.max}` : `${range.min}`;
}
