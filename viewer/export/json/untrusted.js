/** Small readers for values parsed from an untrusted JSON file. */
/** The longest UID import accepts, characters. DICOM allows 64; real files break that rule and must still read back. */
export const MAX_UID_CHARS = 256;
/** The longest vertebra id import accepts, characters. */
export const MAX_ID_CHARS = 256;
/** True for a JSON object (not null, not an array). */
export function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** True for a string of at most `maxChars` characters. */
export function isShortText(value, maxChars) {
    return typeof value === 'string' && value.length <= maxChars;
}
/** True for a UID as import accepts it: text of at most MAX_UID_CHARS characters, possibly empty. */
export function isUid(value) {
    return isShortText(value, MAX_UID_CHARS);
}
/** An untrusted value for a message: strings as they are, cut to `maxChars`; anything else as JSON, cut likewise. */
export function quoteForMessage(value, maxChars = 40) {
    let text;
    try {
        text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    }
    catch {
        text = String(value);
    }
    return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
/** A copy of an untrusted [x, y, z] of finite numbers, or null. */
export function finiteVec3OrNull(value) {
    if (!Array.isArray(value) || value.length !== 3)
        return null;
    if (!value.every((c) => typeof c === 'number' && Number.isFinite(c)))
        return null;
    return [value[0], value[1], value[2]];
}
