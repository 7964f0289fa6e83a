import type { GroundTruthLevel } from './vertebraShape';

/**
 * Shapes of the two JSON files the generator writes next to the DICOM files (sample-data/output/). Types only: the
 * viewer and the tests import them without pulling in the generator.
 */

/** A point in DICOM patient coordinates (LPS), mm. */
export type Point3Mm = [number, number, number];

export type SampleStudyKey = 'baseline' | 'post' | 'radiograph';

export interface GroundTruthSeries {
  key: string;
  seriesInstanceUID: string;
  /** null for the radiograph: a CR image has no frame of reference. */
  frameOfReferenceUID: string | null;
  modality: 'CT' | 'MR' | 'CR';
  orientation: 'axial' | 'sagittal' | 'projection';
  /** PixelSpacing (0028,0030) as written: [between rows, between columns], mm; null when absent. */
  pixelSpacingMm: [number, number] | null;
  /** ImagerPixelSpacing (0018,1164), mm at the detector; only for the radiograph. */
  imagerPixelSpacingMm?: [number, number];
  /** Detector size ÷ patient size of the radiograph (not written to the file), so that patient mm = pixels × imager spacing ÷ this. */
  magnificationFactor?: number;
  /** Distance between adjacent slice positions, mm. */
  sliceSpacingMm?: number;
  imageCount: number;
}

/** The six endplate points, each on the outer endplate surface, in the midsagittal plane x = 0. */
export interface GroundTruthPoints {
  anteriorSuperior: Point3Mm;
  anteriorInferior: Point3Mm;
  middleSuperior: Point3Mm;
  middleInferior: Point3Mm;
  posteriorSuperior: Point3Mm;
  posteriorInferior: Point3Mm;
}

export interface GroundTruthLevelEntry {
  level: GroundTruthLevel;
  points: GroundTruthPoints;
  /** Euclidean distances between the superior and inferior point of each pair, mm. */
  heights: { anteriorMm: number; middleMm: number; posteriorMm: number };
  /** Rotation of the vertebra about the patient x axis, degrees (> 0: leaning forward). */
  tiltDeg: number;
  description: string;
}

export interface GroundTruthStudy {
  key: SampleStudyKey;
  studyInstanceUID: string;
  studyDate: string;
  description: string;
  series: GroundTruthSeries[];
  /** T10–L3 for the CT/MR studies; empty for the radiograph. */
  levels: GroundTruthLevelEntry[];
}

export interface GroundTruth {
  generatorVersion: string;
  patient: { name: string; id: string };
  studies: GroundTruthStudy[];
}

export interface ManifestSeries {
  key: string;
  seriesInstanceUID: string;
  modality: 'CT' | 'MR' | 'CR';
  description: string;
  /** Paths relative to the output folder, in instance-number order. */
  files: string[];
}

export interface ManifestStudy {
  key: SampleStudyKey;
  studyInstanceUID: string;
  studyDate: string;
  description: string;
  series: ManifestSeries[];
}

export interface Manifest {
  generatorVersion: string;
  studies: ManifestStudy[];
}

export const GROUND_TRUTH_FILE = 'ground-truth.json';
export const MANIFEST_FILE = 'manifest.json';
