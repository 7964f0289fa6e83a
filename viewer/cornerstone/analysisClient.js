import { cache, metaData } from '@cornerstonejs/core';
import { seriesHeaderOf } from '../../analysis';
import { stackAnalysisImage } from './stackAnalysisImage';
import { cross, normalize } from './vec3';
let worker = null;
let workerBroken = null;
let nextRequestId = 1;
const pending = new Map();
/** The hand-over of the series' volume that the worker holds or is receiving (one at a time). */
let handOver = null;
function workerOrNull() {
    if (worker || workerBroken)
        return worker;
    try {
        worker = new Worker(new URL('../workers/analysisWorker.ts', import.meta.url), { type: 'module', name: 'image-analysis' });
    }
    catch (error) {
        workerBroken = `The image analysis could not start in this browser (${error instanceof Error ? error.message : String(error)}).`;
        return null;
    }
    worker.onmessage = (event) => {
        const settle = pending.get(event.data.requestId);
        pending.delete(event.data.requestId);
        settle?.(event.data);
    };
    worker.onerror = (event) => {
        event.preventDefault();
        workerBroken = `The image analysis stopped (${event.message || 'the worker failed to load'}).`;
        for (const [id, settle] of pending)
            settle({ requestId: id, ok: false, error: { code: 'WORKER_ERROR', message: workerBroken }, analysisMs: 0 });
        pending.clear();
        worker?.terminate();
        worker = null;
        handOver = null;
    };
    return worker;
}
function send(body, transfer = []) {
    const target = workerOrNull();
    if (!target)
        return Promise.resolve({ ok: false, code: 'WORKER_ERROR', message: workerBroken ?? 'The image analysis is not available.' });
    const requestId = nextRequestId++;
    return new Promise((resolve) => {
        pending.set(requestId, (response) => {
            resolve(response.ok
                ? { ok: true, value: response.value, analysisMs: response.analysisMs }
                : { ok: false, code: response.error.code, message: response.error.message });
        });
        target.postMessage({ ...body, requestId }, transfer);
    });
}
function vec3(values, offset = 0) {
    return [values[offset] ?? 0, values[offset + 1] ?? 0, values[offset + 2] ?? 0];
}
/** The displayed plane's directions: screen right and screen down, from the camera. */
export function planeAxesOf(viewport) {
    const camera = viewport.getCamera();
    const up = normalize(vec3(camera.viewUp ?? [0, 0, 1]));
    const normal = normalize(vec3(camera.viewPlaneNormal ?? [1, 0, 0]));
    return { rowCosine: normalize(cross(up, normal)), columnCosine: [-up[0], -up[1], -up[2]] };
}
/**
 * What the series' header says of its values, from cornerstone's metadata of one of its images: Modality and Rescale
 * Type (whether a CT's values are Hounsfield units). The analysis then never takes an MR for a CT (or the reverse) from
 * its values alone; undefined when the image's metadata has no modality.
 */
export function seriesHeaderFor(imageId) {
    if (!imageId)
        return undefined;
    const { modality } = (metaData.get('generalSeriesModule', imageId) ?? {});
    const { rescaleType } = (metaData.get('modalityLutModule', imageId) ?? {});
    return seriesHeaderOf(typeof modality === 'string' ? modality : undefined, typeof rescaleType === 'string' ? rescaleType : undefined);
}
/** The slices' own array type (Int16Array for CT: a Float32 copy would take twice the memory). */
function valueTypeOf(slice) {
    return slice instanceof Int16Array ? 'Int16Array'
        : slice instanceof Uint16Array ? 'Uint16Array'
            : slice instanceof Uint8Array ? 'Uint8Array'
                : slice instanceof Int8Array ? 'Int8Array'
                    : 'Float32Array';
}
const ARRAY_OF = { Int8Array, Uint8Array, Int16Array, Uint16Array, Float32Array };
/**
 * Bytes of voxels per message of a volume's hand-over (whole slices, at least one): a chunk is copied on the page's
 * thread in a task of its own and its array transferred, so the page never holds more than one chunk beyond
 * cornerstone's own images. 1 MB: a copy then takes about 1.5 ms of the thread's CPU, short enough to run within one
 * time slice of a loaded machine; the 4 MB chunks before took about 6 ms and, at load average 17 on 2 cores, were
 * preempted into page tasks of 50–70 ms (a Chromium trace of the hand-over, `npm run bench:assist-browser`).
 */
