import { describe, expect, it } from 'vitest';
import { compareStudies } from './compareStudies';
import './testing/matchers';
import { lateralSpine, lateralVertebra, normalL2, postKyphoplastyL1, thoracolumbarAfter, thoracolumbarBefore, wedgeL1Grade2, } from './testing/fixtures';
import { expectError, expectOk } from './testing/results';
const DEG_PER_RAD = 180 / Math.PI;
function levelOf(comparison, level) {
    const found = comparison.levels.find((l) => l.level === level);
    if (found === undefined)
        expect.fail(`${level} is not in the comparison`);
    return found;
}
const square = (heightMm) => ({ anteriorMm: heightMm, middleMm: heightMm, posteriorMm: heightMm });
describe('compareStudies', () => {
    describe('on the thoracolumbar fixture before and after kyphoplasty of L1', () => {
        const comparison = expectOk(compareStudies(thoracolumbarBefore, thoracolumbarAfter));
        const l1 = levelOf(comparison, 'L1');
        it('compares all five levels, cranial to caudal, with none measured in only one study', () => {
            expect(comparison.levels.map((l) => l.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3']);
            expect(comparison.onlyBefore).toEqual([]);
            expect(comparison.onlyAfter).toEqual([]);
        });
        it('reports the height gain of L1 as 7.5 mm anterior, 4 mm middle, 0 mm posterior', () => {
            expect(l1.gainMm.anterior).toBeCloseToMm(7.5, 1e-9);
            expect(l1.gainMm.middle).toBeCloseToMm(4, 1e-9);
            expect(l1.gainMm.posterior).toBeCloseToMm(0, 1e-9);
        });
        it('expects 29 mm, the before-study reference, and restores 7.5 of 9.5 mm anterior and 4 of 5 mm middle', () => {
            expect(l1.expectedHeightMm).toBeCloseToMm(29, 1e-9);
            expect(l1.restorationPct.anterior).toBeCloseTo((100 * 7.5) / 9.5, 9);
            expect(l1.restorationPct.middle).toBeCloseTo(80, 9);
        });
        it('has no posterior restoration where the posterior wall (30 mm) lost nothing against 29 mm', () => {
            expect(l1.restorationPct.posterior).toBeNull();
        });
        it('reports the grade going from 2 to 0', () => {
            expect(l1.gradeBefore).toBe(2);
            expect(l1.gradeAfter).toBe(0);
            expect(l1.before.assessment.grade).toBe(2);
            expect(l1.after.assessment.grade).toBe(0);
        });
        it('reports the wedge angle of L1 falling from atan(10.5/30) to atan(3/30)', () => {
            const expectedDeg = (Math.atan(3 / 30) - Math.atan(10.5 / 30)) * DEG_PER_RAD;
            expect(l1.wedgeAngleChangeDeg).toBeCloseToDeg(expectedDeg, 1e-9);
        });
        it('reports the Cobb angle from T12 to L2 falling by 4° (T12 and L2 each straightened by 2°)', () => {
            expect(l1.cobbAngleChangeDeg).toBeCloseToDeg(-4, 1e-9);
        });
        it('has no Cobb change at T11, which has no Cobb angle', () => {
            expect(levelOf(comparison, 'T11').cobbAngleChangeDeg).toBeNull();
        });
    });
    it('lists the levels measured in only one study', () => {
        const before = [
            { level: 'T12', points: normalL2 },
            { level: 'L1', points: wedgeL1Grade2 },
            { level: 'L2', points: normalL2 },
        ];
        const after = [
            { level: 'L3', points: normalL2 },
            { level: 'L1', points: postKyphoplastyL1 },
            { level: 'L2', points: normalL2 },
        ];
        const comparison = expectOk(compareStudies(before, after));
        expect(comparison.levels.map((l) => l.level)).toEqual(['L1', 'L2']);
        expect(comparison.onlyBefore).toEqual(['T12']);
        expect(comparison.onlyAfter).toEqual(['L3']);
    });
    it('compares nothing, without failing, when no level is measured in both studies', () => {
        const comparison = expectOk(compareStudies([{ level: 'T12', points: normalL2 }], [{ level: 'L1', points: normalL2 }]));
        expect(comparison.levels).toEqual([]);
        expect(comparison.onlyBefore).toEqual(['T12']);
        expect(comparison.onlyAfter).toEqual(['L1']);
    });
    describe('restoration of L1', () => {
        it.each([
            // Without neighbours the expected height is L1's own before-posterior height (30 mm).
            ['without a reference: anterior 20 → 25 mm against its own 30 mm', { anteriorMm: 20, middleMm: 26, posteriorMm: 30 }, { anteriorMm: 25, middleMm: 28, posteriorMm: 30 }, false, 30, { anterior: 50, middle: 50, posterior: null }],
            ['without a reference: a middle loss of exactly 0.5 mm is used', { anteriorMm: 20, middleMm: 29.5, posteriorMm: 30 }, { anteriorMm: 20, middleMm: 29.75, posteriorMm: 30 }, false, 30, { anterior: 0, middle: 50, posterior: null }],
            ['without a reference: a middle loss of 0.49 mm is too small to report', { anteriorMm: 20, middleMm: 29.51, posteriorMm: 30 }, { anteriorMm: 20, middleMm: 29.75, posteriorMm: 30 }, false, 30, { anterior: 0, middle: null, posterior: null }],
            ['without a reference: a middle wall taller than the posterior wall has lost nothing', { anteriorMm: 20, middleMm: 31, posteriorMm: 30 }, { anteriorMm: 20, middleMm: 31, posteriorMm: 30 }, false, 30, { anterior: 0, middle: null, posterior: null }],
            ['with 32 mm neighbours: posterior 24 → 28 mm restores 4 of 8 mm', { anteriorMm: 16, middleMm: 24, posteriorMm: 24 }, { anteriorMm: 24, middleMm: 28, posteriorMm: 28 }, true, 32, { anterior: 50, middle: 50, posterior: 50 }],
            ['with 32 mm neighbours: further collapse gives a negative restoration', { anteriorMm: 22, middleMm: 24, posteriorMm: 28 }, { anteriorMm: 17, middleMm: 22, posteriorMm: 26 }, true, 32, { anterior: -50, middle: -25, posterior: -50 }],
            ['with 32 mm neighbours: a posterior loss of exactly 0.5 mm is used', { anteriorMm: 20, middleMm: 24, posteriorMm: 31.5 }, { anteriorMm: 20, middleMm: 24, posteriorMm: 31.75 }, true, 32, { anterior: 0, middle: 0, posterior: 50 }],
            ['with 32 mm neighbours: a posterior loss of 0.49 mm is too small to report', { anteriorMm: 20, middleMm: 24, posteriorMm: 31.51 }, { anteriorMm: 20, middleMm: 24, posteriorMm: 31.75 }, true, 32, { anterior: 0, middle: 0, posterior: null }],
        ])('%s', (_case, beforeSpec, afterSpec, withNeighbours, expectedHeightMm, restorationPct) => {
            const study = (l1) => withNeighbours
                ? lateralSpine([
                    { level: 'T12', spec: square(32) },
                    { level: 'L1', spec: l1 },
                    { level: 'L2', spec: square(32) },
                ])
                : [{ level: 'L1', points: lateralVertebra(l1) }];
            const l1 = levelOf(expectOk(compareStudies(study(beforeSpec), study(afterSpec))), 'L1');
            expect(l1.expectedHeightMm).toBeCloseToMm(expectedHeightMm, 1e-9);
            for (const wall of ['anterior', 'middle', 'posterior']) {
                const expected = restorationPct[wall];
                if (expected === null)
                    expect(l1.restorationPct[wall], wall).toBeNull();
                else
                    expect(l1.restorationPct[wall], wall).toBeCloseTo(expected, 6);
            }
        });
    });
    describe('restoration the four McKiernan ways (Spine 2003)', () => {
        it('reports L1 of the thoracolumbar fixture against referents from T12 and L2 (28.3, 27.6 and 29 mm)', () => {
            const l1 = levelOf(expectOk(compareStudies(thoracolumbarBefore, thoracolumbarAfter)), 'L1');
            expect(l1.referent).toEqual({ source: 'neighbours', levels: ['T12', 'L2'] });
            const { anterior, middle, posterior } = l1.restoration;
            expect(anterior.referentMm).toBeCloseToMm(28.3, 1e-9);
            expect(anterior.gainMm).toBeCloseToMm(7.5, 1e-9);
            expect(anterior.pctOfFractureHeight).toBeCloseTo((100 * 7.5) / 19.5, 9);
            expect(anterior.pctOfLostHeight).toBeCloseTo((100 * 7.5) / 8.8, 9);
            expect(anterior.pctOfReferentHeight).toBeCloseTo((100 * 7.5) / 28.3, 9);
            expect(middle.referentMm).toBeCloseToMm(27.6, 1e-9);
            expect(middle.pctOfFractureHeight).toBeCloseTo((100 * 4) / 24, 9);
            expect(middle.pctOfLostHeight).toBeCloseTo((100 * 4) / 3.6, 9);
            expect(middle.pctOfReferentHeight).toBeCloseTo((100 * 4) / 27.6, 9);
            // Hp 30 mm has lost nothing against 29 mm: no percent of lost height.
            expect(posterior.referentMm).toBeCloseToMm(29, 1e-9);
            expect(posterior.pctOfLostHeight).toBeNull();
            expect(posterior.pctOfReferentHeight).toBeCloseTo(0, 9);
        });
        it.each([
            // A 3 mm gain reads 12.5 %, 50 % or 10 % depending on the definition: the fourfold spread McKiernan warned of.
            ['24 → 27 mm against 30 mm', 24, 27, 3, 12.5, 50, 10],
            ['15 → 18 mm against 30 mm', 15, 18, 3, 20, 20, 10],
            ['20 → 18 mm against 30 mm (further collapse)', 20, 18, -2, -10, -20, -100 / 15],
        ])('reports an anterior height of %s as gain, % of fracture, % of lost and % of referent height', (_case, beforeMm, afterMm, gainMm, fracturePct, lostPct, referentPct) => {
            const study = (anteriorMm) => lateralSpine([
                { level: 'T12', spec: square(30) },
                { level: 'L1', spec: { anteriorMm, middleMm: 30, posteriorMm: 30 } },
                { level: 'L2', spec: square(30) },
            ]);
            const { anterior } = levelOf(expectOk(compareStudies(study(beforeMm), study(afterMm))), 'L1').restoration;
            expect(anterior.gainMm).toBeCloseToMm(gainMm, 1e-9);
            expect(anterior.pctOfFractureHeight).toBeCloseTo(fracturePct, 9);
            expect(anterior.pctOfLostHeight).toBeCloseTo(lostPct, 9);
            expect(anterior.pctOfReferentHeight).toBeCloseTo(referentPct, 9);
        });
        it('refers Ha and Hm to the own before Hp without neighbours, and has no posterior referent', () => {
            const l1 = levelOf(expectOk(compareStudies([{ level: 'L1', points: lateralVertebra({ anteriorMm: 20, middleMm: 26, posteriorMm: 30 }) }], [{ level: 'L1', points: lateralVertebra({ anteriorMm: 25, middleMm: 28, posteriorMm: 30 }) }])), 'L1');
            expect(l1.referent).toEqual({ source: 'ownPosterior', levels: [] });
            expect(l1.restoration.anterior.referentMm).toBe(30);
            expect(l1.restoration.anterior.pctOfLostHeight).toBeCloseTo(50, 9);
            expect(l1.restoration.anterior.pctOfReferentHeight).toBeCloseTo(100 / 6, 9);
            expect(l1.restoration.posterior).toEqual({ gainMm: 0, pctOfFractureHeight: 0, pctOfLostHeight: null, pctOfReferentHeight: null, referentMm: null });
        });
    });
    it('gives each study the uncertainty of its own plane', () => {
        const comparison = expectOk(compareStudies(thoracolumbarBefore, thoracolumbarAfter, {
            beforePlane: { horizontalPixelMm: 1, verticalPixelMm: 1 },
            afterPlane: { horizontalPixelMm: 2, verticalPixelMm: 2 },
        }));
        const l1 = levelOf(comparison, 'L1');
        expect(l1.before.uncertainty?.heightsMm.anteriorMm).toBeCloseToMm(Math.SQRT1_2, 1e-12);
        expect(l1.after.uncertainty?.heightsMm.anteriorMm).toBeCloseToMm(Math.SQRT2, 1e-12);
        expect(levelOf(expectOk(compareStudies(thoracolumbarBefore, thoracolumbarAfter)), 'L1').before.uncertainty).toBeNull();
    });
    describe('bad input', () => {
        it('fails when the before study is invalid, saying so and keeping the code', () => {
            const message = expectError(compareStudies([], thoracolumbarAfter), 'EMPTY_SPINE');
            expect(message).toMatch(/^Before study: /);
        });
        it('fails when the after study is invalid, saying so and keeping the code', () => {
            const after = [
                { level: 'L1', points: postKyphoplastyL1 },
                { level: 'L1', points: postKyphoplastyL1 },
            ];
            const message = expectError(compareStudies(thoracolumbarBefore, after), 'DUPLICATE_LEVEL');
            expect(message).toMatch(/^After study: L1 is measured twice/);
        });
    });
});
