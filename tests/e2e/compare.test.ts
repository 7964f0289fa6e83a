import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStudies, type SixPoints } from '../../measurement';
import { SHARED_DICOM } from './harness';
import { ViewerPage, loadGroundTruth, sampleFiles, type GroundTruthLevel } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { parseRecords } from '../helpers/csv';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const post = truth.studies.find((s) => s.key === 'post')!;
const baselineCt = baseline.series.find((s) => s.key === 'ct')!;
const postCt = post.series.find((s) => s.key === 'ct')!;
const COMPARED = ['T12', 'L1', 'L2'];
const levelOf = (study: typeof baseline, name: string): GroundTruthLevel => study.levels!.find((l) => l.level === name)!;
const spine = (study: typeof baseline, names: string[]) => names.map((name) => ({ level: name as 'L1', points: levelOf(study, name).points as unknown as SixPoints }));

let session: ViewerSession;
let viewer: ViewerPage;

const field = async (level: string, name: string) =>
  (await viewer.page.locator(`[data-testid="comparison-row"][data-level="${level}"] [data-field="${name}"]`).getAttribute('data-value')) ?? '';

beforeAll(async () => {
  session = await startSession();
  ({ viewer } = session);
  await viewer.openFiles([...sampleFiles('baseline', 'ct'), ...sampleFiles('post', 'ct')]);
  await viewer.page.locator('[data-testid="compare-mode"]').click();
  await viewer.waitLoaded(`sagittal@${baselineCt.seriesInstanceUID}`);
  await viewer.waitLoaded(`sagittal@${postCt.seriesInstanceUID}`);
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
  for (const [study, series] of [[baseline, baselineCt], [post, postCt]] as const) {
    for (const name of COMPARED) {
      await viewer.placeVertebra(`sagittal@${series.seriesInstanceUID}`, name, levelOf(study, name).points);
    }
  }
});

afterAll(async () => {
  await session?.close();
});

describe('comparing the baseline and the post-kyphoplasty CT', () => {
  it('shows the two studies side by side, each headed by its date, without a warning', async () => {
    const titles = await viewer.page.locator('[data-testid="viewport-title"]').allTextContents();
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/2026-09-15/);
    expect(titles[1]).toMatch(/2026-10-27/);
    expect(await viewer.page.locator('[data-testid="compare-warnings"]').count()).toBe(0);
  });

  it('gives, for L1, the gain and restoration that measurement/ computes from the ground truth', async () => {
    const expected = compareStudies(spine(baseline, COMPARED), spine(post, COMPARED));
    if (!expected.ok) throw new Error(expected.error.message);
    const l1 = expected.value.levels.find((l) => l.level === 'L1')!;
    const tolerance = baselineCt.pixelSpacingMm![0] / 2;
    expect(Math.abs(Number(await field('L1', 'gainAnteriorMm')) - l1.gainMm.anterior)).toBeLessThan(tolerance);
    expect(Math.abs(Number(await field('L1', 'gainMiddleMm')) - l1.gainMm.middle)).toBeLessThan(tolerance);
    // Restoration divides by the lost height (~9 mm at L1): a pixel's error moves it by a few percent.
    expect(Math.abs(Number(await field('L1', 'restorationAnteriorPct')) - l1.restorationPct.anterior!)).toBeLessThan(5);
    expect(Number(await field('L1', 'gainAnteriorMm'))).toBeGreaterThan(5);
  });

  it('grades L1 from moderate (2) before to normal (0) after, and leaves T12 as it was', async () => {
    expect(await field('L1', 'gradeBefore')).toBe('2');
    expect(await field('L1', 'gradeAfter')).toBe('0');
    expect(await field('T12', 'gradeBefore')).toBe('1');
    expect(await field('T12', 'gradeAfter')).toBe('1');
    expect(Math.abs(Number(await field('T12', 'gainMiddleMm')))).toBeLessThan(0.5);
  });

  it('reports the wedge-angle change and the bisegmental Cobb change at L1', async () => {
    expect(Number(await field('L1', 'wedgeAngleChangeDeg'))).toBeLessThan(-5);
    expect(await field('L1', 'cobbAngleChangeDeg')).not.toBe('');
  });

  it('links window/level: a drag on the baseline view changes the follow-up view the same way', async () => {
    const windowOf = async (uid: string) => {
      const id = await viewer.viewport(`sagittal@${uid}`).getAttribute('data-viewport-id');
      return viewer.page.locator(`[data-testid="viewport-overlay"][data-viewport-id="${id}"] [data-testid="window-label"]`).getAttribute('data-window-width');
    };
    await viewer.page.locator('[data-testid="tool-windowLevel"]').click();
    const before = await windowOf(postCt.seriesInstanceUID);
    const box = (await viewer.viewport(`sagittal@${baselineCt.seriesInstanceUID}`).boundingBox())!;
    // Start in the soft tissue in front of the spine, away from the drawn vertebrae.
    await viewer.page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.3);
    await viewer.page.mouse.down();
    await viewer.page.mouse.move(box.x + box.width * 0.15 + 80, box.y + box.height * 0.3 + 10, { steps: 5 });
    await viewer.page.mouse.up();
    await expect.poll(() => windowOf(postCt.seriesInstanceUID)).not.toBe(before);
    expect(await windowOf(postCt.seriesInstanceUID)).toBe(await windowOf(baselineCt.seriesInstanceUID));
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
  });

  it('lists a level measured only in one study as such', async () => {
    await viewer.placeVertebra(`sagittal@${baselineCt.seriesInstanceUID}`, 'L3', levelOf(baseline, 'L3').points);
    const only = viewer.page.locator('[data-testid="comparison-only"][data-level="L3"]');
    await only.waitFor();
    expect(await only.getAttribute('data-study')).toBe('baseline');
  });
});

