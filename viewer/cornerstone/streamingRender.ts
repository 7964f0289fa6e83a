import { Enums, eventTarget, type RenderingEngine, type StreamingImageVolume } from '@cornerstonejs/core';
import { streamingRenderDelayMs, streamingRenderDue } from './streamingPace';

/** Which views of a streaming volume to render when. */
export interface StreamingViews {
  /** Every view of the volume: rendered on the first arriving frame and once the volume is complete. */
  readonly allViewportIds: readonly string[];
  /**
   * The views refreshed while the volume fills (the sagittal reformat the reader waits for); empty means all. The
   * others keep their first render until the volume is complete (or until the reader moves them): the axial view
   * shows the middle slice, which arrives first, and every refresh costs the software GPU a reformat.
   */
  readonly streamingViewportIds: readonly string[];
}

/**
 * Renders the viewports of a streaming volume as it fills: every view on the first arriving frame (the first image),
 * then the streaming views each time another share of the frames has arrived (`streamingRenderDue`, at most 7 times)
 * and at most every `streamingRenderDelayMs`, and every view once more when every frame has loaded or failed.
 * Replaces cornerstone's render of every view every 2 % of the frames, which re-renders all three reformats dozens of
 * times per series. Returns a function that stops listening.
 */
export function throttleStreamingRenders(renderingEngine: RenderingEngine, volumeId: string, volume: StreamingImageVolume, views: StreamingViews): () => void {
  const streamingIds = views.streamingViewportIds.length > 0 ? views.streamingViewportIds : views.allViewportIds;
  let renderedOnce = false;
  // Protected in cornerstone 5.14 and without a setter: the one switch for its own renders while streaming.
  Reflect.set(volume, 'autoRenderOnLoad', false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextAllowedMs = 0;
  let disposed = false;
  const totalFrames = volume.imageIds.length;
  let framesProcessed = 0;
  let framesAtLastRender = 0;
  const render = (whenDue: boolean, everyView: boolean) => {
    timer = null;
    if (disposed) return;
    // The wait may have grown since this render was scheduled (the annotations of the last one took long).
    const waitMs = nextAllowedMs - performance.now();
    if (whenDue && waitMs > 1) {
      timer = setTimeout(() => render(true, everyView), waitMs);
      return;
    }
    // The annotation tools draw in the next animation frame, after the render: the time between a frame callback
    // queued before the render and one queued after it is theirs, and counts as part of this render.
    let annotationsStartMs = 0;
    requestAnimationFrame(() => {
      annotationsStartMs = performance.now();
    });
    const started = performance.now();
    framesAtLastRender = framesProcessed;
    try {
      renderingEngine.renderViewports([...(everyView || !renderedOnce ? views.allViewportIds : streamingIds)]);
      renderedOnce = true;
    } catch {
      // The viewports were torn down meanwhile (another series opened): nothing to draw.
    }
    const renderMs = performance.now() - started;
    nextAllowedMs = performance.now() + streamingRenderDelayMs(renderMs);
    requestAnimationFrame(() => {
      const annotationsMs = annotationsStartMs > 0 ? performance.now() - annotationsStartMs : 0;
      nextAllowedMs = Math.max(nextAllowedMs, performance.now() + streamingRenderDelayMs(renderMs + annotationsMs) - annotationsMs);
    });
  };
  const onModified = (event: Event) => {
    const detail = (event as CustomEvent<{ volumeId?: string; framesProcessed?: number }>).detail;
    if (detail?.volumeId !== volumeId) return;
    framesProcessed = Math.max(framesProcessed, detail.framesProcessed ?? framesProcessed + 1);
    if (timer !== null || (renderedOnce && !streamingRenderDue({ framesProcessed, framesAtLastRender, totalFrames }))) return;
    timer = setTimeout(() => render(true, false), Math.max(0, nextAllowedMs - performance.now()));
  };
  const dispose = () => {
    disposed = true;
    if (timer !== null) clearTimeout(timer);
    eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
    eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onCompleted);
  };
  const onCompleted = (event: Event) => {
    if ((event as CustomEvent<{ volumeId?: string }>).detail?.volumeId !== volumeId || disposed) return;
    if (timer !== null) clearTimeout(timer);
    render(false, true);
    dispose();
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
  eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onCompleted);
  return dispose;
}
