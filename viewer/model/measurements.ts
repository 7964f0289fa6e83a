import type { DisplayedPlane, SixPoints, SpinalLevel, Vec3 } from '../../measurement';
import { NO_READING, type ReaderReading } from './readerReading';

/** One vertebra as measured: its level and six points in patient mm, tied to the study and series it was placed on. */
export interface VertebraMeasurement {
  id: string;
  studyKey: string;
  seriesKey: string;
  frameOfReferenceUID: string;
  level: SpinalLevel;
  points: SixPoints;
  /** False on an image without patient calibration: then the "mm" are pixels and nothing is graded. */
  calibrated: boolean;
  /** The camera's plane normal and up direction when placed, to bring the vertebra back into view. */
  viewPlaneNormal: Vec3;
  viewUp: Vec3;
  /** For a stack: the image the points lie on. */
  referencedImageId: string | null;
  /** The plane as displayed when placed (pixel sizes, slice spacing): what the uncertainty of the heights comes from. */
  plane?: DisplayedPlane | undefined;
  /** The reader's own grade, endplate depression and note; absent until the reader records one. */
  reading?: ReaderReading | undefined;
  /** True while the points are the image analysis's proposal that nobody has accepted or edited yet. */
  proposed?: boolean;
  /** How far the analysis trusted its proposal (0–1); kept after acceptance, absent on a vertebra placed by hand. */
  confidence?: number;
  /** Why the confidence is low (empty when it is not); absent on a vertebra placed by hand. */
  reasons?: readonly ProposalReason[];
}

/** One reason the analysis gave for a low confidence: a stable code and a sentence for the clinician. */
export interface ProposalReason {
  readonly code: string;
  readonly message: string;
}

/** An undoable change. */
export type MeasurementCommand =
  | { type: 'add'; measurement: VertebraMeasurement }
  | { type: 'delete'; measurement: VertebraMeasurement }
  | { type: 'addMany'; measurements: readonly VertebraMeasurement[] }
  | { type: 'deleteMany'; measurements: readonly VertebraMeasurement[] }
  | { type: 'move'; id: string; before: SixPoints; after: SixPoints; proposedBefore?: boolean; proposedAfter?: boolean }
  /** Accepting proposals (proposed false) or, undone, making them proposals again. */
  | { type: 'review'; ids: readonly string[]; proposed: boolean }
  | { type: 'relabel'; id: string; before: SpinalLevel; after: SpinalLevel }
  | { type: 'read'; id: string; before: ReaderReading; after: ReaderReading };

export interface MeasurementsState {
  byId: Readonly<Record<string, VertebraMeasurement>>;
  undoStack: readonly MeasurementCommand[];
  redoStack: readonly MeasurementCommand[];
}

export const EMPTY_MEASUREMENTS: MeasurementsState = { byId: {}, undoStack: [], redoStack: [] };

/** Undo history depth; older steps are forgotten. */
const MAX_UNDO_STEPS = 200;

function applyForward(byId: MeasurementsState['byId'], command: MeasurementCommand): MeasurementsState['byId'] {
  switch (command.type) {
    case 'add':
      return { ...byId, [command.measurement.id]: command.measurement };
    case 'delete': {
      const { [command.measurement.id]: _removed, ...rest } = byId;
      return rest;
    }
    case 'addMany':
      return { ...byId, ...Object.fromEntries(command.measurements.map((m) => [m.id, m])) };
    case 'deleteMany': {
      const rest = { ...byId };
      for (const m of command.measurements) delete rest[m.id];
      return rest;
    }
    case 'move': {
      const current = byId[command.id];
      if (!current) return byId;
      const moved = { ...current, points: command.after };
      return { ...byId, [command.id]: command.proposedAfter === undefined ? moved : { ...moved, proposed: command.proposedAfter } };
    }
    case 'relabel': {
      const current = byId[command.id];
      return current ? { ...byId, [command.id]: { ...current, level: command.after } } : byId;
    }
    case 'review': {
      const next = { ...byId };
      for (const id of command.ids) {
        const current = next[id];
        if (current) next[id] = { ...current, proposed: command.proposed };
      }
      return next;
    }
    case 'read': {
      const current = byId[command.id];
      return current ? { ...byId, [command.id]: { ...current, reading: command.after } } : byId;
    }
  }
}

