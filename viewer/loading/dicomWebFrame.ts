import { framePartOf, type FramePart } from '../dicomweb/framePart';
import { frameRequestHeaders } from './dicomWebSeries';

/** What a WADO-RS frame request accepts: any transfer syntax, as the server stores it (no transcoding). */
const FRAME_MEDIA_TYPE = 'multipart/related; type=application/octet-stream; transfer-syntax=*';

/** Typed arrays of 16 and 32 bits need their start on a multiple of their size; 8 covers every decoder. */
const PIXEL_DATA_ALIGNMENT_BYTES = 8;

/**
 * Fetches one frame over WADO-RS (`url` ends in `/frames/N`) with the open study's credentials and takes its part out
 * of the answer: a view into the answer, copied only when it does not start aligned for the decoders. Throws with a
 * readable message when the server refuses or the answer cannot be read.
 */
export async function fetchDicomWebFrame(url: string): Promise<FramePart> {
  const response = await fetch(url, { headers: { Accept: FRAME_MEDIA_TYPE, ...frameRequestHeaders() } });
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status} for the frame`);
  const body = new Uint8Array(await response.arrayBuffer());
  const part = framePartOf(response.headers.get('Content-Type') ?? 'application/octet-stream', body);
  if (!part.ok) throw new Error(`the frame cannot be read: ${part.reason}`);
  const { pixelData, transferSyntaxUID } = part.value;
  return { pixelData: pixelData.byteOffset % PIXEL_DATA_ALIGNMENT_BYTES === 0 ? pixelData : pixelData.slice(), transferSyntaxUID };
}
