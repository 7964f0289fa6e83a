import { Enums, canRenderFloatTextures, metaData, utilities, type Types } from '@cornerstonejs/core';
import { createImage, decodeImageFrame, getImageFrame } from '@cornerstonejs/dicom-image-loader';
import imageLoaderParts from '@cornerstonejs/dicom-image-loader/imageLoader';
import { decodeNativeFrame, pixelArrayTypeFor, type DecodedNativeFrame } from '../loading/nativeFrame';

/** Implicit and Explicit VR Little Endian: frames stored as they are drawn, nothing to decompress. */
const NATIVE_LITTLE_ENDIAN_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

type CreateImageOptions = NonNullable<Parameters<typeof createImage>[3]>;
type ImageFrame = ReturnType<typeof getImageFrame> & {
  pixelData: Types.PixelDataTypedArray;
  pixelDataLength: number;
  smallestPixelValue: number;
  largestPixelValue: number;
  preScale?: Types.IImage['preScale'];
  decodeTimeInMS?: number;
  decodeLevel?: number;
};
type TypedArrayConstructor = new (source: ArrayLike<number>) => Types.PixelDataTypedArray;
type ScalingParameters = NonNullable<ReturnType<typeof imageLoaderParts.getScalingParameters>>;

const TARGET_ARRAY_TYPES: Readonly<Record<string, TypedArrayConstructor>> = {
  Uint8Array, Uint16Array, Int16Array, Float32Array, Uint32Array,
};

/** Whether a frame is read here on the page instead of in the decode worker: native little endian greyscale. */
export function isDirectFrame(imageFrame: ReturnType<typeof getImageFrame>, transferSyntaxUID: string): boolean {
  const photometric = String(imageFrame.photometricInterpretation ?? '');
  return NATIVE_LITTLE_ENDIAN_TRANSFER_SYNTAXES.has(transferSyntaxUID)
    && imageFrame.samplesPerPixel === 1
    && (photometric === 'MONOCHROME1' || photometric === 'MONOCHROME2')
    && (imageFrame.bitsAllocated === 8 || imageFrame.bitsAllocated === 16);
}

/**
 * An image from one frame's bytes, as dicom-image-loader 5.14's `createImage` makes it, without its decode worker for
 * native little endian greyscale frames.
 *
 * The library sends every frame to a worker (a structured clone of the bytes there, and of the result back) and then
 * copies the decoded frame once more into the array it keeps. Nothing needs decoding here: the frame's values go into
 * the image's own array in one pass (`loading/nativeFrame.ts`: sign extension, min/max, the modality rescale and the
 * target type as the library's worker code does them, value for value). Frames and outcomes that pass does not
 * reproduce run the library's own `decodeImageFrame` (the worker's code) on the page instead, as before. Every other
 * frame (compressed, colour, big endian, 1 or 32 bits) goes to `createImage` as before.
 *
 * `overwriteBytes`: the caller gives `pixelData` up (nothing reads it afterwards), and the one pass may write the
 * pixels over it (see `NativeFrameOptions.overwriteBytes`); the image's array is then a view into its buffer.
 */
export async function createImageFromFrame(
  imageId: string,
  pixelData: Uint8Array,
  transferSyntaxUID: string,
  options: CreateImageOptions = {},
  { overwriteBytes = false }: { overwriteBytes?: boolean } = {},
): Promise<Types.IImage> {
  const imageFrame = getImageFrame(imageId) as ImageFrame;
  if (pixelData.length === 0 || !isDirectFrame(imageFrame, transferSyntaxUID)) return (await createImage(imageId, pixelData, transferSyntaxUID, options)) as Types.IImage;

  // As createImage: rescaling on unless asked off, with the parameters of the image's own metadata.
  const preScaleEnabled = options.preScale?.enabled ?? true;
  const scalingParameters = preScaleEnabled ? imageLoaderParts.getScalingParameters(metaData, imageId) : undefined;
  const allowFloatRendering = canRenderFloatTextures();
  const decodeOptions = {
    ...options,
    allowFloatRendering,
    preScale: scalingParameters === undefined ? { enabled: false } : { enabled: true, scalingParameters },
  } as CreateImageOptions;
  if (options.decodeLevel !== undefined) imageFrame.decodeLevel = options.decodeLevel;
  const startMs = Date.now();
  const onePass = decodeInOnePass(imageFrame, pixelData, options, scalingParameters, allowFloatRendering, overwriteBytes);
  let decoded: ImageFrame;
  if (onePass === null) {
    // The library writes its sign extension back into the bytes it is given: a copy keeps the caller's (a view into a
    // cached file, see fileFrameView.ts) as they were.
    const input = imageFrame.pixelRepresentation === 1 ? pixelData.slice() : pixelData;
    decoded = await decodeImageFrame(imageFrame, transferSyntaxUID, input, {}, decodeOptions, undefined) as ImageFrame;
  } else {
    decoded = Object.assign(imageFrame, {
      pixelData: onePass.pixels,
      pixelDataLength: onePass.pixels.length,
      smallestPixelValue: onePass.smallestPixelValue,
      largestPixelValue: onePass.largestPixelValue,
      decodeTimeInMS: Date.now() - startMs,
      ...(onePass.rescaled ? { preScale: { ...decodeOptions.preScale, scaled: true } as Types.IImage['preScale'] } : {}),
    });
  }

  // createImage's last step, without its copy when the array is already of the type it would make.
  const targetType = options.targetBuffer?.type;
  const finalType = (targetType === undefined ? undefined : TARGET_ARRAY_TYPES[targetType]) ?? (pixelArrayTypeFor(decoded.smallestPixelValue, decoded.largestPixelValue) as unknown as TypedArrayConstructor);
  if (decoded.pixelData.constructor !== finalType) decoded.pixelData = new finalType(decoded.pixelData);
  if (decoded.pixelData.length !== decoded.pixelDataLength) throw new Error(`the frame holds ${decoded.pixelData.length} pixels where ${decoded.pixelDataLength} were expected`);
  return imageOf(imageId, decoded);
}

