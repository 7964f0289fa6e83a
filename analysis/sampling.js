/** Precomputes the world → voxel index map of a validated volume, and its trilinear sampler. */
export function voxelMapOf(volume) {
    const [dc, dr, ds] = volume.spacingMm;
    const a = volume.rowCosine.map((v) => v * dc);
    const b = volume.columnCosine.map((v) => v * dr);
    const c = volume.sliceCosine.map((v) => v * ds);
    // Columns of M are a, b, c; inverse by the adjugate.
    const m = [a[0], b[0], c[0], a[1], b[1], c[1], a[2], b[2], c[2]];
    const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = m;
    const det = m0 * (m4 * m8 - m5 * m7) - m1 * (m3 * m8 - m5 * m6) + m2 * (m3 * m7 - m4 * m6);
    const inverse = [
        (m4 * m8 - m5 * m7) / det, (m2 * m7 - m1 * m8) / det, (m1 * m5 - m2 * m4) / det,
        (m5 * m6 - m3 * m8) / det, (m0 * m8 - m2 * m6) / det, (m2 * m3 - m0 * m5) / det,
        (m3 * m7 - m4 * m6) / det, (m1 * m6 - m0 * m7) / det, (m0 * m4 - m1 * m3) / det,
    ];
    return { volume, inverse, valueAtXyz: trilinearSampler(volume, inverse) };
}
/**
 * How far outside [0, n − 1] an index may lie and still be read as the edge voxel, in voxels: a point on the first or
 * last slice's plane, computed from patient millimetres, can land a rounding error beyond it (a stack of 3 mm slices
 * whose positions and spacing come from decimal strings), and would otherwise be lost as outside.
 */
const ON_EDGE = 1e-4;
/**
 * The trilinear sampler of a volume given its world → index inverse: the map's constants held in locals and no array
 * made per sample (the plane sampling calls it some 10⁵ times per click). An axis of one voxel accepts indices within
 * ±0.5 of it; elsewhere an index outside [0, n − 1] by more than ON_EDGE gives NaN.
 */
