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
export type { ExpectedHeights, ReferenceNeighbour } from './expectedHeights';
export { expectedHeightsFromNeighbours } from './expectedHeights';
export type { AssessVertebraOptions, Deformity, GradeReference, GradeRule, VertebraAssessment } from './assessVertebra';
export { assessVertebra, gradeRuleCode } from './assessVertebra';
export { cobbAngleDeg, wedgeAngleDeg } from './angles';
export type { DisplayedPlane, GradeRange, HeightUncertainty, LossWithUncertainty } from './uncertainty';
export { gradeRangeLabel, gradeRangeOf, heightUncertaintyFor, isBorderline, lossUncertaintyPct } from './uncertainty';
export type { AssessSpineOptions, LevelAssessment, LevelUncertainty, SpineAssessment, SpineInput } from './assessSpine';
export { assessSpine } from './assessSpine';
export type { CompareStudiesOptions, LevelComparison, McKiernanRestoration, PerHeight, Referent, StudyComparison } from './compareStudies';
export { compareStudies } from './compareStudies';
export type { BlandAltman, ReadingPair } from './repeatability';
export { blandAltman, isWithinMeasurementError, rootMeanSquareCvPct } from './repeatability';
export type { HeightPrecision, LevelReadingDifference, ReadingComparison } from './compareReadings';
export { compareReadings } from './compareReadings';
export type { LevelOrderViolation, PositionedLevel } from './levelOrder';
export { cranialPositionMm, levelsOutOfOrder } from './levelOrder';
