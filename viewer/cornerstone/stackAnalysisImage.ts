import { cache, imageLoader, metaData, type StackViewport, type Types } from '@cornerstonejs/core';
import { slicesEachSide, type AnalysisImage, type PlaneImage, type SeriesHeader, type Vec3, type Volume } from '../../analysis';
import { cross, dot, normalize, subtract } from './vec3';
import type { SlicedVolume } from './volumeBlock';

/**
 * What the analysis reads of a stack viewport (a native sagittal series, CT or MR): the displayed image and, when the
 * stack's slices around it are parallel, equally spaced and of one size, its neighbours as a small volume, so that a
 * click on a native stack is read as the node tests and `npm run bench:assist` read the same series as a volume (the
 * displayed slab, and on a noisy image its two neighbours averaged: on the real VerSe CT, 3 mm sagittal slices, the
 * displayed image alone missed the fracture's grade and miscounted the spine; see the journal, "Native stacks").
 */

/** cornerstone's imagePlaneModule of one image. */
interface PlaneModule {
  readonly imagePositionPatient?: number[];
  readonly rowCosines?: number[];
  readonly columnCosines?: number[];
  readonly rowPixelSpacing?: number | null;
  readonly columnPixelSpacing?: number | null;
}

/** One image of the stack with its geometry. */
interface StackSlice {
  readonly image: Types.IImage;
  readonly positionMm: Vec3;
  readonly rowCosine: Vec3;
  readonly columnCosine: Vec3;
  readonly rowSpacingMm: number;
  readonly columnSpacingMm: number;
}

/** Two slices' directions agree within this (cosine of the angle between them). */
const SAME_DIRECTION = 0.9999;
/** A neighbour may lie this far off the displayed image's plane normal, as a share of the pixel spacing. */
const IN_PLANE_SHIFT_SHARE = 0.1;
/** Neighbours' distances from the displayed image may differ from whole multiples of the spacing by this share. */
const SPACING_TOLERANCE_SHARE = 0.02;

function vec3(values: ArrayLike<number> | undefined): Vec3 | null {
  if (!values || values.length < 3) return null;
  const v: Vec3 = [Number(values[0]), Number(values[1]), Number(values[2])];
  return v.every(Number.isFinite) ? v : null;
}

/** An image's pixels in modality units (cornerstone may already have rescaled them on load: `preScale.scaled`). */
export function modalityValues(image: Types.IImage): Float32Array {
  const raw = image.getPixelData() as ArrayLike<number>;
  const scaled = (image as { preScale?: { scaled?: boolean } }).preScale?.scaled === true;
  const slope = scaled ? 1 : (image.slope ?? 1);
  const intercept = scaled ? 0 : (image.intercept ?? 0);
  const values = new Float32Array(image.rows * image.columns);
  for (let i = 0; i < values.length; i += 1) values[i] = (raw[i] ?? 0) * slope + intercept;
  return values;
}

function sliceOf(image: Types.IImage | undefined): StackSlice | null {
  if (!image || image.color) return null;
  const plane = metaData.get('imagePlaneModule', image.imageId) as PlaneModule | undefined;
  const positionMm = vec3(plane?.imagePositionPatient);
  const rowCosine = vec3(plane?.rowCosines);
  const columnCosine = vec3(plane?.columnCosines);
  if (!positionMm || !rowCosine || !columnCosine) return null;
  return {
    image, positionMm, rowCosine: normalize(rowCosine), columnCosine: normalize(columnCosine),
    rowSpacingMm: plane?.rowPixelSpacing ?? 0, columnSpacingMm: plane?.columnPixelSpacing ?? 0,
  };
}

function planeOf(slice: StackSlice, calibrated: boolean, header: SeriesHeader | undefined): PlaneImage {
  return {
    kind: 'plane',
    values: modalityValues(slice.image),
    columns: slice.image.columns,
    rows: slice.image.rows,
    originMm: slice.positionMm,
    rowCosine: slice.rowCosine,
    columnCosine: slice.columnCosine,
    // DICOM PixelSpacing is row spacing (between rows) then column spacing; cornerstone calls them row/columnPixelSpacing.
    columnSpacingMm: slice.columnSpacingMm,
    rowSpacingMm: slice.rowSpacingMm,
    calibrated: calibrated && slice.columnSpacingMm > 0 && slice.rowSpacingMm > 0,
    ...(header ? { header } : {}),
  };
}

/** The displayed image of a stack viewport as a plane in patient space (values in modality units), or null. */
export function displayedPlaneOf(viewport: StackViewport, calibrated: boolean, header?: SeriesHeader): PlaneImage | null {
  const imageId = viewport.getCurrentImageId();
  const slice = sliceOf(imageId ? cache.getImage(imageId) : undefined);
  return slice ? planeOf(slice, calibrated, header) : null;
}

/** The signed distance of `other` from `displayed` along its normal, when it is a parallel slice of the same size. */
function offsetAlongNormal(displayed: StackSlice, other: StackSlice): number | null {
  const sameSize = other.image.rows === displayed.image.rows && other.image.columns === displayed.image.columns;
  const sameSpacing = Math.abs(other.rowSpacingMm - displayed.rowSpacingMm) <= 1e-3 && Math.abs(other.columnSpacingMm - displayed.columnSpacingMm) <= 1e-3;
  const parallel = dot(other.rowCosine, displayed.rowCosine) >= SAME_DIRECTION && dot(other.columnCosine, displayed.columnCosine) >= SAME_DIRECTION;
  if (!sameSize || !sameSpacing || !parallel) return null;
  const d = subtract(other.positionMm, displayed.positionMm);
  const shiftMm = Math.hypot(dot(d, displayed.rowCosine), dot(d, displayed.columnCosine));
  if (shiftMm > IN_PLANE_SHIFT_SHARE * Math.min(displayed.rowSpacingMm, displayed.columnSpacingMm)) return null;
  return dot(d, cross(displayed.rowCosine, displayed.columnCosine));
}

