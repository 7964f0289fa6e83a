/**
 * Reads a byte stream (a fetch answer's body) to its end into `start` with a BYOB reader, so no buffer is made per
 * chunk: each read fills the rest of the buffer in place. When the buffer is full before the end, a buffer twice as
 * large takes over (the bytes so far copied once). The buffer passed in is transferred by the reads: use the returned
 * one. Resolves to null, the stream untouched, when it is not a byte stream (a browser whose fetch bodies offer no BYOB
 * reader); rejects with the stream's own error when it breaks (a network error, an abort).
 */
export async function readStreamInto(stream, start) {
    let reader;
    try {
        reader = stream.getReader({ mode: 'byob' });
    }
    catch {
        return null;
    }
    let buffer = start;
    let filled = 0;
    try {
        for (;;) {
            if (filled === buffer.byteLength)
                buffer = grown(buffer, filled);
            const { done, value } = await reader.read(new Uint8Array(buffer, filled));
            // A cancelled stream ends without handing the buffer back.
            if (value === undefined)
                throw new Error('the answer was cancelled before its end');
            buffer = value.buffer;
            filled += value.byteLength;
            if (done)
                return { buffer, byteLength: filled };
        }
    }
    finally {
        reader.releaseLock();
    }
}
/** A buffer twice as large (at least 64 KiB) holding the first `filled` bytes of `buffer`. */
function grown(buffer, filled) {
    const larger = new ArrayBuffer(Math.max(2 * buffer.byteLength, 65_536));
    new Uint8Array(larger).set(new Uint8Array(buffer, 0, filled));
    return larger;
}
