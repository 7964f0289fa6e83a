import { MPR_ORIENTATIONS } from '../model/mprLayout';
/** Where the toolbar's heights are kept between visits: { [window width in CSS px]: toolbar height in CSS px }. */
const TOOLBAR_HEIGHTS_KEY = 'vhv.toolbarHeights';
/** Window widths remembered at most (the latest ones). */
const TOOLBAR_HEIGHTS_KEPT = 16;
function toolbarHeights() {
    try {
        const parsed = JSON.parse(window.localStorage.getItem(TOOLBAR_HEIGHTS_KEY) ?? '{}');
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return {};
    }
}
/**
 * Keeps the toolbar's laid-out height at this window width (the shell's Toolbar calls it whenever its size changes),
 * for the entry frame of the next visit: the toolbar wraps its tools onto more lines in a narrower window, and only
 * the rendered toolbar knows how many.
 */
export function rememberToolbarHeight(windowWidthPx, heightPx) {
    const heights = toolbarHeights();
    if (heights[windowWidthPx] === heightPx)
        return;
    delete heights[windowWidthPx];
    heights[windowWidthPx] = heightPx;
    const kept = Object.fromEntries(Object.entries(heights).slice(-TOOLBAR_HEIGHTS_KEPT));
    try {
        window.localStorage.setItem(TOOLBAR_HEIGHTS_KEY, JSON.stringify(kept));
    }
    catch {
        // Storage full or refused: the next entry frame assumes one line of tools.
    }
}
/**
 * The shell's frame as App and ViewportGrid lay out an early view (toolbar, study browser, the MPR grid, the
 * morphometry panel), in plain DOM with the shell's own classes (app.css, loaded with the entry chunk), empty: so the
 * entry chunk can draw the first image where the axial view will be before React and the shell have loaded. React's
 * first render replaces it (createRoot clears the container), and the early image moves into the real axial view
 * (cornerstone/earlyImage.ts). Its toolbar is as high as the shell's was at this window width on an earlier visit
 * (rememberToolbarHeight), else one line of tools high; when the shell's toolbar turns out higher (it wrapped, on a
 * first visit at this width) the views move down once the shell renders, and the early image is fitted to its new place.
 * Returns the axial view's element, or null when something already occupies `root` (the shell is up).
 */
export function entryFrame(root) {
    if (root.childElementCount > 0)
        return null;
    const add = (tag, className, parent) => {
        const element = document.createElement(tag);
        element.className = className;
        parent.append(element);
        return element;
    };
    const app = add('div', 'app app--entry', root);
    app.dataset.testid = 'entry-frame';
    const toolbar = add('div', 'toolbar', app);
    add('div', 'toolbar__line', toolbar);
    const toolbarHeightPx = Number(toolbarHeights()[window.innerWidth]);
    if (toolbarHeightPx > 0)
        toolbar.style.height = `${toolbarHeightPx}px`;
    const body = add('div', 'app__body', app);
    add('aside', 'app__side', body);
    const grid = add('div', 'viewport-grid viewport-grid--mpr', add('div', 'viewport-area', add('main', 'app__main', body)));
    add('aside', 'app__panel', body);
    let axial = null;
    for (const orientation of MPR_ORIENTATIONS) {
        const view = add('div', 'viewport', add('div', `viewport-cell viewport-cell--${orientation}`, grid));
        view.dataset.orientation = orientation;
        if (orientation === 'axial') {
            view.dataset.testid = 'early-viewport';
            axial = view;
        }
    }
    return axial;
}
