import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_OUTPUT, type PreviewServer } from './harness';
import { parseCsv } from '../helpers/csv';
import { ViewerPage, loadGroundTruth, type GroundTruthLevel, type Vec3 } from './pageObject';
import { startServer, startSession, type ViewerSession, type ViewerTab } from './session';
import { startRefusingProxy } from './refusingProxy';
import { hasOrthanc } from './orthancPresent';
import { startOrthanc, type RunningOrthanc } from '../../scripts/pacs/orthanc';
import { uploadFiles } from '../../scripts/pacs/upload';
import { ENHANCED_MR_IMAGE_STORAGE, writeEnhancedCt, writeEnhancedMr, writeEnhancedSagittalCt, type EnhancedObject } from './enhancedSeries';

/**
 * Enhanced multi-frame objects, as Philips and Siemens MR and newer CT send a series (one file, every slice a frame,
 * geometry and rescale in the functional groups): the phantom's axial CT as one Enhanced CT object (227 frames of
 * 512², interleaved), its sagittal T2 as one Enhanced MR object and sagittal planes of its CT 0.7 mm apart as a native
 * sagittal Enhanced CT (tests/e2e/enhancedSeries.ts), opened from local files, and a crop of the CT with the MR over
 * DICOMweb from Orthanc. The axial CT must open as the three linked views with a sagittal reformat of its frames, in
 * Hounsfield units from its Pixel Value Transformation group; the sagittal objects as stacks of their frames. Six clicks
 * and one assisted click measure the phantom's true heights, and the exports name the frame measured on. Before the
 * viewer read the functional groups' rescale, the local CT's voxels were 1,024 above HU and its one-click L2 was 5.5 mm
 * off; before it read Pixel Measures from the frames' own groups, the MR over DICOMweb was "uncalibrated".
 */
const hasSample = existsSync(join(SAMPLE_OUTPUT, 'manifest.json'));
const truth = hasSample ? loadGroundTruth() : null;
const baseline = truth?.studies.find((s) => s.key === 'baseline');
const ctSpacingMm = baseline?.series.find((s) => s.key === 'ct')?.pixelSpacingMm?.[0] ?? 0.7;
const mrSpacingMm = baseline?.series.find((s) => s.key === 'mr')?.pixelSpacingMm?.[0] ?? 0.9375;
const byLevel = (name: string): GroundTruthLevel => baseline!.levels!.find((l) => l.level === name)!;
const HEIGHTS = ['anteriorMm', 'middleMm', 'posteriorMm'] as const;
/** One assisted click: every height within this of the truth, mm (tests/e2e/assist.test.ts: "within ~1 mm"). */
const ONE_CLICK_CT_TOLERANCE_MM = 1;
/** The same on the MR's 0.94 mm pixels (assist.test.ts's ONE_CLICK_MR_HEIGHT_TOLERANCE_MM). */
const ONE_CLICK_MR_TOLERANCE_MM = 1.1;
/** Voxels compared with the object's stored values, per volume: a grid of this many columns, rows and frames. */
const VOXEL_GRID_STEPS = 5;

/**
 * The CT served by Orthanc: 160 × 160 pixels round the column (x −56…55.3 mm, y −35…76.3 mm: the bodies with the tissue
 * in front, the canal and the arches) of the 71 slices from z = −62 to 8 mm (L2, the discs above and below it and parts
 * of L1 and L3). Orthanc 1.10 reads the whole object for each frame it serves (3 s a frame of the whole 119 MB CT on a
 * 2-core VM), so the whole CT over WADO-RS would take minutes. Over DICOMweb the test is of how the frames of one
 * instance are asked for, placed and rescaled, not of their number.
 */
const DICOMWEB_CT_CROP = { firstColumn: 176, columns: 160, firstRow: 206, rows: 160, zRangeMm: [-62, 8] } as const;

