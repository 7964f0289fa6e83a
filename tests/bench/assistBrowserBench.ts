/**
 * Time of the image-analysis assistance in the browser (real Chromium, the built app), by stage, in REPEATS sessions
 * (medians, and the range).
 * - The phantom CT 512 × 512 × 227 (a reformat): switching assistance on and the volume's hand-over to the worker,
 *   traced on the page's main thread (its longest task, wall and CPU, and what it ran); the worker's warm-up after it
 *   (CPU); the first click after the warm-up; one click per vertebra on T10–L3; the two-click spine T10→L3.
 * - The phantom MR T2 and the real VerSe CT (when ../shared/real-spine/ is there), each opened as its native sagittal
 *   stack: the same clicks, each on the plane through the body's centre (VerSe: its expert centroid); a native stack
 *   sends the displayed image and its neighbours with each click, so there is no hand-over.
 * - Issue 12's spine T4→L5 (fourteen bodies) on the whole-spine phantom (tests/e2e/wholeSpineSeries.ts, written into a
 *   temporary folder): its axial CT opened as a reformat and its sagittal T2 MR as a native stack; two clicks, on T4's
 *   centre and on L5's, and each body found judged against the truth's level.
 * - The real contrast chest CT (CHEST_CT_PATH, when there) as its axial series on the sagittal reformat: one click per
 *   body and the spine T4→T12 (`-- --chest`: it alone).
 * For the analysis it prints the wall time in the worker, the click-to-result time on the page and the worker threads'
 * CPU time (/proc on Linux): on a loaded machine the wall time is mostly waiting for a core. Run after `npm run build`
 * and `npm run sample`: `npm run bench:assist-browser` (`-- --whole-spine`: the whole spine alone). Prints figures;
 * asserts nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WALL_INSET_MM } from '../../analysis';
import type { SixPoints } from '../../measurement';
import { deterministicUid } from '../../sample-data/uids';
import { installWorkerProbe, probeRecord, waitForAnswer, type ProbeRecord } from '../e2e/assistWorkerProbe';
import { loadGroundTruth, sampleFiles, type Vec3, type ViewerPage } from '../e2e/pageObject';
import { CHEST_CT_SERIES, VERSE_SERIES, writeSagittalSeries, writeStackSeries } from '../e2e/sagittalSeries';
import { startSession, type ViewerSession } from '../e2e/session';
import { writeWholeSpineCt, writeWholeSpineMr, wholeSpineTruth, type WrittenSeries } from '../e2e/wholeSpineSeries';
import { CHEST_CT_PATH, chestCtAvailable, readChestCt, readNifti, VERSE_DIR, verseAvailable, verseReferences } from '../helpers/assistData';
import type { RegionTruth } from '../helpers/regionSpines';
import { atItsLevel } from './assistFigures';
import { traceMainThread, type MainThreadRecord } from './mainThreadTrace';

const REPEATS = Number(process.env.BENCH_RUNS ?? 3);

interface Timing {
  kind: string;
  analysisMs: number;
  roundTripMs: number;
  vertebrae: number;
}

/** The mean of a body's six points. */
function centreOf(body: { readonly points: Readonly<Record<string, readonly number[]>> | SixPoints }): Vec3 {
  const all: readonly (readonly number[])[] = Object.values(body.points);
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

/** The clicks of one session and their worker CPU (ms; NaN without /proc). */
interface Clicks {
  readonly load: number;
  readonly firstClick: Timing;
  readonly firstClickCpuMs: number;
  readonly perVertebra: readonly Timing[];
  /** Worker CPU per click of one click per vertebra, ms (mean over the clicks). */
  readonly perVertebraCpuMs: number;
  readonly spine: Timing;
  readonly spineCpuMs: number;
  /** The spine's bodies: their levels and reasons. */
  readonly spineBodies: readonly Found[];
}

/** The phantom's session: the clicks, and switching assistance on before them (the volume's hand-over). */
interface PhantomRun extends Clicks {
  readonly handOver: HandOver | null;
  readonly page: MainThreadRecord;
  /** Worker CPU from switching assistance on until the worker was idle (taking the chunks, then the warm-up), ms; NaN without /proc. */
  readonly warmUpCpuMs: number;
}

/** A body the page holds after a detection: its level and its six points. */
interface Found {
  readonly level: string;
  readonly points: Readonly<Record<string, readonly number[]>>;
  /** The codes of the reasons its confidence is low ("check"); empty when it is not. */
  readonly reasons: readonly string[];
}

/** A body to click: its level and the world point of its centre. */
interface Body {
  readonly level: string;
  readonly centre: Vec3;
  /** A native sagittal stack is scrolled to the image through the centre first; a reformat shows every plane. */
  readonly onStack: boolean;
}

/** Drives and times the clicks of one session, through the automation surface; the height tool is chosen. */
class ClickDriver {
  constructor(readonly viewer: ViewerPage, readonly clock: () => number) {}

  static async start(session: ViewerSession): Promise<ClickDriver> {
    return new ClickDriver(session.viewer, (await workerCpuClock(session)) ?? (() => Number.NaN));
  }

  private settled(): Promise<void> {
    return this.viewer.page.locator('[data-testid="assist-status"][data-pending="0"]').waitFor({ timeout: 120_000 });
  }

  private lastTiming(): Promise<Timing | null> {
    return this.viewer.page.evaluate(() => window.vertebralViewer.getState().assist.lastTiming) as Promise<Timing | null>;
  }

  /** Clicks, then waits for a new timing (cornerstone holds a mouse-down back briefly to tell a double click). */
  private async clickAt(world: Vec3, expectTiming = true): Promise<void> {
    const page = this.viewer.page;
    const before = JSON.stringify(await this.lastTiming());
    const p = await this.viewer.pagePointOf('sagittal', world);
    await page.mouse.click(p.x, p.y);
    if (expectTiming) {
      await page.waitForFunction((prev) => {
        const s = window.vertebralViewer.getState().assist;
        return (s.lastTiming !== null && JSON.stringify(s.lastTiming) !== prev) || s.notice?.kind === 'error';
      }, before, { timeout: 120_000 });
    } else {
      await page.waitForFunction(() => window.vertebralViewer.getState().assist.detection?.step === 'last', undefined, { timeout: 30_000 });
    }
    await this.settled();
  }

  async clear(): Promise<void> {
    const remove = this.viewer.page.locator('[data-testid="delete-measurement"]');
    while ((await remove.count()) > 0) await remove.first().click();
  }

  /** One click per vertebra (assist mode `click`), with its worker CPU. */
  async clickVertebra(body: Body): Promise<{ timing: Timing; cpuMs: number }> {
    if (body.onStack) await this.viewer.showSagittalPlaneAt(body.centre[0]);
    await this.viewer.chooseLevel(body.level);
    const cpu = this.clock();
    await this.clickAt(body.centre);
    const cpuMs = this.clock() - cpu;
    const timing = await this.lastTiming();
    if (!timing || timing.kind !== 'vertebra') {
      const notice = await this.viewer.page.evaluate(() => window.vertebralViewer.getState().assist.notice?.message ?? '');
      throw new Error(`no proposal for ${body.level}: ${notice}`);
    }
    return { timing, cpuMs };
  }

  /**
   * The spine from two clicks, both on the first body's plane (as a reader does on a stack), and the bodies it put on
   * the displayed series; leaves the page empty.
   */
  async detectSpine(first: Body, last: Body): Promise<{ timing: Timing; cpuMs: number; bodies: readonly Found[] }> {
    await this.viewer.page.locator('[data-testid="assist-mode"]').selectOption('off');
    await this.viewer.chooseLevel(first.level);
    await this.viewer.page.locator('[data-testid="detect-spine"]').click();
    if (first.onStack) await this.viewer.showSagittalPlaneAt(first.centre[0]);
    const cpu = this.clock();
    await this.clickAt(first.centre, false);
    await this.clickAt([first.centre[0], last.centre[1], last.centre[2]]);
    const cpuMs = this.clock() - cpu;
    const timing = await this.lastTiming();
    if (!timing || timing.kind !== 'spine') throw new Error('no spine proposal');
    const bodies = await this.viewer.page.evaluate(() => {
      const s = window.vertebralViewer.getState();
      return Object.values(s.measurements.byId)
        .filter((m) => m.seriesKey === s.plan?.seriesKey)
        .map((m) => ({ level: m.level, points: m.points as unknown as Readonly<Record<string, readonly number[]>>, reasons: (m.reasons ?? []).map((r) => r.code) }));
    });
    await this.clear();
    return { timing, cpuMs, bodies };
  }

  /** One click per body, then the spine from the first to the last. */
  async clicks(bodies: readonly Body[], load: number): Promise<Clicks> {
    const first = await this.clickVertebra(bodies[0]!);
    const rest: Array<{ timing: Timing; cpuMs: number }> = [];
    for (const body of bodies.slice(1)) rest.push(await this.clickVertebra(body));
    await this.clear();
    const spine = await this.detectSpine(bodies[0]!, bodies[bodies.length - 1]!);
    return {
      load,
      firstClick: first.timing,
      firstClickCpuMs: first.cpuMs,
      perVertebra: rest.map((r) => r.timing),
      perVertebraCpuMs: rest.reduce((sum, r) => sum + r.cpuMs, 0) / rest.length,
      spine: spine.timing,
      spineCpuMs: spine.cpuMs,
      spineBodies: spine.bodies,
    };
  }
}

async function chooseHeightTool(viewer: ViewerPage): Promise<void> {
  const tool = viewer.page.locator('[data-testid="tool-vertebral-height"]');
  if ((await tool.getAttribute('aria-pressed')) !== 'true') await tool.click();
}

async function runPhantomOnce(bodies: readonly Body[], seriesUid: string): Promise<PhantomRun> {
  const session = await startSession({ initScript: installWorkerProbe });
  const { viewer } = session;
  const load = loadavg()[0]!;
  try {
    await viewer.openFiles(sampleFiles('baseline', 'ct'));
    await viewer.openSeries(seriesUid);
    await viewer.waitLoaded('sagittal');
    await chooseHeightTool(viewer);
    // Choosing the tool resizes the sagittal view (the study browser gives way), and cornerstone renders it again: let
    // that frame pass before switching assistance on, so the trace below holds only what switching on causes.
    // (A string: tsx would wrap a named function in a helper the page does not have.)
    await viewer.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))))');
    const driver = await ClickDriver.start(session);
    // Switching assistance on hands the volume over in the background: the page's main thread traced meanwhile.
    const beforeHandOver = driver.clock();
    const page = await traceMainThread(viewer.page, async () => {
      await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
      await waitForAnswer(viewer.page, 'endVolume');
    });
    const handOver = handOverOf(await probeRecord(viewer.page));
    // The worker warms up after the hand-over; a reader's first click comes seconds later, after it.
    await untilIdle(driver.clock);
    const warmUpCpuMs = driver.clock() - beforeHandOver;
    return { ...(await driver.clicks(bodies, load)), handOver, page, warmUpCpuMs };
  } finally {
    await session.close();
  }
}

