import { EMPTY_MEASUREMENTS } from '../model/measurements';
import { INITIAL_ASSIST } from './assistState';
import { INITIAL_PACS } from './pacsState';
const initialState = {
    instances: [],
    patients: [],
    problems: [],
    activeSeriesKey: null,
    plan: null,
    earlyView: null,
    fileProgress: null,
    primaryTool: 'windowLevel',
    viewports: {},
    status: null,
    measurements: EMPTY_MEASUREMENTS,
    selectedMeasurementId: null,
    nextLevel: 'L1',
    levelDirection: 'cranial',
    placementCount: 0,
    keyboardCursor: null,
    savesPending: 0,
    saveError: null,
    studySyncNotices: [],
    restoredNotices: [],
    studiesRestored: [],
    report: null,
    transferNotice: null,
    compare: null,
    pacs: INITIAL_PACS,
    assist: INITIAL_ASSIST,
    repeatReading: null,
    foreignAnnotations: [],
};
let state = initialState;
const listeners = new Set();
export function getState() {
    return state;
}
export function setState(update) {
    const patch = typeof update === 'function' ? update(state) : update;
    state = { ...state, ...patch };
    for (const listener of listeners)
        listener();
}
export function subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}
if (typeof window !== 'undefined')
    window.vertebralViewer = { getState };
