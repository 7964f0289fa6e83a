import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import { startOrthanc, type RunningOrthanc } from '../../scripts/pacs/orthanc';
import { hasOrthanc } from './orthancPresent';
import { uploadFiles } from '../../scripts/pacs/upload';
import { ViewerPage, loadGroundTruth, sampleFiles } from './pageObject';
import { startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const ct = baseline.series.find((s) => s.key === 'ct')!;
const l1 = baseline.levels!.find((l) => l.level === 'L1')!;

let orthanc: RunningOrthanc;
let storageDir: string;
let session: ViewerSession;
/**
 * The fresh browser window that opened the study by its link, with its stored vertebra: the fresh-browser and outage
 * tests go on from there rather than loading the same 227 slices over WADO-RS again (each load took about 21 s on CI).
 */
let reopened: { viewer: ViewerPage; close: () => Promise<void> } | null = null;

/** A fresh browser window (its own context: nothing stored by an earlier test) on the viewer. */
async function openViewer(): Promise<{ viewer: ViewerPage; close: () => Promise<void> }> {
  return session.openTab();
}

async function connect(page: Page, auth?: { user: string; password: string }): Promise<void> {
  await page.locator('[data-testid="pacs-toggle"]').click();
  await page.locator('[data-testid="pacs-root"]').fill('/dicom-web');
  if (auth) {
    await page.locator('[data-testid="pacs-auth-kind"]').selectOption('basic');
    await page.locator('[data-testid="pacs-user"]').fill(auth.user);
    await page.locator('[data-testid="pacs-password"]').fill(auth.password);
  }
  await page.locator('[data-testid="pacs-connect"]').click();
}

async function search(page: Page, fields: { name?: string; from?: string; to?: string }): Promise<string[]> {
  await page.locator('[data-testid="pacs-patient-name"]').fill(fields.name ?? '');
  await page.locator('[data-testid="pacs-date-from"]').fill(fields.from ?? '');
  await page.locator('[data-testid="pacs-date-to"]').fill(fields.to ?? '');
  await page.locator('[data-testid="pacs-search"]').click();
  await page.locator('[data-testid="pacs-results"]').waitFor();
  await page.locator('[data-testid="pacs-busy"]').waitFor({ state: 'detached' });
  return page.locator('[data-testid="pacs-study-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-study-uid') ?? ''));
}

/** A fresh browser window that searches the PACS and opens the baseline study, with the vertebra stored there shown. */
async function openStudyWithItsVertebra(): Promise<{ viewer: ViewerPage; close: () => Promise<void> }> {
  const tab = await openViewer();
  await connect(tab.viewer.page);
  await search(tab.viewer.page, { name: 'PHANTOM*', from: '2026-09-01', to: '2026-09-30' });
  await openStudy(tab.viewer, baseline.studyInstanceUID);
  await tab.viewer.row('L1').waitFor();
  return tab;
}

async function openStudy(viewer: ViewerPage, studyUID: string): Promise<void> {
  await viewer.page.locator(`[data-testid="pacs-study-row"][data-study-uid="${studyUID}"] [data-testid="pacs-open"]`).click();
  await viewer.waitLoaded('sagittal');
  await viewer.page.locator('[data-testid="pacs-busy"]').waitFor({ state: 'detached', timeout: 60_000 });
}