/**
 * Opens `files`' series with the height tool chosen and assistance on, and waits until the worker is idle: after a
 * reformat's volume hand-over (`handOver`; the session has the worker probe) and the warm-up.
 */
async function openWithAssist(session: ViewerSession, files: readonly string[], seriesUid: string, handOver: boolean): Promise<ClickDriver> {
  const { viewer } = session;
  await viewer.openFiles([...files]);
  await viewer.openSeries(seriesUid);
  await viewer.waitLoaded('sagittal');
  await chooseHeightTool(viewer);
  await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
  if (handOver) await waitForAnswer(viewer.page, 'endVolume');
  const driver = await ClickDriver.start(session);
  await untilIdle(driver.clock);
  return driver;
}

/**
 * A native sagittal stack opened from local files (the phantom MR; the real VerSe CT, 35 planes 3 mm apart, written into
 * a temporary folder by tests/e2e/sagittalSeries.ts): each click sends the displayed image and its neighbours to the
 * worker, so no hand-over; switching assistance on has the worker warm up on the displayed image.
 */
async function runStackOnce(files: readonly string[], seriesUid: string, bodies: readonly Body[]): Promise<Clicks> {
  const session = await startSession();
  const load = loadavg()[0]!;
  try {
    return await (await openWithAssist(session, files, seriesUid, false)).clicks(bodies, load);
  } finally {
    await session.close();
  }
}

