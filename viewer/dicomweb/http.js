import { authHeader, DEFAULT_TIMEOUT_MS } from './config';
import { errorFromStatus, malformedError, timeoutError, unreachableError } from './errors';
import { fail, ok } from './result';
import { connectSrcAllows } from './connectPolicy';
/**
 * Sends one request and reads the whole answer, aborting after config.timeoutMs. Any HTTP status is a success here
 * (callers decide what a status means); only a missing or broken answer is an error. Never throws.
 */
export async function send(config, request) {
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
    }, timeoutMs);
    const headers = new Headers({ Accept: request.accept });
    const authorization = authHeader(config);
    if (authorization !== null)
        headers.set('Authorization', authorization);
    if (request.contentType)
        headers.set('Content-Type', request.contentType);
    let response;
    try {
        response = await fetch(request.url, {
            method: request.method,
            headers,
            body: request.body ?? null,
            signal: controller.signal,
            // Credentials we send ourselves; 'omit' also keeps the browser from popping its own login box on a 401.
            credentials: authorization === null ? 'same-origin' : 'omit',
            cache: 'no-store',
        });
    }
    catch {
        clearTimeout(timer);
        return fail(timedOut ? timeoutError(request.what, timeoutMs) : unreachableError(request.url, blockedByPagePolicy(request.url)));
    }
    try {
        const body = new Uint8Array(await response.arrayBuffer());
        return ok({ status: response.status, headers: response.headers, body });
    }
    catch {
        if (timedOut)
            return fail(timeoutError(request.what, timeoutMs));
        return fail({ kind: 'unreachable', status: response.status, message: `The connection to the PACS broke while receiving ${request.what}: try again.` });
    }
    finally {
        clearTimeout(timer);
    }
}
/** True when the page's own Content-Security-Policy (its meta tag) forbids requesting `url`. */
function blockedByPagePolicy(url) {
    if (typeof document === 'undefined')
        return false;
    const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    return policy ? !connectSrcAllows(policy, url, window.location.origin) : false;
}
/** The answer when its status is 2xx, else the error that status means. */
export function expectSuccess(answer, what) {
    return answer.status >= 200 && answer.status < 300 ? ok(answer) : fail(errorFromStatus(answer.status, what));
}
/** The answer's body as JSON; an empty body is null. A body that is not JSON is a 'malformed' error. */
export function jsonBody(answer, what) {
    const text = new TextDecoder('utf-8').decode(answer.body).trim();
    if (text === '')
        return ok(null);
    try {
        return ok(JSON.parse(text));
    }
    catch {
        return fail(malformedError(what, 'the answer is not valid JSON', answer.status));
    }
}
/** Joins a root ('/dicom-web' or an absolute URL, with or without a trailing slash) and a path starting with '/'. */
export function joinUrl(root, path, query = []) {
    const base = root.replace(/\/+$/, '') + path;
    if (query.length === 0)
        return base;
    return `${base}?${query.map(([key, raw]) => `${encodeQueryValue(key)}=${encodeQueryValue(raw)}`).join('&')}`;
}
/**
 * Percent-encodes only what a query value cannot carry as it is. Wildcards (* ?), the name separator (^) and other
 * characters a query may hold stay literal: Orthanc 1.10 with DICOMweb 1.7 does not decode %XX in QIDO values, so
 * 'PHANTOM%5E*' would find nothing there while 'PHANTOM^*' does.
 */
export function encodeQueryValue(raw) {
    return encodeURIComponent(raw).replace(/%(5E|3F|2C|2F|3A|40|3B|24)/gi, (escaped) => decodeURIComponent(escaped));
}
