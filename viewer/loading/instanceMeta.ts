/** Patient-coordinate vector, mm (DICOM LPS). */
export type Vec3 = readonly [number, number, number];

/** Row cosines then column cosines, as in ImageOrientationPatient (0020,0037). */
export type Orientation6 = readonly [number, number, number, number, number, number];

/** What kind of object an instance is, so non-images are listed rather than treated as broken images. */
export type InstanceKind = 'image' | 'sr' | 'seg' | 'pdf' | 'presentation-state' | 'other';

/** Geometry of one frame: where it lies in patient space. */
export interface FramePlane {
  positionMm: Vec3 | null;
  orientation: Orientation6 | null;
}

/** The attributes of one DICOM instance that the viewer needs, read once from the file. */
export interface InstanceMeta {
  fileName: string;
  sopClassUID: string;
  sopInstanceUID: string;
  transferSyntaxUID: string;
  kind: InstanceKind;
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: string;
  studyInstanceUID: string;
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  accessionNumber: string;
  studyId: string;
  referringPhysicianName: string;
  seriesInstanceUID: string;
  seriesNumber: number | null;
  seriesDescription: string;
  modality: string;
  instanceNumber: number | null;
  frameOfReferenceUID: string;
  rows: number;
  columns: number;
  numberOfFrames: number;
  /** Plane of each frame; one entry for a single-frame image. */
  frames: readonly FramePlane[];
  /** PixelSpacing (0028,0030) in mm: [between rows, between columns]; null when absent or zero. */
  pixelSpacingMm: readonly [number, number] | null;
  /** ImagerPixelSpacing (0018,1164) in mm, at the detector: not a patient calibration. */
  imagerPixelSpacingMm: readonly [number, number] | null;
  /**
   * Whether lengths in this image are patient millimetres: 'calibrated' (PixelSpacing in the patient plane),
   * 'detector' (a projection image measured at the detector only: ImagerPixelSpacing, or PixelSpacing that merely
   * copies it without a calibration type) or 'none' (no spacing at all).
   */
  calibration: 'calibrated' | 'detector' | 'none';
  sliceThicknessMm: number | null;
  windowCenter: number | null;
  windowWidth: number | null;
  photometricInterpretation: string;
  hasPixelData: boolean;
  /**
   * Geometry attributes present but malformed (e.g. PixelSpacing "0.7\0é7"), as messages. A series with other, good
   * slices leaves this one out rather than losing its calibration; absent when all are well formed.
   */
  malformedGeometry?: readonly string[];
  /** Bits allocated/stored, samples and pixel representation, e.g. "16/12/1/0": slices of one volume must share it. */
  pixelFormatKey?: string;
}

/** A file that could not be used, with a message a clinician can read. */
export interface FileProblem {
  fileName: string;
  message: string;
  /** 'error': the file is not shown; 'warning': shown, with a caveat. */
  severity: 'error' | 'warning';
}
