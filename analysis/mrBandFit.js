/*
 * A dark band between two plateaus, fitted to a profile: marrow at level M inside, the band at D from a to b, the
 * tissue beyond at O, all seen through a Gaussian blur of σ. Read by its half-depth crossings, a band narrower than the
 * blur between two unequal plateaus (a 1 mm shell between T1 marrow and a darker disc) lies off centre: the blurred
 * step from M to O drags the minimum and both crossings towards the darker side, and its width reads as about the blur.
 * The fit reads the band's own centre and width and the blur together, whatever the blur is made of (the scanner's
 * point spread, the slice's partial volume, the plane's denoising and the profile's smoothing), so nothing has to be
 * assumed about any of them.
 */
/**
 * The grids searched. Centres and edges on an eighth of a millimetre; widths from a quarter millimetre (the thinnest
 * shell, Edwards et al. 2001: ≈ 0.4 mm) to 4 mm (a band with its cartilage endplate and chemical-shift band,
 * MR_MAX_DARK_LINE_MM less a pixel); σ from 0.4 mm (0.6 mm profile smoothing alone is σ 0.6: the floor with margin) to
 * 2 mm (a 4 mm slice through a curved endplate with 1.5 mm pixels and the plane's denoising).
 */
const GRID_MM = 0.125;
const MIN_WIDTH_MM = 0.25;
const MAX_WIDTH_MM = 4;
const WIDTH_STEP_MM = 0.25;
const SIGMAS_MM = [0.4, 0.55, 0.7, 0.85, 1, 1.2, 1.45, 1.7, 2];
/** The band's centre is searched this far either side of its darkest sample, mm: a thin band's minimum moves by less than σ. */
const CENTRE_SEARCH_MM = 2;
/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26; error < 1.5e-7). */
function normalCdf(z) {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const e = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return 0.5 * (1 + (z >= 0 ? e : -e));
}
/**
 * Solves the 3 × 3 symmetric system [[a00, a01, a02], [a01, a11, a12], [a02, a12, a22]] x = (b0, b1, b2) by Cramer's
 * rule into `out`; false when singular.
 */
function solve3(a00, a01, a02, a11, a12, a22, b0, b1, b2, out) {
    const det = a00 * (a11 * a22 - a12 * a12) - a01 * (a01 * a22 - a12 * a02) + a02 * (a01 * a12 - a11 * a02);
    if (!(Math.abs(det) > 1e-12))
        return false;
    out[0] = (b0 * (a11 * a22 - a12 * a12) - a01 * (b1 * a22 - a12 * b2) + a02 * (b1 * a12 - a11 * b2)) / det;
    out[1] = (a00 * (b1 * a22 - a12 * b2) - b0 * (a01 * a22 - a12 * a02) + a02 * (a01 * b2 - b1 * a02)) / det;
    out[2] = (a00 * (a11 * b2 - b1 * a12) - a01 * (a01 * b2 - b1 * a02) + b0 * (a01 * a12 - a11 * a02)) / det;
    return true;
}
/** The band's half-widths searched, grid steps: both edges of a band centred on the grid lie on it. */
const MIN_HALF_WIDTH = Math.round(MIN_WIDTH_MM / 2 / GRID_MM);
const HALF_WIDTH_STEP = Math.round(WIDTH_STEP_MM / 2 / GRID_MM);
const HALF_WIDTH_COUNT = Math.round((MAX_WIDTH_MM - MIN_WIDTH_MM) / WIDTH_STEP_MM) + 1;
const MAX_HALF_WIDTH = MIN_HALF_WIDTH + (HALF_WIDTH_COUNT - 1) * HALF_WIDTH_STEP;
const SEARCH_STEPS = Math.round(CENTRE_SEARCH_MM / GRID_MM);
const CENTRE_COUNT = 2 * SEARCH_STEPS + 1;
const CANDIDATES = SIGMAS_MM.length * HALF_WIDTH_COUNT * CENTRE_COUNT;
/**
 * The coarse pass of the search: every COARSE_SIGMA_STRIDE-th σ, every COARSE_WIDTH_STRIDE-th width and every
 * COARSE_CENTRE_STRIDE-th centre (0.5 mm apart both); the COARSE_STARTS best of it are then descended from on the full
 * grid.
 */
