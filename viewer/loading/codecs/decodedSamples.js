/**
 * Creates an Emscripten codec (its logs quiet) from the WebAssembly compiled ahead (`wasm`), or, when that could not
 * be had, from its file at `wasmUrl` as the codec's own loader fetches it. Rejects when it cannot be instantiated.
 */
export async function createCodec(factory, wasmUrl, wasm) {
    const compiled = await wasm;
    const options = { locateFile: (file) => (file.endsWith('.wasm') ? wasmUrl : file), print: () => undefined };
    if (compiled === null)
        return factory(options);
    let failed = () => undefined;
    const failure = new Promise((_, reject) => {
        failed = reject;
    });
    options.instantiateWasm = (imports, receive) => {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), failed);
        return {};
    };
    return Promise.race([factory(options), failure]);
}
/**
 * A codec's decoded buffer (a view into its WebAssembly memory) copied out as the array type cornerstone 5.14 gives it
 * (dicom-image-loader `getPixelData`): 16-bit when the codestream has more than 8 bits per sample, 8-bit otherwise,
 * signed when `signed` says (the codestream's own flag, or Pixel Representation where the library passes that).
 * Throws when the frame is not one sample per pixel of the size the DICOM attributes give.
 */
export function copiedSamples(info, decoded, format, signed) {
    if (info.componentCount !== 1)
        throw new Error(`${info.componentCount} components per pixel`);
    if (info.width !== format.columns || info.height !== format.rows)
        throw new Error(`a ${info.width}×${info.height} frame for ${format.columns}×${format.rows} pixels`);
    const bytes = decoded.slice();
    if (info.bitsPerSample > 8) {
        const words = bytes.byteLength / 2;
        return signed ? new Int16Array(bytes.buffer, 0, words) : new Uint16Array(bytes.buffer, 0, words);
    }
    return signed ? new Int8Array(bytes.buffer) : bytes;
}
