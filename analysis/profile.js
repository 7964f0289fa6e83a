import { EDGE_RELATIVE_CONTRAST, OUTSIDE_WINDOW_END_MM, OUTSIDE_WINDOW_START_MM, PROFILE_HALF_WIDTH_MM, PROFILE_SMOOTHING_SIGMA_MM, PROFILE_STEP_MM, SHELL_WINDOW_MM, } from './constants';
import { perpendicular2 } from './vec';
/**
 * Which way the cortical shell of a body differs from its marrow: brighter on CT (and radiographs), darker on MR
 * (cortical bone gives no signal on T1 or T2). The body's boundary is where the shell gives way to the disc or soft
 * tissue outside it.
 */
/**
 * A candidate edge must hold EDGE_RELATIVE_CONTRAST of the strongest edge within this distance beyond it, mm: far
 * enough to see past a trabecular edge to the cortex, short of the next body (a disc plus a cortex ≥ 6 mm away... the
 * neighbour's interior, e.g. its cement, lies farther).
 */
const LOOK_AHEAD_MM = 8;
/** Values sampled every PROFILE_STEP_MM from `start` along unit `direction`, averaged across a ±halfWidthMm band. */
export function sampleProfile(view, start, direction, lengthMm, halfWidthMm = PROFILE_HALF_WIDTH_MM) {
    const n = Math.max(2, Math.floor(lengthMm / PROFILE_STEP_MM) + 1);
    const across = perpendicular2(direction);
    // Lines about 1 mm apart across the band (two at ±PROFILE_HALF_WIDTH_MM plus the centre for the narrow default).
    const lines = Math.max(1, Math.round(halfWidthMm / 1));
    const offsets = Array.from({ length: 2 * lines + 1 }, (_, i) => ((i - lines) * halfWidthMm) / lines);
    const profile = new Float64Array(n);
    for (let k = 0; k < n; k += 1) {
        const t = k * PROFILE_STEP_MM;
        let sum = 0;
        let count = 0;
        for (const o of offsets) {
            const value = view.valueAt(start[0] + direction[0] * t + across[0] * o, start[1] + direction[1] * t + across[1] * o);
            if (!Number.isNaN(value)) {
                sum += value;
                count += 1;
            }
        }
        profile[k] = count > 0 ? sum / count : Number.NaN;
    }
    return profile;
}
/** Gaussian-smoothed copy (σ in samples); NaN samples stay NaN and do not spread. */
export function smooth(profile, sigmaSamples) {
    const radius = Math.max(1, Math.ceil(3 * sigmaSamples));
    const weights = [];
    for (let i = -radius; i <= radius; i += 1)
        weights.push(Math.exp(-(i * i) / (2 * sigmaSamples * sigmaSamples)));
    const out = new Float64Array(profile.length);
    for (let k = 0; k < profile.length; k += 1) {
        if (Number.isNaN(profile[k])) {
            out[k] = Number.NaN;
            continue;
        }
        let sum = 0;
        let weight = 0;
        for (let i = -radius; i <= radius; i += 1) {
            const v = profile[k + i];
            if (v === undefined || Number.isNaN(v))
                continue;
            const w = weights[i + radius];
            sum += v * w;
            weight += w;
        }
        out[k] = sum / weight;
    }
    return out;
}
/** Lists this short are ordered by insertion into SMALL_MEDIAN_WORK, without an array made per call. */
const SMALL_MEDIAN_LENGTH = 32;
const SMALL_MEDIAN_WORK = new Float64Array(SMALL_MEDIAN_LENGTH);
/** Median of the finite values of a list (NaN when there is none). */
export function median(values) {
    if (values.length <= SMALL_MEDIAN_LENGTH)
        return smallMedian(values);
    const finite = Array.from(values).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    if (finite.length === 0)
        return Number.NaN;
    const mid = finite.length >> 1;
    return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}
/**
 * median() of a short list: its finite values in the order a stable sort by a − b gives (equal values, such as −0 and
 * +0, keep their order), by insertion; the profiles' outside windows are 9 samples, read for every edge candidate.
 */
