const DB_NAME = 'vertebral-height-viewer';
const DB_VERSION = 1;
const STORE = 'studies';
/** A random token naming one write; compared for equality only (no order), so it needs no clock shared by tabs. */
export function newRevision() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
function revisionOf(record) {
    if (typeof record !== 'object' || record === null)
        return null;
    const { revision } = record;
    return typeof revision === 'string' ? revision : null;
}
/**
 * One guarded write inside an open database: read the record's revision and put (or delete) in the same readwrite
 * transaction, so no other tab can write in between; durability 'strict' asks the browser to flush to disk before
 * `complete` (browsers without the option ignore it). Exported for the ordering test with a hand-made database.
 */
export function writeGuarded(db, studyKey, record, expectedRevision) {
    return new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(STORE);
        let outcome = null;
        let thrown = null;
        const lookup = store.get(studyKey);
        lookup.onsuccess = () => {
            const current = lookup.result === undefined ? null : revisionOf(lookup.result);
            if (current !== expectedRevision) {
                outcome = { kind: 'conflict', revision: current, record: lookup.result ?? null };
                return;
            }
            const revision = record === null ? null : newRevision();
            try {
                if (record === null)
                    store.delete(studyKey);
                else
                    store.put({ ...record, revision });
                outcome = { kind: 'written', revision };
            }
            catch (error) {
                // A write refused at once (e.g. quota): abort, and report that error rather than the abort's.
                thrown = error;
                tx.abort();
            }
        };
        tx.oncomplete = () => {
            if (outcome)
                resolve(outcome);
            else
                reject(new Error('IndexedDB finished the transaction without an answer'));
        };
        tx.onabort = () => reject(thrown ?? tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
    });
}
/** Reads one study's record in its own readonly transaction, answered on `complete`. */
function readRecord(db, studyKey) {
    return new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, 'readonly');
        const request = tx.objectStore(STORE).get(studyKey);
        tx.oncomplete = () => {
            const record = request.result;
            resolve(record === undefined ? { record: null, revision: null } : { record, revision: revisionOf(record) });
        };
        tx.onabort = () => reject(tx.error ?? request.error ?? new Error('IndexedDB read aborted'));
    });
}
/** The browser's IndexedDB as the study store; the database is opened on first use and again after a failure. */
export function indexedDbStudyStore() {
    let dbPromise = null;
    const openDb = () => {
        dbPromise ??= new Promise((resolve, reject) => {
            if (typeof indexedDB === 'undefined') {
                reject(new Error('this browser offers no IndexedDB (private mode?)'));
                return;
            }
            const request = indexedDB.open(DB_NAME, DB_VERSION);
            request.onupgradeneeded = () => {
                if (!request.result.objectStoreNames.contains(STORE))
                    request.result.createObjectStore(STORE, { keyPath: 'studyKey' });
            };
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
            request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
        });
        dbPromise.catch(() => {
            dbPromise = null;
        });
        return dbPromise;
    };
    return {
        read: async (studyKey) => readRecord(await openDb(), studyKey),
        write: async (studyKey, record, expectedRevision) => writeGuarded(await openDb(), studyKey, record, expectedRevision),
    };
}
