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
/**
 * Share of a volume's frames (0–1) that must arrive after a streaming render before the next one: at most 7 refreshes
 * between the first image and the complete volume, however long the load takes. Paced by time alone, a load slowed
 * down by a busy machine rendered more often (one N = 300 session at load 10–26: 28.6 s of GPU-process CPU, 7.4 s
 * with no refresh while streaming), which slowed it down further. With the interleaved request order
 * (model/retrieveOrder.ts: every 8th slice, then every 4th, every 2nd, all) the first refreshes show the reformat at
 * 1/8, 1/4 and 1/2 of its slices.
 */
export const STREAMING_RENDER_FRAME_SHARE = 1 / 8;

/** How long to wait after a render that took `renderMs` before the next one while streaming, ms. */
export function streamingRenderDelayMs(renderMs: number): number {
  return Math.max(MIN_STREAMING_RENDER_INTERVAL_MS, renderMs / MAX_STREAMING_RENDER_SHARE - renderMs);
}

/** The frames of a streaming volume, as counted at its last render and now. */
export interface StreamingFrameCounts {
  /** Frames of the volume that have arrived (or failed) so far. */
  readonly framesProcessed: number;
  /** Frames that had arrived when the views were last rendered. */
  readonly framesAtLastRender: number;
  /** Frames of the whole volume. */
  readonly totalFrames: number;
}

/**
 * Whether enough of a volume has arrived since the last render for a streaming refresh: at least
 * `STREAMING_RENDER_FRAME_SHARE` of its frames (at least one frame). The complete volume is rendered apart from this.
 */
export function streamingRenderDue(counts: StreamingFrameCounts): boolean {
  const neededFrames = Math.max(1, Math.ceil(counts.totalFrames * STREAMING_RENDER_FRAME_SHARE));
  return counts.framesProcessed - counts.framesAtLastRender >= neededFrames;
}
