import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atItsLevel, centreOf } from '../bench/assistFigures';
import type { RegionTruth } from '../helpers/regionSpines';
import type { ViewerPage, Vec3 } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { wholeSpineTruth, writeWholeSpineCt } from './wholeSpineSeries';

/**
 * Issue 12's spine, T4 to L5 (fourteen bodies), from two clicks in real Chromium against the built app: the whole-spine
 * phantom's axial CT (tests/e2e/wholeSpineSeries.ts, 509 slices written into a temporary folder) opened as local files
 * and read as a sagittal reformat, its volume handed to the worker. Not timed (`npm run bench:assist-browser` times it).
 */
const truth = wholeSpineTruth();
const first = truth[0]!;
const last = truth[truth.length - 1]!;

let folder: string;
let session: ViewerSession;
let viewer: ViewerPage;

async function clickAt(level: RegionTruth): Promise<void> {
  const p = await viewer.pagePointOf('sagittal', centreOf(level.points) as unknown as Vec3);
  await viewer.page.mouse.click(p.x, p.y);
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'vhv-whole-spine-'));
  const ct = writeWholeSpineCt(folder);
  session = await startSession();
  viewer = session.viewer;
  await viewer.openFiles([...ct.files]);
  await viewer.openSeries(ct.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
});

afterAll(async () => {
  await session?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('detecting the whole spine from two clicks on a CT reformat', () => {
  it('proposes the fourteen bodies from T4 down to L5, each at its level', async () => {
    await viewer.chooseLevel(first.level);
    await viewer.page.locator('[data-testid="detect-spine"]').click();
    await clickAt(first);
    await viewer.page.locator('[data-testid="assist-status"][data-detecting="last"]').waitFor({ timeout: 60_000 });
    await clickAt(last);
    await viewer.page.waitForFunction(() => Object.keys(window.vertebralViewer.getState().measurements.byId).length > 0, undefined, { timeout: 90_000 });
    await viewer.page.locator('[data-testid="assist-status"][data-pending="0"]').waitFor({ timeout: 60_000 });
    const bodies = await viewer.page.evaluate(() =>
      Object.values(window.vertebralViewer.getState().measurements.byId).map((m) => ({ level: m.level as string, points: m.points })),
    );
    expect(bodies.map((b) => b.level).sort()).toEqual(truth.map((t) => t.level).sort());
    for (const body of bodies) {
      const level = truth.find((t) => t.level === body.level)!;
      expect(atItsLevel(centreOf(body.points), level), `${body.level} at its level`).toBe(true);
    }
  });
});
