import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicUid } from '../../sample-data/uids';
import { encodePart10 } from '../bench/peer/part10';
import type { PreviewServer } from './harness';
import { hasOrthanc } from './orthancPresent';
import { startOrthancStudy, stopOrthancStudy, type OrthancStudy } from './orthancStudy';
import { ViewerPage } from './pageObject';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * A study of two series over DICOMweb (issue 16, "no frame is requested twice"): the study browser's thumbnail of the
 * series not open fetches that series' middle frame; opening the series then takes that frame from the thumbnail
 * instead of asking the server again (cornerstone/thumbnail.ts). Requests are counted per frame path, as the page
 * sends them through the app's `/dicom-web` proxy; nothing is timed.
 */
const KEY = 'e2e/thumbnail-frames';
const ROWS = 48;
const COLUMNS = 64;
const STUDY_UID = deterministicUid(`${KEY}/study`);

/**
 * The study's two CT series: the first (series number 1, a stored window) is the one the study opens on; the second
 * stores no window, so its volume's window is read from its middle slice (cornerstone/volumeWindow.ts), and an odd
 * count makes that slice the thumbnail's too (the middle by instance number and by position).
 */
const SERIES = [
  { key: `${KEY}/first`, seriesNumber: 1, sliceCount: 24, window: true },
  { key: `${KEY}/second`, seriesNumber: 2, sliceCount: 21, window: false },
] as const;
const [FIRST, SECOND] = SERIES;

const RESCALE_INTERCEPT = -1024;
type Series = (typeof SERIES)[number];

/** Stored values of slice `k` of a series: every voxel its own (−1,000 … 1,999). */
function storedSlice(series: Series, k: number): Int16Array {
  const words = new Int16Array(ROWS * COLUMNS);
  for (let i = 0; i < words.length; i++) words[i] = ((i * 37 + k * 101 + series.seriesNumber * 499) % 3000) - 1000;
  return words;
}

function writeStudy(dir: string): string[] {
  const files: string[] = [];
  for (const series of SERIES) {
    for (let k = 0; k < series.sliceCount; k++) {
      const words = storedSlice(series, k);
      const dataset = {
        ...syntheticCtSlice({ key: series.key, patientName: 'THUMBNAIL^FRAMES', patientId: 'THUMB-1', studyDate: '20260104', rows: ROWS, columns: COLUMNS }, k),
        StudyInstanceUID: STUDY_UID,
        SeriesNumber: series.seriesNumber,
        InstanceNumber: k + 1,
        ImagePositionPatient: ['-25', '-20', String(-k * 2)],
        ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
        PixelSpacing: ['0.8', '0.8'],
        RescaleIntercept: String(RESCALE_INTERCEPT),
        ...(series.window ? { WindowCenter: '40', WindowWidth: '400' } : {}),
      };
      const path = join(dir, `${series.seriesNumber}-${k}.dcm`);
      writeFileSync(path, encodePart10(dataset, { kind: 'native', words: new Uint16Array(words.buffer) }));
      files.push(path);
    }
  }
  return files;
}

const seriesUid = (series: Series): string => deterministicUid(`${series.key}/series`);
/** The frame path of slice `k` of a series. */
const framePath = (series: Series, k: number): string => `/series/${seriesUid(series)}/instances/${deterministicUid(`${series.key}/${k}`)}/frames/1`;
/** The thumbnail's slice: the middle one by instance number (shell/SeriesThumbnail.tsx). */
const thumbnailSlice = (series: Series): number => Math.floor(series.sliceCount / 2);

