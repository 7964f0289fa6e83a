import { imageIdOfReference, imageReferenceOf } from './imageReference';
/**
 * Version of what one saved record holds; a newer record is left alone rather than misread.
 * 1: vertebrae with the session-bound image id (dicomfile:N), 2: with SOP Instance UID + frame instead.
 */
export const SAVED_RECORD_VERSION = 2;
/** A vertebra as stored: its image as SOP Instance UID + frame among the open instances (or as restored, not open yet). */
function savedVertebraOf({ referencedImageId, ...rest }, instances, pendingImages) {
    return {
        ...rest,
        referencedImage: referencedImageId === null ? (pendingImages.get(rest.id) ?? null) : imageReferenceOf(instances, referencedImageId),
    };
}
/** The record to store for a study: each vertebra's image id turned into SOP Instance UID + frame among the open instances. */
export function savedStudyOf(studyKey, measurements, instances, savedAt, 
/** References restored from the store whose images are not open yet: kept as they were. */
pendingImages = new Map(), 
/** The hidden first reading of a blinded repeat reading under way in this study, if any. */
blindedReading = null, 
/** A finished repeat reading of one of the study's series, if any. */
comparedReading = null) {
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
/** The record's blinded reading when it is well formed and names only vertebrae the record holds; otherwise null. */
function blindedReadingOf(value, ids) {
    if (typeof value !== 'object' || value === null)
        return null;
    const { seriesKey, firstIds } = value;
    if (typeof seriesKey !== 'string' || !Array.isArray(firstIds) || firstIds.length === 0)
        return null;
    const valid = firstIds.every((id) => typeof id === 'string' && ids.has(id));
    return valid ? { seriesKey, firstIds: [...firstIds] } : null;
}
/**
 * The vertebrae of a stored record, each tied to this session's image id of its SOP instance and frame; null for a
 * record this version cannot read. A version-1 record names images by a past session's id, which may now be another
 * image: those ties are dropped (the vertebra keeps its points and plane) rather than restored onto a wrong image.
 */
export function restoreSavedStudy(record, instances) {
    if (typeof record !== 'object' || record === null)
        return null;
    const { recordVersion, measurements, blindedReading, comparedReading } = record;
    if (!Array.isArray(measurements) || (recordVersion !== 1 && recordVersion !== SAVED_RECORD_VERSION))
        return null;
    const pendingImages = new Map();
    const restore = (saved) => {
        const { referencedImage, referencedImageId: _sessionBound, ...rest } = saved;
        const reference = recordVersion === SAVED_RECORD_VERSION ? referencedImage : null;
        const imageId = reference ? imageIdOfReference(instances, reference) : null;
        if (reference && imageId === null)
            pendingImages.set(saved.id, reference);
        return { ...rest, referencedImageId: imageId };
    };
    const restored = measurements.map(restore);
    const ids = new Set(restored.map((m) => m.id));
    return {
        measurements: restored,
        pendingImages,
        blindedReading: blindedReadingOf(blindedReading, ids),
        comparedReading: comparedReadingOf(comparedReading, ids, restore),
    };
}
/** The record's finished repeat reading when it is well formed and its first reading names vertebrae the record holds. */
function comparedReadingOf(value, ids, restore) {
    if (typeof value !== 'object' || value === null)
        return null;
    const { seriesKey, firstIds, second, secondLabel } = value;
    if (typeof seriesKey !== 'string' || typeof secondLabel !== 'string' || !Array.isArray(firstIds) || !Array.isArray(second))
        return null;
    const first = firstIds.filter((id) => typeof id === 'string' && ids.has(id));
    if (first.length === 0 || second.length === 0)
        return null;
    return { seriesKey, firstIds: first, second: second.map(restore), secondLabel };
}
/** Pending image references that the now open instances resolve, as image ids by vertebra id. */
export function resolvePendingImages(pending, instances) {
    const resolved = new Map();
    for (const [id, reference] of pending) {
        const imageId = imageIdOfReference(instances, reference);
        if (imageId !== null)
            resolved.set(id, imageId);
    }
    return resolved;
}
