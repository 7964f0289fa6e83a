import { cache, utilities } from '@cornerstonejs/core';
import { initCornerstone } from './initCornerstone';

/**
 * Draws one image into a small canvas for the study browser, through cornerstone's own loader and CPU renderer (no
 * WebGL context per thumbnail). The CPU renderer decodes to RGBA and caches that copy under the image's own id; it is
 * dropped from the cache right after drawing, so the views and the volume never read an RGBA thumbnail copy in place of
 * the image's real pixels.
 */
export async function renderThumbnail(canvas: HTMLCanvasElement, imageId: string): Promise<void> {
  await initCornerstone();
  const wasCached = cache.getImageLoadObject(imageId) !== undefined;
  try {
    await utilities.loadImageToCanvas({ canvas, imageId, thumbnail: true, useCPURendering: true });
  } finally {
    if (!wasCached && cache.getImageLoadObject(imageId) !== undefined) cache.removeImageLoadObject(imageId);
  }
}
