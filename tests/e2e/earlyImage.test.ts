import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicUid } from '../../sample-data/uids';
import { createRequire } from 'node:module';
import { createJ2kLosslessCodec } from '../bench/peer/j2kLossless';
import { createJpeglsLosslessCodec, JPEG_LS_LOSSLESS } from '../bench/peer/jpeglsLossless';
import { encodePart10, JPEG_2000_LOSSLESS, type PixelPayload } from '../bench/peer/part10';
import { hasOrthanc } from './orthancPresent';
import { startOrthancStudy, stopOrthancStudy, type OrthancStudy } from './orthancStudy';
import type { PreviewServer } from './harness';
import { ViewerPage } from './pageObject';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * The first image drawn before cornerstone's (viewer/cornerstone/earlyImage.ts) must be the slice cornerstone then
 * shows, through the same window, at the same place and the same way round: it is compared with the decoded frame and
 * with cornerstone's own render of the view, and its frame is requested once. The series is built to catch the usual
 * slips: non-square pixels of a non-square image (aspect), rows running towards the patient's right (a flipped
 * ImageOrientationPatient: the image must be mirrored), an even slice count (which slice is the middle), a stored
 * window and a rescale intercept.
 */
const SLICE_COUNT = 40;
const COLUMNS = 96;
const ROWS = 64;
/** PixelSpacing: between rows, between columns (mm). */
const ROW_SPACING_MM = 0.5;
const COLUMN_SPACING_MM = 0.8;
const RESCALE_INTERCEPT = -1024;
const WINDOW_CENTER = 100;
const WINDOW_WIDTH = 400;
/** A bright block near the first row and column, as wide as the slice's index: it tells the slices and sides apart. */
const MARKER = { firstColumn: 6, firstRow: 6, rows: 12, hu: 1000 } as const;

/** Shown value (HU) of pixel (column, row) of slice `k`: background, a left-to-right ramp, the marker. */
function hu(k: number, column: number, row: number): number {
  if (column >= MARKER.firstColumn && column < MARKER.firstColumn + 4 + k && row >= MARKER.firstRow && row < MARKER.firstRow + MARKER.rows) return MARKER.hu;
  if (row >= 30) return -100 + Math.round((column / (COLUMNS - 1)) * 400);
  return -1000;
}

/** The DICOM linear window's grey level (PS3.3 C.11.2.1.2.1) of a shown value. */
function windowGrey(value: number): number {
  const low = WINDOW_CENTER - 0.5 - (WINDOW_WIDTH - 1) / 2;
  const high = WINDOW_CENTER - 0.5 + (WINDOW_WIDTH - 1) / 2;
  if (value <= low) return 0;
  if (value > high) return 255;
  return Math.round(((value - (WINDOW_CENTER - 0.5)) / (WINDOW_WIDTH - 1) + 0.5) * 255);
}

function sliceWords(k: number): Uint16Array {
  const words = new Int16Array(COLUMNS * ROWS);
  for (let row = 0; row < ROWS; row++) for (let column = 0; column < COLUMNS; column++) words[row * COLUMNS + column] = hu(k, column, row) - RESCALE_INTERCEPT;
  return new Uint16Array(words.buffer);
}

/**
 * How the slices are numbered (k counts up the position). The viewer requests the frames of the instances numbered
 * as the middle slice of a series numbered in slice order (here 20 and 21) before the metadata is in, and draws one
 * before the series metadata only when the instances numbered 1 and 40 show the series numbered in slice order with
 * the guess at the middle slice's place; otherwise once the metadata says which slice is the middle one.
 */
const NUMBERINGS = {
  // Against the position, so no order by number rising with z finds the middle by luck; the guess (21) is right.
  'numbered against the slice position': (k: number) => SLICE_COUNT - k,
  // A permutation (7 is prime to 40) that puts numbers 20 and 21 on slices 20 and 37, the middle (k = 19) on 14.
  'numbered out of slice order, so the guessed middle is wrong': (k: number) => ((7 * k) % SLICE_COUNT) + 1,
} as const;
type Numbering = keyof typeof NUMBERINGS;

/** JPEG 2000 (PS3.5 A.4.4: irreversible 9/7 wavelet allowed), the lossy syntax. */
const JPEG_2000 = '1.2.840.10008.1.2.4.91';

