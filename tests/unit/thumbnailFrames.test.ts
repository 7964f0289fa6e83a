import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FramePart } from '../../viewer/dicomweb/framePart';

/**
 * A thumbnail's frame kept for its series' own load (viewer/loading/thumbnailFrames.ts) and taken by the frame loader's
 * fetch (viewer/loading/dicomWebFrame.ts): opening a series whose thumbnail was drawn does not ask the server for that
 * frame again (issue 16, "no frame is requested twice").
 */
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const BOUNDARY = 'b0a7d1e5f00d';
const URL_A = 'http://pacs/studies/1/series/2/instances/3/frames/1';
const URL_B = 'http://pacs/studies/1/series/4/instances/5/frames/1';

async function freshModule(): Promise<typeof import('../../viewer/loading/thumbnailFrames')> {
  vi.resetModules();
  return import('../../viewer/loading/thumbnailFrames');
}

function part(bytes: readonly number[]): FramePart {
  return { pixelData: Uint8Array.from(bytes), transferSyntaxUID: EXPLICIT_LE };
}

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('thumbnailFrames', () => {
  it('hands the thumbnail its own frame and the series\' load a copy of the same bytes, once', async () => {
    const { keepThumbnailFrame, takeThumbnailFrame, hasThumbnailFrame } = await freshModule();
    const fetched = part([1, 2, 3, 4]);
    const forThumbnail = await keepThumbnailFrame(URL_A, Promise.resolve(fetched));
    expect(forThumbnail).toBe(fetched);
    expect(hasThumbnailFrame(URL_A)).toBe(true);

    const kept = await takeThumbnailFrame(URL_A);
    expect(kept).toEqual({ pixelData: Uint8Array.from([1, 2, 3, 4]), transferSyntaxUID: EXPLICIT_LE });
    // A copy: the thumbnail's decode may give its buffer back to a pool or write over it.
    expect(kept!.pixelData.buffer).not.toBe(fetched.pixelData.buffer);
    expect(kept!.release).toBeUndefined();
    expect(hasThumbnailFrame(URL_A)).toBe(false);
    expect(takeThumbnailFrame(URL_A)).toBeNull();
  });

  it('keeps the frame from the moment the thumbnail asks: a load starting meanwhile waits for that answer', async () => {
    const { keepThumbnailFrame, takeThumbnailFrame, hasThumbnailFrame } = await freshModule();
    const answer = deferred<FramePart>();
    void keepThumbnailFrame(URL_A, answer.promise);
    expect(hasThumbnailFrame(URL_A)).toBe(true);
    const taken = takeThumbnailFrame(URL_A);
    expect(taken).not.toBeNull();
    answer.resolve(part([9, 8]));
    expect((await taken)?.pixelData).toEqual(Uint8Array.from([9, 8]));
  });

  it('keeps nothing of a failed request: the series\' load then asks the server itself', async () => {
    const { keepThumbnailFrame, takeThumbnailFrame, hasThumbnailFrame } = await freshModule();
    const answer = deferred<FramePart>();
    const forThumbnail = keepThumbnailFrame(URL_A, answer.promise);
    const taken = takeThumbnailFrame(URL_A);
    answer.reject(new Error('the server refused the frame (404)'));
    await expect(forThumbnail).rejects.toThrow('404');
    expect(await taken).toBeNull();

    void keepThumbnailFrame(URL_B, Promise.reject(new Error('unreachable'))).catch(() => undefined);
    await vi.waitFor(() => expect(hasThumbnailFrame(URL_B)).toBe(false));
  });

  it('drops the oldest kept frames beyond 32 MiB', async () => {
    const { keepThumbnailFrame, hasThumbnailFrame } = await freshModule();
    const frameBytes = 512 * 512 * 2;
    const urls = Array.from({ length: 66 }, (_, i) => `http://pacs/studies/1/series/${i}/instances/1/frames/1`);
    for (const url of urls) await keepThumbnailFrame(url, Promise.resolve({ pixelData: new Uint8Array(frameBytes), transferSyntaxUID: EXPLICIT_LE }));
    expect(urls.filter((url) => hasThumbnailFrame(url))).toEqual(urls.slice(2));
  });
});

/** A WADO-RS frames answer of one part. */
function frameAnswer(pixels: readonly number[]): Response {
  const encoder = new TextEncoder();
  const head = encoder.encode(`--${BOUNDARY}\r\nContent-Type: application/octet-stream; transfer-syntax=${EXPLICIT_LE}\r\n\r\n`);
  const tail = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  const body = new Uint8Array(head.length + pixels.length + tail.length);
  body.set(head, 0);
  body.set(pixels, head.length);
  body.set(tail, head.length + pixels.length);
  return new Response(body, { headers: { 'Content-Type': `multipart/related; type="application/octet-stream"; boundary=${BOUNDARY}` } });
}

describe('fetchDicomWebFrame', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.doUnmock('../../viewer/loading/dicomWebSeries');
  });

  async function freshFetch(): Promise<typeof import('../../viewer/loading/dicomWebFrame')> {
    vi.resetModules();
    vi.doMock('../../viewer/loading/dicomWebSeries', () => ({ frameRequestHeaders: () => ({}) }));
    return import('../../viewer/loading/dicomWebFrame');
  }

  it('asks the server once for a frame a thumbnail fetched and the series then loads', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      requested.push(url);
      return Promise.resolve(frameAnswer([5, 6, 7, 8]));
    });
    const { fetchDicomWebFrame } = await freshFetch();
    const forThumbnail = await fetchDicomWebFrame(URL_A, { forThumbnail: true });
    const forVolume = await fetchDicomWebFrame(URL_A);
    expect([...forThumbnail.pixelData]).toEqual([5, 6, 7, 8]);
    expect([...forVolume.pixelData]).toEqual([5, 6, 7, 8]);
    expect(requested).toEqual([URL_A]);
    // Taken once: a later load (the volume released and made again) asks the server.
    await fetchDicomWebFrame(URL_A);
    expect(requested).toEqual([URL_A, URL_A]);
  });

  it('asks the server again when the thumbnail\'s request failed', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      requested.push(url);
      return Promise.resolve(requested.length === 1 ? new Response(null, { status: 503 }) : frameAnswer([1, 2]));
    });
    const { fetchDicomWebFrame } = await freshFetch();
    await expect(fetchDicomWebFrame(URL_A, { forThumbnail: true })).rejects.toThrow();
    expect([...(await fetchDicomWebFrame(URL_A)).pixelData]).toEqual([1, 2]);
    expect(requested).toEqual([URL_A, URL_A]);
  });
});
