import type { StudyComparison } from '../../measurement';
import type { SeriesMorphometry } from './morphometry';

/** The before/after part of a printable report. */
export interface ReportComparison {
  baselineLabel: string;
  followUpLabel: string;
  baselineUIDs: string;
  followUpUIDs: string;
  comparison: StudyComparison;
  /** Standalone SVG markup of the chart. */
  chartSvg: string | null;
  /** Sagittal snapshots of both studies (PNG data URLs). */
  snapshots: Array<{ label: string; image: string }>;
}

/** Everything the printable report shows, gathered when it is opened. */
export interface ReportData {
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  studyDate: string;
  studyDescription: string;
  studyInstanceUID: string;
  seriesDescription: string;
  seriesInstanceUID: string;
  modality: string;
  morphometry: SeriesMorphometry;
  /** PNG data URL of the sagittal view with the markers; null when it could not be captured. */
  snapshot: string | null;
  snapshotError: string | null;
  createdAt: string;
  appVersion: string;
  /** Before/after section, when the report is made in compare mode. */
  comparison: ReportComparison | null;
}
