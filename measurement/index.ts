/** Public API of measurement/: pure vertebral morphometry (six-point heights, ratios, Genant grade, angles, follow-up). */
export type { Vec3 } from './vec3';
export { add, distance, dot, isFiniteVec3, length, mean, scale, subtract, unitOrNull } from './vec3';
export * from './constants';
export type { SpinalDirection, SpinalLevel } from './levels';
export {
  compareLevels,
  FIRST_PROPOSED_LEVEL,
  isSpinalLevel,
  levelDistance,
  levelIndex,
  proposeNextLevel,
  SPINAL_LEVELS,
} from './levels';
export type { ErrorCode, MeasurementError, Result } from './result';
export { err, ok, withMessagePrefix } from './result';
export type { PointName, SixPoints } from './points';
export { POINT_LABELS, validateSixPoints } from './points';
export type { VertebralHeights } from './heights';
export { HEIGHT_POINT_PAIRS, heightsFromPoints } from './heights';
export type { GenantGrade, GenantGradeName } from './grading';
export { GENANT_GRADE_NAMES, genantGrade } from './grading';
export type { AssessVertebraOptions, Deformity, VertebraAssessment } from './assessVertebra';
export { assessVertebra } from './assessVertebra';
export { cobbAngleDeg, wedgeAngleDeg } from './angles';
export type { LevelAssessment, SpineAssessment, SpineInput } from './assessSpine';
export { assessSpine } from './assessSpine';
export type { LevelComparison, PerHeight, StudyComparison } from './compareStudies';
export { compareStudies } from './compareStudies';
