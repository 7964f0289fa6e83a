/**
 * The per-line Length groups written beside each vertebra's own measurement group, so that cornerstone3D-based viewers
 * (OHIF 3.x) hydrate and draw every height line. OHIF's SR hydration (cornerstone-dicom-sr extension with
 * @cornerstonejs/adapters, OHIF 3.13.2) picks a tool by the group's Tracking Identifier, takes the first NUM of the
 * group and its INFERRED FROM SCOORD3D as the line's two world points, the SCOORD3D's Referenced Frame of Reference
 * to find the image series, and the group's (121106, DCM, "Comment") TEXT as the label; any other group is skipped
 * as "not rehydratable". Our vertebra groups (which carry the ratios and grades) stay as they are beside these.
 */
import type { LevelAssessment } from '../../../measurement';
import {
  COMMENT,
  CORNERSTONE_LENGTH_TRACKING_IDENTIFIER,
  FINDING_SITE,
  HEIGHT_LINES,
  LENGTH,
  MEASUREMENT_GROUP,
  TID_MEASUREMENT_GROUP,
  TRACKING_IDENTIFIER,
  TRACKING_UNIQUE_IDENTIFIER,
  UNIT_MM,
  VERTEBRA_CODES,
} from './codes';
import { codeItem, containerItem, numItem, scoord3dItem, textItem, uidRefItem, type ContentItem } from './contentItems';

/** Number of per-line groups written per vertebra (anterior, middle, posterior height). */
export const HEIGHT_LINES_PER_VERTEBRA = HEIGHT_LINES.length;

/** The label of one height line, e.g. "L1 anterior height"; written as the group's Comment. */
export function heightLineLabel(level: string, wall: string): string {
  return `${level} ${wall} height`;
}

/**
 * One Length group per height line of `la`, anterior → middle → posterior, each with its own tracking UID from
 * `trackingUids` (one per line, same order), the height (mm) as a SCT "Length" NUM inferred from the two-point
 * SCOORD3D POLYLINE (superior → inferior) in `frameOfReferenceUID`, the vertebra as finding site and a label.
 */
export function heightLineGroups(
  la: LevelAssessment,
  trackingUids: ReadonlyArray<string>,
  frameOfReferenceUID: string,
): ContentItem[] {
  return HEIGHT_LINES.map((line, index) => {
    const trackingUid = trackingUids[index];
    if (trackingUid === undefined) throw new RangeError(`heightLineGroups: no tracking UID for line ${index + 1}`);
    const points = [la.points[line.superior], la.points[line.inferior]];
    return containerItem(
      'CONTAINS',
      MEASUREMENT_GROUP,
      [
        textItem('HAS OBS CONTEXT', TRACKING_IDENTIFIER, CORNERSTONE_LENGTH_TRACKING_IDENTIFIER),
        uidRefItem('HAS OBS CONTEXT', TRACKING_UNIQUE_IDENTIFIER, trackingUid),
        codeItem('HAS CONCEPT MOD', FINDING_SITE, VERTEBRA_CODES[la.level]),
        numItem('CONTAINS', LENGTH, la.heights[line.key], UNIT_MM, [
          scoord3dItem('INFERRED FROM', 'POLYLINE', points, frameOfReferenceUID),
        ]),
        textItem('CONTAINS', COMMENT, heightLineLabel(la.level, line.wall)),
      ],
      TID_MEASUREMENT_GROUP,
    );
  });
}
