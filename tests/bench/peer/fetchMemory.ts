/**
 * Where the renderer's memory goes while a page fetches a series' frames (issue 16, sixth round): the I/O floor's
 * blank page fetches the metadata and every frame over WADO-RS, read in one of several ways, and the renderer's peak
 * RSS / PSS / anonymous PSS (from /proc/PID/smaps_rollup every 100 ms) is printed per way. A measurement that prints
 * figures, never a test.
 *
 *   npx tsx tests/bench/peer/fetchMemory.ts [--sizes 300] [--modes array-buffer,reader-drop,…] [--parallel 6] [--gc-every 0]
 *
 * Modes: `array-buffer` (the floor: `arrayBuffer()`, dropped), `array-buffer-keep` (`arrayBuffer()`, then the bytes
 * copied into one volume-sized destination, as a viewer keeps them), `reader-drop` (`body.getReader()`, each chunk
 * dropped), `reader-keep` (each chunk copied into one volume-sized destination), `byob` (`getReader({ mode: 'byob' })`
 * into one reused buffer per request slot), `blob` (`blob()`, dropped).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../../scripts/ohif';
import { startOrthanc } from '../../../scripts/pacs/orthanc';
import { CHROMIUM_ARGS, findChromium, freePort, PROJECT_ROOT } from '../../e2e/harness';
import { ensureUploaded } from './orthancData';
import { processTree, processType } from './processTree';
import { ensureSeries, type GeneratedSeries } from './syntheticCt';

const CACHE_DIR = join(PROJECT_ROOT, '.cache', 'bench-peer');
const BLANK_PAGE = '/__bench/blank.html';
const RAW_PAGE = '/__bench/fetch-memory.html';
const MODES = ['array-buffer', 'array-buffer-keep', 'reader-drop', 'reader-keep', 'byob', 'blob'] as const;
type Mode = (typeof MODES)[number];

interface RendererMemory {
  readonly rssBytes: number;
  readonly pssBytes: number;
  readonly anonBytes: number;
}

function rendererMemory(browserPid: number): RendererMemory {
  let rss = 0;
  let pss = 0;
  let anon = 0;
  for (const pid of processTree(browserPid)) {
    if (processType(pid) !== 'renderer') continue;
    try {
      const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
      rss += field('Rss');
      pss += field('Pss');
      anon += field('Pss_Anon');
    } catch {
      // gone
    }
  }
  return { rssBytes: rss, pssBytes: pss, anonBytes: anon };
}

/** The page script: metadata, then every frame read as `mode` says, `parallel` in flight. */
function pageScript(input: { root: string; studyUID: string; seriesUID: string; parallel: number; mode: Mode; gcEvery: number }): string {
  return `(async (input) => {
  const started = performance.now();
  const seriesUrl = input.root + '/studies/' + input.studyUID + '/series/' + input.seriesUID;
  const metadataResponse = await fetch(seriesUrl + '/metadata', { headers: { Accept: 'application/dicom+json' } });
  const metadata = await metadataResponse.json();
  const urls = metadata.map((instance) => seriesUrl + '/instances/' + instance['00080018'].Value[0] + '/frames/1');
  const strideBytes = 512 * 512 * 2 + 4096;
  const keep = input.mode === 'array-buffer-keep' || input.mode === 'reader-keep';
  const volume = keep ? new Uint8Array(urls.length * strideBytes) : null;
  let bytes = 0;
  let next = 0;
  let done = 0;
  let byobSupported = null;
  const worker = async () => {
    let slot = new ArrayBuffer(strideBytes);
    while (next < urls.length) {
      const index = next++;
      const response = await fetch(urls[index], { headers: { Accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' } });
      if (!response.ok) throw new Error('frame: HTTP ' + response.status);
      if (input.mode === 'array-buffer' || input.mode === 'array-buffer-keep') {
        const body = new Uint8Array(await response.arrayBuffer());
        if (volume) volume.set(body.subarray(0, Math.min(body.length, strideBytes)), index * strideBytes);
        bytes += body.byteLength;
      } else if (input.mode === 'blob') {
        const blob = await response.blob();
        bytes += blob.size;
      } else if (input.mode === 'byob') {
        let reader;
        try {
          reader = response.body.getReader({ mode: 'byob' });
          byobSupported = true;
        } catch (error) {
          byobSupported = String(error);
          throw error;
        }
        let offset = 0;
        for (;;) {
          if (offset === slot.byteLength) {
            const bigger = new ArrayBuffer(slot.byteLength * 2);
            new Uint8Array(bigger).set(new Uint8Array(slot));
            slot = bigger;
          }
          const { done: end, value } = await reader.read(new Uint8Array(slot, offset, slot.byteLength - offset));
          if (value) {
            slot = value.buffer;
            offset += value.byteLength;
          }
          if (end) break;
        }
        bytes += offset;
      } else {
        const reader = response.body.getReader();
        let offset = 0;
        for (;;) {
          const { done: end, value } = await reader.read();
          if (end) break;
          if (volume && offset < strideBytes) volume.set(value.subarray(0, strideBytes - offset), index * strideBytes + offset);
          offset += value.byteLength;
        }
        bytes += offset;
      }
      done++;
      if (input.gcEvery > 0 && done % input.gcEvery === 0 && typeof gc === 'function') gc();
    }
  };
  await Promise.all(Array.from({ length: input.parallel }, worker));
  window.__keep = volume;
  return { ms: performance.now() - started, frames: urls.length, bytes, byobSupported };
})(${JSON.stringify(input)})`;
}

