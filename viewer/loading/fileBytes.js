/**
 * Files read at once on the page. Each `File.arrayBuffer()` is a round trip to the browser process: one at a time, the
 * page waited on it for most of the read (300 files of 0.5 MB: 2.4 s where a page reading 4 at a time needs 1.3 s;
 * loading journal, sixth round). A few buffers are held meanwhile, never the whole folder.
 */
export const READS_IN_FLIGHT = 4;
/**
 * Reads the files on the page's own thread, READS_IN_FLIGHT at a time from `from` on, in order: the next read starts
 * as one that was taken settles. For where no worker can run, and for what is left when the worker fails.
 */
export function readOnPage(files, from = 0) {
    const reads = new Map();
    let next = from;
    let cancelled = false;
    const startNext = () => {
        const file = files[next];
        if (file === undefined || cancelled)
            return;
        const read = file.arrayBuffer();
        void read.catch(() => undefined); // handled where it is taken
        reads.set(next++, read);
    };
    for (let i = 0; i < READS_IN_FLIGHT; i++)
        startNext();
    return {
        take(index) {
            let read = reads.get(index);
            reads.delete(index);
            if (read === undefined) {
                // Taken out of order, before its read began: read now, and never again.
                if (index === next)
                    next++;
                read = files[index].arrayBuffer();
            }
            return read.finally(startNext);
        },
        cancel() {
            cancelled = true;
            reads.clear();
        },
    };
}
let worker = null;
/** Set when the worker could not start or failed: files are then read on the page. */
let workerBroken = false;
let nextJob = 0;
const jobs = new Map();
function send(message) {
    worker?.postMessage(message);
}
function received(message) {
    const pending = jobs.get(message.job)?.pending[message.index];
    if (pending === undefined || pending.settled)
        return;
    pending.settled = true;
    if (message.type === 'bytes')
        pending.resolve(message.buffer);
    else
        pending.reject(new Error(message.message));
}
/** The worker failed: each job's files not yet handed over are read on the page, from the first of them on. */
function workerFailed() {
    workerBroken = true;
    worker?.terminate();
    worker = null;
    for (const job of jobs.values()) {
        const first = job.pending.findIndex((p) => p !== undefined && !p.settled);
        if (first < 0)
            continue;
        job.fallback = readOnPage(job.files, first);
        for (const pending of job.pending.slice(first)) {
            if (pending === undefined || pending.settled)
                continue;
            pending.settled = true;
            pending.resolve(null);
        }
    }
}
function startedWorker() {
    if (worker !== null || workerBroken)
        return worker;
    try {
        worker = new Worker(new URL('../workers/fileReadWorker.ts', import.meta.url), { type: 'module', name: 'file-read' });
    }
    catch {
        workerBroken = true;
        return null;
    }
    worker.onmessage = (event) => received(event.data);
    worker.onerror = () => workerFailed();
    return worker;
}
/**
 * Starts the file read worker, once, ahead of the files: a page that waits for a person to choose them starts it at
 * boot, so that its start (a module to load, a thread and an isolate) is not paid once they are chosen.
 */
export function startFileReadWorker() {
    if (typeof Worker !== 'undefined')
        startedWorker();
}
/**
 * Starts reading the chosen files' bytes now, in a worker (workers/fileReadWorker.ts) where one can run, else on the
 * page. The worker reads ahead of the page's taking within a bounded window; each file is read once.
 */
export function readFileBytes(files) {
    if (typeof Worker === 'undefined' || startedWorker() === null)
        return readOnPage(files);
    const id = nextJob++;
    const job = { files, pending: [], fallback: null };
    for (let i = 0; i < files.length; i++) {
        let resolve;
        let reject;
        const promise = new Promise((res, rej) => {
            resolve = res;
            reject = rej;
        });
        promise.catch(() => undefined); // handled where it is taken
        job.pending.push({ promise, resolve, reject, settled: false });
    }
    jobs.set(id, job);
    send({ type: 'read', job: id, files });
    let taken = 0;
    return {
        async take(index) {
            const pending = job.pending[index];
            if (pending === undefined)
                throw new Error(`file ${index} was not chosen, or was taken already`);
            try {
                const buffer = await pending.promise;
                return buffer ?? (await job.fallback.take(index));
            }
            finally {
                // Once taken the page's reference to the bytes is the only one: they are let go of as soon as it is done.
                job.pending[index] = undefined;
                send({ type: 'taken', job: id, index });
                if (++taken === files.length)
                    jobs.delete(id);
            }
        },
        cancel() {
            jobs.delete(id);
            job.fallback?.cancel();
            send({ type: 'cancel', job: id });
        },
    };
}
