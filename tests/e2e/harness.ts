import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED_DICOM = resolve(PROJECT_ROOT, '../shared/dicom');
export const SAMPLE_OUTPUT = resolve(PROJECT_ROOT, 'sample-data/output');

/** Chromium to drive: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own download (if any). */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

/** Flags that give WebGL2 through SwiftShader headless, with no background network traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/**
 * The tests' flags: the page is composited in software, WebGL still goes through SwiftShader. Compositing through
 * SwiftShader cost a quarter of the browser's CPU in opening the sample CT (14.0 s against 10.4 s of CPU, 8.5 s against
 * 6.4 s to its complete sagittal render, three runs each on a 2-core VM), and the tests are CPU-bound on such a machine.
 * Nothing a test reads depends on it: pixels come from the viewports' own canvases. The benchmarks keep
 * `CHROMIUM_ARGS`, so that their figures stay comparable with the ones recorded.
 */
export const TEST_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--disable-gpu-compositing'];

export async function launchBrowser(args: string[] = TEST_CHROMIUM_ARGS): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({ ...(executablePath === undefined ? {} : { executablePath }), args, headless: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PreviewServer {
  url: string;
  stop: () => Promise<void>;
}

/** Serves the built app (dist/) with `vite preview` on a free loopback port; waits until it answers. */
export async function startPreview(env: Record<string, string> = {}): Promise<PreviewServer> {
  if (!existsSync(resolve(PROJECT_ROOT, 'dist/index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` before the browser tests (npm test does)');
  }
  return startVite(['preview'], env);
}

/** Serves the sources with the Vite dev server, as `npm start` does. */
export async function startDevServer(env: Record<string, string> = {}): Promise<PreviewServer> {
  return startVite([], env);
}

async function startVite(mode: string[], env: Record<string, string>): Promise<PreviewServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), ...mode, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`vite preview did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A Chromium of our own on a profile directory that outlives it, driven over CDP, that a test may kill outright. */
export interface PersistentBrowser {
  browser: Browser;
  /** The profile's default context: its storage (IndexedDB) is the profile's, on disk. */
  context: BrowserContext;
  /** Kills the browser and every process it started (SIGKILL to its process group): no shutdown, no flush. */
  kill: () => Promise<void>;
  /** Closes the browser the ordinary way. */
  close: () => Promise<void>;
}

/**
 * Launches /usr/bin/chromium (headless, SwiftShader) on `userDataDir` in its own process group and connects to it
 * over CDP; relaunching on the same directory finds what the previous run stored. Playwright's own persistent launch
 * gives no handle on the browser process, which a crash test needs.
 */
export async function launchPersistentBrowser(userDataDir: string): Promise<PersistentBrowser> {
  const executable = findChromium();
  if (!executable) throw new Error('no Chromium: set CHROMIUM_PATH or install Debian chromium');
  const portFile = resolve(userDataDir, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const child = spawn(executable, [...TEST_CHROMIUM_ARGS, '--headless', `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', '--window-size=1400,900', 'about:blank'], {
    detached: true,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 60_000;
  let port = '';
  while (!port) {
    if (existsSync(portFile)) port = readFileSync(portFile, 'utf8').split('\n')[0] ?? '';
    if (child.exitCode !== null) throw new Error(`Chromium exited at launch (code ${child.exitCode})`);
    if (!port && Date.now() > deadline) {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      throw new Error('Chromium did not open its DevTools port within 60 s');
    }
    if (!port) await new Promise((r) => setTimeout(r, 100));
  }
  // isLocal: the browser shares this file system, so large files are handed over by path (the sample CT is > 50 MB).
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { isLocal: true });
  const context = browser.contexts()[0];
  if (!context || !child.pid) throw new Error('Chromium gave no default context over CDP');
  const pid = child.pid;
  return {
    browser,
    context,
    kill: async () => {
      if (child.exitCode === null) process.kill(-pid, 'SIGKILL');
      await exited;
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) process.kill(-pid, 'SIGTERM');
      await exited;
    },
  };
}
