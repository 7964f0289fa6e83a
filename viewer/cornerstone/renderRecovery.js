import { ContextPoolRenderingEngine, TiledRenderingEngine } from '@cornerstonejs/core';
/** Fired on a viewport's element when drawing it threw; `detail.message` says why. */
export const RENDER_ERROR_EVENT = 'vertebralviewer:render-error';
/**
 * Keeps one viewport that fails to draw from stopping all drawing.
 *
 * cornerstone 5.14 draws flagged viewports in one animation frame and clears its "frame requested" flag only after all
 * of them have drawn: a throw while drawing one (e.g. VTK's "Number of components 2 must be 1, 3 or 4") leaves the flag
 * set, so no frame is ever requested again and every viewport of the engine stays blank until a reload. Here the
 * throw is caught per viewport: that viewport is marked (`data-render-error`) and told (RENDER_ERROR_EVENT), the
 * others draw, and the engine keeps rendering.
 */
export function installRenderRecovery() {
    for (const engineClass of [ContextPoolRenderingEngine, TiledRenderingEngine]) {
        const prototype = engineClass.prototype;
        if (prototype.__renderRecoveryInstalled)
            continue;
        const draw = prototype.renderViewportUsingCustomOrVtkPipeline;
        prototype.renderViewportUsingCustomOrVtkPipeline = function drawContained(viewport) {
            try {
                return draw.call(this, viewport);
            }
            catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                const element = viewport.element;
                if (element) {
                    element.dataset.renderError = message;
                    element.dispatchEvent(new CustomEvent(RENDER_ERROR_EVENT, { detail: { message } }));
                }
                return undefined;
            }
        };
        prototype.__renderRecoveryInstalled = true;
    }
}
