import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { at } from '../../measurement/testing/results';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REAL_DICOM,
  REFERENCE_CT,
  missingFolders,
  openFiles,
  seriesKeyOfFile,
  showSeries,
  viewerState,
} from './decodingHelpers';
import { startSession, type ViewerSession } from './session';

/** The CT slice in each lossless transfer syntax: [what it is, file in cornerstone3d-testimages]. */
const LOSSLESS_CT: ReadonlyArray<readonly [string, string]> = [
  ['implicit VR little endian', 'CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm'],
  ['explicit VR big endian', 'CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm'],
  ['deflated explicit VR little endian', 'CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm'],
  ['RLE lossless', 'CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm'],
  ['JPEG lossless, process 14', 'CTImage.dcm_JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm'],
  ['JPEG lossless, process 14, selection value 1', 'CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm'],
  ['JPEG-LS lossless', 'CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm'],
  ['JPEG 2000 lossless only', 'CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm'],
];

/**
 * The CT slice in each lossy transfer syntax. The 8- and 12-bit JPEG copies were re-encoded with their own rescale
 * slope and intercept, so stored values are not comparable: the loader applies the rescale (getPixelData() gives
 * modality values, HU), and those are what is compared.
 */
const LOSSY_CT: ReadonlyArray<readonly [string, string]> = [
  ['JPEG baseline, process 1 (8 bit)', 'CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm'],
  ['JPEG extended, process 2 & 4 (12 bit)', 'CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm'],
  ['JPEG spectral selection, process 6 & 8', 'CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm'],
  ['JPEG full progression, process 10 & 12', 'CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm'],
  ['JPEG-LS near-lossless', 'CTImage.dcm_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm'],
  ['JPEG 2000', 'CTImage.dcm_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm'],
];

/** A lossy copy is "close" when its mean absolute difference stays under this fraction of the reference's range. */
const LOSSY_MEAN_DIFFERENCE_MAX_FRACTION = 0.01;

const MULTIFRAME_REFERENCE = 'emri_small.dcm';
const MULTIFRAME_FRAME_COUNT = 10;
/** The 10-frame enhanced MR in other lossless syntaxes: [what it is, file in pydicom-data-codecs]. */
const MULTIFRAME_LOSSLESS: ReadonlyArray<readonly [string, string]> = [
  ['RLE lossless', 'emri_small_RLE.dcm'],
  ['JPEG 2000 lossless only', 'emri_small_jpeg_2k_lossless.dcm'],
  ['explicit VR big endian', 'emri_small_big_endian.dcm'],
  ['JPEG-LS lossless', 'emri_small_jpeg_ls_lossless.dcm'],
];

const HTJ2K_LOSSLESS_RGB = 'HTJ2KLossless_08_RGB.dcm';

interface FrameDifference {
  length: number;
  referenceLength: number;
  /** Samples that differ (over the shorter length). */
  mismatches: number;
  maxAbsDifference: number;
  meanAbsDifference: number;
  rescale: [number, number];
  referenceRescale: [number, number];
  referenceMin: number;
  referenceMax: number;
}

interface PixelComparison {
  error: string | null;
  imageIdCount: number;
  referenceImageIdCount: number;
  frames: FrameDifference[];
}

/**
 * Decodes every image id of `fileName` and of `referenceFileName` in the page (frame k against frame k) and returns
 * only the differences, so the pixel arrays never leave the browser. Values are what getPixelData() returns.
 */
