import type { FileProblem } from '../loading/instanceMeta';
import type { LoadedInstance, PatientGroup } from '../loading/grouping';
import type { DisplayPlan } from '../model/displayPlan';
import type { KeyboardCursor } from '../model/keyboardCursor';
import type { SpinalLevel, SpinalDirection } from '../../measurement';
import { EMPTY_MEASUREMENTS, type MeasurementsState } from '../model/measurements';
import type { ReportData } from '../model/reportData';
import { INITIAL_ASSIST, type AssistState } from './assistState';
import type { CompareState } from './compareState';
import type { EarlyView } from './earlyView';
import type { ForeignAnnotationEntry } from './foreignAnnotations';
import type { LoadProgress } from './loadProgress';
import { INITIAL_PACS, type PacsState } from './pacsState';
import type { PrimaryTool } from './primaryTool';
import type { RestoredNotice } from './restoredNotice';
import type { RepeatReadingState } from './repeatReading';
import type { StudySyncNotice } from './studySync';
import type { TransferNotice } from './transferNotice';
import type { ViewportSnapshot } from './viewportSnapshot';

/** The whole app state: one field per slice; each slice's type lives in its own module. */
export interface AppState {
  instances: LoadedInstance[];
  patients: PatientGroup[];
  problems: FileProblem[];
  activeSeriesKey: string | null;
  /** How the active series is laid out; derived once when the series is chosen. */
  plan: DisplayPlan | null;
  /** The first slice of a study opened by its address, shown before its series is loaded; null otherwise. */
  earlyView: EarlyView | null;
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
  /** The keyboard cursor while it is switched on (K), whichever tool is chosen; it acts with the height tool only. */
  keyboardCursor: KeyboardCursor | null;
  /** Studies whose vertebrae on this page differ from what the browser store holds (a save not finished, failed or held back). */
  savesPending: number;
  /** Why saving to (or reading from) the browser store failed; null once every study is saved again. */
  saveError: string | null;
  /** Studies that another tab has written while this tab shows them, until the reader dismisses or settles each. */
  studySyncNotices: StudySyncNotice[];
  /** Measurements restored from the browser store, per study, until the user dismisses or discards them. */
  restoredNotices: RestoredNotice[];
  /** Studies whose saved work this page has read from the browser store, and shown when there was any. */
  studiesRestored: string[];
  /** The printable report, while it is open. */
  report: ReportData | null;
  /** The outcome of the last export or import. */
  transferNotice: TransferNotice | null;
  /** Before/after comparison, while compare mode is on. */
  compare: CompareState | null;
  /** The DICOMweb connection, study list and the last error talking to it. */
  pacs: PacsState;
  /** Image-analysis assistance of the height tool (snap, one click per vertebra, spine detection). */
  assist: AssistState;
  /** A blinded repeat reading in progress, or two readings of a series being compared; null otherwise. */
  repeatReading: RepeatReadingState | null;
  /** Measurements of other viewers from imported SRs: read-only, this session only, never graded or exported. */
  foreignAnnotations: ForeignAnnotationEntry[];
}

const initialState: AppState = {
  instances: [],
  patients: [],
  problems: [],
  activeSeriesKey: null,
  plan: null,
  earlyView: null,
  fileProgress: null,
  primaryTool: 'windowLevel',
  viewports: {},
  status: null,
  measurements: EMPTY_MEASUREMENTS,
  selectedMeasurementId: null,
  nextLevel: 'L1',
  levelDirection: 'cranial',
  placementCount: 0,
  keyboardCursor: null,
  savesPending: 0,
  saveError: null,
  studySyncNotices: [],
  restoredNotices: [],
  studiesRestored: [],
  report: null,
  transferNotice: null,
  compare: null,
  pacs: INITIAL_PACS,
  assist: INITIAL_ASSIST,
  repeatReading: null,
  foreignAnnotations: [],
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

declare global {
  interface Window {
    /** Read-only view of the app state for scripted QA (loaded instances with their image ids, problems, plan). */
    vertebralViewer: { getState: () => AppState };
  }
}
if (typeof window !== 'undefined') window.vertebralViewer = { getState };
