import { describe, expect, it } from 'vitest';
import { compareLevels, FIRST_PROPOSED_LEVEL, isSpinalLevel, levelDistance, levelIndex, proposeNextLevel, SPINAL_LEVELS, } from './levels';
describe('SPINAL_LEVELS', () => {
    it('lists 24 levels from C2 to S1, cranial to caudal', () => {
        expect(SPINAL_LEVELS).toHaveLength(24);
        expect(SPINAL_LEVELS[0]).toBe('C2');
        expect(SPINAL_LEVELS.slice(5, 8)).toEqual(['C7', 'T1', 'T2']);
        expect(SPINAL_LEVELS.slice(16, 19)).toEqual(['T11', 'T12', 'L1']);
        expect(SPINAL_LEVELS.slice(-2)).toEqual(['L5', 'S1']);
    });
});
describe('isSpinalLevel', () => {
    it.each(['C2', 'T12', 'L1', 'S1'])('accepts %s', (value) => {
        expect(isSpinalLevel(value)).toBe(true);
    });
    it.each([['C1'], ['L6'], ['t12'], [''], [12], [null], [undefined]])('rejects %s', (value) => {
        expect(isSpinalLevel(value)).toBe(false);
    });
});
describe('levelIndex', () => {
    it.each([
        ['C2', 0],
        ['T1', 6],
        ['T12', 17],
        ['L1', 18],
        ['S1', 23],
    ])('puts %s at position %i', (level, index) => {
        expect(levelIndex(level)).toBe(index);
    });
    it('throws for a value that is not a level, which only a programming mistake can pass', () => {
        expect(() => levelIndex('L6')).toThrow(TypeError);
    });
});
describe('levelDistance', () => {
    it('counts T12 and L1 as adjacent and T11 to L2 as three levels apart', () => {
        expect(levelDistance('T12', 'L1')).toBe(1);
        expect(levelDistance('L2', 'T11')).toBe(3);
    });
});
describe('compareLevels', () => {
    it('sorts levels cranial to caudal', () => {
        const levels = ['L2', 'T12', 'S1', 'C2', 'L1'];
        expect(levels.sort(compareLevels)).toEqual(['C2', 'T12', 'L1', 'L2', 'S1']);
    });
});
describe('proposeNextLevel', () => {
    it.each([
        [['L1'], 'L1', 'cranial', 'T12'],
        [['L1'], 'L1', 'caudal', 'L2'],
        [['T12'], 'T12', 'caudal', 'L1'],
        [['L1', 'T12', 'T11'], 'L1', 'cranial', 'T10'],
        [['L1', 'L2', 'L3'], 'L1', 'caudal', 'L4'],
        [['C2'], 'C2', 'cranial', null],
        [['S1'], 'S1', 'caudal', null],
        [['L5', 'S1'], 'L5', 'caudal', null],
        [[], 'L3', 'cranial', 'L2'],
    ])('with %j placed and %s last, going %s, proposes %s', (placed, last, direction, expected) => {
        expect(proposeNextLevel(placed, last, direction)).toBe(expected);
    });
    it('proposes the first level when nothing is placed yet', () => {
        expect(proposeNextLevel([], null, 'cranial')).toBe(FIRST_PROPOSED_LEVEL);
        expect(FIRST_PROPOSED_LEVEL).toBe('L1');
    });
    it('without a last level, walks on from the outermost placed level in the direction of travel', () => {
        expect(proposeNextLevel(['L2', 'T12', 'L1'], null, 'cranial')).toBe('T11');
        expect(proposeNextLevel(['L2', 'T12', 'L1'], null, 'caudal')).toBe('L3');
    });
    it('never proposes a level that is already placed', () => {
        for (const direction of ['cranial', 'caudal']) {
            for (const last of SPINAL_LEVELS) {
                const placed = SPINAL_LEVELS.filter((_, i) => i % 3 !== 0);
                const proposal = proposeNextLevel(placed, last, direction);
                if (proposal !== null)
                    expect(placed).not.toContain(proposal);
            }
        }
    });
});
