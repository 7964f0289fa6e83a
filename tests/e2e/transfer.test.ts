import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import { SHARED_DICOM } from './harness';
import { ViewerPage, loadGroundTruth, sampleFiles } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { parseCsv } from '../helpers/csv';
import { EXPLICIT_VR_LITTLE_ENDIAN, IMAGING_MEASUREMENTS, LENGTH, MEASUREMENT_GROUP, UNIT_MM } from '../../viewer/export/sr/codes';
import { containerItem, numItem } from '../../viewer/export/sr/contentItems';
import { encodePart10 } from '../../viewer/export/sr/dicomCodec';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const mr = baseline.series.find((s) => s.key === 'mr')!;
const level = (name: string) => baseline.levels!.find((l) => l.level === name)!;
const LEVELS = ['T12', 'L1', 'L2'];
const scratch = mkdtempSync(join(tmpdir(), 'vh-transfer-'));

let session: ViewerSession;
let viewer: ViewerPage;

function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

async function measurementsInPage(page: Page) {
  return page.evaluate(() => {
    const { byId } = window.vertebralViewer.getState().measurements;
    return Object.values(byId)
      .map((m) => ({ level: m.level as string, points: m.points as unknown as Record<string, [number, number, number]> }))
      .sort((a, b) => a.level.localeCompare(b.level));
  });
}

