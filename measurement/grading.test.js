import { describe, expect, it } from 'vitest';
import { GENANT_MILD_MIN_LOSS_PCT, GENANT_MODERATE_MIN_LOSS_PCT, GENANT_SEVERE_MIN_LOSS_PCT, } from './constants';
import { GENANT_GRADE_NAMES, genantGrade } from './grading';
describe('genantGrade', () => {
    it.each([
        [0, 0],
        [19.99, 0],
        [20, 1],
        [24.99, 1],
        [25, 2],
        [39.99, 2],
        [40, 3],
        [100, 3],
    ])('grades a %s% height loss as grade %i', (heightLossPct, grade) => {
        expect(genantGrade(heightLossPct)).toBe(grade);
    });
    it('puts each cited threshold in the higher grade (lower bounds are inclusive)', () => {
        expect(genantGrade(GENANT_MILD_MIN_LOSS_PCT)).toBe(1);
        expect(genantGrade(GENANT_MODERATE_MIN_LOSS_PCT)).toBe(2);
        expect(genantGrade(GENANT_SEVERE_MIN_LOSS_PCT)).toBe(3);
    });
    it.each([
        [-5, 0],
        [Number.NaN, 0],
        [Number.POSITIVE_INFINITY, 3],
    ])('returns a grade, never throws, for the out-of-range loss %s', (heightLossPct, grade) => {
        expect(genantGrade(heightLossPct)).toBe(grade);
    });
});
describe('GENANT_GRADE_NAMES', () => {
    it('names the four grades normal, mild, moderate and severe', () => {
        expect(GENANT_GRADE_NAMES).toEqual({ 0: 'normal', 1: 'mild', 2: 'moderate', 3: 'severe' });
    });
});
