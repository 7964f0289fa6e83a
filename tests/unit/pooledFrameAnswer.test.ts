import { describe, expect, it } from 'vitest';
import { createAnswerBufferPool } from '../../viewer/dicomweb/answerBufferPool';
import { readStreamInto } from '../../viewer/dicomweb/readStreamInto';
import { frameOfPooledAnswer } from '../../viewer/loading/pooledFrameAnswer';

const encoder = new TextEncoder();
const BOUNDARY = 'b0a7d1e5f00d';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

/** Frame bytes that hold the boundary's first characters and CR LF, as real int16 frames do. */
function framePixels(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => [0x2d, 0x2d, 0x0d, 0x0a, 0x62, i % 251][i % 6] ?? 0);
}

/**
 * A WADO-RS frames answer: one part with a transfer-syntax header, the frame's bytes starting at a multiple of 8 when
 * `aligned` (padding in an extra header), else one byte off.
 */
function multipartAnswer(pixels: Uint8Array, aligned = true): Uint8Array {
  const headOf = (padding: string) => encoder.encode(`--${BOUNDARY}\r\nContent-Type: application/octet-stream; transfer-syntax=${EXPLICIT_LE}\r\nX-Pad: ${padding}\r\n\r\n`);
  let padding = 'x';
  while (headOf(padding).length % 8 !== (aligned ? 0 : 1)) padding += 'x';
  const head = headOf(padding);
  const tail = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  const answer = new Uint8Array(head.length + pixels.length + tail.length);
  answer.set(head, 0);
  answer.set(pixels, head.length);
  answer.set(tail, head.length + pixels.length);
  return answer;
}

/** A byte stream delivering `bytes` in the given chunks (lengths summing to bytes.length), then, if asked, an error. */
function byteStream(bytes: Uint8Array, chunkLengths: readonly number[], failAfter?: Error): ReadableStream<Uint8Array> {
  const chunks: Array<Uint8Array<ArrayBuffer>> = [];
  let at = 0;
  for (const length of chunkLengths) {
    chunks.push(new Uint8Array(bytes.subarray(at, at + length)));
    at += length;
  }
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk !== undefined) controller.enqueue(chunk);
      else if (failAfter !== undefined) controller.error(failAfter);
      else {
        controller.close();
        // A byte stream's pending BYOB read ends only when its request is answered with 0 bytes.
        controller.byobRequest?.respond(0);
      }
    },
  });
}

function answerResponse(body: ReadableStream<Uint8Array>, init: { status?: number; contentLength?: number; contentEncoding?: string } = {}): Response {
  const headers = new Headers({ 'Content-Type': `multipart/related; type="application/octet-stream"; boundary=${BOUNDARY}` });
  if (init.contentLength !== undefined) headers.set('Content-Length', String(init.contentLength));
  if (init.contentEncoding !== undefined) headers.set('Content-Encoding', init.contentEncoding);
  return new Response(body, { status: init.status ?? 200, headers });
}

const chunkLengthsOf = (total: number, size: number): number[] => Array.from({ length: Math.ceil(total / size) }, (_, i) => Math.min(size, total - i * size));

describe('readStreamInto', () => {
  const bytes = framePixels(1000);

  it.each([
    ['in one chunk', [1000]],
    ['in chunks of one byte', chunkLengthsOf(1000, 1)],
    ['in chunks of 7 bytes', chunkLengthsOf(1000, 7)],
    ['in chunks larger than the buffer it starts with', chunkLengthsOf(1000, 300)],
  ])('reads a body delivered %s, byte for byte', async (_name, lengths) => {
    const filled = await readStreamInto(byteStream(bytes, lengths), new ArrayBuffer(256));
    expect(filled).not.toBeNull();
    expect(new Uint8Array(filled!.buffer, 0, filled!.byteLength)).toEqual(bytes);
  });

  it('fills the buffer it is given in place when the body fits', async () => {
    const filled = await readStreamInto(byteStream(bytes, chunkLengthsOf(1000, 64)), new ArrayBuffer(2048));
    expect(filled!.buffer.byteLength).toBe(2048);
    expect(filled!.byteLength).toBe(1000);
  });

  it('answers null and leaves the stream readable when it is not a byte stream', async () => {
    const stream = new ReadableStream<Uint8Array>({ start: (controller) => { controller.enqueue(bytes); controller.close(); } });
    expect(await readStreamInto(stream, new ArrayBuffer(16))).toBeNull();
    const { value } = await stream.getReader().read();
    expect(value).toEqual(bytes);
  });

  it('rejects with the stream\'s own error when the body breaks midway', async () => {
    await expect(readStreamInto(byteStream(bytes, [400], new Error('socket hang up')), new ArrayBuffer(2048))).rejects.toThrow('socket hang up');
  });
});