async function comparePixels(page: Page, fileName: string, referenceFileName: string): Promise<PixelComparison> {
  return page.evaluate(
    async ({ fileName, referenceFileName }) => {
      interface DecodedImage {
        getPixelData(): ArrayLike<number>;
        slope?: number;
        intercept?: number;
      }
      const s = window.vertebralViewer.getState();
      const target = s.instances.find((i) => i.meta.fileName === fileName);
      const reference = s.instances.find((i) => i.meta.fileName === referenceFileName);
      const result = { error: null as string | null, imageIdCount: target?.imageIds.length ?? 0, referenceImageIdCount: reference?.imageIds.length ?? 0, frames: [] as FrameDifference[] };
      if (!target || !reference) {
        return { ...result, error: `${target ? referenceFileName : fileName} was not opened as an instance` };
      }
      const load = (imageId: string) => window.cornerstone.imageLoader.loadAndCacheImage(imageId) as Promise<DecodedImage>;
      try {
        for (const [k, imageId] of target.imageIds.entries()) {
          const referenceImageId = reference.imageIds[Math.min(k, reference.imageIds.length - 1)];
          if (referenceImageId === undefined) return { ...result, error: `${referenceFileName} has no image to compare with` };
          const [image, referenceImage] = await Promise.all([load(imageId), load(referenceImageId)]);
          const pixels = image.getPixelData();
          const referencePixels = referenceImage.getPixelData();
          const n = Math.min(pixels.length, referencePixels.length);
          let mismatches = 0;
          let maxAbsDifference = 0;
          let sumAbsDifference = 0;
          let referenceMin = Infinity;
          let referenceMax = -Infinity;
          for (let i = 0; i < n; i++) {
            const value = pixels[i];
            const referenceValue = referencePixels[i];
            if (value === undefined || referenceValue === undefined) throw new Error(`pixel ${i} of ${n} is missing`);
            const difference = Math.abs(value - referenceValue);
            if (difference !== 0) mismatches++;
            if (difference > maxAbsDifference) maxAbsDifference = difference;
            sumAbsDifference += difference;
            referenceMin = Math.min(referenceMin, referenceValue);
            referenceMax = Math.max(referenceMax, referenceValue);
          }
          result.frames.push({
            length: pixels.length,
            referenceLength: referencePixels.length,
            mismatches,
            maxAbsDifference,
            meanAbsDifference: n ? sumAbsDifference / n : NaN,
            rescale: [image.slope ?? 1, image.intercept ?? 0],
            referenceRescale: [referenceImage.slope ?? 1, referenceImage.intercept ?? 0],
            referenceMin,
            referenceMax,
          });
        }
      } catch (raw) {
        // The loader rejects with { error, dataSet } rather than an Error.
        const reason = typeof raw === 'object' && raw !== null && 'error' in raw ? (raw as { error: unknown }).error : raw;
        return { ...result, error: reason instanceof Error ? reason.message : String(reason) };
      }
      return result;
    },
    { fileName, referenceFileName },
  );
}

interface DecodedSummary {
  error: string | null;
  frames: Array<{ length: number; rows: number; columns: number; distinctValues: number }>;
}

/** Decodes every image id of one file in the page and summarises each frame (size and how many distinct values). */
async function decodeSummary(page: Page, fileName: string): Promise<DecodedSummary> {
  return page.evaluate(async (name) => {
    const instance = window.vertebralViewer.getState().instances.find((i) => i.meta.fileName === name);
    if (!instance) return { error: `${name} was not opened as an instance`, frames: [] };
    const frames: DecodedSummary['frames'] = [];
    try {
      for (const imageId of instance.imageIds) {
        const image = await window.cornerstone.imageLoader.loadAndCacheImage(imageId);
        const pixels = image.getPixelData();
        const distinct = new Set<number>();
        for (let i = 0; i < pixels.length && distinct.size < 256; i++) {
          const value = pixels[i];
          if (value === undefined) throw new Error(`pixel ${i} of ${pixels.length} is missing`);
          distinct.add(value);
        }
        frames.push({ length: pixels.length, rows: image.rows, columns: image.columns, distinctValues: distinct.size });
      }
    } catch (raw) {
      const reason = typeof raw === 'object' && raw !== null && 'error' in raw ? (raw as { error: unknown }).error : raw;
      return { error: reason instanceof Error ? reason.message : String(reason), frames };
    }
    return { error: null, frames };
  }, fileName);
}

const missing = missingFolders('Decoding', [REAL_DICOM.cornerstoneTestImages, REAL_DICOM.pydicomCodecs]);