const COARSE_SIGMA_STRIDE = 2;
const COARSE_WIDTH_STRIDE = 2;
const COARSE_CENTRE_STRIDE = 4;
const COARSE_STARTS = 6;
/** Running sums along `stride` (index space); entries before the start of their residue class start at 0. */
function runningSums(values, stride) {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i += 1)
        out[i] = values[i] + (i >= stride ? out[i - stride] : 0);
    return out;
}
function stepTables(stride, span) {
    const bySigma = SIGMAS_MM.map((sigma) => {
        const step = new Float64Array(2 * span + 1);
        for (let j = -span; j <= span; j += 1)
            step[j + span] = normalCdf((j * GRID_MM) / sigma);
        const squares = step.map((p) => p * p);
        const sumProducts = Array.from({ length: HALF_WIDTH_COUNT }, (_, hi) => {
            const w = 2 * (MIN_HALF_WIDTH + hi * HALF_WIDTH_STEP);
            return runningSums(step.map((p, i) => (i >= w ? p * step[i - w] : 0)), stride);
        });
        return { step, sum: runningSums(step, stride), sumSquares: runningSums(squares, stride), sumProducts };
    });
    return { stride, span, bySigma };
}
/** The tables last built; rebuilt only for another sample spacing or a longer window. */
let cachedTables = null;
function tablesFor(stride, span) {
    if (!cachedTables || cachedTables.stride !== stride || cachedTables.span < span)
        cachedTables = stepTables(stride, span);
    return cachedTables;
}
/** Residual sums of squares (less y·y) of the candidates tried, valid where `triedIn` holds the current fit's number. */
const triedSse = new Float64Array(CANDIDATES);
const triedIn = new Uint32Array(CANDIDATES);
/** Which fit this is (wraps after 2³² fits, when the stamps are cleared). */
let fitNumber = 0;
/**
 * The blurred band (inside level, band level, level beyond; edges a < b; Gaussian σ) that fits the samples of `s`
 * (spaced `stepMm`, a multiple of GRID_MM) from `fromMm` to `toMm` best in least squares, its centre searched within
 * CENTRE_SEARCH_MM of `darkestMm`. The band must be darker than both plateaus. Its level is `bandValue` when given
 * (cortical bone gives no signal: see mrEdge's fittedBoundary), else free but at least 0 (a magnitude image has no
 * negative signal). A band narrower than the blur shows only how much signal it takes away (depth × width), so without
 * its level neither its width nor the surface half a width beyond its centre is determined. Null when no band fits.
 *
 * The search: each candidate (σ, width, centre) costs a constant time whatever the profile's length (the levels
 * solve a 2 × 2 or 3 × 3 system whose sums over the samples come from running sums of the blurred step, StepTable,
 * and from the samples' correlation with it at each edge position, computed once per σ); a coarse pass over every
 * other σ with widths and centres 0.5 mm apart; around each of its COARSE_STARTS best, every full-grid candidate of its
 * coarse cell, then a descent on the full grid (each σ, width and centre one step either way) to a candidate none of
 * whose neighbours fits better. On 32,793 profiles captured from the MR sweep, the phantom and the real TPTBox T2 it
 * found what the exhaustive grid search finds on all but one (0.125 mm off; README, "MR endplates on a thin shell").
 */
