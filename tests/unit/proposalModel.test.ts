import { describe, expect, it } from 'vitest';
import type { SixPoints } from '../../measurement';
import { EMPTY_MEASUREMENTS, execute, replaceStudyMeasurements, undo, redo } from '../../viewer/model/measurements';
import { measurementFromProposal, needsCheck, unconfirmedIds, type ProposalContext } from '../../viewer/model/proposal';

/** A normal body 25 mm tall and 30 mm deep on the midsagittal plane (patient LPS, mm). */
const normalBody: SixPoints = {
  anteriorSuperior: [0, -15, 25],
  anteriorInferior: [0, -15, 0],
  middleSuperior: [0, 0, 25],
  middleInferior: [0, 0, 0],
  posteriorSuperior: [0, 15, 25],
  posteriorInferior: [0, 15, 0],
};

const context = (id: string): ProposalContext => ({
  id,
  studyKey: 'study',
  seriesKey: 'series',
  frameOfReferenceUID: '1.2.3',
  level: 'L1',
  calibrated: true,
  viewPlaneNormal: [1, 0, 0],
  viewUp: [0, 0, 1],
  referencedImageId: null,
});

const proposal = (confidence: number) => ({ points: normalBody, confidence, reasons: confidence < 0.7 ? [{ code: 'CEMENT' as const, message: 'Cement.' }] : [] });

describe('measurementFromProposal', () => {
  it('makes an unreviewed vertebra with the proposal\'s points, confidence and reasons', () => {
    const m = measurementFromProposal(proposal(0.3), context('a'));
    expect(m.points).toEqual(normalBody);
    expect(m.proposed).toBe(true);
    expect(m.confidence).toBe(0.3);
    expect(m.reasons).toEqual([{ code: 'CEMENT', message: 'Cement.' }]);
  });

  it.each([[0.3, true], [0.69, true], [0.7, false], [1, false]])('at confidence %s asks for a check: %s', (confidence, check) => {
    expect(needsCheck(measurementFromProposal(proposal(confidence), context('a')))).toBe(check);
  });

  it('clamps a confidence outside 0–1', () => {
    expect(measurementFromProposal(proposal(1.5), context('a')).confidence).toBe(1);
  });
});

describe('reviewing proposals', () => {
  const batch = [measurementFromProposal(proposal(0.9), context('a')), measurementFromProposal(proposal(0.3), context('b'))];
  const proposed = execute(EMPTY_MEASUREMENTS, { type: 'addMany', measurements: batch });

  it('undoes a whole detected batch in one step', () => {
    expect(Object.keys(undo(proposed).byId)).toEqual([]);
  });

  it('accepts with a review command that undo reverts and redo repeats', () => {
    const accepted = execute(proposed, { type: 'review', ids: ['a', 'b'], proposed: false });
    expect(unconfirmedIds(Object.values(accepted.byId))).toEqual([]);
    expect(unconfirmedIds(Object.values(undo(accepted).byId))).toEqual(['a', 'b']);
    expect(unconfirmedIds(Object.values(redo(undo(accepted)).byId))).toEqual([]);
  });

  it('confirms an edited proposal, and undo brings back both the points and the flag', () => {
    const after: SixPoints = { ...normalBody, anteriorSuperior: [0, -15, 24] };
    const edited = execute(proposed, { type: 'move', id: 'a', before: normalBody, after, proposedBefore: true, proposedAfter: false });
    expect(edited.byId.a?.proposed).toBe(false);
    expect(edited.byId.a?.points.anteriorSuperior).toEqual([0, -15, 24]);
    const undone = undo(edited);
    expect(undone.byId.a?.proposed).toBe(true);
    expect(undone.byId.a?.points).toEqual(normalBody);
  });

  it("drops an acceptance from the undo history when another tab's save replaces the study", () => {
    const accepted = execute(proposed, { type: 'review', ids: ['a'], proposed: false });
    const replaced = replaceStudyMeasurements(accepted, 'study', [accepted.byId.a!, accepted.byId.b!]);
    expect(replaced.undoStack).toEqual([]);
    expect(replaced.byId.a?.proposed).toBe(false);
  });

  it('leaves the flag alone when a vertebra placed by hand is moved', () => {
    const { proposed: _proposed, confidence: _confidence, reasons: _reasons, ...byHand } = batch[0]!;
    const manual = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: byHand });
    const moved = execute(manual, { type: 'move', id: 'a', before: normalBody, after: normalBody });
    expect(moved.byId.a?.proposed).toBeUndefined();
  });
});