function smallMedian(values) {
    const work = SMALL_MEDIAN_WORK;
    let count = 0;
    for (let i = 0; i < values.length; i += 1) {
        const v = values[i];
        if (!Number.isFinite(v))
            continue;
        let j = count;
        while (j > 0 && work[j - 1] - v > 0) {
            work[j] = work[j - 1];
            j -= 1;
        }
        work[j] = v;
        count += 1;
    }
    if (count === 0)
        return Number.NaN;
    const mid = count >> 1;
    return count % 2 ? work[mid] : (work[mid - 1] + work[mid]) / 2;
}
function windowMedian(s, from, to) {
    return median(s.subarray(Math.max(0, from), Math.min(s.length, to + 1)));
}
/**
 * The body's boundary on a profile that starts inside the body and runs outward: the first edge, from `minStartMm`
 * on, where the shell (the brightest sample of the SHELL_WINDOW_MM inside it on CT, the darkest on MR) gives way to an
 * outside level (median OUTSIDE_WINDOW_START_MM–OUTSIDE_WINDOW_END_MM beyond) with at least EDGE_RELATIVE_CONTRAST of
 * the strongest such contrast within LOOK_AHEAD_MM beyond it and at least `minContrast`; located where the profile crosses half way between
 * shell and outside (edge at half maximum). Null when there is none.
 */
export function findExitEdge(profile, polarity, { minStartMm, minContrast, maxEndMm = Infinity, pick = 'first', }) {
    const step = PROFILE_STEP_MM;
    const s = smooth(profile, PROFILE_SMOOTHING_SIGMA_MM / step);
    const candidates = edgeCandidates(s, polarity, minStartMm, maxEndMm);
    if (candidates.length === 0)
        return null;
    const lookAhead = Math.round(LOOK_AHEAD_MM / step);
    const strongestAt = candidates.reduce((best, c, i) => (c.contrast > candidates[best].contrast ? i : best), 0);
    const chosenAt = pick === 'strongest' ? (candidates[strongestAt].contrast >= minContrast ? strongestAt : -1) : candidates.findIndex((c) => {
        if (c.contrast < minContrast)
            return false;
        const ahead = candidates.filter((o) => o.index >= c.index && o.index <= c.index + lookAhead);
        return c.contrast >= EDGE_RELATIVE_CONTRAST * Math.max(...ahead.map((o) => o.contrast));
    });
    return chosenAt < 0 ? null : edgeOf(profile, candidates, chosenAt);
}
/**
 * The half-maximum crossing of candidate `chosenAt` (see findExitEdge). The candidates are found and their contrasts
 * read on the smoothed profile, which keeps trabecular texture from making edges; the position is read on the profile as
 * sampled (`sampled`): half way between the shell's peak there (within SHELL_WINDOW_MM inside the candidate) and the
 * outside level. Smoothing keeps the half-maximum of a step where it is, but the endplates and walls of a vertebral body
 * are thin plates (bony endplate ≈ 0.5–1 mm, cortical shell ≈ 0.4 mm: Wang Y, Battié MC, Videman T, Eur Spine J 2012;
 * Edwards WT et al., Spine 2001;26:218), thinner than a CT's point spread, and blurring a thin bright plate lowers and
 * widens its peak, so the half-maximum between that peak and the outside moves outward, by ≈ 1.18 × the added σ for a
 * plate much thinner than the blur (Treece GM et al., Med Image Anal 2010;14:276 on the half-maximum's bias on thin
 * cortices). A noisy image is already smoothed in proportion to its noise before profiles are read (planeView.ts).
 */
function edgeOf(sampled, candidates, chosenAt) {
    const step = PROFILE_STEP_MM;
    const outsideTo = Math.round(OUTSIDE_WINDOW_END_MM / step);
    const chosen = candidates[chosenAt];
    const { crossingMm } = halfMaximumCrossing(sampled, {
        index: chosen.index,
        direction: sign(chosen),
        shellValue: chosen.shellValue,
        outsideValue: chosen.outsideValue,
        lastIndex: chosen.index + outsideTo,
    });
    const distanceMm = crossingMm ?? chosen.index * step;
    const rival = candidates
        .slice(chosenAt + 1)
        .filter((c) => (c.index - chosen.index) * step <= 4 && (c.index - chosen.index) * step >= 1.5)
        .reduce((best, c) => Math.max(best, c.contrast), 0);
    return {
        distanceMm,
        contrast: chosen.contrast,
        shellValue: chosen.shellValue,
        outsideValue: chosen.outsideValue,
        rivalRatio: rival / chosen.contrast,
    };
}
/**
 * The half maximum of a shell's edge near sample `index` of a profile: half way between the shell's peak (the extreme
 * in the shell's `direction` — −1 a bright shell, +1 a dark one — within SHELL_WINDOW_MM inside `index`, `shellValue`
 * where none is finite) and `outsideValue`, at the first crossing outward from the peak up to sample `lastIndex`
 * (linear between samples), mm along the profile; null when it is not crossed there. Also the peak's value (NaN when
 * none is finite).
 */