function trilinearSampler(volume, inverse) {
    const [q0, q1, q2, q3, q4, q5, q6, q7, q8] = inverse;
    const [o0, o1, o2] = volume.originMm;
    const [nc, nr, ns] = volume.dimensions;
    const v = volume.values;
    const di = nc > 1 ? 1 : 0;
    const dj = nr > 1 ? nc : 0;
    const dk = ns > 1 ? nc * nr : 0;
    const sliceLength = nc * nr;
    if (nc > 1 && nr > 1 && ns > 1) {
        // The usual volume: the same arithmetic without the branches for an axis of one voxel, a function small enough for
        // the compiler to inline where it is called per sample.
        return (x, y, z) => {
            const dx = x - o0;
            const dy = y - o1;
            const dz = z - o2;
            const i = q0 * dx + q1 * dy + q2 * dz;
            const j = q3 * dx + q4 * dy + q5 * dz;
            const k = q6 * dx + q7 * dy + q8 * dz;
            if (!(i >= -ON_EDGE && i <= nc - 1 + ON_EDGE) || !(j >= -ON_EDGE && j <= nr - 1 + ON_EDGE) || !(k >= -ON_EDGE && k <= ns - 1 + ON_EDGE))
                return Number.NaN;
            const i0 = Math.max(0, Math.min(Math.floor(i), nc - 2));
            const j0 = Math.max(0, Math.min(Math.floor(j), nr - 2));
            const k0 = Math.max(0, Math.min(Math.floor(k), ns - 2));
            const fi = Math.max(0, Math.min(1, i - i0));
            const fj = Math.max(0, Math.min(1, j - j0));
            const fk = Math.max(0, Math.min(1, k - k0));
            const base = i0 + j0 * nc + k0 * sliceLength;
            const c00 = v[base] * (1 - fi) + v[base + 1] * fi;
            const c10 = v[base + nc] * (1 - fi) + v[base + nc + 1] * fi;
            const c01 = v[base + sliceLength] * (1 - fi) + v[base + sliceLength + 1] * fi;
            const c11 = v[base + sliceLength + nc] * (1 - fi) + v[base + sliceLength + nc + 1] * fi;
            return (c00 * (1 - fj) + c10 * fj) * (1 - fk) + (c01 * (1 - fj) + c11 * fj) * fk;
        };
    }
    return (x, y, z) => {
        const dx = x - o0;
        const dy = y - o1;
        const dz = z - o2;
        const i = q0 * dx + q1 * dy + q2 * dz;
        const j = q3 * dx + q4 * dy + q5 * dz;
        const k = q6 * dx + q7 * dy + q8 * dz;
        let i0 = 0;
        let fi = 0;
        if (nc === 1) {
            if (!(Math.abs(i) <= 0.5))
                return Number.NaN;
        }
        else {
            if (!(i >= -ON_EDGE && i <= nc - 1 + ON_EDGE))
                return Number.NaN;
            i0 = Math.max(0, Math.min(Math.floor(i), nc - 2));
            fi = Math.max(0, Math.min(1, i - i0));
        }
        let j0 = 0;
        let fj = 0;
        if (nr === 1) {
            if (!(Math.abs(j) <= 0.5))
                return Number.NaN;
        }
        else {
            if (!(j >= -ON_EDGE && j <= nr - 1 + ON_EDGE))
                return Number.NaN;
            j0 = Math.max(0, Math.min(Math.floor(j), nr - 2));
            fj = Math.max(0, Math.min(1, j - j0));
        }
        let k0 = 0;
        let fk = 0;
        if (ns === 1) {
            if (!(Math.abs(k) <= 0.5))
                return Number.NaN;
        }
        else {
            if (!(k >= -ON_EDGE && k <= ns - 1 + ON_EDGE))
                return Number.NaN;
            k0 = Math.max(0, Math.min(Math.floor(k), ns - 2));
            fk = Math.max(0, Math.min(1, k - k0));
        }
        const base = i0 + j0 * nc + k0 * sliceLength;
        const c00 = v[base] * (1 - fi) + v[base + di] * fi;
        const c10 = v[base + dj] * (1 - fi) + v[base + dj + di] * fi;
        const c01 = v[base + dk] * (1 - fi) + v[base + dk + di] * fi;
        const c11 = v[base + dk + dj] * (1 - fi) + v[base + dk + dj + di] * fi;
        return (c00 * (1 - fj) + c10 * fj) * (1 - fk) + (c01 * (1 - fj) + c11 * fj) * fk;
    };
}
/** Trilinear value of the volume at patient point p (mm); NaN outside the volume. */
export function volumeValueAt(map, p) {
    return map.valueAtXyz(p[0], p[1], p[2]);
}
/**
 * Bilinear value of a plane image at (x mm along rowCosine, y mm along columnCosine) from pixel (0, 0); NaN outside
 * [0, n − 1] pixels on either axis (no array made per sample: it is called for every raw sample of a stack's plane).
 */
export function planeValueAt(plane, xMm, yMm) {
    const c = xMm / plane.columnSpacingMm;
    const r = yMm / plane.rowSpacingMm;
    const { columns, rows } = plane;
    if (!(c >= 0 && c <= columns - 1) || !(r >= 0 && r <= rows - 1))
        return Number.NaN;
    const c0 = Math.min(Math.floor(c), columns - 2);
    const r0 = Math.min(Math.floor(r), rows - 2);
    const fc = c - c0;
    const fr = r - r0;
    const v = plane.values;
    const base = c0 + r0 * columns;
    const top = v[base] * (1 - fc) + v[base + 1] * fc;
    const bottom = v[base + columns] * (1 - fc) + v[base + columns + 1] * fc;
    return top * (1 - fr) + bottom * fr;
}
