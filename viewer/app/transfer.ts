import { heightsFromPoints, type SixPoints, type Vec3 } from '../../measurement';
import type { ExportStudy, MeasurementsExportInput } from '../export/json';
import type { ForeignAnnotation } from '../export/sr';
import type { ImageReference } from '../export/json';
import type { SeriesGroup, StudyGroup } from '../loading/grouping';
import { execute, type VertebraMeasurement } from './measurements';
import { getState, setState } from './store';
import { APP_VERSION } from './version';

/** Comprehensive 3D SR Storage: the SOP class of the reports written here. */
const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';
import { comparisonOf, type TimePoint } from './compare';
import type { StudyComparison } from '../../measurement';

/** Import/export outcome for the user: what happened, and what was refused and why. */
export interface TransferNotice {
  kind: 'info' | 'error';
  text: string;
  details: string[];
  /** Measurements of other software found in an imported SR: listed read-only, never graded. */
  foreign?: ReadonlyArray<ForeignAnnotation>;
}

function notify(notice: TransferNotice): void {
  setState({ transferNotice: notice });
}

function download(fileName: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.dataset.testid = 'download-link';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'study';
}

function allStudies(): StudyGroup[] {
  return getState().patients.flatMap((p) => p.studies);
}

function activeStudy(): StudyGroup | null {
  const key = getState().activeSeriesKey;
  return allStudies().find((s) => s.series.some((x) => x.key === key)) ?? null;
}

/** The SOP instance and frame behind one of our image ids. */
function referencedImageOf(imageId: string): ImageReference | null {
  for (const instance of getState().instances) {
    const frame = instance.imageIds.indexOf(imageId);
    if (frame >= 0) return { sopInstanceUID: instance.meta.sopInstanceUID, frameNumber: instance.meta.numberOfFrames > 1 ? frame + 1 : null };
  }
  return null;
}

function imageIdOf(reference: ImageReference): string | null {
  const instance = getState().instances.find((i) => i.meta.sopInstanceUID === reference.sopInstanceUID);
  if (!instance) return null;
  return instance.imageIds[(reference.frameNumber ?? 1) - 1] ?? null;
}

function exportStudy(study: StudyGroup): ExportStudy {
  return {
    key: study.key,
    studyInstanceUID: study.studyInstanceUID,
    studyDate: study.studyDate,
    series: study.series.map((s) => ({ key: s.key, seriesInstanceUID: s.instances[0]?.meta.seriesInstanceUID ?? '' })),
  };
}

/** What the JSON and CSV writers take for the given studies (default: the study on screen). */
export function exportInput(studies: readonly StudyGroup[]): MeasurementsExportInput | null {
  if (studies.length === 0) return null;
  const keys = new Set(studies.map((s) => s.key));
  const measurements = Object.values(getState().measurements.byId).filter((m) => keys.has(m.studyKey));
  const meta = studies[0].series[0]?.instances[0]?.meta;
  return {
    appVersion: APP_VERSION,
    exportedAt: new Date(),
    patient: { id: meta?.patientId ?? '', name: meta?.patientName ?? '' },
    studies: studies.map(exportStudy),
    measurements,
    referencedImageOf,
  };
}

function studyForExport(): StudyGroup | null {
  const study = activeStudy();
  if (!study) {
    notify({ kind: 'error', text: 'Open a study first: exports are of the study on screen.', details: [] });
    return null;
  }
  if (!Object.values(getState().measurements.byId).some((m) => m.studyKey === study.key)) {
    notify({ kind: 'error', text: 'Nothing to export: no vertebra is measured in this study yet.', details: [] });
    return null;
  }
  return study;
}

/** In compare mode: the two time points and their comparison, or null. */
function activeComparison() {
  const { compare, measurements } = getState();
  if (!compare) return null;
  const baseline = compare.timePoints[compare.baselineIndex];
  const followUp = compare.timePoints[compare.followUpIndex];
  const { comparison, reason } = comparisonOf(measurements, baseline, followUp);
  return { baseline, followUp, comparison, reason };
}

