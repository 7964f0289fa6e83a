import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameFetchRequest, FrameFetchResponse } from '../../viewer/workers/frameFetchMessages';
import { settle } from '../helpers/settle';

/**
 * The frame fetch worker (viewer/workers/frameFetchWorker.ts) run in node with a stand-in worker scope and a server
 * whose answers the test releases one by one: how many requests it keeps in flight, in which order, how far it reads
 * ahead of the page, and that a frame taken and asked for again is fetched again.
 */
interface HeldRequest {
  readonly url: string;
  readonly answer: () => void;
}

const FRAME_BYTES = 8;
let held: HeldRequest[];
let posted: FrameFetchResponse[];
let scope: { postMessage: (message: FrameFetchResponse) => void; onmessage: ((event: { data: FrameFetchRequest }) => void) | null };

function send(message: FrameFetchRequest): void {
  scope.onmessage?.({ data: message });
}

async function answerFirst(count: number): Promise<void> {
  for (const request of held.splice(0, count)) request.answer();
  await settle();
}

/** The frame URL of single-frame instance `n` (each instance its own path, as a CT series' slices are). */
const frame = (n: number): string => `http://pacs/instances/${n}/frames/1`;
const urls = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => frame(from + i));
/** The frames of one multi-frame instance. */
const framesOf = (count: number): string[] => Array.from({ length: count }, (_, i) => `http://pacs/instances/mf/frames/${i + 1}`);

describe('the frame fetch worker', () => {
  beforeEach(async () => {
    held = [];
    posted = [];
    scope = { postMessage: (message) => posted.push(message), onmessage: null };
    vi.stubGlobal('self', scope);
    vi.stubGlobal('fetch', (url: string) => new Promise<Response>((resolve) => {
      held.push({ url, answer: () => resolve(new Response(new Uint8Array(FRAME_BYTES), { headers: { 'Content-Type': 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1' } })) });
    }));
    vi.resetModules();
    await import('../../viewer/workers/frameFetchWorker');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps 6 requests in flight, in the order it was given', async () => {
    send({ type: 'ahead', urls: urls(10), headers: {} });
    expect(held.map((r) => r.url)).toEqual(urls(6));
    await answerFirst(2);
    expect(held.map((r) => r.url)).toEqual(urls(6, 2));
    expect(posted.map((m) => m.url)).toEqual(urls(2));
    expect(posted.every((m) => m.type === 'frame')).toBe(true);
  });

  it('fetches a frame the page waits for before those only read ahead', async () => {
    send({ type: 'ahead', urls: urls(20), headers: {} });
    send({ type: 'ask', url: frame(15) });
    await answerFirst(1);
    expect(held.at(-1)?.url).toBe(frame(15));
  });

  it('stops reading ahead with 64 frames handed over and not taken, and goes on as the page takes them', async () => {
    send({ type: 'ahead', urls: urls(80), headers: {} });
    for (let round = 0; round < 12; round++) await answerFirst(held.length);
    expect(posted).toHaveLength(64);
    expect(held).toHaveLength(0);
    // A frame the page waits for is fetched all the same.
    send({ type: 'ask', url: frame(70) });
    expect(held.map((r) => r.url)).toEqual([frame(70)]);
    // Two taken: room for two, one of them held by the frame on its way for the page.
    send({ type: 'taken', url: frame(0) });
    send({ type: 'taken', url: frame(1) });
    expect(held.map((r) => r.url)).toEqual([frame(70), frame(64)]);
  });

  it('fetches each frame once while it is pending, and again when a frame taken is asked for again', async () => {
    send({ type: 'ahead', urls: urls(2), headers: {} });
    send({ type: 'ahead', urls: urls(2), headers: {} });
    send({ type: 'ask', url: frame(0) });
    expect(held.map((r) => r.url)).toEqual(urls(2));
    await answerFirst(2);
    send({ type: 'taken', url: frame(0) });
    send({ type: 'ask', url: frame(0) });
    send({ type: 'ahead', urls: urls(2), headers: {} });
    // Frame 0 was taken: asked again, it is fetched again; frame 1 is still handed over and waits for the page.
    expect(held.map((r) => r.url)).toEqual([frame(0)]);
  });

  it('asks for the read-ahead frames of one multi-frame instance in lists of up to 16, and hands each frame over', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      const count = url.slice(url.lastIndexOf('/') + 1).split(',').length;
      const part = '--b\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n12345678\r\n';
      return new Response(`${part.repeat(count)}--b--\r\n`, { headers: { 'Content-Type': 'multipart/related; type="application/octet-stream"; boundary=b' } });
    });
    send({ type: 'ahead', urls: framesOf(20), headers: {} });
    await settle();
    expect(requested).toEqual([
      `http://pacs/instances/mf/frames/${Array.from({ length: 16 }, (_, i) => i + 1).join(',')}`,
      'http://pacs/instances/mf/frames/17,18,19,20',
    ]);
    expect(posted.map((m) => m.url)).toEqual(framesOf(20));
    expect(posted.every((m) => m.type === 'frame' && m.byteLength === FRAME_BYTES && !m.pooled)).toBe(true);
  });

  it('asks for each frame of the instance alone once the server refuses a list', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      if (url.includes(',')) return new Response('', { status: 400 });
      return new Response(new Uint8Array(FRAME_BYTES), { headers: { 'Content-Type': 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1' } });
    });
    send({ type: 'ahead', urls: framesOf(3), headers: {} });
    await settle();
    send({ type: 'ahead', urls: [...framesOf(5)].slice(3), headers: {} });
    await settle();
    expect(requested).toEqual(['http://pacs/instances/mf/frames/1,2,3', ...framesOf(5)]);
    expect(posted.map((m) => m.url).sort()).toEqual(framesOf(5).sort());
  });

  it('reports a refused frame as a request error, with the PACS errors\' words', async () => {
    vi.stubGlobal('fetch', async () => new Response('no', { status: 401 }));
    send({ type: 'ahead', urls: urls(1), headers: {} });
    await settle();
    expect(posted).toEqual([{ type: 'failed', url: frame(0), message: expect.stringMatching(/credentials \(HTTP 401\)/) as unknown as string, requestError: true }]);
  });
});
