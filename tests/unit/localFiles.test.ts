import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dicomParser from 'dicom-parser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReadResult } from '../../viewer/loading/localFiles';

/** The image loader's file registry and dataset cache, as far as readLocalFiles uses them (parsing as the real one). */
const loader = vi.hoisted(() => ({ registered: [] as Array<unknown>, cached: new Set<string>(), loads: 0, parses: 0 }));
/** dicom-parser, counting its parses (the cache below and parseInstance both use it). */
vi.mock('dicom-parser', async (importOriginal) => {
  const original = await importOriginal<typeof import('dicom-parser')>();
  return {
    ...original,
    parseDicom: (...args: Parameters<typeof original.parseDicom>) => {
      loader.parses++;
      return original.parseDicom(...args);
    },
  };
});
vi.mock('@cornerstonejs/dicom-image-loader', () => ({
  wadouri: {
    fileManager: {
      add: (file: unknown) => `dicomfile:${loader.registered.push(file) - 1}`,
      remove: (index: number) => {
        loader.registered[index] = undefined;
      },
    },
    dataSetCacheManager: {
      load: async (uri: string, request: () => Promise<ArrayBuffer>) => {
        loader.loads++;
        const dataSet = dicomParser.parseDicom(new Uint8Array(await request()));
        loader.cached.add(uri);
        return dataSet;
      },
      unload: (uri: string) => loader.cached.delete(uri),
    },
  },
}));
const { readLocalFiles } = await import('../../viewer/loading/localFiles');

const CT_DIR = fileURLToPath(new URL('../../sample-data/output/baseline/ct', import.meta.url));
const hasSample = existsSync(CT_DIR);

/** A File whose bytes arrive when the test says so; counts how many of its kind are being read at once. */
function heldFile(name: string, bytes: Uint8Array, reads: { inFlight: number; most: number; pending: Array<() => void> }, fails = false): File {
  return {
    name,
    arrayBuffer: () => {
      reads.inFlight++;
      reads.most = Math.max(reads.most, reads.inFlight);
      return new Promise<ArrayBuffer>((resolve, reject) => {
        reads.pending.push(() => {
          reads.inFlight--;
          if (fails) reject(new Error('NotReadableError: the file changed on disk'));
          else resolve(bytes.slice().buffer);
        });
      });
    },
  } as unknown as File;
}

/** Reads the files, answering the reads last-asked first (the browser does not answer in order either). */
async function readAll(files: File[], reads: { pending: Array<() => void> }): Promise<ReadResult> {
  const all: ReadResult = { instances: [], problems: [] };
  const done = readLocalFiles(files, (batch) => {
    all.instances.push(...batch.instances);
    all.problems.push(...batch.problems);
  });
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    reads.pending.splice(0).reverse().forEach((answer) => answer());
  }
  await done;
  return all;
}

describe.skipIf(!hasSample)('readLocalFiles on the sample CT (npm run sample)', () => {
  const slices = hasSample ? readdirSync(CT_DIR).filter((f) => f.endsWith('.dcm')).sort().slice(0, 30).map((f) => new Uint8Array(readFileSync(join(CT_DIR, f)))) : [];
  beforeEach(() => {
    loader.registered.length = 0;
    loader.cached.clear();
    loader.loads = 0;
    loader.parses = 0;
  });

  it('reads several files at once but never more than four, and lists them in the order chosen', async () => {
    const reads = { inFlight: 0, most: 0, pending: [] as Array<() => void> };
    const files = slices.map((bytes, i) => heldFile(`slice${String(i).padStart(2, '0')}.dcm`, bytes, reads));
    const result = await readAll(files, reads);
    expect(reads.most).toBe(4);
    expect(result.instances.map((instance) => instance.meta.fileName)).toEqual(files.map((file) => file.name));
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('registers and parses each file once (the metadata is read from the cached dataset)', async () => {
    const reads = { inFlight: 0, most: 0, pending: [] as Array<() => void> };
    const result = await readAll(slices.map((bytes, i) => heldFile(`s${i}.dcm`, bytes, reads)), reads);
    expect(result.instances).toHaveLength(slices.length);
    expect(loader.loads).toBe(slices.length);
    expect(loader.parses).toBe(slices.length);
    expect(loader.cached.size).toBe(slices.length);
  });

  it('names a file that cannot be read and a file that is not DICOM, keeps neither, and reads every other', async () => {
    const reads = { inFlight: 0, most: 0, pending: [] as Array<() => void> };
    const text = new TextEncoder().encode('not a DICOM file at all'.repeat(10));
    const files = slices.map((bytes, i) => heldFile(`s${i}.dcm`, bytes, reads));
    files.splice(3, 0, heldFile('vanished.dcm', slices[0] ?? new Uint8Array(0), reads, true));
    files.splice(10, 0, heldFile('notes.txt', text, reads));
    const result = await readAll(files, reads);
    expect(result.instances).toHaveLength(slices.length);
    expect(result.problems.filter((problem) => problem.severity === 'error').map((problem) => [problem.fileName, problem.message])).toEqual([
      ['vanished.dcm', expect.stringMatching(/could not be read: .*changed on disk/)],
      ['notes.txt', expect.stringMatching(/not a DICOM Part 10 file/)],
    ]);
    expect(loader.registered.filter((file) => file !== undefined)).toHaveLength(slices.length);
    expect(loader.cached.size).toBe(slices.length);
  });
});
