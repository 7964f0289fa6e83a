// @vitest-environment jsdom
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpinalLevel } from '../../measurement';
import { chooseCompareStudies, enterCompare, exitCompare } from '../../viewer/actions/compare';
import {
  cancelRepeatReading,
  finishRepeatReading,
  importSecondReading,
  startRepeatReading,
} from '../../viewer/actions/repeatReading';
import { writeMeasurementsJson } from '../../viewer/export/json';
import { planDisplay } from '../../viewer/model/displayPlan';
import { execute, type VertebraMeasurement } from '../../viewer/model/measurements';
import { addInstances, findSeries } from '../../viewer/state/instances';
import { getState, setState } from '../../viewer/state/store';
import { comparedTimePoints } from '../../viewer/state/compareState';
import { placedVertebra, sagittalSeries, vertebraOrigin } from '../helpers/sagittalSeries';

// jsdom 26's File has no arrayBuffer(), which every browser has and the file reader uses: take node's.
vi.stubGlobal('Blob', NodeBlob);
vi.stubGlobal('File', NodeFile);

const pristine = getState();

/** Two studies of one patient: a baseline in January and a follow-up in June, one sagittal series each. */
const BASELINE = { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', studyDate: '20260115' };
const FOLLOW_UP = { studyInstanceUID: '1.2.5', seriesInstanceUID: '1.2.5.4', studyDate: '20260615' };

function where(spec: typeof BASELINE, n: number) {
  return { studyKey: spec.studyInstanceUID, seriesKey: spec.seriesInstanceUID, frameOfReferenceUID: `${spec.studyInstanceUID}.9`, originMm: vertebraOrigin(n) };
}

function open(...studies: ReadonlyArray<typeof BASELINE>): void {
  setState(pristine);
  for (const study of studies) addInstances(sagittalSeries(study), []);
  const first = studies[0];
  const found = first && findSeries(first.seriesInstanceUID);
  if (!found) expect.fail('the fixture series is not open');
  setState({ plan: planDisplay(found.series), activeSeriesKey: found.series.key });
}

function store(vertebrae: readonly VertebraMeasurement[]): void {
  setState((s) => ({ measurements: execute(s.measurements, { type: 'addMany', measurements: vertebrae }) }));
}

const levelsOf = (vertebrae: readonly VertebraMeasurement[]) => vertebrae.map((m) => m.level);
const shownLevels = () => Object.values(getState().measurements.byId).map((m) => m.level).sort();
const notice = () => getState().transferNotice;

describe('a blinded repeat reading', () => {
  const firstReading = (): VertebraMeasurement[] => [
    placedVertebra('T12', 'T12', where(BASELINE, 0)),
    placedVertebra('L1', 'L1', where(BASELINE, 1), { anteriorMm: 17, middleMm: 23, posteriorMm: 27 }),
  ];

  beforeEach(() => {
    open(BASELINE);
    store(firstReading());
  });

  it('hides the first reading of the series, starts at its last level and says what is hidden', () => {
    startRepeatReading();
    expect(shownLevels()).toEqual([]);
    expect(getState().repeatReading).toMatchObject({ seriesKey: BASELINE.seriesInstanceUID, phase: 'blinded', second: [] });
    expect(levelsOf(getState().repeatReading?.first ?? [])).toEqual(['T12', 'L1']);
    expect(getState().nextLevel).toBe('L1');
    expect(notice()?.text).toMatch(/the first reading \(T12, L1\) is hidden/);
    // Undo never reaches back into the hidden reading.
    expect(getState().measurements.undoStack).toEqual([]);
  });

  it('keeps the second reading aside when finished and shows the first again', () => {
    startRepeatReading();
    store([placedVertebra('again-L1', 'L1', where(BASELINE, 1), { anteriorMm: 17.5, middleMm: 23, posteriorMm: 27.2 })]);
    finishRepeatReading();
    expect(shownLevels()).toEqual(['L1', 'T12']);
    expect(getState().repeatReading).toMatchObject({ phase: 'compared' });
    expect(getState().repeatReading?.second.map((m) => m.id)).toEqual(['again-L1']);
  });

  it('refuses to finish an empty repeat reading and stays blinded', () => {
    startRepeatReading();
    finishRepeatReading();
    expect(getState().repeatReading?.phase).toBe('blinded');
    expect(notice()).toMatchObject({ kind: 'error', text: expect.stringMatching(/The repeat reading is empty/) });
  });

  it('when cancelled, drops the second reading\'s points and shows the first reading again', () => {
    startRepeatReading();
    store([placedVertebra('again-L1', 'L1', where(BASELINE, 1))]);
    cancelRepeatReading();
    expect(getState().repeatReading).toBeNull();
    expect(Object.keys(getState().measurements.byId).sort()).toEqual(['L1', 'T12']);
  });

  it('cannot start on a series with nothing measured', () => {
    setState({ measurements: { byId: {}, undoStack: [], redoStack: [] } });
    startRepeatReading();
    expect(getState().repeatReading).toBeNull();
    expect(notice()).toMatchObject({ kind: 'error', text: expect.stringMatching(/Nothing to read again/) });
  });
});

describe('importSecondReading (another reader\'s JSON export of the series on screen)', () => {
  /** Reader B's file: the same levels placed 0.5 mm lower anteriorly, as exported by the viewer. */
  function readerBFile(levels: readonly SpinalLevel[], study = BASELINE): File {
    const vertebrae = levels.map((level, n) => placedVertebra(`b-${level}`, level, where(study, n), { anteriorMm: 25.5, middleMm: 25, posteriorMm: 27 }));
    const text = writeMeasurementsJson({
      appVersion: 'test', exportedAt: new Date('2026-12-01T12:00:00Z'), patient: { id: 'P1', name: 'PHANTOM^SPINE' },
      studies: [{ key: study.studyInstanceUID, studyInstanceUID: study.studyInstanceUID, studyDate: study.studyDate, series: [{ key: study.seriesInstanceUID, seriesInstanceUID: study.seriesInstanceUID }] }],
      measurements: vertebrae, referencedImageOf: () => null,
    });
    return new File([text], 'reader-b.json', { type: 'application/json' });
  }

  beforeEach(() => {
    open(BASELINE);
    store([placedVertebra('T12', 'T12', where(BASELINE, 0)), placedVertebra('L1', 'L1', where(BASELINE, 1))]);
  });

  it('compares it with the vertebrae measured here, without changing them', async () => {
    const before = getState().measurements;
    await importSecondReading(readerBFile(['T12', 'L1']));
    expect(getState().measurements).toBe(before);
    const repeat = getState().repeatReading;
    expect(repeat).toMatchObject({ phase: 'compared', secondLabel: 'reader-b.json', seriesKey: BASELINE.seriesInstanceUID });
    expect(repeat?.second.map((m) => [m.id, m.level, m.seriesKey, m.studyKey])).toEqual([
      ['second-b-T12', 'T12', BASELINE.seriesInstanceUID, BASELINE.studyInstanceUID],
      ['second-b-L1', 'L1', BASELINE.seriesInstanceUID, BASELINE.studyInstanceUID],
    ]);
    expect(repeat?.second[0]?.plane).toMatchObject({ horizontalPixelMm: 1, verticalPixelMm: 1, sliceSpacingMm: 1 });
    expect(notice()).toMatchObject({ kind: 'info', text: 'reader-b.json: 2 vertebra(e) read as the second reading.' });
  });

  it.each<[string, () => File, RegExp]>([
    ['holds no vertebra of the series on screen', () => readerBFile(['T12'], FOLLOW_UP), /reader-b\.json was not read as a second reading: /],
    ['is not a measurement file', () => new File(['{"hello":1}'], 'reader-b.json'), /reader-b\.json was not read as a second reading: /],
  ])('reads nothing and says why when the file %s', async (_case, file, message) => {
    await importSecondReading(file());
    expect(getState().repeatReading).toBeNull();
    expect(notice()).toMatchObject({ kind: 'error', text: expect.stringMatching(message) });
  });
});

describe('compare mode', () => {
  it('needs two studies, and says so with one', () => {
    open(BASELINE);
    enterCompare();
    expect(getState().compare).toBeNull();
    expect(getState().status).toMatch(/Compare needs two studies/);
  });

  it('shows the older study as baseline and the newer as follow-up, side by side and linked', () => {
    open(FOLLOW_UP, BASELINE);
    enterCompare();
    const compare = getState().compare;
    if (!compare) expect.fail('compare mode did not start');
    expect(compare.linked).toBe(true);
    expect(comparedTimePoints(compare)).toMatchObject({ baseline: { studyDate: '20260115' }, followUp: { studyDate: '20260615' } });
    expect(getState().plan).toMatchObject({ mode: 'compare', seriesKey: BASELINE.seriesInstanceUID });
    expect(getState().plan?.viewports.map((v) => v.seriesKey)).toEqual([BASELINE.seriesInstanceUID, FOLLOW_UP.seriesInstanceUID]);
    expect(getState().activeSeriesKey).toBe(BASELINE.seriesInstanceUID);
  });

  it('swaps the studies when the reader chooses them the other way round, and leaves back to the baseline', () => {
    open(BASELINE, FOLLOW_UP);
    enterCompare();
    chooseCompareStudies(1, 0);
    const compare = getState().compare;
    expect(compare && comparedTimePoints(compare)).toMatchObject({ baseline: { studyDate: '20260615' }, followUp: { studyDate: '20260115' } });
    exitCompare();
    expect(getState().compare).toBeNull();
    expect(getState().plan?.mode).not.toBe('compare');
    expect(getState().activeSeriesKey).toBe(FOLLOW_UP.seriesInstanceUID);
  });
});
