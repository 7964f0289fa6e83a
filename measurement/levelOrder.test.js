import { describe, expect, it } from 'vitest';
import { cranialPositionMm, levelsOutOfOrder } from './levelOrder';
import './testing/matchers';
import { lateralVertebra, normalL2 } from './testing/fixtures';
import { expectError, expectOk } from './testing/results';
const at = (entries) => entries.map(([level, cranialPositionMm]) => ({ level, cranialPositionMm }));
describe('levelsOutOfOrder', () => {
    it.each([
        ['nothing measured', [], []],
        ['one level', [['L1', 0]], []],
        ['T11 to L2 top to bottom, given in any order', [['L1', -40], ['T11', 40], ['L2', -80], ['T12', 0]], []],
        ['T12 and L1 swapped', [['T11', 40], ['T12', -40], ['L1', 0], ['L2', -80]], [['T12', 'L1']]],
        // T5 put on the vertebra below T10: it lies below T6…T10 as labelled.
        ['T5 below T10', [['T5', -250], ['T6', -10], ['T7', -50], ['T10', -200]], [['T5', 'T6'], ['T5', 'T7'], ['T5', 'T10']]],
        ['two labels at the same height', [['L1', 0], ['L2', 0]], [['L1', 'L2']]],
        ['the same level twice (left to the duplicate check)', [['L1', 0], ['L1', 10]], []],
    ])('with %s lists %j', (_case, entries, pairs) => {
        const violations = expectOk(levelsOutOfOrder(at(entries)));
        expect(violations.map((v) => [v.cranial, v.caudal])).toEqual(pairs);
    });
    it('gives the positions of each pair, mm', () => {
        expect(expectOk(levelsOutOfOrder(at([['T12', -40], ['L1', 0]])))).toEqual([
            { cranial: 'T12', caudal: 'L1', cranialPositionMm: -40, caudalPositionMm: 0 },
        ]);
    });
    it.each([
        ['an unknown level', [{ level: 'L7', cranialPositionMm: 0 }], 'UNKNOWN_LEVEL', /"L7" is not a vertebral level/],
        ['a NaN position', at([['L1', Number.NaN]]), 'INVALID_VALUE', /position of L1 \(NaN\)/],
        ['a missing position', [{ level: 'L1' }], 'INVALID_VALUE', /position of L1 \(undefined\)/],
    ])('fails on %s with %s', (_case, levels, code, message) => {
        expect(expectError(levelsOutOfOrder(levels), code)).toMatch(message);
    });
});
describe('cranialPositionMm', () => {
    it('is the height of the centre of the six points along the patient S axis by default', () => {
        // A 30 mm square body standing on z = −100 mm: three points at −100 mm, three at −70 mm, centre at −85 mm.
        const points = lateralVertebra({ anteriorMm: 30, middleMm: 30, posteriorMm: 30, originMm: [5, 7, -100] });
        expect(expectOk(cranialPositionMm(points))).toBeCloseToMm(-85, 1e-9);
    });
    it('projects onto any cranial direction, unit or not (e.g. a radiograph\'s upward row direction)', () => {
        const points = lateralVertebra({ anteriorMm: 30, middleMm: 30, posteriorMm: 30, originMm: [0, 7, -100] });
        expect(expectOk(cranialPositionMm(points, [0, 0, -2]))).toBeCloseToMm(85, 1e-9);
        expect(expectOk(cranialPositionMm(points, [0, 1, 0]))).toBeCloseToMm(7, 1e-9);
    });
    it('fails with INVALID_POINT on a bad point and INVALID_VALUE on a zero direction', () => {
        expectError(cranialPositionMm({ ...normalL2, middleSuperior: [0, Number.NaN, 0] }), 'INVALID_POINT');
        expect(expectError(cranialPositionMm(normalL2, [0, 0, 0]), 'INVALID_VALUE')).toMatch(/cranial direction \(0, 0, 0\)/);
        expectError(cranialPositionMm(normalL2, [0, Infinity, 0]), 'INVALID_VALUE');
    });
});
