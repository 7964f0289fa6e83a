import type { EarlySlice } from '../loading/earlyFrame';
import { imagePixelsOfSamples, loadEntryCodec } from '../loading/compressedFrame';
import { earlyViewMeta, entryGreyscaleSlice, type GreyscaleSlice } from '../loading/entrySlice';
import { decodeNativeFrame, type DecodedNativeFrame } from '../loading/nativeFrame';
import { compositorStarted } from '../loading/firstFrame';
import { markStartup } from '../loading/startupMark';
import { AXIAL_SCREEN, placeSlice, type SliceGrid, type SlicePlacement } from './earlyImagePlacement';
import { earlyImageCanvas, openingRange, paintSlice, sizeEarlyImageCanvas, windowedSlice, type ShownRange } from './earlySliceCanvas';

/**
 * The first image drawn by the entry chunk, before the viewer's code (cornerstone, React, the panels: the boot chunk,
 * several MB; its size today is in the README) has loaded and run: the middle slice established early
 * (loading/earlyFrame.ts), decoded, windowed and placed as cornerstone's axial view will show it, in the axial view's
 * place of the shell's frame (shell/entryFrame.ts). When the viewer's shell lays out the early view, earlyImage.ts
 * adopts the canvas into the real axial view (the same element then hands over to cornerstone as every early image
 * does). This module runs in the entry chunk: it imports nothing of cornerstone's engine or React; a compressed frame's
 * codec is loaded when one is to be drawn (loading/compressedFrame.ts).
 */
export interface EntryImage {
  /** `wadors:` + the frame URL: the image id cornerstone's view will show. */
  readonly imageId: string;
  readonly canvas: HTMLCanvasElement;
  /** The shown-value range the slice is windowed with (the one cornerstone opens the volume with). */
  readonly range: ShownRange;
  /** The slice's ImagePositionPatient z, mm (the overlay's slice number). */
  readonly positionZMm: number;
  /** Where the slice lies on the canvas at its current size. */
  placement: SlicePlacement;
  /** Sizes the canvas to `element` and paints it again there when its size changed; false when it cannot be placed. */
  fitTo(element: HTMLElement): boolean;
}

/** Until the viewer's shell starts: from then on it draws the first image itself (earlyImage.ts). */
let drawingOpen = true;
let shown: EntryImage | null = null;

/** The viewer's shell takes the page: the entry chunk draws nothing from now on (what it drew stays, to be adopted). */
export function closeEntryDrawing(): void {
  drawingOpen = false;
}

/** The entry chunk's image of `imageId`, if one is on screen and not yet adopted. */
export function entryImageOf(imageId: string): EntryImage | null {
  return shown !== null && shown.imageId === imageId ? shown : null;
}

/** Hands the entry chunk's image over to whoever shows it from now on (earlyImage.ts): it is no longer the entry's. */
export function releaseEntryImage(): void {
  shown = null;
}

/**
 * The values cornerstone's volume gets from the frame (sign extension, the modality rescale): a native frame's read in
 * one pass (loading/nativeFrame.ts), a compressed one's decoded with the codec cornerstone uses for its syntax, loaded
 * now if it is not yet. A reason when they cannot be had here.
 */
