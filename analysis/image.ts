import { fail, ok, type AnalysisResult } from './result';
import { addScaled3, cross3, dot3, isFinite3, length3, type Vec3 } from './vec';

/** Voxel or pixel values in modality units (CT: Hounsfield units after the rescale; MR: signal as stored). */
export type VoxelValues =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/**
 * What a series' DICOM header says its values are, as far as the analysis needs it. Optional on an image: without it
 * the analysis decides from the values alone (fat or air below −50 around the spine means Hounsfield units).
 */
export interface SeriesHeader {
  /** Modality (0008,0060) as the header gives it, upper case: 'CT', 'MR', 'CR', … */
  readonly modality: string;
  /** True when the values are Hounsfield units: a CT whose Rescale Type (0028,1054) is 'HU' or absent (PS3.3 C.11.1.1.2). */
  readonly hounsfield: boolean;
}

/**
 * The SeriesHeader of a series from its Modality and Rescale Type (either may be absent); undefined without a
 * modality. A CT's rescaled values are HU unless its Rescale Type says otherwise (the enhanced CT IODs give it; the
 * classic CT image leaves it out and means HU).
 */
export function seriesHeaderOf(modality: string | undefined, rescaleType: string | undefined): SeriesHeader | undefined {
  const m = modality?.trim().toUpperCase();
  if (!m) return undefined;
  const type = rescaleType?.trim().toUpperCase();
  return { modality: m, hounsfield: m === 'CT' && (!type || type === 'HU') };
}

/**
 * Whether an image's values are Hounsfield units as its header settles it: true for a HU CT, false for any other
 * modality (MR signal, a radiograph's pixel values); undefined when there is no header or a CT's rescale type is not HU,
 * and the values must decide.
 */
export function headerHounsfield(header: SeriesHeader | undefined): boolean | undefined {
  if (!header) return undefined;
  if (header.hounsfield) return true;
  return header.modality === 'CT' ? undefined : false;
}

/**
 * A volume in patient space, as a DICOM series of parallel slices describes it. Voxel (i, j, k) — column i, row j,
 * slice k — is `values[i + j · columns + k · columns · rows]` and lies at
 * `originMm + i · columnSpacingMm · rowCosine + j · rowSpacingMm · columnCosine + k · sliceSpacingMm · sliceCosine`.
 */
export interface Volume {
  readonly kind: 'volume';
  readonly values: VoxelValues;
  /** Number of columns (i), rows (j) and slices (k). */
  readonly dimensions: readonly [number, number, number];
  /** Patient position (LPS, mm) of the centre of voxel (0, 0, 0): ImagePositionPatient of the first slice. */
  readonly originMm: Vec3;
  /** Unit direction of increasing column index i: the first ImageOrientationPatient triplet. */
  readonly rowCosine: Vec3;
  /** Unit direction of increasing row index j: the second ImageOrientationPatient triplet. */
  readonly columnCosine: Vec3;
  /** Unit direction of increasing slice index k (need not be rowCosine × columnCosine: descending stacks are fine). */
  readonly sliceCosine: Vec3;
  /** Distance between columns, between rows and between slice positions, mm. */
  readonly spacingMm: readonly [column: number, row: number, slice: number];
  /** False when the image has no patient calibration (no PixelSpacing): nothing is proposed then. */
  readonly calibrated: boolean;
  /** What the series' header says of its values, when the caller knows it. */
  readonly header?: SeriesHeader;
}

/**
 * A 2-D image on a plane in patient space (e.g. the displayed sagittal view). Pixel (column c, row r) is
 * `values[c + r · columns]` and lies at `originMm + c · columnSpacingMm · rowCosine + r · rowSpacingMm · columnCosine`.
 */
export interface PlaneImage {
  readonly kind: 'plane';
  readonly values: VoxelValues;
  readonly columns: number;
  readonly rows: number;
  /** Patient position (LPS, mm) of the centre of pixel (0, 0). */
  readonly originMm: Vec3;
  /** Unit direction of increasing column index. */
  readonly rowCosine: Vec3;
  /** Unit direction of increasing row index, perpendicular to rowCosine. */
  readonly columnCosine: Vec3;
  /** Distance between columns and between rows, mm. */
  readonly columnSpacingMm: number;
  readonly rowSpacingMm: number;
  /** False when the image has no patient calibration: nothing is proposed then. */
  readonly calibrated: boolean;
  /** What the series' header says of its values, when the caller knows it. */
  readonly header?: SeriesHeader;
}

/** What every function of analysis/ reads: a volume, or one plane sampled from it (see samplePlane). */
export type AnalysisImage = Volume | PlaneImage;

const UNIT_TOLERANCE = 1e-3;

