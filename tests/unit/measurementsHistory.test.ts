import { describe, expect, it } from 'vitest';
import type { SixPoints, Vec3 } from '../../measurement';
import { EMPTY_MEASUREMENTS, execute, measurementsOfSeries, previewPoints, redo, undo, type MeasurementsState, type VertebraMeasurement } from '../../viewer/model/measurements';
import { at } from '../../measurement/testing/results';
import { seriesMorphometry } from '../../viewer/model/morphometry';
import { bodyClickGuide, nextPointName, placementGuide } from '../../viewer/tools/placement';
import { PLACEMENT_ORDER, fromSixPoints, toSixPoints } from '../../viewer/model/vertebraAnnotation';

/** The vertebra `id` of `state`; the test fails, naming the id, when there is none. */
function vertebraOf(state: MeasurementsState, id: string): VertebraMeasurement {
  const vertebra = state.byId[id];
  if (vertebra === undefined) expect.fail(`expected a vertebra with id ${id}`);
  return vertebra;
}

/** A box-shaped vertebra in the sagittal plane x = 0: anterior towards −y, superior towards +z. */
function box(anteriorMm: number, middleMm: number, posteriorMm: number, zMm = 0): SixPoints {
  const p = (y: number, z: number): Vec3 => [0, y, z];
  return {
    anteriorSuperior: p(-15, zMm + anteriorMm), anteriorInferior: p(-15, zMm),
    middleSuperior: p(0, zMm + middleMm), middleInferior: p(0, zMm),
    posteriorSuperior: p(15, zMm + posteriorMm), posteriorInferior: p(15, zMm),
  };
}

function vertebra(id: string, level: VertebraMeasurement['level'], points: SixPoints, seriesKey = 'S1'): VertebraMeasurement {
  return { id, studyKey: 'ST', seriesKey, frameOfReferenceUID: 'F', level, points, calibrated: true, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: null };
}

describe('placement', () => {
  it('asks for the anterior, middle then posterior heights, superior point first', () => {
    expect(PLACEMENT_ORDER.map((_, i) => nextPointName(i))).toEqual([
      'anteriorSuperior', 'anteriorInferior', 'middleSuperior', 'middleInferior', 'posteriorSuperior', 'posteriorInferior',
    ]);
    expect(nextPointName(6)).toBeNull();
  });

  it('guides the user with the next corner and the count', () => {
    expect(placementGuide(0)).toBe('Click the anterior superior point (1 of 6); Esc cancels');
    expect(placementGuide(5)).toMatch(/posterior inferior point \(6 of 6\)/);
    expect(placementGuide(6)).toBe('Vertebra complete');
  });

  it('says what a click does while the image analysis takes it: a body to propose, or an end of the spine', () => {
    expect(bodyClickGuide('propose', 'L1')).toBe('L1: click inside the vertebral body to propose its six points');
    expect(bodyClickGuide('propose', 'L1', 'keyboardCursor')).toBe('L1: press Enter with the cursor inside the vertebral body to propose its six points');
    expect(bodyClickGuide('firstOfSpine', 'T10')).toBe('Detect vertebrae: click the centre of the first body to measure (T10), then of the last; Esc cancels');
    expect(bodyClickGuide('lastOfSpine', 'T10')).toBe('Detect vertebrae: now click the centre of the last body to measure; Esc cancels');
  });

  it('turns six clicks into named points and back', () => {
    const points = box(20, 21, 22);
    expect(toSixPoints(fromSixPoints(points))).toEqual(points);
    expect(() => toSixPoints([[0, 0, 0]])).toThrow(/6 points/);
  });
});

