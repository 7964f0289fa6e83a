import type { VertebraMeasurement } from '../model/measurements';
import type { ImageReference } from '../model/imageReference';
import { resolvePendingImages, restoreSavedStudy, savedStudyOf, type RestoredStudy } from '../model/savedStudy';
import { getState, setState, subscribe, type AppState } from '../state/store';

const DB_NAME = 'vertebral-height-viewer';
const DB_VERSION = 1;
const STORE = 'studies';
let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB (private mode?)'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'studyKey' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
  });
  dbPromise.catch(() => {
    dbPromise = null;
  });
  return dbPromise;
}

async function transact<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = run(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

/** Images of restored vertebrae whose files are not open yet, by vertebra id; resolved as the files arrive. */
const pendingImages = new Map<string, ImageReference>();

/**
 * Writes one study's measurements (or removes the record when there are none), each image named by SOP Instance UID
 * and frame, never by this session's image id.
 */
export async function saveStudy(studyKey: string, measurements: VertebraMeasurement[]): Promise<void> {
  if (measurements.length === 0) {
    await transact('readwrite', (store) => store.delete(studyKey));
    return;
  }
  const record = savedStudyOf(studyKey, measurements, getState().instances, new Date(), pendingImages);
  await transact('readwrite', (store) => store.put(record));
}

/** The measurements saved for a study, on this session's image ids, or null when there are none. */
export async function loadStudy(studyKey: string): Promise<RestoredStudy | null> {
  const record: unknown = await transact('readonly', (store) => store.get(studyKey));
  return record === undefined ? null : restoreSavedStudy(record, getState().instances);
}

/** Ties restored vertebrae to their images once the files holding them are open. */
function resolveRestoredImages(): void {
  if (pendingImages.size === 0) return;
  const resolved = resolvePendingImages(pendingImages, getState().instances);
  if (resolved.size === 0) return;
  for (const id of resolved.keys()) pendingImages.delete(id);
  setState((s) => {
    const byId = { ...s.measurements.byId };
    for (const [id, imageId] of resolved) {
      const measurement = byId[id];
      if (measurement && measurement.referencedImageId === null) byId[id] = { ...measurement, referencedImageId: imageId };
    }
    return { measurements: { ...s.measurements, byId } };
  });
}

function describeStorageError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return 'the browser storage is full';
  return error instanceof Error ? error.message : String(error);
}

function byStudy(state: AppState): Map<string, VertebraMeasurement[]> {
  const map = new Map<string, VertebraMeasurement[]>();
  // A first reading hidden during a blinded repeat is still saved: hidden, never lost.
  const hidden = state.repeatReading?.phase === 'blinded' ? state.repeatReading.first : [];
  for (const m of [...Object.values(state.measurements.byId), ...hidden]) {
    const list = map.get(m.studyKey) ?? [];
    list.push(m);
    map.set(m.studyKey, list);
  }
  return map;
}

/**
 * Saves every change at once, keyed by study, and restores a study's measurements when it is opened again.
 * Storage errors are shown in the status line, never swallowed; the measurements stay in the page.
 */
export function startAutosave(): () => void {
  let lastById = getState().measurements.byId;
  let lastByStudy = byStudy(getState());
  /** Studies whose saved work has been looked for (started) and merged in (checked): only checked ones are written. */
  const startedStudies = new Set<string>();
  const checkedStudies = new Set<string>();
  let saving: Promise<void> = Promise.resolve();

  const saveChanges = () => {
    const state = getState();
    if (state.measurements.byId === lastById) return;
    lastById = state.measurements.byId;
    const current = byStudy(state);
    const touched = new Set([...current.keys(), ...lastByStudy.keys()]);
    const changed = [...touched].filter((key) => {
      const before = lastByStudy.get(key) ?? [];
      const after = current.get(key) ?? [];
      return before.length !== after.length || before.some((m, i) => m !== after[i]);
    });
    lastByStudy = current;
    for (const key of changed) {
      // Studies still being checked for saved work are not written yet, so a restore is never overwritten.
      if (!checkedStudies.has(key)) continue;
      const measurements = current.get(key) ?? [];
      setState((s) => ({ savesPending: s.savesPending + 1 }));
      saving = saving.then(() =>
        saveStudy(key, measurements).then(
          () => setState((s) => ({ savesPending: s.savesPending - 1, saveError: null })),
          (error: unknown) =>
            setState((s) => ({
              savesPending: s.savesPending - 1,
              saveError: `Measurements could not be saved in this browser: ${describeStorageError(error)}. They stay on this page; export them before closing.`,
            })),
        ),
      );
    }
  };

  const restoreNewStudies = () => {
    for (const patient of getState().patients) {
      for (const study of patient.studies) {
        if (startedStudies.has(study.key)) continue;
        startedStudies.add(study.key);
        void restoreStudy(study.key).finally(() => checkedStudies.add(study.key));
      }
    }
  };

  const restoreStudy = async (studyKey: string) => {
    try {
      const restored = await loadStudy(studyKey);
      const saved = restored?.measurements ?? null;
      const state = getState();
      const present = Object.values(state.measurements.byId).filter((m) => m.studyKey === studyKey);
      if (!saved || saved.length === 0) {
        // Anything measured while we were looking is saved now.
        if (present.length > 0) await saveStudy(studyKey, present);
        return;
      }
      const missing = saved.filter((m) => !state.measurements.byId[m.id]);
      for (const m of missing) {
        const reference = restored?.pendingImages.get(m.id);
        if (reference) pendingImages.set(m.id, reference);
      }
      const byId = { ...state.measurements.byId };
      for (const m of missing) byId[m.id] = m;
      setState({
        measurements: { ...state.measurements, byId },
        restoredNotices: [...state.restoredNotices, { studyKey, ids: missing.map((m) => m.id) }],
      });
      resolveRestoredImages();
      if (present.length > 0) await saveStudy(studyKey, [...saved, ...present.filter((m) => !saved.some((s) => s.id === m.id))]);
    } catch (error) {
      setState({ saveError: `Saved measurements could not be read from this browser: ${describeStorageError(error)}` });
    }
  };

  restoreNewStudies();
  let lastInstances = getState().instances;
  return subscribe(() => {
    restoreNewStudies();
    if (getState().instances !== lastInstances) {
      lastInstances = getState().instances;
      resolveRestoredImages();
    }
    saveChanges();
  });
}

/** Drops the measurements restored for a study (from the page and from the browser store). */
export function discardRestored(studyKey: string): void {
  const state = getState();
  const notice = state.restoredNotices.find((n) => n.studyKey === studyKey);
  if (!notice) return;
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

export function dismissRestoredNotice(studyKey: string): void {
  setState((s) => ({ restoredNotices: s.restoredNotices.filter((n) => n.studyKey !== studyKey) }));
}
