import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFiles } from './pageObject';
import { countFileReads, countWorkerFileReads, fileBytesRead } from './fileReads';
import type { Worker } from 'playwright-core';
import { startSession, type ViewerSession } from './session';

/**
 * Local files' native frames are decoded into their volume's array while later files are still read
 * (viewer/cornerstone/decodeAhead.ts, issue 16). The sample baseline study's two series (227 axial CT slices, 15
 * sagittal MR slices) are chosen in an interleaved order, as a folder listing may give them; the CT opens as a volume.
 */
const ctFiles = sampleFiles('baseline', 'ct');
const mrFiles = sampleFiles('baseline', 'mr');

/** The two series interleaved: a deterministic shuffle, so neither series' files arrive together or in slice order. */
function interleaved(): string[] {
  const all = [...ctFiles, ...mrFiles];
  let state = 20_261_202;
  for (let i = all.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = (state >>> 8) % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

const chosen = interleaved();
/** The loader's image id of a chosen file: files are registered in the order chosen (`dicomfile:N`, 0-based). */
const imageIdOf = (path: string): string => `dicomfile:${chosen.indexOf(path)}`;

/** The CT volume's voxels of one file, from its bytes in node: stored value × slope + intercept (PS3.3 C.11.1). */
function expectedVoxels(path: string): number[] {
  const dataSet = dicomParser.parseDicom(new Uint8Array(readFileSync(path)));
  const element = dataSet.elements.x7fe00010!;
  const stored = new Uint16Array(dataSet.byteArray.slice(element.dataOffset, element.dataOffset + element.length).buffer);
  const slope = Number(dataSet.string('x00281053') ?? 1);
  const intercept = Number(dataSet.string('x00281052') ?? 0);
  return Array.from(stored, (value) => value * slope + intercept);
}

let session: ViewerSession;
/** The file read worker, counting what it reads. */
let reader: Worker;

describe('local files of two series, chosen interleaved', () => {
  beforeAll(async () => {
    session = await startSession({ initScript: countFileReads });
    const { page } = session.viewer;
    await page.waitForFunction(() => (window as { cornerstone?: unknown }).cornerstone !== undefined);
    reader = await countWorkerFileReads(page);
    // Every image entering cornerstone's cache (a decode), and how many had entered when the reading ended (the
    // progress bar removed).
    await page.evaluate(() => {
      const record = {
        added: {} as Record<string, number>,
        addedWhenRead: -1,
        progressSeen: false,
        sliceUploads: 0,
        /** The early image: its slice, and whether cornerstone had rendered any view when it was drawn. */
        early: null as { imageId: string | undefined; cornerstoneRendered: boolean } | null,
      };
      // Slices sent to a 3-D texture (one texSubImage3D of depth 1 each; the views share the volume's texture).
      const upload = WebGL2RenderingContext.prototype.texSubImage3D;
      WebGL2RenderingContext.prototype.texSubImage3D = function (this: WebGL2RenderingContext, ...args: unknown[]) {
        if (args[7] === 1) record.sliceUploads++;
        return (upload as (...a: unknown[]) => void).apply(this, args);
      } as typeof upload;
      (window as unknown as { __ahead: typeof record }).__ahead = record;
      const cs = window.cornerstone as unknown as { eventTarget: EventTarget; Enums: { Events: { IMAGE_CACHE_IMAGE_ADDED: string } } };
      cs.eventTarget.addEventListener(cs.Enums.Events.IMAGE_CACHE_IMAGE_ADDED, (event) => {
        const { image } = (event as CustomEvent<{ image: { imageId: string } }>).detail;
        record.added[image.imageId] = (record.added[image.imageId] ?? 0) + 1;
      });
      new MutationObserver(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-early-image="true"] canvas[data-testid="early-image"]');
        if (canvas !== null && record.early === null) {
          record.early = { imageId: canvas.dataset.imageId, cornerstoneRendered: document.querySelector('[data-rendered="true"]') !== null };
        }
        const present = document.querySelector('[data-testid="file-progress"]') !== null;
        if (present) record.progressSeen = true;
        else if (record.progressSeen && record.addedWhenRead < 0) record.addedWhenRead = Object.keys(record.added).length;
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-early-image'] });
    });
    await session.viewer.openFiles(chosen);
    await session.viewer.waitLoaded('sagittal');
    await session.viewer.waitLoaded('axial');
    await session.viewer.waitCompleteRender('sagittal');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('reads each file once (the viewer\'s whole open, the page and the file read worker)', async () => {
    const bytesRead = (await fileBytesRead(session.viewer.page, reader)).total;
    const misread = chosen.map((path) => ({ file: basename(path), bytes: statSync(path).size, read: bytesRead[basename(path)] ?? 0 })).filter(({ bytes, read }) => read !== bytes);
    expect(misread).toEqual([]);
  });

  it('never asks a file its size (a synchronous round trip to the browser for each file from disk)', async () => {
    const queries = await session.viewer.page.evaluate(() => (window as unknown as { __fileSizeQueries: { count: number } }).__fileSizeQueries.count);
    // Before, each file decoded ahead was asked once when its bytes were let go of (242 here).
    expect(queries).toBe(0);
  });

  it('draws the CT\'s middle slice from the slice decoded ahead, before cornerstone renders any view', async () => {
    const early = await session.viewer.page.evaluate(() => (window as unknown as { __ahead: { early: { imageId?: string; cornerstoneRendered: boolean } | null } }).__ahead.early);
    // The middle of 227 slices sorted by position along the slice normal (slice 114 from either end), from the files.
    const byPosition = ctFiles
      .map((path) => ({ path, z: Number((dicomParser.parseDicom(new Uint8Array(readFileSync(path)), { untilTag: 'x00200037' }).string('x00200032') ?? '').split('\\')[2]) }))
      .sort((a, b) => a.z - b.z);
    expect(byPosition.every(({ z }) => Number.isFinite(z))).toBe(true);
    const middle = byPosition[Math.floor(byPosition.length / 2)]!.path;
    // Before, a local series had no early image: its first image was cornerstone's first render.
    expect(early).toEqual({ imageId: imageIdOf(middle), cornerstoneRendered: false });
  });

  it('decodes every CT slice while the files are read, each once, into the volume it opens', async () => {
    const ahead = await session.viewer.page.evaluate(() => (window as unknown as { __ahead: { added: Record<string, number>; addedWhenRead: number } }).__ahead);
    const ctImageIds = ctFiles.map(imageIdOf);
    expect(ctImageIds.filter((imageId) => ahead.added[imageId] !== 1)).toEqual([]);
    // Before the change every slice was decoded by the volume, after the last file was read: none by then.
    expect(ahead.addedWhenRead).toBeGreaterThanOrEqual(ctFiles.length);
    const volume = await session.viewer.page.evaluate((ids) => {
      const cs = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ imageIds: string[]; dataType: string; loadStatus: { loaded: boolean } }> } };
      const found = cs.cache.getVolumes().find((v) => v.imageIds.includes(ids[0]!));
      return found ? { slices: found.imageIds.length, allOurs: found.imageIds.every((id) => ids.includes(id)), dataType: found.dataType, loaded: found.loadStatus.loaded } : null;
    }, ctImageIds);
    expect(volume).toEqual({ slices: ctFiles.length, allOurs: true, dataType: 'Int16Array', loaded: true });
  });

  it('sends each slice up to the volume\'s texture once, though all were in before the texture was made', async () => {
    const ahead = await session.viewer.page.evaluate(() => (window as unknown as { __ahead: { sliceUploads: number } }).__ahead);
    // Before, every slice already in when the views set up went up twice (454 here).
    expect(ahead.sliceUploads).toBe(ctFiles.length);
  });

  it('holds the CT slices decoded ahead bit-exact, in the volume\'s array type', async () => {
    for (const path of [ctFiles[0]!, ctFiles[113]!, ctFiles[226]!]) {
      const held = await session.viewer.page.evaluate((imageId) => {
        const cs = window.cornerstone as unknown as { cache: { getImage(id: string): { getPixelData(): ArrayLike<number> & { constructor: { name: string } } } | undefined } };
        const pixels = cs.cache.getImage(imageId)?.getPixelData();
        return pixels ? { type: pixels.constructor.name, values: Array.from(pixels) } : null;
      }, imageIdOf(path));
      expect(held?.type).toBe('Int16Array');
      const expected = expectedVoxels(path);
      const differing = held!.values.filter((value, i) => value !== expected[i]).length;
      expect({ path: basename(path), length: held!.values.length, differing }).toEqual({ path: basename(path), length: expected.length, differing: 0 });
    }
  });

  it('writes each CT slice decoded ahead over its file\'s bytes, not into a second array', async () => {
    // A new 0.5 MB array per slice costs a page fault per 4 KB on first touch (nativeFrame.ts); the file's bytes,
    // read just before, are in memory already, and the cached dataset let go of them (it keeps the header).
    const placed = await session.viewer.page.evaluate((ids) => {
      const cs = window.cornerstone as unknown as { cache: { getImage(id: string): { getPixelData(): ArrayBufferView } | undefined } };
      return ids.map((imageId) => {
        const pixels = cs.cache.getImage(imageId)?.getPixelData();
        return pixels ? { bufferBytes: pixels.buffer.byteLength, byteOffset: pixels.byteOffset } : null;
      });
    }, ctFiles.map(imageIdOf));
    const expected = ctFiles.map((path) => {
      const bytes = readFileSync(path);
      return { bufferBytes: bytes.length, byteOffset: dicomParser.parseDicom(new Uint8Array(bytes)).elements.x7fe00010!.dataOffset };
    });
    // Before, each slice's pixels were a new array of their own (buffer 524,288 bytes here, offset 0).
    expect(placed).toEqual(expected);
  });

  it('keeps the other series\' slices decoded, and decodes a slice the cache let go of again from its file, bit-exact', async () => {
    const { page } = session.viewer;
    const mrImageIds = mrFiles.map(imageIdOf);
    const cached = await page.evaluate((ids) => {
      const cs = window.cornerstone as unknown as { cache: { getImageLoadObject(id: string): unknown } };
      return ids.filter((id) => cs.cache.getImageLoadObject(id) !== undefined).length;
    }, mrImageIds);
    expect(cached).toBe(mrFiles.length);
    // The cached file keeps only its header once its frame is decoded: decoding it again reads the frame back.
    const path = mrFiles[7]!;
    const again = await page.evaluate(async (imageId) => {
      const cs = window.cornerstone as unknown as {
        cache: { removeImageLoadObject(id: string, options: { force: boolean }): void };
        imageLoader: { loadAndCacheImage(id: string): Promise<{ getPixelData(): ArrayLike<number> }> };
      };
      cs.cache.removeImageLoadObject(imageId, { force: true });
      const image = await cs.imageLoader.loadAndCacheImage(imageId);
      return Array.from(image.getPixelData());
    }, imageIdOf(path));
    const expected = expectedVoxels(path);
    expect(again.length).toBe(expected.length);
    expect(again.filter((value, i) => value !== expected[i]).length).toBe(0);
    const bytesRead = (await fileBytesRead(page, reader)).total;
    expect(bytesRead[basename(path)]).toBe(statSync(path).size + expected.length * 2);
  });
});
