import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SixPoints, SpinalLevel, Vec3 } from '../../measurement';
import { ensureOhifBuild, startOhifServer, type RunningStaticServer } from '../../scripts/ohif';
import { findDicomWebPlugin, findOrthancBinary, startOrthanc, type RunningOrthanc } from '../../scripts/pacs/orthanc';
import { uploadFiles } from '../../scripts/pacs/upload';
import type { GroundTruth } from '../../sample-data/groundTruth';
import { readMeasurementReport, writeMeasurementReport, type ForeignAnnotation } from '../../viewer/export/sr';
import { HEIGHT_LINES } from '../../viewer/export/sr/codes';
import { decodePart10, type NaturalDataset } from '../../viewer/export/sr/dicomCodec';
import { readPart10Header } from '../../viewer/dicomweb/part10';
import { launchBrowser } from '../e2e/harness';
import { REPO_ROOT, SAMPLE_DIR, sampleManifest, sampleSeries, sampleStudy, seriesFiles } from './sampleStudies';

/**
 * Our SR in the real OHIF Viewer (npm @ohif/app, pinned in scripts/ohif), served with a same-origin /dicom-web proxy to
 * a real Orthanc holding the sample baseline CT, in real Chromium: OHIF must list and draw every height of every
 * vertebra; and an SR OHIF writes itself must come back through our reader as a foreign annotation.
 */
const build = await ensureOhifBuild();
const orthancInstalled = findOrthancBinary() !== null && findDicomWebPlugin() !== null;
const registryUnreachable = !build.ok && build.reason === 'registry-unreachable';
if (registryUnreachable) console.warn(`Skipping the OHIF integration tests: ${build.message}`);
if (!orthancInstalled && !process.env.CI) {
  console.warn('Skipping the OHIF integration tests: Orthanc is not installed (Debian orthanc + orthanc-dicomweb). In CI they fail instead.');
}
const skip = registryUnreachable || (!orthancInstalled && !process.env.CI);

/** OHIF's label of a height line as our writer sets it, e.g. "L1 anterior height". */
const lineLabel = (level: string, wall: string): string => `${level} ${wall} height`;
const TOLERANCE_MM = 0.1;
const POINT_TOLERANCE_MM = 0.001;

/** A DICOM string value as dcmjs naturalizes it (a person name is { Alphabetic }). */
function text(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (typeof first === 'number') return String(first);
  if (first && typeof first === 'object' && 'Alphabetic' in first) return String((first as { Alphabetic: unknown }).Alphabetic);
  return '';
}

interface OhifLength {
  readonly label: string;
  readonly points: Vec3[];
  /** The length OHIF computed when it drew the line (cachedStats), mm; null when it has not drawn it. */
  readonly drawnMm: number | null;
}

/** Every Length annotation in cornerstone3D's annotation state of the OHIF page, with what its tool computed. */
async function ohifLengths(page: Page): Promise<OhifLength[]> {
  return page.evaluate(() => {
    const tools = (window as unknown as { cornerstoneTools: { annotation: { state: { getAllAnnotations(): unknown[] } } } }).cornerstoneTools;
    type Annotation = {
      metadata: { toolName: string };
      data: { label?: string; handles: { points: number[][] }; cachedStats?: Record<string, { length?: number }> };
    };
    return (tools.annotation.state.getAllAnnotations() as Annotation[])
      .filter((a) => a.metadata.toolName === 'Length')
      .map((a) => {
        const stats = Object.values(a.data.cachedStats ?? {}).find((s) => typeof s.length === 'number');
        return {
          label: a.data.label ?? '',
          points: a.data.handles.points.map((p) => [p[0], p[1], p[2]] as [number, number, number]),
          drawnMm: stats?.length ?? null,
        };
      });
  });
}

