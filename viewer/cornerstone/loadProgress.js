import { Enums, eventTarget } from '@cornerstonejs/core';
import { frameFailuresOf } from './frameFailures';
import { imageFailureText } from './imageErrorText';
/**
 * Longest a loaded image waits before the progress shows it, ms: writing the attributes and re-rendering the loading
 * bar for every one of hundreds of frames is main-thread work taken from decoding. The last image is shown at once.
 */
export const PROGRESS_PUBLISH_INTERVAL_MS = 250;
/**
 * Follows cornerstone's image events for the images of `plan`. Each image counts once, loaded or failed: cornerstone
 * fires IMAGE_LOADED on cache hits too, and a failed image is dropped from its cache and may fail again on the next
 * request.
 */
export function trackLoadProgress(plan, elements, callbacks) {
    const imageIdSet = new Set(plan.viewports.flatMap((v) => v.imageIds));
    const settled = new Set();
    const publish = () => {
        for (const spec of plan.viewports) {
            const element = elements.get(spec.viewportId);
            if (!element)
                continue;
            const done = spec.imageIds.filter((id) => settled.has(id)).length;
            element.dataset.loadProgress = (spec.imageIds.length ? done / spec.imageIds.length : 1).toFixed(3);
            if (done >= spec.imageIds.length)
                element.dataset.loaded = 'true';
        }
        callbacks.onLoadProgress(settled.size, imageIdSet.size);
    };
    let publishTimer = null;
    const publishSoon = () => {
        if (settled.size >= imageIdSet.size) {
            if (publishTimer !== null)
                clearTimeout(publishTimer);
            publishTimer = null;
            publish();
        }
        else {
            publishTimer ??= setTimeout(() => {
                publishTimer = null;
                publish();
            }, PROGRESS_PUBLISH_INTERVAL_MS);
        }
    };
    const fail = (imageId, message) => {
        if (settled.has(imageId))
            return;
        settled.add(imageId);
        callbacks.onImageError(imageId, message);
        publish();
    };
    const onImageLoaded = (event) => {
        const image = event.detail?.image;
        const imageId = image?.imageId;
        if (!image || !imageId || !imageIdSet.has(imageId) || settled.has(imageId))
            return;
        // Some decoders return an empty buffer instead of failing: that is no image.
        const expected = image.rows * image.columns * (image.color ? 3 : 1);
        if (expected === 0 || (image.getPixelData?.()?.length ?? 0) < expected) {
            fail(imageId, 'image could not be decoded: the decoder returned no pixel data (corrupt compressed data?)');
            return;
        }
        settled.add(imageId);
        publishSoon();
    };
    const onImageFailed = (event) => {
        const detail = event.detail;
        if (detail?.imageId && imageIdSet.has(detail.imageId))
            fail(detail.imageId, imageFailureText(detail.error));
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onImageLoaded);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImageFailed);
    return {
        settle: (imageIds) => {
            for (const id of imageIds)
                settled.add(id);
        },
        fail,
        failFramesOf: (volume) => {
            for (const { imageId, error } of frameFailuresOf(volume))
                fail(imageId, imageFailureText(error));
        },
        publish,
        dispose: () => {
            if (publishTimer !== null)
                clearTimeout(publishTimer);
            eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onImageLoaded);
            eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImageFailed);
        },
    };
}