function inverse(command: MeasurementCommand): MeasurementCommand {
  switch (command.type) {
    case 'add':
      return { type: 'delete', measurement: command.measurement };
    case 'delete':
      return { type: 'add', measurement: command.measurement };
    case 'addMany':
      return { type: 'deleteMany', measurements: command.measurements };
    case 'deleteMany':
      return { type: 'addMany', measurements: command.measurements };
    case 'move':
      return {
        type: 'move',
        id: command.id,
        before: command.after,
        after: command.before,
        ...(command.proposedAfter === undefined ? {} : { proposedAfter: command.proposedBefore ?? false }),
        ...(command.proposedBefore === undefined ? {} : { proposedBefore: command.proposedAfter ?? false }),
      };
    case 'review':
      return { type: 'review', ids: command.ids, proposed: !command.proposed };
    case 'relabel':
      return { type: 'relabel', id: command.id, before: command.after, after: command.before };
    case 'read':
      return { type: 'read', id: command.id, before: command.after, after: command.before };
  }
}

/** Applies a user action and records it for undo (clearing redo). */
export function execute(state: MeasurementsState, command: MeasurementCommand): MeasurementsState {
  return {
    byId: applyForward(state.byId, command),
    undoStack: [...state.undoStack, command].slice(-MAX_UNDO_STEPS),
    redoStack: [],
  };
}

export function undo(state: MeasurementsState): MeasurementsState {
  const command = state.undoStack[state.undoStack.length - 1];
  if (!command) return state;
  return {
    byId: applyForward(state.byId, inverse(command)),
    undoStack: state.undoStack.slice(0, -1),
    redoStack: [...state.redoStack, command],
  };
}

export function redo(state: MeasurementsState): MeasurementsState {
  const command = state.redoStack[state.redoStack.length - 1];
  if (!command) return state;
  return {
    byId: applyForward(state.byId, command),
    undoStack: [...state.undoStack, command],
    redoStack: state.redoStack.slice(0, -1),
  };
}

/** Points changing while a handle is dragged: shown live, recorded once as a 'move' when the drag ends. */
export function previewPoints(state: MeasurementsState, id: string, points: SixPoints): MeasurementsState {
  const current = state.byId[id];
  return current ? { ...state, byId: { ...state.byId, [id]: { ...current, points } } } : state;
}

/** The measurements placed on one series. */
export function measurementsOfSeries(state: MeasurementsState, seriesKey: string): VertebraMeasurement[] {
  return Object.values(state.byId).filter((m) => m.seriesKey === seriesKey);
}

/** The reader's reading of a vertebra, empty when none was recorded. */
export function readingOf(measurement: VertebraMeasurement): ReaderReading {
  return measurement.reading ?? NO_READING;
}

function idsOfCommand(command: MeasurementCommand): string[] {
  switch (command.type) {
    case 'add':
    case 'delete':
      return [command.measurement.id];
    case 'addMany':
    case 'deleteMany':
      return command.measurements.map((m) => m.id);
    case 'move':
    case 'relabel':
    case 'read':
      return [command.id];
    case 'review':
      return [...command.ids];
  }
}

/**
 * The study's vertebrae replaced by another set (e.g. what another tab saved); undo and redo steps that touch a
 * vertebra of that study are dropped, since they describe a state this page no longer shows.
 */
export function replaceStudyMeasurements(state: MeasurementsState, studyKey: string, measurements: readonly VertebraMeasurement[]): MeasurementsState {
  const touched = new Set(measurements.map((m) => m.id));
  const byId: Record<string, VertebraMeasurement> = {};
  for (const m of Object.values(state.byId)) {
    if (m.studyKey === studyKey) touched.add(m.id);
    else byId[m.id] = m;
  }
  for (const m of measurements) byId[m.id] = m;
  const keep = (command: MeasurementCommand) => !idsOfCommand(command).some((id) => touched.has(id));
  return { byId, undoStack: state.undoStack.filter(keep), redoStack: state.redoStack.filter(keep) };
}
