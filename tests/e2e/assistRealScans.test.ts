import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, WALL_INSET_MM } from '../../analysis';
import { deterministicUid } from '../../sample-data/uids';
import { bodiesMiddleXMm, niftiVolume, readNifti, TPTBOX_MR_DIR, tptboxAvailable, VERSE_DIR, verseAvailable, verseReferences, type VerseReference } from '../helpers/assistData';
import { bodyReference, maskExtentMm, type BodyReference } from '../helpers/tptboxReference';
import type { Vec3 } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { verseMr } from '../helpers/verseMr';
import { TPTBOX_SERIES, VERSE_SERIES, VERSE_T2_SERIES, writeSagittalSeries } from './sagittalSeries';

/**
 * The image proposes the points on real scans, in the browser (issue 12), each opened from local files as the native
 * sagittal series it was acquired as (tests/e2e/sagittalSeries.ts; ../shared/real-spine/, each skipped when absent):
 * - the VerSe 2019 CT sub-verse012 (T10–L3, a severe L1 fracture; 35 planes 3 mm apart, 1 mm pixels): one click per
 *   body at the plane through its expert centroid, then the spine from two clicks; reference heights from the expert
 *   mask (tests/helpers/maskReference.ts);
 * - the TPTBox T2 MR crop (1.5 mm voxels, one complete body): one click at the body's centre; reference from its masks
 *   (tests/helpers/tptboxReference.ts).
 * The node tests read the same scans as volumes; the page sends what a native stack shows (the displayed image and
 * the neighbours the analysis reads with it), so both must agree.
 */
const verse = verseAvailable();
const tptbox = tptboxAvailable();
if (!verse) console.warn('assistRealScans: VerSe skipped, ../shared/real-spine/verse19-sub-verse012 is absent');
if (!tptbox) console.warn('assistRealScans: TPTBox MR skipped, ../shared/real-spine/tptbox-sample-mri is absent');

const HEIGHT_TOLERANCE_MM = 1.5;
const HEIGHTS = [
  ['anteriorMm', 'anteriorSuperior', 'anteriorInferior'],
  ['middleMm', 'middleSuperior', 'middleInferior'],
  ['posteriorMm', 'posteriorSuperior', 'posteriorInferior'],
] as const;
/** A height this far off on the made MR is a whole disc or plate, not a corner read another way, mm. */
const GROSS_MM = 5;
/** The TPTBox crop is resampled and noisy at 1.5 mm: the node test's margin, a bit more than one voxel. */
const MR_HEIGHT_TOLERANCE_MM = 2;

let session: ViewerSession;
let dir: string;
let references: VerseReference[] = [];
let mrBody: BodyReference | null = null;

function centreOf(reference: VerseReference): Vec3 {
  const points = Object.values(reference.points);
  return [0, 1, 2].map((a) => points.reduce((sum, p) => sum + p[a]!, 0) / points.length) as unknown as Vec3;
}

function referenceHeight(reference: VerseReference, superior: keyof VerseReference['points'], inferior: keyof VerseReference['points']): number {
  const [s, i] = [reference.points[superior], reference.points[inferior]];
  return Math.hypot(s[0] - i[0], s[1] - i[1], s[2] - i[2]);
}

async function clickAt(world: Vec3): Promise<void> {
  const p = await session.viewer.pagePointOf('sagittal', world);
  await session.page.mouse.click(p.x, p.y);
}

