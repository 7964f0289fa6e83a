import { describe, expect, it } from 'vitest';
import { inRetrieveOrder, retrieveGroups, type RetrievePass } from '../../viewer/loading/retrieveOrder';

const flat = (sliceCount: number, passes?: readonly RetrievePass[]) => retrieveGroups(sliceCount, passes).flatMap((g) => [...g.indices]);

describe('the order in which slices are requested', () => {
  it.each([1, 2, 3, 7, 8, 9, 100, 227, 300, 1000])('requests each of %i slices exactly once', (sliceCount) => {
    const order = flat(sliceCount);
    expect(order).toHaveLength(sliceCount);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: sliceCount }, (_, i) => i));
  });

  it.each([
    [1, 0],
    [2, 1],
    [3, 1],
    [100, 50],
    [227, 113],
    [300, 150],
    [1000, 500],
  ])('requests the slice an axial view opens on, the middle of %i, first (index %i)', (sliceCount, middle) => {
    expect(retrieveGroups(sliceCount)[0]).toEqual({ id: 'middle', indices: [middle] });
  });

  it('requests every 8th slice before the ones between them, and the odd slices last', () => {
    const groups = retrieveGroups(32);
    expect(groups.map((g) => g.id)).toEqual(['middle', 'every8th', 'every8thShifted', 'every4th', 'odd']);
    expect(groups[0]?.indices).toEqual([16]);
    expect(groups[1]?.indices).toEqual([0, 8, 24]);
    expect(groups[2]?.indices).toEqual([4, 12, 20, 28]);
    expect(groups[3]?.indices).toEqual([2, 6, 10, 14, 18, 22, 26, 30]);
    expect(groups[4]?.indices).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]);
  });

  it('still requests the slices that passes leave out, in a last group', () => {
    const groups = retrieveGroups(10, [{ id: 'even', step: 2, offset: 0 }]);
    expect(groups.map((g) => g.id)).toEqual(['middle', 'even', 'rest']);
    expect(groups[2]?.indices).toEqual([1, 3, 7, 9]); // 5 is the middle, requested first
  });

  it('has nothing to request for an empty series', () => {
    expect(retrieveGroups(0)).toEqual([]);
  });

  it('puts one item per slice in the order the slices are requested', () => {
    const names = Array.from({ length: 10 }, (_, i) => `slice ${i}`);
    expect(inRetrieveOrder(names)).toEqual(flat(10).map((i) => `slice ${i}`));
    expect(inRetrieveOrder([])).toEqual([]);
  });
});