describe('frameOfPooledAnswer', () => {
  const pixels = framePixels(512);
  const answer = multipartAnswer(pixels);

  it('takes the frame and its transfer syntax out of an answer split in two at every byte boundary', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    for (let split = 0; split <= answer.length; split++) {
      const lengths = split === 0 || split === answer.length ? [answer.length] : [split, answer.length - split];
      const frame = await frameOfPooledAnswer(answerResponse(byteStream(answer, lengths)), pool);
      expect(frame.transferSyntaxUID, `split at byte ${split}`).toBe(EXPLICIT_LE);
      expect(frame.pixelData, `split at byte ${split}`).toEqual(pixels);
      frame.release?.();
    }
  });

  it('takes the frame out of an answer delivered one byte at a time, into a buffer that grows', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 16, maxKept: 2 });
    const frame = await frameOfPooledAnswer(answerResponse(byteStream(answer, chunkLengthsOf(answer.length, 1))), pool);
    expect(frame.pixelData).toEqual(pixels);
  });

  it('reads the next answer into the buffer the previous frame gave back', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    const first = await frameOfPooledAnswer(answerResponse(byteStream(answer, [answer.length]), { contentLength: answer.length }), pool);
    // The stated length and 4 KiB of room; a new buffer for an answer stating no length would be 1 MiB.
    const firstBufferBytes = first.pixelData.buffer.byteLength;
    expect(firstBufferBytes).toBe(answer.length + 4096);
    expect(first.release).toBeDefined();
    first.release?.();
    first.release?.();
    expect(pool.keptCount).toBe(1);
    const other = framePixels(500).reverse();
    const second = await frameOfPooledAnswer(answerResponse(byteStream(multipartAnswer(other), [100, 900])), pool);
    // A BYOB read hands the same memory back as a new ArrayBuffer object: the size tells the buffer apart.
    expect(second.pixelData.buffer.byteLength).toBe(firstBufferBytes);
    expect(second.pixelData).toEqual(other);
    expect(pool.keptCount).toBe(0);
  });

  it('does not size the buffer by the length on the wire of a gzip-encoded answer (the body is read decoded)', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    // Orthanc's gzip: 0.27 MB on the wire for a 0.52 MB answer. Before, the buffer was sized 0.27 MB and grew to 0.55 MB.
    const big = multipartAnswer(framePixels(520_000));
    const wireBytes = Math.round(big.length * 0.52);
    const frame = await frameOfPooledAnswer(answerResponse(byteStream(big, chunkLengthsOf(big.length, 65_536)), { contentLength: wireBytes, contentEncoding: 'gzip' }), pool);
    expect(frame.pixelData.length).toBe(520_000);
    expect(frame.pixelData.buffer.byteLength).toBe(1 << 20);
    frame.release?.();
    // The next answer of unknown length takes the largest buffer kept, not the first.
    pool.give(new ArrayBuffer(1000));
    const next = await frameOfPooledAnswer(answerResponse(byteStream(big, [big.length]), { contentLength: wireBytes, contentEncoding: 'gzip' }), pool);
    expect(next.pixelData.buffer.byteLength).toBe(1 << 20);
    expect(pool.keptCount).toBe(1);
    // An identity encoding states the body's own length.
    next.release?.();
    const identity = await frameOfPooledAnswer(answerResponse(byteStream(answer, [answer.length]), { contentLength: answer.length, contentEncoding: 'identity' }), createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 }));
    expect(identity.pixelData.buffer.byteLength).toBe(answer.length + 4096);
  });

  it('copies a frame that does not start on a multiple of 8 bytes and gives the buffer back at once', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    const frame = await frameOfPooledAnswer(answerResponse(byteStream(multipartAnswer(pixels, false), [answer.length + 1])), pool);
    expect(frame.pixelData).toEqual(pixels);
    expect(frame.pixelData.byteOffset % 8).toBe(0);
    expect(frame.release).toBeUndefined();
    expect(pool.keptCount).toBe(1);
  });

  it('says the connection broke when the answer stops midway, and hands out no buffer', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    const response = answerResponse(byteStream(answer, [200], new TypeError('network error')));
    await expect(frameOfPooledAnswer(response, pool)).rejects.toThrow('the connection broke while receiving the frame (network error)');
    expect(pool.keptCount).toBe(0);
  });

  it('says the frame cannot be read when the answer has no closing boundary, and keeps the buffer', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    const cut = answer.slice(0, answer.length - 20);
    await expect(frameOfPooledAnswer(answerResponse(byteStream(cut, [cut.length])), pool)).rejects.toThrow(/^the frame cannot be read: .*closing boundary/);
    expect(pool.keptCount).toBe(1);
  });

  it('says which HTTP status the server refused the frame with', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    await expect(frameOfPooledAnswer(answerResponse(byteStream(new Uint8Array(0), []), { status: 404 }), pool)).rejects.toThrow('HTTP 404');
  });

  it('reads a body without a BYOB reader whole, as before, with nothing to give back', async () => {
    const pool = createAnswerBufferPool({ defaultBytes: 64, maxKept: 2 });
    const plain = new ReadableStream<Uint8Array>({ start: (controller) => { controller.enqueue(answer.slice(0, 100)); controller.enqueue(answer.slice(100)); controller.close(); } });
    const frame = await frameOfPooledAnswer(answerResponse(plain), pool);
    expect(frame.pixelData).toEqual(pixels);
    expect(frame.release).toBeUndefined();
    expect(pool.keptCount).toBe(1);
  });
});