/** Counts the page's frame requests per frame path (a list `…/frames/3,4,5` counts each of its frames). */
function countFrameRequests(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on('request', (request) => {
    const match = /^(.*\/frames\/)([\d,]+)$/.exec(new URL(request.url()).pathname);
    for (const frame of match?.[2]!.split(',') ?? []) {
      const path = match![1]! + frame;
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
  });
  return counts;
}

/** The frame paths of one series and how often each was requested. */
function requestsOf(counts: ReadonlyMap<string, number>, series: Series): Array<[string, number]> {
  return [...counts].filter(([path]) => path.includes(`/series/${seriesUid(series)}/`));
}

/** Slices of the open series whose decoded values differ from stored value + intercept (none: lossless is bit-exact). */
async function slicesNotBitExact(page: Page, series: Series): Promise<number[]> {
  const decoded = await page.evaluate(async () => {
    const imageIds = window.vertebralViewer.getState().plan?.imageIds ?? [];
    // From the image cache, where the volume's slices are: no request.
    return Promise.all(imageIds.map(async (imageId) => ({ imageId, values: Array.from((await window.cornerstone.imageLoader.loadAndCacheImage(imageId)).getPixelData()) })));
  });
  expect(decoded).toHaveLength(series.sliceCount);
  return Array.from({ length: series.sliceCount }, (_, k) => k).filter((k) => {
    const values = decoded.find(({ imageId }) => imageId.endsWith(framePath(series, k)))?.values;
    const expected = Array.from(storedSlice(series, k), (v) => v + RESCALE_INTERCEPT);
    return values === undefined || values.length !== expected.length || values.some((v, i) => v !== expected[i]);
  });
}

let study: OrthancStudy | undefined;
let server: PreviewServer;
let browser: Browser;

describe.skipIf(!hasOrthanc)('a study of two series over DICOMweb, its thumbnails drawn', () => {
  beforeAll(async () => {
    study = await startOrthancStudy('vh-thumbnail-frames-', async (dir, upload) => upload(writeStudy(dir)));
    ({ server, browser } = study);
  });

  afterAll(() => stopOrthancStudy(study));

  it('requests every frame once when the second series is opened after its thumbnail, and none on going back', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    try {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      const counts = countFrameRequests(page);
      await page.goto(`${server.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${STUDY_UID}`);
      const viewer = new ViewerPage(page);
      await viewer.waitLoaded(`sagittal@${seriesUid(FIRST)}`);
      // Both thumbnails drawn: the first from its views' own image, the second from its middle frame, fetched.
      await page.locator('[data-testid="series-thumbnail"][data-state="rendered"]').nth(SERIES.length - 1).waitFor({ timeout: 60_000 });
      expect(requestsOf(counts, SECOND).map(([path]) => path)).toEqual([expect.stringContaining(framePath(SECOND, thumbnailSlice(SECOND)))]);

      await viewer.openSeries(seriesUid(SECOND));
      await viewer.waitLoaded(`sagittal@${seriesUid(SECOND)}`);
      expect(requestsOf(counts, FIRST)).toHaveLength(FIRST.sliceCount);
      expect(requestsOf(counts, SECOND)).toHaveLength(SECOND.sliceCount);
      expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
      // The thumbnail's slice went into the volume from the kept bytes, decoded as a fetched one is.
      expect(await slicesNotBitExact(page, SECOND)).toEqual([]);

      // Back to the first series: its volume is still in cornerstone's cache, so none of its frames is asked for again.
      await viewer.openSeries(seriesUid(FIRST));
      await viewer.waitCompleteRender(`sagittal@${seriesUid(FIRST)}`);
      expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
      expect(counts.size).toBe(FIRST.sliceCount + SECOND.sliceCount);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('requests the thumbnail\'s frame once when the series is opened while that request is still on its way', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    try {
      const page = await context.newPage();
      const counts = countFrameRequests(page);
      // The server's answer to the thumbnail's request is held back until the series is open and has asked for the
      // rest of its frames.
      const thumbnailPath = framePath(SECOND, thumbnailSlice(SECOND));
      let asked!: () => void;
      const thumbnailAsked = new Promise<void>((resolve) => (asked = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route((url) => url.pathname.endsWith(thumbnailPath), async (route) => {
        asked();
        await released;
        await route.continue();
      });
      await page.goto(`${server.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${STUDY_UID}`);
      const viewer = new ViewerPage(page);
      await viewer.waitLoaded(`sagittal@${seriesUid(FIRST)}`);
      await thumbnailAsked;

      await viewer.openSeries(seriesUid(SECOND));
      await expect.poll(() => requestsOf(counts, SECOND).length, { timeout: 60_000 }).toBe(SECOND.sliceCount);
      release();
      await viewer.waitLoaded(`sagittal@${seriesUid(SECOND)}`);
      await page.locator('[data-testid="series-thumbnail"][data-state="rendered"]').nth(SERIES.length - 1).waitFor({ timeout: 60_000 });
      expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
      expect(await slicesNotBitExact(page, SECOND)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