/**
 * An axial series opened from local files and read on its sagittal reformat (the real chest CT): the volume handed over
 * when assistance is switched on, the clicks on the plane the viewer opened on.
 */
async function runReformatOnce(files: readonly string[], seriesUid: string, bodies: readonly Body[]): Promise<Clicks> {
  const session = await startSession({ initScript: installWorkerProbe });
  const load = loadavg()[0]!;
  try {
    return await (await openWithAssist(session, files, seriesUid, true)).clicks(bodies, load);
  } finally {
    await session.close();
  }
}

/** One session's spine from two clicks on a whole spine: its timing, its worker CPU, the bodies found and which were off. */
interface WholeSpineRun {
  readonly load: number;
  readonly timing: Timing;
  readonly cpuMs: number;
  readonly found: number;
  /** Levels of the bodies found whose centre is not within a third of the truth's middle height of that level's (atItsLevel). */
  readonly off: readonly string[];
  /** Levels of the truth no body was found at. */
  readonly missing: readonly string[];
  /** The bodies flagged "check": their level and reasons. */
  readonly flagged: readonly string[];
  /** A reformat's volume hand-over when assistance was switched on; null on a stack. */
  readonly handOver: HandOver | null;
}

/**
 * The whole spine's T4→L5 in one session: the series opened (a CT as a reformat, its volume handed over; an MR as its
 * native stack, scrolled to the plane x = 0), the two clicks on the centres of the truth's first and last bodies.
 */
