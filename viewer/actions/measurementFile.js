import { measurementsFileSizeProblem } from '../export/json/importLimits';
/** PS3.10 7.1: a Part 10 file has a 128-byte preamble, then "DICM". */
const PART10_PREAMBLE_BYTES = 128;
const PART10_MAGIC = 'DICM';
/**
 * Reads a measurement file: its first bytes tell a DICOM SR from JSON, and a JSON file larger than the import limit is
 * refused by its size alone, without reading it.
 */
export async function readMeasurementFile(file) {
    const headEnd = PART10_PREAMBLE_BYTES + PART10_MAGIC.length;
    const head = new Uint8Array(await file.slice(0, headEnd).arrayBuffer());
    const isPart10 = file.size > headEnd && String.fromCharCode(...head.subarray(PART10_PREAMBLE_BYTES, headEnd)) === PART10_MAGIC;
    if (isPart10)
        return { kind: 'sr', bytes: new Uint8Array(await file.arrayBuffer()) };
    const tooLarge = measurementsFileSizeProblem(file.size);
    if (tooLarge !== null)
        return { kind: 'refused', message: tooLarge };
    return { kind: 'json', text: new TextDecoder('utf-8').decode(await file.arrayBuffer()) };
}
