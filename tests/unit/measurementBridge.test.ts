// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { eventTarget } from '@cornerstonejs/core';
import { annotation as annotationApi, Enums as ToolEnums, type Types as ToolTypes } from '@cornerstonejs/tools';
import { lateralVertebra } from '../../measurement/testing/fixtures';
import type { SpinalLevel } from '../../measurement';
import { installMeasurementBridge, syncAnnotations } from '../../viewer/cornerstone/measurementBridge';
import { planDisplay } from '../../viewer/model/displayPlan';
import { execute, type VertebraMeasurement } from '../../viewer/model/measurements';
import { fromSixPoints, measurementFromAnnotation, type HandlePoint } from '../../viewer/model/vertebraAnnotation';
import { addInstances, findSeries } from '../../viewer/state/instances';
import { getState, setState } from '../../viewer/state/store';
import { undoMeasurement } from '../../viewer/actions/measure';
import { VertebralHeightTool, type VertebraAnnotation } from '../../viewer/tools/VertebralHeightTool';
import { placedVertebra, sagittalSeries, vertebraOrigin } from '../helpers/sagittalSeries';

const STUDY = '1.2.3';
const SERIES = '1.2.3.4';
const FRAME = '1.2.3.9';
const TOOL = VertebralHeightTool.toolName;
const pristine = getState();

/** Opens the sagittal fixture series as the app does (instances, then a display plan) and installs the bridge. */
function openSeries(): void {
  setState(pristine);
  annotationApi.state.removeAllAnnotations();
  addInstances(sagittalSeries({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES }), []);
  const found = findSeries(SERIES);
  if (!found) expect.fail('the fixture series is not open');
  setState({ plan: planDisplay(found.series), activeSeriesKey: SERIES, nextLevel: 'L1', placementCount: 6 });
  installMeasurementBridge();
}

/** What the height tool holds after six clicks of `level` on the sagittal view. */
function toolAnnotation(uid: string, level: SpinalLevel, n: number, toolName = TOOL): VertebraAnnotation {
  return {
    annotationUID: uid,
    highlighted: false, invalidated: false, isLocked: false, isVisible: true,
    metadata: { toolName, FrameOfReferenceUID: FRAME, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: `dicomfile:${SERIES}:10` },
    data: {
      handles: { points: fromSixPoints(lateralVertebra({ anteriorMm: 26, middleMm: 25, posteriorMm: 27, originMm: vertebraOrigin(n) })), activeHandleIndex: null },
      level,
      seriesKey: SERIES,
    },
  };
}

function fire(type: string, annotation: ToolTypes.Annotation): void {
  eventTarget.dispatchEvent(new CustomEvent(type, { detail: { annotation } }));
}

function stored(id: string): VertebraMeasurement {
  const measurement = getState().measurements.byId[id];
  if (measurement === undefined) expect.fail(`no vertebra ${id} in the store`);
  return measurement;
}

function vertebraAnnotations(): VertebraAnnotation[] {
  return (annotationApi.state.getAnnotationManager().getAllAnnotations() as ToolTypes.Annotation[])
    .filter((a): a is VertebraAnnotation => a.metadata?.toolName === TOOL);
}

beforeEach(openSeries);

describe('when the height tool completes a vertebra', () => {
  it('stores the mapper\'s vertebra on the plan\'s series, with the displayed plane, selected, and proposes the next level up', () => {
    const annotation = toolAnnotation('a-L1', 'L1', 1);
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    const expected = measurementFromAnnotation(annotation, { studyKey: STUDY, seriesKey: SERIES, calibrated: true });
    expect(stored('a-L1')).toMatchObject({ ...expected, plane: { horizontalPixelMm: 1, verticalPixelMm: 1, sliceSpacingMm: 1 } });
    expect(getState()).toMatchObject({ selectedMeasurementId: 'a-L1', nextLevel: 'T12', placementCount: 0 });
    expect(getState().measurements.undoStack).toHaveLength(1);
  });

  it.each<[string, VertebraAnnotation]>([
    ['of another tool', toolAnnotation('other', 'L1', 1, 'Length')],
    ['with five points (still being placed)', { ...toolAnnotation('five', 'L1', 1), data: { ...toolAnnotation('five', 'L1', 1).data, handles: { points: fromSixPoints(lateralVertebra({ anteriorMm: 26, middleMm: 25, posteriorMm: 27 })).slice(0, 5), activeHandleIndex: null } } }],
  ])('ignores an annotation %s', (_case, annotation) => {
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    expect(getState().measurements.byId).toEqual({});
  });

  it('ignores it while no series is displayed (nothing to tie it to)', () => {
    setState({ plan: null });
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, toolAnnotation('a-L1', 'L1', 1));
    expect(getState().measurements.byId).toEqual({});
  });
});

