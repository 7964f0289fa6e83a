import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from './harness';
import { ViewerPage, loadGroundTruth, sampleFiles, type Vec3 } from './pageObject';
import { startServer, startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const mr = baseline.series.find((s) => s.key === 'mr')!;
const level = (name: string) => baseline.levels!.find((l) => l.level === name)!;

/** The vertebrae as the page holds them: level → points (full precision). */
async function pointsByLevel(page: Page): Promise<Record<string, Record<string, Vec3>>> {
  return page.evaluate(() =>
    Object.fromEntries(Object.values(window.vertebralViewer.getState().measurements.byId).map((m) => [m.level, m.points as unknown as Record<string, Vec3>])),
  );
}

async function levelsOf(page: Page): Promise<string[]> {
  return (await page.evaluate(() => Object.values(window.vertebralViewer.getState().measurements.byId).map((m) => m.level))).sort();
}

/** Waits for the status line to say "saved in this browser" (every write completed). */
async function saved(viewer: ViewerPage) {
  await viewer.page.locator('[data-testid="save-status"][data-pending="0"][data-failed="false"]').waitFor();
  expect(await viewer.page.locator('[data-testid="save-status"]').textContent()).toBe('saved in this browser');
}

/** Opens the sample MR (15 slices): what is stored and brought back does not depend on the series' size. */
async function openSeries(viewer: ViewerPage) {
  await viewer.openFiles(sampleFiles('baseline', 'mr'));
  await viewer.openSeries(mr.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
}

/** One server for every browser of this file: the crash test relaunches its browser against the same one. */
let server: PreviewServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('when the renderer crashes and the browser is killed right after an edit', () => {
  let profile: string;
  let running: ViewerSession | null = null;

  beforeAll(() => {
    profile = mkdtempSync(join(tmpdir(), 'vhv-crash-profile-'));
  });

  afterAll(async () => {
    await running?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('brings the vertebra back with the same points on relaunch (same profile)', async () => {
    running = await startSession({ server, profileDir: profile });
    const { page, viewer } = running;
    await openSeries(viewer);
    await page.locator('[data-testid="tool-vertebral-height"]').click();
    await viewer.placeVertebra('sagittal', 'L1', level('L1').points);
    await saved(viewer);
    const before = await pointsByLevel(page);
    expect(Object.keys(before)).toEqual(['L1']);

    // The tab dies first (as on an out-of-memory renderer), then the whole browser without any shutdown.
    const crashed = new Promise<void>((done) => page.once('crash', () => done()));
    const cdp = await running.context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await running.kill();
    running = null;

    running = await startSession({ server, profileDir: profile });
    const relaunched = running.viewer;
    await openSeries(relaunched);
    const notice = relaunched.page.locator('[data-testid="restore-notice"]');
    await notice.waitFor();
    expect(await notice.getAttribute('data-count')).toBe('1');
    await relaunched.row('L1').waitFor();
    const after = await pointsByLevel(relaunched.page);
    expect(Object.keys(after)).toEqual(['L1']);
    for (const [name, point] of Object.entries(before.L1!)) {
      const back = after.L1![name]!;
      expect(Math.hypot(back[0] - point[0], back[1] - point[1], back[2] - point[2]), name).toBeLessThan(0.001);
    }
  });
});

describe('when the browser store refuses every write (storage quota exceeded)', () => {
  let session: ViewerSession;
  let viewer: ViewerPage;

  beforeAll(async () => {
    session = await startSession({
      server,
      // Every put fails as a full disk makes it fail, until the test frees the space; reads still work.
      initScript: () => {
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function full(this: IDBObjectStore, ...args: Parameters<typeof put>): IDBRequest<IDBValidKey> {
          if ((window as { storageFreed?: boolean }).storageFreed !== true) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return put.apply(this, args);
        };
      },
    });
    viewer = session.viewer;
    await openSeries(viewer);
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    await viewer.placeVertebra('sagittal', 'L1', level('L1').points);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('says the vertebrae are NOT saved in this browser, and why', async () => {
    const error = viewer.page.locator('[data-testid="save-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/NOT saved in this browser: the browser storage is full/);
    expect(await viewer.page.locator('[data-testid="save-status"]').getAttribute('data-failed')).toBe('true');
    expect(await viewer.page.locator('[data-testid="save-status"]').textContent()).toBe('NOT saved in this browser');
  });

  it('keeps the vertebra in the panel', async () => {
    await viewer.row('L1').waitFor();
    expect(await viewer.numberField('L1', 'anteriorMm')).toBeCloseTo(level('L1').heights.anteriorMm, 0);
  });

  it('offers the JSON export right there, with the vertebra in it', async () => {
    const download = viewer.page.waitForEvent('download');
    await viewer.page.locator('[data-testid="save-error-export"]').click();
    const file = await (await download).path();
    const document = JSON.parse(readFileSync(file, 'utf8')) as { studies: Array<{ series: Array<{ vertebrae: Array<{ level: string }> }> }> };
    const levels = document.studies.flatMap((s) => s.series.flatMap((x) => x.vertebrae.map((v) => v.level)));
    expect(levels).toEqual(['L1']);
  });

  it('asks before the tab is closed while the vertebra is not saved, and the tab stays when the reader says so', async () => {
    const asked = viewer.page.waitForEvent('dialog');
    await viewer.page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await viewer.row('L1').waitFor();
    expect(viewer.page.isClosed()).toBe(false);
  });

  it('writes the vertebra by itself once there is space again, with no other change', async () => {
    await viewer.page.evaluate(() => {
      (window as { storageFreed?: boolean }).storageFreed = true;
    });
    await saved(viewer);
    expect(await viewer.page.locator('[data-testid="save-error"]').count()).toBe(0);
  });
});

describe('two tabs on the same study', () => {
  let session: ViewerSession;
  let first: ViewerPage;
  let second: ViewerPage;

  beforeAll(async () => {
    // Both tabs in one browser context: one IndexedDB, one BroadcastChannel, as two tabs of one window.
    session = await startSession({ server });
    first = session.viewer;
    second = (await session.openTab({ sameContext: true })).viewer;
    for (const viewer of [first, second]) {
      await openSeries(viewer);
      await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    }
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows a vertebra placed in one tab in the other, and says another tab changed the study', async () => {
    await first.placeVertebra('sagittal', 'L1', level('L1').points);
    await saved(first);
    const updated = second.page.locator('[data-testid="tab-updated"]');
    await updated.waitFor();
    expect(await updated.getAttribute('data-count')).toBe('1');
    await second.row('L1').waitFor();
    expect(await pointsByLevel(second.page)).toEqual(await pointsByLevel(first.page));
  });

  it('the other way round too, without either tab losing the other\'s vertebra', async () => {
    await second.page.locator('[data-testid="tab-updated-dismiss"]').click();
    await second.placeVertebra('sagittal', 'T12', level('T12').points);
    await saved(second);
    await first.row('T12').waitFor();
    expect(await first.page.locator('[data-testid="tab-updated"]').getAttribute('data-count')).toBe('2');
    expect(await levelsOf(first.page)).toEqual(['L1', 'T12']);
    expect(await levelsOf(second.page)).toEqual(['L1', 'T12']);
  });

  it('holds back the write of a tab that missed the other\'s save, and lets the reader choose', async () => {
    // A third tab that hears nothing from the others (as a tab the browser had frozen), though they hear it: it must
    // not overwrite them.
    await second.page.close();
    const { viewer: deaf } = await session.openTab({
      sameContext: true,
      initScript: () => {
        BroadcastChannel.prototype.addEventListener = () => undefined;
      },
    });
    await openSeries(deaf);
    await deaf.row('T12').waitFor();
    await deaf.page.locator('[data-testid="tool-vertebral-height"]').click();
    await first.page.locator('[data-testid="tab-updated-dismiss"]').click();

    await first.placeVertebra('sagittal', 'L2', level('L2').points);
    await saved(first);
    await deaf.placeVertebra('sagittal', 'L3', level('L3').points);
    const conflict = deaf.page.locator('[data-testid="tab-conflict"]');
    await conflict.waitFor();
    expect(await conflict.getAttribute('data-count')).toBe('3');
    expect(await deaf.page.locator('[data-testid="save-status"]').getAttribute('data-failed')).toBe('true');
    expect(await levelsOf(deaf.page)).toEqual(['L1', 'L3', 'T12']);
    // The first tab's L2 is still what is stored: nothing told it otherwise.
    expect(await first.page.locator('[data-testid="tab-updated"]').count()).toBe(0);
    expect(await levelsOf(first.page)).toEqual(['L1', 'L2', 'T12']);

    // Keeping this tab's vertebrae writes them, and the first tab is told and follows.
    await deaf.page.locator('[data-testid="tab-conflict-keep"]').click();
    await saved(deaf);
    const told = first.page.locator('[data-testid="tab-updated"]');
    await told.waitFor();
    expect(await told.getAttribute('data-count')).toBe('3');
    expect(await levelsOf(first.page)).toEqual(['L1', 'L3', 'T12']);
  });
});