/** Writes one slice's 16-bit words (signed, as the series' Pixel Representation says) as its Pixel Data. */
type SliceEncoder = (words: Uint16Array) => PixelPayload;

/**
 * How the frames are stored on the server, which sends them as stored: the entry chunk draws native frames itself and
 * compressed ones with the codec cornerstone decodes that syntax with, loaded when the frame's syntax is known.
 */
const ENCODINGS = {
  native: async (): Promise<SliceEncoder> => (words) => ({ kind: 'native', words }),
  'JPEG 2000 lossless': async (): Promise<SliceEncoder> => {
    const codec = await createJ2kLosslessCodec();
    return (words) => ({ kind: 'encapsulated', transferSyntaxUID: JPEG_2000_LOSSLESS, frame: codec.encode(new Int16Array(words.buffer), COLUMNS, ROWS) });
  },
  'JPEG 2000 lossy': async (): Promise<SliceEncoder> => {
    const encode = await j2kIrreversibleEncoder();
    return (words) => ({ kind: 'encapsulated', transferSyntaxUID: JPEG_2000, frame: encode(new Int16Array(words.buffer)) });
  },
  'JPEG-LS lossless': async (): Promise<SliceEncoder> => {
    const codec = await createJpeglsLosslessCodec();
    return (words) => ({ kind: 'encapsulated', transferSyntaxUID: JPEG_LS_LOSSLESS, frame: codec.encode(new Int16Array(words.buffer), COLUMNS, ROWS) });
  },
} as const;
type Encoding = keyof typeof ENCODINGS;

/**
 * OpenJPEG's irreversible (9/7 wavelet) coding of a signed 16-bit slice, checked to be lossy: some decoded value
 * differs from the slice's, so the entry's image can only match cornerstone's if it decodes as cornerstone does.
 */
async function j2kIrreversibleEncoder(): Promise<(pixels: Int16Array) => Uint8Array> {
  interface Coder { getDecodedBuffer(info?: object): Uint8Array; getEncodedBuffer(length?: number): Uint8Array; setQuality(lossless: boolean, quality: number): void; encode(): void; decode(): void; delete(): void }
  const factory = createRequire(import.meta.url)('@cornerstonejs/codec-openjpeg/wasmjs') as (options: object) => Promise<{ J2KEncoder: new () => Coder; J2KDecoder: new () => Coder }>;
  const openjpeg = await factory({ print: () => undefined, printErr: () => undefined });
  return (pixels) => {
    const encoder = new openjpeg.J2KEncoder();
    const decoder = new openjpeg.J2KDecoder();
    try {
      encoder.getDecodedBuffer({ width: COLUMNS, height: ROWS, bitsPerSample: 16, componentCount: 1, isSigned: true }).set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
      encoder.setQuality(false, 10);
      encoder.encode();
      const codestream = encoder.getEncodedBuffer().slice();
      decoder.getEncodedBuffer(codestream.length).set(codestream);
      decoder.decode();
      const decoded = new Int16Array(decoder.getDecodedBuffer().slice().buffer);
      if (decoded.every((value, i) => value === pixels[i])) throw new Error('the irreversible coding reproduced the slice exactly');
      return codestream;
    } finally {
      encoder.delete();
      decoder.delete();
    }
  };
}

/**
 * The cases: how the series is numbered and what the server does. The series metadata answer is held back until the
 * early image is on screen (when the viewer can know the middle slice without it) or until the viewer has given up
 * knowing it early (its `vhv:middle-doubted` mark), so "drawn before the series metadata" is a fact, not a race.
 */
