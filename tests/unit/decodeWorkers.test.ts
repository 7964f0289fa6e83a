import { describe, expect, it } from 'vitest';
import { decodeWorkerCount, MAX_DECODE_WORKERS } from '../../viewer/cornerstone/decodeWorkers';

describe('decodeWorkerCount', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 4],
    [8, MAX_DECODE_WORKERS],
    [64, MAX_DECODE_WORKERS],
  ])('starts, on %i logical cores, %i decode workers', (cores, workers) => {
    expect(decodeWorkerCount(cores)).toBe(workers);
  });

  it.each([[undefined], [0], [-1], [Number.NaN], [2.5]])('assumes two cores when the browser says %s', (cores) => {
    expect(decodeWorkerCount(cores)).toBe(2);
  });
});
