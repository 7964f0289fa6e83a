import { eventTarget, getRenderingEngine, type Types } from '@cornerstonejs/core';
import { annotation as annotationApi, Enums as ToolEnums, utilities as toolUtilities, type Types as ToolTypes } from '@cornerstonejs/tools';
import { proposeNextLevel, type SixPoints, type Vec3 } from '../../measurement';
import { execute, previewPoints, type VertebraMeasurement } from '../model/measurements';
import { seriesMorphometry } from '../model/morphometry';
import { displayedPlaneOf, seriesGrid } from '../model/displayedPlane';
import { levelAfterCompletion } from '../model/levelProposal';
import { vertebraStyle, type VertebraStyle } from '../model/vertebraStyle';
import { getState, setState, subscribe } from '../state/store';
import { findSeries } from '../state/instances';
import { fromSixPoints, toSixPoints } from '../tools/placement';
import { VertebralHeightTool, type VertebraAnnotation } from '../tools/VertebralHeightTool';

const TOOL_NAME = VertebralHeightTool.toolName;

/** The only place where cornerstone annotation events become store changes, and store changes become annotations. */
let installed = false;

function isVertebra(annotation: ToolTypes.Annotation | undefined): annotation is VertebraAnnotation {
  return annotation?.metadata?.toolName === TOOL_NAME;
}

function pointsOf(annotation: VertebraAnnotation): SixPoints {
  return toSixPoints(annotation.data.handles.points);
}

/** A copy of a cornerstone Point3 as measurement/'s Vec3 (the same shape: x, y, z in mm). */
function vec3(p: Types.Point3): Vec3 {
  return [p[0], p[1], p[2]];
}

function samePoints(a: readonly Types.Point3[], b: readonly Vec3[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p[0] === q[0] && p[1] === q[1] && p[2] === q[2];
  });
}

function onCompleted(event: Event): void {
  const annotation = (event as CustomEvent<{ annotation: ToolTypes.Annotation }>).detail.annotation;
  if (!isVertebra(annotation) || annotation.data.handles.points.length !== 6) return;
  const state = getState();
  const id = annotation.annotationUID!;
  const existing = state.measurements.byId[id];
  if (existing) {
    const before = annotation.data.pointsBeforeEdit;
    if (!before) return;
    // Editing a proposal confirms it (undo makes it a proposal again).
    const confirms = existing.proposed === true ? { proposedBefore: true, proposedAfter: false } : {};
    setState({
      measurements: execute(state.measurements, { type: 'move', id, before: toSixPoints(before), after: pointsOf(annotation), ...confirms }),
    });
    return;
  }
  const plan = state.plan;
  const found = findSeries(annotation.data.seriesKey || state.activeSeriesKey);
  if (!plan || !found) return;
  const spec = plan.viewports.find((v) => v.seriesKey === found.series.key);
  const metadata: Partial<NonNullable<ToolTypes.Annotation['metadata']>> = annotation.metadata ?? {};
  const viewPlaneNormal = vec3(metadata.viewPlaneNormal ?? [0, 0, 1]);
  const viewUp = vec3(metadata.viewUp ?? [0, -1, 0]);
  const grid = seriesGrid(found.series);
  const plane = grid === null ? null : displayedPlaneOf(grid, viewPlaneNormal, viewUp);
  const measurement: VertebraMeasurement = {
    id,
    studyKey: found.study.key,
    seriesKey: found.series.key,
    frameOfReferenceUID: metadata.FrameOfReferenceUID ?? '',
    level: annotation.data.level,
    points: pointsOf(annotation),
    calibrated: spec?.calibrated ?? plan.calibrated,
    viewPlaneNormal,
    viewUp,
    referencedImageId: metadata.referencedImageId ?? null,
    ...(plane === null ? {} : { plane }),
  };
  const measurements = execute(state.measurements, { type: 'add', measurement });
  const placed = Object.values(measurements.byId).filter((m) => m.seriesKey === measurement.seriesKey).map((m) => m.level);
  setState({
    measurements,
    selectedMeasurementId: id,
    nextLevel: levelAfterCompletion({
      completedLevel: measurement.level,
      selectedLevel: state.nextLevel,
      proposal: proposeNextLevel(placed, measurement.level, state.levelDirection),
    }),
    placementCount: 0,
  });
}

