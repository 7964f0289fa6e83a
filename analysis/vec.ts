/** A point or direction in DICOM patient coordinates (LPS: +x left, +y posterior, +z head), mm. */
export type Vec3 = readonly [number, number, number];

/** A point or direction on an image plane, mm along the plane's x (column) and y (row) axes. */
export type Vec2 = readonly [number, number];

/** a + b · s (mm). */
export function addScaled3(a: Vec3, b: Vec3, s: number): Vec3 {
  return [a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s];
}

/** a − b (mm). */
export function subtract3(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** Dot product of two 3-vectors. */
export function dot3(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Cross product a × b. */
export function cross3(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Euclidean length of a 3-vector. */
export function length3(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

/** Euclidean distance between two points, mm. */
export function distance3(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** True when all three coordinates are finite numbers. */
export function isFinite3(a: unknown): a is Vec3 {
  return Array.isArray(a) && a.length === 3 && a.every((c) => typeof c === 'number' && Number.isFinite(c));
}

/** a + b · s on the plane (mm). */
export function addScaled2(a: Vec2, b: Vec2, s: number): Vec2 {
  return [a[0] + b[0] * s, a[1] + b[1] * s];
}

/** Dot product of two plane vectors. */
export function dot2(a: Vec2, b: Vec2): number {
  return a[0] * b[0] + a[1] * b[1];
}

/** The angle between two unit vectors on the plane, radians (0–π; their dot product clamped against rounding). */
export function angleBetweenRad2(a: Vec2, b: Vec2): number {
  return Math.acos(Math.max(-1, Math.min(1, dot2(a, b))));
}

/** The vector pointing the other way. */
export function negate2(a: Vec2): Vec2 {
  return [-a[0], -a[1]];
}

/** a − b on the plane (mm). */
export function subtract2(a: Vec2, b: Vec2): Vec2 {
  return [a[0] - b[0], a[1] - b[1]];
}

/** The unit vector along a, or null when a has no length. */
export function unit2(a: Vec2): Vec2 | null {
  const l = Math.hypot(a[0], a[1]);
  return l > 1e-9 ? [a[0] / l, a[1] / l] : null;
}

/** a rotated by +90° on the plane. */
export function perpendicular2(a: Vec2): Vec2 {
  return [-a[1], a[0]];
}
