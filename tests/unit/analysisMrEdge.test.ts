import { describe, expect, it } from 'vitest';
import { MR_MAX_CORTEX_MM } from '../../analysis/constants';
import { mrBoundaryOf } from '../../analysis/mrEdge';

// Where the body ends inside a dark MR band, from the band's half-maximum crossings and the blur (analysis/mrEdge.ts).

describe('mrBoundaryOf', () => {
  it.each([
    // inner, outer, blur (mm) → boundary (mm): the band's centre plus half the cortex in it
    [0, 2, 2, 1],
    [0, 2, 0, 2],
    [0, 3, 0, 1.5 + MR_MAX_CORTEX_MM / 2],
    [10, 14, 0, 12 + MR_MAX_CORTEX_MM / 2],
    [0, 2.5, 1.5, 1.25 + 1],
  ])('reads a band from %d to %d mm blurred by %d mm as ending at %d mm', (inner, outer, blur, boundary) => {
    expect(mrBoundaryOf(inner, outer, blur)).toBeCloseTo(boundary, 6);
  });

  it('puts a thin cortex seen only as wide as the blur at the band centre', () => {
    expect(mrBoundaryOf(5, 7.1, 2.1)).toBeCloseTo(6.05, 6);
  });

  it('never reads more than MR_MAX_CORTEX_MM of a wide band as bone', () => {
    expect(mrBoundaryOf(0, 5, 1) - 2.5).toBeCloseTo(MR_MAX_CORTEX_MM / 2, 6);
  });
});
