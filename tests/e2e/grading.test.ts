import { readFileSync } from 'node:fs';
import { at } from '../../measurement/testing/results';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerPage, loadGroundTruth, sampleFiles, type GroundTruthLevel, type PointName, type Vec3 } from './pageObject';
import { startSession, type ViewerSession } from './session';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const ct = baseline.series.find((s) => s.key === 'ct')!;
const byLevel = (name: string): GroundTruthLevel => baseline.levels!.find((l) => l.level === name)!;

type Points = Record<PointName, Vec3>;

/** L2's true points with the anterior-superior point moved down its anterior wall so that Ha = ratio × Hp. */
function wedged(points: Points, ratio: number): Points {
  const [ps, pi] = [points.posteriorSuperior, points.posteriorInferior];
  const hp = Math.hypot(ps[0] - pi[0], ps[1] - pi[1], ps[2] - pi[2]);
  const a = points.anteriorInferior;
  const top = points.anteriorSuperior;
  const up: Vec3 = [top[0] - a[0], top[1] - a[1], top[2] - a[2]];
  const ha = Math.hypot(up[0], up[1], up[2]);
  const scale = (ratio * hp) / ha;
  return { ...points, anteriorSuperior: [a[0] + up[0] * scale, a[1] + up[1] * scale, a[2] + up[2] * scale] };
}

/** The points moved by `mm` along the patient S axis (a slightly different second reading). */
function shifted(points: Points, mm: number): Points {
  return Object.fromEntries(Object.entries(points).map(([name, p]) => [name, [p[0], p[1], p[2] + (name.endsWith('Superior') ? mm : 0)]])) as Points;
}

let session: ViewerSession;
let viewer: ViewerPage;

async function saved(): Promise<void> {
  await viewer.page.locator('[data-testid="save-status"][data-pending="0"]').waitFor();
}

/** Clicks a download button (opening the toolbar's Export menu first for its items) and gives the file's path. */
async function download(testId: string): Promise<string> {
  const button = await viewer.menuItem(testId);
  const [file] = await Promise.all([viewer.page.waitForEvent('download'), button.first().click()]);
  return (await file.path())!;
}

