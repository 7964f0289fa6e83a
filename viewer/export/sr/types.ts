import type { ReaderReading } from '../../model/readerReading';
import type { SixPoints, SpinalLevel } from '../../../measurement';
import type { ForeignAnnotation } from '../../model/foreignAnnotation';

export type { ForeignAnnotation, ForeignAnnotationKind, ForeignGraphic, ForeignValue } from '../../model/foreignAnnotation';

/** One measured vertebra as stored in a report: its level and its six points in patient coordinates (mm, DICOM LPS). */
export interface SrVertebra {
  readonly level: SpinalLevel;
  readonly points: SixPoints;
  /** Present when the image analysis proposed the points: whether the reader reviewed them, and its confidence (0–1). */
  readonly proposal?: { readonly reviewed: boolean; readonly confidence: number };
  /** The reader's own grade, endplate depression and note; absent or empty when none was recorded. */
  readonly reading?: ReaderReading | undefined;
}

/** One instance of the measured image series, listed in the report's image library. */
export interface SrSourceImage {
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** An earlier report that a new report supersedes (written to Predecessor Documents Sequence (0040,A360)). */
export interface SrDocumentReference {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
}

/**
 * Everything writeMeasurementReport needs. Patient and study attributes are copied from the measured images as their
 * DICOM strings; dates and times may also be given as '1948-03-12' / '09:30:00', and a value that is not a valid
 * date, time or sex (M, F, O) is written empty rather than invalid.
 */
export interface SrExportInput {
  readonly patient: { readonly name: string; readonly id: string; readonly birthDate: string; readonly sex: string };
  readonly study: {
    readonly studyInstanceUID: string;
    readonly studyDate: string;
    readonly studyTime: string;
    readonly studyId: string;
    readonly accessionNumber: string;
    readonly referringPhysicianName: string;
    readonly description: string;
  };
  /** The IMAGE series that was measured (not the new SR series). */
  readonly series: {
    readonly seriesInstanceUID: string;
    readonly frameOfReferenceUID: string;
    readonly modality: string;
    readonly description: string;
  };
  /** The instances of the measured series; the report's image library references each of them. */
  readonly sourceImages: ReadonlyArray<SrSourceImage>;
  readonly vertebrae: ReadonlyArray<SrVertebra>;
  /**
   * True when the points are in calibrated patient coordinates (mm). An uncalibrated image (e.g. a radiograph without
   * pixel spacing) is refused with UNCALIBRATED: a report of millimetres and grades would be wrong.
   */
  readonly calibrated: boolean;
  /** This app's version, written to Software Versions (0018,1020). */
  readonly appVersion: string;
  /** Content, series and instance creation date/time, written in UTC; injected so that output is deterministic. */
  readonly now: Date;
  /**
   * Makes a new globally unique DICOM UID each call (SR series, SR instance, one tracking UID per vertebra, then per
   * vertebra three tracking UIDs of its height lines, anterior → middle → posterior, in that order). Defaults to random 2.25 UUID-derived UIDs; inject a deterministic generator for tests.
   */
  readonly newUid?: () => string;
  /** The earlier report this one supersedes, if any: a new save never overwrites an earlier report. */
  readonly predecessor?: SrDocumentReference;
}

/** A written report: the Part 10 bytes and the identity of the new SR instance. */
export interface SrExportOutput {
  readonly bytes: Uint8Array;
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** Suggested download name, e.g. 'vertebral-heights_20240131-142500.dcm'; holds no patient data. */
  readonly fileName: string;
}

/** What readMeasurementReport found in an SR. */
export interface SrImportResult {
  /** Study of the SR (and of the measured images). */
  readonly studyInstanceUID: string;
  /** Series of the SR itself. */
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
  /** Image series the report refers to (Current Requested Procedure Evidence Sequence). */
  readonly referencedSeriesInstanceUIDs: ReadonlyArray<string>;
  /** Frame of reference of the points; '' when the report holds no vertebra. */
  readonly frameOfReferenceUID: string;
  /** The restored vertebrae, cranial → caudal; empty for an SR that was not written by this app. */
  readonly vertebrae: ReadonlyArray<SrVertebra>;
  /**
   * Measurements of other applications, in document order: read-only, never part of the vertebrae or their grading.
   * The per-line Length groups this app writes beside its vertebrae are recognised as such and not listed here.
   */
  readonly foreignAnnotations: ReadonlyArray<ForeignAnnotation>;
  /** What was understood, in words a clinician can read, e.g. '3 length measurements (not vertebral heights)'. */
  readonly recognised: ReadonlyArray<string>;
  /** What was present but not used, in the same words. */
  readonly ignored: ReadonlyArray<string>;
}

/**
 * Why a report could not be written or read; the viewer may switch on the code, the message is for the clinician.
 * - UNCALIBRATED: the image has no patient calibration, so no millimetres or grades can be reported.
 * - NO_VERTEBRAE: nothing has been measured.
 * - INVALID_INPUT: missing or invalid identifiers (UIDs, frame of reference, source images) or out-of-range points.
 * - INVALID_MEASUREMENT: measurement/ could not assess the vertebrae (its message says why).
 * - NOT_SR: the file is not a DICOM structured report (not DICOM at all, or an image).
 * - MALFORMED_SR: the file is a damaged or incomplete DICOM file, or a structured report whose content cannot be used.
 */
export type SrErrorCode =
  | 'UNCALIBRATED'
  | 'NO_VERTEBRAE'
  | 'INVALID_INPUT'
  | 'INVALID_MEASUREMENT'
  | 'NOT_SR'
  | 'MALFORMED_SR';

/** A stable `code` and a `message` a clinician can read. */
export interface SrError {
  readonly code: SrErrorCode;
  readonly message: string;
}

/** A value, or the reason there is none. */
export type SrResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SrError };

/** Wraps an error code and a clinician-readable message as a failed SrResult. */
export function srError<T = never>(code: SrErrorCode, message: string): SrResult<T> {
  return { ok: false, error: { code, message } };
}
