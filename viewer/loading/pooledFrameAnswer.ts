import type { AnswerBufferPool } from '../dicomweb/answerBufferPool';
import { framePartOf, type FramePart } from '../dicomweb/framePart';
import { readStreamInto } from '../dicomweb/readStreamInto';
import { PIXEL_DATA_ALIGNMENT_BYTES, frameOfAnswer } from './frameAnswer';

/** Room beyond a stated Content-Length, so that the read reaching the end needs no larger buffer. */
const ANSWER_SLACK_BYTES = 4096;
/** The buffer asked for when the answer states no length (a 512² 16-bit frame and its headers fit). */
const UNSTATED_ANSWER_BYTES = 1 << 20;

/**
 * How many bytes the body will read as, when the answer says: its Content-Length, unless a Content-Encoding makes that
 * the length on the wire, while the body is read decoded. Orthanc gzips its answers by default: a 512² CT frame's
 * answer of 0.52 MB came as 0.27 MB, and a buffer of that size had to grow twice its size (a new buffer, a copy) for
 * each answer that found no kept buffer large enough.
 */
function bodyBytesStated(response: Response): number | null {
  const encoding = (response.headers.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') return null;
  const stated = Number(response.headers.get('Content-Length') ?? Number.NaN);
  return Number.isFinite(stated) && stated > 0 ? stated : null;
}

/**
 * The frame part of a WADO-RS frame answer, read with a BYOB reader into a buffer of `pool` instead of a new buffer per
 * answer (`arrayBuffer()`); the part carries `release` to give the buffer back once its bytes have been copied. Where
 * the body offers no BYOB reader the answer is read as before (`frameOfAnswer`). Throws with a readable message when
 * the server refused, the connection broke mid-answer or the answer cannot be read; the buffer is then dropped or
 * given back, never handed out twice.
 */
export async function frameOfPooledAnswer(response: Response, pool: AnswerBufferPool): Promise<FramePart> {
  if (!response.ok || response.body === null) return frameOfAnswer(response);
  const statedBytes = bodyBytesStated(response);
  // An answer of unknown length takes the largest kept buffer (it grows if need be), else a new one of a frame's usual
  // size (memory not written to costs nothing).
  const start = statedBytes !== null ? pool.take(statedBytes + ANSWER_SLACK_BYTES) : pool.takeLargest(UNSTATED_ANSWER_BYTES);
  let filled: Awaited<ReturnType<typeof readStreamInto>>;
  try {
    filled = await readStreamInto(response.body, start);
  } catch (error) {
    // The reads transferred `start`: it is detached now, nothing to give back.
    throw new Error(`the connection broke while receiving the frame (${error instanceof Error ? error.message : String(error)})`);
  }
  if (filled === null) {
    pool.give(start);
    return frameOfAnswer(response);
  }
  const { buffer } = filled;
  const part = framePartOf(response.headers.get('Content-Type') ?? 'application/octet-stream', new Uint8Array(buffer, 0, filled.byteLength));
  if (!part.ok) {
    pool.give(buffer);
    throw new Error(`the frame cannot be read: ${part.reason}`);
  }
  const { pixelData, transferSyntaxUID } = part.value;
  if (pixelData.byteOffset % PIXEL_DATA_ALIGNMENT_BYTES !== 0) {
    const aligned = pixelData.slice();
    pool.give(buffer);
    return { pixelData: aligned, transferSyntaxUID };
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    pool.give(buffer);
  };
  return { pixelData, transferSyntaxUID, release };
}