const HAND_OVER_CHUNK_BYTES = 1024 * 1024;
/** Longest wait for a volume's last slices before a click is answered "still loading", ms. */
const VOLUME_LOAD_WAIT_MS = 60_000;
const VOLUME_LOAD_POLL_MS = 200;
/** True once every slice is in the volume; waits (polling) up to VOLUME_LOAD_WAIT_MS for a volume still streaming. */
async function volumeLoaded(volume) {
    const isLoaded = () => volume.loadStatus?.loaded === true;
    const deadline = performance.now() + VOLUME_LOAD_WAIT_MS;
    while (!isLoaded() && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, VOLUME_LOAD_POLL_MS));
    }
    return isLoaded();
}
/**
 * Copies the loaded volume's slices from cornerstone's image cache to the worker, a chunk of whole slices per message
 * (each chunk's array transferred, not cloned), the next chunk only after the worker took the previous one. A slice
 * that failed to load, or of another size than the volume's, reads as 0 (as in cornerstone's own volume array).
 */
async function transferVolume(volumeId, calibrated, isCurrent) {
    const superseded = { ok: false, code: 'NO_VOLUME', message: 'Another series was handed to the image analysis meanwhile; click again.' };
    const volume = cache.getVolume(volumeId);
    if (!volume)
        return { ok: false, code: 'NO_VOLUME', message: 'The series is not loaded yet.' };
    if (!(await volumeLoaded(volume))) {
        return { ok: false, code: 'LOADING', message: 'The series is still loading: the image analysis starts once all its images are in; try again then.' };
    }
    const [columns, rows, slices] = volume.dimensions;
    const sliceLength = columns * rows;
    const sliceOf = (k) => {
        const imageId = volume.imageIds[k];
        return imageId === undefined ? undefined : cache.getImage(imageId)?.getPixelData();
    };
    let first;
    for (let k = 0; k < slices && first === undefined; k += 1)
        first = sliceOf(k);
    if (first === undefined)
        return { ok: false, code: 'NO_VOLUME', message: 'The volume\'s voxels cannot be read for the image analysis.' };
    // A hand-over that waited for its slices while another series was handed over must not replace that one.
    if (!isCurrent())
        return superseded;
    const valueType = valueTypeOf(first);
    const ArrayType = ARRAY_OF[valueType];
    const direction = volume.direction;
    const header = seriesHeaderFor(volume.imageIds[0]);
    const begun = await send({
        type: 'beginVolume',
        key: volumeId,
        valueType,
        geometry: {
            kind: 'volume',
            dimensions: [columns, rows, slices],
            originMm: vec3(volume.origin),
            rowCosine: vec3(direction, 0),
            columnCosine: vec3(direction, 3),
            sliceCosine: vec3(direction, 6),
            spacingMm: [volume.spacing[0], volume.spacing[1], volume.spacing[2]],
            calibrated,
            ...(header ? { header } : {}),
        },
    });
    if (!begun.ok)
        return begun;
    const bytesPerSlice = sliceLength * new ArrayType(0).BYTES_PER_ELEMENT;
    const slicesPerChunk = Math.max(1, Math.floor(HAND_OVER_CHUNK_BYTES / bytesPerSlice));
    for (let firstSlice = 0; firstSlice < slices; firstSlice += slicesPerChunk) {
        if (!isCurrent())
            return superseded;
        const count = Math.min(slicesPerChunk, slices - firstSlice);
        const values = new ArrayType(count * sliceLength);
        for (let k = 0; k < count; k += 1) {
            const slice = sliceOf(firstSlice + k);
            if (slice !== undefined && slice.length <= sliceLength)
                values.set(slice, k * sliceLength);
        }
        const sent = await send({ type: 'volumeChunk', key: volumeId, firstSlice, values }, [values.buffer]);
        if (!sent.ok)
            return sent;
    }
    const ended = await send({ type: 'endVolume', key: volumeId });
    if (!ended.ok)
        return ended;
    return { ok: true, value: { kind: 'volume', key: volumeId }, analysisMs: 0 };
}
/**
 * The series' volume in the worker: handed over once (a later call, e.g. a click while the copy is under way, waits for
 * the same hand-over: never a second copy). A failed hand-over is forgotten, so the next call tries again.
 */