async function download(testId: string): Promise<string> {
  const [file] = await Promise.all([viewer.page.waitForEvent('download'), viewer.menuItem(testId).then((item) => item.click())]);
  const target = join(scratch, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

async function deleteAllRows(): Promise<void> {
  for (;;) {
    const buttons = viewer.page.locator('[data-testid="delete-measurement"]');
    if ((await buttons.count()) === 0) return;
    await buttons.first().click();
  }
}

async function importFile(path: string): Promise<{ kind: string | null; text: string }> {
  await viewer.page.evaluate(() => document.querySelector('[data-testid="transfer-notice"] button')?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await viewer.page.locator('[data-testid="transfer-notice"]').waitFor({ state: 'detached' });
  await (await viewer.menuItem('import-measurements')).setInputFiles(path);
  const notice = viewer.page.locator('[data-testid="transfer-notice"]');
  await notice.waitFor();
  return { kind: await notice.getAttribute('data-kind'), text: (await notice.textContent()) ?? '' };
}

beforeAll(async () => {
  session = await startSession();
  viewer = session.viewer;
  await viewer.openFiles(sampleFiles('baseline', 'mr'));
  await viewer.openSeries(mr.seriesInstanceUID);
  await viewer.waitLoaded('sagittal');
  await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
  for (const name of LEVELS) await viewer.placeVertebra('sagittal', name, level(name).points);
});

afterAll(async () => {
  await session?.close();
});

describe('JSON export and import', () => {
  it('gives back exactly the same vertebrae after export, clear and import', async () => {
    const before = await measurementsInPage(viewer.page);
    const path = await download('export-json');
    const document = JSON.parse(readFileSync(path, 'utf8'));
    expect(document.format).toBe('vertebral-height-measurements');
    await deleteAllRows();
    expect(await measurementsInPage(viewer.page)).toEqual([]);
    const outcome = await importFile(path);
    expect(outcome.kind).toBe('info');
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });

  it('refuses a malformed file with a clear message and changes nothing', async () => {
    const before = await measurementsInPage(viewer.page);
    const bad = join(scratch, 'broken.json');
    writeFileSync(bad, '{ "format": "vertebral-height-measurements", ');
    const outcome = await importFile(bad);
    expect(outcome.kind).toBe('error');
    expect(outcome.text).toMatch(/broken\.json was not imported/);
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });

  it('refuses a file of 100,000 vertebrae as an error naming the limit, and changes nothing', async () => {
    const before = await measurementsInPage(viewer.page);
    const document = JSON.parse(readFileSync(await download('export-json'), 'utf8'));
    const series = document.studies[0].series[0];
    // Short entries, so the file stays under the size limit and only the vertebra count can refuse it.
    series.vertebrae = Array.from({ length: 100_000 }, (_, i) => ({ id: `flood-${i}`, level: 'L1' }));
    const flood = join(scratch, 'flood.json');
    writeFileSync(flood, JSON.stringify(document));
    const outcome = await importFile(flood);
    expect(outcome.kind).toBe('error');
    expect(outcome.text).toMatch(/flood\.json was not imported: The file lists 100,000 vertebrae; a measurements file holds at most 480/);
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });

  it('refuses a file over the size limit as an error by its size, and changes nothing', async () => {
    const before = await measurementsInPage(viewer.page);
    const exported = readFileSync(await download('export-json'), 'utf8');
    const huge = join(scratch, 'huge.json');
    writeFileSync(huge, `${exported}${' '.repeat(6 * 1024 * 1024)}`);
    const outcome = await importFile(huge);
    expect(outcome.kind).toBe('error');
    expect(outcome.text).toMatch(/huge\.json was not imported: The file is 6\.0 MB; a measurements file is at most 5\.0 MB/);
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });
});

describe('CSV export', () => {
  it('parses back to the numbers of the panel, one row per vertebra with a header', async () => {
    const text = readFileSync(await download('export-csv'), 'utf8');
    const records = parseCsv(text.replace(/^\uFEFF/, ''));
    const header = at(records, 0);
    const rows = records.slice(1);
    expect(rows).toHaveLength(LEVELS.length);
    const column = (name: string) => header.indexOf(name);
    for (const row of rows) {
      const name = at(row, column('level'));
      expect(Number(row[column('anterior_height_mm')])).toBe(await viewer.numberField(name, 'anteriorMm'));
      expect(Number(row[column('posterior_height_mm')])).toBe(await viewer.numberField(name, 'posteriorMm'));
      expect(Number(row[column('wedge_ratio')])).toBe(await viewer.numberField(name, 'wedgeRatio'));
      expect(row[column('genant_grade')]).toBe(await viewer.field(name, 'grade'));
    }
  });
});

describe('DICOM SR export and import', () => {
  let srPath: string;

  it('writes an SR that dciodvfy and dsrdump accept', async () => {
    srPath = await download('export-sr');
    expect(existsSync(srPath)).toBe(true);
    if (!hasTool('dciodvfy') || !hasTool('dsrdump')) {
      if (process.env.CI) throw new Error('dciodvfy and dsrdump are required in CI (.ci/run installs dicom3tools and dcmtk)');
      console.warn('dciodvfy/dsrdump not installed: SR validation skipped');
      return;
    }
    const verify = spawnSync('dciodvfy', [srPath], { encoding: 'utf8' });
    expect(`${verify.stdout}${verify.stderr}`.split('\n').filter((l) => /Error/.test(l))).toEqual([]);
    const dump = spawnSync('dsrdump', [srPath], { encoding: 'utf8' });
    expect(dump.status).toBe(0);
    expect(dump.stderr).not.toMatch(/^E:/m);
    expect(execFileSync('dsrdump', [srPath], { encoding: 'utf8' })).toMatch(/vertebra L1/);
  });

  it('brings back the same levels and points (within 0.001 mm) after clear and import', async () => {
    const before = await measurementsInPage(viewer.page);
    await deleteAllRows();
    const outcome = await importFile(srPath);
    expect(outcome.kind).toBe('info');
    // What the report held is listed, but only refused vertebrae count as "not imported".
    expect(outcome.text).toMatch(new RegExp(`imported ${LEVELS.length} vertebrae\\.`));
    expect(outcome.text).not.toMatch(/not imported/);
    expect(outcome.text).toMatch(/height lines for other viewers/);
    const after = await measurementsInPage(viewer.page);
    expect(after.map((m) => m.level)).toEqual(before.map((m) => m.level));
    for (const [i, m] of after.entries()) {
      for (const [name, point] of Object.entries(m.points)) {
        const original = at(before, i).points[name];
        if (original === undefined) expect.fail(`${m.level} ${name} was not there before the import`);
        const differences = [point[0] - original[0], point[1] - original[1], point[2] - original[2]].map(Math.abs);
        expect(Math.max(...differences), `${m.level} ${name}`).toBeLessThan(0.001);
      }
    }
    expect(await viewer.row('L1').getAttribute('data-level')).toBe('L1');
  });

  it('refuses an image file given as a report, and changes nothing', async () => {
    const before = await measurementsInPage(viewer.page);
    const outcome = await importFile(at(sampleFiles('baseline', 'mr'), 0));
    expect(outcome.kind).toBe('error');
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });

  it.skipIf(!existsSync(SHARED_DICOM))('opens an SR from another tool without changing anything, saying what it recognised', async () => {
    const before = await measurementsInPage(viewer.page);
    const outcome = await importFile(join(SHARED_DICOM, 'cornerstone3d-testimages/no-pixel-data.dcm'));
    expect(outcome.text).toMatch(/no vertebral heights/);
    expect(outcome.text).toMatch(/recognised/);
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });

  it('lists the Length of an OHIF-style report read-only, apart from the vertebrae, and changes nothing', async () => {
    const before = await measurementsInPage(viewer.page);
    const group = containerItem('CONTAINS', MEASUREMENT_GROUP, [
      { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'TEXT', ConceptNameCodeSequence: [{ CodeValue: '112039', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Tracking Identifier' }], TextValue: 'Cornerstone3DTools@^0.1.0:Length' },
      numItem('CONTAINS', LENGTH, 42.5, UNIT_MM, [
        {
          RelationshipType: 'INFERRED FROM', ValueType: 'SCOORD', GraphicType: 'POLYLINE', GraphicData: [10, 20, 60, 80],
          ContentSequence: [{ RelationshipType: 'SELECTED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: '1.2.3.4.5' }] }],
        },
      ]),
    ]);
    const sopClass = '1.2.840.10008.5.1.4.1.1.88.22';
    const bytes = encodePart10(
      { MediaStorageSOPClassUID: sopClass, MediaStorageSOPInstanceUID: '1.2.3.4.8', TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN },
      {
        SOPClassUID: sopClass, SOPInstanceUID: '1.2.3.4.8', StudyInstanceUID: '1.2.3.4', SeriesInstanceUID: '1.2.3.4.9', Modality: 'SR', ValueType: 'CONTAINER',
        ConceptNameCodeSequence: [{ CodeValue: '126000', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Imaging Measurement Report' }],
        ContinuityOfContent: 'SEPARATE', ContentSequence: [containerItem('CONTAINS', IMAGING_MEASUREMENTS, [group])],
      },
    );
    const path = join(scratch, 'ohif-length.dcm');
    writeFileSync(path, bytes);
    const outcome = await importFile(path);
    expect(outcome.text).toMatch(/no vertebral heights/);
    const foreign = viewer.page.locator('[data-testid="foreign-annotation"]');
    expect(await foreign.count()).toBe(1);
    expect(await foreign.getAttribute('data-kind')).toBe('length');
    expect(Number(await foreign.getAttribute('data-value'))).toBe(42.5);
    expect(await measurementsInPage(viewer.page)).toEqual(before);
  });

  it('restores the vertebrae when the SR is opened together with the images in a fresh browser', async () => {
    const fresh = await session.openTab();
    const other = fresh.viewer;
    await other.openFiles([...sampleFiles('baseline', 'mr'), srPath]);
    await other.openSeries(mr.seriesInstanceUID);
    await other.row('L1').waitFor();
    expect((await measurementsInPage(fresh.page)).map((m) => m.level)).toEqual([...LEVELS].sort());
    await fresh.close();
  });
});

describe('the printable report', () => {
  it('shows the patient, one row per vertebra and a snapshot of the sagittal view', async () => {
    await viewer.page.locator('[data-testid="report"]').click();
    const report = viewer.page.locator('[data-testid="report-view"]');
    await report.waitFor();
    await expect(viewer.page.locator('[data-testid="report-patient"]').textContent()).resolves.toMatch(/PHANTOM SPINE/);
    expect(await viewer.page.locator('[data-testid="report-row"]').count()).toBe(LEVELS.length);
    const width = await viewer.page.locator('[data-testid="report-snapshot"]').evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(width).toBeGreaterThan(100);
    const pdf = await viewer.page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await viewer.page.locator('[data-testid="report-close"]').click();
    await report.waitFor({ state: 'detached' });
  });
});