export function halfMaximumCrossing(sampled, edge) {
    const step = PROFILE_STEP_MM;
    const { index, direction } = edge;
    let peakValue = Number.NaN;
    let peakIndex = index;
    for (let i = Math.max(0, index - Math.round(SHELL_WINDOW_MM / step)); i <= index; i += 1) {
        const v = sampled[i];
        if (Number.isFinite(v) && !(direction * (v - peakValue) >= 0)) {
            peakValue = v;
            peakIndex = i;
        }
    }
    const level = ((Number.isFinite(peakValue) ? peakValue : edge.shellValue) + edge.outsideValue) / 2;
    for (let m = peakIndex + 1; m <= Math.min(sampled.length - 1, edge.lastIndex); m += 1) {
        const previous = sampled[m - 1];
        const current = sampled[m];
        if (direction * (current - level) >= 0 && direction * (previous - level) < 0) {
            return { peakValue, crossingMm: (m - 1 + (level - previous) / (current - previous)) * step };
        }
    }
    return { peakValue, crossingMm: null };
}
/** +1 when the profile rises across the edge (dark shell), −1 when it falls (bright shell). */
function sign(c) {
    return c.outsideValue > c.shellValue ? 1 : -1;
}
/**
 * Every edge findExitEdge would accept in its 'first' mode (contrast ≥ minContrast and ≥ EDGE_RELATIVE_CONTRAST of
 * the strongest within LOOK_AHEAD_MM beyond), outward in order; for choosing among them with a shape prior.
 */
export function findExitEdges(profile, polarity, options) {
    const s = smooth(profile, PROFILE_SMOOTHING_SIGMA_MM / PROFILE_STEP_MM);
    const candidates = edgeCandidates(s, polarity, options.minStartMm, options.maxEndMm ?? Infinity);
    const lookAhead = Math.round(LOOK_AHEAD_MM / PROFILE_STEP_MM);
    const edges = [];
    candidates.forEach((c, i) => {
        if (c.contrast < options.minContrast)
            return;
        const ahead = candidates.filter((o) => o.index >= c.index && o.index <= c.index + lookAhead);
        if (c.contrast >= EDGE_RELATIVE_CONTRAST * Math.max(...ahead.map((o) => o.contrast)))
            edges.push(edgeOf(profile, candidates, i));
    });
    return edges;
}
/** Every local maximum of the outward shell-to-outside gradient with a positive contrast, outward in order. */
function edgeCandidates(s, polarity, minStartMm, maxEndMm) {
    const step = PROFILE_STEP_MM;
    const sign = polarity === 'brightShell' ? -1 : 1;
    const shellWindow = Math.round(SHELL_WINDOW_MM / step);
    const outsideFrom = Math.round(OUTSIDE_WINDOW_START_MM / step);
    const outsideTo = Math.round(OUTSIDE_WINDOW_END_MM / step);
    const candidates = [];
    const first = Math.max(2, Math.round(minStartMm / step));
    const last = Math.min(s.length - outsideFrom - 3, Math.floor(maxEndMm / step));
    for (let k = first; k <= last; k += 1) {
        const d = sign * (s[k + 1] - s[k - 1]);
        const before = sign * (s[k] - s[k - 2]);
        const after = sign * (s[k + 2] - s[k]);
        if (!(d > 0 && d >= before && d >= after))
            continue;
        let shellValue = s[k];
        let shellIndex = k;
        for (let i = Math.max(0, k - shellWindow); i <= k; i += 1) {
            const v = s[i];
            if (sign * (shellValue - v) > 0) {
                shellValue = v;
                shellIndex = i;
            }
        }
        const outsideValue = windowMedian(s, k + outsideFrom, k + outsideTo);
        const contrast = sign * (outsideValue - shellValue);
        if (!Number.isFinite(contrast) || contrast <= 0)
            continue;
        candidates.push({ index: k, contrast, shellValue, shellIndex, outsideValue });
    }
    return candidates;
}
