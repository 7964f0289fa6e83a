import { createAnswerBufferPool } from '../dicomweb/answerBufferPool';
import { frameRequestHeaders } from './dicomWebSeries';
import { FRAME_MEDIA_TYPE, peekEarlyFrame, takeEarlyFrame } from './earlyFrame';
import { readAheadFrames, takeReadAheadFrame } from './frameReadAhead';
import { frameUnreachableError } from './frameRequestError';
import { frameOfPooledAnswer } from './pooledFrameAnswer';
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
 * for the decoders. A frame requested early for the first image (loading/earlyFrame.ts) or read ahead by the frame
 * fetch worker (loading/frameReadAhead.ts) is taken from there instead, once. Throws with a readable message when the
 * server refuses or the answer cannot be read.
 */
export async function fetchDicomWebFrame(url) {
    const early = await takeEarlyFrame(url);
    if (early)
        return early;
    return takeReadAheadFrame(url) ?? fetchOnPage(url);
}
/**
 * Has the frame fetch worker fetch `urls` (a volume's frames, in the order its load asks for them) while the page's
 * main thread may be held; frames requested early for the first image are left out (they are in already).
 */
export function readAheadDicomWebFrames(urls) {
    const ahead = urls.filter((url) => peekEarlyFrame(url) === null);
    if (ahead.length > 0)
        readAheadFrames(ahead, { Accept: FRAME_MEDIA_TYPE, ...frameRequestHeaders() });
}
/** One frame fetched on the page's own thread. */
async function fetchOnPage(url) {
    const response = await fetch(url, { cache: 'no-store', headers: { Accept: FRAME_MEDIA_TYPE, ...frameRequestHeaders() } }).catch(() => {
        throw frameUnreachableError(url);
    });
    return frameOfPooledAnswer(response, answerBuffers);
}
