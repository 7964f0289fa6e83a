/**
 * Stable error codes of analysis/; the viewer may switch on them, the message is for the clinician.
 * - UNCALIBRATED: the image has no patient calibration (no PixelSpacing), so millimetre landmarks cannot be proposed.
 * - INVALID_IMAGE: the voxel array, its dimensions or its geometry are inconsistent (a programmer's or a loader's fault).
 * - INVALID_INPUT: a point, an axis or an option is not a finite number or is out of its range.
 * - OUTSIDE_IMAGE: the clicked point (or the region around it) is not inside the image.
 * - NO_VERTEBRA: no vertebral body with two endplates and two walls was found around the point.
 */
export type AnalysisErrorCode = 'UNCALIBRATED' | 'INVALID_IMAGE' | 'INVALID_INPUT' | 'OUTSIDE_IMAGE' | 'NO_VERTEBRA';

/** Why nothing could be proposed: a stable `code` and a `message` a clinician can read. */
export interface AnalysisError {
  readonly code: AnalysisErrorCode;
  readonly message: string;
}

/** A value, or the reason there is none; analysis/ returns this instead of throwing on bad data. */
export type AnalysisResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AnalysisError };

/** Wraps a value as a successful AnalysisResult. */
export function ok<T>(value: T): AnalysisResult<T> {
  return { ok: true, value };
}

/** Wraps an error code and a clinician-readable message as a failed AnalysisResult. */
export function fail<T = never>(code: AnalysisErrorCode, message: string): AnalysisResult<T> {
  return { ok: false, error: { code, message } };
}