/** The measurements OHIF's measurement service holds: label and the text its panel shows. */
async function ohifMeasurements(page: Page): Promise<Array<{ label: string; toolName: string; displayText: string }>> {
  return page.evaluate(() => {
    type Measurement = { label?: string; toolName?: string; displayText?: { primary?: string[]; secondary?: string[] } };
    const services = (window as unknown as { services: { measurementService: { getMeasurements(): Measurement[] } } }).services;
    return services.measurementService.getMeasurements().map((m) => ({
      label: m.label ?? '',
      toolName: m.toolName ?? '',
      displayText: [...(m.displayText?.primary ?? []), ...(m.displayText?.secondary ?? [])].join(' '),
    }));
  });
}

/** Closes OHIF's first-visit guided tour (shepherd.js "Skip all"), which covers the page, when it is open. */
async function skipTour(page: Page): Promise<void> {
  const skipAll = page.getByRole('button', { name: 'Skip all' });
  if ((await skipAll.count()) > 0) await skipAll.first().click().catch(() => undefined);
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function distanceMm(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));
}

/** Generous bounds for a 50 MB single-page app on a shared 2-core machine; the tests wait on facts, not on time. */
const OHIF_TEST_TIMEOUT_MS = 300_000;

describe.skipIf(skip)('OHIF 3.13.2 with our SR of the sample baseline CT', { timeout: OHIF_TEST_TIMEOUT_MS }, () => {
  let orthanc: RunningOrthanc | null = null;
  let ohif: RunningStaticServer | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  let scratch = '';
  let studyUID = '';
  let sourceSopUids = new Set<string>();
  let levels: Array<{ level: SpinalLevel; points: SixPoints; heights: Record<'anteriorMm' | 'middleMm' | 'posteriorMm', number> }> = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!build.ok) throw new Error(build.message);
    scratch = mkdtempSync(join(tmpdir(), 'vhv-ohif-'));
    const manifest = sampleManifest();
    const baseline = sampleStudy(manifest, 'baseline');
    const ct = sampleSeries(baseline, 'ct');
    const truth = JSON.parse(readFileSync(join(SAMPLE_DIR, 'ground-truth.json'), 'utf8')) as GroundTruth;
    levels = (truth.studies.find((s) => s.key === 'baseline')?.levels ?? []) as typeof levels;
    studyUID = baseline.studyInstanceUID;

    const files = seriesFiles(ct);
    const sourceImages = files.map((file) => {
      const header = readPart10Header(new Uint8Array(readFileSync(file)));
      if (!header.ok) throw new Error(`${file}: ${header.reason}`);
      return { sopClassUID: header.value.sopClassUID, sopInstanceUID: header.value.sopInstanceUID };
    });
    sourceSopUids = new Set(sourceImages.map((i) => i.sopInstanceUID));
    const first: NaturalDataset = decodePart10(new Uint8Array(readFileSync(files[0]!))).dataset;
    const written = writeMeasurementReport({
      patient: { name: text(first.PatientName), id: text(first.PatientID), birthDate: text(first.PatientBirthDate), sex: text(first.PatientSex) },
      study: {
        studyInstanceUID: text(first.StudyInstanceUID),
        studyDate: text(first.StudyDate),
        studyTime: text(first.StudyTime),
        studyId: text(first.StudyID),
        accessionNumber: text(first.AccessionNumber),
        referringPhysicianName: text(first.ReferringPhysicianName),
        description: text(first.StudyDescription),
      },
      series: {
        seriesInstanceUID: text(first.SeriesInstanceUID),
        frameOfReferenceUID: text(first.FrameOfReferenceUID),
        modality: text(first.Modality),
        description: text(first.SeriesDescription),
      },
      sourceImages,
      vertebrae: levels.map(({ level, points }) => ({ level, points })),
      calibrated: true,
      appVersion: 'ohif-integration',
      now: new Date(),
    });
    if (!written.ok) throw new Error(written.error.message);
    const srFile = join(scratch, 'ours.dcm');
    writeFileSync(srFile, written.value.bytes);

    orthanc = await startOrthanc({ storageDir: join(scratch, 'storage') });
    const upload = await uploadFiles(orthanc.dicomWebRoot, [...files, srFile]);
    expect(upload.failed).toEqual([]);
    // Revalidated bundles: the second OHIF page (the Length test) loads from the context's cache, not 50 MB again.
    ohif = await startOhifServer({ distDir: build.distDir, dicomWebTarget: orthanc.dicomWebRoot, revalidate: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    // OHIF's first-visit guided tour (id basicViewerTour, remembered in localStorage 'shownTours') covers the page.
    await context.addInitScript(() => localStorage.setItem('shownTours', JSON.stringify(['basicViewerTour'])));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${ohif.url}/viewer?StudyInstanceUIDs=${studyUID}`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  }, OHIF_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await ohif?.stop();
    await orthanc?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('loads the SR when its series is opened, and lists every height of every vertebra by its label', async () => {
    expect(levels.map((l) => l.level)).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3']);
    const thumbnail = page.getByText('Vertebral heights (SR)').first();
    await thumbnail.waitFor({ timeout: 90_000 });
    await waitFor('the guided tour to close', async () => {
      await skipTour(page);
      return (await page.locator('.shepherd-modal-is-visible').count()) === 0 ? true : null;
    }, 20_000);
    await thumbnail.dblclick();
    const expectedLabels = levels.flatMap((l) => HEIGHT_LINES.map((h) => lineLabel(l.level, h.wall))).sort();
    const measurements = await waitFor('OHIF to hydrate 18 lengths', async () => {
      // OHIF may ask before tracking the measurements of the series: accept as a user would.
      const yes = page.locator('[data-cy="viewport-notification"] button, [role="dialog"] button').filter({ hasText: /^(Yes|Track)/ });
      if ((await yes.count()) > 0) await yes.first().click().catch(() => undefined);
      const found = await ohifMeasurements(page);
      return found.length >= expectedLabels.length ? found : null;
    }).catch(async (error: unknown) => {
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'ohif-hydration.png') }).catch(() => undefined);
      console.log(`OHIF after the SR was opened: ${JSON.stringify(await ohifMeasurements(page))}; screenshot test-results/ohif-hydration.png`);
      throw error;
    });
    expect(measurements.map((m) => m.label).sort()).toEqual(expectedLabels);
    expect(new Set(measurements.map((m) => m.toolName))).toEqual(new Set(['Length']));
    // OHIF's measurement panel sits collapsed on the right: open it as a user would.
    const panel = page.locator('[data-cy="trackedMeasurements-panel"]').first();
    if ((await panel.count()) === 0) await page.locator('[data-cy="trackedMeasurements-btn"]').click();
    await panel.waitFor();
  });

  it('draws each line at our points and measures it as our height (±0.1 mm)', async () => {
    // OHIF's MPR layout, then a click on a height in the panel: the sagittal view jumps to the plane of the lines.
    await page.locator('[data-cy="layout-button"]').click();
    await page.getByText('MPR', { exact: true }).first().click();
    await page.locator('[data-cy="trackedMeasurements-panel"]').getByText('L1 anterior height', { exact: true }).first().click();
    const drawn = await waitFor('OHIF to draw every Length', async () => {
      const lengths = await ohifLengths(page);
      return lengths.length >= 18 && lengths.every((l) => l.drawnMm !== null) ? lengths : null;
    });
    console.log(`OHIF drew ${drawn.length} Length annotations: ${drawn.map((l) => `${l.label} ${l.drawnMm?.toFixed(2)} mm`).join('; ')}`);
    for (const { level, points, heights } of levels) {
      for (const line of HEIGHT_LINES) {
        const label = lineLabel(level, line.wall);
        const annotation = drawn.find((d) => d.label === label);
        expect(annotation, label).toBeDefined();
        expect(distanceMm(annotation!.points[0]!, points[line.superior]), label).toBeLessThan(POINT_TOLERANCE_MM);
        expect(distanceMm(annotation!.points[1]!, points[line.inferior]), label).toBeLessThan(POINT_TOLERANCE_MM);
        expect(Math.abs(annotation!.drawnMm! - heights[line.key]), label).toBeLessThan(TOLERANCE_MM);
      }
    }
    const panel = page.locator('[data-cy="trackedMeasurements-panel"]').first();
    const rows = await waitFor('the panel to show 18 values', async () => {
      const texts = await panel.locator('[data-cy^="measurement-table-row"]').allTextContents();
      return texts.length >= 18 && texts.every((t) => /[0-9] mm/.test(t)) ? texts : null;
    });
    console.log(`OHIF's measurement panel: ${rows.length} rows, e.g. ${rows.filter((r) => r.includes('L1 ')).join(' | ')}`);
    const shown = await ohifMeasurements(page);
    for (const { level, heights } of levels) {
      for (const line of HEIGHT_LINES) {
        const label = lineLabel(level, line.wall);
        const row = rows.find((r) => r.includes(label)) ?? '';
        const rowMm = Number(/([0-9]+(?:\.[0-9]+)?)\s*mm/.exec(row.slice(row.indexOf(label) + label.length))?.[1]);
        expect(Math.abs(rowMm - heights[line.key]), `${label}: panel row "${row}"`).toBeLessThan(TOLERANCE_MM);
        const m = shown.find((x) => x.label === label);
        const serviceMm = Number(/([0-9]+(?:\.[0-9]+)?)\s*mm/.exec(m?.displayText ?? '')?.[1]);
        expect(Math.abs(serviceMm - heights[line.key]), `${label}: "${m?.displayText}"`).toBeLessThan(TOLERANCE_MM);
      }
    }
    // OHIF 3.13.2 sometimes renders a stack viewport it has just destroyed while switching the layout to MPR (its own
    // race, seen once in four CI-like runs, independent of the SR); any other page error fails the test.
    const OHIF_LAYOUT_RACE = /^The stack viewport has been destroyed and is no longer usable/;
    expect(pageErrors.filter((message) => !OHIF_LAYOUT_RACE.test(message))).toEqual([]);
  });

  // OHIF 3.13.2 at times ignores every click on "Create SR" for a whole attempt (5 of 9 runs on 2026-12-02, the
  // button clicked and no dialog, no page error); each attempt starts on a fresh page, and every assertion stays.
  it('writes an SR of a Length drawn in OHIF that our reader gives back as a read-only foreign annotation', { retry: 2 }, async () => {
    // A fresh OHIF page that has not loaded our SR: OHIF 3.13.2 cannot save hydrated 3-D measurements again
    // ("No volume found for <volumeId>" in MeasurementReport.getImageIdFromVolume), so the Length is drawn alone.
    await page.close();
    page = await context!.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${ohif!.url}/viewer?StudyInstanceUIDs=${studyUID}`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    await waitFor('OHIF to show the first CT image', async () =>
      page.evaluate(() => {
        type Engine = { getViewports(): Array<{ getCurrentImageId?(): string | undefined }> };
        const cs = (window as unknown as { cornerstone?: { getRenderingEngines(): Engine[] } }).cornerstone;
        const viewport = cs?.getRenderingEngines()[0]?.getViewports()[0];
        return viewport?.getCurrentImageId?.() ? true : null;
      }),
    );
    // Draw a Length on the axial image with OHIF's Length tool, as a user would; accept OHIF's offer to track it.
    await page.locator('[data-cy="Length-btn"]').first().click();
    const axial = page.locator('[data-cy="viewport-pane"]').first();
    const box = await axial.boundingBox();
    if (box === null) throw new Error('the axial viewport has no size');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4, { steps: 8 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 8 });
    await page.mouse.up();
    const drawn = await waitFor('OHIF to track the drawn Length', async () => {
      const yes = page.getByRole('button', { name: /^Yes$/ });
      if ((await yes.count()) > 0) await yes.first().click().catch(() => undefined);
      const now = await ohifMeasurements(page);
      return now.length === 1 && now[0]!.toolName === 'Length' && /mm/.test(now[0]!.displayText) ? now[0]! : null;
    }, 30_000);
    const drawnLength = (await ohifLengths(page))[0];
    const drawnMm = drawnLength?.drawnMm ?? Number.NaN;
    console.log(`drawn in OHIF: Length "${drawn.displayText}", ${drawnMm} mm`);
    const panel = page.locator('[data-cy="trackedMeasurements-panel"]').first();
    if ((await panel.count()) === 0) await page.locator('[data-cy="trackedMeasurements-btn"]').click();
    await panel.waitFor();

    // Save it to the PACS the way OHIF offers: "Create SR" in the measurement panel, then confirm the dialog.
    // On a slow machine the first click can land while the panel is still re-rendering: click again until the dialog shows.
    const save = page.getByRole('button', { name: /^Save$/ });
    await waitFor('OHIF to offer the Save dialog', async () => {
      if ((await save.count()) > 0) return true;
      await panel.getByText('Create SR').first().click({ timeout: 10_000 }).catch(() => undefined);
      // The dialog opens a moment after the click: wait for it before clicking again, which would close it.
      return save.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => null);
    }, 90_000).catch(async (error: unknown) => {
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'ohif-create-sr.png') }).catch(() => undefined);
      throw error;
    });
    await save.first().click();
    const ours = new Set<string>();
    const saved = await waitFor('OHIF to store its SR in Orthanc', async () => {
      const found = await fetch(`${orthanc!.url}/tools/find`, { method: 'POST', body: JSON.stringify({ Level: 'Instance', Query: { Modality: 'SR' }, Expand: true }) });
      const instances = (await found.json()) as Array<{ ID: string; MainDicomTags: { SOPInstanceUID: string } }>;
      for (const instance of instances) {
        if (ours.has(instance.ID)) continue;
        const bytes = new Uint8Array(await (await fetch(`${orthanc!.url}/instances/${instance.ID}/file`)).arrayBuffer());
        const read = readMeasurementReport(bytes);
        if (read.ok && read.value.vertebrae.length === 0) return read.value;
        if (!read.ok) throw new Error(`our reader refused the SR OHIF stored: ${read.error.message}`);
        ours.add(instance.ID);
      }
      return null;
    }, 60_000).catch(async (error: unknown) => {
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'ohif-save.png') }).catch(() => undefined);
      throw error;
    });

    expect(saved.vertebrae).toEqual([]);
    const foreign: ReadonlyArray<ForeignAnnotation> = saved.foreignAnnotations;
    console.log(`our reader on OHIF's SR (${saved.recognised.join('; ')}): ${foreign.length} foreign annotations: ${foreign.map((f) => `${f.kind} "${f.label}" ${f.value?.toFixed(2)} ${f.unit} (${f.graphics.map((g) => g.space).join(',')})`).join('; ')}`);
    expect(foreign).toHaveLength(1);
    const length = foreign[0]!;
    expect(length).toMatchObject({ kind: 'length', unit: 'mm', trackingIdentifier: 'Cornerstone3DTools@^0.1.0:Length' });
    expect(Math.abs(length.value! - drawnMm)).toBeLessThan(POINT_TOLERANCE_MM);
    // OHIF wrote the line as 2-D image coordinates on the axial image it was drawn on.
    expect(length.graphics).toHaveLength(1);
    const graphic = length.graphics[0]!;
    expect(graphic.space).toBe('image');
    if (graphic.space === 'image') {
      expect(graphic.pointsPx).toHaveLength(2);
      expect(sourceSopUids.has(graphic.referencedSopInstanceUID)).toBe(true);
    }
  });
});
