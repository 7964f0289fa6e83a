import { describe, expect, it } from 'vitest';
import { assessSpine } from './assessSpine';
import './testing/matchers';
import { lateralSpine } from './testing/fixtures';
import { expectError, expectOk } from './testing/results';
import { gradeRangeLabel, gradeRangeOf, heightUncertaintyFor, isBorderline, lossUncertaintyPct, } from './uncertainty';
const ORIGIN = [0, 0, 0];
/** A sagittal view: screen right = posterior (+y), screen down = caudal (−z); the slices step along x. */
const sagittal = (horizontalPixelMm, verticalPixelMm, sliceSpacingMm) => ({
    horizontalPixelMm,
    verticalPixelMm,
    horizontalDirection: [0, 1, 0],
    verticalDirection: [0, 0, -1],
    ...(sliceSpacingMm === undefined ? {} : { sliceSpacingMm }),
});
describe('heightUncertaintyFor', () => {
    it.each([
        ['a 1 mm isotropic plane without directions: √2 · ½ mm', { horizontalPixelMm: 1, verticalPixelMm: 1 }, [0, 0, 30], Math.SQRT1_2],
        ['without directions the larger pixel (0.7 × 3 mm) counts in every direction', { horizontalPixelMm: 0.7, verticalPixelMm: 3 }, [0, 30, 0], 1.5 * Math.SQRT2],
        ['a cranio-caudal height on 0.7 × 3 mm pixels: the 3 mm rows', sagittal(0.7, 3), [0, 0, 30], 1.5 * Math.SQRT2],
        ['an antero-posterior distance on 0.7 × 3 mm pixels: the 0.7 mm columns', sagittal(0.7, 3), [0, -30, 0], 0.35 * Math.SQRT2],
        ['a height at 45° on 0.7 × 3 mm pixels', sagittal(0.7, 3), [0, 20, 20], Math.sqrt(0.35 ** 2 + 1.5 ** 2)],
        ['a height across the plane: half the 2 mm slice spacing', sagittal(1, 1, 2), [30, 0, 0], Math.SQRT2],
        ['a height across the plane without slice spacing: the larger pixel', sagittal(1, 3), [30, 0, 0], 1.5 * Math.SQRT2],
        ['two points at the same place: the largest axis', sagittal(1, 1, 2), [0, 0, 0], Math.SQRT2],
    ])('gives %s', (_case, plane, superior, expectedMm) => {
        expect(expectOk(heightUncertaintyFor(plane))(superior, ORIGIN)).toBeCloseToMm(expectedMm, 1e-12);
    });
    it('makes a slightly skewed vertical direction orthogonal to the horizontal one', () => {
        const plane = { ...sagittal(1, 3), verticalDirection: [0, 0.01, -1] };
        expect(expectOk(heightUncertaintyFor(plane))([0, 0, 30], ORIGIN)).toBeCloseToMm(1.5 * Math.SQRT2, 1e-12);
    });
    it.each([
        ['a zero horizontal pixel size', { horizontalPixelMm: 0, verticalPixelMm: 1 }, /horizontal pixel size \(0\)/],
        ['a NaN vertical pixel size', { horizontalPixelMm: 1, verticalPixelMm: Number.NaN }, /vertical pixel size \(NaN\)/],
        ['a negative slice spacing', { horizontalPixelMm: 1, verticalPixelMm: 1, sliceSpacingMm: -3 }, /slice spacing \(-3\)/],
        ['a pixel size that is not a number', JSON.parse('{"horizontalPixelMm":"1","verticalPixelMm":1}'), /horizontal pixel size/],
        ['a zero direction', { ...sagittal(1, 1), horizontalDirection: [0, 0, 0] }, /directions/],
        ['a NaN vertical direction', { ...sagittal(1, 1), verticalDirection: [0, Number.NaN, 1] }, /directions/],
        ['an infinite horizontal direction', { ...sagittal(1, 1), horizontalDirection: [0, Infinity, 0] }, /directions/],
        ['parallel directions', { ...sagittal(1, 1), verticalDirection: [0, 2, 0] }, /parallel/],
    ])('fails with INVALID_PLANE on %s', (_case, plane, message) => {
        expect(expectError(heightUncertaintyFor(plane), 'INVALID_PLANE')).toMatch(message);
    });
});
describe('lossUncertaintyPct', () => {
    it.each([
        // 100/E · √(uA² + (A/E)² uE²)
        [70, Math.SQRT1_2, 100, Math.SQRT1_2, Math.sqrt(0.5 + 0.49 * 0.5)],
        [15.2, Math.SQRT1_2, 25.7, 0.5, (100 / 25.7) * Math.sqrt(0.5 + (15.2 / 25.7) ** 2 * 0.25)],
        [30, 1, 30, 0, 100 / 30],
        [30, 0, 30, 0, 0],
    ])('gives %s ± %s mm against %s ± %s mm a loss of ± %s %', (actualMm, uActualMm, expectedMm, uExpectedMm, uPct) => {
        expect(lossUncertaintyPct(actualMm, uActualMm, expectedMm, uExpectedMm)).toBeCloseTo(uPct, 12);
    });
});
describe('gradeRangeOf', () => {
    const one = (lossPct, uncertaintyPct) => [{ lossPct, uncertaintyPct }];
    it.each([
        [18, 1.5, 0, 0, '0'],
        [18.5, 1.5, 0, 1, '0-1'],
        [21.5, 1.5, 1, 1, '1'],
        [21, 1.5, 0, 1, '0-1'],
        [23.4, 1.5, 1, 1, '1'],
        [23.5, 1.5, 1, 2, '1-2'],
        [26.5, 1.5, 2, 2, '2'],
        [26.4, 1.5, 1, 2, '1-2'],
        [38.4, 1.5, 2, 2, '2'],
        [38.5, 1.5, 2, 3, '2-3'],
        [41.5, 1.5, 3, 3, '3'],
        [41.4, 1.5, 2, 3, '2-3'],
        [30, 20, 0, 3, '0-3'],
        [-10, 3, 0, 0, '0'],
    ])('puts a loss of %s ± %s % in grades %i–%i ("%s")', (lossPct, uncertaintyPct, min, max, label) => {
        const range = gradeRangeOf(one(lossPct, uncertaintyPct));
        expect(range).toEqual({ min, max });
        expect(isBorderline(range)).toBe(min !== max);
        expect(gradeRangeLabel(range)).toBe(label);
    });
    it('grades the largest loss: the lowest grade from the largest lower end, the highest from the largest upper end', () => {
        // 22 ± 1 alone is grade 1; 19 ± 7 can reach 26 (grade 2) but cannot pull the lower end below 21.
        expect(gradeRangeOf([{ lossPct: 22, uncertaintyPct: 1 }, { lossPct: 19, uncertaintyPct: 7 }])).toEqual({ min: 1, max: 2 });
    });
    it('grades an empty list 0', () => {
        expect(gradeRangeOf([])).toEqual({ min: 0, max: 0 });
    });
});
describe('assessSpine with the displayed plane', () => {
    const square = (heightMm) => ({ anteriorMm: heightMm, middleMm: heightMm, posteriorMm: heightMm });
    const spine = lateralSpine([
        { level: 'T12', spec: square(30) },
        { level: 'L1', spec: { anteriorMm: 24, middleMm: 30, posteriorMm: 30 } },
        { level: 'L2', spec: square(30) },
    ]);
    it('has no uncertainty without a plane', () => {
        expect(expectOk(assessSpine(spine)).levels.map((l) => l.uncertainty)).toEqual([null, null, null]);
    });
    describe('on a 1 mm isotropic plane, L1 with exactly 20 % wedge loss between 30 mm neighbours', () => {
        const l1 = expectOk(assessSpine(spine, { plane: { horizontalPixelMm: 1, verticalPixelMm: 1 } })).levels[1] ?? expect.fail('no L1');
        const u = l1.uncertainty;
        it('gives each height ± √2 · ½ mm and each expected height ± ½ mm (the mean of two)', () => {
            expect(u?.heightsMm.anteriorMm).toBeCloseToMm(Math.SQRT1_2, 1e-12);
            expect(u?.heightsMm.posteriorMm).toBeCloseToMm(Math.SQRT1_2, 1e-12);
            expect(u?.expectedHeightsMm?.middleMm).toBeCloseToMm(0.5, 1e-12);
        });
        it('gives the wedge loss ± 100/30 · √(0.5 + 0.8² · 0.5) % and the anterior loss ± 100/30 · √(0.5 + 0.8² · 0.25) %', () => {
            expect(u?.lossPct.wedge).toBeCloseTo((100 / 30) * Math.sqrt(0.5 + 0.64 * 0.5), 12);
            expect(u?.lossPct.anterior).toBeCloseTo((100 / 30) * Math.sqrt(0.5 + 0.64 * 0.25), 12);
            expect(u?.lossPct.middle).toBeCloseTo((100 / 30) * Math.sqrt(0.5 + 0.25), 12);
            expect(u?.lossPct.posterior).toBeCloseTo((100 / 30) * Math.sqrt(0.5 + 0.25), 12);
            // The graded loss is the wedge loss (ties go to the own posterior wall).
            expect(u?.heightLossPct).toBe(u?.lossPct.wedge);
        });
        it('is grade 1 but borderline 0–1', () => {
            expect(l1.assessment.grade).toBe(1);
            expect(u?.gradeRange).toEqual({ min: 0, max: 1 });
            expect(u?.borderline).toBe(true);
        });
        it('leaves the square neighbours (no loss) clearly grade 0, without an expected height from a lone level two away', () => {
            const t12 = expectOk(assessSpine(spine, { plane: { horizontalPixelMm: 1, verticalPixelMm: 1 } })).levels[0] ?? expect.fail('no T12');
            expect(t12.uncertainty?.expectedHeightsMm).toBeNull();
            expect(t12.uncertainty?.borderline).toBe(false);
            expect(t12.uncertainty?.gradeRange).toEqual({ min: 0, max: 0 });
        });
    });
    it('gives a one-sided expected height the uncertainty of its one adjacent neighbour, ± √2 · ½ mm', () => {
        const pair = lateralSpine([
            { level: 'T12', spec: square(30) },
            { level: 'L1', spec: square(30) },
        ]);
        const t12 = expectOk(assessSpine(pair, { plane: { horizontalPixelMm: 1, verticalPixelMm: 1 } })).levels[0] ?? expect.fail('no T12');
        expect(t12.uncertainty?.expectedHeightsMm?.anteriorMm).toBeCloseToMm(Math.SQRT1_2, 1e-12);
        expect(t12.uncertainty?.gradeRange).toEqual({ min: 0, max: 0 });
    });
    it('has no neighbour loss uncertainty for a lone vertebra', () => {
        const l1Alone = spine[1] ?? expect.fail('no L1');
        const only = expectOk(assessSpine([l1Alone], { plane: { horizontalPixelMm: 0.5, verticalPixelMm: 0.5 } })).levels[0] ?? expect.fail('no L1');
        expect(only.uncertainty?.expectedHeightsMm).toBeNull();
        expect([only.uncertainty?.lossPct.anterior, only.uncertainty?.lossPct.middle, only.uncertainty?.lossPct.posterior]).toEqual([null, null, null]);
    });
    it('fails with INVALID_PLANE on a bad plane', () => {
        expectError(assessSpine(spine, { plane: { horizontalPixelMm: -1, verticalPixelMm: 1 } }), 'INVALID_PLANE');
    });
});
