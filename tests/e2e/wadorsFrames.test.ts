import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicUid } from '../../sample-data/uids';
import { hasOrthanc } from './orthancPresent';
import { startOrthancStudy, stopOrthancStudy, type OrthancStudy } from './orthancStudy';
import { createJ2kLosslessCodec } from '../bench/peer/j2kLossless';
import { JPEG_2000_LOSSLESS, encodePart10 } from '../bench/peer/part10';
import type { PreviewServer } from './harness';
import { startRefusingProxy } from './refusingProxy';
import { ViewerPage } from './pageObject';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * The viewer's own WADO-RS frame loader (viewer/cornerstone/wadorsFrameLoader.ts) must hand the decoder exactly the
 * frame the server stored: every decoded voxel equal to stored value × slope + intercept, for native and JPEG 2000
 * lossless frames. The values cover most of the 16-bit range (beyond what half floats
 * hold exactly) and use every low bit.
 */
const SLICE_COUNT = 24;
/** Odd sides, each at least 32 pixels: OpenJPEG's five wavelet decompositions need 2⁵ pixels per side. */
const COLUMNS = 67;
const ROWS = 45;
const RESCALE_INTERCEPT = -1024;
/** How much slower than the machine the page's CPU runs in the refused-frame cases (Chromium's CPU throttling). */
const PAGE_CPU_SLOWDOWN = 4;


/** Stored value of voxel (column, row) of slice `k`: a pattern over −30,000 … 30,000 with every low bit in use. */
function storedValue(k: number, column: number, row: number): number {
  return ((k * 7919 + row * 104_729 + column * 1_299_709) % 60_001) - 30_000;
}

function storedSlice(k: number): Int16Array {
  const words = new Int16Array(COLUMNS * ROWS);
  for (let row = 0; row < ROWS; row++) for (let column = 0; column < COLUMNS; column++) words[row * COLUMNS + column] = storedValue(k, column, row);
  return words;
}

type Variant = 'native' | 'j2k';

async function writeSeries(dir: string, variant: Variant): Promise<{ studyUID: string; files: string[] }> {
  const codec = variant === 'j2k' ? await createJ2kLosslessCodec() : null;
  const studyUID = deterministicUid(`e2e/wadors-frames/${variant}/study`);
  const files: string[] = [];
  for (let k = 0; k < SLICE_COUNT; k++) {
    const words = storedSlice(k);
    const dataset = {
      ...syntheticCtSlice({ key: `e2e/wadors-frames/${variant}`, patientName: `WADORS^${variant.toUpperCase()}`, patientId: `WADORS-${variant}`, studyDate: '20260102', rows: ROWS, columns: COLUMNS }, k),
      InstanceNumber: k + 1,
      ImagePositionPatient: ['-18', '-14', String(-k * 1.5)],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      PixelSpacing: ['1', '1'],
      RescaleIntercept: String(RESCALE_INTERCEPT),
    };
    const bytes = codec
      ? encodePart10(dataset, { kind: 'encapsulated', transferSyntaxUID: JPEG_2000_LOSSLESS, frame: codec.encode(words, COLUMNS, ROWS) })
      : encodePart10(dataset, { kind: 'native', words: new Uint16Array(words.buffer) });
    const path = join(dir, `${variant}-${k}.dcm`);
    writeFileSync(path, bytes);
    files.push(path);
  }
  return { studyUID, files };
}

let study: OrthancStudy | undefined;
let server: PreviewServer;
let browser: Browser;
const studies = new Map<Variant, string>();

