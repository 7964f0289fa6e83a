import type { Page, Worker } from 'playwright-core';

/**
 * Page (or worker) script: the bytes read from each chosen file (by name), whichever File/Blob API reads them, in
 * `__fileBytesRead` of its global scope; and in `__fileSizeQueries` how many times it asked a File its size (each a
 * synchronous round trip to the browser process for a file from disk).
 */
export function countFileReads(): void {
  const bytesByName: Record<string, number> = {};
  (globalThis as unknown as { __fileBytesRead: Record<string, number> }).__fileBytesRead = bytesByName;
  const sizeQueries = { count: 0 };
  (globalThis as unknown as { __fileSizeQueries: typeof sizeQueries }).__fileSizeQueries = sizeQueries;
  const sizeOf = Object.getOwnPropertyDescriptor(Blob.prototype, 'size')!.get!;
  Object.defineProperty(Blob.prototype, 'size', {
    configurable: true,
    get(this: Blob) {
      if (this instanceof File) sizeQueries.count++;
      return sizeOf.call(this) as number;
    },
  });
  const origins = new WeakMap<Blob, string>();
  const nameOf = (blob: Blob): string | undefined => (blob instanceof File ? blob.name : origins.get(blob));
  const count = (blob: Blob) => {
    const name = nameOf(blob);
    if (name !== undefined) bytesByName[name] = (bytesByName[name] ?? 0) + (sizeOf.call(blob) as number);
  };
  const slice = Blob.prototype.slice;
  Blob.prototype.slice = function (this: Blob, ...args: Parameters<Blob['slice']>) {
    const part = slice.apply(this, args);
    const name = nameOf(this);
    if (name !== undefined) origins.set(part, name);
    return part;
  };
  for (const method of ['arrayBuffer', 'text', 'stream', 'bytes'] as const) {
    const original = Blob.prototype[method] as ((this: Blob) => unknown) | undefined;
    if (original === undefined) continue;
    Object.defineProperty(Blob.prototype, method, {
      configurable: true,
      writable: true,
      value(this: Blob) {
        count(this);
        return original.call(this);
      },
    });
  }
  for (const method of ['readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL', 'readAsText'] as const) {
    const original = FileReader.prototype[method] as (this: FileReader, blob: Blob, ...rest: unknown[]) => void;
    Object.defineProperty(FileReader.prototype, method, {
      configurable: true,
      writable: true,
      value(this: FileReader, blob: Blob, ...rest: unknown[]) {
        count(blob);
        original.call(this, blob, ...rest);
      },
    });
  }
}

/**
 * The viewer's file read worker (viewer/workers/fileReadWorker.ts), which a page without a study in its address starts
 * at boot, with `countFileReads` run in it: call before the files are chosen.
 */
export async function countWorkerFileReads(page: Page): Promise<Worker> {
  const deadline = Date.now() + 60_000;
  let worker = page.workers().find((w) => w.url().includes('fileReadWorker'));
  while (worker === undefined) {
    if (Date.now() > deadline) throw new Error('the page started no file read worker');
    await new Promise((resolve) => setTimeout(resolve, 50));
    worker = page.workers().find((w) => w.url().includes('fileReadWorker'));
  }
  await worker.evaluate(countFileReads);
  return worker;
}

/** The bytes read from each chosen file (by name) by the page and by the worker, as counted by `countFileReads`. */
export async function fileBytesRead(page: Page, worker?: Worker): Promise<{ page: Record<string, number>; worker: Record<string, number>; total: Record<string, number> }> {
  const read = () => (globalThis as unknown as { __fileBytesRead?: Record<string, number> }).__fileBytesRead ?? {};
  const onPage = await page.evaluate(read);
  const inWorker = worker === undefined ? {} : await worker.evaluate(read);
  const total: Record<string, number> = { ...onPage };
  for (const [name, bytes] of Object.entries(inWorker)) total[name] = (total[name] ?? 0) + bytes;
  return { page: onPage, worker: inWorker, total };
}
