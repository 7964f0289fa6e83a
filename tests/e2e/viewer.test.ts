import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import type { PreviewServer } from './harness';
import { ViewerPage, loadGroundTruth, sampleFiles } from './pageObject';
import { startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const ct = baseline.series.find((s) => s.key === 'ct')!;
const mr = baseline.series.find((s) => s.key === 'mr')!;
const l1 = baseline.levels!.find((l) => l.level === 'L1')!;

let session: ViewerSession;
let server: PreviewServer;
let viewer: ViewerPage;
let pageErrors: string[];

beforeAll(async () => {
  session = await startSession();
  ({ server, viewer, pageErrors } = session);

  // The baseline study plus a truncated copy of one MR slice among the good files.
  const dir = mkdtempSync(join(tmpdir(), 'vh-e2e-'));
  const mrFiles = sampleFiles('baseline', 'mr');
  const bytes = readFileSync(at(mrFiles, 0));
  writeFileSync(join(dir, 'TRUNCATED.dcm'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  copyFileSync(at(mrFiles, 1), join(dir, 'copy-of-mr.dcm'));
  await viewer.openFiles([...sampleFiles('baseline'), join(dir, 'TRUNCATED.dcm')]);
});

afterAll(async () => {
  await session?.close();
});

describe('opening the sample baseline study through the file input', () => {
  it('lists both series with their image counts', async () => {
    const ctItem = viewer.page.locator(`[data-testid="series-item"][data-series-uid="${ct.seriesInstanceUID}"]`);
    const mrItem = viewer.page.locator(`[data-testid="series-item"][data-series-uid="${mr.seriesInstanceUID}"]`);
    expect(await ctItem.getAttribute('data-image-count')).toBe(String(ct.imageCount));
    expect(await mrItem.getAttribute('data-image-count')).toBe(String(mr.imageCount));
  });

  it('shows the truncated file with its own message while the good files open', async () => {
    const problem = viewer.page.locator('[data-testid="file-problem"][data-file-name="TRUNCATED.dcm"]');
    await expect(problem.textContent()).resolves.toMatch(/truncated/);
    expect(await problem.getAttribute('data-severity')).toBe('error');
  });

  it('renders real pixels in the axial and the sagittal view', async () => {
    await viewer.waitLoaded('axial');
    await viewer.waitLoaded('sagittal');
    expect(await viewer.nonBlackFraction('axial')).toBeGreaterThan(0.1);
    expect(await viewer.nonBlackFraction('sagittal')).toBeGreaterThan(0.1);
    expect(await viewer.viewport('coronal').getAttribute('data-rendered')).toBe('true');
  });

  it('scrolls the axial view with the mouse wheel', async () => {
    const before = await viewer.sliceIndex('axial');
    const box = (await viewer.viewport('axial').boundingBox())!;
    await viewer.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await viewer.page.mouse.wheel(0, 300);
    await expect.poll(() => viewer.sliceIndex('axial')).not.toBe(before);
  });

  it('scrolls the focused view with the arrow keys', async () => {
    const box = (await viewer.viewport('axial').boundingBox())!;
    await viewer.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = await viewer.sliceIndex('axial');
    await viewer.page.keyboard.press('ArrowDown');
    await viewer.page.keyboard.press('ArrowDown');
    await expect.poll(() => viewer.sliceIndex('axial')).toBe(before + 2);
  });

  it('changes the window with a preset', async () => {
    await viewer.page.locator('[data-testid="preset-soft"]').click();
    await expect.poll(() => viewer.windowWidth('sagittal')).toBe(400);
    await viewer.page.locator('[data-testid="preset-bone"]').click();
    await expect.poll(() => viewer.windowWidth('sagittal')).toBe(2000);
  });

  it('maps the L1 anterior-superior corner to bright cortical bone in the sagittal view', async () => {
    const point = await viewer.pagePointOf('sagittal', l1.points.anteriorSuperior);
    const box = (await viewer.viewport('sagittal').boundingBox())!;
    expect(point.x).toBeGreaterThan(box.x);
    expect(point.x).toBeLessThan(box.x + box.width);
    // With the bone window (W 2000 L 500), cortex at ~1000 HU shows above mid-grey; soft tissue and disc do not.
    expect(await viewer.maxGreyNear('sagittal', point, 2)).toBeGreaterThan(170);
  });

  it('maps a point in the soft tissue in front of the spine to a darker grey', async () => {
    const front: [number, number, number] = [0, l1.points.anteriorSuperior[1] - 25, l1.points.anteriorSuperior[2] - 10];
    const point = await viewer.pagePointOf('sagittal', front);
    expect(await viewer.maxGreyNear('sagittal', point, 1)).toBeLessThan(150);
  });

  it('moves the sagittal view to the plane clicked on the axial view (crosshairs)', async () => {
    await viewer.page.locator('[data-testid="tool-crosshairs"]').click();
    const focal = await viewer.page.evaluate(() => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="axial"]') as HTMLDivElement;
      return window.cornerstone.getEnabledElement(element)!.viewport.getCamera().focalPoint;
    });
    const target: [number, number, number] = [18, focal[1] + 10, focal[2]];
    const point = await viewer.pagePointOf('axial', target);
    await viewer.page.mouse.click(point.x, point.y);
    const sagittalX = () => viewer.page.evaluate(() => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
      return window.cornerstone.getEnabledElement(element)!.viewport.getCamera().focalPoint[0];
    });
    await expect.poll(async () => Math.abs((await sagittalX()) - target[0])).toBeLessThan(1);
  });

  it('opens files dropped onto the page', async () => {
    const fresh = await session.openTab();
    const { page } = fresh;
    // The viewer's code is loaded after the page (a dynamic import): drop once its drop zone is there.
    await page.locator('.app').waitFor();
    const manifest = await (await fetch(`${server.url}/sample/manifest.json`)).json();
    const mrFiles: string[] = manifest.studies.find((s: { key: string }) => s.key === 'baseline').series.find((s: { key: string }) => s.key === 'mr').files;
    await page.evaluate(async (paths) => {
      const transfer = new DataTransfer();
      for (const path of paths) {
        const blob = await (await fetch(`/sample/${path}`)).blob();
        transfer.items.add(new File([blob], path.split('/').pop()!, { type: 'application/dicom' }));
      }
      const target = document.querySelector('.app')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, mrFiles);
    const item = page.locator(`[data-testid="series-item"][data-series-uid="${mr.seriesInstanceUID}"]`);
    await item.waitFor();
    await expect.poll(() => item.getAttribute('data-image-count')).toBe(String(mr.imageCount));
    await fresh.close();
  });

  it('inverts, zooms and resets the views', async () => {
    const label = async () => {
      const id = await viewer.viewport('sagittal').getAttribute('data-viewport-id');
      return viewer.page.locator(`[data-testid="viewport-overlay"][data-viewport-id="${id}"] [data-testid="window-label"]`).textContent();
    };
    const scale = () => viewer.page.evaluate(() => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
      return window.cornerstone.getEnabledElement(element)!.viewport.getCamera().parallelScale;
    });
    await viewer.page.locator('[data-testid="invert"]').click();
    await expect.poll(label).toMatch(/inverted/);
    const before = await scale();
    await viewer.page.locator('[data-testid="tool-zoom"]').click();
    const box = (await viewer.viewport('sagittal').boundingBox())!;
    await viewer.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await viewer.page.mouse.down();
    await viewer.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3, { steps: 5 });
    await viewer.page.mouse.up();
    await expect.poll(scale).not.toBeCloseTo(before, 3);
    await viewer.page.locator('[data-testid="reset"]').click();
    await expect.poll(scale).toBeCloseTo(before, 3);
    await expect.poll(label).not.toMatch(/inverted/);
  });

  it('while measuring, slides the study browser over the views when asked and closes it once a series is chosen there', async () => {
    const tool = viewer.page.locator('[data-testid="tool-vertebral-height"]');
    if ((await tool.getAttribute('aria-pressed')) !== 'true') await tool.click();
    const browser = viewer.page.locator('[data-testid="study-browser"]');
    await browser.waitFor({ state: 'hidden' });
    const item = (uid: string) => viewer.page.locator(`[data-testid="series-item"][data-series-uid="${uid}"]`);
    for (const series of [mr, ct]) {
      await viewer.page.locator('[data-testid="side-toggle"]').click();
      await browser.waitFor();
      await item(series.seriesInstanceUID).click();
      await browser.waitFor({ state: 'hidden' });
      await expect.poll(() => item(series.seriesInstanceUID).getAttribute('aria-current')).toBe('true');
    }
    // Opened and closed again without choosing, it stays as the reader leaves it.
    await viewer.page.locator('[data-testid="side-toggle"]').click();
    await browser.waitFor();
    await viewer.page.locator('[data-testid="side-toggle"]').click();
    await browser.waitFor({ state: 'hidden' });
    await tool.click();
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
