/**
 * Stable error codes; the viewer may switch on them, the message is for the clinician.
 * - INVALID_POINT: a coordinate is missing, not a finite number, or beyond ±MAX_ABS_COORDINATE_MM.
 * - COINCIDENT_POINTS: the superior and inferior point of a pair are at the same place, so its height is 0 mm.
 * - NON_POSITIVE_HEIGHT: a height (or the reference posterior height) is 0 mm or negative.
 * - INVALID_HEIGHT: a height (or the reference) is not a finite number, or the heights are too far apart in size to compare.
 * - DEGENERATE_ENDPLATE: an endplate's two points coincide, or the endplate runs across the vertebra's own plane.
 * - DEGENERATE_VERTEBRA: the points do not span a plane with a front-back and a head-foot direction.
 * - EMPTY_SPINE: no vertebra was given.
 * - UNKNOWN_LEVEL: a level is not one of C2 … S1.
 * - DUPLICATE_LEVEL: a level is given twice in one study.
 * - INVALID_PLANE: the displayed plane's pixel size, slice spacing or directions are not usable.
 * - TOO_FEW_LEVELS: fewer paired values than a statistic needs (a CV needs one, limits of agreement two).
 * - INVALID_VALUE: a value of a statistic is not a finite number, or not positive where a CV needs it.
 */
export type ErrorCode =
  | 'INVALID_POINT'
  | 'COINCIDENT_POINTS'
  | 'NON_POSITIVE_HEIGHT'
  | 'INVALID_HEIGHT'
  | 'DEGENERATE_ENDPLATE'
  | 'DEGENERATE_VERTEBRA'
  | 'EMPTY_SPINE'
  | 'UNKNOWN_LEVEL'
  | 'DUPLICATE_LEVEL'
  | 'INVALID_PLANE'
  | 'TOO_FEW_LEVELS'
  | 'INVALID_VALUE';

/** Why a measurement could not be made: a stable `code` and a `message` a clinician can read. */
export interface MeasurementError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** A value, or the reason there is none; measurement/ returns this instead of throwing on bad data. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: MeasurementError };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error code and a clinician-readable message as a failed Result. */
export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** The same failure with `prefix` put before its message (e.g. 'L1: '), keeping the code. */
export function withMessagePrefix<T>(error: MeasurementError, prefix: string): Result<T> {
  return err(error.code, `${prefix}${error.message}`);
}
