/**
 * How much of a viewer's measured memory is the measuring itself (issue 16, sixth round). Playwright enables the
 * DevTools Network domain on every page, and DevTools then keeps a copy of every fetched body in the renderer (up to
 * its buffer limit, ~200 MB): bench:peer's sessions carry it, for this viewer and for OHIF. This opens each viewer on
 * the N-slice bench series once driven by Playwright and once in a Chromium with no DevTools client (the viewer in a
 * same-origin iframe of a page that watches for the complete volume and says so in its title, read from /json/list),
 * and prints the peak RSS and PSS of the browser's process tree and the renderer's peak PSS. Figures, never a test.
 *
 *   npx tsx tests/bench/peer/devtoolsMemory.ts [--size 300] [--viewers ours,ohif] [--modes raw,playwright]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureOhifBuild, ohifAppConfig, startStaticServer, type RunningStaticServer } from '../../../scripts/ohif';
import { startOrthanc } from '../../../scripts/pacs/orthanc';
import { CHROMIUM_ARGS, findChromium, freePort, PROJECT_ROOT } from '../../e2e/harness';
import { ensureUploaded } from './orthancData';
import { startTreeSampler, type TreeSummary } from './processTree';
import { ensureSeries } from './syntheticCt';

const CACHE_DIR = join(PROJECT_ROOT, '.cache', 'bench-peer');
const WRAPPER = '/__bench/watch.html';
const TIMEOUT_MS = 600_000;

type Viewer = 'ours' | 'ohif';

/** A page holding the viewer in an iframe; its title becomes `ready <ms>` once the volume is complete. */
function wrapperPage(viewer: Viewer, src: string, sliceCount: number): string {
  const check = viewer === 'ours'
    ? `const doc = frame.contentDocument; return Boolean(doc && doc.querySelector('[data-testid="viewport"][data-orientation="sagittal"][data-loaded="true"]'));`
    : `const cs = frame.contentWindow && frame.contentWindow.cornerstone; if (!cs || !cs.cache) return false;
       return cs.cache.getVolumes().some((v) => ((v.imageIds && v.imageIds.length) || 0) === ${sliceCount} && ((v.framesLoaded || 0) >= ${sliceCount} || (v.loadStatus && v.loadStatus.loaded)));`;
  return `<!doctype html><title>loading</title><style>body{margin:0}iframe{width:1400px;height:900px;border:0}</style>
<iframe id="viewer" src="${src}"></iframe><script>
const frame = document.getElementById('viewer');
const complete = () => { try { ${check} } catch { return false; } };
const timer = setInterval(() => { if (complete()) { clearInterval(timer); document.title = 'ready ' + Math.round(performance.now()); } }, 100);
</script>`;
}

async function pageTitleRaw(port: number): Promise<string> {
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; title: string }>;
    return targets.find((target) => target.type === 'page')?.title ?? '';
  } catch {
    return '';
  }
}

/**
 * Polls the wrapper page's title until it says `ready <ms>` (the page's own time of the complete volume), then lets the
 * memory settle for a second; null when the deadline passes first.
 */
async function readyMark(readTitle: () => Promise<string>, deadline: number): Promise<number | null> {
  let readyMs: number | null = null;
  while (Date.now() < deadline) {
    const title = await readTitle();
    if (title.startsWith('ready')) {
      readyMs = Number(title.split(' ')[1]);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return readyMs;
}

async function measure(url: string, mode: 'raw' | 'playwright'): Promise<{ tree: TreeSummary; readyMs: number | null }> {
  const executablePath = findChromium() ?? 'chromium';
  const deadline = Date.now() + TIMEOUT_MS;
  if (mode === 'raw') {
    const port = await freePort();
    const profile = mkdtempSync(join(tmpdir(), 'devtools-memory-'));
    const child = spawn(executablePath, [...CHROMIUM_ARGS, '--headless', '--window-size=1500,1000', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, url], { stdio: 'ignore' });
    if (child.pid === undefined) throw new Error('Chromium started without a PID');
    const sampler = startTreeSampler(child.pid);
    try {
      const readyMs = await readyMark(() => pageTitleRaw(port), deadline);
      return { tree: sampler.stop(), readyMs };
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(profile, { recursive: true, force: true });
    }
  }
  const server = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const pid = server.process().pid;
  if (pid === undefined) throw new Error('Chromium started without a PID');
  const sampler = startTreeSampler(pid);
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await (await browser.newContext({ viewport: { width: 1500, height: 1000 } })).newPage();
    await page.goto(url);
    const readyMs = await readyMark(() => page.title(), deadline);
    return { tree: sampler.stop(), readyMs };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
}

const gb = (bytes: number) => (bytes / 1e9).toFixed(2);
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main(): Promise<void> {
  const size = Number(argValue('--size') ?? 300);
  const viewers = (argValue('--viewers') ?? 'ours,ohif').split(',') as Viewer[];
  const modes = (argValue('--modes') ?? 'raw,playwright').split(',') as Array<'raw' | 'playwright'>;
  const series = await ensureSeries(join(CACHE_DIR, 'series'), { key: `n${size}`, sliceCount: size, compression: 'none' }, (line) => console.log(line));
  const orthanc = await startOrthanc({ storageDir: join(CACHE_DIR, 'orthanc-storage') });
  const servers: RunningStaticServer[] = [];
  try {
    await ensureUploaded(orthanc.dicomWebRoot, series, (line) => console.log(line));
    const ourPage = `/?dicomweb=/dicom-web&StudyInstanceUIDs=${series.studyInstanceUID}`;
    const ours = await startStaticServer({ rootDir: argValue('--dist') ?? join(PROJECT_ROOT, 'dist'), dicomWebTarget: orthanc.dicomWebRoot, generated: { [WRAPPER]: { contentType: 'text/html; charset=utf-8', body: () => wrapperPage('ours', ourPage, size) } } });
    servers.push(ours);
    let ohif: RunningStaticServer | null = null;
    if (viewers.includes('ohif')) {
      const build = await ensureOhifBuild({ log: (line) => console.log(line) });
      if (!build.ok) throw new Error(build.message);
      const ohifPage = `/viewer?StudyInstanceUIDs=${series.studyInstanceUID}&hangingprotocolId=mpr`;
      ohif = await startStaticServer({
        rootDir: build.distDir,
        dicomWebTarget: orthanc.dicomWebRoot,
        generated: {
          '/app-config.js': { contentType: 'text/javascript; charset=utf-8', body: () => ohifAppConfig() },
          [WRAPPER]: { contentType: 'text/html; charset=utf-8', body: () => wrapperPage('ohif', ohifPage, size) },
        },
      });
      servers.push(ohif);
    }
    console.log('viewer | driven by | ready (ms) | peak RSS | peak PSS | renderer peak PSS (anon) | gpu-process peak PSS');
    for (const viewer of viewers) {
      const server = viewer === 'ours' ? ours : ohif;
      if (server === null) continue;
      for (const mode of modes) {
        const { tree, readyMs } = await measure(`${server.url}${WRAPPER}`, mode);
        const renderer = tree.peakPssPartsByType.renderer;
        console.log(`${viewer} | ${mode} | ${readyMs ?? 'timed out'} | ${gb(tree.peakRssBytes)} GB | ${gb(tree.peakPssBytes)} GB | ${mb(renderer?.pss ?? 0)} MB (${mb(renderer?.anon ?? 0)}) | ${mb(tree.peakPssByType['gpu-process'] ?? 0)} MB`);
      }
    }
  } finally {
    for (const server of servers) await server.stop();
    await orthanc.stop({ keepDir: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