describe('createAnswerBufferPool', () => {
  it('keeps at most maxKept buffers, never the same one twice, and no detached one', () => {
    const pool = createAnswerBufferPool({ defaultBytes: 8, maxKept: 2 });
    const a = pool.take(8);
    const b = pool.take(8);
    const c = pool.take(8);
    const detached = new ArrayBuffer(8);
    structuredClone(detached, { transfer: [detached] });
    pool.give(detached);
    pool.give(a);
    pool.give(a);
    pool.give(b);
    pool.give(c);
    expect(pool.keptCount).toBe(2);
    expect([pool.take(8), pool.take(8)]).toEqual(expect.arrayContaining([a, b]));
  });

  it('gives the largest kept buffer for an answer of unknown length, else a new one of the size asked', () => {
    const pool = createAnswerBufferPool({ defaultBytes: 8, maxKept: 3 });
    expect(pool.takeLargest(100).byteLength).toBe(100);
    const [small, large, middle] = [new ArrayBuffer(10), new ArrayBuffer(300), new ArrayBuffer(200)];
    for (const buffer of [small, large, middle]) pool.give(buffer);
    expect(pool.takeLargest(100)).toBe(large);
    expect(pool.takeLargest(100)).toBe(middle);
    expect(pool.keptCount).toBe(1);
  });

  it('makes a new buffer when none kept is large enough', () => {
    const pool = createAnswerBufferPool({ defaultBytes: 8, maxKept: 2 });
    pool.give(new ArrayBuffer(8));
    expect(pool.take(100).byteLength).toBe(100);
    expect(pool.keptCount).toBe(1);
  });
});
