import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EARLY_REQUESTS_MAX_WAIT_MS, afterEarlyRequests } from '../../viewer/loading/bootGate';

describe('afterEarlyRequests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Whether `promise` has settled once pending callbacks and timers up to now have run. */
  async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
    let settled = false;
    void promise.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    return settled;
  }

  it('lets the viewer start at once when the address names no study', async () => {
    expect(await hasSettled(afterEarlyRequests([]))).toBe(true);
  });

  it('waits until every early request is out, a refused one included', async () => {
    let sendLast: () => void = () => undefined;
    const last = new Promise<void>((resolve) => {
      sendLast = resolve;
    });
    const gate = afterEarlyRequests([Promise.resolve(), Promise.reject(new Error('search refused')), last]);
    expect(await hasSettled(gate)).toBe(false);
    await vi.advanceTimersByTimeAsync(EARLY_REQUESTS_MAX_WAIT_MS - 1);
    expect(await hasSettled(gate)).toBe(false);
    sendLast();
    expect(await hasSettled(gate)).toBe(true);
  });

  it('does not wait past its bound for a server that never answers', async () => {
    const gate = afterEarlyRequests([new Promise(() => undefined)]);
    await vi.advanceTimersByTimeAsync(EARLY_REQUESTS_MAX_WAIT_MS - 1);
    expect(await hasSettled(gate)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasSettled(gate)).toBe(true);
  });
});