function isUnit(v: Vec3): boolean {
  return Math.abs(length3(v) - 1) < UNIT_TOLERANCE;
}

function isPositiveSpacing(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

const UNCALIBRATED_MESSAGE =
  'This image has no patient calibration (no pixel spacing in mm), so points cannot be proposed. Place them by hand; ' +
  'heights will be in pixels and not graded.';

/** Checks a volume's calibration, dimensions and geometry; fails with UNCALIBRATED or INVALID_IMAGE. */
export function validateVolume(volume: Volume): AnalysisResult<Volume> {
  if (!volume.calibrated) return fail('UNCALIBRATED', UNCALIBRATED_MESSAGE);
  const [columns, rows, slices] = volume.dimensions;
  if (![columns, rows, slices].every((n) => Number.isInteger(n) && n > 0)) {
    return fail('INVALID_IMAGE', `The volume's dimensions (${volume.dimensions.join(' × ')}) are not positive whole numbers.`);
  }
  if (volume.values.length !== columns * rows * slices) {
    return fail(
      'INVALID_IMAGE',
      `The volume holds ${volume.values.length} values but its dimensions ${columns} × ${rows} × ${slices} need ` +
        `${columns * rows * slices}.`,
    );
  }
  if (!volume.spacingMm.every(isPositiveSpacing)) {
    return fail('UNCALIBRATED', UNCALIBRATED_MESSAGE);
  }
  const axes = [volume.originMm, volume.rowCosine, volume.columnCosine, volume.sliceCosine];
  if (!axes.every(isFinite3) || ![volume.rowCosine, volume.columnCosine, volume.sliceCosine].every(isUnit)) {
    return fail('INVALID_IMAGE', 'The volume\'s position or orientation is missing or its direction cosines are not unit vectors.');
  }
  if (Math.abs(dot3(cross3(volume.rowCosine, volume.columnCosine), volume.sliceCosine)) < 0.5) {
    return fail('INVALID_IMAGE', 'The volume\'s slices are not stacked across the image plane (sheared or in-plane slice direction).');
  }
  return ok(volume);
}

/** Checks a plane image's calibration, size and geometry; fails with UNCALIBRATED or INVALID_IMAGE. */
export function validatePlaneImage(plane: PlaneImage): AnalysisResult<PlaneImage> {
  if (!plane.calibrated || !isPositiveSpacing(plane.columnSpacingMm) || !isPositiveSpacing(plane.rowSpacingMm)) {
    return fail('UNCALIBRATED', UNCALIBRATED_MESSAGE);
  }
  if (!Number.isInteger(plane.columns) || !Number.isInteger(plane.rows) || plane.columns < 2 || plane.rows < 2) {
    return fail('INVALID_IMAGE', `The plane's size (${plane.columns} × ${plane.rows}) is not at least 2 × 2 whole pixels.`);
  }
  if (plane.values.length !== plane.columns * plane.rows) {
    return fail('INVALID_IMAGE', `The plane holds ${plane.values.length} values but ${plane.columns} × ${plane.rows} are needed.`);
  }
  if (![plane.originMm, plane.rowCosine, plane.columnCosine].every(isFinite3) || !isUnit(plane.rowCosine) || !isUnit(plane.columnCosine)) {
    return fail('INVALID_IMAGE', 'The plane\'s position or orientation is missing or its direction cosines are not unit vectors.');
  }
  if (Math.abs(dot3(plane.rowCosine, plane.columnCosine)) > 0.01) {
    return fail('INVALID_IMAGE', 'The plane\'s row and column directions are not perpendicular.');
  }
  return ok(plane);
}

/** Checks either kind of image. */
export function validateImage(image: AnalysisImage): AnalysisResult<AnalysisImage> {
  return image.kind === 'volume' ? validateVolume(image) : validatePlaneImage(image);
}

/** Patient position (LPS, mm) of the centre of an image's grid: a volume's voxels, or a plane's pixels. */
export function imageCentreMm(image: AnalysisImage): Vec3 {
  const [columns, rows, columnSpacingMm, rowSpacingMm] = image.kind === 'volume'
    ? [image.dimensions[0], image.dimensions[1], image.spacingMm[0], image.spacingMm[1]]
    : [image.columns, image.rows, image.columnSpacingMm, image.rowSpacingMm];
  const alongRows = addScaled3(image.originMm, image.rowCosine, ((columns - 1) / 2) * columnSpacingMm);
  const inPlane = addScaled3(alongRows, image.columnCosine, ((rows - 1) / 2) * rowSpacingMm);
  return image.kind === 'volume' ? addScaled3(inPlane, image.sliceCosine, ((image.dimensions[2] - 1) / 2) * image.spacingMm[2]) : inPlane;
}
