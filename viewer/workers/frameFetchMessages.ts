/** Messages between the page (loading/frameReadAhead.ts) and the frame fetch worker (frameFetchWorker.ts). */

/** What the page tells the worker. */
export type FrameFetchRequest =
  /** Fetch these frame URLs, in this order, ahead of the page's asking; `headers` go with each request. */
  | { readonly type: 'ahead'; readonly urls: readonly string[]; readonly headers: Readonly<Record<string, string>> }
  /** The page waits for this frame now: fetch it before the frames only read ahead. */
  | { readonly type: 'ask'; readonly url: string }
  /** The page has taken this frame's answer: it no longer counts against the read-ahead window. */
  | { readonly type: 'taken'; readonly url: string }
  /** An answer buffer the page is done with (transferred back), for the worker to read another answer into. */
  | { readonly type: 'give'; readonly buffer: ArrayBuffer };

/** What the worker tells the page about one frame URL. */
export type FrameFetchResponse =
  /** The frame's bytes: `byteLength` bytes at `byteOffset` of `buffer` (transferred). */
  | {
    readonly type: 'frame';
    readonly url: string;
    readonly buffer: ArrayBuffer;
    readonly byteOffset: number;
    readonly byteLength: number;
    readonly transferSyntaxUID: string;
    /** Whether the page should give `buffer` back once the frame's bytes are copied (a buffer of the worker's pool). */
    readonly pooled: boolean;
  }
  /**
   * The frame could not be had: `message` is the reader's text; `requestError` says the server refused it or did not
   * answer (loading/frameRequestError.ts), as opposed to an answer that could not be read.
   */
  | { readonly type: 'failed'; readonly url: string; readonly message: string; readonly requestError: boolean };
