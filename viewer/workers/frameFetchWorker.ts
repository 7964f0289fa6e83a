import { createAnswerBufferPool } from '../dicomweb/answerBufferPool';
import { framePartsOf } from '../dicomweb/framePart';
import { frameUnreachableError, FrameRequestError } from '../loading/frameRequestError';
import { frameOfPooledAnswer } from '../loading/pooledFrameAnswer';
import type { FrameFetchRequest, FrameFetchResponse } from './frameFetchMessages';

/**
 * The frame fetch worker: keeps a volume's WADO-RS frame requests going while the page's main thread is held. The
 * page's own requests start only when its main thread runs, and creating the rendering engine's WebGL context holds
 * it for a second or more on a software GPU (waiting for the GPU process), so a volume's load used to stop there with
 * six frames in flight. Here the frames of a volume are fetched in the page's request order, at most
 * `MAX_REQUESTS_IN_FLIGHT` at a time, and each answer's frame part is handed to the page as soon as it is in; the
 * frames the page waits for go first. Frames read ahead and not yet taken by the page are bounded
 * (`MAX_FRAMES_AHEAD`, `MAX_BYTES_AHEAD`): the worker waits when the page falls behind.
 */

/** Chromium's connections per host over HTTP/1.1: more requests would only queue in the browser. */
const MAX_REQUESTS_IN_FLIGHT = 6;
/** Frames handed to the page and not yet taken, at most (≈ 2 s of frames at the I/O floor's pace on loopback). */
const MAX_FRAMES_AHEAD = 64;
/** Their bytes, at most: 64 uncompressed 512² 16-bit frames. */
const MAX_BYTES_AHEAD = 64 * 512 * 512 * 2;
/** Answer buffers kept for reuse: the requests in flight and a few given back early. */
const MAX_KEPT_ANSWER_BUFFERS = 8;
const MIN_ANSWER_BUFFER_BYTES = 65_536;
/**
 * Frames of one multi-frame instance asked for in one request (`…/frames/3,4,5`, PS3.18 §8.7.3.1), at most. Orthanc
 * 1.10 reads the whole object for each request it answers: on a 2-core VM 2.1–2.3 s for one frame of a 119 MB
 * Enhanced CT (227 frames of 512²), 2.1–2.6 s for eight. A quarter of the read-ahead window (MAX_FRAMES_AHEAD), so
 * that several requests still overlap. Frames of single-frame instances are asked for one by one, as before.
 */
const MAX_FRAMES_PER_REQUEST = 16;
/** A frame URL: the instance's frames path and the frame number. */
const FRAME_URL = /^(.*\/frames\/)(\d+)$/;

/** What this worker uses of its global scope (typed here so that the page's and node's type checks read it too). */
interface FetchWorkerScope {
  postMessage(message: FrameFetchResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<FrameFetchRequest>) => void) | null;
}

const scope = self as unknown as FetchWorkerScope;
const answerBuffers = createAnswerBufferPool({ defaultBytes: MIN_ANSWER_BUFFER_BYTES, maxKept: MAX_KEPT_ANSWER_BUFFERS });

/** Frames to fetch ahead, in order, and the ones the page waits for (fetched first). */
const aheadQueue: string[] = [];
const askedQueue: string[] = [];
const inFlight = new Set<string>();
/** Requests on their way (a request may carry several frames of one instance). */
let requestsInFlight = 0;
/** Instances' frames paths whose server refused or misanswered a list of frames: asked for one frame at a time. */
const noFrameLists = new Set<string>();
/** Frames handed over and not yet taken: their byte counts. */
const handedOver = new Map<string, number>();
let bytesHandedOver = 0;
let headers: Readonly<Record<string, string>> = {};

