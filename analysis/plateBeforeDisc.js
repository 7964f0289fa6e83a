import { DISC_FLANK_MM, PROFILE_SMOOTHING_SIGMA_MM, PROFILE_STEP_MM } from './constants';
import { sampleProfile, smooth } from './profile';
/**
 * The plate on the body's side of a disc line must rise above the marrow by at least this share (0–1) of the plate on
 * the far side: two endplates facing each other across a disc are alike (cortex and subchondral bone), while a dark
 * spot between the body's own plate and a brighter trabecula inside the marrow is no disc. Design decision of this
 * project (issue 12).
 */
const PLATE_PEAK_SHARE = 0.5;
/**
 * The body's own plate-to-disc edge in front of a thin disc on a CT profile that runs outward from inside the body: the
 * disc is the darkest sample in [fromMm, toMm] that lies at least `minDiscContrast` (HU) below the brightest sample
 * within DISC_FLANK_MM on both sides of it (the two plates, the inner one plate-like: PLATE_PEAK_SHARE), and the edge is where the profile crosses half way between
 * the inner plate's peak and the disc's dark line, on the body's side of the line (edge at half maximum between cortex
 * and disc). A thin disc's edge cannot be read against an outside window 1–3 mm beyond it (that window already holds the
 * neighbour's plate), so the disc's own dark line is the outside level here. Null when no such disc line lies there.
 */
export function plateBeforeDisc(view, start, direction, search) {
    const step = PROFILE_STEP_MM;
    const flank = Math.round(DISC_FLANK_MM / step);
    const s = smooth(sampleProfile(view, start, direction, search.toMm + DISC_FLANK_MM + 1), PROFILE_SMOOTHING_SIGMA_MM / step);
    const first = Math.max(flank, Math.ceil(Math.max(0, search.fromMm) / step));
    const last = Math.min(s.length - 1 - flank, Math.floor(search.toMm / step));
    let best = null;
    for (let k = first; k <= last; k += 1) {
        const here = s[k];
        if (!Number.isFinite(here) || (best && here >= best.value))
            continue;
        let inner = -Infinity;
        let peakIndex = k;
        let outer = -Infinity;
        for (let i = 1; i <= flank; i += 1) {
            const before = s[k - i];
            if (before > inner) {
                inner = before;
                peakIndex = k - i;
            }
            outer = Math.max(outer, s[k + i]);
        }
        const platelike = inner - search.marrowValue >= PLATE_PEAK_SHARE * (outer - search.marrowValue);
        if (platelike && Math.min(inner, outer) - here >= search.minDiscContrast)
            best = { index: k, value: here, peakIndex, peakValue: inner };
    }
    if (!best)
        return null;
    const level = (best.peakValue + best.value) / 2;
    let distanceMm = best.index * step;
    for (let m = best.peakIndex + 1; m <= best.index; m += 1) {
        const previous = s[m - 1];
        const current = s[m];
        if (current <= level && previous > level) {
            distanceMm = (m - 1 + (previous - level) / (previous - current)) * step;
            break;
        }
    }
    return {
        distanceMm,
        discMm: best.index * step,
        contrast: best.peakValue - best.value,
        shellValue: best.peakValue,
        outsideValue: best.value,
        rivalRatio: 0,
    };
}