function centreOf(level: GroundTruthLevel): Vec3 {
  const all = Object.values(level.points);
  return [0, 1, 2].map((i) => all.reduce((sum, p) => sum + p[i]!, 0) / all.length) as Vec3;
}

/** The frame number (1-based) of a frame's image id: `…&frame=K` for a file, `…/frames/K` over WADO-RS. */
function frameNumberOf(imageId: string): number {
  const match = /(?:[?&]frame=|\/frames\/)(\d+)$/.exec(imageId);
  if (!match) throw new Error(`not the image id of a frame: ${imageId}`);
  return Number(match[1]);
}

/** What the page planned for the open series, and each planned image's position as cornerstone's metadata gives it. */
async function openedPlan(page: Page) {
  return page.evaluate(() => {
    const plan = window.vertebralViewer.getState().plan!;
    const positionOf = (imageId: string) => (window.cornerstone.metaData.get('imagePlaneModule', imageId) as { imagePositionPatient: number[] }).imagePositionPatient;
    return {
      mode: plan.mode,
      orientations: plan.viewports.map((v) => v.orientation),
      kinds: plan.viewports.map((v) => v.kind),
      imageIds: plan.imageIds,
      positionsMm: plan.imageIds.map(positionOf),
      spacingMm: plan.geometry.spacingMm,
      normal: plan.geometry.normal,
      notes: plan.notes,
      modalityLut: window.cornerstone.metaData.get('modalityLutModule', plan.imageIds[0]!) as Record<string, unknown>,
    };
  });
}

/** Voxels (column, row, slice's image id) of the sagittal view's volume, modality units as the views draw them. */
async function volumeVoxels(page: Page, voxels: ReadonlyArray<{ column: number; row: number; imageId: string }>): Promise<number[]> {
  return page.evaluate((wanted) => {
    const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
    const { viewport } = window.cornerstone.getEnabledElement(element)!;
    const volumeId = (viewport as unknown as { getVolumeId(): string }).getVolumeId();
    type Volume = { imageIds: string[]; voxelManager: { getAtIJK(i: number, j: number, k: number): number } };
    const volume = (window.cornerstone as unknown as { cache: { getVolume(id: string): Volume } }).cache.getVolume(volumeId);
    return wanted.map(({ column, row, imageId }) => volume.voxelManager.getAtIJK(column, row, volume.imageIds.indexOf(imageId)));
  }, voxels);
}

/**
 * One assisted click at the centre of a level's body on the sagittal view; resolves once its vertebra is listed, and
 * fails at once with the page's notice when the analysis declines (an image it takes for uncalibrated, for instance).
 */
async function proposeByClick(viewer: ViewerPage, level: string): Promise<void> {
  await viewer.page.locator('[data-testid="assist-mode"]').selectOption('click');
  await viewer.chooseLevel(level);
  const p = await viewer.pagePointOf('sagittal', centreOf(byLevel(level)));
  await viewer.page.mouse.click(p.x, p.y);
  const declined = viewer.page.locator('[data-testid="assist-notice"][data-kind="error"]');
  await viewer.row(level).or(declined).first().waitFor({ timeout: 60_000 });
  expect(await declined.count() === 0 ? '' : await declined.textContent()).toBe('');
  await viewer.page.locator('[data-testid="assist-mode"]').selectOption('off');
}

/** Each of a level's three heights minus the truth, mm. */
async function heightErrorsMm(viewer: ViewerPage, level: string): Promise<number[]> {
  return Promise.all(HEIGHTS.map(async (field) => (await viewer.numberField(level, field)) - byLevel(level).heights[field]));
}

/** Expects each of the level's three heights in the panel within `toleranceMm` of the truth. */
async function expectHeightsWithin(viewer: ViewerPage, level: string, toleranceMm: number): Promise<void> {
  for (const [i, error] of (await heightErrorsMm(viewer, level)).entries()) expect(Math.abs(error), HEIGHTS[i]).toBeLessThan(toleranceMm);
}