async function rowLevels(): Promise<Array<string | null>> {
  return session.page.locator('[data-testid="measurement-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
}

async function analysisSettled(): Promise<void> {
  await session.page.locator('[data-testid="assist-status"][data-pending="0"]').waitFor({ timeout: 60_000 });
}

/** Each level's three heights in the panel against the reference's, mm. */
async function heightErrors(): Promise<Record<string, number[]>> {
  const errors: Record<string, number[]> = {};
  for (const reference of references) {
    errors[reference.level] = [];
    for (const [field, superior, inferior] of HEIGHTS) {
      errors[reference.level]!.push(Math.abs((await session.viewer.numberField(reference.level, field)) - referenceHeight(reference, superior, inferior)));
    }
  }
  return errors;
}

/** Shows a series written by writeSagittalSeries, the height tool in one-click mode. */
async function openSeries(key: string): Promise<void> {
  await session.viewer.openSeries(deterministicUid(`${key}/series`));
  await session.viewer.waitLoaded('sagittal');
  const tool = session.page.locator('[data-testid="tool-vertebral-height"]');
  if ((await tool.getAttribute('aria-pressed')) !== 'true') await tool.click();
  await session.page.locator('[data-testid="assist-mode"]').selectOption('click');
}

/** One click at each VerSe level's centre, on the plane through it, each with its level chosen first; waits for every row. */
async function proposeEachLevel(): Promise<void> {
  for (const reference of references) {
    const centre = centreOf(reference);
    await session.viewer.showSagittalPlaneAt(centre[0]);
    await session.viewer.chooseLevel(reference.level);
    await clickAt(centre);
    await session.viewer.row(reference.level).waitFor({ timeout: 60_000 });
  }
  await analysisSettled();
}

async function deleteAllMeasurements(): Promise<void> {
  while ((await session.page.locator('[data-testid="delete-measurement"]').count()) > 0) {
    await session.page.locator('[data-testid="delete-measurement"]').first().click();
  }
}

/**
 * "Detect vertebrae" from a click at T10's centre and one at L3's, both on the plane through T10's centre, as a reader
 * would (L3's centroid lies within 1 mm of it); waits for the batch.
 */
async function detectT10ToL3(): Promise<void> {
  const [t10, l3] = [references[0]!, references.at(-1)!];
  await session.viewer.chooseLevel('T10');
  await session.page.locator('[data-testid="detect-spine"]').click();
  await session.viewer.showSagittalPlaneAt(centreOf(t10)[0]);
  await clickAt(centreOf(t10));
  await session.page.locator('[data-testid="assist-status"][data-detecting="last"]').waitFor({ timeout: 60_000 });
  await clickAt([centreOf(t10)[0], centreOf(l3)[1], centreOf(l3)[2]]);
  await session.page.waitForFunction(() => Object.keys(window.vertebralViewer.getState().measurements.byId).length > 0, undefined, { timeout: 60_000 });
  await analysisSettled();
}

beforeAll(async () => {
  if (!verse && !tptbox) return;
  dir = mkdtempSync(join(tmpdir(), 'vhv-real-'));
  const files: string[] = [];
  if (verse) {
    const mask = readNifti(join(VERSE_DIR, 'sub-verse012_seg-vert_msk.nii.gz'));
    references = verseReferences(mask, WALL_INSET_MM);
    const ct = readNifti(join(VERSE_DIR, 'sub-verse012_ct.nii.gz'));
    files.push(...writeSagittalSeries(ct, VERSE_SERIES, dir));
    // The same anatomy made into a T2 MR, as the node test and the benchmark make it (the same noise draw).
    const t2 = verseMr({ ct: niftiVolume(ct), mask }, 'T2');
    files.push(...writeSagittalSeries({ ...ct, values: t2.values as Float32Array }, VERSE_T2_SERIES, dir));
  }
  if (tptbox) {
    mrBody = bodyReference(readNifti(join(TPTBOX_MR_DIR, 'sub-mri_seg-vert_label-6_msk.nii.gz')), readNifti(join(TPTBOX_MR_DIR, 'sub-mri_seg-subreg_label-6_msk.nii.gz')));
    files.push(...writeSagittalSeries(readNifti(join(TPTBOX_MR_DIR, 'sub-mri_label-6_T2w.nii.gz')), TPTBOX_SERIES, dir));
  }
  session = await startSession();
  await session.viewer.openFiles(files);
});

afterAll(async () => {
  await session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!verse)('proposals on the real VerSe CT, a native sagittal stack', () => {
  // The series' middle image (x = 51 mm) lies 5 mm beside the bodies' middle; the view moves to the spine's midline
  // (analysis/spineMidline.ts) once the stack has loaded: the image nearest it, 3 mm apart.
  it('opens on the image nearest the bodies\' middle (expert mask, T10–L2), not the series\' middle image', async () => {
    await openSeries(VERSE_SERIES.key);
    const middleX = bodiesMiddleXMm(readNifti(join(VERSE_DIR, 'sub-verse012_seg-vert_msk.nii.gz')), [17, 18, 19, 20, 21]);
    const shownX = await session.page.evaluate(() => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const id = (viewport as unknown as { getCurrentImageId(): string }).getCurrentImageId();
      return (window.cornerstone.metaData.get('imagePlaneModule', id) as { imagePositionPatient: number[] }).imagePositionPatient[0]!;
    });
    expect(Math.abs(shownX - middleX)).toBeLessThanOrEqual(1.5);
  });

  it('proposes T10–L3 from one click each, every height within 1.5 mm of the reference or flagged "check"', async () => {
    await openSeries(VERSE_SERIES.key);
    expect(references.map((r) => r.level)).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3']);
    await proposeEachLevel();
    expect(await rowLevels()).toEqual(references.map((r) => r.level));
    const errors = await heightErrors();
    for (const reference of references) {
      const confidence = Number(await session.viewer.row(reference.level).getAttribute('data-confidence'));
      const worst = Math.max(...errors[reference.level]!);
      if (worst > HEIGHT_TOLERANCE_MM) {
        expect(confidence, `${reference.level} off by ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
        await expect(session.viewer.row(reference.level).locator('[data-testid="proposal-check"]').count()).resolves.toBe(1);
      }
    }
    // The accuracy goal, on the level the node tests hold it for with room to spare (analysisVerse.test.ts holds
    // T12 too, whose Hp is 1.45 mm off there and 1.5 mm here, where the click lands on a whole screen pixel).
    errors.L2!.forEach((error, n) => expect(error, `L2 ${HEIGHTS[n]![0]}`).toBeLessThanOrEqual(HEIGHT_TOLERANCE_MM));
  });

  it('grades the fractured L1 as the experts do (3), and any other level graded moderate or severe is marked "check"', async () => {
    expect(await session.viewer.field('L1', 'grade')).toBe('3');
    for (const level of ['T10', 'T11', 'T12', 'L2', 'L3']) {
      if (Number(await session.viewer.field(level, 'grade')) < 2) continue;
      await expect(session.viewer.row(level).locator('[data-testid="proposal-check"]').count(), level).resolves.toBe(1);
    }
  });

  it('detects T10 to L3 from clicks on the first and the last body, with the right levels', async () => {
    await deleteAllMeasurements();
    await detectT10ToL3();
    expect(await rowLevels()).toEqual(references.map((r) => r.level));
  });

  it('cleans up', async () => {
    await deleteAllMeasurements();
  });
});

describe.skipIf(!verse)('proposals on the VerSe anatomy made into a T2 MR, a native sagittal stack', () => {
  it('proposes T10–L3 from one click each, none a whole disc or plate off without "check", the crushed L1 graded 3 and marked "check"', async () => {
    await openSeries(VERSE_T2_SERIES.key);
    await proposeEachLevel();
    expect(await rowLevels()).toEqual(references.map((r) => r.level));
    const errors = await heightErrors();
    for (const reference of references) {
      const worst = Math.max(...errors[reference.level]!);
      if (worst <= GROSS_MM) continue;
      const confidence = Number(await session.viewer.row(reference.level).getAttribute('data-confidence'));
      expect(confidence, `${reference.level} off by ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
    // Read on its own endplates (Hm 24.4 mm against the mask's 14.6, graded 0, until the frame saw a wedge crushed over
    // its middle too); its beaked anterior corner is uncertain, so it stays marked "check" (SEVERE_WEDGE).
    expect(errors['L1']![1], 'L1 Hm').toBeLessThanOrEqual(1.5);
    expect(await session.viewer.field('L1', 'grade')).toBe('3');
    await expect(session.viewer.row('L1').locator('[data-testid="proposal-check"]').count()).resolves.toBe(1);
  });

  it('detects T10 to L3 from clicks on the first and the last body, with the right levels', async () => {
    await deleteAllMeasurements();
    await detectT10ToL3();
    expect(await rowLevels()).toEqual(references.map((r) => r.level));
    await deleteAllMeasurements();
  });
});

describe.skipIf(!tptbox)('a proposal on the real TPTBox T2 MR, a native sagittal stack', () => {
  it('proposes the complete body from a click at its centre, unflagged, each height within 2 mm of the mask', async () => {
    expect(mrBody).not.toBeNull();
    await openSeries(TPTBOX_SERIES.key);
    const centre = mrBody!.centreMm as unknown as Vec3;
    await session.viewer.showSagittalPlaneAt(centre[0]);
    await session.viewer.chooseLevel('L1');
    await clickAt(centre);
    await session.viewer.row('L1').waitFor({ timeout: 60_000 });
    await analysisSettled();
    expect(Number(await session.viewer.row('L1').getAttribute('data-confidence'))).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    const points = await session.page.evaluate(() => {
      const s = window.vertebralViewer.getState();
      return Object.values(s.measurements.byId).find((m) => m.level === 'L1' && m.seriesKey === s.plan?.seriesKey)!.points as unknown as Record<string, Vec3>;
    });
    for (const [field, superior, inferior] of HEIGHTS) {
      const maskMm = maskExtentMm(mrBody!, points[superior]!, points[inferior]!);
      expect(Math.abs((await session.viewer.numberField('L1', field)) - maskMm), field).toBeLessThanOrEqual(MR_HEIGHT_TOLERANCE_MM);
    }
  });
});

describe.skipIf(!verse && !tptbox)('the session', () => {
  it('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
