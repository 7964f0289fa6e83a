import { errorFromStatus, unreachableError } from '../dicomweb/errors';
/**
 * A frame that could not be fetched (the server refused it, or no answer came), as opposed to one whose bytes came and
 * could not be decoded: the reader is told to look at the PACS or the connection, not at the image.
 */
export class FrameRequestError extends Error {
    name = 'FrameRequestError';
}
/** The server answered a frame request with `status` (not a success). */
export function frameStatusError(status) {
    return new FrameRequestError(errorFromStatus(status, 'the frame request').message);
}
/** No answer came to the frame request for `url` (server down, proxy or network failure). */
export function frameUnreachableError(url) {
    return new FrameRequestError(unreachableError(url).message);
}
