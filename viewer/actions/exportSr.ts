import { getState } from '../state/store';
import { APP_VERSION } from '../model/appVersion';
import { notify } from './notify';
import { download } from './download';
import { activeStudy } from '../state/studyLookup';

/** Comprehensive 3D SR Storage: the SOP class of the reports written here. */
const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';

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
    vertebrae: measured.map((m) => ({
      level: m.level,
      points: m.points,
      ...(m.confidence === undefined ? {} : { proposal: { reviewed: m.proposed !== true, confidence: m.confidence } }),
    })),
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

export async function exportSr(): Promise<void> {
  const report = await buildSeriesReport();
  if (!report) return;
  download(report.fileName, report.bytes as Uint8Array<ArrayBuffer>, 'application/dicom');
  notify({ kind: 'info', text: `Exported a DICOM SR (TID 1500 measurement report) to ${report.fileName}.`, details: [] });
}
