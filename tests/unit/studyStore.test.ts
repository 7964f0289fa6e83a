import { describe, expect, it } from 'vitest';
import { writeGuarded } from '../../viewer/actions/studyStore';
import type { SavedStudy } from '../../viewer/model/savedStudy';

/**
 * A hand-made IndexedDB database with one object store: requests and the transaction fire their events only when the
 * test says so, so the order of `success`, `complete` and the promise's answer can be observed.
 */
function handMadeDb(stored: unknown, putError: DOMException | null = null) {
  const events = { options: undefined as unknown, puts: [] as unknown[], deletes: [] as string[], aborted: false };
  const lookup: { result: unknown; onsuccess: (() => void) | null } = { result: stored, onsuccess: null };
  const tx = {
    error: null as DOMException | null,
    oncomplete: null as (() => void) | null,
    onabort: null as (() => void) | null,
    objectStore: () => ({
      get: () => lookup,
      put: (value: unknown) => {
        if (putError) throw putError;
        events.puts.push(value);
      },
      delete: (key: string) => events.deletes.push(key),
    }),
    abort: () => {
      events.aborted = true;
      tx.error = new DOMException('aborted', 'AbortError');
    },
  };
  const db = {
    transaction: (_store: string, _mode: string, options: unknown) => {
      events.options = options;
      return tx;
    },
  } as unknown as IDBDatabase;
  return { db, events, lookupSucceeds: () => lookup.onsuccess?.(), completes: () => tx.oncomplete?.(), aborts: () => tx.onabort?.() };
}

const record: SavedStudy = { studyKey: 'S1', recordVersion: 2, savedAt: '2026-12-01T00:00:00.000Z', measurements: [] };

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch<T>(promise: Promise<T>) {
  const seen: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then((value) => Object.assign(seen, { value, done: true }), (error: unknown) => Object.assign(seen, { error, done: true }));
  return seen;
}

describe('writeGuarded', () => {
  it("answers 'written' only after the transaction's complete event, not when the put is queued", async () => {
    const fake = handMadeDb(undefined);
    const seen = watch(writeGuarded(fake.db, 'S1', record, null));
    fake.lookupSucceeds();
    await settle();
    expect(fake.events.puts).toHaveLength(1);
    expect(seen.done).toBe(false);
    fake.completes();
    await settle();
    expect(seen.value).toMatchObject({ kind: 'written' });
    expect(seen.value?.revision).toMatch(/^[0-9a-f]{32}$/);
  });

  it("asks for durability 'strict' (flushed to disk before complete)", () => {
    const fake = handMadeDb(undefined);
    void writeGuarded(fake.db, 'S1', record, null).catch(() => undefined);
    expect(fake.events.options).toEqual({ durability: 'strict' });
  });

  it('stores the new revision with the record', async () => {
    const fake = handMadeDb({ ...record, revision: 'r1' });
    const seen = watch(writeGuarded(fake.db, 'S1', record, 'r1'));
    fake.lookupSucceeds();
    fake.completes();
    await settle();
    expect(fake.events.puts[0]).toMatchObject({ studyKey: 'S1', revision: seen.value?.revision });
  });

  it.each([
    ['another tab wrote since', { ...record, revision: 'r2' }, 'r1', 'r2'],
    ['another tab removed the record since', undefined, 'r1', null],
    ['another tab wrote a study this tab saw empty', { ...record, revision: 'r2' }, null, 'r2'],
  ])("writes nothing and answers 'conflict' when %s", async (_case, stored, expected, theirs) => {
    const fake = handMadeDb(stored);
    const seen = watch(writeGuarded(fake.db, 'S1', record, expected));
    fake.lookupSucceeds();
    fake.completes();
    await settle();
    expect(fake.events.puts).toHaveLength(0);
    expect(seen.value).toEqual({ kind: 'conflict', revision: theirs, record: stored ?? null });
  });

  it('removes the record when the study has no vertebra left', async () => {
    const fake = handMadeDb({ ...record, revision: 'r1' });
    const seen = watch(writeGuarded(fake.db, 'S1', null, 'r1'));
    fake.lookupSucceeds();
    fake.completes();
    await settle();
    expect(fake.events.deletes).toEqual(['S1']);
    expect(seen.value).toEqual({ kind: 'written', revision: null });
  });

  it('rejects with the QuotaExceededError of a refused put, and aborts the transaction', async () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    const fake = handMadeDb(undefined, quota);
    const seen = watch(writeGuarded(fake.db, 'S1', record, null));
    fake.lookupSucceeds();
    expect(fake.events.aborted).toBe(true);
    fake.aborts();
    await settle();
    expect(seen.error).toBe(quota);
  });
});
