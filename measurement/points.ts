import { MAX_ABS_COORDINATE_MM } from './constants';
import { err, ok, type Result } from './result';
import type { Vec3 } from './vec3';

/**
 * The six-point placement of one vertebral body on a lateral image, in patient coordinates (mm): a superior and an
 * inferior point at the anterior, middle and posterior wall. Hurxthal LM, Am J Roentgenol 1968;103:635–644.
 */
export interface SixPoints {
  readonly anteriorSuperior: Vec3;
  readonly anteriorInferior: Vec3;
  readonly middleSuperior: Vec3;
  readonly middleInferior: Vec3;
  readonly posteriorSuperior: Vec3;
  readonly posteriorInferior: Vec3;
}

/** The name of one of the six points. */
export type PointName = keyof SixPoints;

/** The six point names with the words a clinician reads in a message, in placement order. */
export const POINT_LABELS: Readonly<Record<PointName, string>> = {
  anteriorSuperior: 'anterior superior',
  anteriorInferior: 'anterior inferior',
  middleSuperior: 'middle superior',
  middleInferior: 'middle inferior',
  posteriorSuperior: 'posterior superior',
  posteriorInferior: 'posterior inferior',
};

const POINT_NAMES = Object.keys(POINT_LABELS) as ReadonlyArray<PointName>;

function isValidCoordinate(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_ABS_COORDINATE_MM;
}

/**
 * Checks that all six points are present with three finite coordinates within ±MAX_ABS_COORDINATE_MM (mm);
 * safe on untrusted data (e.g. read from JSON). Fails with INVALID_POINT naming the first bad point.
 */
export function validateSixPoints(points: SixPoints): Result<SixPoints> {
  for (const name of POINT_NAMES) {
    const point: unknown = (points as Partial<Record<PointName, unknown>> | null | undefined)?.[name];
    const label = POINT_LABELS[name];
    if (!Array.isArray(point) || point.length !== 3) {
      return err('INVALID_POINT', `The ${label} point is missing or does not have three coordinates. Place it again.`);
    }
    if (!point.every(isValidCoordinate)) {
      return err(
        'INVALID_POINT',
        `The ${label} point has a coordinate that is not a finite number within ±${MAX_ABS_COORDINATE_MM} mm ` +
          `(${point.map(String).join(', ')}). Place it again.`,
      );
    }
  }
  return ok(points);
}