describe('the measurement history', () => {
  const l1 = vertebra('a', 'L1', box(16, 20, 25));

  it('adds, undoes and redoes a vertebra', () => {
    const added = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: l1 });
    expect(Object.keys(added.byId)).toEqual(['a']);
    const undone = undo(added);
    expect(undone.byId).toEqual({});
    expect(redo(undone).byId.a).toEqual(l1);
  });

  it('records a move once, with the points before the drag, whatever the previews in between', () => {
    const added = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: l1 });
    const dragged = previewPoints(previewPoints(added, 'a', box(17, 20, 25)), 'a', box(18, 20, 25));
    expect(dragged.undoStack).toHaveLength(1);
    const moved = execute(dragged, { type: 'move', id: 'a', before: l1.points, after: box(18, 20, 25) });
    expect(vertebraOf(undo(moved), 'a').points).toEqual(l1.points);
    expect(vertebraOf(redo(undo(moved)), 'a').points).toEqual(box(18, 20, 25));
  });

  it('relabels and deletes with undo', () => {
    const added = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: l1 });
    const relabelled = execute(added, { type: 'relabel', id: 'a', before: 'L1', after: 'L2' });
    expect(vertebraOf(relabelled, 'a').level).toBe('L2');
    expect(vertebraOf(undo(relabelled), 'a').level).toBe('L1');
    const deleted = execute(added, { type: 'delete', measurement: l1 });
    expect(deleted.byId).toEqual({});
    expect(undo(deleted).byId.a).toEqual(l1);
  });

  it('clears redo after a new action and ignores undo/redo with nothing to do', () => {
    const added = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: l1 });
    const afterUndo = undo(added);
    const other = execute(afterUndo, { type: 'add', measurement: vertebra('b', 'L2', box(27, 26, 27)) });
    expect(other.redoStack).toEqual([]);
    expect(undo(EMPTY_MEASUREMENTS)).toBe(EMPTY_MEASUREMENTS);
    expect(redo(EMPTY_MEASUREMENTS)).toBe(EMPTY_MEASUREMENTS);
  });

  it('ignores moves and relabels of a vertebra that no longer exists', () => {
    expect(execute(EMPTY_MEASUREMENTS, { type: 'move', id: 'x', before: l1.points, after: l1.points }).byId).toEqual({});
    expect(execute(EMPTY_MEASUREMENTS, { type: 'relabel', id: 'x', before: 'L1', after: 'L2' }).byId).toEqual({});
    expect(previewPoints(EMPTY_MEASUREMENTS, 'x', l1.points)).toBe(EMPTY_MEASUREMENTS);
  });

  it('keeps each series to its own measurements', () => {
    let state = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: l1 });
    state = execute(state, { type: 'add', measurement: vertebra('m', 'L1', box(16, 20, 25), 'MR') });
    expect(measurementsOfSeries(state, 'S1').map((m) => m.id)).toEqual(['a']);
    expect(measurementsOfSeries(state, 'MR').map((m) => m.id)).toEqual(['m']);
  });
});

describe('seriesMorphometry', () => {
  it('assesses the vertebrae of a series cranial to caudal with measurement/', () => {
    let state = EMPTY_MEASUREMENTS;
    for (const m of [vertebra('l2', 'L2', box(27, 26, 27, -40)), vertebra('l1', 'L1', box(16.6, 20, 25.5)), vertebra('t12', 'T12', box(23, 18.7, 24, 35))]) {
      state = execute(state, { type: 'add', measurement: m });
    }
    const { rows, calibrated } = seriesMorphometry(state, 'S1');
    expect(calibrated).toBe(true);
    expect(rows.map((r) => r.measurement.level)).toEqual(['T12', 'L1', 'L2']);
    const l1 = at(rows, 1).assessment!;
    expect(l1.assessment.grade).toBe(2);
    expect(l1.assessment.deformity).toBe('wedge');
    expect(l1.referenceLevels).toEqual(['L2']);
  });

  it('flags a level measured twice instead of failing the whole spine', () => {
    let state = EMPTY_MEASUREMENTS;
    for (const m of [vertebra('x', 'L1', box(16, 20, 25)), vertebra('y', 'L1', box(16, 20, 25)), vertebra('z', 'L2', box(27, 26, 27, -40))]) {
      state = execute(state, { type: 'add', measurement: m });
    }
    const { rows } = seriesMorphometry(state, 'S1');
    expect(rows.filter((r) => r.error?.includes('more than once'))).toHaveLength(2);
    expect(rows.find((r) => r.measurement.level === 'L2')!.assessment).not.toBeNull();
  });

  it('reports a vertebra whose points cannot be assessed', () => {
    const flat = box(0, 0, 0);
    const state = execute(EMPTY_MEASUREMENTS, { type: 'add', measurement: vertebra('f', 'L1', flat) });
    const { rows } = seriesMorphometry(state, 'S1');
    expect(at(rows, 0).assessment).toBeNull();
    expect(at(rows, 0).error).toBeTruthy();
  });
});
