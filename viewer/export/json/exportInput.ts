import type { VertebraMeasurement } from '../../model/measurements';
import { seriesMorphometry, type MorphometryRow } from '../../model/morphometry';
import type { ImageReference } from './schema';

/** A series as the exporter needs it: the viewer's key and the DICOM UID it stands for. */
export interface ExportSeries {
  /** The viewer's series key (VertebraMeasurement.seriesKey). */
  readonly key: string;
  /** SeriesInstanceUID; "" when the images had none (the key is then a stand-in). */
  readonly seriesInstanceUID: string;
}

/** A study as the exporter needs it. */
export interface ExportStudy {
  /** The viewer's study key (VertebraMeasurement.studyKey). */
  readonly key: string;
  /** StudyInstanceUID; "" when the images had none. */
  readonly studyInstanceUID: string;
  /** StudyDate as DICOM DA (YYYYMMDD); "" when absent. */
  readonly studyDate: string;
  readonly series: ReadonlyArray<ExportSeries>;
}

/** What both the JSON and the CSV writer take: one patient's studies and the vertebrae measured on them. */
export interface MeasurementsExportInput {
  /** Version of the viewer, written into the JSON file. */
  readonly appVersion: string;
  readonly exportedAt: Date;
  /** PatientID and PatientName (DICOM PN, ^-separated). */
  readonly patient: { readonly id: string; readonly name: string };
  /** Every study and series a measurement refers to, in the order to write them (e.g. by study date). */
  readonly studies: ReadonlyArray<ExportStudy>;
  readonly measurements: ReadonlyArray<VertebraMeasurement>;
  /** The SOP instance (and frame) behind a cornerstone image id; without it no image reference is written. */
  readonly referencedImageOf?: (imageId: string) => ImageReference | null;
}

/** One series with measurements, ready to write: its rows come from the panel's seriesMorphometry, cranial → caudal. */
export interface ExportedSeries {
  readonly study: ExportStudy;
  readonly series: ExportSeries;
  /** As the panel shows it: true only when every vertebra of the series is calibrated. */
  readonly calibrated: boolean;
  readonly rows: ReadonlyArray<MorphometryRow>;
}

/**
 * The series that have measurements, in the order of `input.studies` and their series, each with its panel rows.
 * Throws a TypeError for a programmer mistake: a measurement whose study or series is not listed, or a repeated id.
 */
export function seriesToExport(input: MeasurementsExportInput): ExportedSeries[] {
  const byId: Record<string, VertebraMeasurement> = {};
  for (const m of input.measurements) {
    if (byId[m.id]) throw new TypeError(`seriesToExport: measurement id '${m.id}' is given twice`);
    byId[m.id] = m;
    const study = input.studies.find((s) => s.key === m.studyKey);
    if (!study?.series.some((s) => s.key === m.seriesKey)) {
      throw new TypeError(`seriesToExport: study '${m.studyKey}' / series '${m.seriesKey}' of '${m.id}' is not listed`);
    }
  }
  const state = { byId, undoStack: [], redoStack: [] };
  const seriesKeysInUse = new Set(input.measurements.map((m) => m.seriesKey));
  return input.studies.flatMap((study) =>
    study.series
      .filter((series) => seriesKeysInUse.has(series.key))
      .map((series) => {
        const { rows, calibrated } = seriesMorphometry(state, series.key);
        return { study, series, calibrated, rows };
      }),
  );
}
