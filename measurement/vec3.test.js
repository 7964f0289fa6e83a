import { describe, expect, it } from 'vitest';
import './testing/matchers';
import { add, distance, dot, isFiniteVec3, length, mean, scale, subtract, unitOrNull } from './vec3';
describe('vec3 helpers', () => {
    it('adds, subtracts and scales component-wise', () => {
        expect(add([1, 2, 3], [10, 20, 30])).toEqual([11, 22, 33]);
        expect(subtract([1, 2, 3], [10, 20, 30])).toEqual([-9, -18, -27]);
        expect(scale([1, -2, 3], 2)).toEqual([2, -4, 6]);
    });
    it('takes the dot product', () => {
        expect(dot([1, 2, 3], [4, -5, 6])).toBe(12);
    });
    it('measures a 3-4-12 vector as 13 mm long and the distance between its ends as 13 mm', () => {
        expect(length([3, 4, 12])).toBe(13);
        expect(distance([1, 1, 1], [4, 5, 13])).toBe(13);
    });
    it('averages one or more points', () => {
        expect(mean([2, 4, 6])).toEqual([2, 4, 6]);
        expect(mean([0, 0, 0], [2, 4, 6], [4, 8, 12])).toEqual([2, 4, 6]);
    });
    it.each([
        [[0, 0, 0], true],
        [[Number.NaN, 0, 0], false],
        [[0, Number.POSITIVE_INFINITY, 0], false],
        [[0, 0, Number.NEGATIVE_INFINITY], false],
    ])('calls %j finite: %s', (v, expected) => {
        expect(isFiniteVec3(v)).toBe(expected);
    });
    it('normalises a direction to unit length', () => {
        const unit = unitOrNull([0, 3, 4]);
        expect(unit).not.toBeNull();
        expect(length(unit)).toBeCloseToMm(1, 1e-12);
        expect(unit[1]).toBeCloseToMm(0.6, 1e-12);
    });
    it('returns null for a zero vector or one no longer than the given minimum', () => {
        expect(unitOrNull([0, 0, 0])).toBeNull();
        expect(unitOrNull([1e-12, 0, 0], 1e-9)).toBeNull();
        expect(unitOrNull([1e-9, 0, 0], 1e-9)).toBeNull();
        expect(unitOrNull([2e-9, 0, 0], 1e-9)).toEqual([1, 0, 0]);
    });
});
