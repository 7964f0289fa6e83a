/** JSON export and import of vertebral measurements; the file format is documented in SCHEMA.md. */
export type { ExportSeries, ExportStudy, MeasurementsExportInput } from './exportInput';
export { measurementsDocument, writeMeasurementsJson } from './writeJson';
export type { ImportError, ImportErrorCode, ImportResult, MeasurementsImport } from './readJson';
export { readMeasurementsJson } from './readJson';
export type { KnownSeries, ReadMeasurementsOptions, Rejection } from './readStudies';
export type { ImportedVertebra } from './readVertebra';
export { toVertebraMeasurement } from './readVertebra';
export type {
  CalibratedInformativeJson,
  ImageReference,
  InformativeJson,
  MeasurementsDocument,
  NotAssessedInformativeJson,
  SeriesJson,
  StudyJson,
  UncalibratedInformativeJson,
  Vec3Json,
  VertebraJson,
} from './schema';
export { MEASUREMENTS_FORMAT, MEASUREMENTS_SCHEMA_VERSION } from './schema';
