import { readLocalFiles } from '../loading/localFiles';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { fetchSampleFiles, fetchSampleManifest } from '../loading/sampleStudy';
import { getState, setState } from '../state/store';
import { addInstances, findSeries } from '../state/instances';
import type { PrimaryTool } from '../state/primaryTool';
import { cancelPlacement, focusMeasurement, linkViews, setPrimaryTool, withMeasuredRegion } from '../cornerstone/viewportController';
import { snapshotViewport } from '../cornerstone/snapshot';
import { seriesMorphometry } from '../model/morphometry';
import { measurementsOfSeries } from '../model/measurements';
import { APP_VERSION } from '../model/appVersion';
import { importSrBytes } from './transfer';
import { execute, redo, undo } from '../model/measurements';
import type { SpinalLevel } from '../../measurement';
import { planCompare, planDisplay } from '../model/displayPlan';
import { comparisonOf, timePointsOf } from '../model/comparison';
import type { CompareState } from '../state/compareState';
import type { ReportData } from '../model/reportData';

/** Reads files chosen or dropped by the user; the first image series opens as soon as it is complete. */
export async function openFiles(files: readonly File[], label = 'Reading files'): Promise<void> {
  if (files.length === 0) return;
  setState({ fileProgress: { filesRead: 0, filesTotal: files.length, label }, status: null });
  // Initialising the loader purges its dataset cache: it must happen before the first file is registered.
  await initCornerstone();
  const reports: Array<{ bytes: Uint8Array; fileName: string }> = [];
  await readLocalFiles(files, (batch, progress) => {
    addInstances(batch.instances, batch.problems);
    for (const instance of batch.instances) if (instance.srBytes) reports.push({ bytes: instance.srBytes, fileName: instance.meta.fileName });
    setState({ fileProgress: { ...progress, label } });
  });
  setState({ fileProgress: null });
  if (!getState().activeSeriesKey) selectFirstImageSeries();
  // Measurement reports opened with (or after) their images put their vertebrae back on them.
  for (const report of reports) await importSrBytes(report.bytes, report.fileName);
}

/** Opens the preferred series: an axial CT for the phantom, else the first image series. */
export function selectFirstImageSeries(): void {
  const all = getState().patients.flatMap((p) => p.studies.flatMap((s) => s.series)).filter((s) => s.kind === 'image');
  const preferred = all.find((s) => s.modality === 'CT' && s.imageCount > 1) ?? all.find((s) => s.imageCount > 1) ?? all[0];
  if (preferred) selectSeries(preferred.key);
}

export function selectSeries(key: string): void {
  const found = findSeries(key);
  if (!found) return;
  const current = getState();
  // Clicking the series already shown keeps it as it is (slice, zoom, window).
  if (current.activeSeriesKey === key && current.plan?.mode !== 'compare' && current.plan?.imageIds.length === found.series.imageCount) return;
  const plan = found.series.kind === 'image' ? planDisplay(found.series) : null;
  // Keep the height tool when switching series mid-session; otherwise start with the natural tool of the layout.
  const primaryTool: PrimaryTool = current.primaryTool === 'vertebralHeight' ? 'vertebralHeight' : plan?.mode === 'mpr' ? 'crosshairs' : 'windowLevel';
  cancelPlacement();
  setState((s) => {
    const known = new Set(s.problems.map((p) => `${p.fileName}\n${p.message}`));
    const added = (plan?.fileNotes ?? [])
      .filter((n) => !known.has(`${n.fileName}\n${n.message}`))
      .map((n) => ({ ...n, severity: 'warning' as const }));
    return { activeSeriesKey: key, plan, primaryTool, viewports: {}, placementCount: 0, problems: [...s.problems, ...added], compare: null };
  });
}

/** Fetches the generated phantom from the local server and opens it like local files. */
export async function openSample(studyKeys: readonly string[] = ['baseline']): Promise<void> {
  try {
    setState({ fileProgress: { filesRead: 0, filesTotal: 1, label: 'Downloading sample study' }, status: null });
    const manifest = await fetchSampleManifest();
    const files = await fetchSampleFiles(manifest, studyKeys, (done, total) =>
      setState({ fileProgress: { filesRead: done, filesTotal: total, label: 'Downloading sample study' } }),
    );
    await openFiles(files, 'Reading sample study');
  } catch (error) {
    setState({ fileProgress: null, status: error instanceof Error ? error.message : String(error) });
  }
}

export function choosePrimaryTool(tool: PrimaryTool): void {
  const plan = getState().plan;
  setState({ primaryTool: tool });
  setPrimaryTool(tool, plan?.mode === 'mpr');
}

export function undoMeasurement(): void {
  cancelPlacement();
  setState((s) => ({ measurements: undo(s.measurements) }));
}

export function redoMeasurement(): void {
  cancelPlacement();
  setState((s) => ({ measurements: redo(s.measurements) }));
}

export function deleteMeasurement(id: string): void {
  const measurement = getState().measurements.byId[id];
  if (!measurement) return;
  setState((s) => ({
    measurements: execute(s.measurements, { type: 'delete', measurement }),
    selectedMeasurementId: s.selectedMeasurementId === id ? null : s.selectedMeasurementId,
  }));
}

