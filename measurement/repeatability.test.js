import { describe, expect, it } from 'vitest';
import { blandAltman, isWithinMeasurementError, rootMeanSquareCvPct } from './repeatability';
import { expectError, expectOk } from './testing/results';
describe('rootMeanSquareCvPct (Glüer et al., Osteoporos Int 1995)', () => {
    it.each([
        ['identical readings', [[30, 30]], 0],
        // SD = 2/√2 = 1.4142 mm, mean 30 mm: CV 4.7140 %.
        ['29 and 31 mm', [[29, 31]], 4.714045],
        // √((4.7140² + 0²) / 2) = 3.3333 %.
        ['29/31 mm and 20/20 mm', [[29, 31], [20, 20]], 3.333333],
        // CVs 12.8565, 7.4432, 6.7344 %: √((165.29 + 55.40 + 45.35) / 3) = 9.4170 %.
        ['10/12, 20/18 and 30/33 mm', [[10, 12], [20, 18], [30, 33]], 9.417048],
    ])('of %s is %s %', (_case, pairs, cvPct) => {
        expect(expectOk(rootMeanSquareCvPct(pairs))).toBeCloseTo(cvPct, 5);
    });
    it.each([
        ['no pairs', [], 'TOO_FEW_LEVELS', /at least 1 level read twice; 0 were given/],
        ['a zero reading', [[0, 1]], 'INVALID_VALUE', /positive readings; 0 and 1/],
        ['a negative reading', [[30, -1]], 'INVALID_VALUE', /positive readings/],
        ['a NaN reading', [[30, Number.NaN]], 'INVALID_VALUE', /not two finite numbers/],
        ['a pair of three numbers', [[30, 31, 32]], 'INVALID_VALUE', /not two finite numbers/],
        ['no list at all', JSON.parse('null'), 'TOO_FEW_LEVELS', /0 were given/],
    ])('fails on %s with %s', (_case, pairs, code, message) => {
        expect(expectError(rootMeanSquareCvPct(pairs), code)).toMatch(message);
    });
});
describe('blandAltman (Bland & Altman, Lancet 1986)', () => {
    it.each([
        // Differences 2, −2, 3: bias 1, SD √(14/2) = 2.6458, limits 1 ± 5.1857.
        ['10/12, 20/18 and 30/33 mm', [[10, 12], [20, 18], [30, 33]], 1, 2.645751, -4.185673, 6.185673],
        ['a constant 0.5 mm offset', [[28, 28.5], [27, 27.5]], 0.5, 0, 0.5, 0.5],
        // Differences 0, 1, 0: bias 1/3, SD √(1/3) = 0.5774, limits 0.3333 ± 1.1316.
        ['30/30, 20/21 and 30/30 mm', [[30, 30], [20, 21], [30, 30]], 1 / 3, 0.57735, -0.798273, 1.46494],
    ])('of %s: bias %s, SD %s, limits %s to %s', (_case, pairs, bias, sd, lower, upper) => {
        const agreement = expectOk(blandAltman(pairs));
        expect(agreement.n).toBe(pairs.length);
        expect(agreement.bias).toBeCloseTo(bias, 5);
        expect(agreement.sd).toBeCloseTo(sd, 5);
        expect(agreement.lower).toBeCloseTo(lower, 5);
        expect(agreement.upper).toBeCloseTo(upper, 5);
    });
    it('needs two pairs', () => {
        expect(expectError(blandAltman([[30, 31]]), 'TOO_FEW_LEVELS')).toBe('Limits of agreement needs at least 2 levels read twice; 1 was given.');
    });
    it('fails with INVALID_VALUE when the differences overflow', () => {
        expectError(blandAltman([[-1.7e308, 1.7e308], [0, 0]]), 'INVALID_VALUE');
    });
});
describe('isWithinMeasurementError', () => {
    // Limits of agreement −1.2 to 1.4 mm (bias 0.1 mm).
    const agreement = { n: 10, bias: 0.1, sd: 0.663, lower: -1.2, upper: 1.4 };
    it.each([
        [0, true],
        [1.4, true],
        [-1.2, true],
        [1.41, false],
        [-1.21, false],
        [3, false],
    ])('calls a change of %s mm within measurement error: %s', (changeMm, within) => {
        expect(isWithinMeasurementError(changeMm, agreement)).toBe(within);
    });
});
