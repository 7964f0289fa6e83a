import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerPage, loadGroundTruth, sampleFiles } from './pageObject';
import { startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const mr = baseline.series.find((s) => s.key === 'mr')!;
const level = (name: string) => baseline.levels!.find((l) => l.level === name)!;

let session: ViewerSession;
let viewer: ViewerPage;

/** The measurements as the page holds them: id → level and points (full precision). */
async function measurementsInPage() {
  return viewer.page.evaluate(() => {
    const { byId } = window.vertebralViewer.getState().measurements;
    return Object.fromEntries(Object.values(byId).map((m) => [m.id, { level: m.level, points: m.points }]));
  });
}

/** Waits until every change has been written to the browser store. */
async function saved() {
  await viewer.page.locator('[data-testid="save-status"][data-pending="0"]').waitFor();
}

async function openMr() {
  await viewer.openFiles(sampleFiles('baseline', 'mr'));
  await viewer.openSeries(mr.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
}

beforeAll(async () => {
  session = await startSession();
  viewer = session.viewer;
  await openMr();
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
  await viewer.placeVertebra('sagittal', 'L1', level('L1').points);
  await viewer.placeVertebra('sagittal', 'T12', level('T12').points);
});

afterAll(async () => {
  await session?.close();
});

describe('autosave in the browser', () => {
  it('brings back every vertebra exactly after a reload, with a notice', async () => {
    const before = await measurementsInPage();
    expect(Object.keys(before)).toHaveLength(2);
    await saved();
    await viewer.page.reload();
    await openMr();
    const notice = viewer.page.locator('[data-testid="restore-notice"]');
    await notice.waitFor();
    expect(await notice.getAttribute('data-count')).toBe('2');
    await viewer.row('L1').waitFor();
    expect(await measurementsInPage()).toEqual(before);
  });

  it('saves a change made after the restore too', async () => {
    await viewer.row('T12').locator('[data-testid="delete-measurement"]').click();
    await viewer.row('T12').waitFor({ state: 'detached' });
    await saved();
    await viewer.page.reload();
    await openMr();
    await viewer.row('L1').waitFor();
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(1);
  });

  it('discards restored measurements on request, for good', async () => {
    await viewer.page.locator('[data-testid="discard-restored"]').click();
    await viewer.row('L1').waitFor({ state: 'detached' });
    await saved();
    await viewer.page.reload();
    await openMr();
    // The study's saved work has been read (and would be on the page by now): only then does an absence prove anything.
    await viewer.page.locator('[data-testid="save-status"][data-restored="true"]').waitFor();
    expect(await viewer.page.locator('[data-testid="restore-notice"]').count()).toBe(0);
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(0);
  });
});
