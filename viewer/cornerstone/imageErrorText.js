import { FrameRequestError } from '../loading/frameRequestError';
/** A readable reason from whatever an image loader or decoder threw or reported. */
export function imageErrorText(detail) {
    if (detail instanceof Error)
        return detail.message;
    // Some wasm decoders throw a bare number (an internal error code or pointer).
    if (typeof detail === 'number')
        return `the compressed pixel data is corrupt or uses an unsupported variant (decoder code ${detail})`;
    const inner = innerError(detail);
    if (inner !== undefined)
        return imageErrorText(inner);
    return String(detail);
}
/**
 * The problem-list text of an image that failed to load: "image could not be loaded: …" when its frame never came
 * (the server refused it or did not answer, loading/frameRequestError.ts), "image could not be decoded: …" otherwise.
 */
export function imageFailureText(detail) {
    return `${fromFrameRequest(detail) ? 'image could not be loaded' : 'image could not be decoded'}: ${imageErrorText(detail)}`;
}
/** The error an event detail or a wrapper carries in `error` or `message`, if it is an object that is not an Error. */
function innerError(detail) {
    if (typeof detail !== 'object' || detail === null || detail instanceof Error)
        return undefined;
    return detail.error ?? detail.message;
}
function fromFrameRequest(detail) {
    if (detail instanceof FrameRequestError)
        return true;
    const inner = innerError(detail);
    return inner !== undefined && fromFrameRequest(inner);
}