describe('when a handle of a stored vertebra is dragged', () => {
  function dragPosteriorInferior(annotation: VertebraAnnotation, dzMm: number): void {
    annotation.data.pointsBeforeEdit = annotation.data.handles.points.map((p): HandlePoint => [p[0], p[1], p[2]]);
    const handle = annotation.data.handles.points[5];
    if (handle === undefined) expect.fail('no posterior inferior handle');
    annotation.data.handles.points[5] = [handle[0], handle[1], handle[2] + dzMm];
  }

  it('shows the moving points in the store without an undo step, then records one move when the drag ends', () => {
    const annotation = toolAnnotation('a-L1', 'L1', 1);
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    const before = stored('a-L1').points;
    dragPosteriorInferior(annotation, 3);
    fire(ToolEnums.Events.ANNOTATION_MODIFIED, annotation);
    expect(stored('a-L1').points.posteriorInferior[2]).toBe(before.posteriorInferior[2] + 3);
    expect(getState().measurements.undoStack).toHaveLength(1);
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    expect(getState().measurements.undoStack.at(-1)).toEqual({ type: 'move', id: 'a-L1', before, after: stored('a-L1').points });
    undoMeasurement();
    expect(stored('a-L1').points).toEqual(before);
  });

  it.each<[string, boolean | undefined, boolean | undefined]>([
    ['confirms a proposal (undo makes it a proposal again)', true, false],
    ['leaves a vertebra placed by hand without a proposal flag', undefined, undefined],
  ])('%s', (_case, proposedBefore, proposedAfter) => {
    const annotation = toolAnnotation('a-L1', 'L1', 1);
    const placed = placedVertebra('a-L1', 'L1', { studyKey: STUDY, seriesKey: SERIES, frameOfReferenceUID: FRAME, originMm: vertebraOrigin(1) });
    setState((s) => ({ measurements: execute(s.measurements, { type: 'add', measurement: proposedBefore ? { ...placed, proposed: true, confidence: 0.9, reasons: [] } : placed }) }));
    dragPosteriorInferior(annotation, -2);
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    expect(stored('a-L1').proposed).toBe(proposedAfter);
    undoMeasurement();
    expect(stored('a-L1').proposed).toBe(proposedBefore);
  });

  it('records nothing when a completion comes without a drag (e.g. a click on a handle)', () => {
    const annotation = toolAnnotation('a-L1', 'L1', 1);
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    fire(ToolEnums.Events.ANNOTATION_COMPLETED, annotation);
    expect(getState().measurements.undoStack).toHaveLength(1);
  });
});

describe('syncAnnotations: the store drawn as annotations', () => {
  const shown = new Set([SERIES]);
  const where = { studyKey: STUDY, seriesKey: SERIES, frameOfReferenceUID: FRAME };

  it('adds an annotation for each stored vertebra of the shown series, mapping back to the same vertebra', () => {
    const vertebrae = [placedVertebra('v-L1', 'L1', { ...where, originMm: vertebraOrigin(1) }), placedVertebra('v-L2', 'L2', { ...where, originMm: vertebraOrigin(2) })];
    const elsewhere = placedVertebra('v-other', 'L3', { ...where, seriesKey: 'another-series', originMm: vertebraOrigin(3) });
    setState((s) => ({ measurements: execute(s.measurements, { type: 'addMany', measurements: [...vertebrae, elsewhere] }) }));
    syncAnnotations(shown, [], 'no-engine');
    const annotations = vertebraAnnotations();
    expect(annotations.map((a) => a.annotationUID).sort()).toEqual(['v-L1', 'v-L2']);
    for (const vertebra of vertebrae) {
      const annotation = annotations.find((a) => a.annotationUID === vertebra.id);
      if (!annotation) expect.fail(`no annotation for ${vertebra.id}`);
      expect(measurementFromAnnotation(annotation, { studyKey: STUDY, seriesKey: SERIES, calibrated: true })).toEqual(vertebra);
    }
  });

  it.each<[string, (m: VertebraMeasurement) => Parameters<typeof execute>[1], (a: VertebraAnnotation[]) => void]>([
    ['relabelled', (m) => ({ type: 'relabel', id: m.id, before: 'L1', after: 'T12' }), (a) => expect(a.map((x) => x.data.level)).toEqual(['T12'])],
    ['deleted', (m) => ({ type: 'delete', measurement: m }), (a) => expect(a).toEqual([])],
    [
      'moved (undo of a drag)',
      (m) => ({ type: 'move', id: m.id, before: m.points, after: { ...m.points, anteriorSuperior: [10, 50, -20] } }),
      (a) => expect(a[0]?.data.handles.points[0]).toEqual([10, 50, -20]),
    ],
  ])('follows a vertebra that was %s in the store', (_case, command, check) => {
    const vertebra = placedVertebra('v-L1', 'L1', { ...where, originMm: vertebraOrigin(1) });
    setState((s) => ({ measurements: execute(s.measurements, { type: 'add', measurement: vertebra }) }));
    syncAnnotations(shown, [], 'no-engine');
    setState((s) => ({ measurements: execute(s.measurements, command(vertebra)) }));
    syncAnnotations(shown, [], 'no-engine');
    check(vertebraAnnotations());
  });

  it('leaves a vertebra being placed (fewer than six points) to the tool', () => {
    const placing = toolAnnotation('placing', 'L4', 3);
    placing.data.handles.points = placing.data.handles.points.slice(0, 2);
    annotationApi.state.addAnnotation(placing, FRAME);
    syncAnnotations(shown, [], 'no-engine');
    expect(vertebraAnnotations().map((a) => a.annotationUID)).toEqual(['placing']);
  });
});
