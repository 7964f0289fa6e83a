import supportsNorm16Linear from '@kitware/vtk.js/Rendering/OpenGL/Texture/supportsNorm16Linear';
/**
 * Runs vtk.js's norm16 linear-filtering probe now and releases its WebGL context at once.
 *
 * vtk.js 36 asks this probe (`supportsNorm16Linear`, cached per page) whenever a texture with linear filtering picks
 * its format, before it looks whether norm16 textures are in use at all, so cornerstone's first render of the views
 * makes a throw-away WebGL 2 context even though cornerstone gave the textures no norm16 extension. Where the GPU has no
 * `EXT_texture_norm16` (SwiftShader) the probe returns before its `loseContext`, and the context lives until garbage
 * collection, whose disposal waits for the GPU process: 2.8 s of the page's main thread in one traced 100-slice load
 * on a busy 2-core machine (README "tenth round"). Asked here, at cornerstone's init, the answer is vtk.js's own (the
 * same probe, the same cache), the probe runs before the views keep the GPU busy, and its context is lost as soon as
 * the answer is in.
 */
export function probeNorm16LinearOnce() {
    if (typeof HTMLCanvasElement === 'undefined')
        return;
    const prototype = HTMLCanvasElement.prototype;
    const getContext = Object.getOwnPropertyDescriptor(prototype, 'getContext');
    const original = prototype.getContext;
    const made = [];
    Object.defineProperty(prototype, 'getContext', {
        configurable: true,
        writable: true,
        value(type, options) {
            const context = original.call(this, type, options);
            if (type === 'webgl2' && context instanceof WebGL2RenderingContext)
                made.push(context);
            return context;
        },
    });
    try {
        supportsNorm16Linear();
    }
    finally {
        if (getContext)
            Object.defineProperty(prototype, 'getContext', getContext);
    }
    for (const context of made) {
        if (!context.isContextLost())
            context.getExtension('WEBGL_lose_context')?.loseContext();
    }
}