async function sliceValues(described: GreyscaleSlice, frame: EntryFrame): Promise<DecodedNativeFrame | string> {
  const { format, rescale } = described;
  if (described.native) {
    const expectedBytes = format.rows * format.columns * (format.bitsAllocated / 8);
    if (frame.pixelData.length < expectedBytes) return 'the frame is shorter than its rows and columns';
    return decodeNativeFrame(frame.pixelData.subarray(0, expectedBytes), format, { rescale }) ?? 'a pixel format the page does not read';
  }
  // The volume's loader takes the same bytes once the viewer runs (and may hand them to a worker): decoded from a copy.
  const bytes = frame.pixelData.slice();
  const codec = loadEntryCodec(frame.transferSyntaxUID);
  if (codec === null) return `no codec in the entry for transfer syntax ${frame.transferSyntaxUID}`;
  try {
    const samples = (await codec)(bytes, format);
    return imagePixelsOfSamples(samples, format, rescale) ?? 'a pixel format the page does not read';
  } catch (error) {
    return `the ${frame.transferSyntaxUID} codec failed (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A frame as the early request answered it. */
export interface EntryFrame {
  readonly pixelData: Uint8Array;
  readonly transferSyntaxUID: string;
}

/**
 * Draws the early slice from the entry chunk when it can be drawn exactly as cornerstone's axial view will show it
 * (loading/entrySlice.ts says when; otherwise the viewer's own path draws it once its code runs), in the element
 * `place()` gives (the axial view's place in the shell's frame, made only when there is something to draw). Marks
 * `vhv:entry-drawn`, or `vhv:entry-declined` with the reason in the console's debug level. Answers what it drew.
 */
export async function drawEntryImage(slice: EarlySlice, frame: EntryFrame, place: () => HTMLElement | null): Promise<EntryImage | null> {
  if (!drawingOpen || shown !== null) return null;
  const decline = (reason: string): null => {
    markStartup('entry-declined');
    console.debug(`The first image waits for the viewer's code: ${reason}.`);
    return null;
  };
  if (earlyViewMeta(slice) === null) return decline('not a calibrated single-frame image of the series');
  const described = entryGreyscaleSlice(slice.metadata, frame.transferSyntaxUID);
  if (!described.ok) return decline(described.reason);
  const { format, rescale, storedWindow, rowDirection, columnDirection, columnSpacingMm, rowSpacingMm, positionMm } = described.value;
  const grid: SliceGrid = { columns: format.columns, rows: format.rows, rowDirection, columnDirection, columnSpacingMm, rowSpacingMm };
  // Tilted against the axial view: cornerstone shows a resampled plane there, not this slice.
  if (placeSlice(grid, AXIAL_SCREEN, { widthPx: 1, heightPx: 1 }) === null) return decline('the slice is not aligned with the axial view');
  const decoded = await sliceValues(described.value, frame);
  if (typeof decoded === 'string') return decline(decoded);
  // The slice's first 2-D canvas waits for the compositor's frame sink (it would wait for the GPU process behind it,
  // holding the main thread, and could not be shown before it anyway).
  await compositorStarted();
  // The viewer's shell may have taken the page while the codec loaded: its own path draws the slice then.
  if (!drawingOpen || shown !== null) return decline('the viewer\'s code ran first');
  const range = openingRange(storedWindow, { min: decoded.smallestPixelValue, max: decoded.largestPixelValue });
  const slicePixels = windowedSlice({ pixels: decoded.pixels, columns: format.columns, rows: format.rows, range, rescale: decoded.rescaled ? null : rescale });
  const element = place();
  if (element === null) return null;
  const canvas = earlyImageCanvas(element);
  const placement = placeSlice(grid, AXIAL_SCREEN, { widthPx: canvas.width, heightPx: canvas.height });
  if (placement === null) return null;
  paintSlice(canvas, slicePixels, placement);
  canvas.dataset.imageId = `wadors:${slice.frameUrl}`;
  element.append(canvas);
  element.dataset.earlyImage = 'true';
  markStartup('entry-drawn');
  markStartup('early-drawn');
  const image: EntryImage = {
    imageId: canvas.dataset.imageId,
    canvas,
    range,
    positionZMm: positionMm[2],
    placement,
    fitTo: (target) => {
      if (!sizeEarlyImageCanvas(canvas, target)) return true;
      const fitted = placeSlice(grid, AXIAL_SCREEN, { widthPx: canvas.width, heightPx: canvas.height });
      if (fitted === null) return false;
      image.placement = fitted;
      paintSlice(canvas, slicePixels, fitted);
      return true;
    },
  };
  shown = image;
  return image;
}
