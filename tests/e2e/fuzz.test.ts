import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_OUTPUT, SHARED_DICOM } from './harness';
import { openFiles, seriesKeyOfFile, showSeries } from './decodingHelpers';
import { startSession, type ViewerSession } from './session';
import { sampleFiles } from './pageObject';
import { fuzzCorpus, fuzzSeeds, type Mutant } from './fuzzCorpus';

/** Fixed, so every run opens the same files; change it to explore further. */
const FUZZ_SEED = 20_261_201;
const MUTANT_COUNT = Number(process.env.FUZZ_MUTANTS ?? 1_000);
const BATCH_SIZE = 100;
/** Image series made of mutants that each batch opens in the viewports (decoding is where bad files used to hurt). */
const SERIES_SHOWN_PER_BATCH = 3;

const hasPhantom = existsSync(join(SAMPLE_OUTPUT, 'manifest.json'));
if (!hasPhantom) console.warn('Fuzz: skipped, the phantom is absent (run `npm run sample`)');

interface Accounting {
  /** Files of the batch neither listed in a series nor named in the problem list. */
  unaccounted: string[];
  /** Keys of image series that hold files of the batch. */
  imageSeriesKeys: string[];
}

async function accountFor(session: ViewerSession, names: readonly string[]): Promise<Accounting> {
  return session.page.evaluate((batch) => {
    const s = window.vertebralViewer.getState();
    const listed = new Map<string, { key: string; kind: string }>();
    for (const patient of s.patients) {
      for (const study of patient.studies) {
        for (const series of study.series) {
          for (const instance of series.instances) listed.set(instance.meta.fileName, { key: series.key, kind: series.kind });
        }
      }
    }
    const named = new Set(s.problems.map((p) => p.fileName));
    const keys = new Set<string>();
    for (const name of batch) {
      const entry = listed.get(name);
      if (entry?.kind === 'image') keys.add(entry.key);
    }
    return { unaccounted: batch.filter((name) => !listed.has(name) && !named.has(name)), imageSeriesKeys: [...keys].sort() };
  }, [...names]);
}

describe.skipIf(!hasPhantom)(`fuzz: ${MUTANT_COUNT} mutated DICOM files (seed ${FUZZ_SEED}) in batches of ${BATCH_SIZE}, one tab`, () => {
  let session: ViewerSession;
  let scratch: string;
  let mutants: Mutant[] = [];
  let goodKey: string | null = null;

  beforeAll(async () => {
    const seeds = fuzzSeeds(SAMPLE_OUTPUT, SHARED_DICOM);
    mutants = fuzzCorpus(seeds, MUTANT_COUNT, FUZZ_SEED);
    scratch = mkdtempSync(join(tmpdir(), 'vh-fuzz-'));
    for (const mutant of mutants) writeFileSync(join(scratch, mutant.fileName), mutant.bytes);
    session = await startSession();
    await openFiles(session.page, sampleFiles('baseline', 'mr'));
    goodKey = await seriesKeyOfFile(session.page, 'MR000001.dcm');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it(`generates at least ${MUTANT_COUNT} distinct files from the phantom${existsSync(SHARED_DICOM) ? ' and ../shared/dicom' : ''}`, () => {
    expect(new Set(mutants.map((m) => m.fileName)).size).toBe(MUTANT_COUNT);
    expect(new Set(mutants.map((m) => m.kind.replace(/ \(.*$/, ''))).size).toBeGreaterThanOrEqual(20);
  });

  const batchCount = Math.ceil(MUTANT_COUNT / BATCH_SIZE);
  it.each(Array.from({ length: batchCount }, (_, i) => i + 1))('batch %i: every file is listed or named, no page error, the good series still renders', async (batch) => {
    const files = mutants.slice((batch - 1) * BATCH_SIZE, batch * BATCH_SIZE);
    await openFiles(session.page, files.map((m) => join(scratch, m.fileName)));
    const { unaccounted, imageSeriesKeys } = await accountFor(session, files.map((m) => m.fileName));
    expect(unaccounted).toEqual([]);
    for (const key of imageSeriesKeys.slice(0, SERIES_SHOWN_PER_BATCH)) {
      // Loaded, or left aside with a message after the grid's setup time: either way the tab goes on.
      const shown = await showSeries(session.page, key, 40_000);
      expect(shown.every((v) => v.loaded || v.setupError !== null)).toBe(true);
    }
    const good = await showSeries(session.page, goodKey!, 40_000);
    expect(good.length).toBeGreaterThan(0);
    expect(good.every((v) => v.rendered && v.loaded)).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, 300_000);
});
