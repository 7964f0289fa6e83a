import { ORIENTATION_TOLERANCE, SHEAR_TOLERANCE_MM, SPACING_ABSOLUTE_TOLERANCE_MM, SPACING_RELATIVE_TOLERANCE, cross, dot } from './stackGeometry';
function sameOrientation(a, b) {
    return a.length === 6 && b.length === 6 && a.every((v, i) => Math.abs(v - (b[i] ?? Number.NaN)) < ORIENTATION_TOLERANCE);
}
/**
 * Whether one of `candidates` is the middle slice (index ⌊n/2⌋ ascending along the slice normal, the slice
 * cornerstone's axial view opens on) of a series of `instanceCount` single-frame slices, judged from the instances
 * numbered 1 (`first`) and n (`last`) alone: the series is taken to be numbered 1…n in slice order (rising or falling
 * along the normal) only when the three share one orientation and the candidate numbered as the middle slice of such a
 * series lies where the middle slice of n evenly spaced slices between the two ends lies, within the tolerance the
 * volume's own regularity check allows between neighbouring gaps (loading/stackGeometry.ts: 0.05 mm or 0.5 % of the
 * spacing, whichever is larger), and the three lie on one line along the normal (no shear, e.g. a gantry tilt, beyond
 * the volume's SHEAR_TOLERANCE_MM). Null on any doubt (an instance missing, several frames, another orientation, the
 * two ends at one position, the candidate elsewhere): the series metadata then decides, as before.
 */
export function confirmMiddleSlice(input) {
    const { instanceCount: n, first, last } = input;
    // A volume needs three slices at least (loading/stackGeometry.ts).
    if (!Number.isSafeInteger(n) || n < 3 || first === null || last === null)
        return null;
    if (first.instanceNumber !== 1 || last.instanceNumber !== n || first.sopUID === last.sopUID)
        return null;
    const { orientation, positionMm: firstPosition } = first;
    const lastPosition = last.positionMm;
    if (orientation === null || firstPosition === null || lastPosition === null)
        return null;
    const normal = cross([orientation[0] ?? 0, orientation[1] ?? 0, orientation[2] ?? 0], [orientation[3] ?? 0, orientation[4] ?? 0, orientation[5] ?? 0]);
    const length = Math.hypot(...normal);
    if (!(length > 0.5))
        return null;
    const along = (p) => dot(p, normal) / length;
    const firstMm = along(firstPosition);
    const lastMm = along(lastPosition);
    const spacingMm = Math.abs(lastMm - firstMm) / (n - 1);
    if (!(spacingMm > 0))
        return null;
    // Numbered along the normal: the middle slice (ascending index ⌊n/2⌋) is number ⌊n/2⌋ + 1; against it, n − ⌊n/2⌋.
    const middleIndex = Math.floor(n / 2);
    const middleNumber = lastMm > firstMm ? middleIndex + 1 : n - middleIndex;
    const expectedMm = Math.min(firstMm, lastMm) + middleIndex * spacingMm;
    const toleranceMm = Math.max(SPACING_ABSOLUTE_TOLERANCE_MM, SPACING_RELATIVE_TOLERANCE * spacingMm);
    const middle = input.candidates.find((c) => c !== null && c.instanceNumber === middleNumber) ?? null;
    if (middle === null || middle.positionMm === null || middle.orientation === null)
        return null;
    const all = [first, last, middle];
    if (!all.every((i) => i.frames === 1 && i.orientation !== null && sameOrientation(i.orientation, orientation)))
        return null;
    if (new Set(all.map((i) => i.sopUID)).size !== 3)
        return null;
    if (Math.abs(along(middle.positionMm) - expectedMm) > toleranceMm)
        return null;
    // The in-plane offset from the first slice, as the volume's shear check measures it.
    const sheared = [middle.positionMm, lastPosition].some((p) => {
        const offset = [p[0] - firstPosition[0], p[1] - firstPosition[1], p[2] - firstPosition[2]];
        const d = dot(offset, normal) / (length * length);
        return Math.hypot(offset[0] - d * normal[0], offset[1] - d * normal[1], offset[2] - d * normal[2]) > SHEAR_TOLERANCE_MM;
    });
    if (sheared)
        return null;
    return { sopUID: middle.sopUID, endPositionsMm: [firstPosition, lastPosition] };
}
