import type { FramePart } from '../dicomweb/framePart';
import { frameRequestHeaders } from './dicomWebSeries';
import { FRAME_MEDIA_TYPE, frameOfAnswer, takeEarlyFrame } from './earlyFrame';

/**
 * Fetches one frame over WADO-RS (`url` ends in `/frames/N`) with the open study's credentials and takes its part out
 * of the answer: a view into the answer, copied only when it does not start aligned for the decoders. A frame
 * requested early for the first image (loading/earlyFrame.ts) is taken from there instead, once. Throws with a
 * readable message when the server refuses or the answer cannot be read.
 */
export async function fetchDicomWebFrame(url: string): Promise<FramePart> {
  const early = await takeEarlyFrame(url);
  if (early) return early;
  return frameOfAnswer(await fetch(url, { headers: { Accept: FRAME_MEDIA_TYPE, ...frameRequestHeaders() } }));
}
