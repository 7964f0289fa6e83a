import type { FramePart } from '../dicomweb/framePart';

/**
 * Bytes of kept frames, at most (64 uncompressed 512² 16-bit frames): one frame per series a study browser shows, and
 * a bound for a study of very many series or very large frames. The oldest kept frame goes first.
 */
const MAX_KEPT_BYTES = 64 * 512 * 512 * 2;

interface KeptFrame {
  readonly frame: Promise<FramePart | null>;
  /** The kept copy's size once it is in, bytes; 0 before. */
  bytes: number;
}

/**
 * Frames fetched for a study browser thumbnail, by frame URL: a copy of each frame's bytes (its middle frame, one per
 * series), kept until the series' own load takes it (`takeThumbnailFrame`), so that opening a series whose thumbnail
 * was drawn does not ask the server for that frame again. The series' load decodes the kept bytes as it decodes a
 * fetched answer: same bytes, same voxels.
 */
const keptFrames = new Map<string, KeptFrame>();
let keptBytes = 0;

/** Drops the oldest kept frames that are in while the kept bytes exceed MAX_KEPT_BYTES. */
function dropOldest(): void {
  for (const [url, kept] of keptFrames) {
    if (keptBytes <= MAX_KEPT_BYTES) return;
    if (kept.bytes === 0) continue;
    keptFrames.delete(url);
    keptBytes -= kept.bytes;
  }
}

/**
 * Keeps a copy of the bytes `frame` brings for a thumbnail of `url` (registered at once: a load of the same frame that
 * starts while this one is on its way waits for it instead of asking again) and answers `frame` itself for the
 * thumbnail, whose decode may then give its buffer back or write over it. A failed frame keeps nothing.
 */
export function keepThumbnailFrame(url: string, frame: Promise<FramePart>): Promise<FramePart> {
  const entry: KeptFrame = {
    bytes: 0,
    frame: frame.then(
      ({ pixelData, transferSyntaxUID }) => {
        const copy = pixelData.slice();
        // Taken or replaced meanwhile: no longer counted against the bound.
        if (keptFrames.get(url) === entry) {
          entry.bytes = copy.byteLength;
          keptBytes += copy.byteLength;
          dropOldest();
        }
        return { pixelData: copy, transferSyntaxUID };
      },
      () => {
        if (keptFrames.get(url) === entry) keptFrames.delete(url);
        return null;
      },
    ),
  };
  forget(url);
  keptFrames.set(url, entry);
  return frame;
}

/** Drops the kept frame of `url`, if any. */
function forget(url: string): void {
  const kept = keptFrames.get(url);
  if (kept === undefined) return;
  keptFrames.delete(url);
  keptBytes -= kept.bytes;
}

/** Whether a thumbnail's frame of `url` is kept or on its way: a read-ahead then leaves it out. */
export function hasThumbnailFrame(url: string): boolean {
  return keptFrames.has(url);
}

/**
 * The kept thumbnail frame of `url`, once (null when none: the caller asks the server). Its promise answers null when
 * the thumbnail's request failed; the caller then asks the server itself.
 */
export function takeThumbnailFrame(url: string): Promise<FramePart | null> | null {
  const kept = keptFrames.get(url);
  if (kept === undefined) return null;
  forget(url);
  return kept.frame;
}
