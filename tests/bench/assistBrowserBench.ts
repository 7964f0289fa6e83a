/**
 * Time of the image-analysis assistance in the browser (real Chromium, the built app, the phantom CT 512 × 512 × 227),
 * by stage: the volume's hand-over to the worker (in the background once assistance is switched on), the first click
 * after it, one click per vertebra on T10–L3 and the two-click spine detection T10→L3, each repeated REPEATS times
 * (medians). For the analysis it prints the wall time in the worker, the click-to-result time on the page, and, from a
 * further pass, the CPU time of the worker threads (/proc on Linux), against the wall time: how much of it the worker
 * ran (on a loaded machine the rest is waiting for a core). T4–L5 (14 bodies) is estimated from T10→L3.
 * Run after `npm run build` and `npm run sample`: `npm run bench:assist-browser`. Prints figures; asserts nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { installWorkerProbe, probeRecord, waitForAnswer, type ProbeRecord } from '../e2e/assistWorkerProbe';
import { loadGroundTruth, sampleFiles, type GroundTruthLevel, type Vec3 } from '../e2e/pageObject';
import { startSession, type ViewerSession } from '../e2e/session';

const REPEATS = 3;
/** Bodies from T4 to L5, the spine. */
const T4_TO_L5_BODIES = 14;

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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The hand-over's stages from the probe: total, chunks, longest copy between two chunks, long tasks meanwhile. */
function handOverStages(record: ProbeRecord): string {
  const out = (type: string) => record.messages.filter((m) => m.direction === 'out' && m.type === type);
  const answered = (type: string) => record.messages.filter((m) => m.direction === 'in' && m.type === type);
  const begin = out('beginVolume')[0];
  const end = answered('endVolume')[0];
  if (!begin || !end) return 'volume hand-over: not seen';
  // The page copies chunk k + 1 between the worker's answer to chunk k and posting chunk k + 1.
  const chunkOut = out('volumeChunk');
  const chunkIn = answered('volumeChunk');
  const copies = chunkOut.slice(1).map((m, k) => m.atMs - (chunkIn[k]?.atMs ?? m.atMs));
  const longTasks = record.longTasks.filter((t) => t.startMs + t.durationMs >= begin.atMs && t.startMs <= end.atMs);
  return `volume hand-over (in the background, from switching assist on): ${ms(end.atMs - begin.atMs)} for ${chunkOut.length} chunks; ` +
    `longest copy of a chunk on the page ${ms(Math.max(0, ...copies))}; page long tasks (> 50 ms) meanwhile: ${longTasks.length}` +
    (longTasks.length ? ` (longest ${ms(Math.max(...longTasks.map((t) => t.durationMs)))})` : '');
}

/** Clock ticks per second of /proc/<pid>/task/<tid>/stat's times on Linux (USER_HZ). */
const CLOCK_TICKS_PER_S = 100;

/**
 * A clock of the CPU time the page's worker threads have used, ms: the renderer processes come from the browser's
 * DevTools protocol (SystemInfo.getProcessInfo), their threads named "DedicatedWorker…" from /proc (Linux). Only the
 * analysis worker works while the clicks are analysed (the decoding worker is idle once the series is in). Null when
 * /proc is not there.
 */
