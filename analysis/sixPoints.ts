import type { Vec3 } from './vec';

/**
 * The six morphometry points of one vertebral body in patient coordinates (LPS, mm); the same shape as
 * measurement/'s SixPoints, so a proposal can be handed to measurement/ as it is.
 */
export interface SixPointsMm {
  readonly anteriorSuperior: Vec3;
  readonly anteriorInferior: Vec3;
  readonly middleSuperior: Vec3;
  readonly middleInferior: Vec3;
  readonly posteriorSuperior: Vec3;
  readonly posteriorInferior: Vec3;
}

/** One of the six corners. */
export type CornerName = keyof SixPointsMm;

/** The six corner names in placement order. */
export const CORNER_NAMES: readonly CornerName[] = [
  'anteriorSuperior',
  'anteriorInferior',
  'middleSuperior',
  'middleInferior',
  'posteriorSuperior',
  'posteriorInferior',
];

/** The three points of each endplate, anterior, middle and posterior. */
export const ENDPLATE_POINT_NAMES = {
  superior: ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior'],
  inferior: ['anteriorInferior', 'middleInferior', 'posteriorInferior'],
} as const satisfies Record<'superior' | 'inferior', readonly [CornerName, CornerName, CornerName]>;

/** True when `value` is one of the six corner names (safe on untrusted data). */
export function isCornerName(value: unknown): value is CornerName {
  return typeof value === 'string' && (CORNER_NAMES as readonly string[]).includes(value);
}
