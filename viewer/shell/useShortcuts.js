import { useEffect, useRef } from 'react';
import { choosePrimaryTool, deleteMeasurement, redoMeasurement, undoMeasurement } from '../actions/measure';
import { focusLevel } from '../actions/compare';
import { acceptSelectedProposal, cancelSpineDetection } from '../actions/assist';
import { comparisonOf } from '../model/comparison';
import { SHORTCUTS, matchShortcut } from '../model/shortcuts';
import { cancelPlacement } from '../cornerstone/toolGroup';
import { WINDOW_PRESETS, applyWindowPreset, resetViewports, scrollViewport, toggleInvert } from '../cornerstone/viewCommands';
import { getState } from '../state/store';
import { comparedTimePoints } from '../state/compareState';
import { getActiveViewportId } from './activeViewport';
import { activeKeyboardCursor, moveKeyboardCursor, placeAtKeyboardCursor, toggleKeyboardCursor, zoomAtKeyboardCursor } from '../actions/keyboardCursor';
function isTyping(target) {
    const element = target;
    return !!element && (element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}
/** A control that Enter, Space or the arrows act on (a button, a menu item, a link): they stay its keys. */
function isControl(target) {
    const element = target;
    return isTyping(target) || (!!element?.closest && element.closest('button, a[href], summary, [role="menuitem"], [role="option"], [role="slider"]') !== null);
}
/** The keyboard cursor takes its keys while it is on and the focus is on no control (the view, or the page). */
function activeContexts(target) {
    return activeKeyboardCursor(getState()) && !isControl(target) ? ['keyboardCursor'] : [];
}
/** The level last brought into view with [ and ] in compare mode. */
let currentLevelIndex = -1;
/** Steps through the compared levels, bringing each into view in both studies. */
function stepLevel(delta) {
    const { compare, measurements } = getState();
    const pair = compare ? comparedTimePoints(compare) : null;
    if (!pair)
        return;
    const { comparison } = comparisonOf(measurements, pair.baseline, pair.followUp);
    const levels = comparison?.levels.map((l) => l.level) ?? [];
    if (levels.length === 0)
        return;
    currentLevelIndex = Math.max(0, Math.min(levels.length - 1, currentLevelIndex + delta));
    const level = levels[currentLevelIndex];
    if (level)
        focusLevel(level);
}
function chooseTool(tool) {
    if (!getState().plan)
        return false;
    choosePrimaryTool(tool);
    return true;
}
function preset(id) {
    const { plan } = getState();
    const chosen = WINDOW_PRESETS.find((p) => p.id === id);
    if (!plan || !chosen)
        return false;
    applyWindowPreset(plan, chosen);
    return true;
}
/** The view the slice and zoom keys act on: the one with the keyboard focus, else the one last under the mouse. */
function keyedViewportId() {
    const { plan } = getState();
    // K gives the focus to the keyboard cursor's view.
    const active = document.activeElement?.dataset?.viewportId ?? getActiveViewportId();
    return plan?.viewports.find((v) => v.viewportId === active)?.viewportId ?? plan?.viewports[0]?.viewportId ?? null;
}
function scroll(delta) {
    const viewportId = keyedViewportId();
    if (!viewportId)
        return false;
    scrollViewport(viewportId, delta);
    return true;
}
/** Each press of + or - zooms by this factor. */
const ZOOM_STEP_FACTOR = 1.25;
function handlersFor(shell) {
    return {
        help: () => (shell.toggleHelp(), true),
        togglePanel: () => (shell.togglePanel(), true),
        toolWindowLevel: () => chooseTool('windowLevel'),
        toolPan: () => chooseTool('pan'),
        toolZoom: () => chooseTool('zoom'),
        toolCrosshairs: () => getState().plan?.mode === 'mpr' && chooseTool('crosshairs'),
        toolVertebralHeight: () => chooseTool('vertebralHeight'),
        chooseLevel: () => {
            const select = document.querySelector('[data-testid="level-select"]');
            select?.focus();
            return select !== null;
        },
        cancelPlacement: () => shell.closeOverlay() || cancelSpineDetection() || cancelPlacement(),
        acceptProposal: () => acceptSelectedProposal(),
        undo: () => (undoMeasurement(), true),
        redo: () => (redoMeasurement(), true),
        deleteMeasurement: () => {
            const id = getState().selectedMeasurementId;
            if (id)
                deleteMeasurement(id);
            return id !== null;
        },
        presetBone: () => preset('bone'),
        presetSoft: () => preset('soft'),
        presetAuto: () => preset('auto'),
        invert: () => {
            const { plan } = getState();
            if (plan)
                toggleInvert(plan);
            return plan !== null;
        },
        reset: () => {
            const { plan } = getState();
            if (plan)
                resetViewports(plan);
            return plan !== null;
        },
        previousSlice: () => scroll(-1),
        nextSlice: () => scroll(1),
        previousSlices10: () => scroll(-10),
        nextSlices10: () => scroll(10),
        previousLevel: () => (stepLevel(-1), true),
        nextLevel: () => (stepLevel(1), true),
        toggleKeyboardCursor: () => toggleKeyboardCursor(getActiveViewportId()),
        moveKeyboardCursor: (press) => moveKeyboardCursor(press.key, false),
        moveKeyboardCursor10: (press) => moveKeyboardCursor(press.key, true),
        placeAtKeyboardCursor: () => placeAtKeyboardCursor(),
        zoomIn: () => zoomAtKeyboardCursor(keyedViewportId(), ZOOM_STEP_FACTOR),
        zoomOut: () => zoomAtKeyboardCursor(keyedViewportId(), 1 / ZOOM_STEP_FACTOR),
    };
}
/** Runs the keyboard map (viewer/model/shortcuts.ts): every shortcut of the table, nothing outside it. */
export function useShortcuts(shell) {
    const shellRef = useRef(shell);
    useEffect(() => {
        shellRef.current = shell;
    });
    useEffect(() => {
        const onKey = (event) => {
            const id = matchShortcut(event, SHORTCUTS, activeContexts(event.target));
            if (!id)
                return;
            // In a field, keys belong to the field; Escape still closes an overlay.
            // K also works from the level selector (no level starts with K): choose the level, then place by keyboard.
            const fromSelect = id === 'toggleKeyboardCursor' && event.target?.tagName === 'SELECT';
            if (isTyping(event.target) && id !== 'cancelPlacement' && !fromSelect)
                return;
            const handled = handlersFor(shellRef.current)[id](event);
            if (handled)
                event.preventDefault();
        };
        window.addEventListener('keydown', onKey);
        return () => window.removeEventListener('keydown', onKey);
    }, []);
}
