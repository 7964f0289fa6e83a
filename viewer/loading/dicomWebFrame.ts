import { createAnswerBufferPool } from '../dicomweb/answerBufferPool';
import type { FramePart } from '../dicomweb/framePart';
import { frameRequestHeaders } from './dicomWebSeries';
import { FRAME_MEDIA_TYPE, peekEarlyFrame, takeEarlyFrame } from './earlyFrame';
import { readAheadFrames, takeReadAheadFrame } from './frameReadAhead';
import { frameUnreachableError } from './frameRequestError';
import { frameOfPooledAnswer } from './pooledFrameAnswer';
import { hasThumbnailFrame, keepThumbnailFrame, takeThumbnailFrame } from './thumbnailFrames';

/** The smallest answer buffer made: a new buffer is otherwise the answer's stated length and a little room. */
const MIN_ANSWER_BUFFER_BYTES = 65_536;
/** Buffers kept for reuse: the 6 retrievals in flight and the frames waiting to be copied into their slices. */
const MAX_KEPT_ANSWER_BUFFERS = 8;

const answerBuffers = createAnswerBufferPool({ defaultBytes: MIN_ANSWER_BUFFER_BYTES, maxKept: MAX_KEPT_ANSWER_BUFFERS });

/**
 * Frames are asked for with `cache: 'no-store'`: each is read once into the volume, and an answer the browser's HTTP
 * cache kept would be a second copy of the voxels (in memory for a private window, up to ~40 MB at 300 slices in the
 * network process; written to disk otherwise: patient images at rest in the profile), which WADO-RS answers without
 * validators or freshness (Orthanc's) could never serve again without a request anyway.
 *
 * Fetches one frame over WADO-RS (`url` ends in `/frames/N`) with the open study's credentials and takes its part out
 * of the answer: a view into a reusable buffer (loading/pooledFrameAnswer.ts), copied only when it does not start aligned
 * for the decoders. A frame requested early for the first image (loading/earlyFrame.ts), fetched for a thumbnail
 * (loading/thumbnailFrames.ts) or read ahead by the frame fetch worker (loading/frameReadAhead.ts) is taken from there
 * instead, once. With `forThumbnail` a copy of the frame's bytes is kept for the series' own load. Throws with a
 * readable message when the server refuses or the answer cannot be read.
 */
export async function fetchDicomWebFrame(url: string, { forThumbnail = false }: { readonly forThumbnail?: boolean } = {}): Promise<FramePart> {
  const frame = takeFrame(url);
  return forThumbnail ? keepThumbnailFrame(url, frame) : frame;
}

/**
 * The frame of `url` from the first place that holds it: the early request, a thumbnail's, the read-ahead, else the
 * server. Each place is asked at once, before any wait: a thumbnail's load keeps its frame meanwhile and must not find
 * it here.
 */
function takeFrame(url: string): Promise<FramePart> {
  const taken = takeEarlyFrame(url) ?? takeThumbnailFrame(url);
  if (taken === null) return takeReadAheadFrame(url) ?? fetchOnPage(url);
  // A failed early or thumbnail request answers null: the frame is then read ahead or asked for here.
  return taken.then((frame) => frame ?? takeReadAheadFrame(url) ?? fetchOnPage(url));
}

/**
 * Has the frame fetch worker fetch `urls` (a volume's frames, in the order its load asks for them) while the page's
 * main thread may be held; frames requested early for the first image or fetched for a thumbnail are left out (they are
 * in or on their way already).
 */
export function readAheadDicomWebFrames(urls: readonly string[]): void {
  const ahead = urls.filter((url) => peekEarlyFrame(url) === null && !hasThumbnailFrame(url));
  if (ahead.length > 0) readAheadFrames(ahead, { Accept: FRAME_MEDIA_TYPE, ...frameRequestHeaders() });
}

/** One frame fetched on the page's own thread. */
async function fetchOnPage(url: string): Promise<FramePart> {
  const response = await fetch(url, { cache: 'no-store', headers: { Accept: FRAME_MEDIA_TYPE, ...frameRequestHeaders() } }).catch(() => {
    throw frameUnreachableError(url);
  });
  return frameOfPooledAnswer(response, answerBuffers);
}
