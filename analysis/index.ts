/**
 * Public API of analysis/: pure image analysis that proposes the six morphometry points of vertebral bodies from a
 * CT or MR volume (or one plane of it). Patient coordinates (LPS) in mm everywhere; errors as values.
 */
export type { AnalysisError, AnalysisErrorCode, AnalysisResult } from './result';
export type { Vec2, Vec3 } from './vec';
export type { AnalysisImage, PlaneImage, Volume, VoxelValues } from './image';
export { validateImage, validatePlaneImage, validateVolume } from './image';
export type { PlaneSpec } from './samplePlane';
export { samplePlane } from './samplePlane';
export type { PlaneAxes } from './planeView';
export { SAGITTAL_AXES } from './planeView';
