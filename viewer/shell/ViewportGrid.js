import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { showPlan, startVolumeLoads } from '../cornerstone/showPlan';
import { removeEarlyViewImage, showEarlyImage, showEarlyViewImage } from '../cornerstone/earlyImage';
import { mprViewports } from '../model/displayPlan';
import { getState, setState } from '../state/store';
import { findSeries } from '../state/instances';
import { setViewportSnapshot } from '../state/viewports';
import { useAppState } from '../state/useAppState';
import { ViewportOverlay } from './ViewportOverlay';
import { setActiveViewportId } from './activeViewport';
import { LoadingBar } from './LoadingBar';
import { KeyboardCursor } from './KeyboardCursor';
/**
 * Showing and tearing down plans one after the other: a slow series being replaced must finish setting up and be torn
 * down before the next one starts (they share the rendering engine and the tool group).
 */
let displayQueue = Promise.resolve();
/**
 * Longest a series may take to set up (volume created, viewports given their images) before it is left aside with a
 * message: one stuck series must never hold the display queue, or no later series would ever show.
 */
export const SERIES_SETUP_TIMEOUT_MS = 20_000;
/** Resolves with the promise's value, or with 'timeout' after `timeoutMs`. */
function settleWithin(promise, timeoutMs) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
/**
 * Longest the display waits for the browser to paint before it sets up the rendering engine, ms: a hidden tab gets no
 * animation frames, and must not hold the display for them.
 */
const PAINT_WAIT_MS = 100;
/** Resolves once the browser has had the chance to paint (the task after the next animation frame), or after PAINT_WAIT_MS. */
function nextPaint() {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, PAINT_WAIT_MS);
        requestAnimationFrame(() => setTimeout(() => {
            clearTimeout(timer);
            resolve();
        }, 0));
    });
}
/** The file an image id comes from, for a message; the id itself when no open file has it. */
function fileNameOf(imageId) {
    return getState().instances.find((i) => i.imageIds.includes(imageId))?.meta.fileName ?? imageId;
}
/** The views an early view is shown in: those of the MPR plan its series will have (same ids, so the same elements). */
function earlyLayout(view) {
    return { mode: 'mpr', viewports: mprViewports(view.seriesKey, [view.imageId], true), notes: [] };
}
export function ViewportGrid() {
    const plan = useAppState((s) => s.plan);
    const earlyView = useAppState((s) => s.earlyView);
    const elements = useRef(new Map());
    const [decoding, setDecoding] = useState(null);
    // The first slice of a study opened by its address, drawn before its series is loaded; a plan adopts or removes it.
    // A layout effect: an image the entry chunk drew in the shell's frame moves into the view before the browser paints.
    useLayoutEffect(() => {
        if (plan !== null)
            return;
        if (earlyView === null)
            removeEarlyViewImage();
        else
            showEarlyViewImage(earlyView, elements.current, setViewportSnapshot);
    }, [plan, earlyView]);
    useEffect(() => {
        if (!plan)
            return;
        let disposed = false;
        let teardown = null;
        let early = null;
        const seriesName = findSeries(plan.seriesKey)?.series.description ?? 'series';
        displayQueue = displayQueue.then(async () => {
            try {
                await initCornerstone();
                if (disposed)
                    return;
                // The first slice drawn on a plain canvas while cornerstone's rendering engine starts (see earlyImage.ts).
                early = showEarlyImage(plan, elements.current, setViewportSnapshot);
                await early.settled;
                if (disposed)
                    return;
                // The frames are asked for while the engine is set up (its WebGL context holds the main thread for a while).
                await startVolumeLoads(plan);
                // Let the browser put the early image on screen before the engine's set-up holds the main thread.
                await nextPaint();
                if (disposed)
                    return;
                const setup = showPlan(plan, elements.current, getState().primaryTool, {
                    onSnapshot: setViewportSnapshot,
                    onLoadProgress: (decoded, total) => setDecoding(decoded >= total ? null : { label: `Decoding ${seriesName} (slices)`, done: decoded, total }),
                    onImageError: (imageId, message) => {
                        const instance = getState().instances.find((i) => i.imageIds.includes(imageId));
                        const fileName = instance?.meta.fileName ?? imageId;
                        setState((s) => (s.problems.some((p) => p.fileName === fileName && p.message === message)
                            ? {}
                            : { problems: [...s.problems, { fileName, message, severity: 'error' }] }));
                    },
                });
                const outcome = await settleWithin(setup, SERIES_SETUP_TIMEOUT_MS);
                if (outcome === 'timeout') {
                    // Left aside: released whenever it does finish, while the queue goes on to the next series.
                    setup.then((late) => late(), () => undefined);
                    for (const spec of plan.viewports) {
                        const element = elements.current.get(spec.viewportId);
                        if (element)
                            element.dataset.setupError = 'timeout';
                    }
                    const message = `the series did not finish setting up within ${SERIES_SETUP_TIMEOUT_MS / 1000} s and is left aside (damaged or undecodable images?)`;
                    early?.remove();
                    setState((s) => ({
                        status: `${seriesName}: ${message}`,
                        problems: [...s.problems, { fileName: plan.imageIds[0] ? fileNameOf(plan.imageIds[0]) : seriesName, message, severity: 'error' }],
                    }));
                    return;
                }
                teardown = outcome;
                if (disposed) {
                    teardown();
                    teardown = null;
                }
            }
            catch (error) {
                early?.remove();
                setState({ status: `The series could not be displayed: ${error instanceof Error ? error.message : String(error)}` });
            }
        });
        return () => {
            disposed = true;
            displayQueue = displayQueue.then(() => {
                early?.remove();
                teardown?.();
                teardown = null;
            });
        };
    }, [plan]);
    const layout = plan ?? (earlyView === null ? null : earlyLayout(earlyView));
    if (!layout) {
        return _jsx("div", { className: "viewport-grid viewport-grid--empty", children: "Choose an image series on the left." });
    }
    return (_jsxs("div", { className: "viewport-area", children: [layout.notes.length > 0 && (_jsx("ul", { className: "display-notes", "data-testid": "display-notes", children: layout.notes.map((note) => _jsx("li", { children: note }, note)) })), decoding && _jsx(LoadingBar, { testId: "decode-progress", label: decoding.label, done: decoding.done, total: decoding.total }), _jsx("div", { className: `viewport-grid viewport-grid--${layout.mode}`, children: layout.viewports.map((spec) => (_jsxs("div", { className: `viewport-cell viewport-cell--${spec.orientation}`, onMouseEnter: () => setActiveViewportId(spec.viewportId), children: [_jsx("div", { ref: (el) => {
                                if (el)
                                    elements.current.set(spec.viewportId, el);
                                else
                                    elements.current.delete(spec.viewportId);
                            }, className: "viewport", "data-testid": "viewport", "data-viewport-id": spec.viewportId, "data-orientation": spec.orientation, "data-series-uid": spec.seriesKey, onContextMenu: (e) => e.preventDefault(), 
                            // cornerstone's key listener on the element cancels every key, Tab included: a keyboard trap once a
                            // click has focused the view. Tab never reaches it, so the focus moves on.
                            onKeyDownCapture: (e) => {
                                if (e.key === 'Tab')
                                    e.stopPropagation();
                            } }), _jsx(ViewportOverlay, { spec: spec, earlyMeta: plan === null ? earlyView?.meta : undefined }), _jsx(KeyboardCursor, { viewportId: spec.viewportId })] }, spec.viewportId))) })] }));
}
