import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type CDPSession, type Page, type Response } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/harness';
import { topSelfTimes, type CpuProfile, type SelfTime } from './cpuProfile';
import { TEXTURE_UPLOAD_PROBE, type BenchMarks, type IoFloorResult, type TextureUploads } from './probes';
import { cpuSecondsByThreadOfType, largestMappingsByType, startTreeSampler, type MappingShare, type PssParts, type TreeSummary } from './processTree';
import { workerThreadCpuSeconds } from './workerThreads';
import { startForeignCpuMeter, waitForQuietMachine, type ForeignCpu, type QuietWait } from './quietMachine';

export type SessionKind = 'ours' | 'ohif-stack' | 'ohif-mpr' | 'io-floor' | 'ours-local' | 'local-floor';

export interface SessionSpec {
  readonly kind: SessionKind;
  /** The page to open. */
  readonly url: string;
  /** Init script recording BenchMarks (absent for the I/O floor). */
  readonly probe?: string;
  /** Marks to wait for; the session ends once all are set (or on timeout). */
  readonly waitFor: ReadonlyArray<keyof BenchMarks>;
  /** Page script (see ioFloorScript) to evaluate after opening `url`, for the I/O floor. */
  readonly floorScript?: string;
  /** Folder served at the page's origin: JS and WASM sizes are read from it. */
  readonly servedRoot: string;
  readonly timeoutMs: number;
  /** Keep sampling memory this long after the last mark (default 1 s). */
  readonly settleMs?: number;
  /** PIDs of the servers the benchmark runs (Orthanc): their CPU is not counted as a disturbance. */
  readonly serverPids: readonly number[];
  readonly quiet: { readonly maxLoad: number; readonly maxWaitMs: number };
  /** A session is disturbed when processes outside the benchmark used more than this many cores on average. */
  readonly disturbedAboveCores: number;
  /** Write a CPU profile of the page's main thread to this file (.cpuprofile, opens in Chrome DevTools). */
  readonly cpuProfileFile?: string;
  /**
   * Write a Chromium trace of every process (toplevel tasks, GPU, compositor and ANGLE categories; see traceSummary.ts)
   * over the session to this file (.json, opens in Perfetto). Tracing costs CPU itself: for attribution, not timing.
   */
  readonly traceFile?: string;
  /**
   * Runs once the page is open (e.g. gives it local files, see localSession.ts) and returns the page time (ms since
   * navigation) the marks are then measured from.
   */
  readonly afterOpen?: (page: Page, cdp: CDPSession) => Promise<number>;
}