const CASES = {
  'numbered against the slice position': { numbering: 'numbered against the slice position', encoding: 'native', quirk: 'none', beforeMetadata: true, beforeBoot: false },
  'numbered against the slice position, drawn before the viewer\'s code has loaded': { numbering: 'numbered against the slice position', encoding: 'native', quirk: 'none', beforeMetadata: true, beforeBoot: true },
  'numbered against the slice position, stored as JPEG 2000 lossless, drawn before the viewer\'s code has loaded': { numbering: 'numbered against the slice position', encoding: 'JPEG 2000 lossless', quirk: 'none', beforeMetadata: true, beforeBoot: true },
  'numbered against the slice position, stored as JPEG 2000 (lossy), drawn before the viewer\'s code has loaded': { numbering: 'numbered against the slice position', encoding: 'JPEG 2000 lossy', quirk: 'none', beforeMetadata: true, beforeBoot: true },
  'numbered against the slice position, stored as JPEG-LS lossless, drawn before the viewer\'s code has loaded': { numbering: 'numbered against the slice position', encoding: 'JPEG-LS lossless', quirk: 'none', beforeMetadata: true, beforeBoot: true },
  'numbered out of slice order, so the guessed middle is wrong': { numbering: 'numbered out of slice order, so the guessed middle is wrong', encoding: 'native', quirk: 'none', beforeMetadata: false, beforeBoot: false },
  'in slice order, from a server that refuses instance metadata': { numbering: 'numbered against the slice position', encoding: 'native', quirk: 'refuses instance metadata', beforeMetadata: false, beforeBoot: false },
  'in slice order, from a server that ignores includefield': { numbering: 'numbered against the slice position', encoding: 'native', quirk: 'ignores includefield', beforeMetadata: false, beforeBoot: false },
} as const satisfies Record<string, { numbering: Numbering; encoding: Encoding; quirk: string; beforeMetadata: boolean; beforeBoot: boolean }>;
type Case = keyof typeof CASES;

const encodingOf = (name: Case): Encoding => CASES[name].encoding;

/** The series' key (its UIDs derive from it): the native series keep the keys they always had. */
const seriesKey = (numbering: Numbering, encoding: Encoding) => `e2e/early-image/${Object.keys(NUMBERINGS).indexOf(numbering)}${encoding === 'native' ? '' : `/${encoding}`}`;

async function writeSeries(dir: string, numbering: Numbering, encoding: Encoding): Promise<{ studyUID: string; files: string[] }> {
  const key = seriesKey(numbering, encoding);
  const encode = await ENCODINGS[encoding]();
  const studyUID = deterministicUid(`${key}/study`);
  const files: string[] = [];
  for (let k = 0; k < SLICE_COUNT; k++) {
    const dataset = {
      ...syntheticCtSlice({ key, patientName: 'EARLY^IMAGE', patientId: 'EARLY-IMAGE', studyDate: '20260102', rows: ROWS, columns: COLUMNS }, k),
      InstanceNumber: NUMBERINGS[numbering](k),
      ImagePositionPatient: ['30', '-20', String(k * 1.25)],
      // Rows run towards the patient's right (−x): the axial view shows the image mirrored.
      ImageOrientationPatient: ['-1', '0', '0', '0', '1', '0'],
      PixelSpacing: [String(ROW_SPACING_MM), String(COLUMN_SPACING_MM)],
      SliceThickness: '1.25',
      RescaleIntercept: String(RESCALE_INTERCEPT),
      WindowCenter: String(WINDOW_CENTER),
      WindowWidth: String(WINDOW_WIDTH),
    };
    const path = join(dir, `early-${Object.keys(NUMBERINGS).indexOf(numbering)}-${Object.keys(ENCODINGS).indexOf(encoding)}-${k}.dcm`);
    writeFileSync(path, encodePart10(dataset, encode(sliceWords(k))));
    files.push(path);
  }
  return { studyUID, files };
}

/**
 * Holds the page's animation-frame callbacks until `__releaseAnimationFrames()` (then the held ones run in the next
 * real frame), and records each canvas context asked for before that as `__contextsBeforeFirstFrame`.
 */
const HOLD_ANIMATION_FRAMES = `(() => {
  let held = [];
  const realRequest = window.requestAnimationFrame.bind(window);
  window.__contextsBeforeFirstFrame = [];
  window.requestAnimationFrame = (callback) => {
    if (held === null) return realRequest(callback);
    held.push(callback);
    return 0;
  };
  window.__releaseAnimationFrames = () => {
    const callbacks = held;
    held = null;
    for (const callback of callbacks) realRequest(callback);
  };
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    if (held !== null) window.__contextsBeforeFirstFrame.push(type);
    return getContext.call(this, type, ...rest);
  };
})();`;

