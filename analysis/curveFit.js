import { median } from './profile';
/*
 * Curves through endplate edges, (u, v) mm pairs: a robust line for a corner, a robust quadratic for a whole endplate.
 */
/** An endplate edge farther than this from a smooth (quadratic) curve through the rest is a step or a node, mm. */
export const IRREGULAR_RESIDUAL_MM = 1.5;
/**
 * Robust line v = a + b·u through (u, v) pairs: Theil–Sen slope (median of pairwise slopes) and median intercept, so
 * one wrong edge among the few next to a corner (e.g. a partial-volume wall) does not move the corner. Null with fewer
 * than two pairs.
 */
export function fitLine(pairs) {
    if (pairs.length < 2)
        return null;
    const slopes = [];
    for (let i = 0; i < pairs.length; i += 1) {
        for (let j = i + 1; j < pairs.length; j += 1) {
            const du = pairs[j][0] - pairs[i][0];
            if (Math.abs(du) > 1e-9)
                slopes.push((pairs[j][1] - pairs[i][1]) / du);
        }
    }
    const b = slopes.length > 0 ? median(slopes) : 0;
    const a = median(pairs.map(([u, v]) => v - b * u));
    return (u) => a + b * u;
}
/** Least-squares quadratic v = c0 + c1·u + c2·u² through (u, v) pairs; null with fewer than three or when singular. */
function fitQuadratic(pairs) {
    if (pairs.length < 3)
        return null;
    const s = [0, 0, 0, 0, 0];
    const t = [0, 0, 0];
    for (const [u, v] of pairs) {
        for (let p = 0; p < 5; p += 1)
            s[p] += u ** p;
        for (let p = 0; p < 3; p += 1)
            t[p] += v * u ** p;
    }
    const m = [
        [s[0], s[1], s[2], t[0]],
        [s[1], s[2], s[3], t[1]],
        [s[2], s[3], s[4], t[2]],
    ];
    for (let i = 0; i < 3; i += 1) {
        const pivot = m[i][i];
        if (Math.abs(pivot) < 1e-9)
            return null;
        for (let j = 0; j < 3; j += 1) {
            if (j === i)
                continue;
            const f = m[j][i] / pivot;
            for (let k = 0; k < 4; k += 1)
                m[j][k] -= f * m[i][k];
        }
    }
    const c0 = m[0][3] / m[0][0];
    const c1 = m[1][3] / m[1][1];
    const c2 = m[2][3] / m[2][2];
    return (u) => c0 + c1 * u + c2 * u * u;
}
/**
 * A smooth endplate curve robust to a few wrong edges: a quadratic through all edges, refitted without those more
 * than IRREGULAR_RESIDUAL_MM from it; also the share of edges left out (0–1).
 */
export function robustEndplateCurve(pairs) {
    const first = fitQuadratic(pairs);
    if (!first)
        return null;
    const kept = pairs.filter(([u, v]) => Math.abs(v - first(u)) <= IRREGULAR_RESIDUAL_MM);
    const second = fitQuadratic(kept) ?? first;
    const outliers = pairs.filter(([u, v]) => Math.abs(v - second(u)) > IRREGULAR_RESIDUAL_MM).length;
    return { curve: second, outlierShare: outliers / pairs.length };
}
