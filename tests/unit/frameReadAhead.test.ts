import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameFetchRequest, FrameFetchResponse } from '../../viewer/workers/frameFetchMessages';

/**
 * The page's side of the frame fetch worker (viewer/loading/frameReadAhead.ts), driven against a stand-in worker that
 * records what the page sends and answers when told: each frame is taken once, a frame the loader waits for is asked
 * for before the ones only read ahead, a refusal reaches the loader as the same error, buffers go back to the worker,
 * and a worker that fails leaves the frames the loader waits for to the page's own fetch.
 */
class StandInWorker {
  static last: StandInWorker | null = null;
  readonly sent: FrameFetchRequest[] = [];
  readonly transferred: Transferable[][] = [];
  onmessage: ((event: MessageEvent<FrameFetchResponse>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  terminated = false;
  constructor() {
    StandInWorker.last = this;
  }
  postMessage(message: FrameFetchRequest, transfer: Transferable[] = []): void {
    this.sent.push(message);
    this.transferred.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: FrameFetchResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<FrameFetchResponse>);
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
}

const HEADERS = { Accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' };
const URLS = ['http://pacs/frames/a', 'http://pacs/frames/b', 'http://pacs/frames/c'];

function frameMessage(url: string, bytes: number[], pooled = true): FrameFetchResponse {
  const buffer = new ArrayBuffer(16);
  new Uint8Array(buffer, 4, bytes.length).set(bytes);
  return { type: 'frame', url, buffer, byteOffset: 4, byteLength: bytes.length, transferSyntaxUID: '1.2.840.10008.1.2.1', pooled };
}

async function freshModule(): Promise<typeof import('../../viewer/loading/frameReadAhead')> {
  vi.resetModules();
  return import('../../viewer/loading/frameReadAhead');
}

describe('frames read ahead by the frame fetch worker', () => {
  beforeEach(() => {
    vi.stubGlobal('Worker', StandInWorker);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    StandInWorker.last = null;
  });

  it('hands the worker the URLs once, with their headers, and gives the loader each frame once', async () => {
    const { readAheadFrames, takeReadAheadFrame } = await freshModule();
    readAheadFrames(URLS, HEADERS);
    readAheadFrames([URLS[0] ?? '', 'http://pacs/frames/d'], HEADERS);
    const worker = StandInWorker.last!;
    expect(worker.sent).toEqual([
      { type: 'ahead', urls: URLS, headers: HEADERS },
      { type: 'ahead', urls: ['http://pacs/frames/d'], headers: HEADERS },
    ]);
    worker.answer(frameMessage('http://pacs/frames/a', [1, 2, 3]));
    const part = await takeReadAheadFrame('http://pacs/frames/a');
    expect([...(part?.pixelData ?? [])]).toEqual([1, 2, 3]);
    expect(part?.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    expect(worker.sent.at(-1)).toEqual({ type: 'taken', url: 'http://pacs/frames/a' });
    expect(takeReadAheadFrame('http://pacs/frames/a')).toBeNull();
    expect(takeReadAheadFrame('http://pacs/frames/never')).toBeNull();
  });

  it('asks the worker for a frame the loader waits for, and tells it when the frame is in', async () => {
    const { readAheadFrames, takeReadAheadFrame } = await freshModule();
    readAheadFrames(URLS, HEADERS);
    const worker = StandInWorker.last!;
    const waiting = takeReadAheadFrame('http://pacs/frames/c');
    expect(worker.sent.at(-1)).toEqual({ type: 'ask', url: 'http://pacs/frames/c' });
    worker.answer(frameMessage('http://pacs/frames/c', [9]));
    expect([...((await waiting)?.pixelData ?? [])]).toEqual([9]);
    expect(worker.sent.at(-1)).toEqual({ type: 'taken', url: 'http://pacs/frames/c' });
  });

  it('gives a pooled answer\'s buffer back to the worker once, transferred', async () => {
    const { readAheadFrames, takeReadAheadFrame } = await freshModule();
    readAheadFrames(URLS, HEADERS);
    const worker = StandInWorker.last!;
    worker.answer(frameMessage('http://pacs/frames/b', [5, 6]));
    const part = await takeReadAheadFrame('http://pacs/frames/b');
    const buffer = part?.pixelData.buffer;
    part?.release?.();
    part?.release?.();
    const gives = worker.sent.filter((m) => m.type === 'give');
    expect(gives).toHaveLength(1);
    expect(worker.transferred.at(-1)).toEqual([buffer]);
  });

  it('hands the loader an answer copied out of the pool without a release', async () => {
    const { readAheadFrames, takeReadAheadFrame } = await freshModule();
    readAheadFrames(URLS, HEADERS);
    StandInWorker.last!.answer(frameMessage('http://pacs/frames/b', [5, 6], false));
    expect((await takeReadAheadFrame('http://pacs/frames/b'))?.release).toBeUndefined();
  });

  it('rejects with the request error the worker reported, and does not ask the server again', async () => {
    const { readAheadFrames, takeReadAheadFrame } = await freshModule();
    const { FrameRequestError } = await import('../../viewer/loading/frameRequestError');
    readAheadFrames(URLS, HEADERS);
    const worker = StandInWorker.last!;
    worker.answer({ type: 'failed', url: 'http://pacs/frames/a', message: 'The PACS did not accept the credentials (HTTP 401)', requestError: true });
    worker.answer({ type: 'failed', url: 'http://pacs/frames/b', message: 'the frame cannot be read: no boundary', requestError: false });
    const refused = await takeReadAheadFrame('http://pacs/frames/a')?.catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FrameRequestError);
    expect((refused as Error).message).toBe('The PACS did not accept the credentials (HTTP 401)');
    const unreadable = await takeReadAheadFrame('http://pacs/frames/b')?.catch((error: unknown) => error);
    expect(unreadable).toBeInstanceOf(Error);
    expect(unreadable).not.toBeInstanceOf(FrameRequestError);
    expect(takeReadAheadFrame('http://pacs/frames/a')).toBeNull();
  });

  it('fetches on the page the frames the loader waits for when the worker fails, and leaves the others to the loader', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(new Uint8Array([7, 7, 7, 7]), { headers: { 'Content-Type': 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1' } });
    });
    const { readAheadFrames, takeReadAheadFrame } = await freshModule();
    readAheadFrames(URLS, HEADERS);
    const worker = StandInWorker.last!;
    const waiting = takeReadAheadFrame('http://pacs/frames/a');
    worker.fail();
    expect(worker.terminated).toBe(true);
    expect([...((await waiting)?.pixelData ?? [])]).toEqual([7, 7, 7, 7]);
    expect(fetched).toEqual(['http://pacs/frames/a']);
    // Not waited for: dropped, so the loader fetches it itself; nothing more is handed to a failed worker.
    expect(takeReadAheadFrame('http://pacs/frames/b')).toBeNull();
    readAheadFrames(['http://pacs/frames/e'], HEADERS);
    expect(takeReadAheadFrame('http://pacs/frames/e')).toBeNull();
  });

  it('marks frames-arrived once the last frame handed over has answered, a refusal counting as an answer', async () => {
    performance.clearMarks();
    const { readAheadFrames } = await freshModule();
    const arrivedMarks = () => performance.getEntriesByName('vhv:frames-arrived', 'mark').length;
    readAheadFrames(URLS.slice(0, 2), HEADERS);
    const worker = StandInWorker.last!;
    worker.answer(frameMessage('http://pacs/frames/a', [1]));
    worker.answer(frameMessage('http://pacs/frames/a', [1]));
    readAheadFrames([URLS[2]!], HEADERS);
    worker.answer({ type: 'failed', url: 'http://pacs/frames/c', message: 'HTTP 404', requestError: true });
    expect(arrivedMarks()).toBe(0);
    worker.answer(frameMessage('http://pacs/frames/b', [2]));
    expect(arrivedMarks()).toBe(1);
  });
});
