import { framePartOf } from '../dicomweb/framePart';
import { frameStatusError } from './frameRequestError';
/** Typed arrays of 16 and 32 bits need their start on a multiple of their size; 8 covers every decoder. */
export const PIXEL_DATA_ALIGNMENT_BYTES = 8;
/**
 * The frame part of a WADO-RS frame answer, its bytes a view into the answer (copied only when it does not start
 * aligned for the decoders). Throws with a readable message when the server refused or the answer cannot be read.
 */
export async function frameOfAnswer(response) {
    if (!response.ok)
        throw frameStatusError(response.status);
    const body = new Uint8Array(await response.arrayBuffer());
    const part = framePartOf(response.headers.get('Content-Type') ?? 'application/octet-stream', body);
    if (!part.ok)
        throw new Error(`the frame cannot be read: ${part.reason}`);
    const { pixelData, transferSyntaxUID } = part.value;
    return { pixelData: pixelData.byteOffset % PIXEL_DATA_ALIGNMENT_BYTES === 0 ? pixelData : pixelData.slice(), transferSyntaxUID };
}