/**
 * The frame's pixels in one pass, with the rescale the library would apply (none when its parameters are absent, or
 * fractional on a page without float textures), or null to leave the frame to the library: PET's SUV and RT Dose's
 * grid scaling, and whatever `decodeNativeFrame` leaves to it.
 */
function decodeInOnePass(
  imageFrame: ImageFrame,
  pixelData: Uint8Array,
  options: CreateImageOptions,
  scalingParameters: ScalingParameters | undefined,
  allowFloatRendering: boolean,
  overwriteBytes: boolean,
): DecodedNativeFrame | null {
  const { modality } = (scalingParameters ?? {}) as { modality?: string };
  if (modality === 'PT' || modality === 'RTDOSE') return null;
  const fractional = scalingParameters !== undefined && Object.values(scalingParameters).some((v) => typeof v === 'number' && !Number.isInteger(v));
  const rescale = scalingParameters === undefined || (!allowFloatRendering && fractional)
    ? null
    : { slope: scalingParameters.rescaleSlope, intercept: scalingParameters.rescaleIntercept };
  return decodeNativeFrame(pixelData, {
    rows: Number(imageFrame.rows),
    columns: Number(imageFrame.columns),
    bitsAllocated: Number(imageFrame.bitsAllocated),
    bitsStored: Number(imageFrame.bitsStored),
    pixelRepresentation: Number(imageFrame.pixelRepresentation),
  }, {
    ...(options.targetBuffer?.type === undefined ? {} : { targetType: options.targetBuffer.type }),
    ...(options.targetBuffer?.rows === undefined ? {} : { targetRows: options.targetBuffer.rows }),
    rescale,
    overwriteBytes,
  });
}

/** The image object createImage builds for a greyscale frame (dicom-image-loader 5.14), around the decoded frame. */
function imageOf(imageId: string, imageFrame: ImageFrame): Types.IImage {
  const { MetadataModules } = Enums;
  const imagePlane = (metaData.get(MetadataModules.IMAGE_PLANE, imageId) ?? {}) as { columnPixelSpacing?: number; rowPixelSpacing?: number };
  const voiLut = (metaData.get(MetadataModules.VOI_LUT, imageId) ?? {}) as { windowCenter?: number[]; windowWidth?: number[]; voiLUTFunction?: string[]; voiLutFunction?: string; voiLUTSequence?: Types.CPUFallbackLUT[] };
  const modalityLut = (metaData.get(MetadataModules.MODALITY_LUT, imageId) ?? {}) as { rescaleIntercept?: number; rescaleSlope?: number; modalityLUTSequence?: Types.CPUFallbackLUT[] };
  const sopCommon = (metaData.get(MetadataModules.SOP_COMMON, imageId) ?? {}) as { sopClassUID?: string };
  const calibration = (metaData.get(MetadataModules.CALIBRATION, imageId) ?? {}) as Types.IImageCalibration;
  const { rows, columns, pixelData } = imageFrame;
  const image = {
    imageId,
    dataType: pixelData.constructor.name,
    color: false,
    calibration,
    columnPixelSpacing: imagePlane.columnPixelSpacing,
    columns,
    height: rows,
    preScale: imageFrame.preScale,
    intercept: modalityLut.rescaleIntercept || 0,
    slope: modalityLut.rescaleSlope || 1,
    invert: imageFrame.photometricInterpretation === 'MONOCHROME1',
    minPixelValue: imageFrame.smallestPixelValue,
    maxPixelValue: imageFrame.largestPixelValue,
    rowPixelSpacing: imagePlane.rowPixelSpacing,
    rows,
    sizeInBytes: pixelData.byteLength,
    width: columns,
    windowCenter: voiLut.windowCenter ? voiLut.windowCenter[0] : undefined,
    windowWidth: voiLut.windowWidth ? voiLut.windowWidth[0] : undefined,
    voiLUTFunction: (voiLut.voiLUTFunction?.length ? voiLut.voiLUTFunction[0] : undefined) || voiLut.voiLutFunction || undefined,
    decodeTimeInMS: imageFrame.decodeTimeInMS,
    floatPixelData: undefined,
    imageFrame,
    voxelManager: utilities.VoxelManager.createImageVoxelManager({ scalarData: pixelData, width: columns, height: rows, numberOfComponents: 1 }),
    rgba: false,
    getPixelData: () => imageFrame.pixelData,
    getCanvas: undefined,
    numberOfComponents: 1,
  } as unknown as Types.IImage;
  const [modalityLUT] = modalityLut.modalityLUTSequence ?? [];
  if (modalityLUT !== undefined && imageLoaderParts.isModalityLUTForDisplay(sopCommon.sopClassUID ?? '')) image.modalityLUT = modalityLUT;
  const [voiLUT] = voiLut.voiLUTSequence ?? [];
  if (voiLUT !== undefined) image.voiLUT = voiLUT;
  if (image.windowCenter === undefined || image.windowWidth === undefined) {
    const windowLevel = utilities.windowLevel.toWindowLevel(imageFrame.smallestPixelValue, imageFrame.largestPixelValue);
    image.windowWidth = windowLevel.windowWidth;
    image.windowCenter = windowLevel.windowCenter;
  }
  return image;
}