describe('the comparison chart and exports', () => {
  it('draws one bar per height, level and time point, with the measured heights', async () => {
    const bars = viewer.page.locator('[data-testid="chart-bar"]');
    // T12, L1, L2 in both studies (3 × 3 × 2) and L3 at baseline only (3).
    expect(await bars.count()).toBe(21);
    const l1After = await viewer.page.locator('[data-testid="chart-bar"][data-level="L1"][data-height="anterior"][data-time-point="1"]').getAttribute('data-value');
    expect(Math.abs(Number(l1After) - levelOf(post, 'L1').heights.anteriorMm)).toBeLessThan(postCt.pixelSpacingMm![0]);
  });

  it('exports the comparison as CSV with the table\'s gains', async () => {
    const [file] = await Promise.all([viewer.page.waitForEvent('download'), viewer.menuItem('export-csv').then((item) => item.click())]);
    const records = parseRecords(readFileSync((await file.path())!, 'utf8'));
    const l1 = records.find((row) => row.level === 'L1')!;
    expect(Number(l1.anterior_gain_mm)).toBe(Number(await field('L1', 'gainAnteriorMm')));
    expect(l1.baseline_study_instance_uid).toBe(baseline.studyInstanceUID);
    expect(records.some((row) => row.note === 'measured only at baseline')).toBe(true);
  });

  it('exports both studies and the comparison as JSON', async () => {
    const [file] = await Promise.all([viewer.page.waitForEvent('download'), viewer.menuItem('export-json').then((item) => item.click())]);
    const document = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(document.studies.map((s: { studyInstanceUID: string }) => s.studyInstanceUID).sort()).toEqual([baseline.studyInstanceUID, post.studyInstanceUID].sort());
    expect(document.comparison.levels.map((l: { level: string }) => l.level)).toEqual(COMPARED);
    expect(document.comparison.onlyBaseline).toEqual(['L3']);
  });

  it('puts the comparison, the chart and both snapshots in the report', async () => {
    await viewer.page.locator('[data-testid="report"]').click();
    await viewer.page.locator('[data-testid="report-comparison"]').waitFor();
    expect(await viewer.page.locator('[data-testid="report-comparison-row"]').count()).toBe(COMPARED.length);
    expect(await viewer.page.locator('[data-testid="report-chart"]').count()).toBe(1);
    expect(await viewer.page.locator('.report__snapshots img').count()).toBe(2);
    await viewer.page.locator('[data-testid="report-close"]').click();
  });
});

describe.skipIf(!existsSync(join(SHARED_DICOM, 'totalseg-example-ct-j2k')))('comparing studies of different patients', () => {
  it('warns that the patient IDs and names differ', async () => {
    const dir = join(SHARED_DICOM, 'totalseg-example-ct-j2k');
    await viewer.openFiles(readdirSync(dir).map((f) => join(dir, f)));
    await viewer.page.locator('[data-testid="compare-mode"]').click();
    const options = await viewer.page.locator('[data-testid="compare-followup"] option').allTextContents();
    const other = options.findIndex((o) => o.startsWith('2022'));
    expect(other).toBeGreaterThanOrEqual(0);
    await viewer.page.locator('[data-testid="compare-followup"]').selectOption(String(other));
    const warnings = viewer.page.locator('[data-testid="compare-warnings"]');
    await warnings.waitFor();
    expect(await warnings.textContent()).toMatch(/Different patient IDs/);
    expect(await warnings.textContent()).toMatch(/older than the baseline/);
  });
});
