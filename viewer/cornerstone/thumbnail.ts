import { utilities } from '@cornerstonejs/core';
import { initCornerstone } from './initCornerstone';

/**
 * Draws one image into a small canvas for the study browser, through cornerstone's own loader and CPU renderer (no
 * WebGL context per thumbnail; the decoded image lands in the cache the views use).
 */
export async function renderThumbnail(canvas: HTMLCanvasElement, imageId: string): Promise<void> {
  await initCornerstone();
  await utilities.loadImageToCanvas({ canvas, imageId, thumbnail: true, useCPURendering: true });
}
