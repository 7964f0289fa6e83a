import { HALF_FLOAT_EXACT_INTEGER_LIMIT } from './halfFloatTexels';

/** What the metadata says about one image's stored pixels and how they become the volume's values. */
export interface ImagePixelPromise {
  /** Bits Stored (0028,0101). */
  readonly bitsStored?: number | undefined;
  /** Pixel Representation (0028,0103): 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation?: number | undefined;
  /** Smallest / Largest Image Pixel Value (0028,0106 / 0107), stored values before the rescale. */
  readonly smallestPixelValue?: number | undefined;
  readonly largestPixelValue?: number | undefined;
  /** Rescale Slope and Intercept (0028,1053 / 1052); absent means 1 and 0. */
  readonly rescaleSlope?: number | undefined;
  readonly rescaleIntercept?: number | undefined;
  /** A Modality LUT Sequence (0028,3000) maps the stored values instead of the rescale: nothing is promised. */
  readonly hasModalityLutSequence?: boolean | undefined;
}

/**
 * The texels a volume's 3-D texture gets, and why.
 * - `half-float`, `promised`: the metadata of every slice promises integers within ±2048 (exact in R16F).
 * - `half-float`, `checked-per-slice`: integer voxels (a 16-bit volume) whose metadata allows a wider range; each
 *   slice is checked as it is converted for upload, and the texture turns 32-bit at the first value outside ±2048,
 *   before that slice goes up (the slices already up are sent again): a half-float texel never holds an inexact value.
 * - `float32`: what cornerstone does (R32F), for voxels that are not 16-bit integers or whose stored range is stated
 *   (Smallest/Largest Image Pixel Value) to reach beyond ±2048; `value-out-of-range` after a slice held a value
 *   beyond ±2048 (see above), `asked` when a caller asked for 32-bit texels.
 */
export type VolumeTexels =
  | { readonly texels: 'half-float'; readonly basis: 'promised' | 'checked-per-slice' }
  | { readonly texels: 'float32'; readonly basis: 'not-16-bit-integers' | 'stated-range-too-wide' | 'value-out-of-range' | 'asked' };

/** Volume data types (cornerstone's names) whose voxels are integers that vtk.js would upload as 32-bit floats. */
const SIXTEEN_BIT_INTEGER_TYPES: ReadonlySet<string> = new Set(['Int16Array', 'Uint16Array']);

/** The range of values an image's voxels can take, or null when the metadata does not bound them. */
export function promisedValueRange(image: ImagePixelPromise): readonly [number, number] | null {
  if (image.hasModalityLutSequence === true) return null;
  const slope = image.rescaleSlope ?? 1;
  const intercept = image.rescaleIntercept ?? 0;
  if (!Number.isInteger(slope) || !Number.isInteger(intercept)) return null;
  const stored = storedRange(image);
  if (stored === null) return null;
  const a = slope * stored[0] + intercept;
  const b = slope * stored[1] + intercept;
  return [Math.min(a, b), Math.max(a, b)];
}

function storedRange(image: ImagePixelPromise): readonly [number, number] | null {
  const { smallestPixelValue: smallest, largestPixelValue: largest } = image;
  if (Number.isInteger(smallest) && Number.isInteger(largest) && (smallest as number) <= (largest as number)) {
    return [smallest as number, largest as number];
  }
  const bits = image.bitsStored;
  if (bits === undefined || !Number.isInteger(bits) || bits < 1 || bits > 32) return null;
  if (image.pixelRepresentation === 1) return [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
  if (image.pixelRepresentation === 0) return [0, 2 ** bits - 1];
  return null;
}

function statesRange(image: ImagePixelPromise): boolean {
  return Number.isInteger(image.smallestPixelValue) && Number.isInteger(image.largestPixelValue);
}

/**
 * Chooses the texels of a volume's 3-D texture from its data type (cornerstone's `volume.dataType`), its number of
 * components and every slice's pixel metadata, before any pixel has arrived.
 */
export function chooseVolumeTexels(input: {
  dataType: string;
  numberOfComponents: number;
  images: readonly ImagePixelPromise[];
}): VolumeTexels {
  if (!SIXTEEN_BIT_INTEGER_TYPES.has(input.dataType) || input.numberOfComponents !== 1 || input.images.length === 0) {
    return { texels: 'float32', basis: 'not-16-bit-integers' };
  }
  let promised = true;
  for (const image of input.images) {
    const range = promisedValueRange(image);
    const fits = range !== null && range[0] >= -HALF_FLOAT_EXACT_INTEGER_LIMIT && range[1] <= HALF_FLOAT_EXACT_INTEGER_LIMIT;
    if (!fits && range !== null && statesRange(image)) return { texels: 'float32', basis: 'stated-range-too-wide' };
    if (!fits) promised = false;
  }
  return { texels: 'half-float', basis: promised ? 'promised' : 'checked-per-slice' };
}
