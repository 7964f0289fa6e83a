import { decidePolarity, marrowStats, orientedAnterior, negate } from './bodyFrame';
import { PROFILE_STEP_MM } from './constants';
import { sampleProfile, smooth } from './profile';
import { addScaled2 } from './vec';
/**
 * Offsets around the click at which the shell polarity is also read, mm along (anterior, cranial): a click in the upper
 * or lower third of a body, or next to a wall, has the shell close on one side and a disc or the canal close on
 * another, so one point's vote can go either way; nine over the body's middle rarely do.
 */
const VOTE_OFFSETS_MM = [
    [0, 0],
    [-4, -4],
    [-4, 0],
    [-4, 4],
    [0, -4],
    [0, 4],
    [4, -4],
    [4, 0],
    [4, 4],
];
/** How far out along each direction the first departure from the marrow is looked for, mm. */
const VOTE_REACH_MM = 35;
/** Half-width of the band averaged across each vote's profile, mm: the cortex runs across it, trabeculae do not. */
const VOTE_HALF_WIDTH_MM = 1.5;
/** A departure counts when it exceeds this many times the marrow's noise... */
const DEPARTURE_NOISE_RATIO = 4;
/** ...over at least this length, mm: a cortex (≥ 0.5 mm) blurred by a clinical pixel is at least this wide. */
const DEPARTURE_LENGTH_MM = 1;
/**
 * The widest a bright shell's band may be above the marrow by the vote's threshold, mm: a cortex of at most 2 mm
 * (subchondral sclerosis; MR_MAX_CORTEX_MM) widened by about 1 mm on each side by a clinical pixel, kernel or slice.
 * A bright departure still bright beyond it is a tissue, not a shell: a T2 disc's nucleus (≈ 8 mm), CSF, fat.
 */
const BRIGHT_SHELL_MAX_MM = 4;
/** The first sample from `start` within `samples` where the profile `s` is at or below `level`; s.length when it ends first; null when neither. */
function fallAfter(s, start, samples, level) {
    for (let m = start; m < Math.min(s.length, start + samples); m += 1)
        if (Number.isFinite(s[m]) && s[m] <= level)
            return m;
    return start + samples >= s.length ? s.length : null;
}
const NO_DEPARTURES = { brightShell: 0, darkShell: 0, brighterTissue: 0 };
function sum(a, b) {
    return { brightShell: a.brightShell + b.brightShell, darkShell: a.darkShell + b.darkShell, brighterTissue: a.brighterTissue + b.brighterTissue };
}
/**
 * One point's departures: along the four directions out of the body, the first sustained departure from the marrow
 * level (more than DEPARTURE_NOISE_RATIO × its noise over DEPARTURE_LENGTH_MM) is the shell, brighter on CT and
 * radiographs, darker on MR. The threshold is set by the noise, not by the brightest tissue around, so a thin dark MR
 * cortex counts before the bright CSF or fat beyond it. A bright departure still bright BRIGHT_SHELL_MAX_MM after it
 * began is that tissue itself (brighterTissue), not a shell: behind a 0.5 mm shell in a 3 mm T2 slice the dark cortex
 * stays within the noise and the bright nucleus comes first, and on STIR (fat and fatty marrow suppressed) the 2 mm
 * cortex, 3 × the noise below the marrow in a 4 mm slice, is lost and nearly every direction meets the nucleus, CSF or
 * soft tissue, all brighter than the marrow.
 */
