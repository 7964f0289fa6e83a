import { replaceStudyMeasurements } from '../model/measurements';
import { resolvePendingImages, restoreSavedStudy, savedStudyOf } from '../model/savedStudy';
import { getState, setState, subscribe } from '../state/store';
import { broadcastStudyChannel } from './studyChannel';
import { blindedOn, comparedReadingOf, repeatOf, resumeRepeatReading, sameVertebrae, savedRepeatReadingOf, vertebraeByStudy } from './studyReadings';
import { indexedDbStudyStore, newRevision } from './studyStore';
/** Images of restored vertebrae whose files are not open yet, by vertebra id; resolved as the files arrive. */
const pendingImages = new Map();
/**
 * Waits (ms) before a failed write is tried again, by consecutive failure; the last one repeats. Space freed by the
 * reader or the browser is then used without another edit, and a store that keeps failing is asked once a minute.
 */
export const FAILED_WRITE_RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 60_000];
export function retryDelayMs(failures) {
    const index = Math.min(Math.max(failures, 1), FAILED_WRITE_RETRY_DELAYS_MS.length) - 1;
    return FAILED_WRITE_RETRY_DELAYS_MS[index] ?? FAILED_WRITE_RETRY_DELAYS_MS[3];
}
let session = null;
/** Ties restored vertebrae to their images once the files holding them are open. */
function resolveRestoredImages() {
    if (pendingImages.size === 0)
        return;
    const resolved = resolvePendingImages(pendingImages, getState().instances);
    if (resolved.size === 0)
        return;
    for (const id of resolved.keys())
        pendingImages.delete(id);
    setState((s) => {
        const byId = { ...s.measurements.byId };
        for (const [id, imageId] of resolved) {
            const measurement = byId[id];
            if (measurement && measurement.referencedImageId === null)
                byId[id] = { ...measurement, referencedImageId: imageId };
        }
        return { measurements: { ...s.measurements, byId } };
    });
}
function describeStorageError(error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'QuotaExceededError')
        return 'the browser storage is full';
    return error instanceof Error ? error.message : String(error);
}
function recordOf(studyKey, measurements) {
    if (measurements.length === 0)
        return null;
    const state = getState();
    const { blinded, compared } = savedRepeatReadingOf(state, studyKey);
    return savedStudyOf(studyKey, measurements, state.instances, new Date(), pendingImages, blinded, compared);
}
/** What two sets of a study's vertebrae would store, compared as text: equal when nothing a reader sees differs. */
function sameContent(studyKey, a, b) {
    const text = (list) => JSON.stringify((recordOf(studyKey, list)?.measurements ?? []).slice().sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));
    return text(a) === text(b);
}
function notSavedMessage(error) {
    return `Measurements are NOT saved in this browser: ${describeStorageError(error)}. They stay on this page only until it is closed: export them as JSON now.`;
}
function withNotice(notices, notice, studyKey) {
    const rest = notices.filter((n) => n.studyKey !== studyKey);
    return notice ? [...rest, notice] : rest;
}
/**
 * Saves every change, keyed by study, and restores a study's measurements when it is opened again. "Saved" is shown
 * only once the browser store has completed the write; a failed write keeps the measurements on the page and says so;
 * a study written meanwhile by another tab is never overwritten silently: this tab takes the other tab's vertebrae
 * when it has no unsaved change of its own (and says so), otherwise it holds its write back until the reader chooses.
 */
