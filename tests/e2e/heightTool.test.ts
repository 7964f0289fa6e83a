import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import { ViewerPage, loadGroundTruth, sampleFiles, type GroundTruthLevel } from './pageObject';
import { startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const ct = baseline.series.find((s) => s.key === 'ct')!;
const mr = baseline.series.find((s) => s.key === 'mr')!;
const levels = baseline.levels!;
const byLevel = (name: string): GroundTruthLevel => levels.find((l) => l.level === name)!;
const HEIGHT_FIELDS = [['anteriorMm', 'anteriorMm'], ['middleMm', 'middleMm'], ['posteriorMm', 'posteriorMm']] as const;

let session: ViewerSession;
let viewer: ViewerPage;
let pageErrors: string[];

beforeAll(async () => {
  session = await startSession();
  ({ viewer, pageErrors } = session);
  await viewer.openFiles([...sampleFiles('baseline'), ...sampleFiles('radiograph')]);
  await viewer.openSeries(ct.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
});

afterAll(async () => {
  await session?.close();
});

describe('measuring the baseline CT on its sagittal reformat', () => {
  it('proposes T12 after L1 when going up the spine', async () => {
    await viewer.placeVertebra('sagittal', 'L1', byLevel('L1').points);
    expect(await viewer.page.locator('[data-testid="level-select"]').inputValue()).toBe('T12');
  });

  it('shows the true heights of every measured level within one pixel spacing', async () => {
    for (const level of levels.filter((l) => l.level !== 'L1')) {
      await viewer.placeVertebra('sagittal', level.level, level.points);
    }
    const tolerance = ct.pixelSpacingMm![0];
    for (const level of levels) {
      for (const [field, key] of HEIGHT_FIELDS) {
        expect(Math.abs((await viewer.numberField(level.level, field)) - level.heights[key]), `${level.level} ${field}`).toBeLessThan(tolerance);
      }
    }
  });

  it('keeps the drawn image under the points after the panel has resized the views', async () => {
    // The panel appeared under the views after the first vertebra: a click on the visible cortex must still be cortex.
    await viewer.page.locator('[data-testid="preset-bone"]').click();
    for (const name of ['T10', 'L1', 'L3']) {
      const point = await viewer.pagePointOf('sagittal', byLevel(name).points.anteriorSuperior);
      expect(await viewer.maxGreyNear('sagittal', point, 3), name).toBeGreaterThan(170);
    }
  });

  it('lists the rows cranial to caudal', async () => {
    const order = await viewer.page.locator('[data-testid="measurement-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
    expect(order).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3']);
  });

  it('grades L1 as a moderate (grade 2) wedge fracture and T12 as a mild (grade 1) biconcave one', async () => {
    expect(await viewer.field('L1', 'grade')).toBe('2');
    expect(await viewer.field('L1', 'deformity')).toBe('wedge');
    expect(await viewer.numberField('L1', 'heightLossPct')).toBeGreaterThan(30);
    expect(await viewer.field('T12', 'grade')).toBe('1');
    expect(await viewer.field('T12', 'deformity')).toBe('biconcave');
  });

  it('grades the normal levels 0 with no deformity', async () => {
    for (const level of ['T10', 'T11', 'L2', 'L3']) {
      expect(await viewer.field(level, 'grade'), level).toBe('0');
      expect(await viewer.field(level, 'deformity'), level).toBe('none');
    }
  });

  it('uses undeformed neighbours as the crush reference (L1: T11 and L2, skipping fractured T12)', async () => {
    expect(await viewer.field('L1', 'referenceLevels')).toBe('T11,L2');
    const crush = await viewer.numberField('L1', 'crushRatio');
    const expected = byLevel('L1').heights.posteriorMm / ((byLevel('T11').heights.posteriorMm + byLevel('L2').heights.posteriorMm) / 2);
    expect(crush).toBeCloseTo(expected, 1);
  });

  describe('when the L1 anterior-superior handle is dragged upwards', () => {
    let before: number;
    it('updates the anterior height', async () => {
      before = await viewer.numberField('L1', 'anteriorMm');
      const handle = await viewer.pagePointOf('sagittal', byLevel('L1').points.anteriorSuperior);
      await viewer.page.mouse.move(handle.x, handle.y);
      await viewer.page.mouse.down();
      await viewer.page.mouse.move(handle.x, handle.y - 6, { steps: 3 });
      await viewer.page.mouse.move(handle.x, handle.y - 12, { steps: 3 });
      await viewer.page.mouse.up();
      await expect.poll(() => viewer.numberField('L1', 'anteriorMm')).toBeGreaterThan(before + 3);
    });

    it('is undone by Ctrl+Z and redone by Ctrl+Y', async () => {
      await viewer.page.keyboard.press('Control+z');
      await expect.poll(() => viewer.numberField('L1', 'anteriorMm')).toBeCloseTo(before, 6);
      await viewer.page.keyboard.press('Control+y');
      await expect.poll(() => viewer.numberField('L1', 'anteriorMm')).toBeGreaterThan(before + 3);
      await viewer.page.keyboard.press('Control+z');
      await expect.poll(() => viewer.numberField('L1', 'anteriorMm')).toBeCloseTo(before, 6);
    });
  });

  it('relabels a vertebra from its row, and undo restores the label', async () => {
    await viewer.row('L3').locator('[data-testid="row-level"]').selectOption('L4');
    await viewer.row('L4').waitFor();
    await viewer.page.keyboard.press('Control+z');
    await viewer.row('L3').waitFor();
  });

  it('deletes a vertebra, and undo brings it back', async () => {
    await viewer.row('L2').locator('[data-testid="delete-measurement"]').click();
    await viewer.row('L2').waitFor({ state: 'detached' });
    await viewer.page.keyboard.press('Control+z');
    await viewer.row('L2').waitFor();
  });

  it('cancels a half-placed vertebra with Escape', async () => {
    await viewer.chooseLevel('L4');
    const front = byLevel('L2').points.anteriorSuperior;
    const p = await viewer.pagePointOf('sagittal', [front[0], front[1] - 20, front[2] - 10]);
    await viewer.page.mouse.click(p.x, p.y);
    await expect.poll(() => viewer.page.locator('[data-testid="placement-guide"]').getAttribute('data-placed')).toBe('1');
    await viewer.page.keyboard.press('Escape');
    await expect.poll(() => viewer.page.locator('[data-testid="placement-guide"]').getAttribute('data-placed')).toBe('0');
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(6);
  });

  it('brings a vertebra into view when its row is clicked', async () => {
    await viewer.row('T10').click();
    const centreZ = (byLevel('T10').points.anteriorSuperior[2] + byLevel('T10').points.posteriorInferior[2]) / 2;
    const focalZ = await viewer.page.evaluate(() => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
      return window.cornerstone.getEnabledElement(element)!.viewport.getCamera().focalPoint[2];
    });
    expect(Math.abs(focalZ - centreZ)).toBeLessThan(5);
  });
});

describe('measuring on the native sagittal MR stack', () => {
  it('gives the true L1 heights within one MR pixel spacing, and keeps the CT measurements', async () => {
    await viewer.openSeries(mr.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(0);
    await viewer.placeVertebra('sagittal', 'L1', byLevel('L1').points);
    for (const [field, key] of HEIGHT_FIELDS) {
      expect(Math.abs((await viewer.numberField('L1', field)) - byLevel('L1').heights[key]), field).toBeLessThan(mr.pixelSpacingMm![0]);
    }
    await viewer.openSeries(ct.seriesInstanceUID);
    await viewer.waitLoaded('sagittal');
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(6);
  });
});

describe('measuring on a radiograph with ImagerPixelSpacing only', () => {
  it('says "uncalibrated", shows pixels and offers no grade', async () => {
    const radiograph = at(truth.studies.find((s) => s.key === 'radiograph')!.series, 0);
    await viewer.openSeries(radiograph.seriesInstanceUID);
    await viewer.page.locator('[data-testid="viewport"][data-rendered="true"]').waitFor();
    await expect(viewer.page.locator('[data-testid="uncalibrated"]').first().textContent()).resolves.toMatch(/uncalibrated/);
    const box = (await viewer.page.locator('[data-testid="viewport"]').boundingBox())!;
    await viewer.chooseLevel('L1');
    const corners: ReadonlyArray<readonly [number, number]> = [[0.45, 0.4], [0.45, 0.5], [0.5, 0.39], [0.5, 0.51], [0.55, 0.4], [0.55, 0.5]];
    for (const [fx, fy] of corners) await viewer.page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
    await viewer.row('L1').waitFor();
    expect(await viewer.numberField('L1', 'anteriorMm')).toBeGreaterThan(0);
    expect(await viewer.field('L1', 'grade')).toBe('');
    expect(await viewer.field('L1', 'heightLossPct')).toBe('');
    await expect(viewer.page.locator('[data-testid="morphometry-uncalibrated"]').textContent()).resolves.toMatch(/pixels/);
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
