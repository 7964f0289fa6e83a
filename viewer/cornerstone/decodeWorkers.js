/** The most decode workers the viewer starts: beyond four, a 512² series decodes faster than six requests bring it. */
export const MAX_DECODE_WORKERS = 4;
/**
 * How many decode workers dicom-image-loader starts for a machine with `logicalCores` (navigator.hardwareConcurrency;
 * 0 or absent when the browser does not say). With three cores or more, one core is left to the page's main thread
 * and the GPU process; with two, both cores decode: a compressed series' load is bound by its decoding (JPEG 2000
 * lossless, 1,000 512² frames: ~27 s of one worker's CPU, measured) while the main thread is idle three quarters of
 * the load (bench:peer, README "Loading path (issue 16, sixth round)"), and one worker would leave a core unused.
 */
export function decodeWorkerCount(logicalCores) {
    const cores = logicalCores !== undefined && Number.isInteger(logicalCores) && logicalCores > 0 ? logicalCores : 2;
    if (cores <= 2)
        return cores;
    return Math.min(MAX_DECODE_WORKERS, cores - 1);
}
