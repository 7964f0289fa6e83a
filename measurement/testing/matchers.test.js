import { describe, expect, it } from 'vitest';
import './matchers';
describe('toBeCloseToMm', () => {
    it.each([
        [30, 30, 0],
        [30.004, 30, 0.005],
        [29.995, 30, 0.005],
    ])('accepts %s mm as within %s ± %s mm', (received, expectedMm, tolMm) => {
        expect(received).toBeCloseToMm(expectedMm, tolMm);
    });
    it('rejects a value outside the tolerance and says by how much it is off', () => {
        expect(() => expect(30.2).toBeCloseToMm(30, 0.1)).toThrow(/expected 30\.2 mm to be within 0\.1 mm of 30 mm \(off by 0\.19\d* mm\)/);
    });
    it('rejects NaN, infinity and non-numbers', () => {
        expect(() => expect(Number.NaN).toBeCloseToMm(30, 1)).toThrow(/expected NaN mm/);
        expect(() => expect(Infinity).toBeCloseToMm(30, Infinity)).toThrow(/expected Infinity mm/);
        expect(() => expect('30').toBeCloseToMm(30, 1)).toThrow(/expected 30 mm to be within 1 mm of 30 mm$/);
    });
    it('can be negated, and then says "not"', () => {
        expect(31).not.toBeCloseToMm(30, 0.5);
        expect(() => expect(30).not.toBeCloseToMm(30, 0.5)).toThrow(/expected 30 mm not to be within 0\.5 mm/);
    });
});
describe('toBeCloseToDeg', () => {
    it('accepts an angle within the tolerance and rejects one outside it', () => {
        expect(19.29).toBeCloseToDeg(19.3, 0.02);
        expect(() => expect(19.29).toBeCloseToDeg(20, 0.5)).toThrow(/expected 19\.29 ° to be within 0\.5 ° of 20 °/);
    });
});
