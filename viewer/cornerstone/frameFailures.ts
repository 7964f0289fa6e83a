import type { StreamingImageVolume } from '@cornerstonejs/core';

/** Frame indexes of each followed volume whose load failed for good. */
const failedFrames = new WeakMap<StreamingImageVolume, Set<number>>();

type VolumeErrorCallback = (imageIdOrIndex: unknown, permanent: unknown, error?: unknown, done?: unknown) => void;

/**
 * Counts each frame a volume could not load once, and remembers which frames they are (cornerstone 5.14 counts a frame
 * that fails for good twice: the retrieve's error and then its "Couldn't decode" when the request settles without an
 * image).
 *
 * Counted twice, the failure makes the volume's processed frames reach the total one frame early: the volume says
 * "loaded" with a frame still on its way, or, when the failed frame is the last, counts one past the total. Either way
 * the views were never told that every frame is in, and the failed frame stayed marked for an upload that cannot
 * come: the sagittal view was never reported complete after one refused frame (HTTP 401, 403, 404 or 500).
 * Call it once per volume, before `load`.
 */
export function followFrameFailures(volume: StreamingImageVolume): void {
  if (failedFrames.has(volume)) return;
  const failed = new Set<number>();
  failedFrames.set(volume, failed);
  const original = (volume.errorCallback as unknown as VolumeErrorCallback).bind(volume);
  const replacement: VolumeErrorCallback = (imageIdOrIndex, permanent, error, done) => {
    // The volume's own loader binds (index, imageId) before the iterator's (error, done); the progressive retriever
    // calls (imageId, permanent, error). A failure that is not permanent is passed on: cornerstone ignores it.
    const frameIndex = typeof imageIdOrIndex === 'number' ? imageIdOrIndex : volume.getImageIdIndex(String(imageIdOrIndex));
    const isPermanent = typeof imageIdOrIndex === 'number' ? true : Boolean(permanent);
    if (isPermanent && frameIndex >= 0) {
      if (failed.has(frameIndex)) return;
      failed.add(frameIndex);
    }
    original(imageIdOrIndex, permanent, error, done);
  };
  (volume as unknown as { errorCallback: VolumeErrorCallback }).errorCallback = replacement;
}

/** The frames of `volume` that failed for good (empty for a volume not followed). */
export function failedFramesOf(volume: StreamingImageVolume): ReadonlySet<number> {
  return failedFrames.get(volume) ?? new Set<number>();
}
