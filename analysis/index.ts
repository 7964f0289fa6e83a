/**
 * Public API of analysis/: pure image analysis that proposes the six morphometry points of vertebral bodies from a
 * CT or MR volume (or one plane of it). Patient coordinates (LPS) in mm everywhere; errors as values.
 */
export type { AnalysisError, AnalysisErrorCode, AnalysisResult } from './result';
export type { Vec2, Vec3 } from './vec';
export type { AnalysisImage, PlaneImage, SeriesHeader, Volume, VoxelValues } from './image';
export { imageCentreMm, seriesHeaderOf, validateImage, validatePlaneImage, validateVolume } from './image';
export type { PlaneSpec } from './samplePlane';
export { samplePlane } from './samplePlane';
export type { PlaneAxes } from './planeView';
export { SAGITTAL_AXES, slicesEachSide } from './planeView';
export type { CornerName, SixPointsMm } from './sixPoints';
export { CORNER_NAMES, isCornerName } from './sixPoints';
export type { ConfidenceReason, ReasonCode } from './confidence';
export { CHECK_BELOW_CONFIDENCE, confidenceOf } from './confidence';
export type { ShellPolarity } from './profile';
export type { AnalysisOptions, VertebraProposal } from './proposeVertebra';
export { proposeVertebra } from './proposeVertebra';
export { WALL_INSET_MM } from './constants';
export type { SnapResult } from './snapPoint';
export { snapPoint } from './snapPoint';
export { SNAP_RADIUS_MM } from './constants';
export type { SpineProposal, SpineVertebra } from './detectSpine';
export { detectSpine } from './detectSpine';
