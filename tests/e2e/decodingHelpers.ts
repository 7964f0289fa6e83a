import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHARED_DICOM } from './harness';

/** Folders of real DICOM files (see ../shared/dicom/README.md); never copied into the project. */
export const REAL_DICOM = {
  cornerstoneTestImages: resolve(SHARED_DICOM, 'cornerstone3d-testimages'),
  pydicomCodecs: resolve(SHARED_DICOM, 'pydicom-data-codecs'),
  pydicomEdgeCases: resolve(SHARED_DICOM, 'pydicom-testfiles-edgecases'),
  totalSegCt: resolve(SHARED_DICOM, 'totalseg-example-ct-j2k'),
} as const;

/** The explicit little-endian CT slice every other transfer syntax of it is compared with. */
export const REFERENCE_CT = 'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm';

/** The folders that are absent; warns once so a skipped suite says why. */
export function missingFolders(suite: string, folders: readonly string[]): string[] {
  const missing = folders.filter((folder) => !existsSync(folder));
  if (missing.length > 0) {
    console.warn(`${suite}: skipped, the real DICOM test files are absent (${missing.join(', ')}); see ../shared/dicom/README.md`);
  }
  return missing;
}

/** Prefix of the message the viewer gives an image whose pixel data fails to decode when displayed. */
export const DECODE_FAILURE = 'image could not be decoded';

export interface InstanceSummary {
  fileName: string;
  kind: string;
  transferSyntaxUID: string;
  rows: number;
  columns: number;
  numberOfFrames: number;
  imageIds: string[];
}

export interface ProblemSummary {
  fileName: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ViewerStateSummary {
  instances: InstanceSummary[];
  problems: ProblemSummary[];
  activeSeriesKey: string | null;
  reading: boolean;
}

/** The app state as plain data: instances (without geometry), problems, active series, whether files are being read. */
export async function viewerState(page: Page): Promise<ViewerStateSummary> {
  return page.evaluate(() => {
    const s = window.vertebralViewer.getState() as unknown as {
      instances: Array<{ meta: Omit<InstanceSummary, 'imageIds'>; imageIds: string[] }>;
      problems: ProblemSummary[];
      activeSeriesKey: string | null;
      fileProgress: unknown;
    };
    return {
      instances: s.instances.map(({ meta, imageIds }) => ({
        fileName: meta.fileName,
        kind: meta.kind,
        transferSyntaxUID: meta.transferSyntaxUID,
        rows: meta.rows,
        columns: meta.columns,
        numberOfFrames: meta.numberOfFrames,
        imageIds: [...imageIds],
      })),
      problems: s.problems.map((p) => ({ fileName: p.fileName, message: p.message, severity: p.severity })),
      activeSeriesKey: s.activeSeriesKey,
      reading: s.fileProgress !== null,
    };
  });
}

/** Files read so far: each file read becomes exactly one instance or one error problem (decode failures excluded). */
async function readOutcomeCount(page: Page): Promise<number> {
  return page.evaluate((decodeFailure) => {
    const s = window.vertebralViewer.getState();
    const rejected = s.problems.filter((p) => p.severity === 'error' && !p.message.startsWith(decodeFailure));
    return s.instances.length + rejected.length;
  }, DECODE_FAILURE);
}

/** Opens files through the file input and waits until every one of them has been read (kept or rejected). */
export async function openFiles(page: Page, paths: readonly string[]): Promise<void> {
  const before = await readOutcomeCount(page);
  await page.locator('input[type=file][data-testid="open-files"]').setInputFiles([...paths]);
  await page.waitForFunction(
    ({ expected, decodeFailure }) => {
      const s = window.vertebralViewer.getState();
      const rejected = s.problems.filter((p) => p.severity === 'error' && !p.message.startsWith(decodeFailure));
      return s.fileProgress === null && s.instances.length + rejected.length >= expected;
    },
    { expected: before + paths.length, decodeFailure: DECODE_FAILURE },
    { timeout: 60_000 },
  );
  await page.locator('[data-testid="file-progress"]').waitFor({ state: 'detached' });
}

/** Key of the series that lists the instance read from `fileName` (null when it is not listed, e.g. a duplicate). */
export async function seriesKeyOfFile(page: Page, fileName: string): Promise<string | null> {
  return page.evaluate((name) => {
    const s = window.vertebralViewer.getState() as unknown as {
      patients: Array<{ studies: Array<{ series: Array<{ key: string; instances: Array<{ meta: { fileName: string } }> }> }> }>;
    };
    for (const patient of s.patients) {
      for (const study of patient.studies) {
        for (const series of study.series) {
          if (series.instances.some((i) => i.meta.fileName === name)) return series.key;
        }
      }
    }
    return null;
  }, fileName);
}

export function seriesItem(page: Page, seriesKey: string) {
  return page.locator(`[data-testid="series-item"][data-series-uid=${JSON.stringify(seriesKey)}]`);
}

export interface ViewportSummary {
  viewportId: string;
  orientation: string;
  rendered: boolean;
  loaded: boolean;
  loadProgress: number;
  /** Set when the series did not finish setting up in time and was left aside with a message. */
  setupError: string | null;
}

/**
 * Clicks a series and waits until it is shown: it is the active series, each of its viewports has published its
 * overlay snapshot (so the display code ran for this series, not the previous one), is marked loaded, which
 * happens when every image has decoded or failed, and has drawn its first frame (or failed to draw it); or the series
 * was left aside after its setup time (`setupError`).
 * Returns the state of its viewports.
 */
export async function showSeries(page: Page, seriesKey: string, timeoutMs = 30_000): Promise<ViewportSummary[]> {
  await seriesItem(page, seriesKey).click();
  await page.waitForFunction(
    (key) => {
      const s = window.vertebralViewer.getState() as unknown as {
        activeSeriesKey: string | null;
        plan: { viewports: Array<{ viewportId: string }> } | null;
        viewports: Record<string, unknown>;
      };
      if (s.activeSeriesKey !== key || !s.plan) return false;
      return s.plan.viewports.every(({ viewportId }) => {
        const element = document.querySelector<HTMLElement>(`[data-testid="viewport"][data-viewport-id="${viewportId}"]`);
        if (element?.dataset.setupError) return true;
        // Loaded is not yet drawn: images already in the cache count as loaded at once, the first frame comes later.
        const drawn = element?.dataset.rendered === 'true' || element?.dataset.renderError !== undefined;
        return element?.dataset.loaded === 'true' && drawn && s.viewports[viewportId] !== undefined;
      });
    },
    seriesKey,
    { timeout: timeoutMs },
  );
  return viewports(page);
}

export async function viewports(page: Page): Promise<ViewportSummary[]> {
  return page.locator('[data-testid="viewport"]').evaluateAll((elements) =>
    (elements as HTMLElement[]).map((element) => ({
      viewportId: element.dataset.viewportId ?? '',
      orientation: element.dataset.orientation ?? '',
      rendered: element.dataset.rendered === 'true',
      loaded: element.dataset.loaded === 'true',
      loadProgress: Number(element.dataset.loadProgress),
      setupError: element.dataset.setupError ?? null,
    })),
  );
}
