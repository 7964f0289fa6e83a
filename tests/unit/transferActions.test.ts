// @vitest-environment jsdom
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportCsv, exportJson } from '../../viewer/actions/exportMeasurements';
import { buildSeriesReport } from '../../viewer/actions/exportSr';
import { importMeasurementsFile } from '../../viewer/actions/importMeasurements';
import { readMeasurementsJson } from '../../viewer/export/json';
// The actions load the writers on demand; loaded here first, so that no test waits for the import (dcmjs is large).
import '../../viewer/export/csv';
import '../../viewer/export/sr';
import { planDisplay } from '../../viewer/model/displayPlan';
import { EMPTY_MEASUREMENTS, execute, type VertebraMeasurement } from '../../viewer/model/measurements';
import { addInstances, findSeries } from '../../viewer/state/instances';
import { getState, setState } from '../../viewer/state/store';
import { parseRecords } from '../helpers/csv';
import { placedVertebra, sagittalSeries, vertebraOrigin } from '../helpers/sagittalSeries';

const STUDY = '1.2.3';
const SERIES = '1.2.3.4';
const FRAME = '1.2.3.9';
const where = (n: number) => ({ studyKey: STUDY, seriesKey: SERIES, frameOfReferenceUID: FRAME, originMm: vertebraOrigin(n) });
const pristine = getState();
/** Writing and reading a DICOM SR takes a few seconds on a loaded machine; a limit, not a measured speed. */
const SR_TEST_TIMEOUT_MS = 30_000;

// jsdom 26's Blob and File have no arrayBuffer() or text(), which every browser has and the actions use: take node's.
vi.stubGlobal('Blob', NodeBlob);
vi.stubGlobal('File', NodeFile);

/** T12 normal, L1 wedged (Ha 17 mm: grade 2 against its own Hp), L2 normal, each tied to slice 10 of the series. */
function measured(): VertebraMeasurement[] {
  const onSlice = (m: VertebraMeasurement): VertebraMeasurement => ({ ...m, referencedImageId: `dicomfile:${SERIES}:10` });
  return [
    onSlice(placedVertebra('T12', 'T12', where(0))),
    onSlice(placedVertebra('L1', 'L1', where(1), { anteriorMm: 17, middleMm: 23, posteriorMm: 27 })),
    onSlice(placedVertebra('L2', 'L2', where(2))),
  ];
}

/** What the app downloaded: file name and contents, captured where the browser would save them. */
interface Download {
  fileName: string;
  blob: Blob;
}
let downloads: Download[] = [];
const originalCreate = URL.createObjectURL;
const originalRevoke = URL.revokeObjectURL;
let saveLink: (event: MouseEvent) => void = () => undefined;

beforeEach(() => {
  setState(pristine);
  downloads = [];
  // jsdom has no object URLs: remember the blob and the name of the link it was given to.
  let pending: Blob | null = null;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    if (!(blob instanceof Blob)) throw new Error('expected a Blob');
    pending = blob;
    return 'blob:test';
  };
  URL.revokeObjectURL = () => undefined;
  saveLink = (event) => {
    const link = event.target;
    if (link instanceof HTMLAnchorElement && pending !== null) {
      event.preventDefault();
      downloads.push({ fileName: link.download, blob: pending });
      pending = null;
    }
  };
  document.body.addEventListener('click', saveLink);
  addInstances(sagittalSeries({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES }), []);
  const found = findSeries(SERIES);
  if (!found) expect.fail('the fixture series is not open');
  setState({ plan: planDisplay(found.series), activeSeriesKey: SERIES });
});

afterEach(() => {
  document.body.removeEventListener('click', saveLink);
  URL.createObjectURL = originalCreate;
  URL.revokeObjectURL = originalRevoke;
});

function store(vertebrae: readonly VertebraMeasurement[]): void {
  setState((s) => ({ measurements: execute(s.measurements, { type: 'addMany', measurements: vertebrae }) }));
}

function onlyDownload(): Download {
  const [only, ...more] = downloads;
  if (only === undefined || more.length > 0) expect.fail(`expected one download, got ${downloads.length}`);
  return only;
}

const notice = () => getState().transferNotice;
const storedLevels = () => Object.values(getState().measurements.byId).map((m) => m.level).sort();

describe('exportJson and exportCsv', () => {
  it.each<[string, () => Promise<void>, RegExp]>([
    ['JSON', exportJson, /^vertebral-heights_20260915\.json$/],
    ['CSV', exportCsv, /^vertebral-heights_20260915\.csv$/],
  ])('download the %s of the study on screen, named by its date, and say how many vertebrae', async (_format, act, name) => {
    store(measured());
    await act();
    expect(onlyDownload().fileName).toMatch(name);
    expect(notice()).toMatchObject({ kind: 'info', text: expect.stringMatching(/^Exported 3 vertebrae as (JSON|CSV)\.$/) });
  });

  it('writes a JSON that reads back as exactly the stored vertebrae', async () => {
    store(measured());
    await exportJson();
    const read = readMeasurementsJson(await onlyDownload().blob.text(), { imageIdOf: (r) => (r.sopInstanceUID === `${SERIES}.11` ? `dicomfile:${SERIES}:10` : null) });
    if (!read.ok) expect.fail(read.error.message);
    expect(read.value.rejected).toEqual([]);
    expect(read.value.measurements.map((m) => [m.id, m.level, m.points, m.referencedImageId])).toEqual(
      measured().map((m) => [m.id, m.level, m.points, m.referencedImageId]),
    );
  });

  it('writes one CSV row per vertebra with its Genant grade (L1 wedged: grade 2)', async () => {
    store(measured());
    await exportCsv();
    // The file as saved, byte-order mark included (Blob.text() would drop it).
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await onlyDownload().blob.arrayBuffer());
    expect(parseRecords(csv).map((r) => [r.level, r.genant_grade])).toEqual([['T12', '0'], ['L1', '2'], ['L2', '0']]);
  });

  it.each<[string, () => void, RegExp]>([
    ['no study is on screen', () => setState({ activeSeriesKey: null }), /Open a study first/],
    ['no vertebra is measured in the study', () => undefined, /no vertebra is measured in this study/],
  ])('download nothing and say why when %s', async (_case, arrange, message) => {
    arrange();
    await exportJson();
    await exportCsv();
    expect(downloads).toEqual([]);
    expect(notice()).toMatchObject({ kind: 'error', text: expect.stringMatching(message) });
  });
});