async function loadedImage(imageId: string): Promise<Types.IImage | undefined> {
  try {
    return cache.getImage(imageId) ?? (await imageLoader.loadAndCacheImage(imageId));
  } catch {
    // A neighbour that cannot be read (a corrupt file, a refused frame) leaves the displayed image to be read alone;
    // its own failure is reported where the stack loads it.
    return undefined;
  }
}

/**
 * The displayed image and the neighbours the analysis reads with it (`slicesEachSide` of the stack's spacing), as a
 * volume of whole slices in the stack's order; the displayed image alone as a plane when it has no such neighbour
 * (one image, the stack's spacing irregular or its images of different sizes or orientations). Null when the displayed
 * image is not loaded or has no position and orientation.
 */
export async function stackAnalysisImage(viewport: StackViewport, calibrated: boolean, header?: SeriesHeader): Promise<AnalysisImage | null> {
  const imageIds = viewport.getImageIds();
  const index = viewport.getCurrentImageIdIndex();
  const displayedId = imageIds[index];
  const displayed = sliceOf(displayedId ? cache.getImage(displayedId) : undefined);
  if (!displayed) return null;
  const plane = planeOf(displayed, calibrated, header);
  const [before = null, after = null] = await Promise.all([index - 1, index + 1].map(async (n) => {
    const imageId = imageIds[n];
    const slice = imageId ? sliceOf(await loadedImage(imageId)) : null;
    return slice ? offsetAlongNormal(displayed, slice) : null;
  }));
  const stepMm = Math.min(...[before, after].filter((o): o is number => o !== null).map(Math.abs));
  if (!Number.isFinite(stepMm) || !(stepMm > 1e-3)) return plane;
  // The stack's order along the normal: +1 when later images lie on the normal's side.
  const order = after !== null ? Math.sign(after) : -Math.sign(before ?? 0);
  const reach = slicesEachSide(stepMm);
  const run: StackSlice[] = [displayed];
  for (const side of [-1, 1] as const) {
    for (let m = 1; m <= reach; m += 1) {
      const imageId = imageIds[index + side * m];
      const slice = imageId ? sliceOf(await loadedImage(imageId)) : null;
      const offset = slice ? offsetAlongNormal(displayed, slice) : null;
      if (!slice || offset === null || Math.abs(offset - side * order * m * stepMm) > SPACING_TOLERANCE_SHARE * stepMm) break;
      if (side < 0) run.unshift(slice);
      else run.push(slice);
    }
  }
  if (run.length === 1) return plane;
  const sliceLength = displayed.image.rows * displayed.image.columns;
  const values = new Float32Array(sliceLength * run.length);
  run.forEach((slice, k) => values.set(slice === displayed ? plane.values : modalityValues(slice.image), k * sliceLength));
  const normal = cross(displayed.rowCosine, displayed.columnCosine);
  const volume: Volume = {
    kind: 'volume',
    values,
    dimensions: [displayed.image.columns, displayed.image.rows, run.length],
    originMm: run[0]!.positionMm,
    rowCosine: displayed.rowCosine,
    columnCosine: displayed.columnCosine,
    sliceCosine: order > 0 ? normal : [-normal[0], -normal[1], -normal[2]],
    spacingMm: [displayed.columnSpacingMm, displayed.rowSpacingMm, stepMm],
    calibrated: plane.calibrated,
    ...(header ? { header } : {}),
  };
  return volume;
}

/** A whole stack as a volume whose slice k is the stack's image k. */
export interface StackVolume {
  readonly sliced: SlicedVolume;
  /** Unit normal of the images (row × column). */
  readonly normal: Vec3;
}

/**
 * Every image of a stack viewport as a volume of slices (each read in modality units when first sampled), once all
 * are loaded: null when one cannot be read, or the images are not parallel, of one size and evenly spaced (as a
 * reformat's slices are; a localiser or a second block in the stack is not).
 */
export async function stackSlicedVolume(viewport: StackViewport): Promise<StackVolume | null> {
  const imageIds = viewport.getImageIds();
  const slices = await Promise.all(imageIds.map(async (id) => sliceOf(await loadedImage(id))));
  const first = slices[0];
  if (!first || slices.length < 2 || slices.some((s) => s === null)) return null;
  const offsets = slices.map((s) => offsetAlongNormal(first, s!));
  const stepMm = offsets[1];
  if (offsets.some((o) => o === null) || stepMm === null || stepMm === undefined || !(Math.abs(stepMm) > 1e-3)) return null;
  if (offsets.some((o, k) => Math.abs(o! - k * stepMm) > SPACING_TOLERANCE_SHARE * Math.abs(stepMm))) return null;
  const normal = cross(first.rowCosine, first.columnCosine);
  const values = new Map<number, Float32Array>();
  const sliced: SlicedVolume = {
    dimensions: [first.image.columns, first.image.rows, slices.length],
    originMm: first.positionMm,
    rowCosine: first.rowCosine,
    columnCosine: first.columnCosine,
    sliceCosine: stepMm > 0 ? normal : [-normal[0], -normal[1], -normal[2]],
    spacingMm: [first.columnSpacingMm, first.rowSpacingMm, Math.abs(stepMm)],
    sliceValues: (k) => {
      let slice = values.get(k);
      if (!slice) {
        const image = slices[k]?.image;
        if (!image) return null;
        slice = modalityValues(image);
        values.set(k, slice);
      }
      return slice;
    },
  };
  return { sliced, normal };
}
