import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, launchPersistentBrowser, startDevServer, startPreview, type PersistentBrowser, type PreviewServer } from './harness';
import { ViewerPage } from './pageObject';

/**
 * The one way the browser tests start the viewer: a server (the built app by `vite preview`, or the dev server), a
 * Chromium and a page on the viewer, with the page's uncaught errors collected. Further pages come from `openTab`.
 */

/** The size every test page has, so screen positions and the sagittal view's zoom are the same in every test. */
export const TEST_VIEWPORT = { width: 1400, height: 900 } as const;

/** How long the entry may take to load the viewer's code (a dynamic import) before `window.vertebralViewer` exists. */
const VIEWER_READY_TIMEOUT_MS = 60_000;

export interface TabOptions {
  /** Path and query after the server's address, e.g. `/?dicomweb=/dicom-web`; default `/`. */
  readonly path?: string;
  /** A script run in the tab's page before the page's own code, on every load (e.g. a store that refuses writes). */
  readonly initScript?: () => void;
  /** Called with the page before it navigates, to listen from the first request or console message on. */
  readonly beforeNavigate?: (page: Page) => void;
  /**
   * Another page in the session's own context (sharing its storage and BroadcastChannel, as a second tab of one browser
   * window does) instead of a fresh, isolated context.
   */
  readonly sameContext?: boolean;
}

/** One page on the viewer. */
export interface ViewerTab {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly viewer: ViewerPage;
  /** Uncaught exceptions and unhandled promise rejections of the page (console errors excluded). */
  readonly pageErrors: string[];
  /** Closes the page, and its context when the tab has its own. */
  close: () => Promise<void>;
}

export interface SessionOptions extends TabOptions {
  /** A server another session of the same file started; this session leaves it running when it closes. */
  readonly server?: PreviewServer;
  /** Environment of the server this session starts (e.g. `DICOMWEB_PROXY_TARGET`). */
  readonly serverEnv?: Record<string, string>;
  /** Serve the sources with the Vite dev server (as `npm start` does) instead of the built app. */
  readonly devServer?: boolean;
  /**
   * Run Chromium on this profile directory, which outlives it: a later session on the same directory finds what this
   * one stored (IndexedDB on disk), and `kill()` ends the browser without any shutdown.
   */
  readonly profileDir?: string;
}

export interface ViewerSession extends ViewerTab {
  readonly server: PreviewServer;
  readonly browser: Browser;
  /** A further page on the viewer, with its own error list: see `TabOptions.sameContext`. */
  openTab: (options?: TabOptions) => Promise<ViewerTab>;
  /** Kills the browser outright (SIGKILL to its processes: no flush, no shutdown); only with `profileDir`. */
  kill: () => Promise<void>;
  /** Closes the pages, the browser and the server this session started. */
  close: () => Promise<void>;
}

/**
 * Starts only a server, for a file whose sessions share one (`SessionOptions.server`): the built app by `vite preview`,
 * or the sources by the dev server. The caller stops it.
 */
export async function startServer(options: Pick<SessionOptions, 'serverEnv' | 'devServer'> = {}): Promise<PreviewServer> {
  return options.devServer ? startDevServer(options.serverEnv) : startPreview(options.serverEnv);
}

/** Starts a server (unless one is given), a browser and one page on the viewer, ready for `window.vertebralViewer`. */
export async function startSession(options: SessionOptions = {}): Promise<ViewerSession> {
  const ownServer = options.server === undefined;
  const server = options.server ?? (await startServer(options));
  let persistent: PersistentBrowser | null = null;
  let browser: Browser;
  let context: BrowserContext;
  try {
    if (options.profileDir === undefined) {
      browser = await launchBrowser();
      context = await browser.newContext({ viewport: TEST_VIEWPORT });
    } else {
      persistent = await launchPersistentBrowser(options.profileDir);
      browser = persistent.browser;
      context = persistent.context;
    }
  } catch (error) {
    if (ownServer) await server.stop();
    throw error;
  }
  const profile = persistent;
  const close = async () => {
    if (profile) {
      await profile.close();
    } else {
      await context.close().catch(() => undefined);
      await browser.close();
    }
    if (ownServer) await server.stop();
  };
  let first: ViewerTab;
  try {
    first = await openTabIn(context, server.url, options, profile !== null);
  } catch (error) {
    // A viewer that does not come up leaves no browser or server behind.
    await close();
    throw error;
  }
  return {
    ...first,
    server,
    browser,
    openTab: async (tabOptions = {}) => {
      const tabContext = tabOptions.sameContext ? context : await browser.newContext({ viewport: TEST_VIEWPORT });
      const tab = await openTabIn(tabContext, server.url, tabOptions, false);
      return tabOptions.sameContext ? tab : { ...tab, close: () => tabContext.close() };
    },
    kill: async () => {
      if (!profile) throw new Error('kill() needs a session on a profile directory (profileDir)');
      await profile.kill();
      if (ownServer) await server.stop();
    },
    close,
  };
}

/** Opens the viewer in a page of `context` (the profile's first page when `reuseFirstPage`), errors collected. */
async function openTabIn(context: BrowserContext, url: string, options: TabOptions, reuseFirstPage: boolean): Promise<ViewerTab> {
  const page = (reuseFirstPage ? context.pages()[0] : undefined) ?? (await context.newPage());
  // A persistent profile's window has its own size: the page gets the size every other test page has.
  if (reuseFirstPage) await page.setViewportSize(TEST_VIEWPORT);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await recordUnhandledRejections(page);
  if (options.initScript) await page.addInitScript(options.initScript);
  options.beforeNavigate?.(page);
  await page.goto(`${url}${options.path ?? '/'}`);
  await page.waitForFunction(() => 'vertebralViewer' in window, undefined, { timeout: VIEWER_READY_TIMEOUT_MS });
  return { context, page, viewer: new ViewerPage(page), pageErrors, close: () => page.close() };
}

/**
 * Keeps the reason of each unhandled promise rejection in words (`unhandledRejections(page)`): Playwright reports a
 * rejection with a non-Error reason as "Object". Installed before the page's own code, and again on every reload.
 */
async function recordUnhandledRejections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record: string[] = [];
    window.unhandledRejections = record;
    window.addEventListener('unhandledrejection', (event) => {
      const reason: unknown = event.reason;
      const inner = typeof reason === 'object' && reason !== null && 'error' in reason ? (reason as { error: unknown }).error : reason;
      record.push(inner instanceof Error ? inner.message : String(inner));
    });
  });
}

/** Reasons of the page's unhandled promise rejections so far, in words (what the "Object" page errors were). */
export async function unhandledRejections(page: Page): Promise<string[]> {
  return page.evaluate(() => [...window.unhandledRejections]);
}
