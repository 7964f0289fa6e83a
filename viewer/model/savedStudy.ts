import type { LoadedInstance } from '../loading/grouping';
import { imageIdOfReference, imageReferenceOf, type ImageReference } from './imageReference';
import type { VertebraMeasurement } from './measurements';

/**
 * Version of what one saved record holds; a newer record is left alone rather than misread.
 * 1: vertebrae with the session-bound image id (dicomfile:N), 2: with SOP Instance UID + frame instead.
 */
export const SAVED_RECORD_VERSION = 2;

/** A vertebra as the browser store keeps it: its image named by SOP Instance UID + frame, never by a session's image id. */
export type SavedVertebra = Omit<VertebraMeasurement, 'referencedImageId'> & { referencedImage: ImageReference | null };

/** The first reading of a series hidden by a blinded repeat reading under way: which stored vertebrae it is. */
export interface SavedBlindedReading {
  seriesKey: string;
  /** Ids of the first reading's vertebrae among the record's measurements. */
  firstIds: string[];
}

/** One study's vertebrae in the browser store. */
export interface SavedStudy {
  studyKey: string;
  recordVersion: number;
  savedAt: string;
  measurements: SavedVertebra[];
  /** Present while a blinded repeat reading of one of its series is under way, so a reload resumes it still blinded. */
  blindedReading?: SavedBlindedReading;
}

/** The record to store for a study: each vertebra's image id turned into SOP Instance UID + frame among the open instances. */
export function savedStudyOf(
  studyKey: string,
  measurements: readonly VertebraMeasurement[],
  instances: readonly LoadedInstance[],
  savedAt: Date,
  /** References restored from the store whose images are not open yet: kept as they were. */
  pendingImages: ReadonlyMap<string, ImageReference> = new Map(),
  /** The hidden first reading of a blinded repeat reading under way in this study, if any. */
  blindedReading: SavedBlindedReading | null = null,
): SavedStudy {
  return {
    studyKey,
    recordVersion: SAVED_RECORD_VERSION,
    savedAt: savedAt.toISOString(),
    measurements: measurements.map(({ referencedImageId, ...rest }) => ({
      ...rest,
      referencedImage: referencedImageId === null ? (pendingImages.get(rest.id) ?? null) : imageReferenceOf(instances, referencedImageId),
    })),
    ...(blindedReading === null ? {} : { blindedReading }),
  };
}

/** Restored vertebrae, and the image references not open yet (their files may still be loading), by vertebra id. */
export interface RestoredStudy {
  measurements: VertebraMeasurement[];
  pendingImages: Map<string, ImageReference>;
  /** The hidden first reading of a blinded repeat reading that was under way when the record was written, or null. */
  blindedReading: SavedBlindedReading | null;
}

/** The record's blinded reading when it is well formed and names only vertebrae the record holds; otherwise null. */
function blindedReadingOf(value: unknown, ids: ReadonlySet<string>): SavedBlindedReading | null {
  if (typeof value !== 'object' || value === null) return null;
  const { seriesKey, firstIds } = value as { seriesKey?: unknown; firstIds?: unknown };
  if (typeof seriesKey !== 'string' || !Array.isArray(firstIds) || firstIds.length === 0) return null;
  const valid = firstIds.every((id): id is string => typeof id === 'string' && ids.has(id));
  return valid ? { seriesKey, firstIds: [...firstIds] as string[] } : null;
}

/**
 * The vertebrae of a stored record, each tied to this session's image id of its SOP instance and frame; null for a
 * record this version cannot read. A version-1 record names images by a past session's id, which may now be another
 * image: those ties are dropped (the vertebra keeps its points and plane) rather than restored onto a wrong image.
 */
export function restoreSavedStudy(record: unknown, instances: readonly LoadedInstance[]): RestoredStudy | null {
  if (typeof record !== 'object' || record === null) return null;
  const { recordVersion, measurements, blindedReading } = record as { recordVersion?: unknown; measurements?: unknown; blindedReading?: unknown };
  if (!Array.isArray(measurements) || (recordVersion !== 1 && recordVersion !== SAVED_RECORD_VERSION)) return null;
  const pendingImages = new Map<string, ImageReference>();
  const restored = (measurements as Array<SavedVertebra & { referencedImageId?: unknown }>).map((saved): VertebraMeasurement => {
    const { referencedImage, referencedImageId: _sessionBound, ...rest } = saved;
    const reference = recordVersion === SAVED_RECORD_VERSION ? referencedImage : null;
    const imageId = reference ? imageIdOfReference(instances, reference) : null;
    if (reference && imageId === null) pendingImages.set(saved.id, reference);
    return { ...rest, referencedImageId: imageId };
  });
  return { measurements: restored, pendingImages, blindedReading: blindedReadingOf(blindedReading, new Set(restored.map((m) => m.id))) };
}

/** Pending image references that the now open instances resolve, as image ids by vertebra id. */
export function resolvePendingImages(pending: ReadonlyMap<string, ImageReference>, instances: readonly LoadedInstance[]): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const [id, reference] of pending) {
    const imageId = imageIdOfReference(instances, reference);
    if (imageId !== null) resolved.set(id, imageId);
  }
  return resolved;
}
