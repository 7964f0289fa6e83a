import { Enums, cache, eventTarget, imageLoader, type Types } from '@cornerstonejs/core';
import { getState, subscribe } from '../state/store';
import { initCornerstone } from './initCornerstone';
import { thumbnailRgba, thumbnailSize } from './thumbnailPixels';

/** cornerstone's priority for thumbnails (lower comes first), as its loadImageToCanvas uses. */
const THUMBNAIL_PRIORITY = -5;

/**
 * Resolves once the open series has loaded `imageId` itself (or failed to), or at once when the open plan does not show
 * it. A thumbnail of the series on screen then draws the views' own image instead of asking the server for that frame
 * a second time.
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
 * Resolves once no files are being read. While local files are read batch by batch a series grows, its middle image
 * (the thumbnail's) changes with each batch, and a thumbnail drawn meanwhile decoded a frame the open series decodes
 * again moments later (5–26 extra decodes for 1,000 JPEG-LS files, issue 16).
 */
function afterFilesRead(): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = subscribe(() => {
      if (getState().fileProgress !== null) return;
      unsubscribe();
      resolve();
    });
  });
}

/** A loaded image's first window value (cornerstone keeps a number or the list DICOM allows). */
function firstNumber(value: number | number[] | undefined): number | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Draws the image into the canvas, its aspect ratio kept and centred on black. */
function drawImage(canvas: HTMLCanvasElement, image: Types.IImage): void {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the thumbnail canvas has no 2-D context');
  const side = Math.min(canvas.width, canvas.height);
  const { widthPx, heightPx } = thumbnailSize(image.columns, image.rows, side);
  const samplesPerPixel = image.color ? (image.rgba ? 4 : 3) : 1;
  const rescaled = image.preScale?.scaled === true;
  const windowCenter = firstNumber(image.windowCenter) ?? (image.minPixelValue + image.maxPixelValue) / 2;
  const windowWidth = firstNumber(image.windowWidth) ?? Math.max(1, image.maxPixelValue - image.minPixelValue);
  const rgba = thumbnailRgba({
    pixels: image.getPixelData(),
    columns: image.columns,
    rows: image.rows,
    samplesPerPixel,
    slope: rescaled ? 1 : image.slope,
    intercept: rescaled ? 0 : image.intercept,
    windowCenter,
    windowWidth,
    invert: image.invert,
  }, widthPx, heightPx);
  context.fillStyle = 'black';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.putImageData(new ImageData(rgba, widthPx, heightPx), Math.floor((canvas.width - widthPx) / 2), Math.floor((canvas.height - heightPx) / 2));
}

/**
 * Draws one image's thumbnail for the study browser from the image's own pixels (nearest neighbour, its window), once
 * no files are being read. An image the open series is loading is drawn once it is in, from the cache (no second
 * request or decode); any other is loaded without entering the cache, and over DICOMweb a copy of its frame's bytes is
 * kept for the series' own load (loading/thumbnailFrames.ts), so opening the series does not ask for it again. Nothing
 * is loaded once `signal` is aborted.
 * Drawing here instead of with cornerstone's CPU renderer (`loadImageToCanvas`) spares a 256² RGBA render and its
 * canvas set-up, 1–2 s of the page's main thread on the test machine, at the moment the first image is drawn.
 */
export async function renderThumbnail(canvas: HTMLCanvasElement, imageId: string, signal?: AbortSignal): Promise<void> {
  await initCornerstone();
  if (getState().fileProgress !== null) {
    await afterFilesRead();
    // The series grew meanwhile and its thumbnail now shows another image: this one is not loaded at all.
    if (signal?.aborted) return;
  }
  await afterOpenPlanLoads(imageId);
  if (signal?.aborted) return;
  const image = cache.getImage(imageId) ?? (await imageLoader.loadImage(imageId, { priority: THUMBNAIL_PRIORITY, requestType: Enums.RequestType.Thumbnail }));
  drawImage(canvas, image);
}
