import { frameOfAnswer } from './frameAnswer';
import { FrameRequestError, frameUnreachableError } from './frameRequestError';
import { markStartup } from './startupMark';
const entries = new Map();
/**
 * Frames handed to the worker whose answer has not reached the page: when the last arrives, the page marks
 * `frames-arrived` (with `volume-loaded` after it, the bench's timeline shows whether the page or the frames' arrival
 * holds the complete volume back).
 */
let framesOnTheirWay = 0;
let worker = null;
/** Set when the worker could not start or failed: the frames not yet in are then fetched on the page. */
let workerBroken = false;
function send(message, transfer = []) {
    worker?.postMessage(message, transfer);
}
/** An entry's answer (a frame or a failure) is in; the last of those on their way marks `frames-arrived`. */
function arrived(entry) {
    if (entry.arrived)
        return;
    entry.arrived = true;
    if (--framesOnTheirWay === 0)
        markStartup('frames-arrived');
}
/** What the worker said of one frame: the entry settles, and the worker hears when the page has it. */
function received(message) {
    const entry = entries.get(message.url);
    if (message.type === 'failed') {
        if (entry === undefined)
            return;
        // Kept until taken: the loader then reports this failure rather than asking the server a second time.
        arrived(entry);
        entry.reject(message.requestError ? new FrameRequestError(message.message) : new Error(message.message));
        if (entry.taken)
            entries.delete(message.url);
        return;
    }
    const { buffer, byteOffset, byteLength, transferSyntaxUID, pooled } = message;
    const pixelData = new Uint8Array(buffer, byteOffset, byteLength);
    let released = false;
    const release = () => {
        if (released)
            return;
        released = true;
        // Back to the worker's pool (a detached buffer is not sent).
        if (buffer.byteLength > 0)
            send({ type: 'give', buffer }, [buffer]);
    };
    if (entry === undefined) {
        // Taken and settled otherwise (the worker failed meanwhile): the answer is not needed.
        send({ type: 'taken', url: message.url });
        return;
    }
    arrived(entry);
    entry.resolve(pooled ? { pixelData, transferSyntaxUID, release } : { pixelData, transferSyntaxUID });
    if (entry.taken) {
        entries.delete(message.url);
        send({ type: 'taken', url: message.url });
    }
}
/**
 * The worker failed: the frames it had not handed over are fetched by the page itself, those the loader waits for at
 * once, the others when the loader asks for them (their entries are dropped).
 */
function workerFailed() {
    workerBroken = true;
    worker?.terminate();
    worker = null;
    for (const [url, entry] of entries) {
        if (entry.arrived)
            continue;
        entries.delete(url);
        if (!entry.taken)
            continue;
        fetchOnPage(url, entry.headers).then(entry.resolve, (error) => entry.reject(error instanceof Error ? error : new Error(String(error))));
    }
}
/**
 * Starts the frame fetch worker, once. Called by the entry as a DICOMweb study opens: a worker started later, while
 * the page's main thread is held (the rendering engine's start), runs only after it, and the read-ahead with it.
 */
export function startFrameFetchWorker() {
    startedWorker();
}
function startedWorker() {
    if (worker !== null || workerBroken)
        return worker;
    try {
        worker = new Worker(new URL('../workers/frameFetchWorker.ts', import.meta.url), { type: 'module', name: 'frame-fetch' });
    }
    catch {
        workerBroken = true;
        return null;
    }
    worker.onmessage = (event) => received(event.data);
    worker.onerror = () => workerFailed();
    return worker;
}
/** One frame fetched on the page's own thread (the worker failed while the loader waited for it). */
async function fetchOnPage(url, headers) {
    const response = await fetch(url, { cache: 'no-store', headers }).catch(() => {
        throw frameUnreachableError(url);
    });
    return frameOfAnswer(response);
}
/**
 * Hands `urls` (WADO-RS frame URLs, in the order the page will ask for them) to the frame fetch worker, which fetches
 * them with `headers` ahead of the page's asking. URLs given before are left as they are. Does nothing where workers
 * cannot start.
 */
export function readAheadFrames(urls, headers) {
    if (startedWorker() === null)
        return;
    const fresh = urls.filter((url) => !entries.has(url));
    if (fresh.length === 0)
        return;
    for (const url of fresh) {
        let resolve;
        let reject;
        const promise = new Promise((res, rej) => {
            resolve = res;
            reject = rej;
        });
        // A frame read ahead and never asked for (the series closed meanwhile) must not report an unhandled rejection.
        promise.catch(() => undefined);
        entries.set(url, { promise, resolve, reject, headers, arrived: false, taken: false });
    }
    framesOnTheirWay += fresh.length;
    send({ type: 'ahead', urls: fresh, headers });
}
/**
 * The read-ahead answer for `url`, once (the worker is told the page waits for it, so it goes before the frames only
 * read ahead); null when the frame was not read ahead or was taken before: the caller then asks the server itself.
 */
export function takeReadAheadFrame(url) {
    const entry = entries.get(url);
    if (entry === undefined || entry.taken)
        return null;
    entry.taken = true;
    if (entry.arrived) {
        entries.delete(url);
        send({ type: 'taken', url });
    }
    else
        send({ type: 'ask', url });
    return entry.promise;
}
