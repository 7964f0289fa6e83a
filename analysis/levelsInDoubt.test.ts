import { describe, expect, it } from 'vitest';
import { levelsInDoubt } from './detectSpine';

/** Twelve levels, eleven spaces of 20 samples between their discs. */
const EVEN_SPACES = Array.from({ length: 11 }, () => 20);

describe('levelsInDoubt: which levels of a disc count are in doubt beyond those flagged one by one', () => {
  it('leaves the levels alone where one or two are doubtful (common where the count is right)', () => {
    expect(levelsInDoubt({ doubtful: new Set([3, 4]), missing: [], underfilled: [], spaces: EVEN_SPACES })).toEqual({ lastInDoubt: false, pastDoubt: Infinity });
  });

  it('puts every level past a body the count did not find in doubt', () => {
    expect(levelsInDoubt({ doubtful: new Set(), missing: [5], underfilled: [], spaces: EVEN_SPACES }).pastDoubt).toBe(5);
  });

  it('puts every level past an underfilled body in doubt only where its space could hold two bodies', () => {
    const spaces = EVEN_SPACES.map((s, k) => (k === 6 ? 40 : s));
    expect(levelsInDoubt({ doubtful: new Set(), missing: [], underfilled: [7], spaces }).pastDoubt).toBe(7);
    expect(levelsInDoubt({ doubtful: new Set(), missing: [], underfilled: [7], spaces: EVEN_SPACES }).pastDoubt).toBe(Infinity);
  });

  // A real chest CT (T3→T12, ten bodies) counted twelve levels from one pair of end clicks with its plates read
  // differently: doubts at the first four levels and the last two, and the six levels between, two levels off, said
  // nothing of their level (only the last was counted past the doubts).
  it('puts every level past the first doubt in doubt where the last level is (three doubts or more)', () => {
    const result = levelsInDoubt({ doubtful: new Set([0, 1, 2, 3, 10, 11]), missing: [], underfilled: [], spaces: EVEN_SPACES });
    expect(result.lastInDoubt).toBe(true);
    expect(result.pastDoubt).toBe(0);
    expect(levelsInDoubt({ doubtful: new Set([2, 8]), missing: [5], underfilled: [], spaces: EVEN_SPACES }).pastDoubt).toBe(2);
  });
});