/** The same, as a page of its own that runs at load and reports through its title (no DevTools session attached). */
function selfRunningPage(input: Parameters<typeof pageScript>[0]): string {
  return `<!doctype html><title>running</title><script>
${pageScript(input)}.then(async (result) => {
  const summary = result.ms.toFixed(0) + ' ' + result.bytes + ' ' + String(result.byobSupported).replace(/\\s+/g, '_');
  document.title = 'loaded ' + summary;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (typeof gc === 'function') gc();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  document.title = 'collected ' + summary;
}, (error) => { document.title = 'failed ' + String(error); });
</script>`;
}

interface RunResult {
  readonly mode: Mode;
  readonly n: number;
  readonly parallel: number;
  readonly gcEvery: number;
  readonly ms: number;
  readonly bytes: number;
  readonly peak: RendererMemory;
  readonly atEnd: RendererMemory;
  readonly afterGc: RendererMemory;
  readonly heapUsedBytes: number;
  readonly backingStoreBytes: number;
  readonly note: string;
}

async function runOnce(pageUrl: string, series: GeneratedSeries, mode: Mode, parallel: number, gcEvery: number): Promise<RunResult> {
  const executablePath = findChromium();
  const server = await chromium.launchServer({ ...(executablePath === undefined ? {} : { executablePath }), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'], headless: true });
  const browserPid = server.process().pid;
  if (browserPid === undefined) throw new Error('no PID');
  const browser = await chromium.connect(server.wsEndpoint());
  const peak = { rssBytes: 0, pssBytes: 0, anonBytes: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const now = rendererMemory(browserPid);
      peak.rssBytes = Math.max(peak.rssBytes, now.rssBytes);
      peak.pssBytes = Math.max(peak.pssBytes, now.pssBytes);
      peak.anonBytes = Math.max(peak.anonBytes, now.anonBytes);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pageUrl);
    const cdp = await context.newCDPSession(page);
    if (process.argv.includes('--small-devtools-buffer')) await cdp.send('Network.enable', { maxTotalBufferSize: 1000, maxResourceBufferSize: 100 });
    const result = (await page.evaluate(pageScript({ root: '/dicom-web', studyUID: series.studyInstanceUID, seriesUID: series.seriesInstanceUID, parallel, mode, gcEvery }))) as { ms: number; bytes: number; byobSupported: unknown };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const atEnd = rendererMemory(browserPid);
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const afterGc = rendererMemory(browserPid);
    sampling = false;
    await sampler;
    return { mode, n: series.sliceCount, parallel, gcEvery, ms: result.ms, bytes: result.bytes, peak, atEnd, afterGc, heapUsedBytes: usage.usedSize, backingStoreBytes: usage.backingStorageSize ?? -1, note: result.byobSupported === null ? '' : `byob ${String(result.byobSupported)}` };
  } finally {
    sampling = false;
    await sampler;
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

/**
 * The same measurement in a Chromium with no DevTools client attached (Playwright enables the Network domain on every
 * page, and DevTools then keeps a copy of fetched bodies in the renderer): the page runs by itself and reports through
 * its title, read from the /json/list HTTP endpoint.
 */
async function runRaw(webUrl: string, series: GeneratedSeries, mode: Mode, parallel: number, gcEvery: number): Promise<RunResult> {
  const executablePath = findChromium() ?? 'chromium';
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'fetchmem-'));
  const query = new URLSearchParams({ study: series.studyInstanceUID, series: series.seriesInstanceUID, mode, parallel: String(parallel), gcEvery: String(gcEvery) });
  const child = spawn(executablePath, [...CHROMIUM_ARGS, '--headless', '--js-flags=--expose-gc', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, `${webUrl}${RAW_PAGE}?${query.toString()}`], { stdio: 'ignore' });
  const browserPid = child.pid;
  if (browserPid === undefined) throw new Error('no PID');
  const peak = { rssBytes: 0, pssBytes: 0, anonBytes: 0 };
  const title = async (): Promise<string> => {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; title: string }>;
      return targets.find((target) => target.type === 'page')?.title ?? '';
    } catch {
      return '';
    }
  };
  try {
    let atEnd: RendererMemory | undefined;
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error('timed out');
      const now = rendererMemory(browserPid);
      peak.rssBytes = Math.max(peak.rssBytes, now.rssBytes);
      peak.pssBytes = Math.max(peak.pssBytes, now.pssBytes);
      peak.anonBytes = Math.max(peak.anonBytes, now.anonBytes);
      const text = await title();
      if (text.startsWith('failed')) throw new Error(text);
      if (text.startsWith('loaded') && atEnd === undefined) atEnd = now;
      if (text.startsWith('collected')) {
        const [ms, bytes, byob] = text.slice('collected '.length).split(' ');
        const result = { ms: Number(ms), bytes: Number(bytes), byobSupported: byob === 'null' ? null : byob };
        return { mode, n: series.sliceCount, parallel, gcEvery, ms: result.ms, bytes: result.bytes, peak, atEnd: atEnd ?? now, afterGc: now, heapUsedBytes: -1, backingStoreBytes: -1, note: `no DevTools${result.byobSupported === null ? '' : `, byob ${String(result.byobSupported)}`}` };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(profile, { recursive: true, force: true });
  }
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main(): Promise<void> {
  const sizes = (argValue('--sizes') ?? '300').split(',').map(Number);
  const modes = (argValue('--modes') ?? MODES.join(',')).split(',') as Mode[];
  const parallels = (argValue('--parallel') ?? '6').split(',').map(Number);
  const gcEvery = Number(argValue('--gc-every') ?? 0);
  const reps = Number(argValue('--reps') ?? 1);
  const series: GeneratedSeries[] = [];
  for (const n of sizes) series.push(await ensureSeries(join(CACHE_DIR, 'series'), { key: `n${n}`, sliceCount: n, compression: 'none' }, (line) => console.log(line)));
  const orthanc = await startOrthanc({ storageDir: join(CACHE_DIR, 'orthanc-storage') });
  const rawPage = (req: { url?: string | undefined }) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    return selfRunningPage({ root: '/dicom-web', studyUID: query.get('study') ?? '', seriesUID: query.get('series') ?? '', mode: (query.get('mode') ?? 'array-buffer') as Mode, parallel: Number(query.get('parallel')), gcEvery: Number(query.get('gcEvery')) });
  };
  const blank = {
    [BLANK_PAGE]: { contentType: 'text/html; charset=utf-8', body: () => '<!doctype html><title>fetch memory</title>' },
    [RAW_PAGE]: { contentType: 'text/html; charset=utf-8', body: rawPage },
  };
  const raw = process.argv.includes('--raw');
  const web = await startStaticServer({ rootDir: join(PROJECT_ROOT, 'dist'), dicomWebTarget: orthanc.dicomWebRoot, generated: blank });
  try {
    for (const s of series) await ensureUploaded(orthanc.dicomWebRoot, s, (line) => console.log(line));
    console.log('mode | N | in flight | gc every | ms | MB | renderer peak RSS / PSS / anon | at end anon | after GC anon | heap used | backing stores | note');
    for (let rep = 0; rep < reps; rep++) {
      for (const s of series) {
        for (const parallel of parallels) {
          for (const mode of modes) {
            const r = raw ? await runRaw(web.url, s, mode, parallel, gcEvery) : await runOnce(`${web.url}${BLANK_PAGE}`, s, mode, parallel, gcEvery);
            console.log(`${r.mode} | ${r.n} | ${r.parallel} | ${r.gcEvery} | ${r.ms.toFixed(0)} | ${mb(r.bytes)} | ${mb(r.peak.rssBytes)} / ${mb(r.peak.pssBytes)} / ${mb(r.peak.anonBytes)} | ${mb(r.atEnd.anonBytes)} | ${mb(r.afterGc.anonBytes)} | ${mb(r.heapUsedBytes)} | ${mb(r.backingStoreBytes)} | ${r.note}`);
          }
        }
      }
    }
  } finally {
    await web.stop();
    await orthanc.stop({ keepDir: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