async function runWholeSpineOnce(series: WrittenSeries, reformat: boolean, truth: readonly RegionTruth[]): Promise<WholeSpineRun> {
  const session = await startSession(reformat ? { initScript: installWorkerProbe } : {});
  const load = loadavg()[0]!;
  try {
    const driver = await openWithAssist(session, series.files, series.seriesInstanceUID, reformat);
    const body = (t: RegionTruth): Body => ({ level: t.level, centre: centreOf(t), onStack: !reformat });
    const handOver = reformat ? handOverOf(await probeRecord(session.viewer.page)) : null;
    const { timing, cpuMs, bodies } = await driver.detectSpine(body(truth[0]!), body(truth[truth.length - 1]!));
    const off = bodies.filter((b) => {
      const level = truth.find((t) => t.level === b.level);
      return !level || !atItsLevel(centreOf(b), level);
    });
    const missing = truth.filter((t) => !bodies.some((b) => b.level === t.level)).map((t) => t.level);
    const flagged = bodies.filter((b) => b.reasons.length > 0).map((b) => `${b.level} ${b.reasons.join('/')}`);
    return { load, timing, cpuMs, found: bodies.length, off: off.map((b) => b.level), missing, flagged, handOver };
  } finally {
    await session.close();
  }
}

/** Prints the whole spine's line: the times over the sessions, then the bodies found and those off, per session. */
function printWholeSpine(what: string, runs: readonly WholeSpineRun[], levels: number): void {
  const all = <T,>(f: (r: WholeSpineRun) => T) => runs.map(f);
  const faults = runs.map((r) =>
    [r.off.length ? `off: ${r.off.join(', ')}` : '', r.missing.length ? `missing: ${r.missing.join(', ')}` : '', r.flagged.length ? `flagged: ${r.flagged.join(', ')}` : '']
      .filter(Boolean)
      .join('; '),
  );
  console.log(`${what}; ${REPEATS} sessions; load average at the sessions' start ${all((r) => r.load.toFixed(1)).join(', ')}`);
  if (runs[0]!.handOver) {
    console.log(`switching assist on and the volume hand-over: ${spread(all((r) => r.handOver?.wallMs ?? Number.NaN))} for ${runs[0]!.handOver.chunks} chunks`);
  }
  console.log(`spine T4→L5 from two clicks: click to vertebrae ${spread(all((r) => r.timing.roundTripMs))}, analysis ${spread(all((r) => r.timing.analysisMs))}, ` +
    `worker CPU ${spread(all((r) => r.cpuMs))} (${spread(all((r) => r.cpuMs / Math.max(1, r.found)))} per body); ` +
    `bodies found ${all((r) => r.found).join(', ')} of ${levels}, at their level ${all((r) => r.found - r.off.length).join(', ')}, ` +
    `flagged "check" ${all((r) => r.flagged.length).join(', ')}` +
    `${faults.some(Boolean) ? ` (${faults.map((f, n) => `session ${n + 1}: ${f || 'none'}`).join('; ')})` : ''}`);
}

/** "median (min–max)" of some figures, ms. */
function spread(values: readonly number[], unit = 'ms'): string {
  if (values.some((v) => !Number.isFinite(v))) return 'not measured';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return `${median(values).toFixed(0)} ${unit} (${lo.toFixed(0)}–${hi.toFixed(0)})`;
}

