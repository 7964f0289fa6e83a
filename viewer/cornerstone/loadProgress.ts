import { Enums, eventTarget, type StreamingImageVolume, type Types } from '@cornerstonejs/core';
import type { DisplayPlan } from '../model/displayPlan';
import { frameFailuresOf } from './frameFailures';
import { imageFailureText } from './imageErrorText';

/**
 * Longest a loaded image waits before the progress shows it, ms: writing the attributes and re-rendering the loading
 * bar for every one of hundreds of frames is main-thread work taken from decoding. The last image is shown at once.
 */
export const PROGRESS_PUBLISH_INTERVAL_MS = 250;

/** What the display of a plan reports about its images. */
export interface LoadProgressCallbacks {
  onLoadProgress: (decoded: number, total: number) => void;
  /** An image failed; `message` is the problem list's whole text ("image could not be loaded: …", "… decoded: …"). */
  onImageError: (imageId: string, message: string) => void;
}

/** Counts the images of a plan as they load or fail and writes the progress onto the viewport elements. */
export interface LoadProgress {
  /** Counts `imageIds` as loaded (a volume that holds them), without publishing. */
  settle: (imageIds: Iterable<string>) => void;
  /** Counts one image as failed with `message` (once) and publishes. */
  fail: (imageId: string, message: string) => void;
  /**
   * Counts as failed each frame of `volume` that failed for good so far (frameFailures.ts), once each like `fail`: a
   * volume's loads start before the display listens to cornerstone's events, and a frame refused in between is known
   * only to the volume. Call it before `settle` counts the volume's frames as in.
   */
  failFramesOf: (volume: StreamingImageVolume) => void;
  /** Writes `data-load-progress` / `data-loaded` on every element and calls `onLoadProgress`. */
  publish: () => void;
  /** Stops listening to cornerstone's image events. */
  dispose: () => void;
}

/**
 * Follows cornerstone's image events for the images of `plan`. Each image counts once, loaded or failed: cornerstone
 * fires IMAGE_LOADED on cache hits too, and a failed image is dropped from its cache and may fail again on the next
 * request.
 */
export function trackLoadProgress(plan: DisplayPlan, elements: ReadonlyMap<string, HTMLDivElement>, callbacks: LoadProgressCallbacks): LoadProgress {
  const imageIdSet = new Set(plan.viewports.flatMap((v) => v.imageIds));
  const settled = new Set<string>();
  const publish = () => {
    for (const spec of plan.viewports) {
      const element = elements.get(spec.viewportId);
      if (!element) continue;
      const done = spec.imageIds.filter((id) => settled.has(id)).length;
      element.dataset.loadProgress = (spec.imageIds.length ? done / spec.imageIds.length : 1).toFixed(3);
      if (done >= spec.imageIds.length) element.dataset.loaded = 'true';
    }
    callbacks.onLoadProgress(settled.size, imageIdSet.size);
  };
  let publishTimer: ReturnType<typeof setTimeout> | null = null;
  const publishSoon = () => {
    if (settled.size >= imageIdSet.size) {
      if (publishTimer !== null) clearTimeout(publishTimer);
      publishTimer = null;
      publish();
    } else {
      publishTimer ??= setTimeout(() => {
        publishTimer = null;
        publish();
      }, PROGRESS_PUBLISH_INTERVAL_MS);
    }
  };
  const fail = (imageId: string, message: string) => {
    if (settled.has(imageId)) return;
    settled.add(imageId);
    callbacks.onImageError(imageId, message);
    publish();
  };
  const onImageLoaded = (event: Event) => {
    const image = (event as CustomEvent<{ image?: Types.IImage }>).detail?.image;
    const imageId = image?.imageId;
    if (!image || !imageId || !imageIdSet.has(imageId) || settled.has(imageId)) return;
    // Some decoders return an empty buffer instead of failing: that is no image.
    const expected = image.rows * image.columns * (image.color ? 3 : 1);
    if (expected === 0 || (image.getPixelData?.()?.length ?? 0) < expected) {
      fail(imageId, 'image could not be decoded: the decoder returned no pixel data (corrupt compressed data?)');
      return;
    }
    settled.add(imageId);
    publishSoon();
  };
  const onImageFailed = (event: Event) => {
    const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
    if (detail?.imageId && imageIdSet.has(detail.imageId)) fail(detail.imageId, imageFailureText(detail.error));
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onImageLoaded);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImageFailed);
  return {
    settle: (imageIds) => {
      for (const id of imageIds) settled.add(id);
    },
    fail,
    failFramesOf: (volume) => {
      for (const { imageId, error } of frameFailuresOf(volume)) fail(imageId, imageFailureText(error));
    },
    publish,
    dispose: () => {
      if (publishTimer !== null) clearTimeout(publishTimer);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onImageLoaded);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImageFailed);
    },
  };
}
