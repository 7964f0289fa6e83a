import { afterEach, describe, expect, it } from 'vitest';
import { keepThisTabVertebrae, retryDelayMs, startAutosave, takeOtherTabVertebrae } from '../../viewer/actions/autosave';
import type { StudyChannel, StudySavedMessage } from '../../viewer/actions/studyChannel';
import type { StoredStudy, StudyStore, WriteOutcome } from '../../viewer/actions/studyStore';
import type { PatientGroup } from '../../viewer/loading/grouping';
import { EMPTY_MEASUREMENTS, execute, type VertebraMeasurement } from '../../viewer/model/measurements';
import type { SavedStudy } from '../../viewer/model/savedStudy';
import { getState, setState } from '../../viewer/state/store';

const patients: PatientGroup[] = [
  { key: 'P', patientName: 'PHANTOM^SPINE', patientId: 'P1', studies: [{ key: 'S1', patientKey: 'P', studyInstanceUID: 'S1', studyDate: '20260915', studyDescription: '', accessionNumber: '', series: [] }] },
];

function vertebra(id: string, level: VertebraMeasurement['level'], heightMm = 20): VertebraMeasurement {
  return {
    id, studyKey: 'S1', seriesKey: 'X', frameOfReferenceUID: 'F', level, calibrated: true,
    points: { anteriorSuperior: [0, -15, heightMm], anteriorInferior: [0, -15, 0], middleSuperior: [0, 0, heightMm], middleInferior: [0, 0, 0], posteriorSuperior: [0, 15, 25], posteriorInferior: [0, 15, 0] },
    viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: null,
  };
}

function add(measurement: VertebraMeasurement) {
  setState((s) => ({ measurements: execute(s.measurements, { type: 'add', measurement }) }));
}

/**
 * A browser store in memory with the guarded write of IndexedDB. Writes finish at once, or (held) only when the test
 * calls `finish`/`fail`, as a transaction's complete or abort event would.
 */
class FakeStore implements StudyStore {
  records = new Map<string, { record: SavedStudy; revision: string }>();
  held = false;
  waiting: Array<{ finish: () => void; fail: (error: unknown) => void }> = [];
  writes = 0;
  private next = 0;

  read(studyKey: string): Promise<StoredStudy> {
    const stored = this.records.get(studyKey);
    return Promise.resolve(stored ? { record: stored.record, revision: stored.revision } : { record: null, revision: null });
  }

  write(studyKey: string, record: SavedStudy | null, expectedRevision: string | null): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        const current = this.records.get(studyKey);
        if ((current?.revision ?? null) !== expectedRevision) {
          resolve({ kind: 'conflict', revision: current?.revision ?? null, record: current?.record ?? null });
          return;
        }
        this.writes += 1;
        if (record === null) {
          this.records.delete(studyKey);
          resolve({ kind: 'written', revision: null });
          return;
        }
        const revision = `rev${++this.next}`;
        this.records.set(studyKey, { record, revision });
        resolve({ kind: 'written', revision });
      };
      if (this.held) this.waiting.push({ finish, fail: reject });
      else finish();
    });
  }

  /** Another tab writes the study: its vertebrae, a new revision. */
  writeFromOtherTab(studyKey: string, measurements: VertebraMeasurement[]): string {
    const revision = `other${++this.next}`;
    const record: SavedStudy = {
      studyKey, recordVersion: 2, savedAt: '2026-12-01T00:00:00.000Z',
      measurements: measurements.map(({ referencedImageId: _id, ...rest }) => ({ ...rest, referencedImage: null })),
    };
    this.records.set(studyKey, { record, revision });
    return revision;
  }

  levelsStored(studyKey: string): string[] {
    return (this.records.get(studyKey)?.record.measurements ?? []).map((m) => m.level).sort();
  }
}

