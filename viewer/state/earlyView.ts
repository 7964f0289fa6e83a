import type { InstanceMeta, Vec3 } from '../loading/instanceMeta';

/**
 * The middle slice of the series a study opens on, shown before its series metadata is in (loading/earlyFrame.ts
 * established it: the series numbered in slice order). The views of the plan it will have are laid out for it; the
 * plan replaces it once the metadata is in.
 */
export interface EarlyView {
  /** The series' key (its Series Instance UID), which the plan's viewport ids come from. */
  seriesKey: string;
  /** The slice's image id (`wadors:` + its frame URL). */
  imageId: string;
  /** The slice's DICOM JSON, for the image loader's metadata. */
  metadata: unknown;
  /** The slice's attributes, for the overlay (patient, study, series). */
  meta: InstanceMeta;
  /** The series' slice count. */
  sliceCount: number;
  /** Positions of the series' first and last slice, mm. */
  endPositionsMm: readonly [Vec3, Vec3];
}
