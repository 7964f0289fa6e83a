import { getState, setState } from '../state/store';
import { comparedTimePoints } from '../state/compareState';
import { findSeries } from '../state/instances';
import { withMeasuredRegion } from '../cornerstone/focusViews';
import { snapshotViewport } from '../cornerstone/snapshot';
import { seriesMorphometry } from '../model/morphometry';
import { measurementsOfSeries } from '../model/measurements';
import { APP_VERSION } from '../model/appVersion';
import { comparisonOf } from '../model/comparison';
/** Opens the printable report of the displayed series: header, morphometry table, sagittal snapshot with markers. */
export async function openReport() {
    const state = getState();
    const plan = state.plan;
    const found = findSeries(state.activeSeriesKey);
    if (!plan || !found) {
        setState({ status: 'Open a series and measure it before making a report.' });
        return;
    }
    const meta = found.series.instances[0].meta;
    const measured = measurementsOfSeries(state.measurements, plan.seriesKey);
    const view = plan.viewports.find((v) => v.orientation === 'sagittal') ?? plan.viewports[0];
    let snapshot = null;
    let snapshotError = null;
    if (view === undefined) {
        snapshotError = 'The image snapshot could not be made: the series has no view on screen.';
    }
    else {
        try {
            snapshot = await withMeasuredRegion(plan, view.viewportId, measured, () => snapshotViewport(view.viewportId));
        }
        catch (error) {
            snapshotError = `The image snapshot could not be made: ${error instanceof Error ? error.message : String(error)}`;
        }
    }
    let comparison = null;
    const pair = state.compare && plan.mode === 'compare' ? comparedTimePoints(state.compare) : null;
    if (pair) {
        const { baseline, followUp } = pair;
        const result = comparisonOf(state.measurements, baseline, followUp);
        if (result.comparison) {
            const snapshots = [];
            for (const spec of plan.viewports) {
                const ofSeries = measurementsOfSeries(state.measurements, spec.seriesKey);
                try {
                    snapshots.push({ label: spec.title ?? spec.seriesKey, image: await withMeasuredRegion(plan, spec.viewportId, ofSeries, () => snapshotViewport(spec.viewportId)) });
                }
                catch {
                    // the table and chart still make the report
                }
            }
            const chartElement = document.querySelector('[data-testid="comparison-chart"]');
            const { svgToStandaloneString } = await import('../export/chartImage');
            comparison = {
                baselineLabel: baseline.label,
                followUpLabel: followUp.label,
                baselineUIDs: `${baseline.studyInstanceUID} / ${baseline.seriesInstanceUID}`,
                followUpUIDs: `${followUp.studyInstanceUID} / ${followUp.seriesInstanceUID}`,
                comparison: result.comparison,
                chartSvg: chartElement ? svgToStandaloneString(chartElement) : null,
                snapshots,
            };
        }
    }
    setState({
        report: {
            comparison,
            patientName: meta.patientName,
            patientId: meta.patientId,
            patientBirthDate: meta.patientBirthDate,
            studyDate: found.study.studyDate,
            studyDescription: found.study.studyDescription,
            studyInstanceUID: found.study.studyInstanceUID,
            seriesDescription: found.series.description,
            seriesInstanceUID: found.series.key,
            modality: found.series.modality,
            morphometry: seriesMorphometry(state.measurements, plan.seriesKey),
            snapshot,
            snapshotError,
            createdAt: new Date().toISOString().replace('T', ' ').slice(0, 19),
            appVersion: APP_VERSION,
        },
    });
}
export function closeReport() {
    setState({ report: null });
}
