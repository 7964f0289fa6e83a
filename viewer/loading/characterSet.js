/**
 * Decoding DICOM text by its Specific Character Set (0008,0005), PS3.5 section 6.1 and Annex H–K: single-byte sets,
 * UTF-8 and GB18030/GBK as one encoding for the whole value, and ISO 2022 code extensions (escape sequences switching
 * G0/G1 sets) for Japanese, Korean and simplified Chinese. Uses the browser's (and Node's) WHATWG TextDecoder only.
 */
const ASCII = { kind: 'ascii' };
const LATIN1 = { kind: 'latin1' };
/** WHATWG encoding labels of the single-byte ISO 8859 parts and TIS 620 (PS3.3 Table C.12-2). */
const SINGLE_BYTE_LABELS = {
    'IR 101': 'iso-8859-2',
    'IR 109': 'iso-8859-3',
    'IR 110': 'iso-8859-4',
    'IR 144': 'iso-8859-5',
    'IR 127': 'iso-8859-6',
    'IR 126': 'iso-8859-7',
    'IR 138': 'iso-8859-8',
    'IR 148': 'iso-8859-9',
    'IR 203': 'iso-8859-15',
    'IR 166': 'windows-874',
};
/** Encodings used for the whole value, without code extensions (PS3.3 Table C.12-4 and C.12-5). */
const WHOLE_VALUE_LABELS = {
    'ISO_IR 192': 'utf-8',
    GB18030: 'gb18030',
    GBK: 'gbk',
    'ISO_IR 13': 'shift_jis',
};
/** The G1 element a single-byte term (ISO_IR nnn or ISO 2022 IR nnn) designates. */
function singleByteElement(irNumber) {
    if (irNumber === 'IR 100')
        return LATIN1;
    const label = SINGLE_BYTE_LABELS[irNumber];
    return label ? { kind: 'single', label } : null;
}
/** Initial code state for a defined term (PS3.3 C.12.1.1.2), ASCII G0 when the term does not say otherwise. */
function initialState(term) {
    const ir = term.replace(/^ISO(_| 2022 )/, '').replace('_', ' ');
    if (ir === 'IR 13')
        return { g0: ASCII, g1: { kind: 'jisx0201-katakana' } };
    if (ir === 'IR 149')
        return { g0: ASCII, g1: { kind: 'ksx1001' } };
    if (ir === 'IR 58')
        return { g0: ASCII, g1: { kind: 'gb2312' } };
    if (ir === 'IR 87')
        return { g0: { kind: 'jisx0208' }, g1: null };
    if (ir === 'IR 159')
        return { g0: { kind: 'jisx0212' }, g1: null };
    return { g0: ASCII, g1: singleByteElement(ir) ?? (term === '' || ir === 'IR 6' ? null : LATIN1) };
}
const ESC = 0x1b;
/** Escape sequences of PS3.3 Table C.12-3 and C.12-4: bytes after ESC, and what they designate. */
const ESCAPES = [
    { bytes: [0x28, 0x42], apply: (s) => ({ ...s, g0: ASCII }) }, // ESC ( B  ISO-IR 6
    { bytes: [0x28, 0x4a], apply: (s) => ({ ...s, g0: ASCII }) }, // ESC ( J  ISO-IR 14 JIS X 0201 Romaji
    { bytes: [0x29, 0x49], apply: (s) => ({ ...s, g1: { kind: 'jisx0201-katakana' } }) }, // ESC ) I  ISO-IR 13
    { bytes: [0x24, 0x42], apply: (s) => ({ ...s, g0: { kind: 'jisx0208' } }) }, // ESC $ B  ISO-IR 87
    { bytes: [0x24, 0x28, 0x44], apply: (s) => ({ ...s, g0: { kind: 'jisx0212' } }) }, // ESC $ ( D  ISO-IR 159
    { bytes: [0x24, 0x29, 0x43], apply: (s) => ({ ...s, g1: { kind: 'ksx1001' } }) }, // ESC $ ) C  ISO-IR 149
    { bytes: [0x24, 0x29, 0x41], apply: (s) => ({ ...s, g1: { kind: 'gb2312' } }) }, // ESC $ ) A  ISO-IR 58
    ...[
        [0x41, 'IR 100'], [0x42, 'IR 101'], [0x43, 'IR 109'], [0x44, 'IR 110'], [0x4c, 'IR 144'], [0x47, 'IR 127'],
        [0x46, 'IR 126'], [0x48, 'IR 138'], [0x4d, 'IR 148'], [0x62, 'IR 203'], [0x54, 'IR 166'],
    ].map(([final, ir]) => ({ bytes: [0x2d, final], apply: (s) => ({ ...s, g1: singleByteElement(ir) }) })),
];
const decoders = new Map();
/** A WHATWG decoder for a label, or null when the platform lacks it (then bytes fall back to Latin-1). */
function decoderFor(label) {
    if (!decoders.has(label)) {
        try {
            decoders.set(label, new TextDecoder(label));
        }
        catch {
            decoders.set(label, null);
        }
    }
    return decoders.get(label) ?? null;
}
function latin1(bytes) {
    let out = '';
    for (const byte of bytes)
        out += String.fromCharCode(byte);
    return out;
}
function decodeWith(label, bytes) {
    const decoder = decoderFor(label);
    return decoder ? decoder.decode(bytes) : latin1(bytes);
}
/** Bytes of one code element, with GL bytes moved to GR (| 0x80) as EUC encodes them. */
function toEuc(bytes, prefixEachPair) {
    const out = [];
    for (let i = 0; i < bytes.length; i++) {
        if (prefixEachPair !== undefined && i % 2 === 0)
            out.push(prefixEachPair);
        out.push((bytes[i] ?? 0) | 0x80);
    }
    return Uint8Array.from(out);
}
function decodeElement(element, bytes) {
    if (bytes.length === 0)
        return '';
    switch (element?.kind) {
        case undefined:
        case 'ascii':
        case 'latin1':
            return latin1(bytes);
        case 'single':
            return decodeWith(element.label, bytes);
        case 'jisx0201-katakana':
            return decodeWith('shift_jis', Uint8Array.from(bytes, (b) => b | 0x80));
        case 'jisx0208':
            return decodeWith('euc-jp', toEuc(bytes));
        case 'jisx0212':
            // EUC-JP writes JIS X 0212 as SS3 (0x8F) and two GR bytes.
            return decodeWith('euc-jp', toEuc(bytes, 0x8f));
        case 'ksx1001':
            return decodeWith('euc-kr', toEuc(bytes));
        case 'gb2312':
            return decodeWith('gbk', toEuc(bytes));
    }
}
/** Decodes a run of bytes under one code state: GL bytes by G0, GR bytes by G1. */
function decodeRun(state, bytes) {
    let out = '';
    let start = 0;
    for (let i = 1; i <= bytes.length; i++) {
        const high = (bytes[i - 1] ?? 0) >= 0x80;
        if (i === bytes.length || ((bytes[i] ?? 0) >= 0x80) !== high) {
            const part = bytes.subarray(start, i);
            out += high ? decodeElement(state.g1, part) : decodeElement(state.g0, part);
            start = i;
        }
    }
    return out;
}
const CARET = 0x5e;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;
const CONTROL_RESETS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
/**
 * Text of a DICOM value (all its values, backslashes kept) decoded by its Specific Character Set.
 * `specificCharacterSet` is the raw attribute ("ISO_IR 192", "\ISO 2022 IR 87", ""); no value means the default
 * repertoire, read leniently as Latin-1 as most systems write. Person names reset to the first character set at each
 * component (^) and group (=) delimiter, other text at control characters (PS3.5 6.1.2.5.3).
 */