async function openCt(): Promise<void> {
  await viewer.openFiles(sampleFiles('baseline', 'ct'));
  await viewer.openSeries(ct.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
  await viewer.waitLoaded('axial');
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
}

beforeAll(async () => {
  session = await startSession();
  viewer = session.viewer;
  await openCt();
  for (const level of ['T11', 'T12', 'L1']) await viewer.placeVertebra('sagittal', level, byLevel(level).points);
  // A vertebra with exactly 24.5 % wedge loss: the uncertainty of six clicks on the CT grid spans grades 1 and 2.
  await viewer.placeVertebra('sagittal', 'L2', wedged(byLevel('L2').points, 0.755));
});

afterAll(async () => {
  await session?.close();
});

describe('neighbour-referenced grades with their uncertainty', () => {
  it('gives a row with a normal neighbour its expected heights, losses against them, the rule and a ± of the loss', async () => {
    // T12's one normal neighbour is the adjacent T11 (L1 and the wedged L2 are deformed).
    for (const field of ['expectedAnteriorMm', 'expectedMiddleMm', 'expectedPosteriorMm', 'anteriorLossPct', 'middleLossPct', 'posteriorLossPct']) {
      expect(Number.isFinite(Number(await viewer.field('T12', field))), field).toBe(true);
      expect(await viewer.field('T12', field), field).not.toBe('');
    }
    expect(await viewer.field('T12', 'gradeRule')).toMatch(/^(wedge|biconcave|wedge-vs-neighbours|biconcave-vs-neighbours|crush)$/);
    const uncertainty = await viewer.numberField('T12', 'heightLossUncertaintyPct');
    expect(uncertainty).toBeGreaterThan(0);
    expect(uncertainty).toBeLessThan(10);
  });

  it('leaves a row whose only normal neighbour is two levels away on one side without expected heights', async () => {
    // L1: T12 and L2 are deformed; T11 is two levels up with nothing normal below to interpolate the growth against.
    expect(await viewer.field('L1', 'expectedMiddleMm')).toBe('');
    expect(await viewer.field('L1', 'gradeRule')).toMatch(/^(wedge|biconcave)$/);
  });

  it('shows a vertebra at 24.5 % loss as borderline "grade 1–2" in the panel', async () => {
    expect(await viewer.field('L2', 'gradeRange')).toBe('1-2');
    expect(await viewer.row('L2').getAttribute('data-borderline')).toBe('true');
    expect(await viewer.row('L2').locator('[data-field="gradeRange"]').textContent()).toBe('grade 1–2');
    expect(await viewer.field('T11', 'gradeRange')).toBe(await viewer.field('T11', 'grade'));
  });

  it('draws the borderline vertebra dashed with its grade range on the image', async () => {
    const label = viewer.viewport('sagittal').locator('svg text', { hasText: 'G1–2?' });
    await label.first().waitFor();
    expect(await label.count()).toBeGreaterThan(0);
  });
});

describe("the reader's own grade", () => {
  it('is set per level, marks its disagreement with the morphometric grade, and is undoable', async () => {
    const cell = viewer.row('L1').locator('[data-field="readerGrade"]');
    await viewer.row('L1').locator('[data-testid="reader-grade"]').selectOption('3');
    await viewer.row('L1').locator('[data-testid="reader-endplate"]').check();
    await viewer.row('L1').locator('[data-testid="reader-note"]').fill('posterior wall involved');
    await viewer.row('L1').locator('[data-testid="reader-note"]').press('Enter');
    await viewer.page.waitForFunction(() => Object.values(window.vertebralViewer.getState().measurements.byId).some((m) => m.reading?.note === 'posterior wall involved'));
    expect(await cell.getAttribute('data-value')).toBe('3');
    expect(await viewer.field('L1', 'grade')).toBe('2');
    expect(await cell.getAttribute('data-disagrees')).toBe('true');
    await viewer.row('T11').locator('[data-testid="reader-grade"]').selectOption('0');
    expect(await viewer.row('T11').locator('[data-field="readerGrade"]').getAttribute('data-disagrees')).toBe('false');
    await viewer.page.keyboard.press('Control+z');
    await viewer.page.locator('[data-testid="measurement-row"][data-level="T11"] [data-field="readerGrade"][data-value=""]').waitFor();
  });

  it('is saved in the browser and comes back after a reload', async () => {
    await saved();
    await viewer.page.reload();
    await openCt();
    await viewer.row('L1').waitFor();
    expect(await viewer.row('L1').locator('[data-field="readerGrade"]').getAttribute('data-value')).toBe('3');
    expect(await viewer.row('L1').locator('[data-testid="reader-endplate"]').isChecked()).toBe(true);
    expect(await viewer.row('L1').locator('[data-testid="reader-note"]').inputValue()).toBe('posterior wall involved');
    // The plane was saved with the vertebrae: the borderline survives the reload.
    expect(await viewer.field('L2', 'gradeRange')).toBe('1-2');
  });

  it('is exported next to the morphometric grade in CSV and JSON', async () => {
    const csv = readFileSync(await download('export-csv'), 'utf8');
    const records = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split('","').map((c) => c.replace(/^"|"$/g, '')));
    const header = at(records, 0);
    const lines = records.slice(1);
    const l1 = lines.find((l) => l[header.indexOf('level')] === 'L1')!;
    expect(l1[header.indexOf('reader_grade')]).toBe('3');
    expect(l1[header.indexOf('genant_grade')]).toBe('2');
    expect(l1[header.indexOf('reader_disagrees')]).toBe('true');
    expect(lines.find((l) => l[header.indexOf('level')] === 'L2')![header.indexOf('grade_range')]).toBe('1-2');
    const json = JSON.parse(readFileSync(await download('export-json'), 'utf8'));
    const vertebrae = json.studies.flatMap((s: { series: Array<{ vertebrae: unknown[] }> }) => s.series.flatMap((x) => x.vertebrae));
    const l1Json = vertebrae.find((v: { level: string }) => v.level === 'L1');
    expect(l1Json.readerReading).toEqual({ grade: 3, endplateDepression: true, note: 'posterior wall involved' });
    expect(vertebrae.find((v: { level: string }) => v.level === 'L2').informative).toMatchObject({ gradeRange: '1-2', borderline: true });
  });
});

