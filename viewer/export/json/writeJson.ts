import { POINT_LABELS, type PointName, type SixPoints, type Vec3 } from '../../../measurement';
import type { VertebraMeasurement } from '../../model/measurements';
import { seriesToExport, type ExportedSeries, type MeasurementsExportInput } from './exportInput';
import { informativeOf } from './informative';
import { isEmptyReading } from '../../model/readerReading';
import { prettyJson } from './prettyJson';
import {
  MEASUREMENTS_FORMAT,
  MEASUREMENTS_SCHEMA_VERSION,
  type MeasurementsDocument,
  type SeriesJson,
  type StudyJson,
  type Vec3Json,
  type VertebraJson,
} from './schema';

const POINT_NAMES = Object.keys(POINT_LABELS) as PointName[];

function vec3Json(v: Vec3): Vec3Json {
  return [v[0], v[1], v[2]];
}

function pointsJson(points: SixPoints): VertebraJson['points'] {
  return Object.fromEntries(POINT_NAMES.map((name) => [name, vec3Json(points[name])])) as VertebraJson['points'];
}

function vertebraJson(
  m: VertebraMeasurement,
  series: SeriesJson,
  informative: VertebraJson['informative'],
  input: MeasurementsExportInput,
): VertebraJson {
  return {
    id: m.id,
    level: m.level,
    points: pointsJson(m.points),
    ...(m.frameOfReferenceUID === series.frameOfReferenceUID ? {} : { frameOfReferenceUID: m.frameOfReferenceUID }),
    ...(m.calibrated === series.calibrated ? {} : { calibrated: m.calibrated }),
    viewPlaneNormal: vec3Json(m.viewPlaneNormal),
    viewUp: vec3Json(m.viewUp),
    referencedImage: m.referencedImageId === null ? null : (input.referencedImageOf?.(m.referencedImageId) ?? null),
    ...(m.confidence === undefined
      ? {}
      : { proposal: { proposed: m.proposed === true, confidence: m.confidence, reasons: (m.reasons ?? []).map((r) => ({ code: r.code, message: r.message })) } }),
    ...(isEmptyReading(m.reading) || m.reading === undefined ? {} : { readerReading: { ...m.reading } }),
    informative,
  };
}

function seriesJson(exported: ExportedSeries, input: MeasurementsExportInput): SeriesJson {
  const [firstRow] = exported.rows;
  if (firstRow === undefined) throw new TypeError(`series ${exported.series.seriesInstanceUID} has no measurements to export`);
  const series: SeriesJson = {
    seriesInstanceUID: exported.series.seriesInstanceUID,
    frameOfReferenceUID: firstRow.measurement.frameOfReferenceUID,
    calibrated: exported.calibrated,
    vertebrae: [],
  };
  series.vertebrae = exported.rows.map((row) =>
    vertebraJson(row.measurement, series, informativeOf(row, exported.calibrated), input),
  );
  return series;
}

/** The document for `input`: only the studies and series with measurements, vertebrae cranial → caudal. */
export function measurementsDocument(input: MeasurementsExportInput): MeasurementsDocument {
  const studies: StudyJson[] = [];
  let previousStudy: ExportedSeries['study'] | null = null;
  let current: StudyJson | null = null;
  for (const exported of seriesToExport(input)) {
    // seriesToExport keeps each study's series together, in the order of input.studies.
    if (current === null || exported.study !== previousStudy) {
      current = { studyInstanceUID: exported.study.studyInstanceUID, studyDate: exported.study.studyDate, series: [] };
      studies.push(current);
      previousStudy = exported.study;
    }
    current.series.push(seriesJson(exported, input));
  }
  return {
    format: MEASUREMENTS_FORMAT,
    schemaVersion: MEASUREMENTS_SCHEMA_VERSION,
    appVersion: input.appVersion,
    exportedAt: input.exportedAt.toISOString(),
    patient: { id: input.patient.id, name: input.patient.name },
    studies,
  };
}

/**
 * The measurements of one patient's studies as a pretty-printed JSON file (schema in SCHEMA.md). Points are written
 * with every digit, so reading the file back gives the same numbers. Throws a TypeError for a measurement whose study or
 * series is not listed in `input.studies`.
 */
export function writeMeasurementsJson(input: MeasurementsExportInput): string {
  return `${prettyJson(measurementsDocument(input))}\n`;
}
