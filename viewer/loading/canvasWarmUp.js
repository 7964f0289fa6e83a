/**
 * The early image's canvases (cornerstone/earlyImage.ts) are drawn once, on the CPU: `willReadFrequently` keeps a 2-D
 * canvas in memory instead of on the GPU, so the first image does not wait for Chromium to set up GPU rasterisation
 * (on a software GL such as SwiftShader that alone held the page's main thread for about a second in a profiled
 * session), and reading it back (tests, the peer benchmark's probe) costs no GPU read-back. The warm-up below uses the
 * same kind of canvas, to set up what that drawing needs.
 */
export const SOFTWARE_CANVAS = { willReadFrequently: true };
/** Set once the page has drawn on a 2-D canvas here: the set-up is once per page. */
let warmedUp = false;
/**
 * Draws one pixel on a throw-away 2-D canvas, once, so that the page's first 2-D canvas drawing happens now, while the page
 * waits for the network, and not when the first image is drawn. In a fresh Chromium the first drawing on a 2-D canvas
 * sets up the canvas machinery once: 64–670 ms of the main thread on the shared 2-core VM (load ~18, six fresh
 * browsers), after which the early image's own drawing took 3–12 ms instead of 160–530 ms.
 */
export function warmUpCanvas2d() {
    if (typeof document === 'undefined' || warmedUp)
        return;
    warmedUp = true;
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    canvas.getContext('2d', SOFTWARE_CANVAS)?.fillRect(0, 0, 1, 1);
}