describe.skipIf(!hasOrthanc)('the viewer against a real Orthanc over DICOMweb', () => {
  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'vh-orthanc-'));
    orthanc = await startOrthanc({ storageDir });
    const upload = await uploadFiles(orthanc.dicomWebRoot, [...sampleFiles('baseline'), ...sampleFiles('post', 'ct')]);
    expect(upload.failed).toEqual([]);
    session = await startSession({ serverEnv: { DICOMWEB_PROXY_TARGET: orthanc.url } });
  });

  afterAll(async () => {
    await reopened?.close();
    await session?.close();
    await orthanc?.stop();
  });

  it('finds the sample studies by patient name (wildcard) and by date range', async () => {
    const { viewer, close } = await openViewer();
    await connect(viewer.page);
    expect((await search(viewer.page, { name: 'PHANTOM*' })).sort()).toHaveLength(2);
    expect(await search(viewer.page, { name: 'PHANTOM*', from: '2026-09-01', to: '2026-09-30' })).toEqual([baseline.studyInstanceUID]);
    expect(await search(viewer.page, { name: 'NOBODY*' })).toEqual([]);
    // While the PACS answers, the loading bar at the bottom says what is happening (the search is held back here).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const studySearch = (url: URL) => url.pathname.endsWith('/dicom-web/studies');
    await viewer.page.route(studySearch, async (route) => {
      await held;
      await route.continue();
    });
    await viewer.page.locator('[data-testid="pacs-search"]').click();
    const bar = viewer.page.locator('[data-testid="pacs-progress"]');
    await bar.waitFor();
    expect(await bar.textContent()).toMatch(/search/i);
    release();
    await bar.waitFor({ state: 'detached' });
    await viewer.page.unroute(studySearch);
    await close();
  });

  it('opens a study over WADO-RS with its sagittal reformat, and stores a vertebra back as a valid SR', async () => {
    const { viewer, close } = await openViewer();
    await connect(viewer.page);
    await search(viewer.page, { name: 'PHANTOM*', from: '2026-09-01', to: '2026-09-30' });
    await openStudy(viewer, baseline.studyInstanceUID);
    expect(await viewer.nonBlackFraction('sagittal')).toBeGreaterThan(0.1);
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    await viewer.placeVertebra('sagittal', 'L1', l1.points);
    await (await viewer.menuItem('save-to-pacs')).click();
    await viewer.page.locator('[data-testid="transfer-notice"][data-kind="info"]', { hasText: 'Saved to the PACS' }).waitFor();

    // Orthanc's own REST API: one SR instance in the study, and it passes dciodvfy.
    const srInstances = (await (await fetch(`${orthanc.dicomWebRoot}/studies/${baseline.studyInstanceUID}/instances?Modality=SR`)).json()) as Array<Record<string, { Value: string[] }>>;
    expect(srInstances).toHaveLength(1);
    const sopUID = at(at(srInstances, 0)['00080018']?.Value ?? [], 0);
    const lookup = (await (await fetch(`${orthanc.url}/tools/lookup`, { method: 'POST', body: sopUID })).json()) as Array<{ ID: string; Type: string }>;
    const sr = lookup.find((entry) => entry.Type === 'Instance');
    expect(sr).toBeDefined();
    const file = join(storageDir, 'downloaded-sr.dcm');
    writeFileSync(file, Buffer.from(await (await fetch(`${orthanc.url}/instances/${sr!.ID}/file`)).arrayBuffer()));
    const verify = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    if (verify.error && !process.env.CI) console.warn('dciodvfy not installed: SR validation skipped');
    else expect(`${verify.stdout}${verify.stderr}`.split('\n').filter((line) => /Error/.test(line))).toEqual([]);
    await close();
  });

  it('opens a study linked from another system by URL parameters, asking for each frame, series list and metadata once', async () => {
    const requested = new Map<string, number>();
    const tab = await session.openTab({
      path: `/?dicomweb=/dicom-web&StudyInstanceUIDs=${baseline.studyInstanceUID}`,
      beforeNavigate: (page) =>
        page.on('request', (request) => {
          const path = new URL(request.url()).pathname;
          if (path.startsWith('/dicom-web/')) requested.set(path, (requested.get(path) ?? 0) + 1);
        }),
    });
    const { page, viewer } = tab;
    await viewer.waitLoaded('sagittal');
    await viewer.row('L1').waitFor();
    await page.locator('[data-testid="pacs-busy"]').waitFor({ state: 'detached', timeout: 60_000 });
    const frames = [...requested].filter(([path]) => path.includes('/frames/'));
    const shownImages = await page.evaluate(() => window.vertebralViewer.getState().plan?.imageIds.length ?? 0);
    expect(frames.length).toBeGreaterThanOrEqual(shownImages);
    expect(frames.filter(([, count]) => count > 1)).toEqual([]);
    expect(requested.get(`/dicom-web/studies/${baseline.studyInstanceUID}/series`)).toBe(1);
    expect([...requested].filter(([path, count]) => path.endsWith('/metadata') && count > 1)).toEqual([]);
    // A fresh browser window with the study and its stored vertebra: the next two tests go on from here.
    reopened = tab;
  });

  it('shows the vertebra from the PACS in a fresh browser that opens the same study', async () => {
    // The window of the link test (or, when this test runs alone, one that searches and opens the study).
    reopened ??= await openStudyWithItsVertebra();
    const { viewer } = reopened;
    const points = await viewer.page.evaluate(() => Object.values(window.vertebralViewer.getState().measurements.byId)[0]?.points);
    if (points === undefined) expect.fail('no vertebra on the page');
    const drift = Math.max(...Object.entries(points).map(([name, p]) => Math.max(...(p as readonly number[]).map((v: number, i: number) => Math.abs(v - at(l1.points[name as keyof typeof l1.points], i))))));
    expect(drift).toBeLessThan(ct.pixelSpacingMm![0]);
  });

  it('says clearly when the PACS is down, keeps the measurements, and saves after it is back (a new SR, not an overwrite)', async () => {
    // The window of the link test (or, when this test runs alone, one that searches and opens the study).
    const { viewer, close } = reopened ?? (await openStudyWithItsVertebra());
    reopened = null;
    const port = orthanc.httpPort;
    await orthanc.stop({ keepDir: true });
    await (await viewer.menuItem('save-to-pacs')).click();
    const error = viewer.page.locator('[data-testid="pacs-error"]');
    await error.waitFor();
    expect(await error.getAttribute('data-kind')).toBe('unreachable');
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(1);
    orthanc = await startOrthanc({ storageDir, httpPort: port });
    await viewer.page.locator('[data-testid="pacs-retry"]').click();
    await viewer.page.locator('[data-testid="transfer-notice"][data-kind="info"]', { hasText: 'Saved to the PACS' }).waitFor();
    const srSeries = (await (await fetch(`${orthanc.dicomWebRoot}/studies/${baseline.studyInstanceUID}/series?Modality=SR`)).json()) as unknown[];
    expect(srSeries.length).toBeGreaterThanOrEqual(1);
    const srInstances = (await (await fetch(`${orthanc.dicomWebRoot}/studies/${baseline.studyInstanceUID}/instances?Modality=SR`)).json()) as unknown[];
    expect(srInstances).toHaveLength(2);
    await close();
  });
});

