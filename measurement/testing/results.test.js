import { describe, expect, it } from 'vitest';
import { at, expectError, expectOk } from './results';
const success = { ok: true, value: 42 };
const failure = { ok: false, error: { code: 'EMPTY_SPINE', message: 'No vertebra has been measured yet.' } };
describe('expectOk', () => {
    it('returns the value of a success', () => {
        expect(expectOk(success)).toBe(42);
    });
    it('fails the test with the code and message of a failure', () => {
        expect(() => expectOk(failure)).toThrow('expected success, got EMPTY_SPINE: No vertebra has been measured yet.');
    });
});
describe('expectError', () => {
    it('returns the message of a failure with the expected code', () => {
        expect(expectError(failure, 'EMPTY_SPINE')).toBe('No vertebra has been measured yet.');
    });
    it('fails the test on a success or on another code', () => {
        expect(() => expectError(success, 'EMPTY_SPINE')).toThrow('expected EMPTY_SPINE, got success: 42');
        expect(() => expectError(failure, 'DUPLICATE_LEVEL')).toThrow();
    });
});
describe('at', () => {
    it('gives the element at an index, and fails the test naming the index when there is none', () => {
        expect(at(['T12', 'L1'], 1)).toBe('L1');
        expect(() => at(['T12', 'L1'], 2)).toThrow('expected an element at index 2 of a list of 2');
    });
});
