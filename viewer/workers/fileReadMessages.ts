/** Messages between the page (loading/fileBytes.ts) and the file read worker (fileReadWorker.ts). */

/** What the page tells the worker. */
export type FileReadRequest =
  /** Read these files' bytes, in this order; `job` names the set in the answers. */
  | { readonly type: 'read'; readonly job: number; readonly files: readonly File[] }
  /** The page has taken the bytes of file `index` of `job`: they no longer count against the read-ahead window. */
  | { readonly type: 'taken'; readonly job: number; readonly index: number }
  /** The page no longer wants anything of `job` (it reads the rest itself). */
  | { readonly type: 'cancel'; readonly job: number };

/** What the worker tells the page about one file. */
export type FileReadResponse =
  /** The whole file's bytes (transferred). */
  | { readonly type: 'bytes'; readonly job: number; readonly index: number; readonly buffer: ArrayBuffer }
  /** The file could not be read: `message` is the browser's text. */
  | { readonly type: 'failed'; readonly job: number; readonly index: number; readonly message: string };
