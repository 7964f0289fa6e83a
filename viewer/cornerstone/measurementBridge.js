import { eventTarget, getRenderingEngine } from '@cornerstonejs/core';
import { annotation as annotationApi, Enums as ToolEnums, utilities as toolUtilities } from '@cornerstonejs/tools';
import { proposeNextLevel } from '../../measurement';
import { execute, previewPoints } from '../model/measurements';
import { seriesMorphometry } from '../model/morphometry';
import { withDisplayedPlane } from '../model/displayedPlane';
import { annotationFromMeasurement, annotationShows, fromSixPoints, measurementFromAnnotation, PLACEMENT_ORDER, toSixPoints } from '../model/vertebraAnnotation';
import { levelAfterCompletion } from '../model/levelProposal';
import { vertebraStyle } from '../model/vertebraStyle';
import { getState, setState, subscribe } from '../state/store';
import { findSeries } from '../state/instances';
import { VertebralHeightTool } from '../tools/VertebralHeightTool';
const TOOL_NAME = VertebralHeightTool.toolName;
/** The only place where cornerstone annotation events become store changes, and store changes become annotations. */
let installed = false;
function isVertebra(annotation) {
    return annotation?.metadata?.toolName === TOOL_NAME;
}
function onCompleted(event) {
    const annotation = event.detail.annotation;
    if (!isVertebra(annotation) || annotation.data.handles.points.length !== PLACEMENT_ORDER.length)
        return;
    const state = getState();
    const id = annotation.annotationUID;
    const existing = state.measurements.byId[id];
    if (existing) {
        const before = annotation.data.pointsBeforeEdit;
        if (!before)
            return;
        // Editing a proposal confirms it (undo makes it a proposal again).
        const confirms = existing.proposed === true ? { proposedBefore: true, proposedAfter: false } : {};
        setState({
            measurements: execute(state.measurements, { type: 'move', id, before: toSixPoints(before), after: toSixPoints(annotation.data.handles.points), ...confirms }),
        });
        return;
    }
    const plan = state.plan;
    const found = findSeries(annotation.data.seriesKey || state.activeSeriesKey);
    if (!plan || !found)
        return;
    const spec = plan.viewports.find((v) => v.seriesKey === found.series.key);
    const placed = measurementFromAnnotation(annotation, {
        studyKey: found.study.key,
        seriesKey: found.series.key,
        calibrated: spec?.calibrated ?? plan.calibrated,
    });
    if (!placed)
        return;
    const measurement = withDisplayedPlane(placed, found.series);
    const measurements = execute(state.measurements, { type: 'add', measurement });
    const levels = Object.values(measurements.byId).filter((m) => m.seriesKey === measurement.seriesKey).map((m) => m.level);
    setState({
        measurements,
        selectedMeasurementId: id,
        nextLevel: levelAfterCompletion({
            completedLevel: measurement.level,
            selectedLevel: state.nextLevel,
            proposal: proposeNextLevel(levels, measurement.level, state.levelDirection),
        }),
        placementCount: 0,
    });
}
function onModified(event) {
    const annotation = event.detail.annotation;
    if (!isVertebra(annotation) || annotation.data.handles.points.length !== PLACEMENT_ORDER.length)
        return;
    const state = getState();
    if (!state.measurements.byId[annotation.annotationUID])
        return;
    setState({ measurements: previewPoints(state.measurements, annotation.annotationUID, toSixPoints(annotation.data.handles.points)) });
}
function onSelection(event) {
    const selection = event.detail.selection ?? [];
    const id = selection.find((uid) => getState().measurements.byId[uid]);
    setState({ selectedMeasurementId: id ?? null });
}
/** Style of a vertebra for the tool, from the series' one assessment. */
export function describeVertebra(annotationUID) {
    const state = getState();
    const measurement = state.measurements.byId[annotationUID];
    if (!measurement)
        return undefined;
    const row = seriesMorphometry(state.measurements, measurement.seriesKey).rows.find((r) => r.measurement.id === annotationUID);
    return row ? vertebraStyle(row) : undefined;
}
/**
 * Makes cornerstone's annotations of this tool equal to the store's measurements of the displayed series:
 * after undo/redo, relabel, delete, import, or when a series is shown again.
 */
export function syncAnnotations(seriesKeys, viewportIds, renderingEngineId) {
    const wanted = new Map(Object.values(getState().measurements.byId).filter((m) => seriesKeys.has(m.seriesKey)).map((m) => [m.id, m]));
    const manager = annotationApi.state.getAnnotationManager();
    const existing = manager.getAllAnnotations().filter(isVertebra);
    let changed = false;
    for (const annotation of existing) {
        const measurement = wanted.get(annotation.annotationUID);
        if (annotation.data.handles.points.length < PLACEMENT_ORDER.length)
            continue; // a vertebra being placed belongs to the tool
        if (!measurement) {
            annotationApi.state.removeAnnotation(annotation.annotationUID);
            changed = true;
            continue;
        }
        wanted.delete(annotation.annotationUID);
        if (!annotationShows(annotation, measurement)) {
            annotation.data.handles.points = fromSixPoints(measurement.points);
            annotation.data.level = measurement.level;
            annotation.invalidated = true;
            changed = true;
        }
    }
    for (const measurement of wanted.values()) {
        const annotation = annotationFromMeasurement(measurement, TOOL_NAME);
        annotationApi.state.addAnnotation(annotation, measurement.frameOfReferenceUID);
        changed = true;
    }
    if (changed || viewportIds.length > 0) {
        const engine = getRenderingEngine(renderingEngineId);
        if (engine)
            toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds.filter((id) => engine.getViewport(id)));
    }
}
/** Listens once to cornerstone's annotation events for the vertebral height tool. */
export function installMeasurementBridge() {
    if (installed)
        return;
    installed = true;
    eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_COMPLETED, onCompleted);
    eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_MODIFIED, onModified);
    eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_SELECTION_CHANGE, onSelection);
}
/** Keeps annotations in step with the store while a plan is shown; returns the unsubscribe function. */
export function followStore(seriesKeys, viewportIds, renderingEngineId) {
    let last = getState().measurements.byId;
    syncAnnotations(seriesKeys, viewportIds, renderingEngineId);
    return subscribe(() => {
        const current = getState().measurements.byId;
        if (current === last)
            return;
        last = current;
        syncAnnotations(seriesKeys, viewportIds, renderingEngineId);
    });
}