/** Prints the clicks' lines of some sessions of one data set. */
function printClicks(runs: readonly Clicks[]): void {
  const all = <T,>(f: (r: Clicks) => T) => runs.map(f);
  const bodies = runs[0]!.spine.vertebrae;
  console.log(`first click: analysis ${spread(all((r) => r.firstClick.analysisMs))}, click to vertebra ${spread(all((r) => r.firstClick.roundTripMs))}, ` +
    `worker CPU ${spread(all((r) => r.firstClickCpuMs))}`);
  const perVertebra = (f: (t: Timing) => number) => all((r) => median(r.perVertebra.map(f)));
  console.log(`one click per vertebra (${runs[0]!.perVertebra.length} clicks a session, median per session): analysis ${spread(perVertebra((t) => t.analysisMs))}, ` +
    `click to vertebra ${spread(perVertebra((t) => t.roundTripMs))}, worker CPU ${spread(all((r) => r.perVertebraCpuMs))} per click`);
  console.log(`spine from two clicks (${bodies} bodies): analysis ${spread(all((r) => r.spine.analysisMs))}, click to vertebrae ${spread(all((r) => r.spine.roundTripMs))}, ` +
    `worker CPU ${spread(all((r) => r.spineCpuMs))}`);
}

/**
 * The whole-spine phantom's T4→L5, CT (reformat) then MR (native stack), each series written into a temporary folder
 * (tests/e2e/wholeSpineSeries.ts) and removed after.
 */
