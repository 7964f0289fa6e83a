import { compareLevels, isSpinalLevel, levelIndex, type SpinalLevel } from './levels';
import { validateSixPoints, type SixPoints } from './points';
import { err, ok, type Result } from './result';
import { dot, isFiniteVec3, mean, unitOrNull, type Vec3 } from './vec3';

/** A measured level and where it lies along the spine: larger cranialPositionMm = nearer the head, mm. */
export interface PositionedLevel {
  readonly level: SpinalLevel;
  /** Position along the cranial direction (e.g. the patient S axis, LPS +z), mm; only differences matter. */
  readonly cranialPositionMm: number;
}

/** Two labels in the wrong order on the image: `cranial` should lie above `caudal` but lies at or below it. */
export interface LevelOrderViolation {
  /** The anatomically more cranial label (e.g. T5). */
  readonly cranial: SpinalLevel;
  /** The anatomically more caudal label (e.g. T10). */
  readonly caudal: SpinalLevel;
  /** Where the cranial label lies, mm. */
  readonly cranialPositionMm: number;
  /** Where the caudal label lies, mm (≥ cranialPositionMm, which is the fault). */
  readonly caudalPositionMm: number;
}

/** The patient's superior direction in DICOM LPS coordinates. */
const PATIENT_SUPERIOR: Vec3 = [0, 0, 1];

/**
 * Where a vertebra lies along `cranialDirection` (unit or not; the patient S axis, LPS [0, 0, 1], unless given), mm:
 * the projection of the mean of its six points. Fails with INVALID_POINT on a bad point, INVALID_VALUE on a zero or
 * non-finite direction.
 */
export function cranialPositionMm(points: SixPoints, cranialDirection: Vec3 = PATIENT_SUPERIOR): Result<number> {
  const valid = validateSixPoints(points);
  if (!valid.ok) return valid;
  const direction = isFiniteVec3(cranialDirection) ? unitOrNull(cranialDirection) : null;
  if (direction === null) {
    return err('INVALID_VALUE', `The cranial direction (${cranialDirection.join(', ')}) is not a finite, non-zero vector.`);
  }
  const p = points;
  const centre = mean(p.anteriorSuperior, p.anteriorInferior, p.middleSuperior, p.middleInferior, p.posteriorSuperior, p.posteriorInferior);
  return ok(dot(centre, direction));
}

/**
 * Every pair of measured levels whose labels contradict their positions: the anatomically more cranial label lying at
 * or below the more caudal one (cranialPositionMm ≤). Pairs of the same label are not compared. Sorted by the cranial
 * label, then the caudal one. Fails with UNKNOWN_LEVEL or INVALID_VALUE (a position that is not a finite number).
 */
export function levelsOutOfOrder(levels: ReadonlyArray<PositionedLevel>): Result<ReadonlyArray<LevelOrderViolation>> {
  for (const { level, cranialPositionMm: position } of levels) {
    if (!isSpinalLevel(level)) return err('UNKNOWN_LEVEL', `"${String(level)}" is not a vertebral level.`);
    if (typeof position !== 'number' || !Number.isFinite(position)) {
      return err('INVALID_VALUE', `The position of ${level} (${String(position)}) is not a finite number of millimetres.`);
    }
  }
  const sorted = [...levels].sort((a, b) => compareLevels(a.level, b.level));
  const violations: LevelOrderViolation[] = [];
  sorted.forEach((upper, i) => {
    for (const lower of sorted.slice(i + 1)) {
      if (levelIndex(lower.level) === levelIndex(upper.level)) continue;
      if (upper.cranialPositionMm <= lower.cranialPositionMm) {
        violations.push({
          cranial: upper.level,
          caudal: lower.level,
          cranialPositionMm: upper.cranialPositionMm,
          caudalPositionMm: lower.cranialPositionMm,
        });
      }
    }
  });
  return ok(violations);
}
