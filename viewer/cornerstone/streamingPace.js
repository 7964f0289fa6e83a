import { retrieveGroups } from '../loading/retrieveOrder';
/**
 * When the views of a streaming volume are refreshed (pure: no cornerstone). Every refresh of the sagittal reformat
 * costs the software GPU (SwiftShader) a ray cast of the whole view and the page the crosshairs and annotations drawn
 * after it; on a 2-core machine that CPU is taken from parsing and uploading the frames still arriving.
 */
/**
 * Shortest time between two renders while a volume streams in, ms (one refresh a second). A profile of a 300-slice
 * series on a loaded 2-core machine found the renders during streaming taking 26 s of the main thread's 59 s busy
 * (three reformats plus the crosshairs and annotations drawn after each) at one every 300 ms: the main thread also
 * parses every frame's response and hands it to the decoder, so fewer refreshes bring the complete volume sooner.
 */
export const MIN_STREAMING_RENDER_INTERVAL_MS = 1000;
/**
 * A render may take at most this share of the time while the volume streams in: on a software GPU (SwiftShader) one
 * render of three reformats and their annotations costs tens of milliseconds, and the main thread also has to hand
 * frames to the decoder.
 */
export const MAX_STREAMING_RENDER_SHARE = 0.25;
/** How long to wait after a render that took `renderMs` before the next one while streaming, ms. */
export function streamingRenderDelayMs(renderMs) {
    return Math.max(MIN_STREAMING_RENDER_INTERVAL_MS, renderMs / MAX_STREAMING_RENDER_SHARE - renderMs);
}
let memoTotalFrames = -1;
let memoRefreshCounts = [];
/**
 * The frame counts of a volume of `totalFrames` at which a streaming refresh is due: the end of each pass of the
 * request order before the last (`loading/retrieveOrder.ts`: the middle slice, every 8th slice, the ones half-way
 * between, every 4th, the odd ones), i.e. near 1/8, 1/4 and 1/2 of the frames. Each refresh then shows the reformat
 * evenly sampled (every 8th, 4th, 2nd slice), and the complete volume is rendered apart from this. A refresh in the
 * middle of a pass shows one part of the volume sampled more finely than the rest; it cost ~0.38 s of browser CPU
 * (SwiftShader's ray cast of the view and the annotations drawn after it; README "ninth round") on a 2-core machine
 * whose CPU the arriving frames need.
 */
export function streamingRefreshCounts(totalFrames) {
    if (totalFrames !== memoTotalFrames) {
        const counts = [];
        let sum = 0;
        for (const group of retrieveGroups(totalFrames)) {
            sum += group.indices.length;
            counts.push(sum);
        }
        memoRefreshCounts = counts.slice(0, -1);
        memoTotalFrames = totalFrames;
    }
    return memoRefreshCounts;
}
/**
 * Whether a streaming refresh is due: a pass of the request order has been completed since the last render
 * (`streamingRefreshCounts`). Frames arrive almost in request order (6 requests in flight), so counting them tells
 * the pass. The complete volume is rendered apart from this.
 */
export function streamingRenderDue(counts) {
    return streamingRefreshCounts(counts.totalFrames).some((count) => count > counts.framesAtLastRender && count <= counts.framesProcessed);
}