async function wholeSpine(): Promise<void> {
  const truth = wholeSpineTruth();
  const dir = mkdtempSync(join(tmpdir(), 'vhv-bench-whole-spine-'));
  try {
    const ct = writeWholeSpineCt(dir);
    const ctRuns: WholeSpineRun[] = [];
    for (let run = 0; run < REPEATS; run += 1) ctRuns.push(await runWholeSpineOnce(ct, true, truth));
    printWholeSpine(`whole-spine phantom CT T3–S2 (axial, 320 × 320 at 0.8 mm, ${ct.files.length} slices of 1 mm, opened as a reformat)`, ctRuns, truth.length);
    const mr = writeWholeSpineMr(dir);
    const mrRuns: WholeSpineRun[] = [];
    for (let run = 0; run < REPEATS; run += 1) mrRuns.push(await runWholeSpineOnce(mr, false, truth));
    printWholeSpine(`whole-spine phantom MR T2 (native sagittal stack, ${mr.files.length} slices 3 mm thick 3.5 mm apart, 576 × 320 at 0.94 mm), both clicks on the plane x = 0`, mrRuns, truth.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The real contrast chest CT (tests/helpers/assistData.ts CHEST_CT_PATH; skipped when absent), written into a temporary
 * folder as the axial series a scanner writes and read on its sagittal reformat, which the viewer opens on the spine's
 * midline (before the forty-first round 4–5 mm beside it): one click per body T4–T12 at the centres read from the
 * image, then the spine T4→T12 (nine
 * bodies, the span tests/e2e/assistChestCt.test.ts holds at its levels; from T3 the count is not sound from every pair
 * of clicks).
 */
async function chestCt(): Promise<void> {
  if (!chestCtAvailable()) {
    console.log(`chest CT: skipped (${CHEST_CT_PATH} is absent)`);
    return;
  }
  const chest = readChestCt();
  const levels = chest.centres.map((c) => c.level);
  const span = chest.centres.slice(levels.indexOf('T4'), levels.indexOf('T12') + 1);
  const dir = mkdtempSync(join(tmpdir(), 'vhv-bench-chest-'));
  try {
    const files = writeStackSeries(chest.ct, CHEST_CT_SERIES, dir);
    const bodies = span.map((c): Body => ({ level: c.level, centre: c.centreMm, onStack: false }));
    const runs: Clicks[] = [];
    for (let run = 0; run < REPEATS; run += 1) runs.push(await runReformatOnce(files, deterministicUid(`${CHEST_CT_SERIES.key}/series`), bodies));
    console.log(`real CT: a contrast chest CT (TotalSegmentator's aorta crop, ${chest.ct.dimensions.join(' × ')} voxels) as its axial series, read on the ` +
      `sagittal reformat, T4–T12; ${REPEATS} sessions; load average at the sessions' start ${runs.map((r) => r.load.toFixed(1)).join(', ')}`);
    printClicks(runs);
    // Each body's level against the centre nearest it (within 8 mm in the plane, as the e2e test), "?" when LEVEL_UNCERTAIN.
    const levelOf = (b: Found): string => {
      const c = centreOf(b);
      const near = span.find((s) => Math.hypot(s.centreMm[1] - c[1], s.centreMm[2] - c[2]) <= 8);
      const doubt = b.reasons.includes('LEVEL_UNCERTAIN') ? '?' : '';
      return near?.level === b.level ? `${b.level}${doubt}` : `${b.level}${doubt} (at ${near?.level ?? 'no body'})`;
    };
    runs.forEach((r, n) => console.log(`  session ${n + 1}, the spine's bodies: ${r.spineBodies.map(levelOf).join(', ')}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--whole-spine')) {
    await wholeSpine();
    return;
  }
  if (process.argv.includes('--chest')) {
    await chestCt();
    return;
  }
  const truth = loadGroundTruth();
  const baseline = truth.studies.find((s) => s.key === 'baseline')!;
  const phantomBodies = baseline.levels!.map((level): Body => ({ level: level.level, centre: centreOf(level), onStack: false }));
  const seriesUid = baseline.series.find((s) => s.key === 'ct')!.seriesInstanceUID;
  const runs: PhantomRun[] = [];
  for (let run = 0; run < REPEATS; run += 1) runs.push(await runPhantomOnce(phantomBodies, seriesUid));
  const all = <T,>(f: (r: PhantomRun) => T) => runs.map(f);
  const longest = runs.map((r) => r.page.longTasks[0] ?? { wallMs: 0, cpuMs: 0, what: 'none' });
  const worst = [...longest].sort((a, b) => b.wallMs - a.wallMs)[0]!;
  console.log(`assistance in the browser (Chromium, 2 logical cores of this machine, headless with SwiftShader; phantom CT 512 × 512 × 227, T10–L3; ` +
    `${REPEATS} sessions: median (min–max); load average at the sessions' start ${all((r) => r.load.toFixed(1)).join(', ')})`);
  console.log(`switching assist on and the volume hand-over: ${spread(all((r) => r.handOver?.wallMs ?? Number.NaN))} for ${runs[0]!.handOver?.chunks ?? '?'} chunks; ` +
    `longest copy of a chunk ${spread(all((r) => r.handOver?.longestCopyMs ?? Number.NaN))}`);
  console.log(`  page main thread meanwhile: ${spread(all((r) => r.page.cpuMs))} of CPU in ${spread(all((r) => r.page.tasks), 'tasks')}; ` +
    `long tasks (≥ 50 ms) ${all((r) => r.page.longTasks.length).join(', ')}; longest task ${spread(longest.map((t) => t.wallMs))} wall, ` +
    `${spread(longest.map((t) => t.cpuMs))} of its thread's CPU; the longest of all: ${worst.wallMs.toFixed(0)} ms wall, ${worst.cpuMs.toFixed(0)} ms CPU, ${worst.what}`);
  console.log(`worker CPU from switching assist on until idle (taking the chunks, then the warm-up): ${spread(all((r) => r.warmUpCpuMs))}`);
  printClicks(runs);

  const mrUid = baseline.series.find((s) => s.key === 'mr')!.seriesInstanceUID;
  const mrBodies = baseline.levels!.map((level): Body => ({ level: level.level, centre: centreOf(level), onStack: true }));
  const mrRuns: Clicks[] = [];
  for (let run = 0; run < REPEATS; run += 1) mrRuns.push(await runStackOnce(sampleFiles('baseline', 'mr'), mrUid, mrBodies));
  console.log(`phantom MR T2 as its native sagittal stack, T10–L3, each click on the plane through the body's centre; ${REPEATS} sessions; ` +
    `load average at the sessions' start ${mrRuns.map((r) => r.load.toFixed(1)).join(', ')}`);
  printClicks(mrRuns);
  await wholeSpine();
  await chestCt();

  if (!verseAvailable()) {
    console.log('VerSe CT: skipped (../shared/real-spine/verse19-sub-verse012 is absent)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vhv-bench-verse-'));
  try {
    const files = writeSagittalSeries(readNifti(join(VERSE_DIR, 'sub-verse012_ct.nii.gz')), VERSE_SERIES, dir);
    const references = verseReferences(readNifti(join(VERSE_DIR, 'sub-verse012_seg-vert_msk.nii.gz')), WALL_INSET_MM);
    const verseBodies = references.map((r): Body => ({ level: r.level, centre: centreOf(r), onStack: true }));
    const verseRuns: Clicks[] = [];
    for (let run = 0; run < REPEATS; run += 1) verseRuns.push(await runStackOnce(files, deterministicUid(`${VERSE_SERIES.key}/series`), verseBodies));
    console.log(`real CT: VerSe sub-verse012 as its native sagittal stack (35 planes 3 mm apart), T10–L3, each click on the plane through the ` +
      `body's expert centroid; ${REPEATS} sessions; load average at the sessions' start ${verseRuns.map((r) => r.load.toFixed(1)).join(', ')}`);
    printClicks(verseRuns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
