import { useSyncExternalStore } from 'react';
import type { FileProblem } from '../loading/instanceMeta';
import { groupInstances, type LoadedInstance, type PatientGroup } from '../loading/grouping';
import { deduplicateInstances } from '../loading/duplicates';
import type { DisplayPlan } from './displayPlan';
import type { SpinalLevel, SpinalDirection } from '../../measurement';
import { EMPTY_MEASUREMENTS, type MeasurementsState } from './measurements';
import type { ReportData } from '../export/report/ReportView';
import type { TransferNotice } from './transfer';
import type { CompareState } from './compare';
import { INITIAL_PACS, type PacsState } from './pacsState';

/** What an overlay shows for one viewport; written only by the cornerstone bridge. */
export interface ViewportSnapshot {
  sliceIndex: number;
  sliceCount: number;
  /** Signed coordinate of the slice along its axis (x, y or z), mm; null for an oblique plane. */
  slicePositionMm: number | null;
  sliceAxis: 'x' | 'y' | 'z' | 'n';
  windowWidth: number | null;
  windowCenter: number | null;
  /** Letters at the left, right, top and bottom edges, e.g. { left: 'A', right: 'P', top: 'S', bottom: 'I' }. */
  edges: { left: string; right: string; top: string; bottom: string };
  /** Patient mm (or pixels when uncalibrated) per canvas pixel. */
  worldPerCanvasPixel: number | null;
  canvasWidth: number;
  invert: boolean;
}

export interface LoadProgress {
  filesRead: number;
  filesTotal: number;
  label: string;
}

export type PrimaryTool = 'windowLevel' | 'pan' | 'zoom' | 'crosshairs' | 'vertebralHeight';

export interface AppState {
  instances: LoadedInstance[];
  patients: PatientGroup[];
  problems: FileProblem[];
  activeSeriesKey: string | null;
  /** How the active series is laid out; derived once when the series is chosen. */
  plan: DisplayPlan | null;
  fileProgress: LoadProgress | null;
  primaryTool: PrimaryTool;
  viewports: Record<string, ViewportSnapshot>;
  /** A one-line status for the whole app (errors that are not tied to a file). */
  status: string | null;
  /** Every vertebra measured in this session, with undo/redo history. */
  measurements: MeasurementsState;
  selectedMeasurementId: string | null;
  /** The level the next vertebra gets (the level selector). */
  nextLevel: SpinalLevel;
  /** Which way the level proposal walks after each vertebra (up the spine by default). */
  levelDirection: SpinalDirection;
  /** Points placed of the vertebra in progress (0: none). */
  placementCount: number;
  /** Saves to the browser store not yet finished. */
  savesPending: number;
  /** Why the last save to the browser store failed; null once a save succeeds. */
  saveError: string | null;
  /** Measurements restored from the browser store, per study, until the user dismisses or discards them. */
  restoredNotices: Array<{ studyKey: string; ids: string[] }>;
  /** The printable report, while it is open. */
  report: ReportData | null;
  /** The outcome of the last export or import. */
  transferNotice: TransferNotice | null;
  /** Before/after comparison, while compare mode is on. */
  compare: CompareState | null;
  /** The DICOMweb connection, study list and the last error talking to it. */
  pacs: PacsState;
}

const initialState: AppState = {
  instances: [],
  patients: [],
  problems: [],
  activeSeriesKey: null,
  plan: null,
  fileProgress: null,
  primaryTool: 'windowLevel',
  viewports: {},
  status: null,
  measurements: EMPTY_MEASUREMENTS,
  selectedMeasurementId: null,
  nextLevel: 'L1',
  levelDirection: 'cranial',
  placementCount: 0,
  savesPending: 0,
  saveError: null,
  restoredNotices: [],
  report: null,
  transferNotice: null,
  compare: null,
  pacs: INITIAL_PACS,
};

let state: AppState = initialState;
const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function setState(update: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
  const patch = typeof update === 'function' ? update(state) : update;
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook: re-renders when the selected part of the state changes (compared with Object.is). */
export function useAppState<T>(selector: (s: AppState) => T): T {
  return useSyncExternalStore(subscribe, () => selector(state));
}

export function addInstances(added: readonly LoadedInstance[], problems: readonly FileProblem[]): void {
  setState((s) => {
    const instances = [...s.instances, ...added];
    const known = new Set(s.problems.map((p) => `${p.fileName}\n${p.message}`));
    const duplicates = deduplicateInstances(instances).duplicates
      .map(({ dropped, message }): FileProblem => ({ fileName: dropped.meta.fileName, message, severity: 'warning' }))
      .filter((p) => !known.has(`${p.fileName}\n${p.message}`));
    return { instances, patients: groupInstances(instances), problems: [...s.problems, ...problems, ...duplicates] };
  });
}

export function setViewportSnapshot(viewportId: string, snapshot: ViewportSnapshot): void {
  setState((s) => ({ viewports: { ...s.viewports, [viewportId]: snapshot } }));
}

export function findSeries(key: string | null) {
  if (!key) return null;
  for (const patient of state.patients) {
    for (const study of patient.studies) {
      const series = study.series.find((x) => x.key === key);
      if (series) return { patient, study, series };
    }
  }
  return null;
}

declare global {
  interface Window {
    /** Read-only view of the app state for scripted QA (loaded instances with their image ids, problems, plan). */
    vertebralViewer: { getState: () => AppState };
  }
}
if (typeof window !== 'undefined') window.vertebralViewer = { getState };