function onModified(event: Event): void {
  const annotation = (event as CustomEvent<{ annotation: ToolTypes.Annotation }>).detail.annotation;
  if (!isVertebra(annotation) || annotation.data.handles.points.length !== 6) return;
  const state = getState();
  if (!state.measurements.byId[annotation.annotationUID!]) return;
  setState({ measurements: previewPoints(state.measurements, annotation.annotationUID!, pointsOf(annotation)) });
}

function onSelection(event: Event): void {
  const selection = (event as CustomEvent<{ selection?: string[] }>).detail.selection ?? [];
  const id = selection.find((uid) => getState().measurements.byId[uid]);
  setState({ selectedMeasurementId: id ?? null });
}

/** Style of a vertebra for the tool, from the series' one assessment. */
export function describeVertebra(annotationUID: string): VertebraStyle | undefined {
  const state = getState();
  const measurement = state.measurements.byId[annotationUID];
  if (!measurement) return undefined;
  const row = seriesMorphometry(state.measurements, measurement.seriesKey).rows.find((r) => r.measurement.id === annotationUID);
  return row ? vertebraStyle(row) : undefined;
}

/**
 * Makes cornerstone's annotations of this tool equal to the store's measurements of the displayed series:
 * after undo/redo, relabel, delete, import, or when a series is shown again.
 */
export function syncAnnotations(seriesKeys: ReadonlySet<string>, viewportIds: readonly string[], renderingEngineId: string): void {
  const wanted = new Map(Object.values(getState().measurements.byId).filter((m) => seriesKeys.has(m.seriesKey)).map((m) => [m.id, m]));
  const manager = annotationApi.state.getAnnotationManager();
  const existing = (manager.getAllAnnotations() as ToolTypes.Annotation[]).filter(isVertebra);
  let changed = false;
  for (const annotation of existing) {
    const measurement = wanted.get(annotation.annotationUID!);
    if (annotation.data.handles.points.length < 6) continue; // a vertebra being placed belongs to the tool
    if (!measurement) {
      annotationApi.state.removeAnnotation(annotation.annotationUID!);
      changed = true;
      continue;
    }
    wanted.delete(annotation.annotationUID!);
    const points = fromSixPoints(measurement.points);
    if (!samePoints(annotation.data.handles.points, points) || annotation.data.level !== measurement.level) {
      annotation.data.handles.points = points.map((p) => [...p] as Types.Point3);
      annotation.data.level = measurement.level;
      annotation.invalidated = true;
      changed = true;
    }
  }
  for (const measurement of wanted.values()) {
    const annotation: VertebraAnnotation = {
      annotationUID: measurement.id,
      highlighted: false,
      invalidated: true,
      isLocked: false,
      isVisible: true,
      metadata: {
        toolName: TOOL_NAME,
        FrameOfReferenceUID: measurement.frameOfReferenceUID,
        viewPlaneNormal: [...measurement.viewPlaneNormal] as Types.Point3,
        viewUp: [...measurement.viewUp] as Types.Point3,
        ...(measurement.referencedImageId === null ? {} : { referencedImageId: measurement.referencedImageId }),
      },
      data: {
        handles: { points: fromSixPoints(measurement.points).map((p) => [...p] as Types.Point3), activeHandleIndex: null },
        level: measurement.level,
        seriesKey: measurement.seriesKey,
      },
    };
    annotationApi.state.addAnnotation(annotation, measurement.frameOfReferenceUID);
    changed = true;
  }
  if (changed || viewportIds.length > 0) {
    const engine = getRenderingEngine(renderingEngineId);
    if (engine) toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds.filter((id) => engine.getViewport(id)));
  }
}

/** Listens once to cornerstone's annotation events for the vertebral height tool. */
export function installMeasurementBridge(): void {
  if (installed) return;
  installed = true;
  eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_COMPLETED, onCompleted);
  eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_MODIFIED, onModified);
  eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_SELECTION_CHANGE, onSelection);
}

/** Keeps annotations in step with the store while a plan is shown; returns the unsubscribe function. */
export function followStore(seriesKeys: ReadonlySet<string>, viewportIds: readonly string[], renderingEngineId: string): () => void {
  let last = getState().measurements.byId;
  syncAnnotations(seriesKeys, viewportIds, renderingEngineId);
  return subscribe(() => {
    const current = getState().measurements.byId;
    if (current === last) return;
    last = current;
    syncAnnotations(seriesKeys, viewportIds, renderingEngineId);
  });
}