function post(message: FrameFetchResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Whether the frames handed over and not yet taken, with those on their way, fill the read-ahead window. */
function windowFull(): boolean {
  return handedOver.size + inFlight.size >= MAX_FRAMES_AHEAD || bytesHandedOver >= MAX_BYTES_AHEAD;
}

/** Starts requests while there is room: asked frames first, then read-ahead frames while the window allows. */
function pump(): void {
  while (requestsInFlight < MAX_REQUESTS_IN_FLIGHT) {
    const asked = askedQueue.shift();
    if (asked !== undefined) {
      void fetchFrame(asked);
      continue;
    }
    const url = windowFull() ? undefined : aheadQueue.shift();
    if (url === undefined) return;
    const batch = [url, ...framesAlongside(url)];
    void (batch.length > 1 ? fetchFrames(batch) : fetchFrame(url));
  }
}

/**
 * The read-ahead frames that follow `url` in the queue and belong to the same instance (up to MAX_FRAMES_PER_REQUEST
 * with it), taken off the queue; none for a single-frame instance, whose next frame is another instance's.
 */
function framesAlongside(url: string): string[] {
  const path = FRAME_URL.exec(url)?.[1];
  if (path === undefined || noFrameLists.has(path)) return [];
  const taken: string[] = [];
  while (taken.length + 1 < MAX_FRAMES_PER_REQUEST && aheadQueue[0] !== undefined && FRAME_URL.exec(aheadQueue[0])?.[1] === path) {
    taken.push(aheadQueue.shift()!);
  }
  return taken;
}

/** Hands one frame's bytes to the page (the buffer transferred, not copied). */
function handOver(url: string, pixelData: Uint8Array, transferSyntaxUID: string, pooled: boolean): void {
  handedOver.set(url, pixelData.byteLength);
  bytesHandedOver += pixelData.byteLength;
  post({
    type: 'frame',
    url,
    buffer: pixelData.buffer as ArrayBuffer,
    byteOffset: pixelData.byteOffset,
    byteLength: pixelData.byteLength,
    transferSyntaxUID,
    pooled,
  }, [pixelData.buffer as ArrayBuffer]);
}

/**
 * Several frames of one instance in one request: each part of the answer is copied into a buffer of its own (a buffer
 * is transferred to the page whole). A server that refuses the list, or answers with another number of parts, has
 * those frames asked for one by one, first in line, and that instance's frames from then on.
 */
async function fetchFrames(urls: readonly string[]): Promise<void> {
  const path = FRAME_URL.exec(urls[0]!)![1]!;
  const listUrl = path + urls.map((url) => FRAME_URL.exec(url)![2]).join(',');
  for (const url of urls) inFlight.add(url);
  requestsInFlight += 1;
  try {
    const response = await fetch(listUrl, { cache: 'no-store', headers }).catch(() => null);
    const parts = response?.ok ? framePartsOf(response.headers.get('Content-Type') ?? 'application/octet-stream', new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)))) : null;
    if (!parts?.ok || parts.value.length !== urls.length) {
      noFrameLists.add(path);
      // First in line and past the window, as frames the page asks for: the page may have asked for one of them while
      // the list was on its way (then it was not queued again), and must not wait on the window for it.
      askedQueue.unshift(...urls);
      return;
    }
    parts.value.forEach(({ pixelData, transferSyntaxUID }, i) => handOver(urls[i]!, pixelData.slice(), transferSyntaxUID, false));
  } finally {
    for (const url of urls) inFlight.delete(url);
    requestsInFlight -= 1;
    pump();
  }
}

async function fetchFrame(url: string): Promise<void> {
  inFlight.add(url);
  requestsInFlight += 1;
  try {
    const response = await fetch(url, { cache: 'no-store', headers }).catch(() => {
      throw frameUnreachableError(url);
    });
    const part = await frameOfPooledAnswer(response, answerBuffers);
    // The answer's buffer, not a copy: the part is a view into it.
    handOver(url, part.pixelData, part.transferSyntaxUID, part.release !== undefined);
  } catch (error) {
    post({ type: 'failed', url, message: error instanceof Error ? error.message : String(error), requestError: error instanceof FrameRequestError });
  } finally {
    inFlight.delete(url);
    requestsInFlight -= 1;
    pump();
  }
}

function taken(url: string): void {
  const bytes = handedOver.get(url);
  if (bytes === undefined) return;
  handedOver.delete(url);
  bytesHandedOver -= bytes;
  pump();
}

/** Whether `url` is queued, being fetched or handed over and not yet taken: then it is not fetched again. */
function pending(url: string): boolean {
  return inFlight.has(url) || handedOver.has(url) || askedQueue.includes(url) || aheadQueue.includes(url);
}

/**
 * The page waits for `url`: it goes before the frames only read ahead. A frame the page took before and asks for again
 * (another volume of the same series) is fetched again.
 */
function asked(url: string): void {
  const index = aheadQueue.indexOf(url);
  if (index >= 0) aheadQueue.splice(index, 1);
  else if (pending(url)) return;
  askedQueue.push(url);
  pump();
}

scope.onmessage = (event: MessageEvent<FrameFetchRequest>) => {
  const message = event.data;
  if (message.type === 'ahead') {
    headers = message.headers;
    const queued = new Set([...aheadQueue, ...askedQueue, ...inFlight, ...handedOver.keys()]);
    for (const url of message.urls) {
      if (queued.has(url)) continue;
      queued.add(url);
      aheadQueue.push(url);
    }
    pump();
  } else if (message.type === 'ask') asked(message.url);
  else if (message.type === 'taken') taken(message.url);
  else answerBuffers.give(message.buffer);
};