function departuresAt(view, point, axes, marrow) {
    const threshold = DEPARTURE_NOISE_RATIO * Math.max(marrow.noiseValue, 1e-6);
    const run = Math.max(1, Math.round(DEPARTURE_LENGTH_MM / PROFILE_STEP_MM));
    let found = NO_DEPARTURES;
    for (const direction of [axes.cranial, axes.anterior, negate(axes.cranial), negate(axes.anterior)]) {
        const s = smooth(sampleProfile(view, point, direction, VOTE_REACH_MM, VOTE_HALF_WIDTH_MM), 2);
        let sign = 0;
        let length = 0;
        let k = 0;
        for (; k < s.length; k += 1) {
            const v = s[k];
            const d = Number.isFinite(v) ? v - marrow.levelValue : 0;
            const here = d > threshold ? 1 : d < -threshold ? -1 : 0;
            length = here !== 0 && here === sign ? length + 1 : here !== 0 ? 1 : 0;
            sign = here;
            if (length >= run)
                break;
        }
        if (length < run)
            continue;
        if (sign < 0) {
            found = sum(found, { ...NO_DEPARTURES, darkShell: 1 });
            continue;
        }
        const begin = k - run + 1;
        const fall = fallAfter(s, begin, Math.round(BRIGHT_SHELL_MAX_MM / PROFILE_STEP_MM), marrow.levelValue + threshold);
        found = sum(found, fall === null ? { ...NO_DEPARTURES, brighterTissue: 1 } : { ...NO_DEPARTURES, brightShell: 1 });
    }
    return found;
}
/** The departures (departuresAt) at `seed` and at VOTE_OFFSETS_MM around it, summed; none on a CT in Hounsfield units. */
export function departuresAround(view, seed, cranial) {
    if (view.hounsfield)
        return NO_DEPARTURES;
    const anterior = orientedAnterior(view, cranial);
    let total = NO_DEPARTURES;
    for (const [u, v] of VOTE_OFFSETS_MM) {
        const point = addScaled2(addScaled2(seed, anterior, u), cranial, v);
        const marrow = marrowStats(view, point);
        if (Number.isFinite(marrow.levelValue))
            total = sum(total, departuresAt(view, point, { cranial, anterior }, marrow));
    }
    return total;
}
/**
 * The shell polarity around `seed`. A CT in Hounsfield units is decided at once (decidePolarity); otherwise the
 * departures around it (departuresAround, or `departures` when the caller has them) vote: +1 per bright shell, −1 per
 * dark one and, on MR (PlaneView.magneticResonance) whose marrow is below its surroundings (marrowBelowSurroundings),
 * −1 per brighter tissue met with no shell between: MR's cortex gives no signal, and a CT's would stand out before the
 * tissue; bright shell when positive, dark when negative, decidePolarity's answer at the seed on a tie. On the sweep's
 * STIR the soft tissue in front of the body, 1.5–2 × the marrow, crosses the threshold and dips back in its noise: read
 * as 1–4 bright shells per click against no dark one, every body but the oedematous L1 was read bright-shell and a disc
 * height off (25 of 30 proposals), with 27–32 brighter tissues met beside them. Elsewhere a brighter tissue does not
 * vote: on the low-SNR T2 rows half the departures meet one, and counting them turned bodies read bright-shell, each
 * flagged, into dark-shell ones with the low-SNR corners' own errors, some unflagged (the fourth round's limits).
 */
export function shellPolarityAround(view, seed, cranial, departures) {
    const anterior = orientedAnterior(view, cranial);
    const axes = { cranial, anterior };
    if (view.hounsfield)
        return decidePolarity(view, seed, axes, marrowStats(view, seed));
    const d = departures ?? departuresAround(view, seed, cranial);
    const total = d.brightShell - d.darkShell - (view.magneticResonance && marrowBelowSurroundings(d) ? d.brighterTissue : 0);
    if (total === 0)
        return decidePolarity(view, seed, axes, marrowStats(view, seed));
    return total > 0 ? 'brightShell' : 'darkShell';
}
/**
 * Whether the body's marrow is darker than what lies around it: at least BELOW_SURROUNDINGS_SHARE of the departures out
 * of it met a brighter tissue with no shell between. So on a fat-suppressed fluid-sensitive image (STIR, fat-sat T2),
 * where adult fatty marrow is suppressed, the disc, CSF and soft tissue around the body are brighter and the dark cortex
 * between is lost in the blur; not on T1 or plain T2, whose cortex (or the soft tissue in front, darker than fatty
 * marrow on T2) is seen as a dark departure on some sides even at low SNR or behind a 0.5 mm shell.
 */
export function marrowBelowSurroundings(d) {
    const all = d.brighterTissue + d.darkShell;
    return all > 0 && d.brighterTissue >= BELOW_SURROUNDINGS_SHARE * all;
}
/**
 * The share of departures that must meet a brighter tissue for the marrow to be below its surroundings (0–1). The
 * sweep's STIR: 27–32 of 27–32 (one bright blip in a few clicks; the oedematous L1 meets its dark cortex on 27–36);
 * its T2 rows: 45–84 % even at low SNR (the 4 mm low-SNR T2's L3: 22 of 27), the 0.5 mm-shell T2 75 %, T1 under 50 %.
 */
const BELOW_SURROUNDINGS_SHARE = 0.9;
