import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderStatisticsInPlace } from './orderStatistics';

describe('orderStatisticsInPlace', () => {
  it('gives the values a sort puts at the ranks, for any values and ranks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        (list, picks) => {
          const values = Float64Array.from(list);
          const sorted = Float64Array.from(list).sort();
          const ranks = picks.map((p) => p % values.length);
          // −0 and +0 are the same number here (a sort orders them, a selection need not).
          const zeroAsZero = (v: number | undefined) => (v ?? Number.NaN) + 0;
          expect(orderStatisticsInPlace(values, ranks).map(zeroAsZero)).toEqual(ranks.map((r) => zeroAsZero(sorted[r])));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['all equal', [5, 5, 5, 5, 5, 5, 5], [0, 3, 6], [5, 5, 5]],
    ['mostly zeros (an edge map)', [0, 0, 0, 0, 3, 0, 0, 9, 0, 0], [7, 9], [0, 9]],
    ['sorted descending', [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [0, 2, 9], [0, 2, 9]],
    ['the same rank twice', [4, 1, 3, 2], [2, 2], [3, 3]],
    ['infinities', [Infinity, -Infinity, 0, 1], [0, 3], [-Infinity, Infinity]],
  ])('picks the right values of %s', (_, list, ranks, expected) => {
    expect(orderStatisticsInPlace(Float64Array.from(list), ranks)).toEqual(expected);
  });

  it('keeps every value, only reordered', () => {
    const values = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    orderStatisticsInPlace(values, [2, 8]);
    expect(Array.from(values).sort((a, b) => a - b)).toEqual([1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 9]);
  });

  it.each([[-1], [11], [2.5]])('throws on rank %s, outside the array or not whole', (rank) => {
    expect(() => orderStatisticsInPlace(new Float64Array(11), [rank])).toThrow(RangeError);
  });
});
