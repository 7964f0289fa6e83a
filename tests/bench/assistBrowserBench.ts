/**
 * Time of the image-analysis assistance in the browser (real Chromium, the built app, the phantom CT 512 × 512 × 227),
 * by stage, in REPEATS sessions (medians, and the range): switching assistance on and the volume's hand-over to the
 * worker, traced on the page's main thread (its longest task, wall and CPU, and what it ran); the worker's warm-up
 * after it (CPU); the first click after the warm-up; one click per vertebra on T10–L3; the two-click spine T10→L3. For
 * the analysis it prints the wall time in the worker, the click-to-result time on the page and the worker threads' CPU
 * time (/proc on Linux): on a loaded machine the wall time is mostly waiting for a core. T4–L5 (14 bodies) is
 * estimated from T10→L3 (see main). Run after `npm run build` and `npm run sample`: `npm run bench:assist-browser`.
 * Prints figures; asserts nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { installWorkerProbe, probeRecord, waitForAnswer, type ProbeRecord } from '../e2e/assistWorkerProbe';
import { loadGroundTruth, sampleFiles, type GroundTruthLevel, type Vec3 } from '../e2e/pageObject';
import { startSession, type ViewerSession } from '../e2e/session';
import { traceMainThread, type MainThreadRecord } from './mainThreadTrace';

const REPEATS = Number(process.env.BENCH_RUNS ?? 3);
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

/** The hand-over's stages from the probe: its wall time, its chunks and the longest copy between two of them. */
interface HandOver {
  readonly wallMs: number;
  readonly chunks: number;
  /** Longest time from the worker's answer to one chunk to the page posting the next (the copy), ms. */
  readonly longestCopyMs: number;
}

function handOverOf(record: ProbeRecord): HandOver | null {
  const out = (type: string) => record.messages.filter((m) => m.direction === 'out' && m.type === type);
  const answered = (type: string) => record.messages.filter((m) => m.direction === 'in' && m.type === type);
  const begin = out('beginVolume')[0];
  const end = answered('endVolume')[0];
  if (!begin || !end) return null;
  const chunkOut = out('volumeChunk');
  const chunkIn = answered('volumeChunk');
  const copies = chunkOut.slice(1).map((m, k) => m.atMs - (chunkIn[k]?.atMs ?? m.atMs));
  return { wallMs: end.atMs - begin.atMs, chunks: chunkOut.length, longestCopyMs: Math.max(0, ...copies) };
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

/** Polls a CPU clock until it has not moved for `quietMs` (the worker is idle), at most `timeoutMs`; the CPU used meanwhile. */
async function untilIdle(clock: () => number, quietMs = 600, timeoutMs = 60_000): Promise<number> {
  const start = clock();
  const deadline = performance.now() + timeoutMs;
  let last = start;
  let stillSince = performance.now();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = clock();
    if (now !== last) {
      last = now;
      stillSince = performance.now();
    } else if (performance.now() - stillSince >= quietMs) {
      break;
    }
  }
  return last - start;
}

/** The figures of one session. */
interface Run {
  readonly load: number;
  readonly handOver: HandOver | null;
  readonly page: MainThreadRecord;
  /** Worker CPU from switching assistance on until the worker was idle (taking the chunks, then the warm-up), ms; NaN without /proc. */
  readonly warmUpCpuMs: number;
  readonly firstClick: Timing;
  /** Worker CPU of the first click, ms. */
  readonly firstClickCpuMs: number;
  readonly perVertebra: readonly Timing[];
  /** Worker CPU per click of one click per vertebra, ms (mean over the clicks). */
  readonly perVertebraCpuMs: number;
  readonly spine: Timing;
  readonly spineCpuMs: number;
}

async function runOnce(levels: readonly GroundTruthLevel[], seriesUid: string): Promise<Run> {
  const session = await startSession({ initScript: installWorkerProbe });
  const { viewer } = session;
  const load = loadavg()[0]!;
  try {
    await viewer.openFiles(sampleFiles('baseline', 'ct'));
    await viewer.openSeries(seriesUid);
    await viewer.waitLoaded('sagittal');
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    // Choosing the tool resizes the sagittal view (the study browser gives way), and cornerstone renders it again: let
    // that frame pass before switching assistance on, so the trace below holds only what switching on causes.
    // (A string: tsx would wrap a named function in a helper the page does not have.)
    await viewer.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))))');
    const clock = (await workerCpuClock(session)) ?? (() => Number.NaN);
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
    const clickVertebra = async (level: GroundTruthLevel): Promise<Timing> => {
      await viewer.chooseLevel(level.level);
      await clickAt(centreOf(level));
      const timing = await lastTiming();
      if (!timing || timing.kind !== 'vertebra') {
        const notice = await viewer.page.evaluate(() => window.vertebralViewer.getState().assist.notice?.message ?? '');
        throw new Error(`no proposal for ${level.level}: ${notice}`);
      }
      return timing;
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

    // Switching assistance on hands the volume over in the background: the page's main thread traced meanwhile.
    const beforeHandOver = clock();
    const page = await traceMainThread(viewer.page, async () => {
      await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
      await waitForAnswer(viewer.page, 'endVolume');
    });
    const handOver = handOverOf(await probeRecord(viewer.page));
    // The worker warms up after the hand-over; a reader's first click comes seconds later, after it.
    await untilIdle(clock);
    const warmUpCpuMs = clock() - beforeHandOver;
    let cpu = clock();
    const firstClick = await clickVertebra(levels[0]!);
    const firstClickCpuMs = clock() - cpu;
    cpu = clock();
    const perVertebra: Timing[] = [];
    for (const level of levels.slice(1)) perVertebra.push(await clickVertebra(level));
    const perVertebraCpuMs = (clock() - cpu) / perVertebra.length;
    await clear();
    cpu = clock();
    const spine = await detectSpineOnce();
    const spineCpuMs = clock() - cpu;
    return { load, handOver, page, warmUpCpuMs, firstClick, firstClickCpuMs, perVertebra, perVertebraCpuMs, spine, spineCpuMs };
  } finally {
    await session.close();
  }
}

