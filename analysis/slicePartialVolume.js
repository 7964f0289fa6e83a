/**
 * Where a CT endplate's outer surface lies when the image samples the head–foot direction coarsely (a sagittal reformat
 * of 2–5 mm axial slices), read from the slices themselves as well as at half maximum.
 *
 * Each source sample (an axial slice) holds the scene averaged over its thickness, and the view interpolates linearly
 * between slice centres, so along the body's axis the profile is a polyline through one value per slice. Across a step
 * from bone to disc (a column through a thick cortex) the half maximum between the last bone slice and the disc lies on
 * the step on average over where the slices fall. An endplate is a thin bright plate (0.5–1 mm: Wang Y, Battié MC,
 * Videman T, Eur Spine J 2012;21:1502) over fainter marrow: one slice holds most of it and reads brightest, the next
 * reads disc, and the half maximum falls half way between their centres whatever the plate's position in its slice, a
 * third to half a slice outside it on average (on 3 mm slices the phantom's middle heights read 2–3 mm tall). Where
 * within a slice the plate lies cannot be told from one slice value; the slice holding it can. So the plate is placed
 * at the centroid of the slices' excess over marrow and disc (their centres weighted by how much brighter each is),
 * plus half a typical plate, and that reading and the half maximum are mixed by the share of the brightest slice's
 * contrast to the disc that stands above the marrow inside it (0: a step; towards 1: a plate). A thin plate diluted in
 * a thick slice counts partly as a step, so its bias is reduced by half or more, not removed (slicePartialVolume.test.ts);
 * what remains, and the slice phase's ± half a slice, is why such images are still flagged COARSE_SAMPLING.
 */
/** Half the thickness of a typical bony endplate, mm: the plate's centre lies this far inside its outer surface. */
const HALF_PLATE_MM = 0.5;
/**
 * The endplate's outer surface, mm along the profile, given its half-maximum edge `halfMaximumMm` and the level of the
 * disc beyond it `outsideValue`; the half maximum itself where the slices around it are not all inside the profile.
 */
export function plateSurfaceMm(profile, { halfMaximumMm, outsideValue }) {
    const d = profile.sliceDistanceMm;
    if (!(d > 0))
        return halfMaximumMm;
    // The slice centres either side of the half maximum: the last one inside it and the first one beyond.
    const inside = profile.sliceCentreMm + Math.floor((halfMaximumMm - profile.sliceCentreMm) / d) * d;
    const centres = [inside - 2 * d, inside - d, inside, inside + d];
    const values = centres.map((x) => valueAt(profile, x));
    if (values.some((v) => !Number.isFinite(v)))
        return halfMaximumMm;
    const [deeper, inner, last, beyond] = values;
    // The marrow's level: the fainter of the two slices inside the last one (a plate straddling two slices brightens one).
    const marrow = Math.min(deeper, inner);
    // A step from marrow to disc leaves every slice between the two; a slice brighter than the marrow holds a plate (a
    // plate straddling two slices may brighten the inner one more).
    const brightest = Math.max(inner, last);
    const span = brightest - outsideValue;
    if (!(span > 0))
        return halfMaximumMm;
    const plateShare = Math.max(0, Math.min(1, (brightest - marrow) / span));
    if (plateShare === 0)
        return halfMaximumMm;
    const excess = [Math.max(0, inner - marrow), Math.max(0, last - marrow), Math.max(0, beyond - outsideValue)];
    const mass = excess[0] + excess[1] + excess[2];
    const centroid = (excess[0] * centres[1] + excess[1] * centres[2] + excess[2] * centres[3]) / mass;
    return plateShare * (centroid + HALF_PLATE_MM) + (1 - plateShare) * halfMaximumMm;
}
/** The profile's value at `x` mm (linear between samples); NaN outside it. */
function valueAt(profile, x) {
    const f = x / profile.stepMm;
    const i = Math.floor(f);
    if (i < 0 || i + 1 >= profile.values.length)
        return Number.NaN;
    const a = profile.values[i];
    return a + (profile.values[i + 1] - a) * (f - i);
}
