import { describe, expect, it } from 'vitest';
import { withoutMergedEnds } from './mergedEnds';

/** Edges every millimetre from `fromMm` to `toMm` (u), each `atMm` out. */
function run(fromMm: number, toMm: number, atMm: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let u = fromMm; u <= toMm + 1e-9; u += 1) pairs.push([u, atMm]);
  return pairs;
}

// Corner columns 11.7 mm either side of the middle (a body 25 mm deep), the endplate expected 10.2 mm out.
const columns = { fromMm: -11.7, toMm: 11.7, expectedMm: 10.2 };

describe('withoutMergedEnds', () => {
  // The real chest CT's T7 read from 3 mm in front of its centre: T6's plate across the thin disc from the posterior
  // wall, T7's own plate over the middle, nothing found in front.
  it('leaves out an end run from the wall lying a disc beyond the rest, where no edge shows over the other third of the depth', () => {
    const plate = run(-1.7, 4.3, 7.6);
    const result = withoutMergedEnds([...run(-9.7, -2.7, 13.4), ...plate], columns);
    expect(result.dropped).toBe(true);
    expect(result.pairs).toEqual(plate);
  });

  it('keeps an end run that stops short of the wall: it is not where a disc thins to nothing', () => {
    const pairs = [...run(1.7, 5.7, 10.4), ...run(6.7, 8.7, 8.6)];
    expect(withoutMergedEnds(pairs, { fromMm: -10.3, toMm: 10.3, expectedMm: 10.9 }).dropped).toBe(false);
  });

  it('keeps an end run at the wall where it, not the run beside it, lies where the frame puts the endplate', () => {
    const pairs = [...run(-4.5, -1.5, 7.3), ...run(6.5, 15.5, 14.3)];
    const result = withoutMergedEnds(pairs, { fromMm: -15.5, toMm: 15.5, expectedMm: 15.1 });
    expect(result.dropped).toBe(false);
    expect(result.pairs).toHaveLength(pairs.length);
  });

  it('keeps an end run longer than a third of the body\'s depth: the endplate itself beyond a fracture step', () => {
    expect(withoutMergedEnds([...run(-11.7, -3.7, 13.4), ...run(-2.7, 4.3, 7.6)], columns).dropped).toBe(false);
  });

  it('leaves out a short end run next to the wall as before when edges show over the whole depth', () => {
    const plate = run(-11.7, 8.7, 8.6);
    const result = withoutMergedEnds([...plate, ...run(9.7, 11.7, 12.1)], columns);
    expect(result.dropped).toBe(true);
    expect(result.pairs).toEqual(plate);
  });
});