describe.skipIf(missing.length > 0)('Decoding real DICOM files opened through the file input', () => {
  let session: ViewerSession;

  beforeAll(async () => {
    session = await startSession();
    const ct = [REFERENCE_CT, ...LOSSLESS_CT.map(([, file]) => file), ...LOSSY_CT.map(([, file]) => file)];
    const codecs = [MULTIFRAME_REFERENCE, ...MULTIFRAME_LOSSLESS.map(([, file]) => file), HTJ2K_LOSSLESS_RGB];
    await openFiles(session.page, [
      ...ct.map((file) => join(REAL_DICOM.cornerstoneTestImages, file)),
      ...codecs.map((file) => join(REAL_DICOM.pydicomCodecs, file)),
    ]);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('reads every file as an image, none as a problem', async () => {
    const state = await viewerState(session.page);
    expect(state.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(state.instances.every((i) => i.kind === 'image')).toBe(true);
    expect(state.instances).toHaveLength(1 + LOSSLESS_CT.length + LOSSY_CT.length + 1 + MULTIFRAME_LOSSLESS.length + 1);
  });

  describe('the CT slice of cornerstone3d-testimages', () => {
    it('decodes the explicit little-endian reference to 512×512 HU values spanning air to bone', async () => {
      const result = await comparePixels(session.page, REFERENCE_CT, REFERENCE_CT);
      expect(result.error).toBeNull();
      expect(result.frames).toHaveLength(1);
      const frame = at(result.frames, 0);
      expect(frame.length).toBe(512 * 512);
      expect(frame.referenceMin).toBeLessThan(-1000);
      expect(frame.referenceMax).toBeGreaterThan(1000);
    });

    it.each(LOSSLESS_CT)('decodes %s to exactly the pixels of the little-endian reference', async (_syntax, file) => {
      const result = await comparePixels(session.page, file, REFERENCE_CT);
      expect(result.error).toBeNull();
      expect(result.imageIdCount).toBe(1);
      const frame = at(result.frames, 0);
      expect(frame.length).toBe(frame.referenceLength);
      // Same rescale, so equal modality values mean equal stored values.
      expect(frame.rescale).toEqual(frame.referenceRescale);
      expect({ mismatches: frame.mismatches, maxAbsDifference: frame.maxAbsDifference }).toEqual({ mismatches: 0, maxAbsDifference: 0 });
    });

    it.each(LOSSY_CT)('decodes lossy %s to the same grid, within a mean difference of 1 % of the reference range', async (_syntax, file) => {
      const result = await comparePixels(session.page, file, REFERENCE_CT);
      expect(result.error).toBeNull();
      expect(result.imageIdCount).toBe(1);
      const frame = at(result.frames, 0);
      expect(frame.length).toBe(frame.referenceLength);
      const rangeHu = frame.referenceMax - frame.referenceMin;
      expect(frame.meanAbsDifference).toBeLessThan(LOSSY_MEAN_DIFFERENCE_MAX_FRACTION * rangeHu);
    });
  });

  describe('the 10-frame enhanced MR of pydicom-data-codecs', () => {
    it('has one image id per frame in its uncompressed form', async () => {
      const state = await viewerState(session.page);
      const mr = state.instances.find((i) => i.fileName === MULTIFRAME_REFERENCE);
      expect(mr?.numberOfFrames).toBe(MULTIFRAME_FRAME_COUNT);
      expect(new Set(mr?.imageIds).size).toBe(MULTIFRAME_FRAME_COUNT);
    });

    it.each(MULTIFRAME_LOSSLESS)('decodes every frame of the %s copy to exactly the uncompressed frame', async (_syntax, file) => {
      const result = await comparePixels(session.page, file, MULTIFRAME_REFERENCE);
      expect(result.error).toBeNull();
      expect(result.imageIdCount).toBe(MULTIFRAME_FRAME_COUNT);
      expect(result.referenceImageIdCount).toBe(MULTIFRAME_FRAME_COUNT);
      expect(result.frames.map((f) => f.length)).toEqual(result.frames.map((f) => f.referenceLength));
      expect(result.frames.map((f) => f.mismatches)).toEqual(new Array(MULTIFRAME_FRAME_COUNT).fill(0));
    });

    it('reports decode progress of exactly 1, not 2, when shown after its frames were already decoded', async () => {
      expect((await decodeSummary(session.page, MULTIFRAME_REFERENCE)).error).toBeNull();
      const key = await seriesKeyOfFile(session.page, MULTIFRAME_REFERENCE);
      expect(key).not.toBeNull();
      await showSeries(session.page, key!);
      // Every frame of the shown series in the image cache: all decode events have fired.
      await session.page.waitForFunction(() => {
        const s = window.vertebralViewer.getState() as unknown as { plan: { imageIds: string[] } | null };
        const cache = (window.cornerstone as unknown as { cache: { getImage(id: string): unknown } }).cache;
        return s.plan !== null && s.plan.imageIds.every((id) => cache.getImage(id));
      });
      const progress = await session.page.locator('[data-testid="viewport"]').first().getAttribute('data-load-progress');
      expect(Number(progress)).toBe(1);
    });
  });

  it('decodes the HTJ2K lossless RGB image to 640×480 pixels of 3 samples that are not all alike', async () => {
    const summary = await decodeSummary(session.page, HTJ2K_LOSSLESS_RGB);
    expect(summary.error).toBeNull();
    expect(summary.frames).toHaveLength(1);
    const frame = at(summary.frames, 0);
    expect({ rows: frame.rows, columns: frame.columns, length: frame.length }).toEqual({ rows: 480, columns: 640, length: 480 * 640 * 3 });
    expect(frame.distinctValues).toBeGreaterThan(16);
  });

  it('raises no page error while decoding all of them', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