/** The frame (1-based) of `object` nearest the plane x = `xMm`: where a sagittal vertebra at that x lies. */
function frameAtX(object: EnhancedObject, xMm: number): number {
  const distances = object.framePositionsMm.map((p) => Math.abs(p[0] - xMm));
  return distances.indexOf(Math.min(...distances)) + 1;
}

/**
 * The CT opened as three views: the checks both the local file and DICOMweb must pass. `framed`: the sagittal view is
 * framed on the column it finds (whole slices only: on a crop the view may keep its whole-image fit).
 */
async function expectCtReformat(page: Page, ct: EnhancedObject, framed: boolean): Promise<void> {
  const plan = await openedPlan(page);
  expect(plan.mode).toBe('mpr');
  expect(plan.orientations).toEqual(['sagittal', 'axial', 'coronal']);
  expect(plan.kinds).toEqual(['volume', 'volume', 'volume']);
  expect(plan.notes).toEqual([]);
  expect(plan.imageIds).toHaveLength(ct.frameCount);
  expect(plan.spacingMm).toBeCloseTo(1, 6);
  expect(Math.abs(plan.normal?.[2] ?? 0)).toBeCloseTo(1, 6);
  // Each frame where its own Plane Position puts it, and the volume's slices in order along z.
  plan.imageIds.forEach((imageId, i) => {
    const stored = ct.framePositionsMm[frameNumberOf(imageId) - 1]!;
    expect(plan.positionsMm[i], imageId).toEqual([...stored]);
  });
  const zs = plan.positionsMm.map((p) => p[2]!);
  const steps = zs.slice(1).map((z, i) => z - zs[i]!);
  expect(steps.every((d) => Math.abs(Math.abs(d) - 1) < 1e-6 && Math.sign(d) === Math.sign(steps[0]!))).toBe(true);
  // Hounsfield units from the Pixel Value Transformation group, the window from the Frame VOI LUT group.
  expect(plan.modalityLut).toMatchObject({ rescaleIntercept: -1024, rescaleSlope: 1, rescaleType: 'HU' });
  // Every voxel of a grid across the volume is its frame's stored value rescaled: 1,024 lower than stored here.
  const grid = (n: number) => Array.from({ length: VOXEL_GRID_STEPS }, (_, i) => Math.round((i * (n - 1)) / (VOXEL_GRID_STEPS - 1)));
  const voxels = grid(ct.frameCount).flatMap((k) => grid(ct.rows).flatMap((row) => grid(ct.columns).map((column) => ({ column, row, imageId: plan.imageIds[k]! }))));
  const expected = voxels.map(({ column, row, imageId }) => ct.storedAt(frameNumberOf(imageId), row, column) * ct.rescale.slope + ct.rescale.intercept);
  expect(await volumeVoxels(page, voxels)).toEqual(expected);
  const view = new ViewerPage(page);
  // cornerstone shows the stored width 2000 as 1999 (its linear window's range), as for the phantom's own CT.
  expect(Math.abs((await view.windowWidth('sagittal')) - 2000)).toBeLessThanOrEqual(1);
  // Framing finds the column on the sagittal reformat only in HU.
  if (framed) expect(await view.viewport('sagittal').getAttribute('data-framed')).toBe('spine');
}

/** The objects the tests open, written once for the file, and the server Orthanc's copy is uploaded to. */
interface Objects {
  readonly folder: string;
  readonly ct: EnhancedObject;
  readonly mr: EnhancedObject;
  /** Sagittal planes of the CT 0.7 mm apart, as a native sagittal Enhanced CT. */
  readonly sagittalCt: EnhancedObject;
  /** DICOMWEB_CT_CROP of the CT: Orthanc's copy. */
  readonly ctCrop: EnhancedObject;
  /** Settles once Orthanc holds the cropped CT and the MR (at once without Orthanc). */
  readonly uploaded: Promise<void>;
}

