import { NO_READING } from './readerReading';
export const EMPTY_MEASUREMENTS = { byId: {}, undoStack: [], redoStack: [] };
/** Undo history depth; older steps are forgotten. */
const MAX_UNDO_STEPS = 200;
function applyForward(byId, command) {
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
            for (const m of command.measurements)
                delete rest[m.id];
            return rest;
        }
        case 'move': {
            const current = byId[command.id];
            if (!current)
                return byId;
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
                if (current)
                    next[id] = { ...current, proposed: command.proposed };
            }
            return next;
        }
        case 'read': {
            const current = byId[command.id];
            return current ? { ...byId, [command.id]: { ...current, reading: command.after } } : byId;
        }
    }
}
function inverse(command) {
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
export function execute(state, command) {
    return {
        byId: applyForward(state.byId, command),
        undoStack: [...state.undoStack, command].slice(-MAX_UNDO_STEPS),
        redoStack: [],
    };
}
export function undo(state) {
    const command = state.undoStack[state.undoStack.length - 1];
    if (!command)
        return state;
    return {
        byId: applyForward(state.byId, inverse(command)),
        undoStack: state.undoStack.slice(0, -1),
        redoStack: [...state.redoStack, command],
    };
}
export function redo(state) {
    const command = state.redoStack[state.redoStack.length - 1];
    if (!command)
        return state;
    return {
        byId: applyForward(state.byId, command),
        undoStack: [...state.undoStack, command],
        redoStack: state.redoStack.slice(0, -1),
    };
}
/** Points changing while a handle is dragged: shown live, recorded once as a 'move' when the drag ends. */
export function previewPoints(state, id, points) {
    const current = state.byId[id];
    return current ? { ...state, byId: { ...state.byId, [id]: { ...current, points } } } : state;
}
/** The measurements placed on one series. */
export function measurementsOfSeries(state, seriesKey) {
    return Object.values(state.byId).filter((m) => m.seriesKey === seriesKey);
}
/** The reader's reading of a vertebra, empty when none was recorded. */
export function readingOf(measurement) {
    return measurement.reading ?? NO_READING;
}
function idsOfCommand(command) {
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
export function replaceStudyMeasurements(state, studyKey, measurements) {
    const touched = new Set(measurements.map((m) => m.id));
    const byId = {};
    for (const m of Object.values(state.byId)) {
        if (m.studyKey === studyKey)
            touched.add(m.id);
        else
            byId[m.id] = m;
    }
    for (const m of measurements)
        byId[m.id] = m;
    const keep = (command) => !idsOfCommand(command).some((id) => touched.has(id));
    return { byId, undoStack: state.undoStack.filter(keep), redoStack: state.redoStack.filter(keep) };
}