describe('importMeasurementsFile', () => {
  async function exportedJson(): Promise<File> {
    store(measured());
    await exportJson();
    const file = new File([await onlyDownload().blob.text()], 'reader-a.json', { type: 'application/json' });
    setState({ measurements: EMPTY_MEASUREMENTS, transferNotice: null });
    return file;
  }

  it('imports an exported JSON back onto the open series as one undoable step, each vertebra on its plane', async () => {
    const file = await exportedJson();
    await importMeasurementsFile(file);
    expect(notice()).toEqual({ kind: 'info', text: 'reader-a.json: imported 3 vertebrae.', details: [] });
    const byId = getState().measurements.byId;
    for (const m of measured()) {
      expect(byId[m.id]).toMatchObject({ ...m, plane: { horizontalPixelMm: 1, verticalPixelMm: 1, sliceSpacingMm: 1 } });
    }
    expect(getState().measurements.undoStack).toHaveLength(1);
  });

  it('does not import a level again that is already measured on the series, and lists it', async () => {
    const file = await exportedJson();
    store([placedVertebra('mine-L1', 'L1', where(1))]);
    await importMeasurementsFile(file);
    expect(storedLevels()).toEqual(['L1', 'L2', 'T12']);
    expect(getState().measurements.byId['mine-L1']).toBeDefined();
    expect(notice()).toEqual({
      kind: 'info',
      text: 'reader-a.json: imported 2 vertebrae, 1 not imported.',
      details: ['L1: already measured on that series, not imported again'],
    });
  });

  it.each<[string, string, RegExp]>([
    ['text that is not JSON', 'not json at all', /^bad\.json was not imported: /],
    ['JSON of another kind', '{"hello": "world"}', /^bad\.json was not imported: /],
    ['an empty file', '', /^bad\.json was not imported: /],
  ])('changes nothing and says why for %s', async (_case, text, message) => {
    store(measured());
    const before = getState().measurements;
    await importMeasurementsFile(new File([text], 'bad.json'));
    expect(getState().measurements).toBe(before);
    expect(notice()).toMatchObject({ kind: 'error', text: expect.stringMatching(message) });
  });

  it('imports the series\' own DICOM SR back: same levels and points, views from the plane of the points, each on slice 10', async () => {
    store(measured());
    const report = await buildSeriesReport();
    if (report === null) expect.fail(`no report: ${notice()?.text ?? ''}`);
    setState({ measurements: EMPTY_MEASUREMENTS, transferNotice: null });
    await importMeasurementsFile(new File([report.bytes as Uint8Array<ArrayBuffer>], report.fileName));
    expect(notice()).toMatchObject({ kind: 'info', text: `${report.fileName}: imported 3 vertebrae.` });
    const imported = Object.values(getState().measurements.byId).sort((a, b) => a.points.anteriorSuperior[2] - b.points.anteriorSuperior[2]).reverse();
    expect(imported.map((m) => m.level)).toEqual(['T12', 'L1', 'L2']);
    measured().forEach((m, i) => {
      const back = imported[i];
      if (back === undefined) expect.fail(`${m.level} did not come back`);
      for (const name of Object.keys(m.points) as Array<keyof typeof m.points>) {
        back.points[name].forEach((c, axis) => expect(c).toBeCloseTo(m.points[name][axis] ?? NaN, 3));
      }
      expect(Math.abs(back.viewPlaneNormal[0])).toBe(1);
      expect(back).toMatchObject({ studyKey: STUDY, seriesKey: SERIES, frameOfReferenceUID: FRAME, calibrated: true, referencedImageId: `dicomfile:${SERIES}:10` });
      expect(back.id).toMatch(new RegExp(`^sr-.+-${m.level}$`));
    });
  }, SR_TEST_TIMEOUT_MS);

  it('says the images are not open when an SR refers to a series that is not', async () => {
    store(measured());
    const report = await buildSeriesReport();
    if (report === null) expect.fail('no report');
    setState({ ...pristine });
    await importMeasurementsFile(new File([report.bytes as Uint8Array<ArrayBuffer>], report.fileName));
    expect(getState().measurements.byId).toEqual({});
    expect(notice()).toMatchObject({ kind: 'error', text: expect.stringMatching(/the images this report was measured on are not open/) });
  }, SR_TEST_TIMEOUT_MS);
});
