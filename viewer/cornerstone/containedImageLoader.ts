import { Enums, imageLoader, type Types } from '@cornerstonejs/core';
import { getImageFrame, wadouri } from '@cornerstonejs/dicom-image-loader';
import { fileFrameRange } from './fileFrameView';
import { createImageFromFrame, isDirectFrame } from './uncompressedImage';

type DataSet = Awaited<ReturnType<typeof wadouri.dataSetCacheManager.load>>;

/**
 * The frame's bytes as a view into the cached file, for a native greyscale frame that `createImageFromFrame` reads
 * on the page (never sent to the decode worker, which would clone the whole file; decoding leaves the bytes as they
 * are, see fileFrameRange); otherwise null, and the library copies the frame out (`getPixelData`), as before. Saves one
 * copy of every slice of a local series (a 512² CT slice: 0.5 MB).
 */
function fileFrameView(dataSet: DataSet, imageId: string, frameIndex: number, transferSyntaxUID: string): Uint8Array | null {
  const element = dataSet.elements.x7fe00010;
  if (element === undefined || element.encapsulatedPixelData === true) return null;
  if (!isDirectFrame(getImageFrame(imageId), transferSyntaxUID)) return null;
  const { byteArray } = dataSet;
  const range = fileFrameRange({
    pixelDataOffsetBytes: element.dataOffset,
    fileLengthBytes: byteArray.length,
    bufferOffsetBytes: byteArray.byteOffset,
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
    bitsAllocated: dataSet.uint16('x00280100') ?? 0,
    frameIndex,
  });
  return range === null ? null : new Uint8Array(byteArray.buffer, byteArray.byteOffset + range.offsetBytes, range.lengthBytes);
}

/**
 * A Part 10 image loader whose every failure rejects its promise.
 *
 * dicom-image-loader 5.14's wadouri `loadImage` extracts the frame (`getPixelData`) inside a `.then` callback of a
 * promise it never returns: a synchronous throw there ("unsupported pixel format", "frame exceeds size of pixelData")
 * leaves the image's promise pending forever. `setStack` then never settles, the viewer's display queue waits on it,
 * and no series renders again in that tab. This loader does the same steps with the throw caught, so a bad image
 * fails (IMAGE_LOAD_FAILED, a message next to its file) and everything after it goes on.
 */
function loadContained(imageId: string, options: Record<string, unknown> = {}): Types.IImageLoadObject {
  const parsed = wadouri.parseImageId(imageId);
  const schemeLoader = wadouri.getLoaderForScheme(parsed.scheme);
  const frameIndex = parsed.pixelDataFrame ?? 0;
  const startMs = Date.now();
  const promise = (async () => {
    if (!schemeLoader) throw new Error(`no loader for image id scheme "${parsed.scheme}"`);
    const dataSet = await wadouri.dataSetCacheManager.load(parsed.url, schemeLoader, imageId);
    const transferSyntaxUID = dataSet.string('x00020010') ?? '';
    let pixelData: ReturnType<typeof wadouri.getPixelData>;
    try {
      pixelData = fileFrameView(dataSet, imageId, frameIndex, transferSyntaxUID) ?? wadouri.getPixelData(dataSet, frameIndex);
    } catch (error) {
      throw { error, dataSet };
    }
    if (!pixelData) throw { error: new Error('the file has no pixel data for this frame'), dataSet };
    const loadedMs = Date.now();
    const image = await createImageFromFrame(imageId, pixelData, transferSyntaxUID, options).catch((error: unknown) => {
      throw { error, dataSet };
    }) as Types.IImage & { data?: unknown; loadTimeInMS?: number; totalTimeInMS?: number };
    image.data = dataSet;
    image.imageQualityStatus = Enums.ImageQualityStatus.FULL_RESOLUTION;
    image.loadTimeInMS = loadedMs - startMs;
    image.totalTimeInMS = Date.now() - startMs;
    return image;
  })();
  return {
    promise,
    // As the library's loader: an image leaving the cache releases its share of the parsed file.
    decache: () => wadouri.dataSetCacheManager.unload(parsed.url),
  };
}

/** Replaces the Part 10 loaders that the DICOM image loader registered (call after its `init`). */
export function registerContainedImageLoader(): void {
  for (const scheme of ['dicomfile', 'wadouri', 'dicomweb']) {
    imageLoader.registerImageLoader(scheme, loadContained);
  }
}