export function decodeDicomText(bytes, specificCharacterSet, options = { isPersonName: false }) {
    const terms = specificCharacterSet.split('\\').map((t) => t.trim().toUpperCase());
    const first = terms[0] ?? '';
    const whole = WHOLE_VALUE_LABELS[first];
    if (whole && terms.length === 1)
        return decodeWith(whole, bytes);
    if (!terms.some((t) => t.startsWith('ISO 2022')) && terms.length <= 1) {
        const single = singleByteElement(first.replace(/^ISO_/, '').replace('_', ' '));
        return single?.kind === 'single' ? decodeWith(single.label, bytes) : latin1(bytes);
    }
    const initial = initialState(first);
    let state = initial;
    let out = '';
    let start = 0;
    let i = 0;
    while (i < bytes.length) {
        const byte = bytes[i] ?? 0;
        if (byte === ESC) {
            const escape = ESCAPES.find((e) => e.bytes.every((b, k) => bytes[i + 1 + k] === b));
            out += decodeRun(state, bytes.subarray(start, i));
            if (escape) {
                state = escape.apply(state);
                i += 1 + escape.bytes.length;
            }
            else {
                i += 1; // an unknown escape: drop the ESC, keep the bytes after it
            }
            start = i;
            continue;
        }
        const singleByteG0 = state.g0.kind === 'ascii';
        const delimiter = byte === BACKSLASH || CONTROL_RESETS.has(byte) || (options.isPersonName && (byte === CARET || byte === EQUALS));
        if (singleByteG0 && delimiter) {
            out += decodeRun(state, bytes.subarray(start, i)) + String.fromCharCode(byte);
            state = initial;
            start = i + 1;
        }
        i += 1;
    }
    return out + decodeRun(state, bytes.subarray(start));
}