async function workerCpuClock(session: ViewerSession): Promise<(() => number) | null> {
  const cdp = await session.browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  if (!existsSync('/proc/self/task')) return null;
  return () => {
    let ticks = 0;
    for (const pid of renderers) {
      const tasks = `/proc/${pid}/task`;
      if (!existsSync(tasks)) continue;
      for (const tid of readdirSync(tasks)) {
        try {
          if (!readFileSync(`${tasks}/${tid}/comm`, 'utf8').startsWith('DedicatedWorker')) continue;
          const stat = readFileSync(`${tasks}/${tid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          ticks += Number(fields[11]) + Number(fields[12]);
        } catch {
          // A thread that ended meanwhile.
        }
      }
    }
    return (1000 * ticks) / CLOCK_TICKS_PER_S;
  };
}

async function main(): Promise<void> {
  const truth = loadGroundTruth();
  const baseline = truth.studies.find((s) => s.key === 'baseline')!;
  const levels = baseline.levels!;
  const session = await startSession({ initScript: installWorkerProbe });
  const { viewer } = session;
  const load = loadavg()[0]!;
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
    const clickEachVertebra = async (into: Timing[]) => {
      await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
      for (const level of levels) {
        await viewer.chooseLevel(level.level);
        await clickAt(centreOf(level));
        const timing = await lastTiming();
        if (!timing || timing.kind !== 'vertebra') {
          const notice = await viewer.page.evaluate(() => window.vertebralViewer.getState().assist.notice?.message ?? '');
          throw new Error(`no proposal for ${level.level}: ${notice}`);
        }
        into.push(timing);
      }
      await clear();
    };
    const detectSpineOnce = async (): Promise<Timing> => {
      await viewer.page.locator('[data-testid="assist-mode"]').selectOption('off');
      await viewer.chooseLevel(levels[0]!.level);
      await viewer.page.locator('[data-testid="detect-spine"]').click();
      await clickAt(centreOf(levels[0]!), false);
      await clickAt(centreOf(levels[levels.length - 1]!));
      const timing = await lastTiming();
      if (!timing || timing.kind !== 'spine') throw new Error('no spine proposal');
      await clear();
      return timing;
    };

    // Stage 1: switching assistance on hands the volume over in the background; the first click comes after it.
    await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
    await waitForAnswer(viewer.page, 'endVolume');
    const handOver = handOverStages(await probeRecord(viewer.page));
    const perVertebra: Timing[] = [];
    const perSpine: Timing[] = [];
    const firstRun: Timing[] = [];
    await clickEachVertebra(firstRun);
    const firstClick = firstRun[0]!;
    perVertebra.push(...firstRun.slice(1));
    perSpine.push(await detectSpineOnce());
    for (let run = 1; run < REPEATS; run += 1) {
      await clickEachVertebra(perVertebra);
      perSpine.push(await detectSpineOnce());
    }
    // The worker threads' CPU time over the timed runs, against the worker's wall time (a loaded machine's cores are
    // shared: the difference is the time the worker waited for one).
    const cpuMs = await workerCpuClock(session);
    const cpuAtStart = cpuMs?.() ?? 0;
    const cpuClicks: Timing[] = [];
    await clickEachVertebra(cpuClicks);
    const cpuAfterClicks = cpuMs?.() ?? 0;
    const cpuSpine = await detectSpineOnce();
    const cpuAfterSpine = cpuMs?.() ?? 0;
    const sumAnalysis = (t: readonly Timing[]) => t.reduce((s, x) => s + x.analysisMs, 0);
    const cores = await viewer.page.evaluate(() => navigator.hardwareConcurrency);
    const bodies = perSpine[0]?.vertebrae ?? levels.length;
    const vertebraAnalysis = median(perVertebra.map((t) => t.analysisMs));
    const vertebraRoundTrip = median(perVertebra.map((t) => t.roundTripMs));
    const spineAnalysis = median(perSpine.map((t) => t.analysisMs));
    const spineRoundTrip = median(perSpine.map((t) => t.roundTripMs));
    console.log(`assistance in the browser (Chromium, ${cores} logical cores, load average ${load.toFixed(1)} at the start; phantom CT 512 × 512 × 227; median of ${REPEATS} runs)`);
    console.log(handOver);
    console.log(`first click after the hand-over (the worker's code not yet optimised): analysis ${ms(firstClick.analysisMs)}, click to vertebra ${ms(firstClick.roundTripMs)}`);
    console.log(`one click per vertebra: analysis ${ms(vertebraAnalysis)}, click to vertebra ${ms(vertebraRoundTrip)} (${perVertebra.length} clicks)`);
    console.log(`spine T10→L3 (${bodies} bodies): analysis ${ms(spineAnalysis)}, click to vertebrae ${ms(spineRoundTrip)}`);
    const clicksCpuMs = (cpuAfterClicks - cpuAtStart) / cpuClicks.length;
    const spineCpuMs = cpuAfterSpine - cpuAfterClicks;
    console.log(cpuMs
      ? `worker CPU (a further pass, /proc, 10 ms ticks): one click per vertebra ${ms(clicksCpuMs)} of CPU in ${ms(sumAnalysis(cpuClicks) / cpuClicks.length)} wall; ` +
        `spine ${ms(spineCpuMs)} of CPU in ${ms(cpuSpine.analysisMs)} wall`
      : 'worker CPU: not measured (no /proc)');
    console.log(`T4–L5 (${T4_TO_L5_BODIES} bodies), estimated by scaling T10→L3 by bodies (${T4_TO_L5_BODIES}/${bodies}): ` +
      `two-click spine ${ms((spineRoundTrip * T4_TO_L5_BODIES) / bodies)} click to vertebrae` +
      (cpuMs ? ` (${ms((spineCpuMs * T4_TO_L5_BODIES) / bodies)} of worker CPU)` : '') +
      `; one click each: ${ms(vertebraRoundTrip)} per click`);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
