import { seriesMorphometry } from '../model/morphometry';
import { getState } from '../state/store';
import { seriesReportInput } from './seriesReportInput';
import { APP_VERSION } from '../model/appVersion';
import { notify } from './notify';
import { download } from './download';
import { activeStudy } from '../state/studyLookup';
/** Comprehensive 3D SR Storage: the SOP class of the reports written here. */
const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';
/** The DICOM SR (TID 1500) of the series on screen, as Part 10 bytes; null with a notice when it cannot be made. */
export async function buildSeriesReport(predecessor) {
    const state = getState();
    const study = activeStudy();
    const series = study?.series.find((s) => s.key === state.activeSeriesKey);
    const prepared = series ? seriesReportInput(series, seriesMorphometry(state.measurements, series.key), { appVersion: APP_VERSION, now: new Date(), predecessor }) : null;
    if (!series || !prepared) {
        const duplicates = series ? seriesMorphometry(state.measurements, series.key).rows.filter((r) => r.duplicate).map((r) => r.error ?? '') : [];
        notify({ kind: 'error', text: 'Nothing to export: no vertebra is measured on the series on screen.', details: duplicates });
        return null;
    }
    const { writeMeasurementReport } = await import('../export/sr');
    const result = writeMeasurementReport(prepared.input);
    if (!result.ok) {
        notify({ kind: 'error', text: `The DICOM SR could not be written: ${result.error.message}`, details: prepared.leftOut });
        return null;
    }
    return {
        bytes: result.value.bytes,
        fileName: result.value.fileName,
        leftOut: prepared.leftOut,
        reference: {
            studyInstanceUID: prepared.input.study.studyInstanceUID,
            seriesInstanceUID: result.value.seriesInstanceUID,
            sopInstanceUID: result.value.sopInstanceUID,
            sopClassUID: COMPREHENSIVE_3D_SR,
        },
    };
}
export async function exportSr() {
    const report = await buildSeriesReport();
    if (!report)
        return;
    download(report.fileName, report.bytes, 'application/dicom');
    notify({ kind: 'info', text: `Exported a DICOM SR (TID 1500 measurement report) to ${report.fileName}.`, details: report.leftOut });
}
