// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpinalLevel } from '../../measurement';
import { acceptAllProposals, acceptProposal, acceptSelectedProposal } from '../../viewer/actions/assist';
import {
  deleteMeasurement,
  redoMeasurement,
  relabelMeasurement,
  setNextLevel,
  setReaderReading,
  undoMeasurement,
} from '../../viewer/actions/measure';
import { planDisplay } from '../../viewer/model/displayPlan';
import { execute, type VertebraMeasurement } from '../../viewer/model/measurements';
import { NO_READING, type ReaderReading } from '../../viewer/model/readerReading';
import { addInstances, findSeries } from '../../viewer/state/instances';
import { getState, setState } from '../../viewer/state/store';
import { placedVertebra, sagittalSeries, vertebraOrigin } from '../helpers/sagittalSeries';

const STUDY = '1.2.3';
const SERIES = '1.2.3.4';
const where = (n: number) => ({ studyKey: STUDY, seriesKey: SERIES, frameOfReferenceUID: '1.2.3.9', originMm: vertebraOrigin(n) });
const pristine = getState();

/** T12, L1 placed by hand and L2, L3 proposed by the image analysis (L3 with low confidence) on the open series. */
function measured(): VertebraMeasurement[] {
  return [
    placedVertebra('T12', 'T12', where(0)),
    placedVertebra('L1', 'L1', where(1)),
    { ...placedVertebra('L2', 'L2', where(2)), proposed: true, confidence: 0.9, reasons: [] },
    { ...placedVertebra('L3', 'L3', where(3)), proposed: true, confidence: 0.3, reasons: [{ code: 'LOW_CONTRAST', message: 'faint endplate' }] },
  ];
}

beforeEach(() => {
  setState(pristine);
  addInstances(sagittalSeries({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES }), []);
  const found = findSeries(SERIES);
  if (!found) expect.fail('the fixture series is not open');
  setState((s) => ({
    plan: planDisplay(found.series),
    activeSeriesKey: SERIES,
    measurements: execute(s.measurements, { type: 'addMany', measurements: measured() }),
  }));
});

const levels = () => Object.values(getState().measurements.byId).map((m) => m.level).sort();
const vertebra = (id: string) => getState().measurements.byId[id];

describe('deleteMeasurement', () => {
  it('removes the vertebra, clears the selection when it was selected, and undo brings it back', () => {
    setState({ selectedMeasurementId: 'L1' });
    deleteMeasurement('L1');
    expect(levels()).toEqual(['L2', 'L3', 'T12']);
    expect(getState().selectedMeasurementId).toBeNull();
    undoMeasurement();
    expect(levels()).toEqual(['L1', 'L2', 'L3', 'T12']);
    redoMeasurement();
    expect(levels()).toEqual(['L2', 'L3', 'T12']);
  });

  it('keeps another selected vertebra selected', () => {
    setState({ selectedMeasurementId: 'T12' });
    deleteMeasurement('L1');
    expect(getState().selectedMeasurementId).toBe('T12');
  });

  it('does nothing for an id that is not stored (no undo step)', () => {
    const before = getState().measurements;
    deleteMeasurement('nope');
    expect(getState().measurements).toBe(before);
  });
});

describe('relabelMeasurement', () => {
  it.each<[string, SpinalLevel, SpinalLevel, number]>([
    ['gives L1 the level T11 as one undoable step', 'L1', 'T11', 2],
    ['records nothing when the level is the same', 'L1', 'L1', 1],
  ])('%s', (_case, id, level, undoSteps) => {
    relabelMeasurement(id, level);
    expect(vertebra(id)?.level).toBe(level);
    expect(getState().measurements.undoStack).toHaveLength(undoSteps);
  });

  it('is undone back to the level it had', () => {
    relabelMeasurement('L1', 'T11');
    undoMeasurement();
    expect(vertebra('L1')?.level).toBe('L1');
  });
});

describe('setReaderReading', () => {
  const graded: ReaderReading = { grade: 2, endplateDepression: true, note: 'anterior wedge' };

  it.each<[string, ReaderReading, number]>([
    ['records the reader\'s grade, depression and note as one undoable step', graded, 2],
    ['records nothing when it equals what is recorded (empty)', NO_READING, 1],
    ['records a note alone', { ...NO_READING, note: 'check on MR' }, 2],
  ])('%s', (_case, reading, undoSteps) => {
    setReaderReading('L1', reading);
    expect(vertebra('L1')?.reading ?? NO_READING).toEqual(reading);
    expect(getState().measurements.undoStack).toHaveLength(undoSteps);
  });

  it('is undone back to no reading', () => {
    setReaderReading('L1', graded);
    undoMeasurement();
    expect(vertebra('L1')?.reading ?? NO_READING).toEqual(NO_READING);
  });
});

describe('setNextLevel', () => {
  it('sets the level the next vertebra gets', () => {
    setNextLevel('T9');
    expect(getState().nextLevel).toBe('T9');
  });
});

describe('accepting proposals (assist actions)', () => {
  const proposed = () => Object.values(getState().measurements.byId).filter((m) => m.proposed === true).map((m) => m.id).sort();

  it.each<[string, () => void, string[]]>([
    ['acceptProposal accepts one proposal', () => acceptProposal('L2'), ['L3']],
    ['acceptProposal leaves a vertebra placed by hand as it is', () => acceptProposal('L1'), ['L2', 'L3']],
    ['acceptAllProposals accepts every proposal of the series on screen', () => acceptAllProposals(), []],
    ['acceptSelectedProposal accepts the selected proposal', () => { setState({ selectedMeasurementId: 'L3' }); acceptSelectedProposal(); }, ['L2']],
    ['acceptSelectedProposal does nothing when nothing is selected', () => { setState({ selectedMeasurementId: null }); acceptSelectedProposal(); }, ['L2', 'L3']],
  ])('%s', (_case, act, left) => {
    act();
    expect(proposed()).toEqual(left);
  });

  it('accepts all in one undoable step, and undo makes them proposals again, confidence kept', () => {
    const steps = getState().measurements.undoStack.length;
    acceptAllProposals();
    expect(getState().measurements.undoStack).toHaveLength(steps + 1);
    expect(vertebra('L3')).toMatchObject({ proposed: false, confidence: 0.3 });
    undoMeasurement();
    expect(proposed()).toEqual(['L2', 'L3']);
  });

  it('acceptSelectedProposal says whether it accepted', () => {
    setState({ selectedMeasurementId: 'L2' });
    expect(acceptSelectedProposal()).toBe(true);
    expect(acceptSelectedProposal()).toBe(false);
  });

  it('acceptAllProposals does nothing without a series on screen', () => {
    setState({ plan: null });
    acceptAllProposals();
    expect(proposed()).toEqual(['L2', 'L3']);
  });
});
