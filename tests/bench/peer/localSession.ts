/**
 * The local-files row of `npm run bench:peer` (issue 16: "for local files the floor is reading every file's bytes in
 * the page"). The same synthetic Part 10 files the bench uploads to Orthanc are given to a file input in a fresh
 * Chromium, as a user choosing them would: the browser reads them from disk.
 *
 * - The floor: a blank page on the viewer's origin with an `<input type=file multiple>` reads every chosen file's
 *   bytes (`arrayBuffer()`, LOCAL_FLOOR_PARALLEL_READS at a time, nothing kept); time from choosing the files to the
 *   last byte.
 * - Ours: the viewer's own file input (`[data-testid="open-files"]`); time from choosing the files to the first image
 *   and to the sagittal view ready (complete volume), with the probe of the DICOMweb rows.
 *
 * OHIF has no comparable local open (its local mode is a separate route that keeps every file in memory and shows a
 * stack first), so the row is ours against the floor only.
 *
 * The files are chosen through CDP's `DOM.setFileInputFiles` with their paths, which is what playwright's
 * `setInputFiles(paths)` does with a browser it launched itself; the bench's browser is connected over a WebSocket,
 * where playwright would first copy every file into a temporary folder.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { SessionResult } from './session';
import { ratioOf, spreadOf } from './stats';
import type { GeneratedSeries } from './syntheticCt';

/** Path of the floor's page on the viewer's static server (see `localFloorPage`). */
export const LOCAL_FLOOR_PAGE = '/__bench/local-floor.html';
/** The viewer's file input (README, automation surface). */
export const OPEN_FILES_SELECTOR = '[data-testid="open-files"]';
/** Files the floor page reads at once: a few, as a page reading a folder would; more do not read faster from cache. */
const LOCAL_FLOOR_PARALLEL_READS = 4;

/**
 * The floor's page: a file input that, once files are chosen, reads every file's bytes and resolves
 * `window.__localFloorDone` to an IoFloorResult (`frames` counts the files, `bytes` their sizes) measured from `window.__benchFilesChosenAt` (set by `chooseFiles`).
 */
export function localFloorPage(): string {
  return `<!doctype html><title>local-file floor</title>
<input type="file" multiple data-testid="open-files">
<script>
window.__localFloorDone = new Promise((resolve, reject) => {
  document.querySelector('input').addEventListener('change', async (event) => {
    try {
      const files = [...event.target.files];
      let bytes = 0;
      let next = 0;
      const reader = async () => {
        while (next < files.length) {
          const body = await files[next++].arrayBuffer();
          bytes += body.byteLength;
        }
      };
      await Promise.all(Array.from({ length: ${LOCAL_FLOOR_PARALLEL_READS} }, reader));
      resolve({ ms: performance.now() - window.__benchFilesChosenAt, frames: files.length, bytes });
    } catch (error) {
      reject(error);
    }
  });
});
</script>`;
}

/** The floor's page script (for SessionSpec.floorScript): waits for the last byte of the chosen files. */
export const LOCAL_FLOOR_SCRIPT = 'window.__localFloorDone';

/**
 * Returns a SessionSpec `afterOpen` hook that gives `paths` to the page's file input, `waitMs` after the input is there
 * (a person needs seconds to choose; 0 chooses at once), and returns the page time (ms since navigation) at which they
 * were given: the origin of the session's marks and of the floor's time.
 */
export function chooseFiles(paths: readonly string[], waitMs = 0): (page: Page, cdp: CDPSession) => Promise<number> {
  return async (page, cdp) => {
    await page.locator(OPEN_FILES_SELECTOR).waitFor({ state: 'attached' });
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: OPEN_FILES_SELECTOR });
    if (nodeId === 0) throw new Error(`no ${OPEN_FILES_SELECTOR} on the page`);
    const chosenAtMs = (await page.evaluate('window.__benchFilesChosenAt = performance.now()')) as number;
    await cdp.send('DOM.setFileInputFiles', { nodeId, files: [...paths] });
    return chosenAtMs;
  };
}

/** What the local row says for one series: medians over its repetitions (null when no session succeeded). */
export interface LocalSummary {
  readonly key: string;
  readonly sliceCount: number;
  readonly megabytes: number;
  readonly floorMs: number | null;
  readonly firstImageMs: number | null;
  readonly sagittalReadyMs: number | null;
  /** The sagittal view drawn with its whole volume (`data-complete-render`), which can follow `sagittalReadyMs`. */
  readonly sagittalDrawnMs: number | null;
  readonly sagittalOverFloor: number | null;
  readonly peakRssBytes: number | null;
  readonly peakPssBytes: number | null;
  readonly browserCpuS: number | null;
  readonly sessions: number;
  readonly failed: number;
  readonly disturbed: number;
}

/** Summarises the 'local-floor' and 'ours-local' sessions of one series. */
export function summarizeLocal(series: GeneratedSeries, sessions: readonly SessionResult[]): LocalSummary {
  const local = sessions.filter((s) => s.kind === 'local-floor' || s.kind === 'ours-local');
  const ok = (kind: SessionResult['kind']) => local.filter((s) => s.kind === kind && s.ok);
  const floor = spreadOf(ok('local-floor').map((s) => s.floor?.ms));
  const ours = ok('ours-local');
  const sagittal = spreadOf(ours.map((s) => s.sagittalReadyMs));
  const median = (values: ReadonlyArray<number | undefined>) => spreadOf(values)?.median ?? null;
  return {
    key: series.key,
    sliceCount: series.sliceCount,
    megabytes: series.totalBytes / 1e6,
    floorMs: floor?.median ?? null,
    firstImageMs: median(ours.map((s) => s.firstImageMs)),
    sagittalReadyMs: sagittal?.median ?? null,
    sagittalDrawnMs: median(ours.map((s) => s.sagittalDrawnMs)),
    sagittalOverFloor: ratioOf(sagittal, floor),
    peakRssBytes: median(ours.map((s) => s.peakRssBytes)),
    peakPssBytes: median(ours.map((s) => s.peakPssBytes)),
    browserCpuS: median(ours.map((s) => Object.values(s.cpuSecondsByType ?? {}).reduce((sum, cpuS) => sum + cpuS, 0))),
    sessions: local.length,
    failed: local.filter((s) => !s.ok).length,
    disturbed: local.filter((s) => s.disturbed).length,
  };
}

/** One markdown table of the local rows (issue 16's goal: sagittal ready ≤ `goal` × the floor). */
export function formatLocalTable(summaries: readonly LocalSummary[], goal: number): string {
  const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
  const gigabytes = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1e9).toFixed(2)} GB`);
  const header = ['local files', 'read floor', 'first image', 'sagittal ready', 'drawn complete', `÷ floor (goal ≤ ${goal})`, 'peak RSS', 'peak PSS', 'browser CPU', 'disturbed'];
  const rows = summaries.map((s) => [
    `N=${s.sliceCount} raw (${s.megabytes.toFixed(0)} MB)`,
    seconds(s.floorMs),
    seconds(s.firstImageMs),
    seconds(s.sagittalReadyMs),
    seconds(s.sagittalDrawnMs),
    s.sagittalOverFloor === null ? 'n/a' : `${s.sagittalOverFloor.toFixed(2)}× ${s.sagittalOverFloor <= goal ? '✓' : '✗'}`,
    gigabytes(s.peakRssBytes),
    gigabytes(s.peakPssBytes),
    s.browserCpuS === null ? 'n/a' : `${s.browserCpuS.toFixed(1)} s`,
    `${s.disturbed}/${s.sessions}${s.failed > 0 ? `, ${s.failed} failed` : ''}`,
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
