/**
 * multipart/related bodies (RFC 2046 §5.1, RFC 2387) as DICOMweb uses them: WADO-RS answers and STOW-RS requests.
 * The parser is lenient where servers differ (a preamble, transport padding after a boundary, bare LF line breaks,
 * a part without headers) and strict where data would be lost (no boundary, no closing boundary).
 */
const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;
/** The media type in lowercase ('multipart/related') and its parameters (lowercase names; quotes removed). */
export function parseContentType(contentType) {
    const semicolon = contentType.indexOf(';');
    const mediaType = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
    const params = {};
    let i = semicolon < 0 ? contentType.length : semicolon + 1;
    while (i < contentType.length) {
        const equals = contentType.indexOf('=', i);
        if (equals < 0)
            break;
        const name = contentType.slice(i, equals).trim().toLowerCase();
        let j = equals + 1;
        while (contentType[j] === ' ' || contentType[j] === '\t')
            j++;
        let paramValue = '';
        if (contentType[j] === '"') {
            j++;
            while (j < contentType.length && contentType[j] !== '"') {
                if (contentType[j] === '\\' && j + 1 < contentType.length)
                    j++;
                paramValue += contentType[j];
                j++;
            }
            const next = contentType.indexOf(';', j);
            i = next < 0 ? contentType.length : next + 1;
        }
        else {
            const next = contentType.indexOf(';', j);
            paramValue = contentType.slice(j, next < 0 ? undefined : next).trim();
            i = next < 0 ? contentType.length : next + 1;
        }
        if (name !== '' && !(name in params))
            params[name] = paramValue;
    }
    return { mediaType, params };
}
/** The boundary of a multipart Content-Type header, quoted or not; null when it is not multipart or has none. */
export function boundaryFromContentType(contentType) {
    const { mediaType, params } = parseContentType(contentType);
    if (!mediaType.startsWith('multipart/'))
        return null;
    const boundary = params.boundary;
    return boundary && boundary.length <= 200 ? boundary : null;
}
/** Splits a multipart body at `boundary` into its parts, skipping the preamble and the epilogue. */
export function parseMultipart(body, boundary) {
    if (boundary === '')
        return { ok: false, reason: 'the multipart boundary is empty' };
    const delimiter = new TextEncoder().encode(`--${boundary}`);
    let at = findDelimiter(body, delimiter, 0);
    if (at < 0)
        return { ok: false, reason: 'the multipart answer does not contain its boundary' };
    const parts = [];
    for (;;) {
        let cursor = at + delimiter.length;
        if (body[cursor] === DASH && body[cursor + 1] === DASH)
            return { ok: true, value: parts };
        while (body[cursor] === SPACE || body[cursor] === TAB)
            cursor++;
        const afterBreak = skipLineBreak(body, cursor);
        if (afterBreak < 0)
            return { ok: false, reason: 'a multipart boundary is not followed by a line break' };
        const headerEnd = findHeaderEnd(body, afterBreak);
        if (headerEnd === null)
            return { ok: false, reason: 'a multipart part has no end to its headers' };
        const next = findDelimiter(body, delimiter, headerEnd.contentStart);
        if (next < 0)
            return { ok: false, reason: 'the multipart answer ended before its closing boundary (incomplete transfer?)' };
        let contentEnd = next - 1; // the LF before the delimiter belongs to the delimiter
        if (contentEnd > 0 && body[contentEnd - 1] === CR)
            contentEnd--;
        contentEnd = Math.max(contentEnd, headerEnd.contentStart);
        parts.push({
            headers: parseHeaders(new TextDecoder('latin1').decode(body.subarray(afterBreak, headerEnd.headersEnd))),
            body: body.subarray(headerEnd.contentStart, contentEnd),
        });
        at = next;
    }
}
/** A boundary of 32 random hex digits (crypto.getRandomValues also works on plain-http pages). */
export function newBoundary() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
/** A multipart/related body: each part with its Content-Type, CRLF line breaks, and the closing boundary. */
export function buildMultipart(parts, boundary) {
    const pieces = [];
    for (const part of parts) {
        pieces.push(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n\r\n`, asBlobBytes(part.body), '\r\n');
    }
    pieces.push(`--${boundary}--\r\n`);
    return new Blob(pieces);
}
/**
 * Finds the byte sequence `needle` in `haystack` from index `from`; -1 when absent. Boyer-Moore-Horspool: each step
 * reads the byte under the needle's end and skips up to the needle's length, so a boundary of ~40 bytes is found in a
 * 0.5 MB frame in ~13,000 steps. (Searching for the needle's first byte with `indexOf` stopped at every '-' byte of
 * the pixel data and cost a 300-frame load 0.5-1.5 s of the page's main thread.)
 */
export function indexOfBytes(haystack, needle, from) {
    const needleLength = needle.length;
    const start = Math.max(0, from);
    if (needleLength === 0)
        return from;
    if (needleLength === 1)
        return haystack.indexOf(needle[0] ?? 0, start);
    const lastIndex = needleLength - 1;
    const lastByte = needle[lastIndex] ?? 0;
    const skip = new Int32Array(256).fill(needleLength);
    for (let k = 0; k < lastIndex; k++)
        skip[needle[k] ?? 0] = lastIndex - k;
    const end = haystack.length - needleLength;
    let i = start;
    while (i <= end) {
        const byte = haystack[i + lastIndex] ?? 0;
        if (byte === lastByte) {
            let j = lastIndex - 1;
            while (j >= 0 && haystack[i + j] === needle[j])
                j--;
            if (j < 0)
                return i;
        }
        i += skip[byte] ?? needleLength;
    }
    return -1;
}
/** A delimiter starts the body or a line, and is followed by '--', padding, a line break or the end of the body. */
function findDelimiter(body, delimiter, from) {
    let i = indexOfBytes(body, delimiter, from);
    while (i >= 0) {
        const startsLine = i === 0 || body[i - 1] === LF;
        const after = body[i + delimiter.length];
        const ends = after === undefined || after === DASH || after === CR || after === LF || after === SPACE || after === TAB;
        if (startsLine && ends)
            return i;
        i = indexOfBytes(body, delimiter, i + 1);
    }
    return -1;
}
function skipLineBreak(body, at) {
    if (body[at] === CR && body[at + 1] === LF)
        return at + 2;
    if (body[at] === LF)
        return at + 1;
    return -1;
}
/** Headers end with an empty line; a part may have no headers at all (the empty line comes first). */
function findHeaderEnd(body, start) {
    const immediate = skipLineBreak(body, start);
    if (immediate >= 0)
        return { headersEnd: start, contentStart: immediate };
    for (let i = start; i < body.length; i++) {
        if (body[i] !== LF)
            continue;
        const next = skipLineBreak(body, i + 1);
        if (next >= 0)
            return { headersEnd: i + 1, contentStart: next };
    }
    return null;
}
function parseHeaders(text) {
    const headers = {};
    let previous = null;
    for (const line of text.split(/\r?\n/)) {
        if (line === '')
            continue;
        if ((line[0] === ' ' || line[0] === '\t') && previous !== null) {
            headers[previous] += ` ${line.trim()}`;
            continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        previous = line.slice(0, colon).trim().toLowerCase();
        headers[previous] = line.slice(colon + 1).trim();
    }
    return headers;
}
/** Blob accepts only views on a plain ArrayBuffer; copy the rare view on a SharedArrayBuffer. */
function asBlobBytes(bytes) {
    return bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
}
