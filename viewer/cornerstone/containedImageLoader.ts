import { Enums, imageLoader, type Types } from '@cornerstonejs/core';
import { getImageFrame, wadouri } from '@cornerstonejs/dicom-image-loader';
import { lengthReadOf } from '../loading/localFiles';
import { releasePixelData, type PixelDataRange } from '../loading/releasePixelData';
import { fileFrameRange } from './fileFrameView';
import { createImageFromFrame, isDirectFrame } from './uncompressedImage';

type DataSet = Awaited<ReturnType<typeof wadouri.dataSetCacheManager.load>>;

/**
 * The frame's bytes as a view into the cached file, for a native greyscale frame that `createImageFromFrame` reads
 * on the page (never sent to the decode worker, which would clone the whole file; decoding leaves the bytes as they
 * are unless the cached dataset let go of them first, see loadContained); otherwise null, and the library copies the
 * frame out (`getPixelData`), as before. Saves one copy of every slice of a local series (a 512² CT slice: 0.5 MB).
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

/** Local single-frame files whose pixel data the cached dataset let go of (see releaseFileBytes), by cache key. */
const releasedPixelData = new Map<string, PixelDataRange>();

/**
 * Lets the cached dataset of a local single-frame native file go of the file's bytes once its frame is decoded (the
 * image holds the pixels), or as its frame is decoded for a volume (the image's pixels are then written over the
 * file's bytes); the header stays, so the metadata cornerstone and the viewer read from it is unchanged.
 * Before this every local file's bytes stayed in dicom-image-loader's dataset cache beside the decoded voxels (a
 * 1,000-slice 512² CT: 0.5 GB). A later decode of that frame (a stack view, a thumbnail, a slice the image cache let
 * go of) reads the frame's bytes back from the file. True when this call let go of them.
 */
export function releaseFileBytes(imageId: string): boolean {
  const parsed = wadouri.parseImageId(imageId);
  if (parsed.scheme !== 'dicomfile' || parsed.pixelDataFrame !== undefined || releasedPixelData.has(parsed.url)) return false;
  const file = wadouri.fileManager.get(Number(parsed.url)) as File | undefined;
  if (!wadouri.dataSetCacheManager.isLoaded(parsed.url) || file === undefined) return false;
  const dataSet = wadouri.dataSetCacheManager.get(parsed.url);
  // Offsets into the dataset's bytes are offsets into the file only when those bytes are the whole file as read
  // (not, say, a deflated dataset inflated); the length read is known without asking the file (see lengthReadOf).
  if (dataSet.byteArray.byteOffset !== 0 || dataSet.byteArray.length !== lengthReadOf(file)) return false;
  // One frame only: the range read back later is the whole Pixel Data value.
  if ((dataSet.intString('x00280008') ?? 1) > 1) return false;
  const range = releasePixelData(dataSet);
  if (range === null) return false;
  releasedPixelData.set(parsed.url, range);
  return true;
}

/** Whether the image is loaded for a volume: into the array its volume keeps its voxels in (`targetBuffer`). */
function isVolumeLoad(options: Record<string, unknown>): boolean {
  return options.targetBuffer !== undefined && options.targetBuffer !== null;
}

/** The frame's bytes read back from its file, for a file whose dataset let go of them. */
async function readBackFrame(url: string, range: PixelDataRange): Promise<Uint8Array> {
  const file = wadouri.fileManager.get(Number(url)) as File | undefined;
  if (file === undefined) throw new Error('the file is no longer open');
  return new Uint8Array(await file.slice(range.offsetBytes, range.offsetBytes + range.lengthBytes).arrayBuffer());
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
    const released = releasedPixelData.get(parsed.url);
    let pixelData: ReturnType<typeof wadouri.getPixelData>;
    // Whether the frame's bytes are this load's alone, so that it may decode the frame over them (createImageFromFrame).
    let ownBytes = false;
    try {
      if (released !== undefined) {
        pixelData = await readBackFrame(parsed.url, released);
        ownBytes = true;
      } else {
        const view = fileFrameView(dataSet, imageId, frameIndex, transferSyntaxUID);
        // A slice bound for a volume (decoded ahead, or by the volume itself): the cached dataset of its single-frame
        // file lets go of the file's bytes now instead of once the image is made, so nothing but this load holds them.
        ownBytes = view !== null && isVolumeLoad(options) && releaseFileBytes(imageId);
        pixelData = view ?? wadouri.getPixelData(dataSet, frameIndex);
      }
    } catch (error) {
      throw { error, dataSet };
    }
    if (!pixelData) throw { error: new Error('the file has no pixel data for this frame'), dataSet };
    const loadedMs = Date.now();
    const image = await createImageFromFrame(imageId, pixelData, transferSyntaxUID, options, { overwriteBytes: ownBytes }).catch((error: unknown) => {
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
    decache: () => {
      wadouri.dataSetCacheManager.unload(parsed.url);
      if (!wadouri.dataSetCacheManager.isLoaded(parsed.url)) releasedPixelData.delete(parsed.url);
    },
  };
}

/** Replaces the Part 10 loaders that the DICOM image loader registered (call after its `init`). */
export function registerContainedImageLoader(): void {
  for (const scheme of ['dicomfile', 'wadouri', 'dicomweb']) {
    imageLoader.registerImageLoader(scheme, loadContained);
  }
}
