import { Tissue as TISSUE } from './tissue';

/** The tissue codes as a module constant: trunkTissueAt runs for every voxel (why: rasterize.ts, above its own). */
const Tissue = TISSUE;
type Tissue = TISSUE;

/**
 * The patient's trunk around the spine, in patient mm: an elliptic cylinder 300 mm wide and 220 mm deep centred on
 * x = y = 0, a 15 mm layer of subcutaneous fat, paraspinal muscles behind the spine, and psoas muscles that appear
 * below the thoracolumbar junction and thicken caudally. Air outside.
 */
const SKIN_HALF_WIDTH_MM = 150;
const SKIN_HALF_DEPTH_MM = 110;
const FAT_THICKNESS_MM = 15;
const PARASPINAL = { centreXMm: 36, centreYMm: 68, halfWidthMm: 26, halfDepthMm: 26 };
const PSOAS = { centreXMm: 38, centreYMm: 12, halfWidthMm: 16, halfDepthMm: 18, startZMm: 15, fullSizeBelowZMm: -70 };

/** Tissue of the trunk at (x, y, z) ignoring the spine. */
export function trunkTissueAt(xMm: number, yMm: number, zMm: number): Tissue {
  const skin = (xMm / SKIN_HALF_WIDTH_MM) ** 2 + (yMm / SKIN_HALF_DEPTH_MM) ** 2;
  if (skin > 1) return Tissue.air;
  const inner =
    (xMm / (SKIN_HALF_WIDTH_MM - FAT_THICKNESS_MM)) ** 2 + (yMm / (SKIN_HALF_DEPTH_MM - FAT_THICKNESS_MM)) ** 2;
  if (inner > 1) return Tissue.fat;
  const absX = Math.abs(xMm);
  const paraspinal =
    ((absX - PARASPINAL.centreXMm) / PARASPINAL.halfWidthMm) ** 2 +
    ((yMm - PARASPINAL.centreYMm) / PARASPINAL.halfDepthMm) ** 2;
  if (paraspinal <= 1) return Tissue.muscle;
  if (zMm < PSOAS.startZMm) {
    const scale = Math.min(1, (PSOAS.startZMm - zMm) / (PSOAS.startZMm - PSOAS.fullSizeBelowZMm));
    const psoas =
      ((absX - PSOAS.centreXMm) / (PSOAS.halfWidthMm * scale)) ** 2 +
      ((yMm - PSOAS.centreYMm) / (PSOAS.halfDepthMm * scale)) ** 2;
    if (psoas <= 1) return Tissue.muscle;
  }
  return Tissue.softTissue;
}