function comparisonStudy(point: TimePoint) {
  return { studyInstanceUID: point.studyInstanceUID, seriesInstanceUID: point.seriesInstanceUID, studyDate: point.studyDate };
}

export async function exportJson(): Promise<void> {
  const active = activeComparison();
  if (active) {
    // Both studies' vertebrae, plus the comparison (informative: import recomputes everything from the points).
    const studies = allStudies().filter((s) => s.key === active.baseline.studyKey || s.key === active.followUp.studyKey);
    const { measurementsDocument } = await import('../export/json');
    const document = {
      ...measurementsDocument(exportInput(studies)!),
      comparison: active.comparison
        ? { baseline: comparisonStudy(active.baseline), followUp: comparisonStudy(active.followUp), ...comparisonJson(active.comparison) }
        : null,
    };
    download(`vertebral-heights_comparison_${safeName(active.baseline.studyDate)}_${safeName(active.followUp.studyDate)}.json`, `${JSON.stringify(document, null, 2)}\n`, 'application/json');
    notify({ kind: 'info', text: 'Exported both studies and their comparison as JSON.', details: [] });
    return;
  }
  const study = studyForExport();
  if (!study) return;
  const { writeMeasurementsJson } = await import('../export/json');
  const input = exportInput([study])!;
  download(`vertebral-heights_${safeName(study.studyDate || study.studyInstanceUID)}.json`, writeMeasurementsJson(input), 'application/json');
  notify({ kind: 'info', text: `Exported ${input.measurements.length} vertebrae as JSON.`, details: [] });
}

/** The comparison as plain JSON numbers, per level (from measurement/'s compareStudies). */
function comparisonJson(comparison: StudyComparison) {
  return {
    levels: comparison.levels.map((c) => ({
      level: c.level,
      heightsBeforeMm: c.before.heights,
      heightsAfterMm: c.after.heights,
      gainMm: c.gainMm,
      restorationPct: c.restorationPct,
      expectedHeightMm: c.expectedHeightMm,
      wedgeAngleBeforeDeg: c.before.wedgeAngleDeg,
      wedgeAngleAfterDeg: c.after.wedgeAngleDeg,
      wedgeAngleChangeDeg: c.wedgeAngleChangeDeg,
      cobbAngleBeforeDeg: c.before.cobbAngleDeg,
      cobbAngleAfterDeg: c.after.cobbAngleDeg,
      cobbAngleChangeDeg: c.cobbAngleChangeDeg,
      gradeBefore: c.gradeBefore,
      gradeAfter: c.gradeAfter,
    })),
    onlyBaseline: comparison.onlyBefore,
    onlyFollowUp: comparison.onlyAfter,
  };
}

export async function exportCsv(): Promise<void> {
  const active = activeComparison();
  if (active) {
    if (!active.comparison) {
      notify({ kind: 'error', text: `Nothing to export: ${active.reason}`, details: [] });
      return;
    }
    const { writeComparisonCsv } = await import('../export/csv');
    const text = writeComparisonCsv({
      patientId: active.baseline.patientId,
      before: comparisonStudy(active.baseline),
      after: comparisonStudy(active.followUp),
      comparison: active.comparison,
    });
    download(`vertebral-heights_comparison_${safeName(active.baseline.studyDate)}_${safeName(active.followUp.studyDate)}.csv`, text, 'text/csv;charset=utf-8');
    notify({ kind: 'info', text: `Exported the comparison of ${active.comparison.levels.length} levels as CSV.`, details: [] });
    return;
  }
  const study = studyForExport();
  if (!study) return;
  const { writeMeasurementsCsv } = await import('../export/csv');
  const input = exportInput([study])!;
  download(`vertebral-heights_${safeName(study.studyDate || study.studyInstanceUID)}.csv`, writeMeasurementsCsv(input), 'text/csv;charset=utf-8');
  notify({ kind: 'info', text: `Exported ${input.measurements.length} vertebrae as CSV.`, details: [] });
}

