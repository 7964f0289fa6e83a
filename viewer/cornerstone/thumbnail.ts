import { Enums, cache, eventTarget, utilities } from '@cornerstonejs/core';
import { getState, subscribe } from '../state/store';
import { initCornerstone } from './initCornerstone';

/**
 * Resolves once the open series has loaded `imageId` itself (or failed to), or at once when the open plan does not show
 * it. A thumbnail of the series on screen then draws the views' own image instead of asking the server for that frame
 * a second time (the thumbnail's copy leaves the cache after drawing, see below).
 */
function afterOpenPlanLoads(imageId: string): Promise<void> {
  const inPlan = (): boolean => getState().plan?.imageIds.includes(imageId) ?? false;
  if (!inPlan() || cache.getImage(imageId) !== undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const onImage = (event: Event): void => {
      const detail = (event as CustomEvent<{ image?: { imageId?: string }; imageId?: string }>).detail;
      if (detail.image?.imageId === imageId || detail.imageId === imageId) done();
    };
    const unsubscribe = subscribe(() => {
      if (!inPlan()) done();
    });
    function done(): void {
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onImage);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImage);
      unsubscribe();
      resolve();
    }
    eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onImage);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImage);
  });
}

/**
 * Draws one image into a small canvas for the study browser, through cornerstone's own loader and CPU renderer (no
 * WebGL context per thumbnail). The CPU renderer decodes to RGBA and caches that copy under the image's own id; it is
 * dropped from the cache right after drawing, so the views and the volume never read an RGBA thumbnail copy in place of
 * the image's real pixels. An image the open series is loading is drawn once it is in (no second request).
 */
export async function renderThumbnail(canvas: HTMLCanvasElement, imageId: string): Promise<void> {
  await initCornerstone();
  await afterOpenPlanLoads(imageId);
  const wasCached = cache.getImageLoadObject(imageId) !== undefined;
  try {
    await utilities.loadImageToCanvas({ canvas, imageId, thumbnail: true, useCPURendering: true });
  } finally {
    if (!wasCached && cache.getImageLoadObject(imageId) !== undefined) cache.removeImageLoadObject(imageId);
  }
}
