import { describe, expect, it } from 'vitest';
import { expectedHeightsFromNeighbours } from './expectedHeights';
import './testing/matchers';
const neighbour = (levelDistance, anteriorMm, middleMm, posteriorMm) => ({
    levelDistance,
    heights: { anteriorMm, middleMm, posteriorMm },
});
describe('expectedHeightsFromNeighbours', () => {
    it('has nothing to expect without a neighbour', () => {
        expect(expectedHeightsFromNeighbours(null, null)).toBeNull();
    });
    it.each([
        ['both adjacent: the mean, wall by wall', neighbour(1, 26.6, 24.7, 27.7), neighbour(1, 28.5, 26.7, 28.5), [27.55, 25.7, 28.1], [0.5, 0.5]],
        ['cranial adjacent, caudal two levels down: a third of the way', neighbour(1, 27, 26, 27), neighbour(2, 30, 29, 30), [28, 27, 28], [2 / 3, 1 / 3]],
        ['cranial two levels up, caudal adjacent: two thirds of the way', neighbour(2, 27, 26, 27), neighbour(1, 30, 29, 30), [29, 28, 29], [1 / 3, 2 / 3]],
        ['both two levels away: the mean', neighbour(2, 20, 20, 20), neighbour(2, 30, 30, 30), [25, 25, 25], [0.5, 0.5]],
        ['only a cranial neighbour: its heights', neighbour(2, 27, 26, 28), null, [27, 26, 28], [1, 0]],
        ['only a caudal neighbour: its heights', null, neighbour(1, 30, 29, 31), [30, 29, 31], [0, 1]],
    ])('%s', (_case, cranial, caudal, [anteriorMm, middleMm, posteriorMm], [cranialWeight, caudalWeight]) => {
        const expected = expectedHeightsFromNeighbours(cranial, caudal);
        expect(expected?.heights.anteriorMm).toBeCloseToMm(anteriorMm, 1e-9);
        expect(expected?.heights.middleMm).toBeCloseToMm(middleMm, 1e-9);
        expect(expected?.heights.posteriorMm).toBeCloseToMm(posteriorMm, 1e-9);
        expect(expected?.cranialWeight).toBeCloseTo(cranialWeight, 12);
        expect(expected?.caudalWeight).toBeCloseTo(caudalWeight, 12);
    });
});
