import { getState, setState } from '../state/store';
import { execute, measurementsOfSeries } from '../model/measurements';
import { unconfirmedIds } from '../model/proposal';
import { cancelPlacement } from '../cornerstone/toolGroup';
import { prepareAssistFor } from '../cornerstone/assistClicks';
import { choosePrimaryTool } from './measure';
/**
 * Chooses how the image analysis helps the height tool; any mode but 'off' also picks the height tool and starts
 * handing the series' volume to the analysis in the background (so the first click does not wait for it).
 */
export function setAssistMode(mode) {
    setState((s) => ({ assist: { ...s.assist, mode, detection: null, notice: null } }));
    const { plan } = getState();
    if (mode !== 'off' && plan) {
        choosePrimaryTool('vertebralHeight');
        prepareAssistFor(plan);
    }
}
/** "Detect vertebrae": the next two clicks on the sagittal view are the centres of the first and the last body. */
export function startSpineDetection() {
    const { plan } = getState();
    if (!plan)
        return;
    prepareAssistFor(plan);
    cancelPlacement();
    choosePrimaryTool('vertebralHeight');
    setState((s) => ({
        assist: {
            ...s.assist,
            detection: { step: 'first' },
            notice: { kind: 'info', message: `Click the centre of the first vertebral body (${s.nextLevel}), then the centre of the last one.` },
        },
    }));
}
/** Leaves spine detection before its second click. */
export function cancelSpineDetection() {
    if (!getState().assist.detection)
        return false;
    setState((s) => ({ assist: { ...s.assist, detection: null, notice: null } }));
    return true;
}
function accept(ids) {
    if (ids.length === 0)
        return;
    setState((s) => ({ measurements: execute(s.measurements, { type: 'review', ids, proposed: false }) }));
}
/** Accepts one proposed vertebra as a confirmed measurement (undoable). */
export function acceptProposal(id) {
    const measurement = getState().measurements.byId[id];
    if (measurement?.proposed === true)
        accept([id]);
}
/** Accepts every unreviewed proposal of the displayed series in one undoable step. */
export function acceptAllProposals() {
    const { plan, measurements } = getState();
    if (!plan)
        return;
    accept(unconfirmedIds(measurementsOfSeries(measurements, plan.seriesKey)));
}
/** The accept key: accepts the selected vertebra when it is a proposal. Returns true when it did. */
export function acceptSelectedProposal() {
    const { selectedMeasurementId, measurements } = getState();
    if (!selectedMeasurementId || measurements.byId[selectedMeasurementId]?.proposed !== true)
        return false;
    accept([selectedMeasurementId]);
    return true;
}