export interface SessionResult {
  readonly kind: SessionKind;
  readonly ok: boolean;
  readonly error?: string;
  readonly startedAt: string;
  readonly firstImageMs?: number;
  /** This viewer: whether the first image was its early image, and cornerstone's first render event (black or not). */
  readonly firstImageEarly?: boolean;
  readonly firstRenderedMs?: number;
  /** This viewer: the sagittal view drawn with its whole volume (see BenchMarks.sagittalDrawn). */
  readonly sagittalDrawnMs?: number;
  readonly sagittalReadyMs?: number;
  readonly framesLoaded?: number;
  /** This viewer: cornerstone's render events per view orientation until the marks were read. */
  readonly rendersByOrientation?: Readonly<Record<string, number>>;
  readonly floor?: IoFloorResult;
  readonly peakRssBytes: number;
  readonly peakPssBytes: number;
  readonly peakBrowserProcesses: number;
  /** The highest PSS seen per Chromium process type (renderer, gpu-process, browser …), bytes. */
  readonly peakPssByType?: Readonly<Record<string, number>>;
  /** Per process type, the anonymous / file / shared-memory parts of its PSS at its peak, bytes. */
  readonly peakPssPartsByType?: Readonly<Record<string, PssParts>>;
  /** Per process type, the mappings holding most of its PSS once the load is done (before the page closes). */
  readonly largestMappingsByType?: Readonly<Record<string, readonly MappingShare[]>>;
  /** CPU seconds per thread name of the renderer and the GPU process, from their start to the load's end. */
  readonly cpuSecondsByThread?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** CPU seconds of each Web Worker thread of the page (decode workers …) at the load's end, largest first. */
  readonly workerThreadCpuSeconds?: readonly number[];
  /** The page's renderer died (out of memory, crash) during the session. */
  readonly pageCrashed?: boolean;
  /** CPU seconds (user + system) per Chromium process type during the session. */
  readonly cpuSecondsByType?: Readonly<Record<string, number>>;
  /** PSS per process type over the session (ms since the browser started), bytes. */
  readonly pssTimeline?: TreeSummary['pssTimeline'];
  /** RSS per process type over the session, at the PSS samples (ms since the browser started), bytes. */
  readonly rssTimeline?: TreeSummary['rssTimeline'];
  /** CPU seconds per process type since the browser started, every sample (ms since the browser started). */
  readonly cpuTimeline?: TreeSummary['cpuTimeline'];
  /** When the tree's RSS peaked (ms since the browser started) and each process type's RSS then, bytes. */
  readonly peakRssAtMs?: number;
  readonly rssByTypeAtPeak?: Readonly<Record<string, number>>;
  /** The highest RSS per process type, bytes. */
  readonly peakRssByType?: Readonly<Record<string, number>>;
  /** When the page was opened (and the marks' origin, for local files), ms since the browser started. */
  readonly navigationAtMs?: number;
  /**
   * The page's V8 memory (CDP Runtime.getHeapUsage): the JS heap used and the ArrayBuffer backing stores (typed
   * arrays' data, outside the heap), at their peaks while polled and once the marks are set, bytes.
   */
  readonly v8Memory?: { readonly peakHeapUsed: number; readonly peakBackingStores: number; readonly heapUsedAtEnd: number; readonly backingStoresAtEnd: number };
  /** 3-D texture data the page handed to WebGL (absent for the I/O floor). */
  readonly textureUploads?: TextureUploads;
  /** The main thread's busiest functions (self time), when a CPU profile was taken. */
  readonly topSelfTimes?: readonly SelfTime[];
  /**
   * The page's requests other than frames, the first frames and its User Timing marks, by start (ms since the
   * navigation started), to place the start-up steps (and a CPU profile's activity) against the network.
   */
  readonly requestTimeline?: ReadonlyArray<{ readonly name: string; readonly startMs: number; readonly endMs: number }>;
  readonly peakJsHeapUsedBytes: number;
  readonly jsBytes: number;
  readonly jsGzipBytes: number;
  readonly jsFiles: number;
  readonly frameRequests: number;
  readonly duplicateFrameRequests: number;
  readonly pageErrors: readonly string[];
  readonly quiet: QuietWait;
  readonly cpu: ForeignCpu;
  readonly disturbed: boolean;
}

const HEAP_POLL_MS = 250;
/** Frames listed in the request timeline: the first ones, which the first image waits for. */
const TIMELINE_FRAMES = 12;
/** Page script: resource timing of everything but frames, of the first TIMELINE_FRAMES frames, and the page's marks, by start. */
const REQUEST_TIMELINE_SCRIPT = `(() => {
  const entries = performance.getEntriesByType('resource').slice().sort((a, b) => a.startTime - b.startTime);
  let frames = 0;
  const requests = entries.filter((e) => !e.name.includes('/frames/') || frames++ < ${TIMELINE_FRAMES})
    .map((e) => ({ name: e.name.replace(/^https?:\\/\\/[^/]+/, '').slice(-90), startMs: Math.round(e.startTime), endMs: Math.round(e.responseEnd) }));
  // The page's own User Timing marks (the viewer's start-up steps), in the same time base.
  const marks = performance.getEntriesByType('mark').map((e) => ({ name: 'mark ' + e.name, startMs: Math.round(e.startTime), endMs: Math.round(e.startTime) }));
  return [...requests, ...marks].sort((a, b) => a.startMs - b.startMs);
})()`;
/** How many of each process's largest mappings a session keeps. */
const MAPPINGS_PER_PROCESS = 8;
const MARK_POLL_MS = 100;
const gzipSizeCache = new Map<string, { bytes: number; gzipBytes: number }>();

