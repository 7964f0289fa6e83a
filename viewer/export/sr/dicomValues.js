/** Formatting and checking of DICOM attribute values (PS3.5 Section 6.2 value representations) for the SR writer. */
/** Longest DICOM UID, characters (PS3.5 Section 9.1). */
const MAX_UID_LENGTH = 64;
/** Longest Decimal String, characters (PS3.5 Table 6.2-1, DS). */
const MAX_DS_LENGTH = 16;
const UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;
/** True when `value` is a syntactically valid DICOM UID: dot-separated numbers without leading zeros, ≤ 64 characters. */
export function isValidUid(value) {
    return typeof value === 'string' && value.length <= MAX_UID_LENGTH && UID_PATTERN.test(value);
}
/**
 * A new random UID under the 2.25 root (ISO/IEC 9834-8): a version-4 UUID written as one decimal integer.
 * Uses Web Crypto, which node 20 and every current browser provide as globalThis.crypto.
 */
export function randomUid() {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}
/**
 * A Decimal String (DS) for `value`: the most decimals (up to 10) that fit in 16 characters, trailing zeros dropped,
 * so 0.1 + 0.2 is written "0.3". The exact value goes beside it as Floating Point Value (FD).
 */
export function formatDs(value) {
    if (!Number.isFinite(value))
        throw new RangeError(`formatDs: ${value} is not a finite number`);
    for (let decimals = 10; decimals >= 0; decimals -= 1) {
        const text = String(Number(value.toFixed(decimals)));
        if (text.length <= MAX_DS_LENGTH && !text.includes('e'))
            return text === '-0' ? '0' : text;
    }
    const text = value.toExponential(8);
    if (text.length <= MAX_DS_LENGTH)
        return text;
    throw new RangeError(`formatDs: ${value} does not fit in ${MAX_DS_LENGTH} characters`);
}
function pad(value, width) {
    return String(value).padStart(width, '0');
}
/** The UTC date of `at` as a DICOM DA value, YYYYMMDD. */
export function formatDaUtc(at) {
    return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1, 2)}${pad(at.getUTCDate(), 2)}`;
}
/** The UTC time of `at` as a DICOM TM value, HHMMSS. */
export function formatTmUtc(at) {
    return `${pad(at.getUTCHours(), 2)}${pad(at.getUTCMinutes(), 2)}${pad(at.getUTCSeconds(), 2)}`;
}
/** A copied date as DA (YYYYMMDD): '19480312' and '1948-03-12' both give '19480312'; anything else gives ''. */
export function asDa(value) {
    const digits = value.replace(/[-./\s]/g, '');
    return /^[0-9]{8}$/.test(digits) ? digits : '';
}
/** A copied time as TM (HH, HHMM, HHMMSS or HHMMSS.FFFFFF; colons dropped); anything else gives ''. */
export function asTm(value) {
    const compact = value.trim().replace(/:/g, '');
    return /^[0-9]{2}([0-9]{2}([0-9]{2}(\.[0-9]{1,6})?)?)?$/.test(compact) ? compact : '';
}
/** A copied Patient's Sex as one of its enumerated values M, F, O (PS3.3 C.7.1.1); anything else gives ''. */
export function asPatientSex(value) {
    const upper = value.trim().toUpperCase();
    return upper === 'M' || upper === 'F' || upper === 'O' ? upper : '';
}
