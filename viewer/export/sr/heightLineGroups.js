import { COMMENT, CORNERSTONE_LENGTH_TRACKING_IDENTIFIER, FINDING_SITE, HEIGHT_LINES, LENGTH, MEASUREMENT_GROUP, TID_MEASUREMENT_GROUP, TRACKING_IDENTIFIER, TRACKING_UNIQUE_IDENTIFIER, UNIT_MM, VERTEBRA_CODES, } from './codes';
import { codeItem, containerItem, numItem, scoord3dItem, textItem, uidRefItem } from './contentItems';
/** Number of per-line groups written per vertebra (anterior, middle, posterior height). */
export const HEIGHT_LINES_PER_VERTEBRA = HEIGHT_LINES.length;
/** The label of one height line, e.g. "L1 anterior height"; written as the group's Comment. */
export function heightLineLabel(level, wall) {
    return `${level} ${wall} height`;
}
/**
 * One Length group per height line of `la`, anterior → middle → posterior, each with its own tracking UID from
 * `trackingUids` (one per line, same order), the height (mm) as a SCT "Length" NUM inferred from the two-point
 * SCOORD3D POLYLINE (superior → inferior) in `frameOfReferenceUID`, the vertebra as finding site and a label.
 */
export function heightLineGroups(la, trackingUids, frameOfReferenceUID) {
    return HEIGHT_LINES.map((line, index) => {
        const trackingUid = trackingUids[index];
        if (trackingUid === undefined)
            throw new RangeError(`heightLineGroups: no tracking UID for line ${index + 1}`);
        const points = [la.points[line.superior], la.points[line.inferior]];
        return containerItem('CONTAINS', MEASUREMENT_GROUP, [
            textItem('HAS OBS CONTEXT', TRACKING_IDENTIFIER, CORNERSTONE_LENGTH_TRACKING_IDENTIFIER),
            uidRefItem('HAS OBS CONTEXT', TRACKING_UNIQUE_IDENTIFIER, trackingUid),
            codeItem('HAS CONCEPT MOD', FINDING_SITE, VERTEBRA_CODES[la.level]),
            numItem('CONTAINS', LENGTH, la.heights[line.key], UNIT_MM, [
                scoord3dItem('INFERRED FROM', 'POLYLINE', points, frameOfReferenceUID),
            ]),
            textItem('CONTAINS', COMMENT, heightLineLabel(la.level, line.wall)),
        ], TID_MEASUREMENT_GROUP);
    });
}
