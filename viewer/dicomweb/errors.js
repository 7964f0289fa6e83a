/** Maps an HTTP status that is not a success to an error; `what` names the request, e.g. 'the study search'. */
export function errorFromStatus(status, what) {
    switch (status) {
        case 401:
            return { kind: 'unauthorized', status, message: `The PACS did not accept the credentials (HTTP 401): check user name and password.` };
        case 403:
            return { kind: 'forbidden', status, message: `The PACS refused access to ${what} (HTTP 403): this account is not allowed to do this.` };
        case 404:
            return { kind: 'not-found', status, message: `The PACS answered ${what} with 'not found' (HTTP 404): check the DICOMweb address, and that the study is still on the PACS.` };
        case 409:
            return { kind: 'conflict', status, message: `The PACS refused ${what} (HTTP 409): it conflicts with objects already stored.` };
        case 502:
        case 503:
            // A proxy in front of the PACS (the dev server's /dicom-web proxy answers 502) could not reach it.
            return { kind: 'unreachable', status, message: `The PACS could not be reached through the proxy (HTTP ${status}): check that the PACS is running.` };
        case 504:
            return { kind: 'timeout', status, message: `The PACS did not answer ${what} in time (HTTP 504): try again, or narrow the search.` };
    }
    if (status >= 500) {
        return { kind: 'server', status, message: `The PACS had an internal error during ${what} (HTTP ${status}): try again later, or ask the PACS administrator.` };
    }
    return { kind: 'http', status, message: `The PACS answered ${what} with an unexpected status (HTTP ${status}).` };
}
/**
 * The request did not get any answer: server down, wrong address, or (in a browser) refused by CORS or by the page's
 * Content-Security-Policy (`blockedByPolicy`), which only a rebuild with the server named can lift.
 */
export function unreachableError(url, blockedByPolicy = false) {
    if (blockedByPolicy) {
        return {
            kind: 'unreachable',
            message: `This viewer's security policy does not allow requests to ${originOf(url)}: a PACS on another site must be named ` +
                "when the viewer is built (DICOMWEB_CONNECT_SRC), or reached through this site's /dicom-web proxy.",
        };
    }
    return {
        kind: 'unreachable',
        message: `The PACS at ${originOf(url)} could not be reached: check the address, that the server is running, and that it allows this site.`,
    };
}
/** No complete answer arrived within `timeoutMs`. */
export function timeoutError(what, timeoutMs) {
    return { kind: 'timeout', message: `The PACS did not answer ${what} within ${formatSeconds(timeoutMs)} s: try again, or narrow the search.` };
}
/** The answer arrived but is not what DICOMweb promises; `detail` says what was wrong. */
export function malformedError(what, detail, status) {
    return { kind: 'malformed', ...(status !== undefined ? { status } : {}), message: `The PACS answered ${what} with data the viewer cannot read: ${detail}.` };
}
/** The request was not sent because it is not valid; `detail` says how to correct it. */
export function invalidQueryError(detail) {
    return { kind: 'invalid-query', message: `The search was not sent: ${detail}.` };
}
function originOf(url) {
    try {
        const base = typeof location === 'undefined' ? undefined : location.href;
        const parsed = new URL(url, base);
        return parsed.origin + parsed.pathname.replace(/\/(studies|series|instances)\b.*$/, '');
    }
    catch {
        return url;
    }
}
function formatSeconds(ms) {
    const seconds = ms / 1000;
    return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}
