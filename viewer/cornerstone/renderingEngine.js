import { RenderingEngine, getConfiguration, getRenderingEngine, setConfiguration } from '@cornerstonejs/core';
/** The one rendering engine of the app: every viewport of every plan belongs to it. */
export const ENGINE_ID = 'vertebral-height-engine';
/**
 * WebGL contexts the engine draws with. cornerstone 5.14 creates a pool of 7 at once and puts every volume viewport
 * on the first (stack viewports take turns); each further context is one more WebGL context for the GPU process to
 * set up and keep (on SwiftShader about a second of the page's main thread each), for views this app draws on one.
 */
export const WEBGL_CONTEXT_COUNT = 1;
/**
 * Whether the engine's WebGL contexts multisample (vtk.js asks for WebGL's default otherwise). WebGL's default
 * (`antialias: true`) gives the drawing buffer several samples per pixel (4 on SwiftShader: 4 colour and 4
 * depth-stencil values, ~29 MB more of the GPU process for a 1000×800 canvas, measured with
 * tests/bench/peer/textureMemory.ts --slices 0 --canvas 1000x800) and resolves them on every draw. It smooths only the edges of drawn
 * triangles: the views here draw the image as a plane through the volume's texture (its values come from texture
 * sampling, which multisampling does not touch) and the annotations as SVG above the canvas, so without it only the
 * outline of the image against the black background stays unblended.
 */
export const WEBGL_ANTIALIAS = false;
/**
 * Runs `create` with every WebGL context asked for meanwhile made with `antialias: WEBGL_ANTIALIAS`. cornerstone 5.14
 * creates its pool's offscreen canvases and their contexts inside the engine's constructor (vtk.js's render window
 * interactor renders once as it is initialised), with vtk.js's fixed attributes; a canvas answers every later request
 * with the context it made first, so the attribute can only be given then.
 */
function withoutMultisampling(create) {
    if (typeof HTMLCanvasElement === 'undefined')
        return create();
    const prototype = HTMLCanvasElement.prototype;
    const getContext = Object.getOwnPropertyDescriptor(prototype, 'getContext');
    const original = prototype.getContext;
    Object.defineProperty(prototype, 'getContext', {
        configurable: true,
        writable: true,
        value(type, options) {
            const webgl = type === 'webgl2' || type === 'webgl';
            return original.call(this, type, webgl ? { ...options, antialias: WEBGL_ANTIALIAS } : options);
        },
    });
    try {
        return create();
    }
    finally {
        if (getContext)
            Object.defineProperty(prototype, 'getContext', getContext);
    }
}
/** The app's rendering engine, created on first use (with WEBGL_CONTEXT_COUNT contexts, without multisampling). */
export function engine() {
    const existing = getRenderingEngine(ENGINE_ID);
    if (existing)
        return existing;
    const configuration = getConfiguration();
    if (configuration.rendering?.webGlContextCount !== WEBGL_CONTEXT_COUNT) {
        setConfiguration({ ...configuration, rendering: { ...configuration.rendering, webGlContextCount: WEBGL_CONTEXT_COUNT } });
    }
    return withoutMultisampling(() => new RenderingEngine(ENGINE_ID));
}
/**
 * Creates the engine now, ahead of the first display, for work that does not depend on what will be shown: its WebGL
 * context holds the page's main thread 0.4–1.8 s on a software GPU (waiting for the GPU process). Local files call it
 * while their bytes are read in a worker (actions/openStudy.ts), so that it is not paid after the last file. An engine
 * that cannot be created now is created, and its failure reported, by the display.
 */
export function warmUpEngine() {
    try {
        engine();
    }
    catch {
        // showPlan asks again and says why.
    }
}
/** The viewports of a plan that the engine currently holds, in plan order. */
export function viewportsOf(plan) {
    const renderingEngine = engine();
    return plan.viewports.map((v) => renderingEngine.getViewport(v.viewportId)).filter((v) => Boolean(v));
}