/** What one stack click sent the analysis worker: the displayed frame alone ('plane') or with neighbours ('volume'). */
interface StackImageSent {
  readonly kind: string;
  readonly dimensions: readonly number[] | null;
}

/**
 * Init script: records the image of every proposal the page asks of the analysis worker for a stack (the worker's
 * messages, viewer/workers/analysisMessages.ts). Self-contained, as page.addInitScript needs; no named functions.
 */
function recordStackImagesSent(): void {
  const sent: StackImageSent[] = [];
  (window as unknown as { stackImagesSent: StackImageSent[] }).stackImagesSent = sent;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    const request = message as { type?: unknown; source?: { kind?: unknown; image?: { kind?: unknown; dimensions?: unknown } } } | null;
    if (request?.type === 'propose' && request.source?.kind === 'image') {
      const { kind, dimensions } = request.source.image ?? {};
      sent.push({ kind: String(kind), dimensions: Array.isArray(dimensions) ? [...(dimensions as number[])] : null });
    }
    return (post as (...args: unknown[]) => void).apply(this, [message, ...rest]);
  } as typeof Worker.prototype.postMessage;
}

async function stackImagesSent(page: Page): Promise<StackImageSent[]> {
  return page.evaluate(() => [...(window as unknown as { stackImagesSent: StackImageSent[] }).stackImagesSent]);
}

let objects: Objects | null = null;
let orthanc: RunningOrthanc | null = null;
let server: PreviewServer | null = null;
/** One browser and preview server for the file (each start costs seconds): the local files' page, then a DICOMweb tab. */
let session: ViewerSession;
let viewer: ViewerPage;

beforeAll(async () => {
  if (!hasSample) return;
  const folder = mkdtempSync(join(tmpdir(), 'vhv-enhanced-'));
  const ct = writeEnhancedCt(folder);
  const mr = writeEnhancedMr(folder);
  const sagittalCt = writeEnhancedSagittalCt(folder);
  const ctCrop = writeEnhancedCt(folder, DICOMWEB_CT_CROP);
  let uploaded = Promise.resolve();
  if (hasOrthanc) {
    const running = (orthanc = await startOrthanc({ storageDir: join(folder, 'orthanc') }));
    // Uploaded while the local files are tested; the DICOMweb tests wait for it.
    uploaded = uploadFiles(running.dicomWebRoot, [ctCrop.path, mr.path]).then((report) => expect(report.failed).toEqual([]));
    uploaded.catch(() => undefined);
  }
  objects = { folder, ct, mr, sagittalCt, ctCrop, uploaded };
  server = await startServer(orthanc ? { serverEnv: { DICOMWEB_PROXY_TARGET: orthanc.url } } : {});
  session = await startSession({ server, initScript: recordStackImagesSent });
  viewer = session.viewer;
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
  await orthanc?.stop();
  if (objects) rmSync(objects.folder, { recursive: true, force: true });
});