/** What the page records the moment the early image appears (an init script: it may last only a few frames). */
const RECORD_EARLY_IMAGE = `(() => {
  const record = () => {
    if (window.__earlyImage) return;
    const element = document.querySelector('[data-testid="viewport"][data-early-image="true"]');
    const canvas = element && element.querySelector('canvas[data-testid="early-image"]');
    if (!canvas) return;
    const grey = Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
    const viewportId = element.dataset.viewportId;
    const rect = canvas.getBoundingClientRect();
    window.__earlyImage = {
      viewportId, imageId: canvas.dataset.imageId, width: canvas.width, height: canvas.height, grey,
      rect: [rect.left, rect.top, rect.width, rect.height], entryCanvas: canvas === window.__entryCanvas,
      cornerstoneEnabled: Boolean(element.querySelector('.viewport-element')),
      snapshot: window.vertebralViewer ? window.vertebralViewer.getState().viewports[viewportId] : undefined,
      instancesLoaded: window.vertebralViewer ? window.vertebralViewer.getState().instances.length : 0,
    };
  };
  new MutationObserver(record).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-early-image'] });
})();`;

/**
 * What the page records of the image the entry chunk draws in the shell's frame (viewer/cornerstone/entryImage.ts),
 * and, from then until cornerstone has taken over the axial view, every animation frame in which neither an early
 * image nor cornerstone's render of an arrived slice was on screen (a flash), and where the early image's canvas was
 * on the page in each (a jump).
 */
const RECORD_ENTRY_IMAGE = `(() => {
  const record = () => {
    if (window.__entryImage) return;
    const element = document.querySelector('[data-testid="early-viewport"][data-early-image="true"]');
    const canvas = element && element.querySelector('canvas[data-testid="early-image"]');
    if (!canvas) return;
    const grey = Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
    const rect = canvas.getBoundingClientRect();
    window.__entryCanvas = canvas;
    window.__entryImage = {
      imageId: canvas.dataset.imageId, width: canvas.width, height: canvas.height, grey,
      rect: [rect.left, rect.top, rect.width, rect.height],
      marks: performance.getEntriesByType('mark').map((mark) => mark.name),
    };
    const frames = (window.__entryFrames = { count: 0, gaps: 0, rects: [] });
    const watch = () => {
      const axial = document.querySelector('[data-testid="viewport"][data-orientation="axial"]');
      const shown = document.querySelector('canvas[data-testid="early-image"]');
      const handedOver = axial && axial.dataset.rendered === 'true' && !axial.dataset.earlyImage;
      if (handedOver) return;
      frames.count++;
      if (!shown || !shown.isConnected) frames.gaps++;
      else {
        const r = shown.getBoundingClientRect();
        const key = [r.left, r.top, r.width, r.height].join(',');
        if (!frames.rects.includes(key)) frames.rects.push(key);
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  };
  new MutationObserver(record).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-early-image'] });
})();`;

interface EntryRecord {
  imageId: string;
  width: number;
  height: number;
  grey: number[];
  rect: number[];
  /** The page's User Timing marks when the image appeared. */
  marks: string[];
}

interface EarlyRecord {
  viewportId: string;
  imageId: string;
  width: number;
  height: number;
  grey: number[];
  rect: number[];
  /** Whether it is the canvas the entry chunk drew, moved into the view. */
  entryCanvas: boolean;
  snapshot?: { sliceIndex: number; sliceCount: number; edges: Record<string, string>; windowWidth: number; windowCenter: number; worldPerCanvasPixel: number };
  /** Instances in the viewer's store when the early image appeared: none before the series metadata is in. */
  instancesLoaded: number;
}

/** Whether the page has marked each of these start-up steps (loading/startupMark.ts); runs in the page. */
const marked = (steps: readonly string[]) => steps.every((step) => performance.getEntriesByName(`vhv:${step}`, 'mark').length > 0);
/** Whether the page marked every step of `all` and at least one of `oneOf` (in the page: one self-contained function). */
const markedAllAndOneOf = ([all, oneOf]: readonly [readonly string[], readonly string[]]) => {
  const has = (step: string) => performance.getEntriesByName(`vhv:${step}`, 'mark').length > 0;
  return all.every(has) && oneOf.some(has);
};

let study: OrthancStudy | undefined;
let server: PreviewServer;
let browser: Browser;
const studyUIDs = new Map<string, string>();

