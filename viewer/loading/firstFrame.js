import { markStartup } from './startupMark';
let started = null;
/**
 * Resolves at the page's first animation frame: once the compositor has its frame sink, set up on the compositor
 * thread with the GPU process. Until then a 2-D canvas on the main thread (the first one asks the GPU process for the
 * page's shared context, synchronously) queues behind that set-up, and nothing drawn could be on screen anyway. Traced
 * on the shared VM (`npm run bench:peer -- --trace`): the compositor's set-up took 0.6–3.1 s of wall time after
 * navigation, and a canvas warm-up issued meanwhile held the main thread (and the network answers behind it) for
 * 1.1–1.5 s; issued after the first frame it took 2–51 ms. A hidden page has no animation frames: it resolves at once
 * (and when the page is hidden while waiting).
 */
export function compositorStarted() {
    started ??= new Promise((resolve) => {
        const done = () => {
            markStartup('first-frame');
            resolve();
        };
        if (typeof document === 'undefined' || typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
            done();
            return;
        }
        requestAnimationFrame(done);
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'hidden')
                done();
        });
    });
    return started;
}