describe.skipIf(!hasSample)('enhanced multi-frame CT and MR opened from local files', () => {
  let ct: EnhancedObject;
  let mr: EnhancedObject;
  let sagittalCt: EnhancedObject;

  beforeAll(async () => {
    ({ ct, mr, sagittalCt } = objects!);
    await viewer.openFiles([ct.path, mr.path, sagittalCt.path]);
    await viewer.openSeries(ct.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
  });

  afterAll(async () => {
    // Its 119 MB volume is let go before the DICOMweb tab opens.
    await session?.page.close();
  });

  it('opens the Enhanced CT as three linked views, the sagittal a reformat of its frames by their planes, in HU', async () => {
    await expectCtReformat(viewer.page, ct, true);
  });

  it('measures L1 on the sagittal reformat within one pixel spacing of the truth', async () => {
    await viewer.placeVertebra('sagittal', 'L1', byLevel('L1').points);
    await expectHeightsWithin(viewer, 'L1', ctSpacingMm);
  });

  it('proposes L2 from one click inside its body, every height within 1 mm of the truth', async () => {
    await proposeByClick(viewer, 'L2');
    await expectHeightsWithin(viewer, 'L2', ONE_CLICK_CT_TOLERANCE_MM);
  });

  it('opens the Enhanced MR as a sagittal stack of its frames in order across the patient, and scrolls through them', async () => {
    await viewer.openSeries(mr.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    const plan = await openedPlan(viewer.page);
    expect(plan.mode).toBe('stack');
    expect(plan.orientations).toEqual(['sagittal']);
    expect(plan.imageIds).toHaveLength(mr.frameCount);
    plan.imageIds.forEach((imageId, i) => expect(plan.positionsMm[i], imageId).toEqual([...mr.framePositionsMm[frameNumberOf(imageId) - 1]!]));
    const xs = plan.positionsMm.map((p) => p[0]!);
    expect(new Set(xs.slice(1).map((x, i) => Math.sign(x - xs[i]!))).size).toBe(1);
    // The arrow keys move one frame at a time, to the frame at the spine's mid plane.
    const start = await viewer.sliceIndex('sagittal');
    await viewer.showSagittalPlaneAt(xs[0]!);
    expect(await viewer.sliceIndex('sagittal')).toBe(0);
    await viewer.showSagittalPlaneAt(byLevel('L1').points.anteriorSuperior[0]);
    expect(await viewer.sliceIndex('sagittal')).toBe(start);
  });

  it('measures L1 on the frame through the spine within one pixel spacing of the truth', async () => {
    await viewer.placeVertebra('sagittal', 'L1', byLevel('L1').points);
    await expectHeightsWithin(viewer, 'L1', mrSpacingMm);
  });

  it('proposes L2 from one click on that frame, every height within 1.1 mm of the truth', async () => {
    await proposeByClick(viewer, 'L2');
    await expectHeightsWithin(viewer, 'L2', ONE_CLICK_MR_TOLERANCE_MM);
    // 3.5 mm apart, the frames around it are too far to be read with it (analysis/planeView.ts slicesEachSide).
    expect((await stackImagesSent(viewer.page)).at(-1)).toEqual({ kind: 'plane', dimensions: null });
  });

  it('exports JSON naming the measured frame, CSV rows of its series, and an SR whose image library references the enhanced instance', async () => {
    const download = async (testId: string): Promise<string> => {
      const [file] = await Promise.all([viewer.page.waitForEvent('download'), viewer.menuItem(testId).then((item) => item.click())]);
      const target = join(objects!.folder, file.suggestedFilename());
      await file.saveAs(target);
      return target;
    };
    const frame = frameAtX(mr, byLevel('L1').points.anteriorSuperior[0]);
    const json = JSON.parse(readFileSync(await download('export-json'), 'utf8')) as {
      studies: Array<{ series: Array<{ seriesInstanceUID: string; vertebrae: Array<{ level: string; referencedImage: unknown }> }> }>;
    };
    const series = json.studies.flatMap((s) => s.series).find((s) => s.seriesInstanceUID === mr.seriesInstanceUID)!;
    expect(series.vertebrae.map((v) => [v.level, v.referencedImage])).toEqual([
      ['L1', { sopInstanceUID: mr.sopInstanceUID, frameNumber: frame }],
      ['L2', { sopInstanceUID: mr.sopInstanceUID, frameNumber: frame }],
    ]);

    const csv = parseCsv(readFileSync(await download('export-csv'), 'utf8').replace(/^\uFEFF/, ''));
    const [header = [], ...rows] = csv;
    const seriesRows = rows.filter((row) => row[header.indexOf('series_instance_uid')] === mr.seriesInstanceUID);
    expect(seriesRows.map((row) => [row[header.indexOf('level')], row[header.indexOf('series_instance_uid')]])).toEqual([
      ['L1', mr.seriesInstanceUID],
      ['L2', mr.seriesInstanceUID],
    ]);

    const srPath = await download('export-sr');
    const sr = dcmjs.data.DicomMessage.readFile(readFileSync(srPath).buffer as ArrayBuffer);
    const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(sr.dict);
    const images: Array<Record<string, unknown>> = [];
    const withoutVrMap = ({ _vrMap: _, ...rest }: Record<string, unknown>) => rest;
    const walk = (items: unknown): void => {
      for (const item of (Array.isArray(items) ? items : []) as Array<Record<string, unknown>>) {
        if (item.ValueType === 'IMAGE') images.push(...(item.ReferencedSOPSequence as Array<Record<string, unknown>>).map(withoutVrMap));
        walk(item.ContentSequence);
      }
    };
    walk(dataset.ContentSequence);
    // One multi-frame instance, referenced whole: without a Referenced Frame Number an IMAGE item means all its frames.
    expect(images).toEqual([{ ReferencedSOPClassUID: ENHANCED_MR_IMAGE_STORAGE, ReferencedSOPInstanceUID: mr.sopInstanceUID }]);
    if (spawnSync('sh', ['-c', 'command -v dciodvfy']).status === 0) {
      const verify = spawnSync('dciodvfy', [srPath], { encoding: 'utf8' });
      expect(`${verify.stdout}${verify.stderr}`.split('\n').filter((line) => /^Error/.test(line))).toEqual([]);
    } else if (process.env.CI) {
      throw new Error('dciodvfy is required in CI (.ci/run installs dicom3tools)');
    }
  });

  it('proposes L2 on a sagittal Enhanced CT stack from the displayed frame read with its neighbouring frames, within 1 mm', async () => {
    await viewer.openSeries(sagittalCt.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    const plan = await openedPlan(viewer.page);
    expect([plan.mode, plan.orientations, plan.imageIds.length]).toEqual(['stack', ['sagittal'], sagittalCt.frameCount]);
    await viewer.showSagittalPlaneAt(byLevel('L2').points.anteriorSuperior[0]);
    await proposeByClick(viewer, 'L2');
    await expectHeightsWithin(viewer, 'L2', ONE_CLICK_CT_TOLERANCE_MM);
    // The displayed frame and the frames beside it, each from the one instance, as a volume of whole frames.
    const [sent] = (await stackImagesSent(viewer.page)).slice(-1);
    expect(sent?.kind).toBe('volume');
    expect(sent?.dimensions?.slice(0, 2)).toEqual([sagittalCt.columns, sagittalCt.rows]);
    expect(sent?.dimensions?.[2]).toBeGreaterThanOrEqual(3);
  });

  it('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

describe.skipIf(!hasSample || !hasOrthanc)('enhanced multi-frame CT and MR over DICOMweb (WADO-RS frames of one instance)', () => {
  let ct: EnhancedObject;
  let mr: EnhancedObject;
  let tab: ViewerTab;
  let pacsViewer: ViewerPage;
  /** Requests per frame URL path, from the page's first request on. */
  const frameRequests = new Map<string, number>();

  beforeAll(async () => {
    ({ ctCrop: ct, mr } = objects!);
    await objects!.uploaded;
    tab = await session.openTab({
      initScript: recordStackImagesSent,
      path: `/?dicomweb=/dicom-web&StudyInstanceUIDs=${ct.studyInstanceUID}`,
      beforeNavigate: (page) => page.on('request', (request) => {
        // A request may carry a list of one instance's frames (`…/frames/3,4,5`): each frame is counted.
        const match = /^(.*\/frames\/)([\d,]+)$/.exec(new URL(request.url()).pathname);
        for (const frame of match?.[2]!.split(',') ?? []) {
          const path = match![1]! + frame;
          frameRequests.set(path, (frameRequests.get(path) ?? 0) + 1);
        }
      }),
    });
    pacsViewer = tab.viewer;
    await pacsViewer.waitLoaded('sagittal');
  });

  afterAll(async () => {
    await tab?.close();
  });

  it('opens the Enhanced CT as three linked views, the sagittal a reformat of its frames by their planes, in HU', async () => {
    await expectCtReformat(pacsViewer.page, ct, false);
  });

  it('fetched every frame of the CT instance once', () => {
    const ctFrames = [...frameRequests.entries()].filter(([path]) => path.includes(`/instances/${ct.sopInstanceUID}/frames/`));
    expect(ctFrames).toHaveLength(ct.frameCount);
    expect(ctFrames.filter(([, count]) => count !== 1)).toEqual([]);
  });

  it('proposes L2 from one click on the sagittal reformat, every height within 1 mm of the truth', async () => {
    await pacsViewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    await proposeByClick(pacsViewer, 'L2');
    await expectHeightsWithin(pacsViewer, 'L2', ONE_CLICK_CT_TOLERANCE_MM);
  });

  it('opens the Enhanced MR as a sagittal stack and proposes L2 from one click, within 1.1 mm of the truth', async () => {
    // Its thumbnail's frame, fetched before (cornerstone/thumbnail.ts), is taken by the stack from there, not asked again
    // (loading/thumbnailFrames.ts).
    await pacsViewer.openSeries(mr.seriesInstanceUID);
    await pacsViewer.waitLoaded('sagittal');
    const plan = await openedPlan(pacsViewer.page);
    expect([plan.mode, plan.orientations, plan.imageIds.length]).toEqual(['stack', ['sagittal'], mr.frameCount]);
    plan.imageIds.forEach((imageId, i) => expect(plan.positionsMm[i], imageId).toEqual([...mr.framePositionsMm[frameNumberOf(imageId) - 1]!]));
    await pacsViewer.showSagittalPlaneAt(byLevel('L2').points.anteriorSuperior[0]);
    await proposeByClick(pacsViewer, 'L2');
    await expectHeightsWithin(pacsViewer, 'L2', ONE_CLICK_MR_TOLERANCE_MM);
    const mrFrames = [...frameRequests.entries()].filter(([path]) => path.includes(`/instances/${mr.sopInstanceUID}/frames/`));
    expect(mrFrames.length).toBeGreaterThan(0);
    expect(mrFrames.filter(([, count]) => count !== 1)).toEqual([]);
  });

  // The read-ahead asks for a multi-frame instance's frames in lists (workers/frameFetchWorker.ts); a PACS that refuses
  // a list gets those frames asked for one by one, and the volume is complete all the same.
  it('loads the Enhanced CT through a PACS that refuses lists of frames, asking for each frame alone', async () => {
    const proxy = await startRefusingProxy(server!.url, [{ pathPart: '/frames/', pathPattern: /\/frames\/\d+,/, status: 400 }]);
    const context = await session.browser.newContext({ viewport: { width: 1200, height: 800 } });
    try {
      const page = await context.newPage();
      const single = new Map<string, number>();
      page.on('request', (request) => {
        const match = /\/frames\/(\d+)$/.exec(new URL(request.url()).pathname);
        if (match && request.url().includes(ct.sopInstanceUID)) single.set(match[1]!, (single.get(match[1]!) ?? 0) + 1);
      });
      await page.goto(`${proxy.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${ct.studyInstanceUID}`);
      await new ViewerPage(page).waitLoaded('sagittal');
      await page.waitForFunction(() => performance.getEntriesByName('vhv:volume-loaded', 'mark').length > 0, undefined, { timeout: 120_000 });
      expect(proxy.refusals('/frames/')).toBeGreaterThan(0);
      expect(single.size).toBe(ct.frameCount);
      // The first image's frame is also asked for early (loading/earlyFrame.ts) and for the thumbnail.
      expect([...single.values()].filter((count) => count > 3)).toEqual([]);
      expect(await page.evaluate(() => window.vertebralViewer.getState().problems.length)).toBe(0);
    } finally {
      await context.close();
      await proxy.stop();
    }
  });

  it('raised no uncaught error in the page', () => {
    expect(tab.pageErrors).toEqual([]);
  });
});
