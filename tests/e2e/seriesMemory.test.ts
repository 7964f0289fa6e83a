import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicUid } from '../../sample-data/uids';
import { encodePart10 } from '../bench/peer/part10';
import type { PreviewServer } from './harness';
import { hasOrthanc } from './orthancPresent';
import { startOrthancStudy, stopOrthancStudy, type OrthancStudy } from './orthancStudy';
import { ViewerPage } from './pageObject';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * What a series opened over DICOMweb leaves in memory once it is complete (issue 16, memory): its voxels once on the
 * page (the volume's slices in cornerstone's cache) and nowhere else the page or the browser can be asked about.
 * Sizes are counted, never timed.
 */
const SLICE_COUNT = 40;
const ROWS = 96;
const COLUMNS = 112;
/** One slice's voxels as the volume holds them: signed 16-bit. */
const SLICE_BYTES = ROWS * COLUMNS * 2;
const KEY = 'e2e/series-memory';

function writeSeries(dir: string): string[] {
  const files: string[] = [];
  for (let k = 0; k < SLICE_COUNT; k++) {
    const words = new Int16Array(ROWS * COLUMNS);
    for (let i = 0; i < words.length; i++) words[i] = ((i * 31 + k * 17) % 2000) - 1000;
    const dataset = {
      ...syntheticCtSlice({ key: KEY, patientName: 'MEMORY^SERIES', patientId: 'MEMORY-1', studyDate: '20260103', rows: ROWS, columns: COLUMNS }, k),
      InstanceNumber: k + 1,
      ImagePositionPatient: ['-50', '-40', String(-k)],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      PixelSpacing: ['0.8', '0.8'],
      RescaleIntercept: '0',
      WindowCenter: '40',
      WindowWidth: '400',
    };
    const path = join(dir, `memory-${k}.dcm`);
    writeFileSync(path, encodePart10(dataset, { kind: 'native', words: new Uint16Array(words.buffer) }));
    files.push(path);
  }
  return files;
}

let study: OrthancStudy | undefined;
let server: PreviewServer;
let browser: Browser;
const studyUID = deterministicUid(`${KEY}/study`);

describe.skipIf(!hasOrthanc)('a series opened over DICOMweb, once complete', () => {
  beforeAll(async () => {
    study = await startOrthancStudy('vh-series-memory-', async (dir, upload) => upload(writeSeries(dir)));
    ({ server, browser } = study);
  });

  afterAll(() => stopOrthancStudy(study));

  it('holds its voxels once on the page, draws without multisampling and leaves no frame in the browser\'s HTTP cache', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const frameUrls = new Set<string>();
    page.on('request', (request) => {
      if (request.url().includes('/frames/')) frameUrls.add(request.url());
    });
    await page.goto(`${server.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${studyUID}`);
    const viewer = new ViewerPage(page);
    await viewer.waitLoaded('sagittal');
    await viewer.waitCompleteRender('sagittal');
    expect(frameUrls.size).toBe(SLICE_COUNT);

    const cached = await page.evaluate(() => {
      type Cache = { getCacheSize(): number; getImage(imageId: string): unknown };
      const { cache } = window.cornerstone as unknown as { cache: Cache };
      const imageIds = window.vertebralViewer.getState().plan?.imageIds ?? [];
      return { cacheBytes: cache.getCacheSize(), slicesInCache: imageIds.filter((imageId) => cache.getImage(imageId) !== undefined).length };
    });
    // Each slice once in cornerstone's cache (the volume's voxels), and nothing else there: no second decoded copy.
    expect(cached.slicesInCache).toBe(SLICE_COUNT);
    expect(cached.cacheBytes).toBe(SLICE_COUNT * SLICE_BYTES);

    // The views' WebGL drawing buffer holds one sample per pixel (viewer/cornerstone/renderingEngine.ts): WebGL's
    // default multisampling would keep 4 colour and 4 depth-stencil values per pixel in the GPU process.
    const attributes = await page.evaluate(() => {
      type Engine = { contextPool?: { getAllContexts(): Array<{ getOpenGLRenderWindow(): { getCanvas(): HTMLCanvasElement } }> } };
      const engine = (window.cornerstone as unknown as { getRenderingEngine(id: string): Engine | undefined }).getRenderingEngine('vertebral-height-engine');
      return (engine?.contextPool?.getAllContexts() ?? []).map((offscreen) => {
        const gl = offscreen.getOpenGLRenderWindow().getCanvas().getContext('webgl2');
        return gl === null ? null : { antialias: gl.getContextAttributes()?.antialias, samples: gl.getParameter(gl.SAMPLES) as number };
      });
    });
    expect(attributes).toEqual([{ antialias: false, samples: 0 }]);

    // The answers were read once into the volume: the browser's HTTP cache (memory in this private context, disk in a
    // profile) holds none of them. `only-if-cached` answers from the cache, fresh or stale, or fails.
    const fromCache = await page.evaluate(async (urls) => {
      const found: string[] = [];
      for (const url of urls) {
        try {
          const response = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin', headers: { Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' } });
          if (response.ok) found.push(url);
        } catch {
          // not in the cache
        }
      }
      return found;
    }, [...frameUrls]);
    expect(fromCache).toEqual([]);
    await context.close();
  });
});