describe.skipIf(!hasOrthanc)('frames over WADO-RS through the viewer\'s frame loader', () => {
  beforeAll(async () => {
    study = await startOrthancStudy('vh-wadors-frames-', async (dir, upload) => {
      for (const variant of ['native', 'j2k'] as const) {
        const { studyUID, files } = await writeSeries(dir, variant);
        await upload(files);
        studies.set(variant, studyUID);
      }
    });
    ({ server, browser } = study);
  });

  afterAll(() => stopOrthancStudy(study));

  it.each([['native', 'Explicit VR Little Endian'], ['j2k', 'JPEG 2000 lossless']] as const)('decodes every %s frame bit-exact (%s)', async (variant, _label) => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    // Slices going to the volume's 3-D texture (texSubImage3D calls with data): once each, whatever the render pacing.
    await context.addInitScript(`(() => {
      const proto = typeof WebGL2RenderingContext === 'undefined' ? null : WebGL2RenderingContext.prototype;
      if (!proto) return;
      window.__sliceUploads = 0;
      const original = proto.texSubImage3D;
      proto.texSubImage3D = function (...args) {
        if (args.some((arg) => arg !== null && typeof arg === 'object' && typeof arg.byteLength === 'number')) window.__sliceUploads += 1;
        return original.apply(this, args);
      };
    })();`);
    const page = await context.newPage();
    const frameRequests = new Map<string, number>();
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.includes('/frames/')) frameRequests.set(path, (frameRequests.get(path) ?? 0) + 1);
    });
    await page.goto(`${server.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${studies.get(variant)}`);
    const viewer = new ViewerPage(page);
    await viewer.waitLoaded('sagittal');
    // Every image is in cornerstone's cache by now: asking the loader again answers from the cache, with no request.
    const decoded = await page.evaluate(async () => {
      const imageIds = window.vertebralViewer.getState().plan?.imageIds ?? [];
      return Promise.all(imageIds.map(async (imageId) => ({ imageId, values: Array.from((await window.cornerstone.imageLoader.loadAndCacheImage(imageId)).getPixelData()) })));
    });
    expect(decoded).toHaveLength(SLICE_COUNT);
    const mismatches: string[] = [];
    for (const { imageId, values } of decoded) {
      const k = Array.from({ length: SLICE_COUNT }, (_, i) => i).find((i) => imageId.includes(`/instances/${deterministicUid(`e2e/wadors-frames/${variant}/${i}`)}/`));
      expect(k, imageId).toBeDefined();
      const expected = Array.from(storedSlice(k!), (v) => v + RESCALE_INTERCEPT);
      if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) mismatches.push(`slice ${k}: ${values.slice(0, 4).join(',')}… vs ${expected.slice(0, 4).join(',')}…`);
    }
    expect(mismatches).toEqual([]);
    // Every frame came from the server, and only once, although this series stores no window (cornerstone 5.14 asks
    // for the middle frame again per view to compute one, unless given it first: viewer/cornerstone/volumeWindow.ts).
    expect(frameRequests.size).toBe(SLICE_COUNT);
    expect([...frameRequests].filter(([, count]) => count !== 1)).toEqual([]);
    // "Loaded" means every frame is in; the render that sends the last of them to the volume's texture runs in a later
    // animation frame, which SwiftShader on a loaded machine can hold back for seconds: wait for it before counting.
    await viewer.waitCompleteRender('sagittal');
    // The complete volume is drawn from one WebGL context (cornerstone's pool would hold 7).
    const gpu = await page.evaluate(() => {
      type Engine = { contextPool?: { getContextCount(): number } };
      const engine = (window.cornerstone as unknown as { getRenderingEngine(id: string): Engine | undefined }).getRenderingEngine('vertebral-height-engine');
      return { contexts: engine?.contextPool?.getContextCount() ?? -1, sliceUploads: (window as unknown as { __sliceUploads?: number }).__sliceUploads ?? -1 };
    });
    expect(gpu.contexts).toBe(1);
    // Values up to ±30,000 are beyond what 16-bit floats hold exactly: the volume's texture is 32-bit
    // (viewer/cornerstone/compactVolumeTexture.ts turns to R32F at the first slice holding such a value).
    const texels = await page.evaluate(() => {
      type Texture = { getTexels?: () => { texels: string; basis: string } };
      const cornerstone = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ vtkOpenGLTexture: Texture }> } };
      return cornerstone.cache.getVolumes()[0]?.vtkOpenGLTexture.getTexels?.() ?? null;
    });
    expect(texels).toEqual({ texels: 'float32', basis: 'value-out-of-range' });
    // Slices already in the cache when the texture is created (the middle one, loaded for the window, and whatever
    // arrived before the first render) go up with it and once more when the volume reports them: the count depends on
    // timing, but no slice goes up a third time (a texture re-filled on every render would send N per render).
    expect(gpu.sliceUploads).toBeGreaterThanOrEqual(SLICE_COUNT);
    expect(gpu.sliceUploads).toBeLessThanOrEqual(2 * SLICE_COUNT);

    // The stack path (no target array): every frame loaded afresh outside the cache, bit-exact again; native frames
    // are read on the page (viewer/cornerstone/uncompressedImage.ts), compressed ones go to the decode worker.
    const fresh = await page.evaluate(async () => {
      type WorkerManager = { executeTask: (...args: unknown[]) => Promise<unknown> };
      type Loader = { loadImage(imageId: string, options: object): Promise<{ getPixelData(): ArrayLike<number> }> };
      const cornerstone = window.cornerstone as unknown as { getWebWorkerManager(): WorkerManager; imageLoader: Loader };
      const manager = cornerstone.getWebWorkerManager();
      const executeTask = manager.executeTask.bind(manager);
      let decodeTasks = 0;
      manager.executeTask = (...args: unknown[]) => {
        if (args[0] === 'dicomImageLoader') decodeTasks += 1;
        return executeTask(...args);
      };
      const imageIds = window.vertebralViewer.getState().plan?.imageIds ?? [];
      try {
        const images = await Promise.all(imageIds.map(async (imageId) => ({
          imageId,
          values: Array.from((await cornerstone.imageLoader.loadImage(imageId, { ignoreCache: true, priority: 0, requestType: 'prefetch' })).getPixelData()),
        })));
        return { images, decodeTasks };
      } finally {
        manager.executeTask = executeTask;
      }
    });
    expect(fresh.images).toHaveLength(SLICE_COUNT);
    expect(fresh.decodeTasks).toBe(variant === 'native' ? 0 : SLICE_COUNT);
    const freshMismatches = fresh.images.filter(({ imageId, values }) => {
      const k = Array.from({ length: SLICE_COUNT }, (_, i) => i).find((i) => imageId.includes(`/instances/${deterministicUid(`e2e/wadors-frames/${variant}/${i}`)}/`));
      const expected = Array.from(storedSlice(k!), (v) => v + RESCALE_INTERCEPT);
      return values.length !== expected.length || values.some((v, i) => v !== expected[i]);
    }).map(({ imageId }) => imageId);
    expect(freshMismatches).toEqual([]);
    await context.close();
  });

  // Frames the server will not give (a PACS refusing an instance, a proxy failing once and for good), with each
  // status a server gives: the problem list names each of these slices with its status, and the rest of the volume is
  // drawn complete, with no slice waiting for an upload that cannot come. The frame loader asks for a refused frame
  // once. The refusals come from a proxy as fast as a server's would, and the page's CPU is slowed 4× until the views
  // are set up (as on a loaded machine): a frame refused before the display listens to cornerstone's events (the
  // volume's loads start before the rendering engine is set up) must be listed too. Before showPlan listed the volume's
  // own record of its failed frames, the problem list stayed empty in about half of the runs of one refused frame.
  // (One session for the four: each took 10–14 s of a 2-core VM on its own.)
  it('draws the rest of the volume when the server answers 403, 404, 500 and 401 for the first, middle, a later and the last slice\'s frames', async () => {
    const refusedSlices = [
      { status: 403, slice: 0 },
      { status: 404, slice: SLICE_COUNT / 2 },
      { status: 500, slice: SLICE_COUNT - 5 },
      { status: 401, slice: SLICE_COUNT - 1 },
    ].map(({ status, slice }) => {
      const uid = deterministicUid(`e2e/wadors-frames/native/${slice}`);
      return { status, slice, uid, pathPart: `/instances/${uid}/frames/` };
    });
    const proxy = await startRefusingProxy(server.url, refusedSlices);
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: PAGE_CPU_SLOWDOWN });
      await page.goto(`${proxy.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${studies.get('native')}`);
      // Slowed until a view is first drawn (the display has listened to cornerstone's events since before), then at
      // full speed: the rest would only take longer.
      await page.locator(`${ViewerPage.selector('sagittal')}[data-rendered="true"]`).waitFor({ timeout: 120_000 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const viewer = new ViewerPage(page);
      await viewer.waitCompleteRender('sagittal');
      const state = await page.evaluate(() => {
        const volume = (window.cornerstone as unknown as { cache: { getVolumes(): Array<{ framesProcessed: number; loadStatus: { loaded: boolean } }> } }).cache.getVolumes()[0];
        return {
          problems: window.vertebralViewer.getState().problems.map((p) => ({ fileName: p.fileName, message: p.message })),
          framesProcessed: volume?.framesProcessed,
          loaded: volume?.loadStatus.loaded,
        };
      });
      expect(state.loaded).toBe(true);
      expect(state.framesProcessed).toBe(SLICE_COUNT);
      const refused = state.problems.filter((p) => p.message.includes('image could not be loaded'));
      expect(refused).toHaveLength(refusedSlices.length);
      for (const { status, slice, uid, pathPart } of refusedSlices) {
        // Named by its instance, as the problem list names a PACS slice (loading/dicomWebSeries.ts).
        const named = refused.filter((p) => p.fileName.includes(uid.slice(-12)));
        expect(named, `slice ${slice}`).toHaveLength(1);
        expect(named[0]!.message, `slice ${slice}`).toContain(String(status));
        // The middle slice is also asked for early, for the first image (loading/earlyFrame.ts), and for the volume's
        // window (cornerstone/volumeWindow.ts) when the series stores none; each of these asks once.
        const asked = proxy.refusals(pathPart);
        if (slice === SLICE_COUNT / 2) expect(asked, `slice ${slice}`).toBeLessThanOrEqual(3);
        else expect(asked, `slice ${slice}`).toBe(1);
      }
    } finally {
      await context.close();
      await proxy.stop();
    }
  });
});
