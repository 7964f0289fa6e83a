import { describe, expect, it } from 'vitest';
import { clearReadings } from './proposeVertebra';

describe('clearReadings', () => {
  it.each([
    // [least facing gap of each reading to the neighbours read beside it (mm), the readings kept]
    [[1.6, -3.45, -3.45], ['a']],
    [[-3.45, 1.6, -3.45], ['b']],
    [[2.2, -1.4, 4.4], ['a', 'b', 'c']],
    [[0.3, -2.0, -2.5], ['a', 'b']],
    [[-0.5, -4.0], ['a']],
  ])('with gaps %j keeps the readings %j', (gapsMm, kept) => {
    expect(clearReadings(['a', 'b', 'c'].slice(0, gapsMm.length), gapsMm)).toEqual(kept);
  });

  it('keeps every reading when none keeps clear of the neighbours, for the neighbour itself may be the misread one', () => {
    expect(clearReadings(['a', 'b', 'c'], [-1.8, -2.02, -2.03])).toEqual(['a', 'b', 'c']);
  });

  it('keeps the readings in their order, the click\'s own first', () => {
    expect(clearReadings(['own', 'second', 'third'], [-6, 0.4, 1.2])).toEqual(['second', 'third']);
  });
});
