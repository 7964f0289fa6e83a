import { comparisonOf } from '../model/comparison';
import { getState } from '../state/store';
import { comparedTimePoints } from '../state/compareState';
import { notify } from './notify';
import { download, safeName } from './download';
import { allStudies, activeStudy } from '../state/studyLookup';
import { exportInput } from './exportInput';
import { comparisonJson } from '../export/json/comparisonJson';
function studyForExport() {
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
    if (!compare)
        return null;
    const pair = comparedTimePoints(compare);
    if (!pair)
        return null;
    const { baseline, followUp } = pair;
    const { comparison, reason } = comparisonOf(measurements, baseline, followUp);
    return { baseline, followUp, comparison, reason };
}
function comparisonStudy(point) {
    return { studyInstanceUID: point.studyInstanceUID, seriesInstanceUID: point.seriesInstanceUID, studyDate: point.studyDate };
}
export async function exportJson() {
    const active = activeComparison();
    if (active) {
        // Both studies' vertebrae, plus the comparison (informative: import recomputes everything from the points).
        const studies = allStudies().filter((s) => s.key === active.baseline.studyKey || s.key === active.followUp.studyKey);
        const { measurementsDocument } = await import('../export/json');
        const document = {
            ...measurementsDocument(exportInput(studies)),
            comparison: active.comparison
                ? { baseline: comparisonStudy(active.baseline), followUp: comparisonStudy(active.followUp), ...comparisonJson(active.comparison) }
                : null,
        };
        download(`vertebral-heights_comparison_${safeName(active.baseline.studyDate)}_${safeName(active.followUp.studyDate)}.json`, `${JSON.stringify(document, null, 2)}\n`, 'application/json');
        notify({ kind: 'info', text: 'Exported both studies and their comparison as JSON.', details: [] });
        return;
    }
    const study = studyForExport();
    if (!study)
        return;
    const { writeMeasurementsJson } = await import('../export/json');
    const input = exportInput([study]);
    download(`vertebral-heights_${safeName(study.studyDate || study.studyInstanceUID)}.json`, writeMeasurementsJson(input), 'application/json');
    notify({ kind: 'info', text: `Exported ${input.measurements.length} vertebrae as JSON.`, details: [] });
}
export async function exportCsv() {
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
    if (!study)
        return;
    const { writeMeasurementsCsv } = await import('../export/csv');
    const input = exportInput([study]);
    download(`vertebral-heights_${safeName(study.studyDate || study.studyInstanceUID)}.csv`, writeMeasurementsCsv(input), 'text/csv;charset=utf-8');
    notify({ kind: 'info', text: `Exported ${input.measurements.length} vertebrae as CSV.`, details: [] });
}
/** Downloads the comparison chart shown in the compare panel as a standalone SVG or a PNG. */
export async function exportChart(format) {
    const svg = document.querySelector('[data-testid="comparison-chart"]');
    if (!svg) {
        notify({ kind: 'error', text: 'No chart to export: measure vertebrae in compare mode first.', details: [] });
        return;
    }
    const { svgToPngBlob, svgToStandaloneString } = await import('../export/chartImage');
    if (format === 'svg')
        download('vertebral-heights_chart.svg', svgToStandaloneString(svg), 'image/svg+xml');
    else
        download('vertebral-heights_chart.png', await svgToPngBlob(svg), 'image/png');
}