/** "median (min–max)" of some figures, ms. */
function spread(values: readonly number[], unit = 'ms'): string {
  if (values.some((v) => !Number.isFinite(v))) return 'not measured';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return `${median(values).toFixed(0)} ${unit} (${lo.toFixed(0)}–${hi.toFixed(0)})`;
}

async function main(): Promise<void> {
  const truth = loadGroundTruth();
  const baseline = truth.studies.find((s) => s.key === 'baseline')!;
  const levels = baseline.levels!;
  const seriesUid = baseline.series.find((s) => s.key === 'ct')!.seriesInstanceUID;
  const runs: Run[] = [];
  for (let run = 0; run < REPEATS; run += 1) runs.push(await runOnce(levels, seriesUid));
  const all = <T,>(f: (r: Run) => T) => runs.map(f);
  const bodies = runs[0]!.spine.vertebrae;
  const longest = runs.map((r) => r.page.longTasks[0] ?? { wallMs: 0, cpuMs: 0, what: 'none' });
  const worst = [...longest].sort((a, b) => b.wallMs - a.wallMs)[0]!;
  console.log(`assistance in the browser (Chromium, 2 logical cores of this machine, headless with SwiftShader; phantom CT 512 × 512 × 227; ` +
    `${REPEATS} sessions: median (min–max); load average at the sessions' start ${all((r) => r.load.toFixed(1)).join(', ')})`);
  console.log(`switching assist on and the volume hand-over: ${spread(all((r) => r.handOver?.wallMs ?? Number.NaN))} for ${runs[0]!.handOver?.chunks ?? '?'} chunks; ` +
    `longest copy of a chunk ${spread(all((r) => r.handOver?.longestCopyMs ?? Number.NaN))}`);
  console.log(`  page main thread meanwhile: ${spread(all((r) => r.page.cpuMs))} of CPU in ${spread(all((r) => r.page.tasks), 'tasks')}; ` +
    `long tasks (≥ 50 ms) ${all((r) => r.page.longTasks.length).join(', ')}; longest task ${spread(longest.map((t) => t.wallMs))} wall, ` +
    `${spread(longest.map((t) => t.cpuMs))} of its thread's CPU; the longest of all: ${worst.wallMs.toFixed(0)} ms wall, ${worst.cpuMs.toFixed(0)} ms CPU, ${worst.what}`);
  console.log(`worker CPU from switching assist on until idle (taking the chunks, then the warm-up): ${spread(all((r) => r.warmUpCpuMs))}`);
  console.log(`first click after the warm-up: analysis ${spread(all((r) => r.firstClick.analysisMs))}, click to vertebra ${spread(all((r) => r.firstClick.roundTripMs))}, ` +
    `worker CPU ${spread(all((r) => r.firstClickCpuMs))}`);
  const perVertebra = (f: (t: Timing) => number) => all((r) => median(r.perVertebra.map(f)));
  console.log(`one click per vertebra (${runs[0]!.perVertebra.length} clicks a session, median per session): analysis ${spread(perVertebra((t) => t.analysisMs))}, ` +
    `click to vertebra ${spread(perVertebra((t) => t.roundTripMs))}, worker CPU ${spread(all((r) => r.perVertebraCpuMs))} per click`);
  console.log(`spine T10→L3 (${bodies} bodies): analysis ${spread(all((r) => r.spine.analysisMs))}, click to vertebrae ${spread(all((r) => r.spine.roundTripMs))}, ` +
    `worker CPU ${spread(all((r) => r.spineCpuMs))}`);
  // T4–L5 from T10→L3: the spine's cost is one proposal per body (the two end bodies' and the bodies between), the
  // centreline's profile and the disc placement being a few ms; so the cost scales with the bodies.
  const scale = T4_TO_L5_BODIES / bodies;
  console.log(`T4–L5 (${T4_TO_L5_BODIES} bodies), estimated as T10→L3 × ${T4_TO_L5_BODIES}/${bodies} (one proposal per body): ` +
    `worker CPU ${spread(all((r) => r.spineCpuMs * scale))}, analysis ${spread(all((r) => r.spine.analysisMs * scale))}, ` +
    `click to vertebrae ${spread(all((r) => r.spine.roundTripMs * scale))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
