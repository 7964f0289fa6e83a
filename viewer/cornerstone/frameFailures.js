/** Of each followed volume, the frames whose load failed for good: frame index → what the first failure gave. */
const failedFrames = new WeakMap();
/**
 * Counts each frame a volume could not load once, and remembers which frames they are and why (cornerstone 5.14 counts
 * a frame that fails for good twice: the retrieve's error and then its "Couldn't decode" when the request settles
 * without an image).
 *
 * Counted twice, the failure makes the volume's processed frames reach the total one frame early: the volume says
 * "loaded" with a frame still on its way, or, when the failed frame is the last, counts one past the total. Either way
 * the views were never told that every frame is in, and the failed frame stayed marked for an upload that cannot
 * come: the sagittal view was never reported complete after one refused frame (HTTP 401, 403, 404 or 500).
 * Call it once per volume, before `load`: the volume's loads start before the display listens to image events
 * (showPlan.ts), and a frame refused in between is known only from here (`frameFailuresOf`).
 */
export function followFrameFailures(volume) {
    if (failedFrames.has(volume))
        return;
    const failed = new Map();
    failedFrames.set(volume, failed);
    const original = volume.errorCallback.bind(volume);
    const replacement = (imageIdOrIndex, permanent, error, done) => {
        // The volume's own loader binds (index, imageId) before the iterator's (error, done); the progressive retriever
        // calls (imageId, permanent, error). Either way the error is the third argument. A failure that is not permanent
        // is passed on: cornerstone ignores it.
        const frameIndex = typeof imageIdOrIndex === 'number' ? imageIdOrIndex : volume.getImageIdIndex(String(imageIdOrIndex));
        const isPermanent = typeof imageIdOrIndex === 'number' ? true : Boolean(permanent);
        if (isPermanent && frameIndex >= 0) {
            if (failed.has(frameIndex))
                return;
            failed.set(frameIndex, error);
        }
        original(imageIdOrIndex, permanent, error, done);
    };
    volume.errorCallback = replacement;
}
/** The frame indexes of `volume` that failed for good (empty for a volume not followed). */
export function failedFramesOf(volume) {
    return new Set(failedFrames.get(volume)?.keys());
}
/** The frames of `volume` that failed for good so far, in the order they failed (empty for a volume not followed). */
export function frameFailuresOf(volume) {
    return [...(failedFrames.get(volume) ?? [])].flatMap(([frameIndex, error]) => {
        const imageId = volume.imageIds[frameIndex];
        return imageId === undefined ? [] : [{ imageId, error }];
    });
}
