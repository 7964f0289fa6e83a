import { describe, expect, it } from 'vitest';
import { assessSpine } from './assessSpine';
import './testing/matchers';
import { biconcaveT12Grade1Spec, crushL1Grade3Spec, lateralSpine, lateralVertebra, normalL2, THORACOLUMBAR_L1_REFERENCE_MM, thoracolumbarBefore, wedgeL1Grade2Spec, } from './testing/fixtures';
import { at, expectError, expectOk } from './testing/results';
const DEG_PER_RAD = 180 / Math.PI;
function levelOf(spine, level) {
    const found = spine.levels.find((l) => l.level === level);
    if (found === undefined)
        expect.fail(`${level} is not in the assessment`);
    return found;
}
/** A square, undeformed vertebra with the given posterior height, mm. */
const normalWithPosterior = (posteriorMm) => ({
    anteriorMm: posteriorMm,
    middleMm: posteriorMm,
    posteriorMm,
});
describe('assessSpine', () => {
    describe('on the thoracolumbar fixture before kyphoplasty', () => {
        const spine = expectOk(assessSpine(thoracolumbarBefore));
        it('lists T11 to L3 cranial to caudal', () => {
            expect(spine.levels.map((l) => l.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3']);
        });
        it('grades L1 as a grade 2 wedge with heights 19.5, 24 and 30 mm', () => {
            const l1 = levelOf(spine, 'L1');
            expect(l1.heights.anteriorMm).toBeCloseToMm(19.5, 1e-9);
            expect(l1.heights.middleMm).toBeCloseToMm(24, 1e-9);
            expect(l1.heights.posteriorMm).toBeCloseToMm(30, 1e-9);
            expect(l1.assessment.grade).toBe(2);
            expect(l1.assessment.deformity).toBe('wedge');
            expect(l1.points).toBe(at(thoracolumbarBefore, 2).points);
        });
        it('references L1 to the mean posterior height of T12 and L2 (28 and 30 mm → 29 mm)', () => {
            const l1 = levelOf(spine, 'L1');
            expect(l1.referenceLevels).toEqual(['T12', 'L2']);
            expect(l1.referencePosteriorMm).toBeCloseToMm(THORACOLUMBAR_L1_REFERENCE_MM, 1e-9);
            expect(l1.assessment.referencePosteriorMm).toBe(l1.referencePosteriorMm);
            expect(l1.assessment.crushRatio).toBeCloseTo(30 / 29, 9);
        });
        it('measures the wedge angle of L1 as atan(10.5 / 30)', () => {
            expect(levelOf(spine, 'L1').wedgeAngleDeg).toBeCloseToDeg(Math.atan(10.5 / 30) * DEG_PER_RAD, 1e-9);
        });
        it('measures the bisegmental Cobb angle of L1 from T12 to L2 as 6° + atan(0.5/30), kyphotic', () => {
            const l1 = levelOf(spine, 'L1');
            expect(l1.cobbLevels).toEqual(['T12', 'L2']);
            expect(l1.cobbAngleDeg).toBeCloseToDeg(6 + Math.atan(0.5 / 30) * DEG_PER_RAD, 1e-9);
        });
        it('has no Cobb angle at the ends, where a neighbour is missing', () => {
            for (const end of ['T11', 'L3']) {
                expect(levelOf(spine, end).cobbAngleDeg).toBeNull();
                expect(levelOf(spine, end).cobbLevels).toBeNull();
            }
        });
        it('skips the fractured L1 when referencing T12, and interpolates between T11 (1 level up) and L2 (2 levels down)', () => {
            expect(levelOf(spine, 'T12').referenceLevels).toEqual(['T11', 'L2']);
            // Hp 27 mm at T11 and 30 mm at L2: a third of the way from T11 to L2 is 28 mm (the plain mean would be 28.5 mm).
            expect(levelOf(spine, 'T12').referencePosteriorMm).toBeCloseToMm(28, 1e-9);
            expect(levelOf(spine, 'T12').expectedHeights?.anteriorMm).toBeCloseToMm((2 * 26.5 + 29.1) / 3, 1e-9);
        });
        it('references T11, the topmost level, to the level below only', () => {
            expect(levelOf(spine, 'T11').referenceLevels).toEqual(['T12']);
            expect(levelOf(spine, 'T11').referencePosteriorMm).toBeCloseToMm(28, 1e-9);
        });
    });
    it('sorts levels given in any order cranial to caudal', () => {
        const shuffled = [at(thoracolumbarBefore, 3), at(thoracolumbarBefore, 0), at(thoracolumbarBefore, 4), at(thoracolumbarBefore, 2)];
        expect(expectOk(assessSpine(shuffled)).levels.map((l) => l.level)).toEqual(['T11', 'L1', 'L2', 'L3']);
    });
    it('grades a flat L1 (17/16.5/17 mm) between square 30 mm neighbours grade 3 by its middle height (45 % loss, crush 43 %)', () => {
        const spine = lateralSpine([
            { level: 'T12', spec: normalWithPosterior(30) },
            { level: 'L1', spec: crushL1Grade3Spec },
            { level: 'L2', spec: normalWithPosterior(30) },
        ]);
        const l1 = levelOf(expectOk(assessSpine(spine)), 'L1');
        expect(l1.assessment.crushLossPct).toBeCloseTo((100 * 13) / 30, 9);
        expect(l1.assessment.middleLossPct).toBeCloseTo((100 * 13.5) / 30, 9);
        expect(l1.assessment.gradeRule).toEqual({ deformity: 'biconcave', reference: 'neighbours' });
        expect(l1.assessment.deformity).toBe('biconcave');
        expect(l1.assessment.grade).toBe(3);
    });
    it('leaves a single vertebra without reference, crush ratio or Cobb angle', () => {
        const only = at(expectOk(assessSpine([{ level: 'L2', points: normalL2 }])).levels, 0);
        expect(only.referenceLevels).toEqual([]);
        expect(only.referencePosteriorMm).toBeNull();
        expect(only.assessment.crushRatio).toBeNull();
        expect(only.cobbAngleDeg).toBeNull();
    });
    describe('reference selection for L1 (neighbour posterior heights: above 28 mm, below 32 mm)', () => {
        const wedge20 = { anteriorMm: 24, middleMm: 30, posteriorMm: 30 };
        const wedge1999 = { anteriorMm: 24.003, middleMm: 30, posteriorMm: 30 };
        const biconcave20 = { anteriorMm: 30, middleMm: 24, posteriorMm: 30 };
        it.each([
            ['both adjacent levels normal', [['T12', normalWithPosterior(28)], ['L2', normalWithPosterior(32)]], ['T12', 'L2'], 30],
            ['only the level above measured', [['T12', normalWithPosterior(28)]], ['T12'], 28],
            ['only the level below measured', [['L2', normalWithPosterior(32)]], ['L2'], 32],
            ['a lone neighbour two levels above (T11): not used', [['T11', normalWithPosterior(28)]], [], null],
            ['a lone neighbour two levels below (L3): not used', [['L3', normalWithPosterior(32)]], [], null],
            ['a gap of two levels above (T11) bracketed by L2: interpolated', [['T11', normalWithPosterior(28)], ['L2', normalWithPosterior(32)]], ['T11', 'L2'], (1 / 3) * 28 + (2 / 3) * 32],
            ['a gap of three levels above (T10): not used', [['T10', normalWithPosterior(28)]], [], null],
            ['a gap of three levels below (L4): not used', [['L4', normalWithPosterior(32)]], [], null],
            ['a fractured T12 is skipped for T11', [['T11', normalWithPosterior(28)], ['T12', wedgeL1Grade2Spec], ['L2', normalWithPosterior(32)]], ['T11', 'L2'], (1 / 3) * 28 + (2 / 3) * 32],
            ['a fractured L2 is skipped for L3', [['T12', normalWithPosterior(28)], ['L2', biconcaveT12Grade1Spec], ['L3', normalWithPosterior(32)]], ['T12', 'L3'], (2 / 3) * 28 + (1 / 3) * 32],
            ['a fractured T12 leaves a lone T11 unused', [['T11', normalWithPosterior(28)], ['T12', wedgeL1Grade2Spec]], [], null],
            ['fractures at both T12 and T11 leave nothing above', [['T11', wedgeL1Grade2Spec], ['T12', wedgeL1Grade2Spec]], [], null],
            ['a neighbour with exactly 20 % wedge loss counts as deformed', [['T12', wedge20]], [], null],
            ['a neighbour with 19.99 % wedge loss is used', [['T12', wedge1999]], ['T12'], 30],
            ['a neighbour with exactly 20 % biconcave loss counts as deformed', [['L2', biconcave20]], [], null],
            ['the nearer normal neighbour wins over the farther one', [['T11', normalWithPosterior(26)], ['T12', normalWithPosterior(28)]], ['T12'], 28],
        ])('with %s', (_case, neighbours, referenceLevels, referencePosteriorMm) => {
            const input = [
                { level: 'L1', points: lateralVertebra(wedgeL1Grade2Spec) },
                ...neighbours.map(([level, spec]) => ({ level, points: lateralVertebra(spec) })),
            ];
            const l1 = levelOf(expectOk(assessSpine(input)), 'L1');
            expect(l1.referenceLevels).toEqual(referenceLevels);
            if (referencePosteriorMm === null) {
                expect(l1.referencePosteriorMm).toBeNull();
                expect(l1.assessment.crushRatio).toBeNull();
            }
            else {
                expect(l1.referencePosteriorMm).toBeCloseToMm(referencePosteriorMm, 1e-9);
                expect(l1.assessment.crushRatio).toBeCloseTo(30 / referencePosteriorMm, 9);
            }
        });
    });
    it('keeps the heights but has no wedge angle for a vertebra whose superior endplate has no length, and no Cobb angle below it', () => {
        const t12 = lateralVertebra(normalWithPosterior(28));
        const flawedT12 = { ...t12, anteriorSuperior: t12.posteriorSuperior };
        const spine = expectOk(assessSpine([
            { level: 'T12', points: flawedT12 },
            { level: 'L1', points: lateralVertebra(wedgeL1Grade2Spec) },
            { level: 'L2', points: normalL2 },
        ]));
        expect(levelOf(spine, 'T12').wedgeAngleDeg).toBeNull();
        expect(levelOf(spine, 'T12').heights.posteriorMm).toBeCloseToMm(28, 1e-9);
        expect(levelOf(spine, 'L1').cobbAngleDeg).toBeNull();
        expect(levelOf(spine, 'L1').cobbLevels).toBeNull();
    });
    describe('heights expected from the neighbours (issue 13)', () => {
        it('grades the real VerSe L1 (17.3/15.2/23.5 mm) between T12 and L2 grade 3 by its middle height against them', () => {
            const spine = lateralSpine([
                { level: 'T11', spec: { anteriorMm: 25.5, middleMm: 24, posteriorMm: 27 } },
                { level: 'T12', spec: { anteriorMm: 26.6, middleMm: 24.7, posteriorMm: 27.7 } },
                { level: 'L1', spec: { anteriorMm: 17.3, middleMm: 15.2, posteriorMm: 23.5 } },
                { level: 'L2', spec: { anteriorMm: 28.5, middleMm: 26.7, posteriorMm: 28.5 } },
            ]);
            const assessed = expectOk(assessSpine(spine));
            const l1 = levelOf(assessed, 'L1');
            expect(l1.referenceLevels).toEqual(['T12', 'L2']);
            expect(l1.expectedHeights?.anteriorMm).toBeCloseToMm(27.55, 1e-9);
            expect(l1.expectedHeights?.middleMm).toBeCloseToMm(25.7, 1e-9);
            expect(l1.expectedHeights?.posteriorMm).toBeCloseToMm(28.1, 1e-9);
            expect(l1.assessment.anteriorLossPct).toBeCloseTo((100 * 10.25) / 27.55, 9);
            expect(l1.assessment.middleLossPct).toBeCloseTo((100 * 10.5) / 25.7, 9);
            expect(l1.assessment.grade).toBe(3);
            expect(l1.assessment.gradeRule).toEqual({ deformity: 'biconcave', reference: 'neighbours' });
            for (const level of ['T11', 'T12', 'L2'])
                expect(levelOf(assessed, level).assessment.grade, level).toBe(0);
        });
        it.each([
            // Today (own posterior height only) a uniform collapse has lost nothing: grade 0.
            ['a uniform collapse to 23 mm between 30 mm neighbours', normalWithPosterior(23), 0, 1],
            // Today: 1 − 20/24 = 16.7 %, grade 0; against the neighbours the front has lost a third.
            ['a collapse to 20/21/24 mm between 30 mm neighbours', { anteriorMm: 20, middleMm: 21, posteriorMm: 24 }, 0, 2],
            // Today: 1 − 18/23 = 21.7 % biconcave, grade 1; against the neighbours the middle has lost 40 %, grade 3.
            ['a collapse to 20/18/23 mm between 30 mm neighbours', { anteriorMm: 20, middleMm: 18, posteriorMm: 23 }, 1, 3],
        ])('no longer lets %s hide behind its own posterior wall', (_case, spec, gradeOwnWallOnly, grade) => {
            const spine = lateralSpine([
                { level: 'T12', spec: normalWithPosterior(30) },
                { level: 'L1', spec },
                { level: 'L2', spec: normalWithPosterior(30) },
            ]);
            const l1Alone = spine[1] ?? expect.fail('no L1');
            expect(levelOf(expectOk(assessSpine([l1Alone])), 'L1').assessment.grade).toBe(gradeOwnWallOnly);
            const l1 = levelOf(expectOk(assessSpine(spine)), 'L1');
            expect(l1.assessment.grade).toBe(grade);
            expect(l1.assessment.gradeRule.reference).toBe('neighbours');
        });
        it('keeps a lone vertebra on its own posterior wall, as before: no expected heights, no neighbour losses', () => {
            const only = levelOf(expectOk(assessSpine([{ level: 'L1', points: lateralVertebra(wedgeL1Grade2Spec) }])), 'L1');
            expect(only.expectedHeights).toBeNull();
            expect(only.assessment.anteriorLossPct).toBeNull();
            expect(only.assessment.middleLossPct).toBeNull();
            expect(only.assessment.gradeRule).toEqual({ deformity: 'wedge', reference: 'ownPosterior' });
            expect(only.assessment.grade).toBe(2);
        });
        it('does not grade normal bodies growing 2 mm per level, even with a fracture in between', () => {
            const spine = lateralSpine([
                { level: 'T12', spec: normalWithPosterior(24) },
                { level: 'L1', spec: wedgeL1Grade2Spec },
                { level: 'L2', spec: normalWithPosterior(28) },
                { level: 'L3', spec: normalWithPosterior(30) },
                { level: 'L4', spec: normalWithPosterior(32) },
            ]);
            const assessed = expectOk(assessSpine(spine));
            for (const level of ['T12', 'L2', 'L3', 'L4'])
                expect(levelOf(assessed, level).assessment.grade, level).toBe(0);
            // L2 sees T12 two levels up (24 mm) and L3 (30 mm): interpolated 28 mm, exactly its own height.
            expect(levelOf(assessed, 'L2').assessment.heightLossPct).toBeCloseTo(0, 9);
        });
    });
    describe('bad input', () => {
        it('fails with EMPTY_SPINE on an empty list', () => {
            expect(expectError(assessSpine([]), 'EMPTY_SPINE')).toContain('No vertebra');
        });
        it('fails with EMPTY_SPINE, without throwing, when the list is missing altogether', () => {
            expectError(assessSpine(JSON.parse('null')), 'EMPTY_SPINE');
        });
        it('fails with UNKNOWN_LEVEL on a level that does not exist', () => {
            const input = [{ level: 'L6', points: normalL2 }];
            expect(expectError(assessSpine(input), 'UNKNOWN_LEVEL')).toBe('"L6" is not a vertebral level that can be graded; use one of C2 … S1.');
        });
        it('fails with DUPLICATE_LEVEL when a level is measured twice', () => {
            const input = [
                { level: 'L2', points: normalL2 },
                { level: 'L1', points: normalL2 },
                { level: 'L2', points: normalL2 },
            ];
            expect(expectError(assessSpine(input), 'DUPLICATE_LEVEL')).toContain('L2 is measured twice');
        });
        it('fails with INVALID_POINT and names the level when a coordinate is not finite', () => {
            const input = [{ level: 'T12', points: { ...normalL2, middleInferior: [0, Number.NaN, 0] } }];
            expect(expectError(assessSpine(input), 'INVALID_POINT')).toMatch(/^T12: The middle inferior point/);
        });
        it('fails with INVALID_POINT when a vertebra has no points at all', () => {
            const input = [{ level: 'T12' }];
            expect(expectError(assessSpine(input), 'INVALID_POINT')).toMatch(/^T12: The anterior superior point is missing/);
        });
        it('fails with COINCIDENT_POINTS and names the level when a superior and inferior point coincide', () => {
            const input = [{ level: 'L1', points: { ...normalL2, anteriorSuperior: normalL2.anteriorInferior } }];
            expect(expectError(assessSpine(input), 'COINCIDENT_POINTS')).toMatch(/^L1: The anterior superior and anterior inferior/);
        });
        it('fails with INVALID_HEIGHT when a vertebra\'s own heights are too far apart in size to compare', () => {
            const tiny = lateralVertebra({ anteriorMm: 30, middleMm: 30, posteriorMm: 5e-321 });
            expect(expectError(assessSpine([{ level: 'L1', points: tiny }]), 'INVALID_HEIGHT')).toMatch(/^L1: /);
        });
        it('fails with INVALID_HEIGHT when a neighbour is too small to serve as a reference', () => {
            const subnormal = lateralVertebra({ anteriorMm: 5e-321, middleMm: 5e-321, posteriorMm: 5e-321 });
            const input = [
                { level: 'T12', points: subnormal },
                { level: 'L1', points: normalL2 },
            ];
            expect(expectError(assessSpine(input), 'INVALID_HEIGHT')).toMatch(/^L1: /);
        });
    });
});