describe('levels', () => {
  it('warns about labels out of anatomical order and blocks nothing', async () => {
    await viewer.row('L2').locator('[data-testid="row-level"]').selectOption('T10');
    const warning = viewer.page.locator('[data-testid="level-order-warning"]');
    await warning.waitFor();
    expect(await warning.getAttribute('data-pairs')).toContain('T10-T11');
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(4);
    await viewer.row('T10').locator('[data-testid="row-level"]').selectOption('L2');
    await warning.waitFor({ state: 'detached' });
  });

  it('keeps a level picked while the vertebra is placed instead of the next proposal', async () => {
    const points = byLevel('L3').points;
    await viewer.chooseLevel('L3');
    // Five clicks, then the reader picks C7 for the next vertebra (the proposal after L3 would be T10), then the sixth
    // click completes L3.
    const order: PointName[] = ['anteriorSuperior', 'anteriorInferior', 'middleSuperior', 'middleInferior', 'posteriorSuperior', 'posteriorInferior'];
    for (const name of order.slice(0, 5)) {
      const p = await viewer.pagePointOf('sagittal', points[name]);
      await viewer.page.mouse.click(p.x, p.y);
    }
    await viewer.chooseLevel('C7');
    const last = await viewer.pagePointOf('sagittal', points.posteriorInferior);
    await viewer.page.mouse.click(last.x, last.y);
    await viewer.row('L3').waitFor();
    expect(await viewer.page.locator('[data-testid="level-select"]').inputValue()).toBe('C7');
  });

  it('keeps a level picked right after a vertebra is completed', async () => {
    await viewer.row('L3').locator('[data-testid="delete-measurement"]').click();
    await viewer.row('L3').waitFor({ state: 'detached' });
    await viewer.chooseLevel('L3');
    const points = byLevel('L3').points;
    const clicks = [];
    for (const name of ['anteriorSuperior', 'anteriorInferior', 'middleSuperior', 'middleInferior', 'posteriorSuperior', 'posteriorInferior'] as const) {
      clicks.push(await viewer.pagePointOf('sagittal', points[name]));
    }
    for (const p of clicks) await viewer.page.mouse.click(p.x, p.y);
    await viewer.chooseLevel('S1');
    await viewer.row('L3').waitFor();
    expect(await viewer.page.locator('[data-testid="level-select"]').inputValue()).toBe('S1');
  });

  it('labels each measured vertebra on the axial and coronal views too', async () => {
    for (const orientation of ['axial', 'coronal']) {
      await viewer.page.evaluate(([selector, pts]) => {
        const element = document.querySelector(selector) as HTMLDivElement;
        const { viewport } = window.cornerstone.getEnabledElement(element)!;
        const camera = viewport.getCamera();
        const all = Object.values(pts);
        const mean = (i: 0 | 1 | 2) => all.reduce((sum, p) => sum + p[i], 0) / all.length;
        const c = [mean(0), mean(1), mean(2)] as const;
        const n = camera.viewPlaneNormal;
        const off = (c[0] - camera.focalPoint[0]) * n[0] + (c[1] - camera.focalPoint[1]) * n[1] + (c[2] - camera.focalPoint[2]) * n[2];
        const focalPoint = ([0, 1, 2] as const).map((i) => camera.focalPoint[i] + off * n[i]) as [number, number, number];
        const position = ([0, 1, 2] as const).map((i) => camera.position[i] + off * n[i]) as [number, number, number];
        viewport.setCamera({ focalPoint, position });
        viewport.render();
      }, [ViewerPage.selector(orientation), byLevel('L1').points] as const);
      const label = viewer.viewport(orientation).locator('svg text', { hasText: 'L1' });
      await label.first().waitFor();
    }
    expect(await viewer.viewport('sagittal').locator('svg text', { hasText: 'L1' }).count()).toBeGreaterThan(0);
  });
});