export function relabelMeasurement(id: string, level: SpinalLevel): void {
  const measurement = getState().measurements.byId[id];
  if (!measurement || measurement.level === level) return;
  setState((s) => ({ measurements: execute(s.measurements, { type: 'relabel', id, before: measurement.level, after: level }) }));
}

/** Selects a vertebra and brings it into view on its slice. */
export function focusMeasurementById(id: string): void {
  const state = getState();
  const measurement = state.measurements.byId[id];
  setState({ selectedMeasurementId: id });
  if (measurement && state.plan?.viewports.some((v) => v.seriesKey === measurement.seriesKey)) focusMeasurement(state.plan, measurement);
}

export function setNextLevel(level: SpinalLevel): void {
  setState({ nextLevel: level });
}

/** Opens the printable report of the displayed series: header, morphometry table, sagittal snapshot with markers. */
export async function openReport(): Promise<void> {
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
  let snapshot: string | null = null;
  let snapshotError: string | null = null;
  try {
    snapshot = await withMeasuredRegion(plan, view.viewportId, measured, () => snapshotViewport(view.viewportId));
  } catch (error) {
    snapshotError = `The image snapshot could not be made: ${error instanceof Error ? error.message : String(error)}`;
  }
  let comparison: ReportData['comparison'] = null;
  if (state.compare && plan.mode === 'compare') {
    const baseline = state.compare.timePoints[state.compare.baselineIndex];
    const followUp = state.compare.timePoints[state.compare.followUpIndex];
    const result = comparisonOf(state.measurements, baseline, followUp);
    if (result.comparison) {
      const snapshots: Array<{ label: string; image: string }> = [];
      for (const spec of plan.viewports) {
        const ofSeries = measurementsOfSeries(state.measurements, spec.seriesKey);
        try {
          snapshots.push({ label: spec.title ?? spec.seriesKey, image: await withMeasuredRegion(plan, spec.viewportId, ofSeries, () => snapshotViewport(spec.viewportId)) });
        } catch {
          // the table and chart still make the report
        }
      }
      const chartElement = document.querySelector('[data-testid="comparison-chart"]') as SVGSVGElement | null;
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

export function closeReport(): void {
  setState({ report: null });
}

/** Shows the chosen baseline and follow-up side by side (sagittal views), keeping the other settings. */
function showCompare(compare: CompareState): void {
  const baseline = compare.timePoints[compare.baselineIndex];
  const followUp = compare.timePoints[compare.followUpIndex];
  const entries = [baseline, followUp].map((point) => ({ series: findSeries(point.seriesKey)!.series, label: point.label }));
  cancelPlacement();
  const plan = planCompare(entries);
  setState((s) => ({
    compare,
    plan,
    activeSeriesKey: baseline.seriesKey,
    viewports: {},
    placementCount: 0,
    primaryTool: s.primaryTool === 'crosshairs' ? 'windowLevel' : s.primaryTool,
  }));
}

/** Compare mode: the studies of the patient side by side, oldest as baseline, the next as follow-up. */
export function enterCompare(): void {
  const state = getState();
  const timePoints = timePointsOf(state.patients, state.measurements);
  if (timePoints.length < 2) {
    setState({ status: 'Compare needs two studies: open the baseline and the follow-up study of the patient (e.g. "Open post-kyphoplasty sample").' });
    return;
  }
  // Prefer the studies of the patient on screen; other patients stay selectable (with a warning).
  const current = timePoints.find((p) => p.seriesKey === state.activeSeriesKey) ?? timePoints[0];
  const samePatient = timePoints.map((p, i) => [p, i] as const).filter(([p]) => p.patientId === current.patientId);
  const [baselineIndex, followUpIndex] = samePatient.length >= 2 ? [samePatient[0][1], samePatient[1][1]] : [0, 1];
  showCompare({ timePoints, baselineIndex, followUpIndex, linked: true });
}

export function chooseCompareStudies(baselineIndex: number, followUpIndex: number): void {
  const compare = getState().compare;
  if (compare) showCompare({ ...compare, baselineIndex, followUpIndex });
}

export function exitCompare(): void {
  const compare = getState().compare;
  if (!compare) return;
  setState({ compare: null });
  selectSeries(compare.timePoints[compare.baselineIndex].seriesKey);
}

export function setCompareLinked(linked: boolean): void {
  const state = getState();
  if (!state.compare || !state.plan) return;
  setState({ compare: { ...state.compare, linked } });
  linkViews(state.plan, linked);
}

/** Brings one level into view in every view that has it measured (both studies in compare mode). */
export function focusLevel(level: SpinalLevel): void {
  const state = getState();
  const plan = state.plan;
  if (!plan) return;
  for (const seriesKey of new Set(plan.viewports.map((v) => v.seriesKey))) {
    const measurement = Object.values(state.measurements.byId).find((m) => m.seriesKey === seriesKey && m.level === level);
    if (measurement) focusMeasurement(plan, measurement);
  }
}
