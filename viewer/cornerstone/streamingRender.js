import { Enums, eventTarget } from '@cornerstonejs/core';
import { streamingRenderDelayMs, streamingRenderDue } from './streamingPace';
/**
 * Renders the viewports of a streaming volume as it fills: every view on the first arriving frame (the first image),
 * then the streaming views each time a pass of the request order is complete (`streamingRenderDue`: 3 times)
 * and at most every `streamingRenderDelayMs`, and every view once more when every frame has loaded or failed.
 * Replaces cornerstone's render of every view every 2 % of the frames, which re-renders all three reformats dozens of
 * times per series.
 */
export function throttleStreamingRenders(renderingEngine, volumeId, volume, views) {
    const streamingIds = views.streamingViewportIds.length > 0 ? views.streamingViewportIds : views.allViewportIds;
    let renderedOnce = false;
    // Protected in cornerstone 5.14 and without a setter: the one switch for its own renders while streaming.
    Reflect.set(volume, 'autoRenderOnLoad', false);
    let timer = null;
    let nextAllowedMs = 0;
    let disposed = false;
    const totalFrames = volume.imageIds.length;
    let framesProcessed = 0;
    let framesAtLastRender = 0;
    const render = (whenDue, everyView) => {
        timer = null;
        if (disposed)
            return;
        // The wait may have grown since this render was scheduled (the annotations of the last one took long).
        const waitMs = nextAllowedMs - performance.now();
        if (whenDue && waitMs > 1) {
            timer = setTimeout(() => render(true, everyView), waitMs);
            return;
        }
        // Every view was rendered meanwhile with these frames (viewsRendered).
        if (whenDue && renderedOnce && !streamingRenderDue({ framesProcessed, framesAtLastRender, totalFrames }))
            return;
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
        }
        catch {
            // The viewports were torn down meanwhile (another series opened): nothing to draw.
        }
        const renderMs = performance.now() - started;
        nextAllowedMs = performance.now() + streamingRenderDelayMs(renderMs);
        requestAnimationFrame(() => {
            const annotationsMs = annotationsStartMs > 0 ? performance.now() - annotationsStartMs : 0;
            nextAllowedMs = Math.max(nextAllowedMs, performance.now() + streamingRenderDelayMs(renderMs + annotationsMs) - annotationsMs);
        });
    };
    const onModified = (event) => {
        const detail = event.detail;
        if (detail?.volumeId !== volumeId)
            return;
        framesProcessed = Math.max(framesProcessed, detail.framesProcessed ?? framesProcessed + 1);
        if (timer !== null || (renderedOnce && !streamingRenderDue({ framesProcessed, framesAtLastRender, totalFrames })))
            return;
        timer = setTimeout(() => render(true, false), Math.max(0, nextAllowedMs - performance.now()));
    };
    const dispose = () => {
        disposed = true;
        if (timer !== null)
            clearTimeout(timer);
        eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
        eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onCompleted);
    };
    const onCompleted = (event) => {
        if (event.detail?.volumeId !== volumeId || disposed)
            return;
        if (timer !== null)
            clearTimeout(timer);
        render(false, true);
        dispose();
    };
    const viewsRendered = () => {
        // Cornerstone draws flagged views in the next animation frame, with the frames in by then; a callback queued after
        // its own runs right after that draw, before any other frame can arrive.
        requestAnimationFrame(() => {
            // Protected in cornerstone 5.14: the frames the volume holds (loaded or failed).
            const framesNow = Reflect.get(volume, 'framesProcessed');
            if (disposed || typeof framesNow !== 'number' || framesNow < 1)
                return;
            framesProcessed = Math.max(framesProcessed, framesNow);
            framesAtLastRender = Math.max(framesAtLastRender, framesNow);
            renderedOnce = true;
        });
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onCompleted);
    return { dispose, viewsRendered };
}