describe('a blinded repeat reading', () => {
  let firstCount = 0;

  it('hides the first reading without losing it', async () => {
    firstCount = await viewer.page.locator('[data-testid="measurement-row"]').count();
    await viewer.page.locator('[data-testid="repeat-reading"]').click();
    await viewer.page.locator('[data-testid="repeat-blinded"]').waitFor();
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(0);
    expect(await viewer.page.locator('[data-testid="repeat-blinded"]').getAttribute('data-hidden-count')).toBe(String(firstCount));
  });

  it('resumes still blinded after a reload, each reading once', async () => {
    await viewer.placeVertebra('sagittal', 'T11', shifted(byLevel('T11').points, 0.4));
    await saved();
    await viewer.page.reload();
    await openCt();
    const blinded = viewer.page.locator(`[data-testid="repeat-blinded"][data-hidden-count="${firstCount}"]`);
    await blinded.waitFor();
    await viewer.row('T11').waitFor();
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(1);
  });

  it('compares the same levels measured again: per-level differences, RMS-CV and limits of agreement', async () => {
    await viewer.placeVertebra('sagittal', 'T12', byLevel('T12').points);
    await viewer.placeVertebra('sagittal', 'L1', shifted(byLevel('L1').points, -0.3));
    await viewer.page.locator('[data-testid="repeat-finish"]').click();
    const stats = viewer.page.locator('[data-testid="repeat-stats"]');
    await stats.waitFor();
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(firstCount);
    expect(await stats.getAttribute('data-levels')).toBe('3');
    const rmsCv = Number(await stats.getAttribute('data-rms-cv-pct'));
    expect(rmsCv).toBeGreaterThan(0);
    expect(rmsCv).toBeLessThan(5);
    const limits = (await stats.getAttribute('data-loa-mm'))!.split(',').map(Number);
    const [lower, upper] = [at(limits, 0), at(limits, 1)];
    expect(lower).toBeLessThan(upper);
    // The bias is the mean of the nine height differences shown per level.
    const differences = await viewer.page.locator('[data-testid="repeat-row"] [data-field$="Mm"]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    expect(differences).toHaveLength(9);
    const bias = Number(await stats.getAttribute('data-bias-mm'));
    expect(bias).toBeCloseTo(differences.reduce((s, d) => s + d, 0) / differences.length, 9);
    expect((lower + upper) / 2).toBeCloseTo(bias, 9);
    const t11Shift = Number(await viewer.page.locator('[data-testid="repeat-row"][data-level="T11"] [data-field="differenceAnteriorMm"]').getAttribute('data-value'));
    expect(t11Shift).toBeGreaterThan(0.2);
  });

  it('exports the comparison as CSV', async () => {
    const csv = readFileSync(await download('repeat-export-csv'), 'utf8');
    expect(csv).toContain('"row_kind"');
    expect(csv.match(/"level","T11"|"level","T12"|"level","L1"/g)).toHaveLength(3);
    expect(csv).toContain('"summary","","pooled"');
  });

  it('keeps the finished comparison after a reload, with the same figures', async () => {
    const stats = viewer.page.locator('[data-testid="repeat-stats"]');
    const before = { rmsCv: await stats.getAttribute('data-rms-cv-pct'), loa: await stats.getAttribute('data-loa-mm') };
    await saved();
    await viewer.page.reload();
    await openCt();
    await stats.waitFor();
    expect({ rmsCv: await stats.getAttribute('data-rms-cv-pct'), loa: await stats.getAttribute('data-loa-mm') }).toEqual(before);
    expect(await viewer.page.locator('[data-testid="measurement-row"]').count()).toBe(firstCount);
  });
});