/** Trace categories: every process's tasks, the GPU process's command buffers, ANGLE, the compositor. */
const TRACE_CATEGORIES = ['toplevel', 'gpu', 'gpu.angle', 'viz', 'cc', 'disabled-by-default-gpu.service', 'devtools.timeline', 'v8.execute', 'blink'];

/** Starts a browser-wide trace; `stop` ends it and returns its events. */
async function startBrowserTrace(browser: Browser): Promise<{ stop: () => Promise<unknown[]> }> {
  const cdp = await browser.newBrowserCDPSession();
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (event) => {
    events.push(...(event.value as unknown[]));
  });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  return {
    stop: async () => {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return events;
    },
  };
}

/** Runs one session in a freshly launched Chromium (fresh profile), measuring what SessionResult lists. */
export async function runSession(spec: SessionSpec): Promise<SessionResult> {
  const quiet = await waitForQuietMachine(spec.quiet.maxLoad, spec.quiet.maxWaitMs);
  const startedAt = new Date().toISOString();
  const executablePath = findChromium();
  const server = await chromium.launchServer({ ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS, headless: true });
  const browserPid = server.process().pid;
  if (browserPid === undefined) throw new Error('Chromium started without a PID');
  const sampler = startTreeSampler(browserPid);
  const cpuMeter = startForeignCpuMeter(spec.serverPids);
  const browser = await chromium.connect(server.wsEndpoint());
  const pageErrors: string[] = [];
  const js = { bytes: 0, gzipBytes: 0, files: 0 };
  const frameUrls = new Map<string, number>();
  let peakHeap = 0;
  let peakBackingStores = 0;
  let endHeapUsage: { usedSize: number; backingStorageSize: number } | undefined;
  let navigationAtMs: number | undefined;
  let heapPolling = true;
  let marks: BenchMarks = {};
  let floor: IoFloorResult | undefined;
  let textureUploads: TextureUploads | undefined;
  let selfTimes: SelfTime[] | undefined;
  let requestTimeline: SessionResult['requestTimeline'];
  let mappings: Record<string, MappingShare[]> | undefined;
  let threadCpu: Record<string, Record<string, number>> | undefined;
  let workerCpu: number[] | undefined;
  let pageCrashed = false;
  let error: string | undefined;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    if (spec.probe !== undefined) {
      await context.addInitScript({ content: TEXTURE_UPLOAD_PROBE });
      await context.addInitScript({ content: spec.probe });
    }
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.length < 20 && pageErrors.push(String(e).slice(0, 300)));
    page.on('crash', () => {
      pageCrashed = true;
    });
    context.on('response', (response) => countResponse(response, spec.servedRoot, js, frameUrls));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (spec.cpuProfileFile !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const tracing = spec.traceFile === undefined ? undefined : await startBrowserTrace(browser);
    const heapLoop = (async () => {
      while (heapPolling) {
        try {
          const { metrics } = await cdp.send('Performance.getMetrics');
          const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
          peakHeap = Math.max(peakHeap, used);
          const usage = await cdp.send('Runtime.getHeapUsage');
          peakBackingStores = Math.max(peakBackingStores, usage.backingStorageSize ?? 0);
        } catch {
          // page closing
        }
        await sleep(HEAP_POLL_MS);
      }
    })();
    try {
      navigationAtMs = sampler.elapsedMs();
      await page.goto(spec.url, { timeout: spec.timeoutMs });
      const originMs = spec.afterOpen === undefined ? 0 : await spec.afterOpen(page, cdp);
      navigationAtMs += originMs;
      if (spec.floorScript !== undefined) {
        floor = (await page.evaluate(spec.floorScript)) as IoFloorResult;
      } else {
        marks = sinceOrigin(await waitForMarks(page, spec.waitFor, spec.timeoutMs), originMs);
        const missing = spec.waitFor.filter((mark) => marks[mark] === undefined);
        if (missing.length > 0) error = `timed out after ${spec.timeoutMs / 1000} s waiting for ${missing.join(', ')}${marks.framesLoaded !== undefined ? ` (${marks.framesLoaded} frames loaded)` : ''}`;
      }
      await sleep(spec.settleMs ?? 1_000);
      // The render of the complete volume may follow the marks waited for by more than one poll: read it again.
      if (spec.floorScript === undefined && marks.sagittalDrawn === undefined) {
        const later = ((await page.evaluate('window.__benchMarks').catch(() => null)) as BenchMarks | null) ?? {};
        if (later.sagittalDrawn !== undefined) marks = { ...marks, sagittalDrawn: sinceOrigin(later, originMs).sagittalDrawn ?? later.sagittalDrawn };
      }
      endHeapUsage = await cdp.send('Runtime.getHeapUsage').catch(() => undefined);
      // Where the memory lies with the volume complete and still open (smaps of every process; slow, so once).
      mappings = largestMappingsByType(browserPid, MAPPINGS_PER_PROCESS);
      workerCpu = workerThreadCpuSeconds(browserPid);
      threadCpu = { renderer: cpuSecondsByThreadOfType(browserPid, 'renderer'), 'gpu-process': cpuSecondsByThreadOfType(browserPid, 'gpu-process') };
      if (spec.probe !== undefined) textureUploads = ((await page.evaluate('window.__benchTextureUploads').catch(() => null)) as TextureUploads | null) ?? undefined;
    } catch (caught) {
      error = String(caught).slice(0, 500);
    } finally {
      heapPolling = false;
      await heapLoop;
    }
    // The request timeline and the page's start-up marks in every session: they say where the first image's time went
    // whatever the machine's load (reading them costs one evaluate after the session's figures are taken).
    if (tracing !== undefined && spec.traceFile !== undefined) writeFileSync(spec.traceFile, JSON.stringify({ traceEvents: await tracing.stop() }));
    requestTimeline = ((await page.evaluate(REQUEST_TIMELINE_SCRIPT).catch(() => null)) as SessionResult['requestTimeline'] | null) ?? undefined;
    if (spec.cpuProfileFile !== undefined) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(spec.cpuProfileFile, JSON.stringify(profile));
      selfTimes = topSelfTimes(profile as CpuProfile, 25);
    }
    await context.close();
  } catch (caught) {
    error ??= String(caught).slice(0, 500);
  }
  const tree = sampler.stop();
  const cpu = cpuMeter.stop(tree.cpuTicks);
  await browser.close().catch(() => undefined);
  await server.close();
  const frameRequests = [...frameUrls.values()].reduce((sum, count) => sum + count, 0);
  return {
    kind: spec.kind,
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    startedAt,
    ...(marks.firstImage === undefined ? {} : { firstImageMs: marks.firstImage }),
    ...(marks.firstImageEarly === undefined ? {} : { firstImageEarly: marks.firstImageEarly }),
    ...(marks.firstRendered === undefined ? {} : { firstRenderedMs: marks.firstRendered }),
    ...(marks.sagittalReady === undefined ? {} : { sagittalReadyMs: marks.sagittalReady }),
    ...(marks.sagittalDrawn === undefined ? {} : { sagittalDrawnMs: marks.sagittalDrawn }),
    ...(marks.framesLoaded === undefined ? {} : { framesLoaded: marks.framesLoaded }),
    ...(marks.rendersByOrientation === undefined ? {} : { rendersByOrientation: marks.rendersByOrientation }),
    ...(floor === undefined ? {} : { floor }),
    peakRssBytes: tree.peakRssBytes,
    peakPssBytes: tree.peakPssBytes,
    peakBrowserProcesses: tree.peakProcessCount,
    peakPssByType: tree.peakPssByType,
    peakPssPartsByType: tree.peakPssPartsByType,
    ...(mappings === undefined ? {} : { largestMappingsByType: mappings }),
    cpuSecondsByType: tree.cpuSecondsByType,
    ...(threadCpu === undefined ? {} : { cpuSecondsByThread: threadCpu }),
    ...(workerCpu === undefined ? {} : { workerThreadCpuSeconds: workerCpu }),
    ...(pageCrashed ? { pageCrashed } : {}),
    pssTimeline: tree.pssTimeline,
    rssTimeline: tree.rssTimeline,
    cpuTimeline: tree.cpuTimeline,
    peakRssAtMs: tree.peakRssAtMs,
    rssByTypeAtPeak: tree.rssByTypeAtPeak,
    peakRssByType: tree.peakRssByType,
    ...(navigationAtMs === undefined ? {} : { navigationAtMs }),
    v8Memory: { peakHeapUsed: peakHeap, peakBackingStores, heapUsedAtEnd: endHeapUsage?.usedSize ?? 0, backingStoresAtEnd: endHeapUsage?.backingStorageSize ?? 0 },
    ...(textureUploads === undefined ? {} : { textureUploads }),
    ...(selfTimes === undefined ? {} : { topSelfTimes: selfTimes }),
    ...(requestTimeline === undefined ? {} : { requestTimeline }),
    peakJsHeapUsedBytes: peakHeap,
    jsBytes: js.bytes,
    jsGzipBytes: js.gzipBytes,
    jsFiles: js.files,
    frameRequests,
    duplicateFrameRequests: frameRequests - frameUrls.size,
    pageErrors,
    quiet,
    cpu,
    disturbed: !quiet.quiet || cpu.foreignCores > spec.disturbedAboveCores,
  };
}

