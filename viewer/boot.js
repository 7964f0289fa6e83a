import { jsx as _jsx } from "react/jsx-runtime";
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { startAutosave } from './actions/autosave';
import { initCornerstone } from './cornerstone/initCornerstone';
import { openFromUrl } from './actions/pacs';
import { closeEntryDrawing } from './cornerstone/entryImage';
import { configFromUrl } from './dicomweb';
import { startFileReadWorker } from './loading/fileBytes';
import { warmUpCanvas2d } from './loading/canvasWarmUp';
import { warmUpEngine } from './cornerstone/renderingEngine';
/** Starts the viewer: autosave, cornerstone, the study named in the address, and the page. */
export function boot() {
    startAutosave();
    // Ready before the first file: scripted QA finds window.cornerstone at once, and nothing waits on init later. A
    // study named in the address opens meanwhile (its metadata registered once the loader is ready).
    void initCornerstone();
    void openFromUrl(window.location.search);
    // A page without a study in its address waits for a person to choose files: the worker that will read them starts
    // now, and once the page is idle what the display needs whatever the files hold is set up (the first 2-D canvas, the
    // rendering engine's WebGL context); files chosen before then set it up while they are read (actions/openStudy.ts).
    if (configFromUrl(window.location.search) === null) {
        startFileReadWorker();
        whenIdle(() => void initCornerstone().then(() => {
            warmUpCanvas2d();
            warmUpEngine();
        }));
    }
    // From here the shell draws the first image; one the entry chunk drew moves into the shell's axial view.
    closeEntryDrawing();
    createRoot(document.getElementById('root')).render(_jsx(App, {}));
}
/** Runs `work` when the page's main thread is idle (after the first render), or after `timeoutMs` at the latest. */
function whenIdle(work, timeoutMs = 2_000) {
    if (typeof requestIdleCallback === 'function')
        requestIdleCallback(work, { timeout: timeoutMs });
    else
        setTimeout(work, 0);
}
