import { DISC_FLANK_MM, STEP_OUTSIDE_MM, STEP_SHELL_MM } from './constants';
import { orderStatisticsInPlace } from './orderStatistics';
import { dot2, perpendicular2 } from './vec';
/** Half-size of the square around the click that the box must fit in, mm (a lumbar body is ≤ 55 mm deep). */
export const SEARCH_HALF_SIZE_MM = 40;
/**
 * A step response is an edge when it reaches EDGE_TEXTURE_RATIO × the field's texture level (the TEXTURE_PERCENTILE of
 * all its responses: noise makes one of each opposite pair positive, so this is the median positive response of the
 * marrow's texture and noise) and EDGE_STRONGEST_SHARE of its strongest responses (99th percentile); a side then scores
 * the share of its length that is edge, so one very strong structure (a posterior element's cortex, a calcified aorta)
 * cannot make up for a missing side.
 */
const EDGE_TEXTURE_RATIO = 2;
const TEXTURE_PERCENTILE = 0.75;
const EDGE_STRONGEST_SHARE = 0.1;
/** A disc line this far beyond an endplate side or nearer makes that side an exit edge, mm (half a thin disc's 2–3 mm). */
const DISC_EDGE_REACH_MM = 1.5;
const scratchBySize = new Map();
function scratchOf(n) {
    let scratch = scratchBySize.get(n);
    if (!scratch) {
        scratch = {
            values: new Float64Array(n * n),
            valid: new Uint8Array(n * n),
            alongU: new Float64Array(n * (n + 1)),
            alongV: new Float64Array(n * (n + 1)),
            validU: new Int32Array(n * (n + 1)),
            validV: new Int32Array(n * (n + 1)),
            front: new Float64Array(n * n),
            back: new Float64Array(n * n),
            top: new Float64Array(n * n),
            bottom: new Float64Array(n * n),
            valley: new Float64Array(n * n),
            gap: new Float64Array(n * n),
            sampled: new Float64Array(4 * Math.ceil((n * n) / 3) + 4),
        };
        scratchBySize.set(n, scratch);
    }
    return scratch;
}
/**
 * The step responses of one facing along every line of a prefix-summed grid, into `out` at index
 * `line · lineStride + k · step`: at position k of a line facing +1 (towards higher k) or −1, the mean of the
 * `outside` samples beyond k against the mean of the `inside` samples before it, polarity-signed (exitSign) and
 * clipped at 0; 0 when a window leaves the grid or, with `counts`, holds a sample outside the image.
 */
function stepResponses(sums, counts, n, facing, windows, out, lineStride, step) {
    const { inside, outside, exitSign } = windows;
    // Facing +1 reads [k − inside, k) inside and (k, k + outside] outside; facing −1 the mirror. Positions first…last
    // are those whose two windows lie on the grid.
    const inFromOffset = facing === 1 ? -inside : 1;
    const outFromOffset = facing === 1 ? 1 : -outside;
    const first = facing === 1 ? inside : outside;
    const last = facing === 1 ? n - 1 - outside : n - 1 - inside;
    for (let line = 0; line < n; line += 1) {
        const o = line * (n + 1);
        const base = line * lineStride;
        for (let k = 0; k < Math.min(first, n); k += 1)
            out[base + k * step] = 0;
        for (let k = Math.max(first, 0); k <= last; k += 1) {
            const inFrom = o + k + inFromOffset;
            const inTo = inFrom + inside;
            const outFrom = o + k + outFromOffset;
            const outTo = outFrom + outside;
            if (counts && (counts[inTo] - counts[inFrom] < inside || counts[outTo] - counts[outFrom] < outside)) {
                out[base + k * step] = 0;
                continue;
            }
            const d = exitSign * ((sums[outTo] - sums[outFrom]) / outside - (sums[inTo] - sums[inFrom]) / inside);
            out[base + k * step] = d > 0 ? d : 0;
        }
        for (let k = Math.max(last + 1, 0); k < n; k += 1)
            out[base + k * step] = 0;
    }
}
/**
 * Cumulative counts of responses ≥ cap along lines: cum[line · (n + 1) + k], line = iv when alongLineU, else iu. With
 * `spread` a sample counts when it or one of the `spread` samples either side of it across the line reaches the cap.
 */