export function startAutosave(deps = { store: indexedDbStudyStore(), channel: broadcastStudyChannel() }) {
    const tabId = newRevision();
    const sync = new Map();
    const started = new Set();
    /**
     * Studies whose last write failed: the vertebrae it tried to write, why, how many writes in a row failed, and whether
     * the wait before the next try is over (a change to the vertebrae is written at once).
     */
    const failed = new Map();
    const retryTimers = new Set();
    const delayOf = deps.retryDelayMs ?? retryDelayMs;
    /** Studies another tab wrote while this tab had changes of its own, with the revision that tab wrote. */
    const conflicts = new Map();
    let readError = null;
    let queue = Promise.resolve();
    /** One job at a time, in order: reads, writes and other tabs' updates never interleave. */
    const enqueue = (job) => {
        queue = queue.then(job).catch((error) => {
            readError = `Measurements could not be kept in step with this browser's store: ${describeStorageError(error)}`;
            publish();
        });
    };
    /** Studies whose vertebrae on the page differ from what the store holds (as far as this tab knows). */
    const unsavedStudies = (state) => {
        const current = vertebraeByStudy(state);
        return [...started].filter((key) => {
            const list = current.get(key) ?? [];
            const known = sync.get(key);
            if (!known)
                return list.length > 0;
            return known.synced === null || !sameVertebrae(known.synced, list) || known.repeat !== repeatOf(state, key);
        });
    };
    const writableStudies = (state) => {
        const current = vertebraeByStudy(state);
        return unsavedStudies(state).filter((key) => {
            if (!sync.has(key) || conflicts.has(key))
                return false;
            const failure = failed.get(key);
            return !failure || failure.retryDue || !sameVertebrae(failure.attempted, current.get(key) ?? []);
        });
    };
    const publish = () => {
        const state = getState();
        const pending = unsavedStudies(state).length;
        const error = [...failed.values()][0]?.message ?? readError;
        if (state.savesPending !== pending || state.saveError !== error)
            setState({ savesPending: pending, saveError: error });
    };
    const holdBack = (studyKey, revision, theirs) => {
        conflicts.set(studyKey, revision);
        const notice = { studyKey, kind: 'conflict', count: theirs?.measurements.length ?? 0 };
        setState((s) => ({ studySyncNotices: withNotice(s.studySyncNotices, notice, studyKey) }));
    };
    const writeStudy = async (studyKey, known) => {
        const attempted = vertebraeByStudy(getState()).get(studyKey) ?? [];
        const attemptedRepeat = repeatOf(getState(), studyKey);
        try {
            const outcome = await deps.store.write(studyKey, recordOf(studyKey, attempted), known.revision);
            failed.delete(studyKey);
            if (outcome.kind === 'conflict') {
                holdBack(studyKey, outcome.revision, outcome.record === null ? null : restoreSavedStudy(outcome.record, getState().instances));
                return;
            }
            sync.set(studyKey, { revision: outcome.revision, synced: attempted, repeat: attemptedRepeat });
            deps.channel.post({ studyKey, revision: outcome.revision, tabId });
        }
        catch (error) {
            const failures = (failed.get(studyKey)?.failures ?? 0) + 1;
            const failure = { attempted, message: notSavedMessage(error), failures, retryDue: false };
            failed.set(studyKey, failure);
            const timer = setTimeout(() => {
                retryTimers.delete(timer);
                if (failed.get(studyKey) !== failure)
                    return;
                failure.retryDue = true;
                requestFlush();
            }, delayOf(failures));
            retryTimers.add(timer);
        }
        finally {
            publish();
        }
    };
    const flush = async () => {
        for (;;) {
            const studyKey = writableStudies(getState())[0];
            const known = studyKey === undefined ? undefined : sync.get(studyKey);
            if (studyKey === undefined || !known)
                return;
            await writeStudy(studyKey, known);
        }
    };
    let flushQueued = false;
    const requestFlush = () => {
        if (flushQueued)
            return;
        flushQueued = true;
        enqueue(async () => {
            flushQueued = false;
            await flush();
        });
    };
    const restoreStudy = async (studyKey) => {
        let stored;
        try {
            stored = await deps.store.read(studyKey);
            readError = null;
        }
        catch (error) {
            readError = `Saved measurements could not be read from this browser: ${describeStorageError(error)}`;
            // Writes still go ahead: a record that is there after all makes them a conflict, never an overwrite.
            sync.set(studyKey, { revision: null, synced: [], repeat: null });
            publish();
            requestFlush();
            return;
        }
        const restored = stored.record === null ? null : restoreSavedStudy(stored.record, getState().instances);
        const saved = restored?.measurements ?? [];
        sync.set(studyKey, { revision: stored.revision, synced: saved, repeat: null });
        const state = getState();
        const missing = saved.filter((m) => !state.measurements.byId[m.id]);
        if (missing.length > 0) {
            for (const m of missing) {
                const reference = restored?.pendingImages.get(m.id);
                if (reference)
                    pendingImages.set(m.id, reference);
            }
            const { shown, repeat } = resumeRepeatReading(restored, missing, state.repeatReading);
            const byId = { ...state.measurements.byId };
            for (const m of shown)
                byId[m.id] = m;
            setState({
                measurements: { ...state.measurements, byId },
                // The notice names what is shown (a hidden first reading comes back with its repeat reading, not for discarding).
                restoredNotices: shown.length === 0 ? state.restoredNotices : [...state.restoredNotices, { studyKey, ids: shown.map((m) => m.id) }],
                ...(repeat === null ? {} : { repeatReading: repeat }),
            });
            resolveRestoredImages();
            const known = sync.get(studyKey);
            // The repeat reading restored is the one stored: nothing to write for it.
            if (known && repeat !== null)
                sync.set(studyKey, { ...known, repeat });
        }
        setState((s) => ({ studiesRestored: [...s.studiesRestored, studyKey] }));
        // Anything measured while we were looking differs from what was read, and is written now.
        publish();
        requestFlush();
    };
    /** Reads what another tab wrote and takes it when this tab has nothing unsaved (or the reader chose it). */
    const takeStored = async (studyKey, chosen) => {
        const known = sync.get(studyKey);
        if (!known)
            return;
        const stored = await deps.store.read(studyKey);
        if (!chosen && stored.revision === known.revision)
            return;
        const theirs = stored.record === null ? null : restoreSavedStudy(stored.record, getState().instances);
        const state = getState();
        const mine = vertebraeByStudy(state).get(studyKey) ?? [];
        const unsaved = known.synced === null || !sameVertebrae(known.synced, mine);
        if (blindedOn(state, studyKey) || (!chosen && unsaved)) {
            holdBack(studyKey, stored.revision, theirs);
            publish();
            return;
        }
        const measurements = theirs?.measurements ?? [];
        for (const m of measurements) {
            const reference = theirs?.pendingImages.get(m.id);
            if (reference)
                pendingImages.set(m.id, reference);
        }
        const changed = !sameContent(studyKey, mine, measurements);
        // The other tab's finished repeat reading of this study comes along (or its absence: it was closed there), unless
        // a repeat reading of another study is open here.
        const repeatHere = state.repeatReading === null || repeatOf(state, studyKey) !== null;
        const repeat = repeatHere ? comparedReadingOf(theirs, measurements) : state.repeatReading;
        sync.set(studyKey, { revision: stored.revision, synced: measurements, repeat: repeatHere ? repeat : null });
        conflicts.delete(studyKey);
        failed.delete(studyKey);
        const notice = changed && !chosen ? { studyKey, kind: 'updated', count: measurements.length } : null;
        setState((s) => ({
            measurements: replaceStudyMeasurements(s.measurements, studyKey, measurements),
            repeatReading: repeat,
            studySyncNotices: withNotice(s.studySyncNotices, notice, studyKey),
            restoredNotices: s.restoredNotices.filter((n) => n.studyKey !== studyKey),
        }));
        resolveRestoredImages();
        publish();
    };
    const stopListening = deps.channel.listen((message) => {
        if (message.tabId === tabId)
            return;
        const known = sync.get(message.studyKey);
        if (!known || known.revision === message.revision)
            return;
        enqueue(() => takeStored(message.studyKey, false));
    });
    /** Looks up the saved work of each study newly open; true when there was one. */
    const restoreNewStudies = () => {
        let any = false;
        for (const patient of getState().patients) {
            for (const study of patient.studies) {
                if (started.has(study.key))
                    continue;
                started.add(study.key);
                any = true;
                enqueue(() => restoreStudy(study.key));
            }
        }
        return any;
    };
    session = {
        keepThisTab: (studyKey) => {
            if (!conflicts.has(studyKey))
                return;
            // Written over the other tab's revision; that tab is told by the channel and takes these vertebrae in turn.
            sync.set(studyKey, { revision: conflicts.get(studyKey) ?? null, synced: null, repeat: null });
            conflicts.delete(studyKey);
            setState((s) => ({ studySyncNotices: withNotice(s.studySyncNotices, null, studyKey) }));
            publish();
            requestFlush();
        },
        takeOtherTab: (studyKey) => {
            if (blindedOn(getState(), studyKey))
                return;
            enqueue(() => takeStored(studyKey, true));
        },
    };
    restoreNewStudies();
    let lastById = getState().measurements.byId;
    let lastRepeat = getState().repeatReading;
    let lastInstances = getState().instances;
    const unsubscribe = subscribe(() => {
        // Vertebrae of a study placed before it was looked up are unsaved from now on, until it has been read and written.
        if (restoreNewStudies())
            publish();
        const state = getState();
        if (state.instances !== lastInstances) {
            lastInstances = state.instances;
            resolveRestoredImages();
        }
        if (state.measurements.byId !== lastById || state.repeatReading !== lastRepeat) {
            lastById = state.measurements.byId;
            lastRepeat = state.repeatReading;
            publish();
            requestFlush();
        }
    });
    // Closing or reloading the tab while a change is not yet in the store (a write in flight, failed, or held back by
    // another tab's write) asks first: the browser's own "leave site?" question.
    const warnBeforeLeaving = (event) => {
        if (getState().savesPending > 0)
            event.preventDefault();
    };
    if (typeof window !== 'undefined')
        window.addEventListener('beforeunload', warnBeforeLeaving);
    return () => {
        if (typeof window !== 'undefined')
            window.removeEventListener('beforeunload', warnBeforeLeaving);
        for (const timer of retryTimers)
            clearTimeout(timer);
        retryTimers.clear();
        unsubscribe();
        stopListening();
        deps.channel.close();
        session = null;
    };
}
/** Writes this tab's vertebrae of the study over what another tab saved (that tab is told and shows them). */
export function keepThisTabVertebrae(studyKey) {
    session?.keepThisTab(studyKey);
}
/** Drops this tab's unsaved vertebrae of the study and shows what another tab saved. */
export function takeOtherTabVertebrae(studyKey) {
    session?.takeOtherTab(studyKey);
}
export function dismissStudySyncNotice(studyKey) {
    setState((s) => ({ studySyncNotices: s.studySyncNotices.filter((n) => n.studyKey !== studyKey) }));
}
/** Drops the measurements restored for a study (from the page and from the browser store). */
export function discardRestored(studyKey) {
    const state = getState();
    const notice = state.restoredNotices.find((n) => n.studyKey === studyKey);
    if (!notice)
        return;
    const byId = { ...state.measurements.byId };
    for (const id of notice.ids) {
        delete byId[id];
        pendingImages.delete(id);
    }
    setState({
        measurements: { byId, undoStack: [], redoStack: [] },
        restoredNotices: state.restoredNotices.filter((n) => n.studyKey !== studyKey),
    });
}
export function dismissRestoredNotice(studyKey) {
    setState((s) => ({ restoredNotices: s.restoredNotices.filter((n) => n.studyKey !== studyKey) }));
}
