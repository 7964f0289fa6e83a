import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFiles } from './pageObject';
import { countFileReads, countWorkerFileReads, fileBytesRead } from './fileReads';
import { startSession, type ViewerSession } from './session';

/**
 * Local files are read off the page's main thread, and the display's set-up that does not depend on them is done
 * while the page waits for them (issue 16: viewer/workers/fileReadWorker.ts, boot.tsx, actions/openStudy.ts). The
 * sample baseline CT (227 files) is chosen with the read of its last file held in the file read worker until the test
 * lets it go: what the page has done by then came before the last file's bytes, whatever the machine's speed.
 */
const ctFiles = sampleFiles('baseline', 'ct');
const heldName = basename(ctFiles.at(-1)!);

/** Worker script: `arrayBuffer()` of the file named `name` answers only once `__releaseHeldRead()` is called. */
function holdRead(name: string): void {
  const scope = globalThis as unknown as { __releaseHeldRead: () => void; __heldReadAsked: boolean };
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  scope.__releaseHeldRead = release;
  scope.__heldReadAsked = false;
  const arrayBuffer = Blob.prototype.arrayBuffer;
  Blob.prototype.arrayBuffer = function (this: Blob) {
    if (!(this instanceof File) || this.name !== name) return arrayBuffer.call(this);
    scope.__heldReadAsked = true;
    return released.then(() => arrayBuffer.call(this));
  };
}

let session: ViewerSession;
let reader: Worker;
/** What the page showed while the last file's read was held. */
let whileHeld: { engines: number; progress: boolean; rendered: boolean; otherFilesRead: number };

describe('local files while the last one is still being read', () => {
  beforeAll(async () => {
    session = await startSession({ initScript: countFileReads });
    const { page } = session.viewer;
    await page.waitForFunction(() => (window as { cornerstone?: unknown }).cornerstone !== undefined);
    reader = await countWorkerFileReads(page);
    await reader.evaluate(holdRead, heldName);
    // A page waiting for files sets up the rendering engine once it is idle.
    await page.waitForFunction(() => (window.cornerstone as unknown as { getRenderingEngines(): unknown[] }).getRenderingEngines().length > 0, undefined, { timeout: 60_000 });
    await page.locator('[data-testid="open-files"]').setInputFiles(ctFiles);
    // Every other file's bytes are in, and the held file has been asked for (it is counted once it is read).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const state = await reader.evaluate(() => ({
        asked: (globalThis as unknown as { __heldReadAsked: boolean }).__heldReadAsked,
        files: Object.keys((globalThis as unknown as { __fileBytesRead: Record<string, number> }).__fileBytesRead).length,
      }));
      if (state.asked && state.files === ctFiles.length - 1) break;
      if (Date.now() > deadline) throw new Error(`the worker read ${state.files} of ${ctFiles.length} files`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const read = await fileBytesRead(page, reader);
    whileHeld = {
      ...(await page.evaluate(() => ({
        engines: (window.cornerstone as unknown as { getRenderingEngines(): unknown[] }).getRenderingEngines().length,
        progress: document.querySelector('[data-testid="file-progress"]') !== null,
        rendered: document.querySelector('[data-rendered="true"]') !== null,
      }))),
      otherFilesRead: Object.keys(read.worker).filter((name) => name !== heldName).length,
    };
    await reader.evaluate(() => (globalThis as unknown as { __releaseHeldRead: () => void }).__releaseHeldRead());
    await page.locator('[data-testid="file-progress"]').waitFor({ state: 'detached', timeout: 120_000 });
    await session.viewer.waitLoaded('sagittal');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('has the rendering engine made before the files are chosen, and nothing drawn until the last is read', () => {
    // On the code before this, the engine was made only once every file was read (by the display of the series).
    expect(whileHeld).toEqual({ engines: 1, progress: true, rendered: false, otherFilesRead: ctFiles.length - 1 });
  });

  it('reads every file once, in the file read worker, and none on the page', async () => {
    const read = await fileBytesRead(session.viewer.page, reader);
    const chosen = ctFiles.map((path) => basename(path));
    expect(chosen.filter((name) => read.page[name] !== undefined)).toEqual([]);
    expect(ctFiles.filter((path) => read.worker[basename(path)] !== statSync(path).size).map((path) => basename(path))).toEqual([]);
  });

  it('opens the whole series once the held file is in', async () => {
    const slices = await session.viewer.page.evaluate(() => {
      const cs = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ imageIds: string[] }> } };
      return cs.cache.getVolumes().map((volume) => volume.imageIds.length);
    });
    expect(slices).toEqual([ctFiles.length]);
  });
});