describe.skipIf(!hasOrthanc)('a PACS that requires a user', () => {
  let guarded: RunningOrthanc;
  let guardedSession: ViewerSession;

  beforeAll(async () => {
    guarded = await startOrthanc({ users: { radiology: 'spine-2026' } });
    guardedSession = await startSession({ serverEnv: { DICOMWEB_PROXY_TARGET: guarded.url } });
  });

  afterAll(async () => {
    await guardedSession?.close();
    await guarded?.stop();
  });

  it('gives the 401 message for wrong credentials and works with the right ones', async () => {
    const { page } = guardedSession;
    await connect(page, { user: 'radiology', password: 'wrong' });
    await page.locator('[data-testid="pacs-patient-name"]').fill('*');
    await page.locator('[data-testid="pacs-search"]').click();
    const error = page.locator('[data-testid="pacs-error"]');
    await error.waitFor();
    expect(await error.getAttribute('data-kind')).toBe('unauthorized');
    expect(await error.textContent()).toMatch(/401/);
    await page.locator('[data-testid="pacs-user"]').fill('radiology');
    await page.locator('[data-testid="pacs-password"]').fill('spine-2026');
    await page.locator('[data-testid="pacs-connect"]').click();
    await page.locator('[data-testid="pacs-search"]').click();
    await page.locator('[data-testid="pacs-results"]').waitFor();
    expect(await page.locator('[data-testid="pacs-error"]').count()).toBe(0);
  });
});