async function waitForMarks(page: Page, wanted: ReadonlyArray<keyof BenchMarks>, timeoutMs: number): Promise<BenchMarks> {
  const deadline = Date.now() + timeoutMs;
  let marks: BenchMarks = {};
  while (Date.now() < deadline) {
    marks = ((await page.evaluate('window.__benchMarks').catch(() => null)) as BenchMarks | null) ?? {};
    if (wanted.every((mark) => marks[mark] !== undefined)) return marks;
    await sleep(MARK_POLL_MS);
  }
  return marks;
}

/** The marks' times measured from `originMs` (page time) instead of the navigation's start. */
function sinceOrigin(marks: BenchMarks, originMs: number): BenchMarks {
  if (originMs === 0) return marks;
  const shifted = { ...marks };
  for (const key of ['firstImage', 'firstRendered', 'sagittalReady', 'sagittalDrawn'] as const) {
    const at = marks[key];
    if (at !== undefined) shifted[key] = at - originMs;
  }
  return shifted;
}

/** JS and WASM files the page loaded (sizes from the served folder: the server does not compress), frame requests. */
function countResponse(response: Response, servedRoot: string, js: { bytes: number; gzipBytes: number; files: number }, frameUrls: Map<string, number>): void {
  const url = new URL(response.url());
  if (url.pathname.includes('/frames/')) {
    frameUrls.set(url.href, (frameUrls.get(url.href) ?? 0) + 1);
    return;
  }
  const type = response.headers()['content-type'] ?? '';
  if (!/javascript|wasm/.test(type)) return;
  const file = normalize(join(servedRoot, decodeURIComponent(url.pathname)));
  if (!file.startsWith(servedRoot + sep)) return;
  let sizes = gzipSizeCache.get(file);
  if (sizes === undefined) {
    try {
      if (!statSync(file).isFile()) return;
      const content = readFileSync(file);
      sizes = { bytes: content.length, gzipBytes: gzipSync(content).length };
    } catch {
      return; // generated (app-config.js) or missing: not part of the build
    }
    gzipSizeCache.set(file, sizes);
  }
  js.bytes += sizes.bytes;
  js.gzipBytes += sizes.gzipBytes;
  js.files++;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
