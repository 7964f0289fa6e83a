/** Time allowed for one request when the config sets none: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;
const NO_AUTH = { kind: 'none' };
/** The same DICOMweb root for search, retrieve and store, as most servers (Orthanc, dcm4chee) use. */
export function configForRoot(root, auth = NO_AUTH, timeoutMs) {
    const clean = trimRoot(root);
    return { qidoRoot: clean, wadoRoot: clean, stowRoot: clean, auth, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
}
/** The Authorization header value for the config's credentials, or null when it has none. */
export function authHeader(config) {
    const auth = config.auth;
    switch (auth.kind) {
        case 'basic':
            return `Basic ${base64Utf8(`${auth.user}:${auth.password}`)}`;
        case 'bearer':
            return `Bearer ${auth.token}`;
        default:
            return null;
    }
}
/**
 * Reads a DICOMweb server from a page address's query, OHIF style: `?dicomweb=/dicom-web` sets all three roots;
 * `qido=`, `wado=`, `stow=` (or `qidoRoot=` …) override one each. Credentials are never taken from the address.
 * Null when no usable root is given; a root must be a path on this site or an http(s) URL.
 */
export function configFromUrl(search) {
    const params = new URLSearchParams(search);
    const pick = (...names) => {
        for (const name of names) {
            const raw = params.get(name)?.trim();
            if (raw && isAcceptableRoot(raw))
                return trimRoot(raw);
        }
        return null;
    };
    const shared = pick('dicomweb', 'dicomWeb', 'dicomwebRoot');
    const qidoRoot = pick('qido', 'qidoRoot') ?? shared;
    const wadoRoot = pick('wado', 'wadoRoot') ?? shared ?? qidoRoot;
    const stowRoot = pick('stow', 'stowRoot') ?? shared ?? qidoRoot;
    if (qidoRoot === null || wadoRoot === null || stowRoot === null)
        return null;
    return { qidoRoot, wadoRoot, stowRoot, auth: NO_AUTH };
}
/** Study Instance UIDs listed in `?StudyInstanceUIDs=1.2.3,4.5.6` (repeatable); malformed UIDs are dropped. */
export function studyUidsFromUrl(search) {
    const params = new URLSearchParams(search);
    const listed = [...params.getAll('StudyInstanceUIDs'), ...params.getAll('studyInstanceUIDs')];
    const uids = listed.flatMap((entry) => entry.split(',')).map((uid) => uid.trim()).filter(isUid);
    return [...new Set(uids)];
}
/** True for a DICOM UID: dot-separated numbers, at most 64 characters. */
export function isUid(text) {
    return text.length > 0 && text.length <= 64 && /^\d+(\.\d+)*$/.test(text);
}
function isAcceptableRoot(root) {
    if (root.startsWith('/'))
        return !root.startsWith('//');
    try {
        const url = new URL(root);
        return url.protocol === 'http:' || url.protocol === 'https:';
    }
    catch {
        return false;
    }
}
function trimRoot(root) {
    const trimmed = root.trim().replace(/\/+$/, '');
    return trimmed === '' ? '/' : trimmed;
}
function base64Utf8(text) {
    let binary = '';
    for (const byte of new TextEncoder().encode(text))
        binary += String.fromCharCode(byte);
    return btoa(binary);
}
