/**
 * Time of the image-analysis assistance in the browser (real Chromium, the built app, the phantom CT):
 * one click per vertebra on T10–L3 and the two-click spine detection T10→L3, each repeated. Prints, per kind, the
 * median analysis time in the worker and the median round trip from the click to the vertebra on the page.
 * Run after `npm run build` and `npm run sample`: `npm run bench:assist-browser`. Prints figures; asserts nothing.
 */
import { loadGroundTruth, sampleFiles, type GroundTruthLevel, type Vec3 } from '../e2e/pageObject';
import { startSession } from '../e2e/session';

const REPEATS = 3;

interface Timing {
  kind: string;
  analysisMs: number;
  roundTripMs: number;
  vertebrae: number;
}

function centreOf(level: GroundTruthLevel): Vec3 {
  const all = Object.values(level.points);
  return [0, 1, 2].map((i) => all.reduce((sum, p) => sum + p[i]!, 0) / all.length) as Vec3;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const truth = loadGroundTruth();
  const baseline = truth.studies.find((s) => s.key === 'baseline')!;
  const levels = baseline.levels!;
  const session = await startSession();
  const { viewer } = session;
  try {
    await viewer.openFiles(sampleFiles('baseline', 'ct'));
    await viewer.openSeries(baseline.series.find((s) => s.key === 'ct')!.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    const settled = () => viewer.page.locator('[data-testid="assist-status"][data-pending="0"]').waitFor({ timeout: 120_000 });
    const lastTiming = () => viewer.page.evaluate(() => window.vertebralViewer.getState().assist.lastTiming) as Promise<Timing | null>;
    /** Clicks, then waits for a new timing (cornerstone holds a mouse-down back briefly to tell a double click). */
    const clickAt = async (world: Vec3, expectTiming = true) => {
      const before = JSON.stringify(await lastTiming());
      const p = await viewer.pagePointOf('sagittal', world);
      await viewer.page.mouse.click(p.x, p.y);
      if (expectTiming) {
        await viewer.page.waitForFunction((prev) => {
          const s = window.vertebralViewer.getState().assist;
          return (s.lastTiming !== null && JSON.stringify(s.lastTiming) !== prev) || s.notice?.kind === 'error';
        }, before, { timeout: 120_000 });
      } else {
        await viewer.page.waitForFunction(() => window.vertebralViewer.getState().assist.detection?.step === 'last', undefined, { timeout: 30_000 });
      }
      await settled();
    };
    const clear = async () => {
      while ((await viewer.page.locator('[data-testid="delete-measurement"]').count()) > 0) {
        await viewer.page.locator('[data-testid="delete-measurement"]').first().click();
      }
    };
    const perVertebra: Timing[] = [];
    const perSpine: Timing[] = [];
    let firstClick: Timing | null = null;
    for (let run = 0; run < REPEATS; run += 1) {
      await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
      for (const level of levels) {
        await viewer.chooseLevel(level.level);
        await clickAt(centreOf(level));
        const timing = await lastTiming();
        if (!timing || timing.kind !== 'vertebra') {
          const notice = await viewer.page.evaluate(() => window.vertebralViewer.getState().assist.notice?.message ?? '');
          throw new Error(`no proposal for ${level.level}: ${notice}`);
        }
        if (firstClick === null) firstClick = timing;
        else perVertebra.push(timing);
      }
      await clear();
      await viewer.page.locator('[data-testid="assist-mode"]').selectOption('off');
      await viewer.chooseLevel(levels[0]!.level);
      await viewer.page.locator('[data-testid="detect-spine"]').click();
      await clickAt(centreOf(levels[0]!), false);
      await clickAt(centreOf(levels[levels.length - 1]!));
      const timing = await lastTiming();
      if (!timing || timing.kind !== 'spine') throw new Error('no spine proposal');
      perSpine.push(timing);
      await clear();
    }
    const cores = await viewer.page.evaluate(() => navigator.hardwareConcurrency);
    console.log(`assistance in the browser (Chromium, ${cores} logical cores, phantom CT 512 × 512 × 227, median of ${REPEATS} runs)`);
    console.log(`first click of the series (hands the volume to the worker): round trip ${firstClick?.roundTripMs.toFixed(0)} ms`);
    console.log(`one click per vertebra: analysis ${median(perVertebra.map((t) => t.analysisMs)).toFixed(0)} ms, click to vertebra ${median(perVertebra.map((t) => t.roundTripMs)).toFixed(0)} ms (${perVertebra.length} clicks)`);
    console.log(`spine T10→L3 (${perSpine[0]?.vertebrae} bodies): analysis ${median(perSpine.map((t) => t.analysisMs)).toFixed(0)} ms, click to vertebrae ${median(perSpine.map((t) => t.roundTripMs)).toFixed(0)} ms`);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