export function fitBlurredBand(s, stepMm, window) {
    const fixedBand = window.bandValue;
    const from = Math.max(0, Math.ceil(window.fromMm / stepMm - 1e-9));
    const to = Math.min(s.length - 1, Math.floor(window.toMm / stepMm + 1e-9));
    if (to < from)
        return null;
    const stride = Math.round(stepMm / GRID_MM);
    const missing = [];
    /** The window's samples, 0 where missing (they then add nothing to a sum with y). */
    const finite = new Float64Array(to - from + 1);
    let n = 0;
    let ySum = 0;
    let yy = 0;
    for (let k = from; k <= to; k += 1) {
        const y = s[k];
        if (Number.isFinite(y)) {
            finite[k - from] = y;
            n += 1;
            ySum += y;
            yy += y * y;
        }
        else
            missing.push(k * stride);
    }
    if (n < 8)
        return null;
    const darkest = Math.round(window.darkestMm / GRID_MM);
    const first = from * stride;
    const last = to * stride;
    const span = Math.max(Math.abs(first - darkest), Math.abs(last - darkest)) + SEARCH_STEPS + 2 * MAX_HALF_WIDTH;
    const tables = tablesFor(stride, span);
    const offset = tables.span;
    // Every edge position (grid steps) a candidate's edge can take, from edgeFrom on; per σ, the window's sums there.
    const edgeFrom = darkest - SEARCH_STEPS - MAX_HALF_WIDTH;
    const edgeCount = 2 * (SEARCH_STEPS + MAX_HALF_WIDTH) + 1;
    const stepSums = new Float64Array(SIGMAS_MM.length * edgeCount);
    const squareSums = new Float64Array(SIGMAS_MM.length * edgeCount);
    const ySteps = new Float64Array(SIGMAS_MM.length * edgeCount);
    const edgeDone = new Uint8Array(SIGMAS_MM.length * edgeCount);
    /** Σ over the window's samples of the running-summed `r` at offsets (x − e). */
    const windowSum = (r, e) => {
        const lo = first - e + offset;
        return r[last - e + offset] - (lo >= stride ? r[lo - stride] : 0);
    };
    /** The window's sums of Φ, Φ² and y Φ for an edge at e (σ index si), computed once; their index. */
    const edge = (si, e) => {
        const at = si * edgeCount + e - edgeFrom;
        if (edgeDone[at])
            return at;
        const table = tables.bySigma[si];
        const step = table.step;
        let sa = windowSum(table.sum, e);
        let saa = windowSum(table.sumSquares, e);
        for (const x of missing) {
            const p = step[x - e + offset];
            sa -= p;
            saa -= p * p;
        }
        let ya = 0;
        for (let k = from, x = first - e + offset; k <= to; k += 1, x += stride)
            ya += finite[k - from] * step[x];
        stepSums[at] = sa;
        squareSums[at] = saa;
        ySteps[at] = ya;
        edgeDone[at] = 1;
        return at;
    };
    fitNumber = (fitNumber + 1) >>> 0;
    if (fitNumber === 0) {
        triedIn.fill(0);
        fitNumber = 1;
    }
    const levels = new Float64Array(3);
    let inside = 0;
    let band = 0;
    let outside = 0;
    /**
     * The residual sum of squares less y·y of candidate (σ index, half-width index, centre index), its levels in
     * inside / band / outside; +∞ when no band darker than both plateaus fits there.
     */
    const evaluate = (si, hi, ci) => {
        const h = MIN_HALF_WIDTH + hi * HALF_WIDTH_STEP;
        const c = darkest - SEARCH_STEPS + ci;
        const a = c - h;
        const b = c + h;
        const ia = edge(si, a);
        const ib = edge(si, b);
        const pa = stepSums[ia];
        const pb = stepSums[ib];
        const paa = squareSums[ia];
        const pbb = squareSums[ib];
        let pab = windowSum(tables.bySigma[si].sumProducts[hi], a);
        if (missing.length > 0) {
            const step = tables.bySigma[si].step;
            for (const x of missing)
                pab -= step[x - a + offset] * step[x - b + offset];
        }
        const ya = ySteps[ia];
        const yb = ySteps[ib];
        // Sums over the samples of the three plateaus' weights f1 = 1 − Φa, f2 = Φa − Φb, f3 = Φb and their products.
        const s11 = n - 2 * pa + paa;
        const s12 = pa - pb - paa + pab;
        const s13 = pb - pab;
        const s22 = paa - 2 * pab + pbb;
        const s23 = pab - pbb;
        const s33 = pbb;
        const y1 = ySum - ya;
        const y2 = ya - yb;
        const y3 = yb;
        let m;
        let d;
        let o;
        if (fixedBand !== undefined) {
            // The two plateaus with the band's level given (Cramer's rule).
            const det = s11 * s33 - s13 * s13;
            if (!(Math.abs(det) > 1e-12))
                return Number.POSITIVE_INFINITY;
            const r1 = y1 - fixedBand * s12;
            const r3 = y3 - fixedBand * s23;
            m = (r1 * s33 - s13 * r3) / det;
            o = (s11 * r3 - s13 * r1) / det;
            d = fixedBand;
        }
        else {
            if (!solve3(s11, s12, s13, s22, s23, s33, y1, y2, y3, levels))
                return Number.POSITIVE_INFINITY;
            m = levels[0];
            d = levels[1];
            o = levels[2];
            if (d < 0) {
                // A magnitude image has no negative signal: the band at 0 and the two plateaus solved again.
                const det = s11 * s33 - s13 * s13;
                if (!(Math.abs(det) > 1e-12))
                    return Number.POSITIVE_INFINITY;
                m = (y1 * s33 - s13 * y3) / det;
                o = (s11 * y3 - s13 * y1) / det;
                d = 0;
            }
        }
        if (!(d < m && d < o))
            return Number.POSITIVE_INFINITY;
        inside = m;
        band = d;
        outside = o;
        // Residual sum of squares less y·y (the same for every candidate): xᵀ(FᵀF)x − 2 x·(Fᵀy).
        return m * m * s11 + d * d * s22 + o * o * s33 + 2 * (m * d * s12 + m * o * s13 + d * o * s23) - 2 * (m * y1 + d * y2 + o * y3);
    };
    const indexOf = (si, hi, ci) => (si * HALF_WIDTH_COUNT + hi) * CENTRE_COUNT + ci;
    const tried = (si, hi, ci) => {
        const at = indexOf(si, hi, ci);
        if (triedIn[at] === fitNumber)
            return triedSse[at];
        const sse = evaluate(si, hi, ci);
        triedSse[at] = sse;
        triedIn[at] = fitNumber;
        return sse;
    };
    // Coarse pass: its COARSE_STARTS best, in the order of the full grid search (σ, width, centre) for equal fits.
    const starts = [];
    for (let si = 0; si < SIGMAS_MM.length; si += COARSE_SIGMA_STRIDE) {
        for (let hi = 0; hi < HALF_WIDTH_COUNT; hi += COARSE_WIDTH_STRIDE) {
            for (let ci = 0; ci < CENTRE_COUNT; ci += COARSE_CENTRE_STRIDE) {
                const sse = tried(si, hi, ci);
                if (!(sse < Number.POSITIVE_INFINITY))
                    continue;
                if (starts.length < COARSE_STARTS || sse < starts[starts.length - 1].sse) {
                    starts.push({ sse, at: [si, hi, ci] });
                    starts.sort((p, q) => p.sse - q.sse);
                    if (starts.length > COARSE_STARTS)
                        starts.pop();
                }
            }
        }
    }
    let bestSse = Number.POSITIVE_INFINITY;
    let best = null;
    for (const start of starts) {
        // First the whole coarse cell around the start (every full-grid candidate nearer to it than to the next coarse
        // one), then a descent on the full grid: to the best of the 26 neighbours while one fits better.
        let [si, hi, ci] = start.at;
        let sse = start.sse;
        let reach = [COARSE_SIGMA_STRIDE - 1, COARSE_WIDTH_STRIDE - 1, COARSE_CENTRE_STRIDE / 2];
        for (;;) {
            let next = null;
            for (let dsi = -reach[0]; dsi <= reach[0]; dsi += 1) {
                for (let dhi = -reach[1]; dhi <= reach[1]; dhi += 1) {
                    for (let dci = -reach[2]; dci <= reach[2]; dci += 1) {
                        const nsi = si + dsi;
                        const nhi = hi + dhi;
                        const nci = ci + dci;
                        if (nsi < 0 || nsi >= SIGMAS_MM.length || nhi < 0 || nhi >= HALF_WIDTH_COUNT || nci < 0 || nci >= CENTRE_COUNT)
                            continue;
                        const candidate = tried(nsi, nhi, nci);
                        if (candidate < sse || (candidate === sse && next !== null && indexOf(nsi, nhi, nci) < indexOf(...next))) {
                            sse = candidate;
                            next = [nsi, nhi, nci];
                        }
                    }
                }
            }
            reach = [1, 1, 1];
            if (!next)
                break;
            [si, hi, ci] = next;
        }
        if (sse < bestSse || (sse === bestSse && best !== null && indexOf(si, hi, ci) < indexOf(...best))) {
            bestSse = sse;
            best = [si, hi, ci];
        }
    }
    if (!best)
        return null;
    evaluate(...best);
    return {
        centreMm: (darkest - SEARCH_STEPS + best[2]) * GRID_MM,
        widthMm: 2 * (MIN_HALF_WIDTH + best[1] * HALF_WIDTH_STEP) * GRID_MM,
        sigmaMm: SIGMAS_MM[best[0]],
        insideValue: inside,
        bandValue: band,
        outsideValue: outside,
        rmsResidual: Math.sqrt(Math.max(0, (yy + bestSse) / n)),
    };
}
