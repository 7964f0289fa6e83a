const ARRAY_OF = {
    Int8Array,
    Uint8Array,
    Int16Array,
    Uint16Array,
    Float32Array,
};
/** Starts a hand-over: allocates the volume's array (fails on a size that is not whole positive numbers). */
export function beginAssembly(key, geometry, valueType) {
    const [columns, rows, slices] = geometry.dimensions;
    if (![columns, rows, slices].every((n) => Number.isInteger(n) && n > 0)) {
        return { ok: false, message: `The volume's dimensions (${geometry.dimensions.join(' × ')}) are not positive whole numbers.` };
    }
    const ArrayType = ARRAY_OF[valueType];
    if (!ArrayType)
        return { ok: false, message: `The volume's values come as ${String(valueType)}, which the image analysis does not read.` };
    try {
        return { ok: true, value: { key, geometry, values: new ArrayType(columns * rows * slices), received: new Uint8Array(slices) } };
    }
    catch {
        return { ok: false, message: `The volume (${columns} × ${rows} × ${slices}) does not fit in the image analysis's memory.` };
    }
}
/** Copies one chunk of whole slices, starting at slice `firstSlice`, into the assembly; returns the slices received. */
export function addChunk(assembly, firstSlice, chunk) {
    const [columns, rows, slices] = assembly.geometry.dimensions;
    const sliceLength = columns * rows;
    const chunkSlices = chunk.length / sliceLength;
    if (chunk.constructor !== assembly.values.constructor) {
        return { ok: false, message: 'A part of the volume came in another value type than announced.' };
    }
    if (!Number.isInteger(firstSlice) || !Number.isInteger(chunkSlices) || firstSlice < 0 || chunkSlices < 1 || firstSlice + chunkSlices > slices) {
        return { ok: false, message: `A part of the volume (slices ${firstSlice} + ${chunkSlices}) does not fit its ${slices} slices.` };
    }
    assembly.values.set(chunk, firstSlice * sliceLength);
    assembly.received.fill(1, firstSlice, firstSlice + chunkSlices);
    let count = 0;
    for (const flag of assembly.received)
        count += flag;
    return { ok: true, value: count };
}
/** The finished volume, or why not (slices missing). */
export function finishAssembly(assembly) {
    const missing = assembly.received.indexOf(0);
    if (missing >= 0)
        return { ok: false, message: `The volume's hand-over to the image analysis stopped before slice ${missing + 1}.` };
    return { ok: true, value: { ...assembly.geometry, values: assembly.values } };
}
