/** A pool of reusable answer buffers (see AnswerBufferPool). */
export function createAnswerBufferPool(options) {
    const kept = [];
    return {
        take(minBytes) {
            const index = kept.findIndex((buffer) => buffer.byteLength >= minBytes);
            if (index >= 0)
                return kept.splice(index, 1)[0];
            return new ArrayBuffer(Math.max(minBytes, options.defaultBytes));
        },
        give(buffer) {
            if (buffer.byteLength === 0 || kept.length >= options.maxKept || kept.includes(buffer))
                return;
            kept.push(buffer);
        },
        get keptCount() {
            return kept.length;
        },
    };
}