function volumeSource(volumeId, calibrated) {
    if (handOver?.key === volumeId)
        return handOver.done;
    const entry = {
        key: volumeId,
        done: transferVolume(volumeId, calibrated, () => handOver === entry),
    };
    handOver = entry;
    void entry.done.then((reply) => {
        if (!reply.ok && handOver === entry)
            handOver = null;
    });
    return entry.done;
}
/**
 * Starts handing a volume viewport's series to the worker in the background (when assistance is switched on, or a
 * series is shown with it on), so that the first click does not wait for the copy: as soon as the volume exists and
 * all its slices are in. Does nothing for a stack or an uncalibrated series, or when that volume is already there or
 * on its way. A failure is left for the first click to report.
 */
export function prepareVolumeForAnalysis(spec) {
    if (spec.kind !== 'volume' || !spec.calibrated)
        return;
    const volumeId = volumeIdOf(spec);
    if (handOver?.key === volumeId)
        return;
    void (async () => {
        // The plan's viewports are set up before cornerstone has created their volume in its cache.
        const deadline = performance.now() + VOLUME_LOAD_WAIT_MS;
        while (!cache.getVolume(volumeId) && performance.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, VOLUME_LOAD_POLL_MS));
        }
        if (cache.getVolume(volumeId))
            await volumeSource(volumeId, spec.calibrated);
    })();
}
function volumeIdOf(spec) {
    return `cornerstoneStreamingImageVolume:${spec.seriesKey}`;
}
/** What the analysis reads of a stack viewport: its displayed image, with its neighbours when the stack has them. */
async function stackSource(viewport, calibrated) {
    const imageId = viewport.getCurrentImageId();
    const image = imageId ? cache.getImage(imageId) : undefined;
    if (image?.color)
        return { ok: false, code: 'INVALID_IMAGE', message: 'The image analysis reads grey-scale CT and MR images, not colour ones.' };
    const read = await stackAnalysisImage(viewport, calibrated, seriesHeaderFor(imageId));
    if (!read)
        return { ok: false, code: 'NO_VOLUME', message: 'The displayed image is not loaded yet.' };
    return { ok: true, value: { kind: 'image', image: read }, analysisMs: 0 };
}
/** The series whose stack the worker was last asked to warm up on (once per series: the code is warm after it). */
let warmedStackSeries = null;
/**
 * For a native stack (no volume to hand over), asks the worker to warm up on its displayed image, so that the reader's
 * first click is not the one that compiles the analysis: on the real VerSe CT opened as its sagittal stack that click
 * took 180–220 ms in the worker against ≈ 40 ms for the next ones (`npm run bench:assist-browser`). Once per series;
 * nothing when the series is uncalibrated or its image not loaded yet (the first click then warms up).
 */
export function warmUpStackAnalysis(viewport, spec) {
    if (spec.kind !== 'stack' || !spec.calibrated || warmedStackSeries === spec.seriesKey)
        return;
    warmedStackSeries = spec.seriesKey;
    void (async () => {
        const source = await stackSource(viewport, spec.calibrated);
        if (!source.ok) {
            warmedStackSeries = null;
            return;
        }
        await send({ type: 'warmUp', source: source.value, planeAxes: planeAxesOf(viewport) });
    })();
}
/** What the worker should analyse for a click on this viewport. */
export async function analysisViewOf(viewport, spec) {
    const source = spec.kind === 'volume'
        ? await volumeSource(volumeIdOf(spec), spec.calibrated)
        : await stackSource(viewport, spec.calibrated);
    if (!source.ok)
        return source;
    return { ok: true, value: { source: source.value, planeAxes: planeAxesOf(viewport) }, analysisMs: 0 };
}
/**
 * An analysis request's reply; when the worker answers that it does not hold the volume named (another series replaced
 * it), the hand-over is forgotten so that the next click hands it over again.
 */
async function onVolume(source, request) {
    const reply = await request;
    if (!reply.ok && reply.code === 'NO_VOLUME' && source.kind === 'volume' && handOver?.key === source.key)
        handOver = null;
    return reply;
}
/** Asks where a click of the six-point placement snaps to. */
export function requestSnap(view, clickMm, corner) {
    return onVolume(view.source, send({ type: 'snap', source: view.source, planeAxes: view.planeAxes, clickMm, corner }));
}
/** Asks for the six points of the body around a click. */
export function requestProposal(view, clickMm) {
    return onVolume(view.source, send({ type: 'propose', source: view.source, planeAxes: view.planeAxes, clickMm }));
}
/** Asks for every body from the one around `firstMm` to the one around `lastMm`. */
export function requestSpine(view, firstMm, lastMm) {
    return onVolume(view.source, send({ type: 'detectSpine', source: view.source, planeAxes: view.planeAxes, firstMm, lastMm }));
}
