import { samplePlane, type Vec3, type Volume } from '../../analysis';
import { spineMidline } from '../../analysis/spineMidline';

/**
 * analysis/spineMidline read as the viewer reads it on a CT reformat, for the node test and `bench:assist`: sagittal
 * planes in the view's axes (towards the back across, the feet down; the view normal towards the patient's left) and
 * interpolated axial sections, from a volume in memory.
 */

const NORMAL: Vec3 = [1, 0, 0];
const BACK: Vec3 = [0, 1, 0];
const DOWN: Vec3 = [0, 0, -1];
/** Side of the sagittal planes read, mm (the viewer reads the volume's extent; here a square about the point given). */
const PLANE_SIDE_MM = 300;

const along = (p: Vec3, v: Vec3, s: number): Vec3 => [p[0] + v[0] * s, p[1] + v[1] * s, p[2] + v[2] * s];

/** The spine's midline x (LPS, mm) found from the sagittal plane through `displayedMm`; null when none is found. */
export function midlineXFrom(volume: Volume, displayedMm: Vec3): number | null {
  const corner = along(along(displayedMm, BACK, -PLANE_SIDE_MM / 2), DOWN, -PLANE_SIDE_MM / 2);
  const result = spineMidline({
    sagittalAt: (offsetMm) => {
      const plane = samplePlane(volume, { originMm: along(corner, NORMAL, offsetMm), rowCosine: BACK, columnCosine: DOWN, columns: PLANE_SIDE_MM + 1, rows: PLANE_SIDE_MM + 1, spacingMm: 1 });
      return plane.ok ? plane.value : null;
    },
    plane: (spec) => {
      const plane = samplePlane(volume, spec);
      return plane.ok ? plane.value : null;
    },
  }, NORMAL);
  return result.ok ? displayedMm[0] + result.value.offsetMm : null;
}
