import type { DicomWebError } from './errors';

/** A value, or why the PACS could not give it; the DICOMweb client returns this instead of throwing. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DicomWebError };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a DicomWebError as a failed Result. */
export function fail<T = never>(error: DicomWebError): Result<T> {
  return { ok: false, error };
}
