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

/**
 * A finished repeat reading of a series (a blinded repeat, or a second reader's file): which stored vertebrae are the
 * first reading, and the second reading itself, kept apart from the study's vertebrae.
 */
export interface SavedComparedReading {
  seriesKey: string;
  /** Ids of the first reading's vertebrae among the record's measurements. */
  firstIds: string[];
  second: SavedVertebra[];
  /** Who or what made the second reading. */
  secondLabel: string;
}

/** A finished repeat reading as the page holds it. */
export interface ComparedReading {
  seriesKey: string;
  firstIds: string[];
  second: VertebraMeasurement[];
  secondLabel: string;
}

/** One study's vertebrae in the browser store. */
export interface SavedStudy {
  studyKey: string;
  recordVersion: number;
  savedAt: string;
  measurements: SavedVertebra[];
  /** Present while a blinded repeat reading of one of its series is under way, so a reload resumes it still blinded. */
  blindedReading?: SavedBlindedReading;
  /** Present once a repeat reading of one of its series is finished, so a reload keeps its comparison. */
  comparedReading?: SavedComparedReading;
}

/** A vertebra as stored: its image as SOP Instance UID + frame among the open instances (or as restored, not open yet). */
function savedVertebraOf(
  { referencedImageId, ...rest }: VertebraMeasurement,
  instances: readonly LoadedInstance[],
  pendingImages: ReadonlyMap<string, ImageReference>,
): SavedVertebra {
  return {
    ...rest,
    referencedImage: referencedImageId === null ? (pendingImages.get(rest.id) ?? null) : imageReferenceOf(instances, referencedImageId),
  };
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
  /** A finished repeat reading of one of the study's series, if any. */
  comparedReading: ComparedReading | null = null,
): SavedStudy {
  return {
    studyKey,
    recordVersion: SAVED_RECORD_VERSION,
    savedAt: savedAt.toISOString(),
    measurements: measurements.map((m) => savedVertebraOf(m, instances, pendingImages)),
    ...(blindedReading === null ? {} : { blindedReading }),
    ...(comparedReading === null
      ? {}
      : { comparedReading: { ...comparedReading, second: comparedReading.second.map((m) => savedVertebraOf(m, instances, pendingImages)) } }),
  };
}

/** Restored vertebrae, and the image references not open yet (their files may still be loading), by vertebra id. */
export interface RestoredStudy {
  measurements: VertebraMeasurement[];
  pendingImages: Map<string, ImageReference>;
  /** The hidden first reading of a blinded repeat reading that was under way when the record was written, or null. */
  blindedReading: SavedBlindedReading | null;
  /** The finished repeat reading the record holds, or null. */
  comparedReading: ComparedReading | null;
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
  const { recordVersion, measurements, blindedReading, comparedReading } = record as {
    recordVersion?: unknown;
    measurements?: unknown;
    blindedReading?: unknown;
    comparedReading?: unknown;
  };
  if (!Array.isArray(measurements) || (recordVersion !== 1 && recordVersion !== SAVED_RECORD_VERSION)) return null;
  const pendingImages = new Map<string, ImageReference>();
  const restore = (saved: SavedVertebra & { referencedImageId?: unknown }): VertebraMeasurement => {
    const { referencedImage, referencedImageId: _sessionBound, ...rest } = saved;
    const reference = recordVersion === SAVED_RECORD_VERSION ? referencedImage : null;
    const imageId = reference ? imageIdOfReference(instances, reference) : null;
    if (reference && imageId === null) pendingImages.set(saved.id, reference);
    return { ...rest, referencedImageId: imageId };
  };
  const restored = (measurements as Array<SavedVertebra & { referencedImageId?: unknown }>).map(restore);
  const ids = new Set(restored.map((m) => m.id));
  return {
    measurements: restored,
    pendingImages,
    blindedReading: blindedReadingOf(blindedReading, ids),
    comparedReading: comparedReadingOf(comparedReading, ids, restore),
  };
}

/** The record's finished repeat reading when it is well formed and its first reading names vertebrae the record holds. */
function comparedReadingOf(value: unknown, ids: ReadonlySet<string>, restore: (saved: SavedVertebra) => VertebraMeasurement): ComparedReading | null {
  if (typeof value !== 'object' || value === null) return null;
  const { seriesKey, firstIds, second, secondLabel } = value as { seriesKey?: unknown; firstIds?: unknown; second?: unknown; secondLabel?: unknown };
  if (typeof seriesKey !== 'string' || typeof secondLabel !== 'string' || !Array.isArray(firstIds) || !Array.isArray(second)) return null;
  const first = firstIds.filter((id): id is string => typeof id === 'string' && ids.has(id));
  if (first.length === 0 || second.length === 0) return null;
  return { seriesKey, firstIds: first, second: (second as SavedVertebra[]).map(restore), secondLabel };
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
