import { getState, setState } from '../state/store';
import { findSeries } from '../state/instances';
import { focusMeasurement } from '../cornerstone/focusViews';
import { linkViews } from '../cornerstone/linkViews';
import { cancelPlacement } from '../cornerstone/toolGroup';
import { planCompare } from '../model/displayPlan';
import { timePointsOf } from '../model/comparison';
import { comparedTimePoints } from '../state/compareState';
import { selectSeries } from './selectSeries';
/** Shows the chosen baseline and follow-up side by side (sagittal views), keeping the other settings. */
function showCompare(compare) {
    const pair = comparedTimePoints(compare);
    if (!pair)
        return;
    const { baseline, followUp } = pair;
    const entries = [baseline, followUp].map((point) => ({ series: findSeries(point.seriesKey).series, label: point.label }));
    cancelPlacement();
    const plan = planCompare(entries);
    setState((s) => ({
        compare,
        plan,
        activeSeriesKey: baseline.seriesKey,
        viewports: {},
        placementCount: 0,
        primaryTool: s.primaryTool === 'crosshairs' ? 'windowLevel' : s.primaryTool,
    }));
}
/** Compare mode: the studies of the patient side by side, oldest as baseline, the next as follow-up. */
export function enterCompare() {
    const state = getState();
    const timePoints = timePointsOf(state.patients, state.measurements);
    const [first, second] = timePoints;
    if (!first || !second) {
        setState({ status: 'Compare needs two studies: open the baseline and the follow-up study of the patient (e.g. "Open post-kyphoplasty sample").' });
        return;
    }
    // Prefer the studies of the patient on screen; other patients stay selectable (with a warning).
    const current = timePoints.find((p) => p.seriesKey === state.activeSeriesKey) ?? first;
    const samePatient = timePoints.map((p, i) => [p, i]).filter(([p]) => p.patientId === current.patientId);
    const [oldest, next] = samePatient;
    const [baselineIndex, followUpIndex] = oldest && next ? [oldest[1], next[1]] : [0, 1];
    showCompare({ timePoints, baselineIndex, followUpIndex, linked: true });
}
export function chooseCompareStudies(baselineIndex, followUpIndex) {
    const compare = getState().compare;
    if (compare)
        showCompare({ ...compare, baselineIndex, followUpIndex });
}
export function exitCompare() {
    const compare = getState().compare;
    if (!compare)
        return;
    setState({ compare: null });
    const pair = comparedTimePoints(compare);
    if (pair)
        selectSeries(pair.baseline.seriesKey);
}
export function setCompareLinked(linked) {
    const state = getState();
    if (!state.compare || !state.plan)
        return;
    setState({ compare: { ...state.compare, linked } });
    linkViews(state.plan, linked);
}
/** Brings one level into view in every view that has it measured (both studies in compare mode). */
export function focusLevel(level) {
    const state = getState();
    const plan = state.plan;
    if (!plan)
        return;
    for (const seriesKey of new Set(plan.viewports.map((v) => v.seriesKey))) {
        const measurement = Object.values(state.measurements.byId).find((m) => m.seriesKey === seriesKey && m.level === level);
        if (measurement)
            focusMeasurement(plan, measurement);
    }
}
