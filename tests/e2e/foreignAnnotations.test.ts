import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENHANCED_SR, foreignReport, ohifLengthGroup } from '../helpers/ohifStyleSr';
import { ViewerPage, loadGroundTruth, sampleFiles } from './pageObject';
import { startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const ct = baseline.series.find((s) => s.key === 'ct')!;
const l1 = baseline.levels!.find((l) => l.level === 'L1')!;
const scratch = mkdtempSync(join(tmpdir(), 'vh-foreign-'));
/** What OHIF wrote as the line's length (the viewer shows it as written; it never measures a foreign line). */
const OHIF_LENGTH_MM = 37.25;
/** The line OHIF drew on one axial slice, column/row in pixels: front to back through the vertebral body. */
const LINE_PX: [number, number, number, number] = [120.5, 90.5, 120.5, 170.5];
const LINE_SELECTOR = 'line[data-id="foreign-annotation-line"]';

let session: ViewerSession;
let viewer: ViewerPage;
let slice: { sopInstanceUID: string; imageId: string };

type Rows = Array<Record<string, string | null>>;
async function morphometryRows(): Promise<Rows> {
  return viewer.page.locator('[data-testid="measurement-row"] [data-field]').evaluateAll((cells) =>
    cells.map((c) => ({ level: c.closest('[data-level]')?.getAttribute('data-level') ?? null, field: c.getAttribute('data-field'), value: c.getAttribute('data-value') })));
}

beforeAll(async () => {
  session = await startSession();
  viewer = session.viewer;
  await viewer.openFiles(sampleFiles('baseline', 'ct'));
  await viewer.openSeries(ct.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
  await viewer.waitLoaded('axial');
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
  await viewer.placeVertebra('sagittal', 'L1', l1.points);
  // An axial slice through L1, far from the axial view's starting (middle) slice.
  slice = await viewer.page.evaluate((z) => {
    const images = window.vertebralViewer.getState().instances.filter((i) => i.meta.kind === 'image');
    const nearest = images.reduce((best, i) => (Math.abs((i.meta.frames[0]?.positionMm?.[2] ?? Infinity) - z) < Math.abs((best.meta.frames[0]?.positionMm?.[2] ?? Infinity) - z) ? i : best));
    return { sopInstanceUID: nearest.meta.sopInstanceUID, imageId: nearest.imageIds[0]! };
  }, (l1.points.anteriorSuperior[2] + l1.points.anteriorInferior[2]) / 2);
});

afterAll(async () => {
  await session?.close();
});

describe('a Length drawn in OHIF on an axial slice of the open CT', () => {
  let rowsBefore: Rows;
  let measurementsBefore: string;

  it('is listed under "From other viewers" with its kind and value, read-only', async () => {
    rowsBefore = await morphometryRows();
    measurementsBefore = JSON.stringify(await viewer.page.evaluate(() => window.vertebralViewer.getState().measurements.byId));
    expect(rowsBefore.length).toBeGreaterThan(0);
    const bytes = foreignReport(ENHANCED_SR, [ohifLengthGroup({ sopInstanceUID: slice.sopInstanceUID }, LINE_PX, OHIF_LENGTH_MM, 'AP diameter')], {
      studyInstanceUID: baseline.studyInstanceUID,
      sopInstanceUID: '2.25.424242',
    });
    const path = join(scratch, 'ohif-length.dcm');
    writeFileSync(path, bytes);
    await (await viewer.menuItem('import-measurements')).setInputFiles(path);
    const row = viewer.page.locator('[data-testid="foreign-annotation"]');
    await row.waitFor({ state: 'attached' });
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-kind')).toBe('length');
    expect(Number(await row.getAttribute('data-value'))).toBe(OHIF_LENGTH_MM);
    expect(await row.getAttribute('data-unit')).toBe('mm');
    expect(await row.getAttribute('data-placed')).toBe('true');
    expect(await row.textContent()).toMatch(/AP diameter: 37\.3 mm/);
  });

  it('is drawn on the axial view at its slice, at the image position cornerstone gives the pixels', async () => {
    await viewer.page.locator('[data-testid="foreign-annotation-show"]').click();
    const axial = viewer.viewport('axial');
    await axial.locator(LINE_SELECTOR).first().waitFor({ state: 'attached' });
    const drawn = await axial.locator(LINE_SELECTOR).first().evaluate((line) => ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a))));
    const expected = await viewer.page.evaluate(([selector, imageId, px]) => {
      const { viewport } = window.cornerstone.getEnabledElement(document.querySelector(selector) as HTMLDivElement)!;
      const toWorld = (window.cornerstone as unknown as { utilities: { imageToWorldCoords(id: string, p: [number, number]): [number, number, number] } }).utilities.imageToWorldCoords;
      return [...viewport.worldToCanvas(toWorld(imageId, [px[0], px[1]])), ...viewport.worldToCanvas(toWorld(imageId, [px[2], px[3]]))];
    }, [ViewerPage.selector('axial'), slice.imageId, LINE_PX] as const);
    drawn.forEach((v, i) => expect(Math.abs(v - (expected[i] ?? NaN))).toBeLessThan(0.5));
  });

  it('is also seen on the sagittal view through it, since the line lies in that plane', async () => {
    // Move the sagittal view onto the line's plane (x of the line), as a reader scrolling there would.
    await viewer.page.evaluate(([selector, imageId, px]) => {
      const { viewport } = window.cornerstone.getEnabledElement(document.querySelector(selector) as HTMLDivElement)!;
      const toWorld = (window.cornerstone as unknown as { utilities: { imageToWorldCoords(id: string, p: [number, number]): [number, number, number] } }).utilities.imageToWorldCoords;
      const [x] = toWorld(imageId, [px[0], px[1]]);
      const camera = viewport.getCamera();
      const dx = x - camera.focalPoint[0];
      viewport.setCamera({ focalPoint: [x, camera.focalPoint[1], camera.focalPoint[2]], position: [camera.position[0] + dx, camera.position[1], camera.position[2]] });
      viewport.render();
    }, [ViewerPage.selector('sagittal'), slice.imageId, LINE_PX] as const);
    await viewer.viewport('sagittal').locator(LINE_SELECTOR).first().waitFor({ state: 'attached' });
  });

  it('leaves the morphometry panel, the vertebrae and the exports as they were', async () => {
    expect(await morphometryRows()).toEqual(rowsBefore);
    expect(JSON.stringify(await viewer.page.evaluate(() => window.vertebralViewer.getState().measurements.byId))).toBe(measurementsBefore);
    const [file] = await Promise.all([viewer.page.waitForEvent('download'), (await viewer.menuItem('export-json')).click()]);
    const target = join(scratch, file.suggestedFilename());
    await file.saveAs(target);
    const exported = readFileSync(target, 'utf8');
    expect(exported).not.toMatch(/AP diameter/);
    expect(exported).toMatch(/"L1"/);
  });

  it('is forgotten for this session on request, and drawn no more', async () => {
    await viewer.page.locator('[data-testid="foreign-annotations-clear"]').click();
    await viewer.page.locator('[data-testid="foreign-annotation"]').waitFor({ state: 'detached' });
    await viewer.viewport('axial').locator(LINE_SELECTOR).first().waitFor({ state: 'detached' });
    expect(await morphometryRows()).toEqual(rowsBefore);
  });
});
