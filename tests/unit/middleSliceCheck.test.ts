import { describe, expect, it } from 'vitest';
import { confirmMiddleSlice, type NumberedInstance } from '../../viewer/loading/middleSliceCheck';

const AXIAL = [1, 0, 0, 0, 1, 0] as const;
/** Rows running to the patient's right: the normal row × column points to −z, so "ascending" is descending z. */
const AXIAL_FLIPPED = [-1, 0, 0, 0, 1, 0] as const;

/** Instance `number` of a series whose slices lie at z = zOf(number) mm. */
function numbered(number: number, zMm: number, extra: Partial<NumberedInstance> = {}): NumberedInstance {
  return { instanceNumber: number, sopUID: `sop-${number}`, positionMm: [10, -5, zMm], orientation: AXIAL, frames: 1, ...extra };
}

/** The search answers for a series of n slices at 1.25 mm numbered by `zOf`, as the entry chunk asks for them. */
function searched(n: number, zOf: (number: number) => number, extra: (number: number) => Partial<NumberedInstance> = () => ({})) {
  const middleIndex = Math.floor(n / 2);
  return {
    instanceCount: n,
    first: numbered(1, zOf(1), extra(1)),
    last: numbered(n, zOf(n), extra(n)),
    candidates: [...new Set([middleIndex + 1, n - middleIndex])].map((k) => numbered(k, zOf(k), extra(k))),
  };
}

describe('confirmMiddleSlice', () => {
  it.each([
    ['an odd count numbered up the normal', 41, (k: number) => (k - 1) * 1.25, 'sop-21'],
    ['an even count numbered up the normal: the upper middle, index ⌊n/2⌋', 40, (k: number) => (k - 1) * 1.25, 'sop-21'],
    ['an even count numbered down the normal', 40, (k: number) => (40 - k) * 1.25, 'sop-20'],
    ['three slices', 3, (k: number) => k * 3, 'sop-2'],
    ['positions written to two decimals (0.33 mm slices)', 300, (k: number) => Math.round((k - 1) * 33) / 100, 'sop-151'],
  ] as const)('finds the middle slice of %s', (_label, n, zOf, expected) => {
    expect(confirmMiddleSlice(searched(n, zOf))?.sopUID).toBe(expected);
  });

  it('orders along the slice normal: with flipped rows the middle is counted down z', () => {
    // Normal −z: instance 1 at the top is the lowest along the normal, so numbers rise along it.
    const input = searched(40, (k) => (40 - k) * 1.25, () => ({ orientation: AXIAL_FLIPPED }));
    expect(confirmMiddleSlice(input)?.sopUID).toBe('sop-21');
  });

  it('gives the two ends\' positions, for the overlay\'s slice number', () => {
    expect(confirmMiddleSlice(searched(5, (k) => k))?.endPositionsMm).toEqual([[10, -5, 1], [10, -5, 5]]);
  });

  it.each([
    ['numbered out of slice order', searched(40, (k) => ((7 * k) % 40) * 1.25)],
    ['a slice missing below the middle and the rest renumbered', searched(40, (k) => (k <= 10 ? k - 1 : k) * 1.25)],
    ['the middle half a slice off', searched(41, (k) => (k - 1 + (k === 21 ? 0.5 : 0)) * 1.25)],
    ['the middle off by more than the tolerance (0.05 mm)', searched(41, (k) => (k - 1) * 1.25 + (k === 21 ? 0.06 : 0))],
    ['another orientation at one end (a localizer numbered 1)', searched(40, (k) => k, (k) => (k === 1 ? { orientation: [0, 1, 0, 0, 0, -1] } : {}))],
    ['a multi-frame instance', searched(40, (k) => k, (k) => (k === 21 ? { frames: 2 } : {}))],
    ['a position missing', searched(40, (k) => k, (k) => (k === 40 ? { positionMm: null } : {}))],
    ['an orientation missing', searched(40, (k) => k, (k) => (k === 21 ? { orientation: null } : {}))],
    ['both ends at one position', searched(40, () => 7)],
    ['sheared slices (gantry tilt)', searched(40, (k) => k, (k) => ({ positionMm: [10, -5 + k * 0.2, k] }))],
    ['fewer than three slices', searched(2, (k) => k)],
  ] as const)('doubts a series %s', (_label, input) => {
    expect(confirmMiddleSlice(input)).toBeNull();
  });

  it.each([
    ['the first instance', { first: null }],
    ['the last instance', { last: null }],
    ['the middle candidate', { candidates: [null] }],
  ] as const)('doubts when the search did not find %s', (_label, missing) => {
    expect(confirmMiddleSlice({ ...searched(41, (k) => k), ...missing })).toBeNull();
  });

  it('doubts an end that is not the number it was searched for', () => {
    const input = searched(40, (k) => k);
    expect(confirmMiddleSlice({ ...input, last: { ...input.last, instanceNumber: 39 } })).toBeNull();
  });
});
