import type { VertebraShape } from './vertebraShape';

/**
 * The neural arch behind a body, in the body's local frame (u anterior, v cranial, w left), mm: the canal, a ring of
 * bone around it (pedicles and laminae), a spinous process pointing back and down, and two transverse processes.
 * Sizes are round adult values; thoracic spinous processes slope steeply caudally, lumbar ones are short and tall.
 */
export interface ArchGeometry {
  /** Canal: ellipse centred at u = canalCentreUMm, w = 0. */
  readonly canalCentreUMm: number;
  readonly canalHalfDepthMm: number;
  readonly canalHalfWidthMm: number;
  /** Bone ring: the canal ellipse grown by this much. */
  readonly ringThicknessMm: number;
  /** v range of the ring (pedicles and laminae) and of the transverse processes. */
  readonly ringVMinMm: number;
  readonly ringVMaxMm: number;
  /** Spinous process: from spinousStartUMm back to spinousEndUMm; its mid-height drops by spinousSlope per mm back. */
  readonly spinousStartUMm: number;
  readonly spinousEndUMm: number;
  readonly spinousStartVMm: number;
  readonly spinousSlope: number;
  readonly spinousHalfHeightMm: number;
  readonly spinousHalfThicknessMm: number;
  /** Transverse processes: centred at u = transverseUMm, reaching out to |w| = transverseReachMm. */
  readonly transverseUMm: number;
  readonly transverseReachMm: number;
  readonly transverseVMinMm: number;
  readonly transverseVMaxMm: number;
  /** The spinal cord runs down to the conus at L1: 'upper' keeps it in the cranial half of the segment only. */
  readonly cord: 'whole' | 'upper' | 'none';
  readonly cordHalfDepthMm: number;
  readonly cordHalfWidthMm: number;
}

export function archGeometry(shape: VertebraShape): ArchGeometry {
  const thoracic = shape.region === 'thoracic';
  const heightMm = shape.posteriorHeightMm;
  const canalHalfDepthMm = thoracic ? 7.5 : 8.5;
  const canalHalfWidthMm = thoracic ? 8.5 : 11;
  const ringThicknessMm = 5.5;
  const canalCentreUMm = -shape.depthMm / 2 - canalHalfDepthMm;
  const spinousStartUMm = canalCentreUMm - canalHalfDepthMm - ringThicknessMm + 1;
  return {
    canalCentreUMm,
    canalHalfDepthMm,
    canalHalfWidthMm,
    ringThicknessMm,
    ringVMinMm: -0.42 * heightMm,
    ringVMaxMm: 0.42 * heightMm,
    spinousStartUMm,
    spinousEndUMm: spinousStartUMm - (thoracic ? 32 : 28),
    spinousStartVMm: 0.1 * heightMm,
    spinousSlope: thoracic ? 0.7 : 0.15,
    spinousHalfHeightMm: thoracic ? 4.5 : 8,
    spinousHalfThicknessMm: thoracic ? 3 : 3.5,
    transverseUMm: canalCentreUMm - (thoracic ? 4 : 0),
    transverseReachMm: thoracic ? 30 : 38,
    transverseVMinMm: thoracic ? 0 : -0.1 * heightMm,
    transverseVMaxMm: thoracic ? 0.3 * heightMm : 0.25 * heightMm,
    cord: shape.level === 'L1' ? 'upper' : thoracic ? 'whole' : 'none',
    cordHalfDepthMm: 4,
    cordHalfWidthMm: 5,
  };
}

/** Whether local (u, v, w) is bone of the neural arch. */
export function isArchBone(arch: ArchGeometry, uMm: number, vMm: number, wMm: number): boolean {
  const du = uMm - arch.canalCentreUMm;
  const absW = Math.abs(wMm);
  if (vMm >= arch.ringVMinMm && vMm <= arch.ringVMaxMm) {
    const outer = (du / (arch.canalHalfDepthMm + arch.ringThicknessMm)) ** 2 +
      (absW / (arch.canalHalfWidthMm + arch.ringThicknessMm)) ** 2;
    if (outer <= 1 && !isInCanal(arch, uMm, wMm)) return true;
  }
  if (uMm <= arch.spinousStartUMm && uMm >= arch.spinousEndUMm && absW <= arch.spinousHalfThicknessMm) {
    const midVMm = arch.spinousStartVMm - arch.spinousSlope * (arch.spinousStartUMm - uMm);
    if (Math.abs(vMm - midVMm) <= arch.spinousHalfHeightMm) return true;
  }
  return (
    Math.abs(du - (arch.transverseUMm - arch.canalCentreUMm)) <= 4.5 &&
    absW >= arch.canalHalfWidthMm + arch.ringThicknessMm - 1 &&
    absW <= arch.transverseReachMm &&
    vMm >= arch.transverseVMinMm &&
    vMm <= arch.transverseVMaxMm
  );
}

/** Whether (u, w) is inside the canal's cross-section (the v extent is the caller's business). */
export function isInCanal(arch: ArchGeometry, uMm: number, wMm: number): boolean {
  return ((uMm - arch.canalCentreUMm) / arch.canalHalfDepthMm) ** 2 + (wMm / arch.canalHalfWidthMm) ** 2 <= 1;
}

/** Whether (u, v, w) inside the canal is spinal cord rather than CSF. */
export function isInCord(arch: ArchGeometry, uMm: number, vMm: number, wMm: number): boolean {
  if (arch.cord === 'none' || (arch.cord === 'upper' && vMm < 0)) return false;
  // The cord lies slightly anterior in the canal.
  const cordCentreUMm = arch.canalCentreUMm + 1;
  return ((uMm - cordCentreUMm) / arch.cordHalfDepthMm) ** 2 + (wMm / arch.cordHalfWidthMm) ** 2 <= 1;
}

/** The most posterior and most caudal local coordinates the arch reaches, for bounding boxes. */
export function archExtent(arch: ArchGeometry): { uMinMm: number; vMinMm: number; wMaxMm: number } {
  const spinousLowMm =
    arch.spinousStartVMm - arch.spinousSlope * (arch.spinousStartUMm - arch.spinousEndUMm) - arch.spinousHalfHeightMm;
  return {
    uMinMm: arch.spinousEndUMm,
    vMinMm: Math.min(arch.ringVMinMm, spinousLowMm, arch.transverseVMinMm),
    wMaxMm: arch.transverseReachMm,
  };
}
