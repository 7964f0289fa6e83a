import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerPage, loadGroundTruth } from './pageObject';
import { DECODE_FAILURE, REAL_DICOM, seriesKeyOfFile, showSeries, viewerState } from './decodingHelpers';
import { startSession, type ViewerSession } from './session';

/** The directives the built page must carry (scripts and workers from its origin, WASM compiled, nothing inline). */
const REQUIRED_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
];

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const mr = baseline.series.find((s) => s.key === 'mr')!;
const L1 = baseline.levels!.find((l) => l.level === 'L1')!;
const hasJ2kCt = existsSync(REAL_DICOM.totalSegCt);

let session: ViewerSession;
let page: Page;
let viewer: ViewerPage;
/** Console messages about the policy: how the decode workers (under the header) report a violation. */
const policyMessages: string[] = [];

/** Violations the page reported so far, as "directive blocked-uri" (its decode workers report theirs to the console). */
async function violations(): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { cspViolations: string[] }).cspViolations]);
}

beforeAll(async () => {
  session = await startSession({
    // Listening before any of the page's own code runs (an init script is injected over CDP, so the policy holds).
    initScript: () => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
    },
    beforeNavigate: (tab) =>
      tab.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) policyMessages.push(message.text());
      }),
  });
  ({ page, viewer } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('the production build under its Content-Security-Policy', () => {
  it('carries the policy as the first element of its head', async () => {
    const first = await page.evaluate(() => {
      const meta = document.head.firstElementChild;
      return meta?.getAttribute('http-equiv') === 'Content-Security-Policy' ? meta.getAttribute('content') : null;
    });
    expect(first).not.toBeNull();
    const directives = first!.split(';').map((d) => d.trim());
    expect(directives).toEqual(expect.arrayContaining(REQUIRED_DIRECTIVES));
  });

  it('opens the phantom in one click and renders its three views', async () => {
    await page.locator('[data-testid="open-sample"]').click();
    for (const orientation of ['sagittal', 'axial', 'coronal']) await viewer.waitLoaded(orientation);
    expect(await viewer.nonBlackFraction('sagittal')).toBeGreaterThan(0.05);
  }, 180_000);

  it.skipIf(!hasJ2kCt)('decodes a JPEG 2000 CT with its WebAssembly codec and renders it', async () => {
    const names = readdirSync(REAL_DICOM.totalSegCt).sort();
    await viewer.openFiles(names.map((name) => join(REAL_DICOM.totalSegCt, name)));
    const key = await seriesKeyOfFile(page, names[0]!);
    const shown = await showSeries(page, key!, 120_000);
    expect(shown.every((v) => v.rendered && v.loaded)).toBe(true);
    const failures = (await viewerState(page)).problems.filter((p) => p.message.startsWith(DECODE_FAILURE));
    expect(failures).toEqual([]);
  }, 180_000);

  it('measures a vertebra and exports it as JSON and as a report with a snapshot', async () => {
    await viewer.openSeries(mr.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    await page.locator('[data-testid="tool-vertebral-height"]').click();
    await viewer.placeVertebra('sagittal', 'L1', L1.points);
    const [json] = await Promise.all([page.waitForEvent('download'), viewer.menuItem('export-json').then((item) => item.click())]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    await page.locator('[data-testid="report"]').click();
    const snapshotWidth = await page.locator('[data-testid="report-snapshot"]').evaluate(async (img) => {
      const image = img as HTMLImageElement;
      await image.decode();
      return image.naturalWidth;
    });
    expect(snapshotWidth).toBeGreaterThan(100);
    await page.locator('[data-testid="report-close"]').click();
  }, 180_000);

  it('has reported no violation of the policy on the way, in the page or its workers', async () => {
    expect(await violations()).toEqual([]);
    expect(policyMessages).toEqual([]);
  });

  it('refuses an injected inline script and a request to another origin, and reports both', async () => {
    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true;';
      document.body.append(script);
      let fetched = true;
      try {
        await fetch('http://127.0.0.1:9/exfiltrate');
      } catch {
        fetched = false;
      }
      return { ran: 'injectedScriptRan' in window, fetched };
    });
    expect(outcome).toEqual({ ran: false, fetched: false });
    await page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length >= 2);
    // `vite preview` sends the policy as a header as well as the meta tag: each policy may report the same request.
    expect([...new Set(await violations())].sort()).toEqual(['connect-src http://127.0.0.1:9/exfiltrate', 'script-src-elem inline']);
  });

  it('names the policy when a link points the viewer at a PACS on another site', async () => {
    const tab = await session.openTab({ sameContext: true, path: '/?dicomweb=http://127.0.0.1:9/dicom-web&StudyInstanceUIDs=1.2.3' });
    const other = tab.page;
    const error = other.locator('[data-testid="pacs-error"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/security policy does not allow requests to http:\/\/127\.0\.0\.1:9\/dicom-web: .*DICOMWEB_CONNECT_SRC/);
    await other.close();
  });
});