/** The DICOM SR (TID 1500) of the series on screen, as Part 10 bytes; null with a notice when it cannot be made. */
export async function buildSeriesReport(
  predecessor?: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string; sopClassUID: string },
): Promise<{ bytes: Uint8Array; fileName: string; reference: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string; sopClassUID: string } } | null> {
  const state = getState();
  const study = activeStudy();
  const series = study?.series.find((s) => s.key === state.activeSeriesKey);
  const measured = Object.values(state.measurements.byId).filter((m) => m.seriesKey === series?.key);
  if (!study || !series || measured.length === 0) {
    notify({ kind: 'error', text: 'Nothing to export: no vertebra is measured on the series on screen.', details: [] });
    return null;
  }
  const meta = series.instances[0].meta;
  const { writeMeasurementReport } = await import('../export/sr');
  const result = writeMeasurementReport({
    patient: { name: meta.patientName, id: meta.patientId, birthDate: meta.patientBirthDate, sex: meta.patientSex },
    study: {
      studyInstanceUID: meta.studyInstanceUID,
      studyDate: meta.studyDate,
      studyTime: meta.studyTime,
      studyId: meta.studyId,
      accessionNumber: meta.accessionNumber,
      referringPhysicianName: meta.referringPhysicianName,
      description: meta.studyDescription,
    },
    series: { seriesInstanceUID: meta.seriesInstanceUID, frameOfReferenceUID: meta.frameOfReferenceUID || measured[0].frameOfReferenceUID, modality: meta.modality, description: meta.seriesDescription },
    sourceImages: series.instances.filter((i) => i.meta.kind === 'image').map((i) => ({ sopClassUID: i.meta.sopClassUID, sopInstanceUID: i.meta.sopInstanceUID })),
    vertebrae: measured.map((m) => ({ level: m.level, points: m.points })),
    calibrated: measured.every((m) => m.calibrated),
    appVersion: APP_VERSION,
    now: new Date(),
    ...(predecessor ? { predecessor } : {}),
  });
  if (!result.ok) {
    notify({ kind: 'error', text: `The DICOM SR could not be written: ${result.error.message}`, details: [] });
    return null;
  }
  return {
    bytes: result.value.bytes,
    fileName: result.value.fileName,
    reference: {
      studyInstanceUID: meta.studyInstanceUID,
      seriesInstanceUID: result.value.seriesInstanceUID,
      sopInstanceUID: result.value.sopInstanceUID,
      sopClassUID: COMPREHENSIVE_3D_SR,
    },
  };
}

/** Downloads the comparison chart shown in the compare panel as a standalone SVG or a PNG. */
export async function exportChart(format: 'svg' | 'png'): Promise<void> {
  const svg = document.querySelector('[data-testid="comparison-chart"]') as SVGSVGElement | null;
  if (!svg) {
    notify({ kind: 'error', text: 'No chart to export: measure vertebrae in compare mode first.', details: [] });
    return;
  }
  const { svgToPngBlob, svgToStandaloneString } = await import('../export/chartImage');
  if (format === 'svg') download('vertebral-heights_chart.svg', svgToStandaloneString(svg), 'image/svg+xml');
  else download('vertebral-heights_chart.png', await svgToPngBlob(svg), 'image/png');
}

export async function exportSr(): Promise<void> {
  const report = await buildSeriesReport();
  if (!report) return;
  download(report.fileName, report.bytes as Uint8Array<ArrayBuffer>, 'application/dicom');
  notify({ kind: 'info', text: `Exported a DICOM SR (TID 1500 measurement report) to ${report.fileName}.`, details: [] });
}