describe.skipIf(!hasOrthanc)('the first image, drawn before cornerstone renders', () => {
  beforeAll(async () => {
    study = await startOrthancStudy('vh-early-image-', async (dir, upload) => {
      const seriesWritten = new Set<string>();
      for (const name of Object.keys(CASES) as Case[]) {
        const { numbering } = CASES[name];
        const key = seriesKey(numbering, encodingOf(name));
        if (seriesWritten.has(key)) continue;
        seriesWritten.add(key);
        const series = await writeSeries(dir, numbering, encodingOf(name));
        studyUIDs.set(key, series.studyUID);
        await upload(series.files);
      }
    });
    ({ server, browser } = study);
  });

  afterAll(() => stopOrthancStudy(study));

  it.each(Object.keys(CASES) as Case[])('is the axial view\'s middle slice, windowed, placed and mirrored as cornerstone then shows it, each frame asked for once, for a series %s', async (name) => {
    const { numbering, quirk, beforeMetadata, beforeBoot } = CASES[name];
    const key = seriesKey(numbering, encodingOf(name));
    const studyUID = studyUIDs.get(key)!;
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: RECORD_ENTRY_IMAGE });
    await context.addInitScript({ content: RECORD_EARLY_IMAGE });
    const page = await context.newPage();
    if (beforeBoot) {
      // A visit before, as a reader's: the shell keeps its toolbar's height at this window width (the toolbar wraps
      // here), so the entry chunk lays the views out where the shell will have them.
      await page.goto(`${server.url}/?dicomweb=/dicom-web`);
      await page.locator('.toolbar button').first().waitFor();
    }
    const frameRequests = new Map<string, number>();
    const guesses: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.includes('/frames/')) frameRequests.set(url.pathname, (frameRequests.get(url.pathname) ?? 0) + 1);
      if (url.pathname.endsWith('/instances') && url.searchParams.has('InstanceNumber')) guesses.push(url.searchParams.get('InstanceNumber')!);
    });
    const frameContentTypes = new Set<string>();
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.includes('/frames/')) frameContentTypes.add(response.headers()['content-type'] ?? '');
    });
    // The series metadata (…/series/{uid}/metadata, not an instance's) waits until released.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let seriesMetadataAnswered = false;
    await page.route((url) => /\/series\/[^/]+\/metadata$/.test(url.pathname), async (route) => {
      await released;
      await route.continue();
      seriesMetadataAnswered = true;
    });
    // The viewer's code (the boot chunk: cornerstone, React, the shell) waits until released, when the case says so.
    let releaseBoot = () => {};
    const bootReleased = new Promise<void>((resolve) => {
      releaseBoot = resolve;
    });
    if (beforeBoot) {
      await page.route((url) => /\/assets\/boot-[^/]*\.js$/.test(url.pathname), async (route) => {
        await bootReleased;
        await route.continue();
      });
    }
    if (quirk === 'refuses instance metadata') {
      await page.route((url) => /\/instances\/[^/]+\/metadata$/.test(url.pathname), (route) => route.fulfill({ status: 406, body: '' }));
    }
    if (quirk === 'ignores includefield') {
      await page.route((url) => url.pathname.endsWith('/instances') && url.searchParams.has('includefield'), async (route) => {
        const answer = await route.fetch();
        const items = (await answer.json()) as Array<Record<string, unknown>>;
        route.fulfill({ response: answer, json: items.map(({ '00200032': _position, '00200037': _orientation, ...rest }) => rest) });
      });
    }
    await page.goto(`${server.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${studyUID}`);
    if (beforeBoot) {
      await page.waitForFunction(() => (window as unknown as { __entryImage?: unknown }).__entryImage !== undefined, undefined, { timeout: 60_000 });
      const entry = (await page.evaluate('window.__entryImage')) as EntryRecord;
      expect(entry.marks, 'drawn by the entry chunk, before the viewer\'s code was evaluated').toContain('vhv:entry-drawn');
      expect(entry.marks).not.toContain('vhv:boot-loaded');
      expect(seriesMetadataAnswered).toBe(false);
      releaseBoot();
    }
    if (beforeMetadata) {
      await page.waitForFunction(() => (window as unknown as { __earlyImage?: unknown }).__earlyImage !== undefined, undefined, { timeout: 60_000 });
      expect(seriesMetadataAnswered, 'the series metadata was held back until the early image was drawn').toBe(false);
    } else {
      await page.waitForFunction(marked, ['middle-doubted', 'boot-run'], { timeout: 60_000 });
      expect(await page.evaluate('window.__earlyImage'), 'nothing drawn before the series metadata').toBeUndefined();
      expect(await page.evaluate(marked, ['middle-confirmed'])).toBe(false);
    }
    release();
    const viewer = new ViewerPage(page);
    await viewer.waitLoaded('axial');
    await page.locator('[data-testid="viewport"][data-orientation="axial"]:not([data-early-image])').waitFor();
    const early = (await page.evaluate('window.__earlyImage')) as EarlyRecord | undefined;
    expect(early, 'an early image was drawn').toBeDefined();
    const record = early!;

    // The middle slice in cornerstone's order, the one its axial view opens on: index ⌊n/2⌋ ascending along the
    // normal row × column = (0, 0, −1) here, so in descending z: slice k = n − 1 − ⌊n/2⌋.
    const middleK = SLICE_COUNT - 1 - Math.floor(SLICE_COUNT / 2);
    expect(record.imageId).toContain(`/instances/${deterministicUid(`${key}/${middleK}`)}/frames/1`);
    expect(record.instancesLoaded === 0, 'drawn before the series was loaded').toBe(beforeMetadata);
    const cornerstoneView = await page.evaluate(({ viewportId, zMm }) => {
      const element = document.querySelector(`[data-viewport-id="${viewportId}"]`) as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const canvas = element.querySelector('canvas.cornerstone-canvas') as HTMLCanvasElement;
      const grey = Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
      // Canvas position of pixel centres of the middle slice, through cornerstone's own mapping.
      const at = (column: number, row: number) => viewport.worldToCanvas([30 - column * 0.8, -20 + row * 0.5, zMm]);
      return {
        imageId: (viewport as unknown as { getCurrentImageId(): string }).getCurrentImageId(),
        width: canvas.width,
        height: canvas.height,
        grey,
        points: { marker: at(8, 12), background: at(60, 10), rampLeft: at(10, 50), rampRight: at(85, 50) },
      };
    }, { viewportId: record.viewportId, zMm: middleK * 1.25 });
    expect(cornerstoneView.imageId).toBe(record.imageId);
    expect([cornerstoneView.width, cornerstoneView.height]).toEqual([record.width, record.height]);

    // The decoded frame, windowed, at cornerstone's canvas position of each pixel centre (inside flat regions).
    const greyAt = (p: number[]) => record.grey[Math.round(p[1]!) * record.width + Math.round(p[0]!)];
    const expected = {
      marker: windowGrey(MARKER.hu),
      background: windowGrey(-1000),
      rampLeft: windowGrey(-100 + Math.round((10 / (COLUMNS - 1)) * 400)),
      rampRight: windowGrey(-100 + Math.round((85 / (COLUMNS - 1)) * 400)),
    };
    for (const [name, point] of Object.entries(cornerstoneView.points)) {
      expect(Math.abs((greyAt(point) ?? -1000) - expected[name as keyof typeof expected]), name).toBeLessThanOrEqual(4);
    }

    // cornerstone's render of the same view: the same picture, but for interpolation at edges.
    let sum = 0;
    let far = 0;
    for (let i = 0; i < record.grey.length; i++) {
      const difference = Math.abs(record.grey[i]! - cornerstoneView.grey[i]!);
      sum += difference;
      if (difference > 64) far++;
    }
    expect(sum / record.grey.length).toBeLessThan(2);
    expect(far / record.grey.length).toBeLessThan(0.005);

    if (beforeBoot) {
      // The entry chunk's image: the same pixels and place as the early image in the viewer's axial view (it is the
      // same canvas, moved), the slice's values windowed at cornerstone's canvas positions, and on screen in every
      // frame until cornerstone took over, never moving.
      const entry = (await page.evaluate('window.__entryImage')) as EntryRecord;
      expect(entry.imageId).toBe(record.imageId);
      expect(record.entryCanvas, 'the entry chunk\'s canvas moved into the axial view').toBe(true);
      expect(entry.rect).toEqual(record.rect);
      expect([entry.width, entry.height]).toEqual([record.width, record.height]);
      expect(entry.grey.filter((grey, i) => grey !== record.grey[i]).length).toBe(0);
      const entryGreyAt = (p: number[]) => entry.grey[Math.round(p[1]!) * entry.width + Math.round(p[0]!)];
      for (const [name, point] of Object.entries(cornerstoneView.points)) {
        expect(Math.abs((entryGreyAt(point) ?? -1000) - expected[name as keyof typeof expected]), `entry ${name}`).toBeLessThanOrEqual(4);
      }
      const frames = (await page.evaluate('window.__entryFrames')) as { count: number; gaps: number; rects: string[] };
      expect(frames.count).toBeGreaterThan(0);
      expect(frames.gaps, 'frames with no image in the axial view before cornerstone took over').toBe(0);
      expect(frames.rects, 'where the early image was on screen').toEqual([entry.rect.join(',')]);
    }

    // The overlay said what it says once cornerstone draws: slice, window, sides, scale.
    const later = (await page.evaluate((id) => window.vertebralViewer.getState().viewports[id], record.viewportId))!;
    expect(record.snapshot).toBeDefined();
    expect(record.snapshot!.sliceIndex).toBe(later.sliceIndex);
    expect(record.snapshot!.sliceCount).toBe(later.sliceCount);
    expect(record.snapshot!.edges).toEqual(later.edges);
    expect(record.snapshot!.windowWidth).toBeCloseTo(later.windowWidth!, 6);
    expect(record.snapshot!.windowCenter).toBeCloseTo(later.windowCenter!, 6);
    expect(record.snapshot!.worldPerCanvasPixel).toBeCloseTo(later.worldPerCanvasPixel!, 4);

    // The guess was made (the series search said 40 slices), with the two ends to check it, and every frame came from
    // the server once: the early requests were the volume's.
    expect(guesses.sort()).toEqual(['1', '20', '21', '40']);
    expect(frameRequests.size).toBe(SLICE_COUNT);
    expect([...frameRequests].filter(([, count]) => count !== 1)).toEqual([]);
    // The frames came as stored: compressed for a compressed series (the server was not asked to transcode).
    const storedSyntax = { native: '', 'JPEG 2000 lossless': JPEG_2000_LOSSLESS, 'JPEG 2000 lossy': JPEG_2000, 'JPEG-LS lossless': JPEG_LS_LOSSLESS }[encodingOf(name)];
    if (storedSyntax !== '') expect([...frameContentTypes].every((type) => type.includes(`transfer-syntax=${storedSyntax}`)), [...frameContentTypes].join(' | ')).toBe(true);
    // Nothing threw on the way (the early image's hand-over listener once did, on a render before the volume was set).
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('creates no canvas context before the page\'s first animation frame, and draws the entry image after it', async () => {
    // A 2-D context asks the GPU process for the page's shared context synchronously; before the first frame that
    // request queues behind the compositor's own set-up (loading/firstFrame.ts). The page's animation frames are held
    // here until the middle slice's frame is in, so that "before" is a fact, not a race.
    const studyUID = studyUIDs.get(seriesKey('numbered against the slice position', 'native'))!;
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: HOLD_ANIMATION_FRAMES });
    const page = await context.newPage();
    let releaseBoot = () => {};
    const bootReleased = new Promise<void>((resolve) => {
      releaseBoot = resolve;
    });
    await page.route((url) => /\/assets\/boot-[^/]*\.js$/.test(url.pathname), async (route) => {
      await bootReleased;
      await route.continue();
    });
    const middleFrame = `/instances/${deterministicUid(`${seriesKey('numbered against the slice position', 'native')}/${SLICE_COUNT - 1 - Math.floor(SLICE_COUNT / 2)}`)}/frames/1`;
    const frameIn = page.waitForEvent('requestfinished', { predicate: (request) => request.url().includes(middleFrame), timeout: 60_000 });
    await page.goto(`${server.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${studyUID}`);
    await frameIn;
    // The middle frame is asked for as a guess, or, when the series metadata is in before the instance searches (a
    // busy machine), after the metadata: either way it is the frame awaited above.
    // Polled on a timer: Playwright's default polling waits for an animation frame, and the page's are held here, so a
    // mark that came a moment after the frame (a loaded machine) was never looked for again.
    await page.waitForFunction(markedAllAndOneOf, [['middle-confirmed'], ['guessed-frame', 'early-frame']] as const, { timeout: 60_000, polling: 50 });
    expect(await page.evaluate('window.__contextsBeforeFirstFrame'), 'canvas contexts asked for before the first frame').toEqual([]);
    expect(await page.evaluate(marked, ['entry-drawn'])).toBe(false);
    await page.evaluate('window.__releaseAnimationFrames()');
    await page.waitForFunction(marked, ['entry-drawn'], { timeout: 60_000 });
    expect(await page.evaluate(marked, ['first-frame', 'canvas-warm'])).toBe(true);
    expect(await page.evaluate('window.__contextsBeforeFirstFrame')).toEqual([]);
    releaseBoot();
    await new ViewerPage(page).waitLoaded('axial');
    await context.close();
  });
});
