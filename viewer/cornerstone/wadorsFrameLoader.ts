import { Enums, imageLoader, imageRetrievalPoolManager, type Types } from '@cornerstonejs/core';
import type { createImage } from '@cornerstonejs/dicom-image-loader';
import { fetchDicomWebFrame } from '../loading/dicomWebFrame';
import { createImageFromFrame } from './uncompressedImage';

/** The image id scheme of DICOMweb frames: `wadors:<frame URL>`. */
export const WADORS_SCHEME = 'wadors:';

type LoadOptions = NonNullable<Parameters<typeof createImage>[3]> & {
  requestType?: Enums.RequestType;
  priority?: number;
  additionalDetails?: Record<string, unknown>;
};

/**
 * A WADO-RS frame loader in place of dicom-image-loader 5.14's: that one searches each answer for its closing
 * boundary byte by byte in JavaScript and copies the frame twice before decoding (a profile of a 300-frame series put
 * 3.8 s of the main thread there), and frees its retrieval slot before the bytes have arrived, so the retrieval limit
 * does not hold. This one parses the answer with the DICOMweb client's multipart parser (native byte search, views),
 * holds a retrieval slot until the frame's bytes are in, then makes the image without the decode worker when the frame
 * is native little endian greyscale (`createImageFromFrame`), else through the library's `createImage` as before. The
 * answer is read into a reusable buffer (loading/dicomWebFrame.ts), given back once the image holds its own copy of
 * the pixels (after the worker, for compressed frames).
 */
function loadFrame(imageId: string, options: LoadOptions = {}): Types.IImageLoadObject {
  const url = imageId.slice(WADORS_SCHEME.length);
  const startMs = Date.now();
  // A thumbnail's frame (cornerstone/thumbnail.ts) is kept for the series' own load, which then does not ask again.
  const forThumbnail = options.requestType === Enums.RequestType.Thumbnail;
  const retrieved = new Promise<Awaited<ReturnType<typeof fetchDicomWebFrame>>>((resolve, reject) => {
    imageRetrievalPoolManager.addRequest(
      () => fetchDicomWebFrame(url, { forThumbnail }).then(resolve, (error: unknown) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      }),
      options.requestType ?? Enums.RequestType.Interaction,
      options.additionalDetails ?? { imageId },
      options.priority ?? 5,
    );
  });
  const promise = retrieved.then(async (frame) => {
    const { pixelData, transferSyntaxUID } = frame;
    let image: Types.IImage & { loadTimeInMS?: number; transferSyntaxUID?: string };
    try {
      image = await createImageFromFrame(imageId, pixelData, transferSyntaxUID, options);
    } catch (error) {
      frame.release?.(); // the decoder and the worker are done with the bytes
      throw error;
    }
    // The answer's buffer is reused once the image holds its own copy: a native frame decoded without a target array
    // may be a view into the answer, and then the image keeps the buffer.
    if (!sharesBuffer(image, pixelData)) frame.release?.();
    image.loadTimeInMS = Date.now() - startMs;
    image.transferSyntaxUID = transferSyntaxUID;
    image.imageQualityStatus = Enums.ImageQualityStatus.FULL_RESOLUTION;
    return image;
  });
  return { promise };
}

/** Whether the image's pixels lie in the same buffer as the frame's bytes (a view into the answer, not a copy). */
function sharesBuffer(image: Types.IImage, bytes: Uint8Array): boolean {
  const pixels = typeof image.getPixelData === 'function' ? (image.getPixelData() as ArrayBufferView | undefined) : undefined;
  return pixels?.buffer === bytes.buffer;
}

/** Replaces the WADO-RS loader the DICOM image loader registered (call after its `init`). */
export function registerWadorsFrameLoader(): void {
  imageLoader.registerImageLoader('wadors', loadFrame);
}