function unit(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

/**
 * The plane a vertebra was measured in, from its six points: the normal of anterior→posterior × superior→inferior,
 * snapped to an axis when within 0.5° (reformats along axes), with an up direction in the plane.
 */
export function planeOfPoints(points: SixPoints): { normal: Vec3; up: Vec3 } {
  const ap: Vec3 = [points.posteriorSuperior[0] - points.anteriorSuperior[0], points.posteriorSuperior[1] - points.anteriorSuperior[1], points.posteriorSuperior[2] - points.anteriorSuperior[2]];
  const si: Vec3 = [points.anteriorInferior[0] - points.anteriorSuperior[0], points.anteriorInferior[1] - points.anteriorSuperior[1], points.anteriorInferior[2] - points.anteriorSuperior[2]];
  let normal = unit([ap[1] * si[2] - ap[2] * si[1], ap[2] * si[0] - ap[0] * si[2], ap[0] * si[1] - ap[1] * si[0]]);
  const axis = [0, 1, 2].find((i) => Math.abs(normal[i]) > Math.cos((0.5 * Math.PI) / 180));
  if (axis !== undefined) normal = [0, 1, 2].map((i) => (i === axis ? Math.sign(normal[i]) : 0)) as unknown as Vec3;
  const up = unit([-si[0], -si[1], -si[2]]);
  return { normal, up };
}

/** For a stack: the image whose plane holds the points (nearest along the normal), or null. */
function imageHolding(series: SeriesGroup, points: SixPoints, normal: Vec3): string | null {
  const centre = Object.values(points).reduce<Vec3>((c, p) => [c[0] + p[0] / 6, c[1] + p[1] / 6, c[2] + p[2] / 6], [0, 0, 0]);
  let best: { id: string; distance: number } | null = null;
  for (const instance of series.instances) {
    instance.imageIds.forEach((id, frame) => {
      const position = instance.meta.frames[frame]?.positionMm;
      if (!position) return;
      const distance = Math.abs((centre[0] - position[0]) * normal[0] + (centre[1] - position[1]) * normal[1] + (centre[2] - position[2]) * normal[2]);
      if (!best || distance < best.distance) best = { id, distance };
    });
  }
  return best ? (best as { id: string }).id : null;
}

/**
 * Adds imported vertebrae as one undoable step. A level already measured on its series is not added twice:
 * it is listed as skipped. Only `rejected` lines count as "not imported"; `notes` (what the file held) are listed
 * after them without being counted.
 */
function addImported(candidates: VertebraMeasurement[], source: string, rejected: string[], notes: ReadonlyArray<string> = []): void {
  const state = getState();
  const taken = new Set(Object.values(state.measurements.byId).map((m) => `${m.seriesKey}|${m.level}`));
  const accepted: VertebraMeasurement[] = [];
  for (const m of candidates) {
    if (state.measurements.byId[m.id] || taken.has(`${m.seriesKey}|${m.level}`)) {
      rejected.push(`${m.level}: already measured on that series, not imported again`);
      continue;
    }
    taken.add(`${m.seriesKey}|${m.level}`);
    accepted.push(m);
  }
  if (accepted.length > 0) setState((s) => ({ measurements: execute(s.measurements, { type: 'addMany', measurements: accepted }) }));
  notify({
    kind: accepted.length > 0 ? 'info' : 'error',
    text: `${source}: imported ${accepted.length} vertebra${accepted.length === 1 ? '' : 'e'}${rejected.length ? `, ${rejected.length} not imported` : ''}.`,
    details: [...rejected, ...notes],
  });
}

function seriesByUid(seriesInstanceUID: string): { study: StudyGroup; series: SeriesGroup } | null {
  for (const study of allStudies()) {
    const series = study.series.find((s) => s.instances[0]?.meta.seriesInstanceUID === seriesInstanceUID && s.kind === 'image');
    if (series) return { study, series };
  }
  return null;
}

async function importJsonText(text: string, fileName: string): Promise<void> {
  const { readMeasurementsJson, toVertebraMeasurement } = await import('../export/json');
  const known = allStudies().flatMap((study) =>
    study.series.filter((s) => s.kind === 'image').map((s) => ({ studyInstanceUID: study.studyInstanceUID, seriesInstanceUID: s.instances[0].meta.seriesInstanceUID, frameOfReferenceUID: s.instances[0].meta.frameOfReferenceUID })),
  );
  const result = readMeasurementsJson(text, { knownSeries: known, imageIdOf });
  if (!result.ok) {
    notify({ kind: 'error', text: `${fileName} was not imported: ${result.error.message}`, details: [] });
    return;
  }
  const rejected = result.value.rejected.map((r) => `${r.where}: ${r.reason}`);
  const candidates: VertebraMeasurement[] = [];
  for (const imported of result.value.measurements) {
    const target = seriesByUid(imported.seriesInstanceUID);
    const studyKey = target?.study.key ?? (imported.studyInstanceUID || `imported:${imported.seriesInstanceUID}`);
    const seriesKey = target?.series.key ?? imported.seriesInstanceUID;
    candidates.push(toVertebraMeasurement(imported, { studyKey, seriesKey }));
  }
  addImported(candidates, fileName, rejected);
}

/** Restores the vertebrae of a measurement SR onto the open images it refers to. */
export async function importSrBytes(bytes: Uint8Array, fileName: string): Promise<void> {
  const { readMeasurementReport } = await import('../export/sr');
  const result = readMeasurementReport(bytes);
  if (!result.ok) {
    notify({ kind: 'error', text: `${fileName} was not imported: ${result.error.message}`, details: [] });
    return;
  }
  const report = result.value;
  const recognised = [...report.recognised.map((r) => `recognised: ${r}`), ...report.ignored.map((r) => `ignored: ${r}`)];
  if (report.vertebrae.length === 0) {
    notify({ kind: 'info', text: `${fileName}: no vertebral heights in this report; nothing was changed.`, details: recognised, foreign: report.foreignAnnotations });
    return;
  }
  const target = report.referencedSeriesInstanceUIDs.map(seriesByUid).find((t) => t !== null)
    ?? allStudies().flatMap((study) => study.series.filter((s) => s.kind === 'image' && s.instances[0].meta.frameOfReferenceUID === report.frameOfReferenceUID).map((series) => ({ study, series })))[0]
    ?? null;
  if (!target) {
    notify({ kind: 'error', text: `${fileName}: the images this report was measured on are not open; open them (with the report, or first) and import again.`, details: recognised });
    return;
  }
  const calibrated = target.series.instances.every((i) => i.meta.kind !== 'image' || i.meta.calibration === 'calibrated');
  const rejected: string[] = [];
  const candidates = report.vertebrae.flatMap((v): VertebraMeasurement[] => {
    const heights = heightsFromPoints(v.points);
    if (!heights.ok) {
      rejected.push(`${v.level}: ${heights.error.message}`);
      return [];
    }
    const { normal, up } = planeOfPoints(v.points);
    return [{
      id: `sr-${report.sopInstanceUID}-${v.level}`,
      studyKey: target.study.key,
      seriesKey: target.series.key,
      frameOfReferenceUID: report.frameOfReferenceUID || target.series.instances[0].meta.frameOfReferenceUID,
      level: v.level,
      points: v.points,
      calibrated,
      viewPlaneNormal: normal,
      viewUp: up,
      referencedImageId: target.series.instances.length > 1 ? imageHolding(target.series, v.points, normal) : target.series.instances[0].imageIds[0] ?? null,
    }];
  });
  addImported(candidates, fileName, rejected, recognised);
  const notice = getState().transferNotice;
  if (notice && report.foreignAnnotations.length > 0) notify({ ...notice, foreign: report.foreignAnnotations });
}

/** Reads a JSON or DICOM SR measurement file chosen by the user. Nothing changes unless something valid is found. */
export async function importMeasurementsFile(file: File): Promise<void> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const isPart10 = bytes.length > 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
    if (isPart10) await importSrBytes(bytes, file.name);
    else await importJsonText(new TextDecoder('utf-8').decode(bytes), file.name);
  } catch (error) {
    notify({ kind: 'error', text: `${file.name} could not be imported: ${error instanceof Error ? error.message : String(error)}`, details: [] });
  }
}
