import { validateImage, type AnalysisImage } from './image';
import { fail, ok, type AnalysisResult } from './result';
import { planeValueAt, voxelMapOf, volumeValueAt } from './sampling';
import { addScaled3, dot3, isFinite3, length3, subtract3, unit2, type Vec2, type Vec3 } from './vec';

/** The in-plane directions to analyse a volume on: the displayed view's row and column directions (unit vectors). */
export interface PlaneAxes {
  readonly rowCosine: Vec3;
  readonly columnCosine: Vec3;
}

/** A true midsagittal-style view: columns run posterior (+y), rows run to the feet (−z), as a sagittal MR is stored. */
export const SAGITTAL_AXES: PlaneAxes = { rowCosine: [0, 1, 0], columnCosine: [0, 0, -1] };

/**
 * The image as the analysis reads it: values on a plane at (x, y) mm along the plane's row and column directions,
 * with the patient's head and front as plane directions. Internal to analysis/.
 */
export interface PlaneView {
  /** Interpolated value at plane point (x, y) mm; NaN outside the image. */
  readonly valueAt: (xMm: number, yMm: number) => number;
  readonly toWorld: (p: Vec2) => Vec3;
  /** Orthogonal projection of a patient point onto the plane, mm. */
  readonly toPlane: (p: Vec3) => Vec2;
  /** Distance of a patient point from the plane, mm. */
  readonly offPlaneMm: (p: Vec3) => number;
  /** Unit plane direction towards the patient's head (+z projected). */
  readonly cranial: Vec2;
  /** Unit plane direction towards the patient's front (−y projected), perpendicular to cranial. */
  readonly anterior: Vec2;
  /** The finest in-plane sample distance of the source image, mm. */
  readonly resolutionMm: number;
}

/** Smallest share of the head–foot direction that must lie in the plane for a lateral (sagittal-like) view. */
const MIN_CRANIAL_IN_PLANE = 0.5;

/**
 * A PlaneView of a volume (on the plane through `throughMm` spanned by `axes`) or of a plane image (its own plane).
 * Fails with UNCALIBRATED, INVALID_IMAGE, INVALID_INPUT (axes not perpendicular units, or a plane that does not show
 * the head–foot direction, such as an axial one).
 */
export function planeViewOf(image: AnalysisImage, throughMm: Vec3, axes: PlaneAxes = SAGITTAL_AXES): AnalysisResult<PlaneView> {
  const valid = validateImage(image);
  if (!valid.ok) return valid;
  if (!isFinite3(throughMm)) return fail('INVALID_INPUT', 'The point is not three finite coordinates in mm.');
  const rowCosine = image.kind === 'plane' ? image.rowCosine : axes.rowCosine;
  const columnCosine = image.kind === 'plane' ? image.columnCosine : axes.columnCosine;
  if (
    !isFinite3(rowCosine) || !isFinite3(columnCosine) ||
    Math.abs(length3(rowCosine) - 1) > 1e-3 || Math.abs(length3(columnCosine) - 1) > 1e-3 ||
    Math.abs(dot3(rowCosine, columnCosine)) > 1e-2
  ) {
    return fail('INVALID_INPUT', 'The plane\'s row and column directions must be perpendicular unit vectors.');
  }
  const originMm = image.kind === 'plane' ? image.originMm : throughMm;
  const toWorld = (p: Vec2): Vec3 => addScaled3(addScaled3(originMm, rowCosine, p[0]), columnCosine, p[1]);
  const toPlane = (p: Vec3): Vec2 => {
    const d = subtract3(p, originMm);
    return [dot3(d, rowCosine), dot3(d, columnCosine)];
  };
  const offPlaneMm = (p: Vec3): number => {
    const q = toWorld(toPlane(p));
    return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
  };
  const cranialRaw: Vec2 = [rowCosine[2], columnCosine[2]];
  if (Math.hypot(cranialRaw[0], cranialRaw[1]) < MIN_CRANIAL_IN_PLANE) {
    return fail('INVALID_INPUT', 'This view does not show the spine lengthwise (head to feet); use the sagittal view.');
  }
  const cranial = unit2(cranialRaw) as Vec2;
  const anteriorRaw: Vec2 = [-rowCosine[1], -columnCosine[1]];
  const along = anteriorRaw[0] * cranial[0] + anteriorRaw[1] * cranial[1];
  const anterior = unit2([anteriorRaw[0] - along * cranial[0], anteriorRaw[1] - along * cranial[1]]);
  if (!anterior) return fail('INVALID_INPUT', 'This view does not show front and back; use the sagittal view.');
  if (image.kind === 'plane') {
    return ok({
      valueAt: (x, y) => planeValueAt(image, x, y),
      toWorld,
      toPlane,
      offPlaneMm,
      cranial,
      anterior,
      resolutionMm: Math.min(image.columnSpacingMm, image.rowSpacingMm),
    });
  }
  const map = voxelMapOf(image);
  return ok({
    valueAt: (x, y) => volumeValueAt(map, toWorld([x, y])),
    toWorld,
    toPlane,
    offPlaneMm,
    cranial,
    anterior,
    resolutionMm: Math.min(...image.spacingMm.filter((_, i) => image.dimensions[i] !== 1)),
  });
}
