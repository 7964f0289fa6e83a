import { choosePrimaryTool } from './measure';
import { placePointAtCanvas, viewOnScreen, zoomViewAbout } from '../cornerstone/keyboardPlacement';
import { clampToCanvas, cursorAtCentre, cursorStepPx, moveCursor } from '../model/keyboardCursor';
import { getState, setState } from '../state/store';
/** The view the cursor goes to: the one last under the mouse, else the (first) sagittal view, else the first view. */
function viewForCursor(plan, activeViewportId) {
    const shown = plan.viewports;
    return (shown.find((v) => v.viewportId === activeViewportId)?.viewportId ??
        shown.find((v) => v.orientation === 'sagittal')?.viewportId ??
        shown[0]?.viewportId ??
        null);
}
/** The cursor when it acts: switched on, the height tool chosen and its view still shown. */
export function activeKeyboardCursor(state) {
    const { keyboardCursor, primaryTool, plan } = state;
    if (!keyboardCursor || primaryTool !== 'vertebralHeight' || !plan)
        return null;
    return plan.viewports.some((v) => v.viewportId === keyboardCursor.viewportId) ? keyboardCursor : null;
}
/**
 * K: switches the keyboard cursor on (choosing the height tool, at the centre of the view, with the keyboard focus on
 * that view); when it is on, gives its view the focus back if a control has it (e.g. the level selector), else
 * switches it off. False when no series is shown.
 */
export function toggleKeyboardCursor(activeViewportId) {
    const state = getState();
    const { plan } = state;
    if (!plan)
        return false;
    const current = activeKeyboardCursor(state);
    if (current) {
        const element = viewOnScreen(current.viewportId)?.element;
        if (element && document.activeElement !== element)
            element.focus({ preventScroll: true });
        else
            setState({ keyboardCursor: null });
        return true;
    }
    const viewportId = viewForCursor(plan, activeViewportId);
    const view = viewportId ? viewOnScreen(viewportId) : null;
    if (!viewportId || !view)
        return false;
    if (state.primaryTool !== 'vertebralHeight')
        choosePrimaryTool('vertebralHeight');
    setState({ keyboardCursor: cursorAtCentre(viewportId, view.size) });
    view.element.focus({ preventScroll: true });
    return true;
}
/** An arrow key while the cursor is on: moves it one screen pixel, or ten with Shift. */
export function moveKeyboardCursor(key, long) {
    const cursor = activeKeyboardCursor(getState());
    const step = cursorStepPx(key, long);
    const view = cursor ? viewOnScreen(cursor.viewportId) : null;
    if (!cursor || !step || !view)
        return false;
    setState({ keyboardCursor: moveCursor(cursor, step, view.size) });
    return true;
}
/** Enter or Space while the cursor is on: places the next point there, as a click at that spot would. */
export function placeAtKeyboardCursor() {
    const cursor = activeKeyboardCursor(getState());
    const view = cursor ? viewOnScreen(cursor.viewportId) : null;
    if (!cursor || !view)
        return false;
    // The view may have shrunk since the last move (a resized window).
    const onCanvas = clampToCanvas(cursor, view.size);
    if (onCanvas !== cursor)
        setState({ keyboardCursor: onCanvas });
    return placePointAtCanvas(cursor.viewportId, [onCanvas.xPx, onCanvas.yPx]);
}
/**
 * + and -: zooms the keyboard cursor's view about the cursor while it is on (the point under it stays under it), else
 * the given view about its centre.
 */
export function zoomAtKeyboardCursor(viewportId, factor) {
    const cursor = activeKeyboardCursor(getState());
    if (cursor)
        return zoomViewAbout(cursor.viewportId, factor, [cursor.xPx, cursor.yPx]);
    return viewportId !== null && zoomViewAbout(viewportId, factor, null);
}
