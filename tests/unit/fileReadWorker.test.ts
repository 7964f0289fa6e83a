import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileReadRequest, FileReadResponse } from '../../viewer/workers/fileReadMessages';
import { settle } from '../helpers/settle';

/**
 * The file read worker (viewer/workers/fileReadWorker.ts) run in node with a stand-in worker scope and files whose
 * reads the test answers one by one: how many it reads at once, in which order, that each file is read once, and how
 * far it reads ahead of the page.
 */
interface HeldRead {
  readonly name: string;
  readonly answer: () => void;
}

const MB = 1024 * 1024;
let held: HeldRead[];
let reads: string[];
let posted: FileReadResponse[];
let scope: { postMessage: (message: FileReadResponse) => void; onmessage: ((event: { data: FileReadRequest }) => void) | null };

function send(message: FileReadRequest): void {
  scope.onmessage?.({ data: message });
}

async function answerFirst(count: number): Promise<void> {
  for (const read of held.splice(0, count)) read.answer();
  await settle();
}

/** A file of `bytes` bytes whose read the test answers (or fails). */
function file(name: string, bytes = 16, fails = false): File {
  return {
    name,
    size: bytes,
    arrayBuffer: () => {
      reads.push(name);
      return new Promise<ArrayBuffer>((resolve, reject) => {
        held.push({ name, answer: () => (fails ? reject(new Error('NotReadableError: the file changed on disk')) : resolve(new ArrayBuffer(bytes))) });
      });
    },
  } as unknown as File;
}

const files = (count: number, bytes = 16): File[] => Array.from({ length: count }, (_, i) => file(`f${i}`, bytes));
const names = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `f${from + i}`);

describe('the file read worker', () => {
  beforeEach(async () => {
    held = [];
    reads = [];
    posted = [];
    scope = { postMessage: (message) => posted.push(message), onmessage: null };
    vi.stubGlobal('self', scope);
    vi.resetModules();
    await import('../../viewer/workers/fileReadWorker');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads 4 files at once, in the order given, and hands each over whole', async () => {
    send({ type: 'read', job: 1, files: files(10) });
    expect(held.map((r) => r.name)).toEqual(names(0, 4));
    await answerFirst(2);
    expect(held.map((r) => r.name)).toEqual(names(2, 4));
    expect(posted.map((m) => [m.type, m.job, m.index])).toEqual([['bytes', 1, 0], ['bytes', 1, 1]]);
    expect(posted.every((m) => m.type === 'bytes' && m.buffer.byteLength === 16)).toBe(true);
  });

  it('reads each file once', async () => {
    send({ type: 'read', job: 1, files: files(9) });
    for (let i = 0; i < 9; i++) {
      await answerFirst(1);
      send({ type: 'taken', job: 1, index: i });
    }
    expect(reads).toEqual(names(0, 9));
    expect(posted.map((m) => m.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('says which file could not be read and reads on', async () => {
    send({ type: 'read', job: 1, files: [file('a'), file('gone', 16, true), file('b')] });
    await answerFirst(3);
    expect(posted.map((m) => (m.type === 'failed' ? [m.index, m.message] : [m.index, 'bytes']))).toEqual([
      [0, 'bytes'],
      [1, 'NotReadableError: the file changed on disk'],
      [2, 'bytes'],
    ]);
  });

  it('stops reading ahead at 64 MB on their way or handed over and not taken, and goes on as the page takes them', async () => {
    send({ type: 'read', job: 1, files: files(40, 8 * MB) });
    // 8 files of 8 MB fill the window.
    for (let i = 0; i < 12; i++) await answerFirst(1);
    expect(posted).toHaveLength(8);
    expect(held).toHaveLength(0);
    send({ type: 'taken', job: 1, index: 0 });
    await settle();
    expect(held.map((r) => r.name)).toEqual(['f8']);
    await answerFirst(1);
    expect(held).toHaveLength(0);
    expect(posted).toHaveLength(9);
  });

  it('reads a file larger than the window alone, and the next once the page has taken it', async () => {
    send({ type: 'read', job: 1, files: [file('huge', 100 * MB), file('next', 100 * MB)] });
    expect(held.map((r) => r.name)).toEqual(['huge']);
    await answerFirst(1);
    expect(held).toEqual([]);
    send({ type: 'taken', job: 1, index: 0 });
    await settle();
    expect(held.map((r) => r.name)).toEqual(['next']);
  });

  it('reads nothing more of a job the page cancelled', async () => {
    send({ type: 'read', job: 1, files: files(10) });
    send({ type: 'cancel', job: 1 });
    await answerFirst(4);
    expect(posted).toEqual([]);
    expect(reads).toEqual(names(0, 4));
  });
});