function cumulativeEdges(response, n, cap, alongLineU, spread = 0) {
    const cum = new Float64Array(n * (n + 1));
    const across = alongLineU ? n : 1;
    for (let line = 0; line < n; line += 1) {
        const o = line * (n + 1);
        const from = Math.max(0, line - spread);
        const to = Math.min(n - 1, line + spread);
        let count = 0;
        for (let k = 0; k < n; k += 1) {
            const at = alongLineU ? k : k * n;
            let hit = false;
            for (let l = from; l <= to && !hit; l += 1)
                hit = response[at + l * across] >= cap;
            if (hit)
                count += 1;
            cum[o + k + 1] = count;
        }
    }
    return cum;
}
/**
 * Each sample's depth below the brighter (CT; darker on MR: `shellSign`) of the brightest samples within `flank` steps
 * either side of it, into `out` (0 where the sample lies outside the image or a side holds no sample inside it). The
 * sides are `step` apart in the grid's index (n: along the axis; 1: across it), `across` steps the other way; samples
 * within `flank` steps of the grid's edge along `step` get 0.
 */
function valleysAcross(values, valid, someOutside, n, flank, shellSign, step, across, out) {
    out.fill(0);
    for (let a = flank; a < n - flank; a += 1) {
        for (let b = 0; b < n; b += 1) {
            const i = a * step + b * across;
            if (someOutside && valid[i] === 0)
                continue;
            let before = -Infinity;
            let after = -Infinity;
            for (let k = 1; k <= flank; k += 1) {
                if (!someOutside || valid[i - k * step] === 1)
                    before = Math.max(before, shellSign * values[i - k * step]);
                if (!someOutside || valid[i + k * step] === 1)
                    after = Math.max(after, shellSign * values[i + k * step]);
            }
            out[i] = Math.max(0, Math.min(before, after) - shellSign * values[i]);
        }
    }
}
/**
 * Samples the plane on a `gridMm` grid of ±SEARCH_HALF_SIZE_MM around `seed`, on the axes of `cranial`, and turns it
 * into the four facings' edge counts: a step response (shell STEP_SHELL_MM inside against the outside STEP_OUTSIDE_MM
 * beyond, polarity-signed) is an edge when it reaches the field's cap, `fixedCap` when given (so several axes compare).
 */
