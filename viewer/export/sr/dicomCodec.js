/**
 * The one place that touches dcmjs: Part 10 encoding and decoding of datasets in dcmjs's "naturalized" form (keyed by
 * attribute keyword, sequences as arrays of objects). Pure: runs in node and in the browser.
 */
import dcmjs from 'dcmjs';
const { DicomMetaDictionary, DicomDict, DicomMessage } = dcmjs.data;
/** Encodes `dataset` with file meta information `meta` as a Part 10 file (transfer syntax as given in `meta`). */
export function encodePart10(meta, dataset) {
    const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
    dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
    return new Uint8Array(dict.write());
}
/** Decodes a Part 10 file into its file meta information and data set. Throws on anything dcmjs cannot read. */
export function decodePart10(bytes) {
    // dcmjs reads from an ArrayBuffer that starts at the preamble: copy out exactly the bytes given.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const file = DicomMessage.readFile(buffer);
    return {
        meta: DicomMetaDictionary.naturalizeDataset(file.meta),
        dataset: DicomMetaDictionary.naturalizeDataset(file.dict),
    };
}
