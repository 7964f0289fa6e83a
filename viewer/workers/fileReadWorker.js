/**
 * The file read worker: reads the bytes of the files a person chose, off the page's main thread. In Chromium a
 * `File.arrayBuffer()` fills its buffer on the thread that asked, piece by piece as the browser process sends the file
 * (a profiled 300-file local open, load 4: 1.07 s of the page's main thread in 1,007 data-pipe callbacks, with the
 * main thread busy throughout the reading); here that work runs on the worker's thread, and the page's main thread is
 * left to parse, decode and set up the display. Files are read in the order given, `READS_IN_FLIGHT` at a time, each
 * once, and handed to the page whole (transferred, not copied). Bytes handed over and not yet taken by the page are
 * bounded (`MAX_BYTES_AHEAD`): the worker waits when the page falls behind, so a folder of 1,000 files is never held
 * whole.
 */
/** Files read at once (see loading/localFiles.ts: one at a time the reading waits on each round trip). */
const READS_IN_FLIGHT = 4;
/**
 * Bytes on their way and handed to the page and not yet taken, at most (a larger file is still read, alone): ~1.5 s of the
 * read floor's pace on the 2-core VM, so the reading goes on while the page's main thread is held by the rendering
 * engine's start.
 */
const MAX_BYTES_AHEAD = 64 * 1024 * 1024;
const scope = self;
const jobs = new Map();
/**
 * Starts reads while there is room: READS_IN_FLIGHT at a time, while the bytes on their way and handed over stay within
 * the window (a file is read alone when nothing else is).
 */
function pump(id, job) {
    while (job.inFlight < READS_IN_FLIGHT && job.next < job.files.length) {
        const file = job.files[job.next];
        const alone = job.inFlight === 0 && job.handedOver.size === 0;
        if (!alone && job.bytesAhead + file.size > MAX_BYTES_AHEAD)
            return;
        void read(id, job, job.next++, file);
    }
}
async function read(id, job, index, file) {
    // Counted from the start of the read (the size known to this thread without asking the page's).
    const expected = file.size;
    job.inFlight++;
    job.bytesAhead += expected;
    let handedOver = 0;
    try {
        const buffer = await file.arrayBuffer();
        if (jobs.get(id) !== job)
            return;
        handedOver = buffer.byteLength;
        scope.postMessage({ type: 'bytes', job: id, index, buffer }, [buffer]);
    }
    catch (error) {
        if (jobs.get(id) !== job)
            return;
        scope.postMessage({ type: 'failed', job: id, index, message: error instanceof Error ? error.message : String(error) });
    }
    finally {
        job.inFlight--;
        job.bytesAhead += handedOver - expected;
        job.handedOver.set(index, handedOver);
        if (jobs.get(id) === job)
            pump(id, job);
    }
}
scope.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'read') {
        const job = { files: message.files, next: 0, inFlight: 0, handedOver: new Map(), bytesAhead: 0 };
        jobs.set(message.job, job);
        pump(message.job, job);
    }
    else if (message.type === 'taken') {
        const job = jobs.get(message.job);
        const bytes = job?.handedOver.get(message.index);
        if (job === undefined || bytes === undefined)
            return;
        job.handedOver.delete(message.index);
        job.bytesAhead -= bytes;
        if (job.next >= job.files.length && job.inFlight === 0 && job.handedOver.size === 0)
            jobs.delete(message.job);
        else
            pump(message.job, job);
    }
    else {
        jobs.delete(message.job);
    }
};
export {};
