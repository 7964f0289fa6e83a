import { getState, setState } from '../state/store';
import { focusMeasurement } from '../cornerstone/focusViews';
import { cancelPlacement, setPrimaryTool } from '../cornerstone/toolGroup';
import { execute, readingOf, redo, undo } from '../model/measurements';
export function choosePrimaryTool(tool) {
    const plan = getState().plan;
    setState({ primaryTool: tool });
    setPrimaryTool(tool, plan?.mode === 'mpr');
}
export function undoMeasurement() {
    cancelPlacement();
    setState((s) => ({ measurements: undo(s.measurements) }));
}
export function redoMeasurement() {
    cancelPlacement();
    setState((s) => ({ measurements: redo(s.measurements) }));
}
export function deleteMeasurement(id) {
    const measurement = getState().measurements.byId[id];
    if (!measurement)
        return;
    setState((s) => ({
        measurements: execute(s.measurements, { type: 'delete', measurement }),
        selectedMeasurementId: s.selectedMeasurementId === id ? null : s.selectedMeasurementId,
    }));
}
export function relabelMeasurement(id, level) {
    const measurement = getState().measurements.byId[id];
    if (!measurement || measurement.level === level)
        return;
    setState((s) => ({ measurements: execute(s.measurements, { type: 'relabel', id, before: measurement.level, after: level }) }));
}
/** Selects a vertebra and brings it into view on its slice. */
export function focusMeasurementById(id) {
    const state = getState();
    const measurement = state.measurements.byId[id];
    setState({ selectedMeasurementId: id });
    if (measurement && state.plan?.viewports.some((v) => v.seriesKey === measurement.seriesKey))
        focusMeasurement(state.plan, measurement);
}
export function setNextLevel(level) {
    setState({ nextLevel: level });
}
/** Records the reader's own grade, endplate depression and note of a vertebra as one undoable step. */
export function setReaderReading(id, reading) {
    const measurement = getState().measurements.byId[id];
    if (!measurement)
        return;
    const before = readingOf(measurement);
    if (before.grade === reading.grade && before.endplateDepression === reading.endplateDepression && before.note === reading.note)
        return;
    setState((s) => ({ measurements: execute(s.measurements, { type: 'read', id, before, after: reading }) }));
}
