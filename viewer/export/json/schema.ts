import type { Deformity, GenantGrade, GenantGradeName, PointName, SpinalLevel } from '../../../measurement';
import type { ImageReference } from '../../model/imageReference';

/**
 * The measurements export as written to disk, version 1. Field by field, with units and what import accepts, in
 * SCHEMA.md next to this file; keep the two in step.
 */

/** The value of `format`: tells this file apart from any other JSON. */
export const MEASUREMENTS_FORMAT = 'vertebral-height-measurements';

/**
 * The schema version this code writes and the newest it reads. Raised only for a change an older reader would
 * misread; a new optional field (e.g. a comparison block) keeps the version, since readers ignore unknown fields.
 */
export const MEASUREMENTS_SCHEMA_VERSION = 1;

/** A point or direction in patient coordinates (DICOM LPS) as a JSON array [x, y, z], mm (or unitless for a direction). */
export type Vec3Json = [number, number, number];

export type { ImageReference };

/**
 * Numbers derived from the points by measurement/ at export, for readers of the file only: import never reads them,
 * it recomputes everything from the points.
 */
export type InformativeJson = CalibratedInformativeJson | UncalibratedInformativeJson | NotAssessedInformativeJson;

/** Shared by calibrated and uncalibrated vertebrae: unitless ratios, the wedge angle and the reference levels. */
interface RatiosJson {
  /** Ha / Hp, unitless. */
  wedgeRatio: number;
  /** Hm / Hp, unitless. */
  biconcavityRatio: number;
  /** Hp / mean Hp of the reference levels, unitless; null without a reference level. */
  crushRatio: number | null;
  /** Degrees, positive = kyphotic; null when the endplates cannot be measured. */
  wedgeAngleDeg: number | null;
  /** The undeformed neighbours whose Hp makes the crush reference, cranial → caudal. */
  referenceLevels: SpinalLevel[];
}

/** A vertebra on a calibrated image: heights in mm and a Genant grade. */
export interface CalibratedInformativeJson extends RatiosJson {
  anteriorHeightMm: number;
  middleHeightMm: number;
  posteriorHeightMm: number;
  /** The largest of wedge, biconcave and crush loss, % (0–100). */
  heightLossPct: number;
  deformity: Deformity;
  genantGrade: GenantGrade;
  genantGradeName: GenantGradeName;
  /** Ha, Hm, Hp expected from the undeformed neighbours, mm; null without a usable neighbour. */
  expectedAnteriorMm: number | null;
  expectedMiddleMm: number | null;
  expectedPosteriorMm: number | null;
  /** Ha, Hm, Hp lost against the expected heights, % (0–100); null without a usable neighbour. */
  anteriorLossPct: number | null;
  middleLossPct: number | null;
  posteriorLossPct: number | null;
  /** The loss that made the grade: wedge, biconcave, wedge-vs-neighbours, biconcave-vs-neighbours or crush. */
  gradeRule: string;
  /** ± of heightLossPct from the displayed pixel size and slice spacing, %; null when the plane is unknown. */
  heightLossUncertaintyPct: number | null;
  /** The grades within the uncertainty: "1-2" when borderline, else the grade alone ("2"). */
  gradeRange: string;
  /** True when the uncertainty spans two grades. */
  borderline: boolean;
}

/** The reader's own reading of a vertebra (read back on import). */
export interface ReaderReadingJson {
  /** Visual Genant grade 0–3, or null when not graded. */
  grade: GenantGrade | null;
  /** Endplate depression (ABQ). */
  endplateDepression: boolean;
  note: string;
}

/** A vertebra on an uncalibrated image: heights in pixels, ratios, and no loss or grade. */
export interface UncalibratedInformativeJson extends RatiosJson {
  anteriorHeightPx: number;
  middleHeightPx: number;
  posteriorHeightPx: number;
}

/** A vertebra the viewer could not assess (e.g. its level is measured twice in the series), and why. */
export interface NotAssessedInformativeJson {
  notAssessed: string;
}

/** One vertebra: its identity, level, six points and the view it was placed in. */
export interface VertebraJson {
  /** Unique within the file; the viewer's measurement id. */
  id: string;
  level: SpinalLevel;
  /** The six points in patient coordinates (DICOM LPS), mm. */
  points: Record<PointName, Vec3Json>;
  /** Present only when it differs from the series' frameOfReferenceUID. */
  frameOfReferenceUID?: string;
  /** Present only when it differs from the series' calibrated. */
  calibrated?: boolean;
  /** The camera's plane normal when placed, unitless. */
  viewPlaneNormal: Vec3Json;
  /** The camera's up direction when placed, unitless. */
  viewUp: Vec3Json;
  /** The image the points lie on; null when unknown (e.g. placed in a volume). */
  referencedImage: ImageReference | null;
  /** Present only on a vertebra whose points the image analysis proposed (accepted or not). */
  proposal?: ProposalJson;
  /** The reader's own grade, endplate depression and note; absent when none was recorded. */
  readerReading?: ReaderReadingJson | undefined;
  informative: InformativeJson;
}

/** Where a vertebra's points came from when the image analysis proposed them. */
export interface ProposalJson {
  /** True: proposed and not reviewed (nobody accepted or edited it); false: accepted or edited by the reader. */
  proposed: boolean;
  /** The analysis's confidence in its proposal, 0–1. */
  confidence: number;
  /** Why the confidence is low: a stable code and a sentence; empty when it is not. */
  reasons: Array<{ code: string; message: string }>;
}

/** One series and the vertebrae measured on it, cranial → caudal. */
export interface SeriesJson {
  /** SeriesInstanceUID (0020,000E); "" when the images had none. */
  seriesInstanceUID: string;
  /** FrameOfReferenceUID (0020,0052) of the patient coordinates; "" when the images had none. */
  frameOfReferenceUID: string;
  /** False when the images carry no patient calibration: the "mm" of the points are then pixels. */
  calibrated: boolean;
  vertebrae: VertebraJson[];
}

/** One study and its measured series. */
export interface StudyJson {
  /** StudyInstanceUID (0020,000D); "" when the images had none. */
  studyInstanceUID: string;
  /** StudyDate (0008,0020) as DICOM DA, YYYYMMDD; "" when absent. */
  studyDate: string;
  series: SeriesJson[];
}

/** The whole file. */
export interface MeasurementsDocument {
  format: typeof MEASUREMENTS_FORMAT;
  schemaVersion: typeof MEASUREMENTS_SCHEMA_VERSION;
  /** Version of the viewer that wrote the file. */
  appVersion: string;
  /** When the file was written, ISO 8601 in UTC. */
  exportedAt: string;
  /** PatientID (0010,0020) and PatientName (0010,0010, DICOM PN with ^ separators). */
  patient: { id: string; name: string };
  studies: StudyJson[];
}
