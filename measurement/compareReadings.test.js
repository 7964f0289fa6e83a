import { describe, expect, it } from 'vitest';
import { compareReadings } from './compareReadings';
import './testing/matchers';
import { lateralSpine } from './testing/fixtures';
import { at, expectError, expectOk } from './testing/results';
const square = (heightMm) => ({ anteriorMm: heightMm, middleMm: heightMm, posteriorMm: heightMm });
// First reading: T12, L1 (20/24/30 mm wedge), L2. Second: the same levels read slightly differently, and L3 too.
const first = lateralSpine([
    { level: 'T12', spec: square(30) },
    { level: 'L1', spec: { anteriorMm: 20, middleMm: 24, posteriorMm: 30 } },
    { level: 'L2', spec: square(30) },
]);
const second = lateralSpine([
    { level: 'T12', spec: { anteriorMm: 30, middleMm: 29.5, posteriorMm: 30 } },
    { level: 'L1', spec: { anteriorMm: 21, middleMm: 24, posteriorMm: 29 } },
    { level: 'L2', spec: square(30) },
    { level: 'L3', spec: square(30) },
]);
describe('compareReadings', () => {
    const comparison = expectOk(compareReadings(first, second));
    it('pairs T12, L1 and L2 and lists L3 as read only the second time', () => {
        expect(comparison.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L2']);
        expect(comparison.onlyFirst).toEqual([]);
        expect(comparison.onlySecond).toEqual(['L3']);
    });
    it.each([
        ['T12', 0, -0.5, 0],
        ['L1', 1, 0, -1],
        ['L2', 0, 0, 0],
    ])('gives %s height differences (second − first) of %s, %s and %s mm', (level, anterior, middle, posterior) => {
        const l = comparison.levels.find((c) => c.level === level);
        expect(l?.differenceMm.anterior).toBeCloseToMm(anterior, 1e-9);
        expect(l?.differenceMm.middle).toBeCloseToMm(middle, 1e-9);
        expect(l?.differenceMm.posterior).toBeCloseToMm(posterior, 1e-9);
    });
    it('gives L1 a loss of 33.3 % then 30 % (anterior against the neighbours), grade 2 both times', () => {
        const l1 = comparison.levels[1];
        expect(l1?.heightLossDifferencePct).toBeCloseTo(30 - 100 / 3, 9);
        expect([l1?.gradeFirst, l1?.gradeSecond]).toEqual([2, 2]);
    });
    it.each([
        ['anterior', 1.991455, 1 / 3, -0.798273, 1.46494],
        ['middle', 0.686132, -1 / 6, -0.73247, 0.399137],
        ['posterior', 1.383893, -1 / 3, -1.46494, 0.798273],
    ])('gives the %s height an RMS-CV of %s % and limits of agreement around %s mm', (wall, cvPct, bias, lower, upper) => {
        const p = comparison.perHeight[wall];
        expect(p.n).toBe(3);
        expect(p.rmsCvPct).toBeCloseTo(cvPct, 5);
        expect(p.agreementMm?.bias).toBeCloseTo(bias, 9);
        expect(p.agreementMm?.lower).toBeCloseTo(lower, 5);
        expect(p.agreementMm?.upper).toBeCloseTo(upper, 5);
    });
    it('pools the nine height pairs: RMS-CV 1.455 %, limits −1.089 to 0.977 mm', () => {
        expect(comparison.pooled.n).toBe(9);
        expect(comparison.pooled.rmsCvPct).toBeCloseTo(1.455086, 5);
        expect(comparison.pooled.agreementMm?.lower).toBeCloseTo(-1.088566, 5);
        expect(comparison.pooled.agreementMm?.upper).toBeCloseTo(0.977455, 5);
    });
    it('gives the graded loss limits of agreement of −5.55 to 4.43 percentage points (differences 1.67, −3.33, 0)', () => {
        expect(comparison.heightLossAgreementPct?.bias).toBeCloseTo(-0.555556, 5);
        expect(comparison.heightLossAgreementPct?.lower).toBeCloseTo(-5.545471, 5);
        expect(comparison.heightLossAgreementPct?.upper).toBeCloseTo(4.43436, 5);
    });
    it('has a CV but no limits of agreement with one level read twice', () => {
        const one = expectOk(compareReadings([at(first, 1)], [at(second, 1), at(second, 3)]));
        expect(one.onlySecond).toEqual(['L3']);
        expect(one.perHeight.anterior.rmsCvPct).toBeCloseTo((100 * (1 / Math.SQRT2)) / 20.5, 9);
        expect(one.perHeight.anterior.agreementMm).toBeNull();
        expect(one.heightLossAgreementPct).toBeNull();
    });
    it('passes the displayed plane on, so both readings carry their uncertainty', () => {
        const withPlane = expectOk(compareReadings(first, second, { plane: { horizontalPixelMm: 1, verticalPixelMm: 1 } }));
        expect(withPlane.levels[0]?.first.uncertainty?.heightsMm.anteriorMm).toBeCloseToMm(Math.SQRT1_2, 1e-12);
    });
    describe('bad input', () => {
        it('fails with TOO_FEW_LEVELS when no level is in both readings', () => {
            const message = expectError(compareReadings([at(first, 0)], [at(second, 3)]), 'TOO_FEW_LEVELS');
            expect(message).toMatch(/No level is measured in both readings/);
            expect(expectOk(compareReadings([at(first, 0), at(first, 1)], [at(second, 1)])).onlyFirst).toEqual(['T12']);
        });
        it('names the reading that cannot be assessed', () => {
            expect(expectError(compareReadings([], second), 'EMPTY_SPINE')).toMatch(/^First reading: /);
            expect(expectError(compareReadings(first, [at(first, 0), at(first, 0)]), 'DUPLICATE_LEVEL')).toMatch(/^Second reading: /);
        });
    });
});
