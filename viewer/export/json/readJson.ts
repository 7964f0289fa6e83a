import type { ImportedVertebra } from './readVertebra';
import { readStudies, type ReadMeasurementsOptions, type Rejection } from './readStudies';
import { MEASUREMENTS_FORMAT, MEASUREMENTS_SCHEMA_VERSION } from './schema';
import { isRecord, isShortText, quoteForMessage } from './untrusted';
import { countEntries, entryCountProblem, measurementsFileSizeProblem } from './importLimits';

/**
 * Why a whole file was refused (nothing is imported):
 * - INVALID_JSON: the text does not parse as JSON.
 * - NOT_A_MEASUREMENTS_FILE: JSON, but not an object whose `format` is MEASUREMENTS_FORMAT.
 * - UNSUPPORTED_SCHEMA_VERSION: schemaVersion missing, not a whole number ≥ 1, or newer than this viewer reads.
 * - INVALID_DOCUMENT: `studies` is not an array.
 * - NO_STUDIES: `studies` is empty.
 * - NO_MEASUREMENTS: the studies hold no vertebra at all.
 * - FILE_TOO_LARGE: the text is longer than MAX_MEASUREMENTS_FILE_BYTES (not parsed at all).
 * - TOO_MANY_SERIES, TOO_MANY_VERTEBRAE: more than MAX_SERIES_PER_FILE series (or studies) or MAX_VERTEBRAE_PER_FILE
 *   vertebrae (counted before any is read); see importLimits.ts.
 */
export type ImportErrorCode =
  | 'INVALID_JSON'
  | 'NOT_A_MEASUREMENTS_FILE'
  | 'UNSUPPORTED_SCHEMA_VERSION'
  | 'INVALID_DOCUMENT'
  | 'NO_STUDIES'
  | 'NO_MEASUREMENTS'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_SERIES'
  | 'TOO_MANY_VERTEBRAE';

/** A stable code and a message the clinician can read. */
export interface ImportError {
  readonly code: ImportErrorCode;
  readonly message: string;
}

/** What a file brings: its vertebrae that passed every check, and everything left out with the reason. */
export interface MeasurementsImport {
  /** appVersion and exportedAt as written in the file; "" when absent or not text. */
  readonly appVersion: string;
  readonly exportedAt: string;
  /** The patient named in the file, for the caller to compare with the open patient; "" when absent. */
  readonly patient: { readonly id: string; readonly name: string };
  readonly measurements: ReadonlyArray<ImportedVertebra>;
  readonly rejected: ReadonlyArray<Rejection>;
}

/** The outcome of reading a file. */
export type ImportResult =
  | { readonly ok: true; readonly value: MeasurementsImport }
  | { readonly ok: false; readonly error: ImportError };

function failure(code: ImportErrorCode, message: string): ImportResult {
  return { ok: false, error: { code, message } };
}

function textOrEmpty(value: unknown): string {
  return isShortText(value, 1024) ? value : '';
}

function checkHeader(document: unknown): ImportError | null {
  if (!isRecord(document) || document.format !== MEASUREMENTS_FORMAT) {
    const format = isRecord(document) ? ` (its format is ${quoteForMessage(document.format)})` : '';
    return {
      code: 'NOT_A_MEASUREMENTS_FILE',
      message: `This file is not a vertebral height measurements export${format}. Choose a .json file exported by this viewer.`,
    };
  }
  const version = document.schemaVersion;
  if (!Number.isInteger(version) || (version as number) < 1) {
    return {
      code: 'UNSUPPORTED_SCHEMA_VERSION',
      message: `The file's schemaVersion (${quoteForMessage(version)}) is not a whole number of 1 or more; the file is damaged.`,
    };
  }
  if ((version as number) > MEASUREMENTS_SCHEMA_VERSION) {
    return {
      code: 'UNSUPPORTED_SCHEMA_VERSION',
      message:
        `The file uses schema version ${String(version)}, newer than this viewer reads (up to ${MEASUREMENTS_SCHEMA_VERSION}). ` +
        'Open it with a newer version of the viewer.',
    };
  }
  if (!Array.isArray(document.studies)) {
    return { code: 'INVALID_DOCUMENT', message: 'The file has no list of studies ("studies" is not an array); it is damaged.' };
  }
  if (document.studies.length === 0) {
    return { code: 'NO_STUDIES', message: 'The file lists no study, so there is nothing to import.' };
  }
  return null;
}

/**
 * Reads a measurements file (SCHEMA.md). A file that is not JSON, not such an export, of a newer schema version,
 * without studies, or beyond the import limits (importLimits.ts) is refused whole with a clear message. Otherwise every vertebra is checked on its own — id, level,
 * six measurable points (measurement/'s checks and messages), directions, no level twice in a series — and the good
 * ones come through with exactly the numbers in the file, the others are listed in `rejected` with where and why.
 * Derived numbers in the file (`informative`) are never read.
 */
export function readMeasurementsJson(text: string, options: ReadMeasurementsOptions = {}): ImportResult {
  // A character takes at least one byte of the file, so a file within the byte limit always passes this.
  const tooLarge = measurementsFileSizeProblem(text.length);
  if (tooLarge !== null) return failure('FILE_TOO_LARGE', tooLarge);
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return failure('INVALID_JSON', `This file is not valid JSON${detail}. Choose a .json file exported by this viewer.`);
  }
  const headerError = checkHeader(document);
  if (headerError !== null) return { ok: false, error: headerError };
  const doc = document as Record<string, unknown> & { studies: unknown[] };
  const tooMany = entryCountProblem(doc.studies.length, countEntries(doc.studies));
  if (tooMany !== null) return { ok: false, error: tooMany };

  const { measurements, rejected, vertebraCount } = readStudies(doc.studies, options);
  if (vertebraCount === 0 && rejected.length === 0) {
    return failure('NO_MEASUREMENTS', 'The studies in this file hold no measured vertebra, so there is nothing to import.');
  }
  const patient = isRecord(doc.patient) ? doc.patient : {};
  return {
    ok: true,
    value: {
      appVersion: textOrEmpty(doc.appVersion),
      exportedAt: textOrEmpty(doc.exportedAt),
      patient: { id: textOrEmpty(patient.id), name: textOrEmpty(patient.name) },
      measurements,
      rejected,
    },
  };
}

