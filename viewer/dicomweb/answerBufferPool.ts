/**
 * Reusable ArrayBuffers for frame answers. Reading each WADO-RS answer with `arrayBuffer()` leaves one 0.5 MB buffer of
 * garbage per 512² CT frame until the next major garbage collection: on a blank page fetching 300 such frames that
 * was ~85 MB of the renderer's peak memory (README, "Loading path (issue 16, sixth round)"). Answers read into buffers
 * taken from here and given back once the frame has been copied into its slice keep the renderer's memory at a few
 * buffers per request in flight.
 */
export interface AnswerBufferPool {
  /** A buffer of at least `minBytes` bytes: a kept one when one is large enough, else a new one. */
  take(minBytes: number): ArrayBuffer;
  /**
   * For an answer whose length is not known before it is read: the largest kept buffer (a frame of a series is most
   * likely as large as the largest before it), else a new one of `newBytes` bytes.
   */
  takeLargest(newBytes: number): ArrayBuffer;
  /**
   * Gives a buffer back for reuse. The caller must not read or write it afterwards. A detached buffer (transferred to a
   * worker) and buffers beyond the pool's size are dropped; a buffer already kept is not kept twice.
   */
  give(buffer: ArrayBuffer): void;
  /** How many buffers are kept for reuse now. */
  readonly keptCount: number;
}

export interface AnswerBufferPoolOptions {
  /** The size of a new buffer when the request asks for less, bytes. */
  readonly defaultBytes: number;
  /** At most this many buffers are kept for reuse. */
  readonly maxKept: number;
}

/** A pool of reusable answer buffers (see AnswerBufferPool). */
export function createAnswerBufferPool(options: AnswerBufferPoolOptions): AnswerBufferPool {
  const kept: ArrayBuffer[] = [];
  return {
    take(minBytes: number): ArrayBuffer {
      const index = kept.findIndex((buffer) => buffer.byteLength >= minBytes);
      if (index >= 0) return kept.splice(index, 1)[0] as ArrayBuffer;
      return new ArrayBuffer(Math.max(minBytes, options.defaultBytes));
    },
    takeLargest(newBytes: number): ArrayBuffer {
      if (kept.length === 0) return new ArrayBuffer(Math.max(newBytes, options.defaultBytes));
      const largest = kept.reduce((best, buffer) => (buffer.byteLength > best.byteLength ? buffer : best));
      kept.splice(kept.indexOf(largest), 1);
      return largest;
    },
    give(buffer: ArrayBuffer): void {
      if (buffer.byteLength === 0 || kept.length >= options.maxKept || kept.includes(buffer)) return;
      kept.push(buffer);
    },
    get keptCount() {
      return kept.length;
    },
  };
}