class FakeChannel implements StudyChannel {
  posted: StudySavedMessage[] = [];
  private handlers = new Set<(message: StudySavedMessage) => void>();
  post(message: StudySavedMessage) {
    this.posted.push(message);
  }
  listen(handler: (message: StudySavedMessage) => void) {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  close() {
    this.handlers.clear();
  }
  /** A message from another tab. */
  deliver(message: StudySavedMessage) {
    for (const handler of this.handlers) handler(message);
  }
}

/** Lets every queued promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let stop: (() => void) | null = null;

async function started(store: FakeStore, channel = new FakeChannel()) {
  stop = startAutosave({ store, channel });
  setState({ patients });
  await settle();
  return channel;
}

/** A reload: a fresh page state, autosave started again on the same store. */
async function reloaded(store: FakeStore) {
  stop?.();
  setState({ patients: [], measurements: EMPTY_MEASUREMENTS, repeatReading: null, restoredNotices: [] });
  await started(store);
}

/** Nothing differs from what was stored, so nothing is written again. */
async function expectNothingWrittenAgain(store: FakeStore) {
  const writes = store.writes;
  await settle();
  expect(store.writes).toBe(writes);
}

afterEach(() => {
  stop?.();
  stop = null;
  setState({ patients: [], measurements: EMPTY_MEASUREMENTS, savesPending: 0, saveError: null, studySyncNotices: [], restoredNotices: [], studiesRestored: [], repeatReading: null });
});

const levelsOnPage = () => Object.values(getState().measurements.byId).map((m) => m.level).sort();

describe('autosave says "saved" only once the store has completed the write', () => {
  it('keeps the change pending while the write is in flight, and clears it on complete', async () => {
    const store = new FakeStore();
    await started(store);
    store.held = true;
    add(vertebra('m1', 'L1'));
    await settle();
    expect(getState().savesPending).toBe(1);
    expect(store.waiting).toHaveLength(1);
    store.waiting.shift()!.finish();
    await settle();
    expect(getState().savesPending).toBe(0);
    expect(store.levelsStored('S1')).toEqual(['L1']);
  });

  it('writes an edit made during a write right after it, and is pending until that one completes too', async () => {
    const store = new FakeStore();
    await started(store);
    store.held = true;
    add(vertebra('m1', 'L1'));
    await settle();
    add(vertebra('m2', 'T12'));
    store.waiting.shift()!.finish();
    await settle();
    expect(getState().savesPending).toBe(1);
    store.waiting.shift()!.finish();
    await settle();
    expect(getState().savesPending).toBe(0);
    expect(store.levelsStored('S1')).toEqual(['L1', 'T12']);
  });

  it('writes a vertebra placed before the saved record was read, together with the restored ones', async () => {
    const store = new FakeStore();
    store.writeFromOtherTab('S1', [vertebra('old', 'L2')]);
    stop = startAutosave({ store, channel: new FakeChannel() });
    add(vertebra('m1', 'L1'));
    setState({ patients });
    expect(getState().savesPending).toBe(1);
    await settle();
    expect(levelsOnPage()).toEqual(['L1', 'L2']);
    expect(store.levelsStored('S1')).toEqual(['L1', 'L2']);
    expect(getState().savesPending).toBe(0);
  });
});

describe('when a study is opened, its saved work is looked up once', () => {
  it('marks the study as restored only after its saved vertebrae are on the page', async () => {
    const store = new FakeStore();
    store.writeFromOtherTab('S1', [vertebra('m1', 'L1')]);
    stop = startAutosave({ store, channel: new FakeChannel() });
    expect(getState().studiesRestored).toEqual([]);
    setState({ patients });
    expect(getState().studiesRestored).toEqual([]);
    await settle();
    expect(getState().studiesRestored).toEqual(['S1']);
    expect(levelsOnPage()).toEqual(['L1']);
  });

  it('marks a study with nothing saved as restored too: the absence of vertebrae is then a fact', async () => {
    await started(new FakeStore());
    expect(getState().studiesRestored).toEqual(['S1']);
    expect(levelsOnPage()).toEqual([]);
  });
});

describe('when the browser store refuses a write (quota)', () => {
  it('keeps the vertebrae on the page, says they are NOT saved, and writes them after the next change', async () => {
    const store = new FakeStore();
    await started(store);
    store.held = true;
    add(vertebra('m1', 'L1'));
    await settle();
    store.waiting.shift()!.fail(new DOMException('full', 'QuotaExceededError'));
    await settle();
    expect(getState().saveError).toMatch(/NOT saved in this browser: the browser storage is full.*export them as JSON/);
    expect(getState().savesPending).toBe(1);
    expect(levelsOnPage()).toEqual(['L1']);
    expect(store.waiting).toHaveLength(0);
    store.held = false;
    add(vertebra('m2', 'T12'));
    await settle();
    expect(getState().saveError).toBeNull();
    expect(getState().savesPending).toBe(0);
    expect(store.levelsStored('S1')).toEqual(['L1', 'T12']);
  });
});

describe('a failed write is tried again without another change', () => {
  it('waits longer after each failure in a row: 2 s, 5 s, 15 s, then once a minute', () => {
    expect([1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([2_000, 5_000, 15_000, 60_000, 60_000, 60_000]);
  });

  it('writes the same vertebrae once the store takes them again, and the warning goes', async () => {
    const store = new FakeStore();
    const delays: number[] = [];
    stop = startAutosave({ store, channel: new FakeChannel(), retryDelayMs: (failures) => {
      delays.push(failures);
      return 0;
    } });
    setState({ patients });
    await settle();
    store.held = true;
    add(vertebra('m1', 'L1'));
    await settle();
    store.waiting.shift()?.fail(new DOMException('full', 'QuotaExceededError'));
    await expect.poll(() => store.waiting.length).toBe(1);
    expect(getState().saveError).toMatch(/NOT saved/);
    store.waiting.shift()?.fail(new DOMException('full', 'QuotaExceededError'));
    await expect.poll(() => store.waiting.length).toBe(1);
    expect(delays).toEqual([1, 2]);
    store.waiting.shift()?.finish();
    await expect.poll(() => getState().savesPending).toBe(0);
    expect(getState().saveError).toBeNull();
    expect(store.levelsStored('S1')).toEqual(['L1']);
  });
});

describe('when another tab writes the same study', () => {
  it('takes the other tab\'s vertebrae and says so, when this tab has no unsaved change', async () => {
    const store = new FakeStore();
    const channel = await started(store);
    add(vertebra('m1', 'L1'));
    await settle();
    const revision = store.writeFromOtherTab('S1', [vertebra('m1', 'L1'), vertebra('m9', 'T11')]);
    channel.deliver({ studyKey: 'S1', revision, tabId: 'other' });
    await settle();
    expect(levelsOnPage()).toEqual(['L1', 'T11']);
    expect(getState().studySyncNotices).toEqual([{ studyKey: 'S1', kind: 'updated', count: 2 }]);
    expect(getState().savesPending).toBe(0);
    expect(store.writes).toBe(1);
  });

  it('tells the other tabs of each completed write', async () => {
    const store = new FakeStore();
    const channel = await started(store);
    add(vertebra('m1', 'L1'));
    await settle();
    expect(channel.posted).toEqual([{ studyKey: 'S1', revision: store.records.get('S1')!.revision, tabId: expect.any(String) as string }]);
  });

  it('holds its own write back (no silent overwrite) when it missed the other tab\'s write, until the reader chooses', async () => {
    const store = new FakeStore();
    await started(store);
    add(vertebra('m1', 'L1'));
    await settle();
    store.writeFromOtherTab('S1', [vertebra('m1', 'L1'), vertebra('m9', 'T11')]);
    add(vertebra('m2', 'L2'));
    await settle();
    expect(store.levelsStored('S1')).toEqual(['L1', 'T11']);
    expect(getState().studySyncNotices).toEqual([{ studyKey: 'S1', kind: 'conflict', count: 2 }]);
    expect(getState().savesPending).toBe(1);
    expect(levelsOnPage()).toEqual(['L1', 'L2']);
    add(vertebra('m3', 'L3'));
    await settle();
    expect(store.levelsStored('S1')).toEqual(['L1', 'T11']);
  });

  it.each([
    ['keeps this tab\'s vertebrae', () => keepThisTabVertebrae('S1'), ['L1', 'L2'], ['L1', 'L2']],
    ['shows the other tab\'s vertebrae', () => takeOtherTabVertebrae('S1'), ['L1', 'T11'], ['L1', 'T11']],
  ])('%s when the reader chooses so', async (_choice, choose, onPage, stored) => {
    const store = new FakeStore();
    await started(store);
    add(vertebra('m1', 'L1'));
    await settle();
    store.writeFromOtherTab('S1', [vertebra('m1', 'L1'), vertebra('m9', 'T11')]);
    add(vertebra('m2', 'L2'));
    await settle();
    choose();
    await settle();
    expect(levelsOnPage()).toEqual(onPage);
    expect(store.levelsStored('S1')).toEqual(stored);
    expect(getState().studySyncNotices).toEqual([]);
    expect(getState().savesPending).toBe(0);
  });

  it('drops the undo steps of the study it replaced, so undo cannot bring back a vertebra the other tab removed', async () => {
    const store = new FakeStore();
    const channel = await started(store);
    add(vertebra('m1', 'L1'));
    await settle();
    const revision = store.writeFromOtherTab('S1', []);
    channel.deliver({ studyKey: 'S1', revision, tabId: 'other' });
    await settle();
    expect(levelsOnPage()).toEqual([]);
    expect(getState().measurements.undoStack).toEqual([]);
  });
});

describe('a blinded repeat reading under way', () => {
  const firstL1 = vertebra('first-L1', 'L1', 18);
  const secondL1 = vertebra('second-L1', 'L1', 19);

  it('is stored with its hidden first reading named, and a reload resumes it still blinded, each reading once', async () => {
    const store = new FakeStore();
    await started(store);
    add(firstL1);
    await settle();
    // The first reading goes aside (as "Measure again (blinded)" does), and the same level is measured again.
    setState({
      measurements: EMPTY_MEASUREMENTS,
      repeatReading: { seriesKey: 'X', phase: 'blinded', first: [firstL1], second: [], secondLabel: 'blinded repeat' },
    });
    add(secondL1);
    await settle();
    const record = store.records.get('S1')?.record;
    expect(record?.measurements.map((m) => m.id).sort()).toEqual(['first-L1', 'second-L1']);
    expect(record?.blindedReading).toEqual({ seriesKey: 'X', firstIds: ['first-L1'] });

    await reloaded(store);
    expect(Object.keys(getState().measurements.byId)).toEqual(['second-L1']);
    expect(getState().repeatReading).toMatchObject({ seriesKey: 'X', phase: 'blinded', first: [{ id: 'first-L1' }] });
    expect(getState().restoredNotices).toEqual([{ studyKey: 'S1', ids: ['second-L1'] }]);
    await expectNothingWrittenAgain(store);
  });

  it('is no longer marked once the repeat reading is finished', async () => {
    const store = new FakeStore();
    await started(store);
    setState({ repeatReading: { seriesKey: 'X', phase: 'blinded', first: [firstL1], second: [], secondLabel: 'blinded repeat' } });
    add(secondL1);
    await settle();
    expect(store.records.get('S1')?.record.blindedReading).toBeDefined();
    setState((s) => ({
      measurements: execute(execute(s.measurements, { type: 'delete', measurement: secondL1 }), { type: 'add', measurement: firstL1 }),
      repeatReading: { seriesKey: 'X', phase: 'compared', first: [firstL1], second: [secondL1], secondLabel: 'blinded repeat' },
    }));
    await settle();
    expect(store.records.get('S1')?.record.blindedReading).toBeUndefined();
    expect(store.levelsStored('S1')).toEqual(['L1']);
  });
});

describe('a finished repeat reading', () => {
  const firstL1 = vertebra('first-L1', 'L1', 18);
  const secondL1 = vertebra('second-L1', 'L1', 19);
  const finished = { seriesKey: 'X', phase: 'compared', first: [firstL1], second: [secondL1], secondLabel: 'blinded repeat' } as const;

  it('is stored beside the vertebrae, and a reload brings its comparison back with nothing written again', async () => {
    const store = new FakeStore();
    await started(store);
    add(firstL1);
    await settle();
    setState({ repeatReading: finished });
    await settle();
    const record = store.records.get('S1')?.record;
    expect(record?.measurements.map((m) => m.id)).toEqual(['first-L1']);
    expect(record?.comparedReading).toMatchObject({ seriesKey: 'X', firstIds: ['first-L1'], secondLabel: 'blinded repeat', second: [{ id: 'second-L1', level: 'L1' }] });

    await reloaded(store);
    expect(Object.keys(getState().measurements.byId)).toEqual(['first-L1']);
    expect(getState().repeatReading).toMatchObject({ seriesKey: 'X', phase: 'compared', first: [{ id: 'first-L1' }], second: [{ id: 'second-L1', points: secondL1.points }] });
    await expectNothingWrittenAgain(store);
  });

  it('is dropped from the store when the reader closes it, with the vertebrae unchanged', async () => {
    const store = new FakeStore();
    await started(store);
    add(firstL1);
    setState({ repeatReading: finished });
    await settle();
    expect(store.records.get('S1')?.record.comparedReading).toBeDefined();
    setState({ repeatReading: null });
    await settle();
    expect(store.records.get('S1')?.record.comparedReading).toBeUndefined();
    expect(store.levelsStored('S1')).toEqual(['L1']);
  });
});
