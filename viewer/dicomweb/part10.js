const PREAMBLE_BYTES = 128;
/** VRs whose explicit little-endian header has 2 reserved bytes and a 4-byte length (PS3.5 7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
/** The meta group is small; more elements than this means the bytes are not a meta group. */
const MAX_META_ELEMENTS = 64;
/** True when the bytes carry 'DICM' after the 128-byte preamble, as every DICOM Part 10 file does. */
export function hasPart10Marker(bytes) {
    return bytes.length >= PREAMBLE_BYTES + 4 &&
        bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}
/**
 * Reads the File Meta Information (always explicit VR little endian) for the SOP class, SOP instance and transfer
 * syntax UIDs. Orthanc stores almost anything it is sent, so the viewer checks files itself before storing them.
 */
export function readPart10Header(bytes) {
    if (!hasPart10Marker(bytes))
        return { ok: false, reason: 'it is not a DICOM file (no DICM marker after the 128-byte preamble)' };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const found = {};
    let at = PREAMBLE_BYTES + 4;
    for (let count = 0; count < MAX_META_ELEMENTS; count++) {
        if (at + 8 > bytes.length)
            return { ok: false, reason: 'its file meta information is cut short' };
        const group = view.getUint16(at, true);
        if (group !== 0x0002)
            break;
        const element = view.getUint16(at + 2, true);
        const vr = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5));
        if (!/^[A-Z]{2}$/.test(vr))
            return { ok: false, reason: 'its file meta information is damaged' };
        const long = LONG_VRS.has(vr);
        if (long && at + 12 > bytes.length)
            return { ok: false, reason: 'its file meta information is cut short' };
        const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
        const valueStart = at + (long ? 12 : 8);
        if (valueStart + length > bytes.length)
            return { ok: false, reason: 'its file meta information is cut short' };
        if (vr === 'UI')
            found[element.toString(16).padStart(4, '0')] = readUid(bytes.subarray(valueStart, valueStart + length));
        at = valueStart + length;
    }
    const header = { sopClassUID: found['0002'] ?? '', sopInstanceUID: found['0003'] ?? '', transferSyntaxUID: found['0010'] ?? '' };
    if (header.sopInstanceUID === '')
        return { ok: false, reason: 'its file meta information has no SOP Instance UID' };
    if (header.transferSyntaxUID === '')
        return { ok: false, reason: 'its file meta information has no transfer syntax' };
    return { ok: true, value: header };
}
function readUid(bytes) {
    let text = '';
    for (const byte of bytes)
        if (byte !== 0 && byte !== 0x20)
            text += String.fromCharCode(byte);
    return text;
}