export function edgeFieldOf(view, seed, polarity, cranial, gridMm, fixedCap) {
    const n = Math.round((2 * SEARCH_HALF_SIZE_MM) / gridMm) + 1;
    const half = (n - 1) / 2;
    const p = perpendicular2(cranial);
    const anterior = dot2(p, view.anterior) >= 0 ? p : [-p[0], -p[1]];
    const { values, valid, alongU, alongV, validU, validV, front, back, top, bottom, valley, gap, sampled } = scratchOf(n);
    // Values on the grid (outside the image: 0, with valid 0), and prefix sums along u and along v of both.
    const [seedX, seedY] = seed;
    const [anteriorX, anteriorY] = anterior;
    const [cranialX, cranialY] = cranial;
    let outsideImage = 0;
    for (let iv = 0; iv < n; iv += 1) {
        const v = (iv - half) * gridMm;
        for (let iu = 0; iu < n; iu += 1) {
            const u = (iu - half) * gridMm;
            const value = view.valueAt(seedX + u * anteriorX + v * cranialX, seedY + u * anteriorY + v * cranialY);
            const inImage = Number.isFinite(value);
            values[iu + iv * n] = inImage ? value : 0;
            valid[iu + iv * n] = inImage ? 1 : 0;
            if (!inImage)
                outsideImage += 1;
        }
    }
    // alongU[iv · (n + 1) + k]: sum of the first k values of row iv; alongV[iu · (n + 1) + k]: of column iu.
    for (let line = 0; line < n; line += 1) {
        alongU[line * (n + 1)] = 0;
        alongV[line * (n + 1)] = 0;
    }
    for (let line = 0; line < n; line += 1) {
        const o = line * (n + 1);
        for (let k = 0; k < n; k += 1)
            alongU[o + k + 1] = alongU[o + k] + values[k + line * n];
    }
    for (let k = 0; k < n; k += 1) {
        for (let line = 0; line < n; line += 1)
            alongV[line * (n + 1) + k + 1] = alongV[line * (n + 1) + k] + values[line + k * n];
    }
    // The counts of samples inside the image are needed only when some lie outside it.
    const countsU = outsideImage > 0 ? validU : null;
    const countsV = outsideImage > 0 ? validV : null;
    if (outsideImage > 0) {
        for (let line = 0; line < n; line += 1) {
            const o = line * (n + 1);
            validU[o] = 0;
            validV[o] = 0;
            for (let k = 0; k < n; k += 1) {
                validU[o + k + 1] = validU[o + k] + valid[k + line * n];
                validV[o + k + 1] = validV[o + k] + valid[line + k * n];
            }
        }
    }
    const exitSign = polarity === 'brightShell' ? -1 : 1;
    const windows = {
        inside: Math.max(1, Math.round(STEP_SHELL_MM / gridMm)),
        outside: Math.max(1, Math.round(STEP_OUTSIDE_MM / gridMm)),
        exitSign,
    };
    // Walls step along rows (u), endplates along columns (v).
    stepResponses(alongU, countsU, n, 1, windows, front, n, 1);
    stepResponses(alongU, countsU, n, -1, windows, back, n, 1);
    stepResponses(alongV, countsV, n, 1, windows, top, 1, n);
    stepResponses(alongV, countsV, n, -1, windows, bottom, 1, n);
    // Disc lines: each sample against the brightest (CT; darkest on MR) within DISC_FLANK_MM on either side along v.
    const flank = Math.max(1, Math.round(DISC_FLANK_MM / gridMm));
    const shellSign = -exitSign;
    valleysAcross(values, valid, outsideImage > 0, n, flank, shellSign, n, 1, valley);
    // Gaps: the same across the axis, each sample against the brightest in front of it and behind it.
    valleysAcross(values, valid, outsideImage > 0, n, flank, shellSign, 1, n, gap);
    // A disc line just beyond an endplate side is that endplate's exit, however thin the disc (its step reaches the
    // neighbour's plate within the outside window and reads weak).
    const discReach = Math.max(1, Math.round(DISC_EDGE_REACH_MM / gridMm));
    for (let k = 1; k <= discReach; k += 1) {
        for (let i = 0; i + k * n < n * n; i += 1)
            top[i] = Math.max(top[i], valley[i + k * n]);
        for (let i = k * n; i < n * n; i += 1)
            bottom[i] = Math.max(bottom[i], valley[i - k * n]);
    }
    let cap = fixedCap;
    if (cap === undefined) {
        let count = 0;
        for (let iv = 0; iv < n; iv += 1) {
            for (let iu = (3 - (iv % 3)) % 3; iu < n; iu += 3) {
                const i = iu + iv * n;
                sampled[count] = front[i];
                sampled[count + 1] = back[i];
                sampled[count + 2] = top[i];
                sampled[count + 3] = bottom[i];
                count += 4;
            }
        }
        // The two percentiles by selection: the values a sort would put there, in linear time.
        const [texture, strong] = count > 0 ? orderStatisticsInPlace(sampled.subarray(0, count), [Math.floor(count * TEXTURE_PERCENTILE), Math.floor(count * 0.99)]) : [0, 0];
        cap = Math.max(EDGE_TEXTURE_RATIO * (texture ?? 0), EDGE_STRONGEST_SHARE * (strong ?? 0), 1e-9);
    }
    // Cumulative edge counts along each side's direction (walls run along v, endplates along u).
    return {
        n,
        gridMm,
        cap,
        cranial,
        anterior,
        front: cumulativeEdges(front, n, cap, false),
        back: cumulativeEdges(back, n, cap, false),
        top: cumulativeEdges(top, n, cap, true),
        bottom: cumulativeEdges(bottom, n, cap, true),
        discs: cumulativeEdges(valley, n, cap, true),
        // A gap line may step by a sample along its length (the aorta's wall beside a plaque, the body's waist).
        gaps: cumulativeEdges(gap, n, cap, false, 1),
    };
}
