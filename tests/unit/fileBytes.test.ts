import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileReadRequest, FileReadResponse } from '../../viewer/workers/fileReadMessages';

/**
 * The page's side of the file read worker (viewer/loading/fileBytes.ts) with a stand-in Worker: the bytes come from
 * the worker, each file's once, and when the worker fails the files it had not handed over are read on the page.
 */
let workers: FakeWorker[];
let pageReads: string[];

class FakeWorker {
  readonly sent: FileReadRequest[] = [];
  onmessage: ((event: { data: FileReadResponse }) => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  constructor() {
    workers.push(this);
  }
  postMessage(message: FileReadRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: FileReadResponse): void {
    this.onmessage?.({ data: message });
  }
}

function file(name: string): File {
  return {
    name,
    arrayBuffer: () => {
      pageReads.push(name);
      return Promise.resolve(new TextEncoder().encode(name).buffer);
    },
  } as unknown as File;
}

const text = (buffer: ArrayBuffer): string => new TextDecoder().decode(buffer);

describe('the bytes of chosen files', () => {
  beforeEach(() => {
    workers = [];
    pageReads = [];
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('come from the worker, and the worker hears when the page has taken each', async () => {
    const { readFileBytes } = await import('../../viewer/loading/fileBytes');
    const files = [file('a'), file('b')];
    const bytes = readFileBytes(files);
    const [worker] = workers;
    expect(worker!.sent).toEqual([{ type: 'read', job: 0, files }]);
    worker!.answer({ type: 'bytes', job: 0, index: 1, buffer: new TextEncoder().encode('B').buffer });
    worker!.answer({ type: 'failed', job: 0, index: 0, message: 'NotReadableError' });
    await expect(bytes.take(0)).rejects.toThrow('NotReadableError');
    expect(text(await bytes.take(1))).toBe('B');
    expect(worker!.sent.slice(1)).toEqual([{ type: 'taken', job: 0, index: 0 }, { type: 'taken', job: 0, index: 1 }]);
    expect(pageReads).toEqual([]);
  });

  it('are read on the page from the first file the worker had not handed over when it fails', async () => {
    const { readFileBytes } = await import('../../viewer/loading/fileBytes');
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map(file);
    const bytes = readFileBytes(files);
    const [worker] = workers;
    worker!.answer({ type: 'bytes', job: 0, index: 0, buffer: new TextEncoder().encode('A').buffer });
    const waiting = bytes.take(1);
    worker!.onerror?.();
    expect(worker!.terminated).toBe(true);
    const taken = [text(await bytes.take(0)), text(await waiting)];
    for (let i = 2; i < files.length; i++) taken.push(text(await bytes.take(i)));
    expect(taken).toEqual(['A', 'b', 'c', 'd', 'e', 'f']);
    expect(pageReads).toEqual(['b', 'c', 'd', 'e', 'f']);
  });

  it('are no longer read once the page cancels', async () => {
    const { readFileBytes } = await import('../../viewer/loading/fileBytes');
    readFileBytes([file('a'), file('b')]).cancel();
    expect(workers[0]!.sent.at(-1)).toEqual({ type: 'cancel', job: 0 });
  });

  it('are read on the page where no worker can run', async () => {
    vi.stubGlobal('Worker', undefined);
    const { readFileBytes } = await import('../../viewer/loading/fileBytes');
    const bytes = readFileBytes([file('a'), file('b')]);
    expect([text(await bytes.take(0)), text(await bytes.take(1))]).toEqual(['a', 'b']);
    expect(pageReads).toEqual(['a', 'b']);
  });
});
