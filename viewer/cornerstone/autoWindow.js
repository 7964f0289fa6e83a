/** Percentiles for the automatic window: robust to a few very bright or dark pixels (MR, fat, air). */
const AUTO_WINDOW_LOW_PERCENTILE = 0.01;
const AUTO_WINDOW_HIGH_PERCENTILE = 0.995;
const MAX_SAMPLES = 200_000;
/** A window (centre, width) spanning the 1st–99.5th percentile of the values, sampled evenly. */
export function autoWindow(values) {
    if (values.length === 0)
        return null;
    const step = Math.max(1, Math.floor(values.length / MAX_SAMPLES));
    const sample = [];
    for (let i = 0; i < values.length; i += step) {
        const v = values[i];
        if (v !== undefined && Number.isFinite(v))
            sample.push(v);
    }
    sample.sort((a, b) => a - b);
    const low = sample[Math.floor(AUTO_WINDOW_LOW_PERCENTILE * (sample.length - 1))];
    const high = sample[Math.ceil(AUTO_WINDOW_HIGH_PERCENTILE * (sample.length - 1))];
    // Both are undefined exactly when no value was finite.
    if (low === undefined || high === undefined)
        return null;
    const width = Math.max(1, high - low);
    return { center: low + width / 2, width };
}
