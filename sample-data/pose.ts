/** A point or direction in DICOM patient coordinates (LPS, mm): +x patient left, +y posterior, +z head. */
export type Vec3 = readonly [number, number, number];

/** A point in a vertebra's own frame, mm: u anterior, v cranial, w patient left. */
export type LocalPoint = readonly [uMm: number, vMm: number, wMm: number];

/**
 * Where a vertebra sits: the origin of its local frame in patient mm, and its rotation about the patient x axis.
 * tiltDeg > 0 turns the cranial axis towards anterior (−y), i.e. the vertebra leans forward (flexion).
 */
export interface Pose {
  readonly centreMm: Vec3;
  readonly tiltDeg: number;
}

/** The local axes of a pose as unit vectors in patient coordinates. */
export interface Frame {
  readonly centreMm: Vec3;
  readonly anterior: Vec3;
  readonly cranial: Vec3;
}

/**
 * Local axes of a pose: rotating (0, −1, 0) and (0, 0, 1) by tiltDeg about +x gives
 * anterior = (0, −cos θ, −sin θ) and cranial = (0, −sin θ, cos θ); the lateral axis is +x in every pose.
 */
export function frameOf(pose: Pose): Frame {
  const tiltRad = (pose.tiltDeg * Math.PI) / 180;
  const cos = Math.cos(tiltRad);
  const sin = Math.sin(tiltRad);
  return { centreMm: pose.centreMm, anterior: [0, -cos, -sin], cranial: [0, -sin, cos] };
}

/** Local (u, v, w) mm → patient mm. */
export function localToPatient(frame: Frame, [uMm, vMm, wMm]: LocalPoint): Vec3 {
  const [cx, cy, cz] = frame.centreMm;
  return [
    cx + wMm,
    cy + uMm * frame.anterior[1] + vMm * frame.cranial[1],
    cz + uMm * frame.anterior[2] + vMm * frame.cranial[2],
  ];
}

/** Patient mm → local (u, v, w) mm (the inverse of localToPatient; the frame is orthonormal). */
export function patientToLocal(frame: Frame, [x, y, z]: Vec3): LocalPoint {
  const dy = y - frame.centreMm[1];
  const dz = z - frame.centreMm[2];
  return [
    dy * frame.anterior[1] + dz * frame.anterior[2],
    dy * frame.cranial[1] + dz * frame.cranial[2],
    x - frame.centreMm[0],
  ];
}

/** Euclidean distance between two patient points, mm. */
export function distanceMm(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
