import { describe, expect, it } from 'vitest';
import { assessVertebra, gradeRuleCode } from './assessVertebra';
import './testing/matchers';
import { expectError, expectOk } from './testing/results';
describe('assessVertebra', () => {
    describe('ratios (O\'Neill et al., JBMR 1994)', () => {
        it('computes wedge = Ha/Hp, biconcavity = Hm/Hp and crush = Hp/reference', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 21, middleMm: 24, posteriorMm: 30 }, { referencePosteriorMm: 32 }));
            expect(a.wedgeRatio).toBeCloseTo(0.7, 12);
            expect(a.biconcavityRatio).toBeCloseTo(0.8, 12);
            expect(a.crushRatio).toBeCloseTo(0.9375, 12);
            expect(a.referencePosteriorMm).toBe(32);
        });
        it('has no crush ratio or crush loss without a reference posterior height', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 21, middleMm: 24, posteriorMm: 30 }));
            expect(a.crushRatio).toBeNull();
            expect(a.crushLossPct).toBeNull();
            expect(a.referencePosteriorMm).toBeNull();
        });
        it('treats a null reference like no reference', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 21, middleMm: 24, posteriorMm: 30 }, { referencePosteriorMm: null }));
            expect(a.crushRatio).toBeNull();
        });
        it('reports ratios above 1 unchanged but clamps the losses at 0 %', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 33, middleMm: 31.5, posteriorMm: 30 }, { referencePosteriorMm: 25 }));
            expect(a.wedgeRatio).toBeCloseTo(1.1, 12);
            expect(a.crushRatio).toBeCloseTo(1.2, 12);
            expect(a.wedgeLossPct).toBe(0);
            expect(a.biconcaveLossPct).toBe(0);
            expect(a.crushLossPct).toBe(0);
            expect(a.heightLossPct).toBe(0);
            expect(a.deformity).toBe('none');
        });
        it('grades 24 mm anterior against 30 mm posterior as exactly 20 % loss, grade 1', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 24, middleMm: 30, posteriorMm: 30 }));
            expect(a.wedgeLossPct).toBe(20);
            expect(a.grade).toBe(1);
        });
        it('returns the heights it assessed', () => {
            const h = { anteriorMm: 21, middleMm: 24, posteriorMm: 30 };
            expect(expectOk(assessVertebra(h)).heights).toEqual(h);
        });
    });
    // Hp = 100 mm (and reference = 100 mm) so that each loss in % equals the missing millimetres.
    const boundaries = [
        [19.99, 0, 'normal'],
        [20, 1, 'mild'],
        [24.99, 1, 'mild'],
        [25, 2, 'moderate'],
        [39.99, 2, 'moderate'],
        [40, 3, 'severe'],
    ];
    describe.each([
        { deformity: 'wedge', heightsFor: (loss) => [100 - loss, 100, 100, null] },
        { deformity: 'biconcave', heightsFor: (loss) => [100, 100 - loss, 100, null] },
        { deformity: 'crush', heightsFor: (loss) => [100 - loss, 100 - loss, 100 - loss, 100] },
    ])('a $deformity deformity', ({ deformity, heightsFor }) => {
        it.each(boundaries)('with %s% loss is grade %i (%s)', (lossPct, grade, gradeName) => {
            const [anteriorMm, middleMm, posteriorMm, referencePosteriorMm] = heightsFor(lossPct);
            const a = expectOk(assessVertebra({ anteriorMm, middleMm, posteriorMm }, { referencePosteriorMm }));
            expect(a.heightLossPct).toBeCloseTo(lossPct, 9);
            expect(a.grade).toBe(grade);
            expect(a.gradeName).toBe(gradeName);
            expect(a.deformity).toBe(grade === 0 ? 'none' : deformity);
        });
    });
    describe('which deformity is reported', () => {
        it.each([
            ['anterior loss largest', [18, 22, 30], 30, 'wedge', 40],
            ['middle loss largest', [24, 18, 30], 30, 'biconcave', 40],
            ['posterior loss against the reference largest', [20, 20, 20], 30, 'crush', 100 / 3],
            ['wedge and biconcave equal (ties go to wedge)', [21, 21, 30], null, 'wedge', 30],
            ['biconcave and crush equal (ties go to biconcave)', [30, 22.5, 30], 40, 'biconcave', 25],
            ['all losses below 20 %', [25, 25, 30], 31, 'none', 100 / 6],
        ])('with %s is %s', (_case, [anteriorMm, middleMm, posteriorMm], referencePosteriorMm, deformity, lossPct) => {
            const a = expectOk(assessVertebra({ anteriorMm, middleMm, posteriorMm }, { referencePosteriorMm }));
            expect(a.deformity).toBe(deformity);
            expect(a.heightLossPct).toBeCloseTo(lossPct, 9);
        });
    });
    describe('losses against the heights expected from the neighbours', () => {
        // Expected heights 100 mm each, so that each neighbour loss in % equals the missing millimetres.
        const expected100 = { referencePosteriorMm: 100, expectedAnteriorMm: 100, expectedMiddleMm: 100 };
        describe.each([
            { wall: 'anterior', heightsFor: (loss) => [100 - loss, 100, 100], rule: { deformity: 'wedge', reference: 'ownPosterior' } },
            { wall: 'middle', heightsFor: (loss) => [100, 100 - loss, 100], rule: { deformity: 'biconcave', reference: 'ownPosterior' } },
            { wall: 'posterior', heightsFor: (loss) => [100, 100, 100 - loss], rule: { deformity: 'crush', reference: 'neighbours' } },
        ])('a $wall wall alone short against 100 mm neighbours', ({ heightsFor, rule }) => {
            it.each(boundaries)('with %s% loss is grade %i (%s)', (lossPct, grade, gradeName) => {
                const [anteriorMm, middleMm, posteriorMm] = heightsFor(lossPct);
                const a = expectOk(assessVertebra({ anteriorMm, middleMm, posteriorMm }, expected100));
                expect(a.heightLossPct).toBeCloseTo(lossPct, 9);
                expect(a.grade).toBe(grade);
                expect(a.gradeName).toBe(gradeName);
                // Own posterior and neighbour losses are equal here; ties go to the own posterior height.
                expect(a.gradeRule).toEqual(rule);
            });
        });
        it.each([
            // The VerSe 2019 sub-verse012 L1 of issue 13, against the mean of T12 (26.6/24.7/27.7) and L2 (28.5/26.7/28.5).
            ['the real L1 collapse (17.3/15.2/23.5 mm)', [17.3, 15.2, 23.5], [27.55, 25.7, 28.1], 3, { deformity: 'biconcave', reference: 'neighbours' }, (100 * 10.5) / 25.7],
            // Whole-body collapse: all walls 22 % short; against its own Hp nothing is lost (today: grade 0).
            ['a uniform whole-body collapse to 78 %', [23.4, 23.4, 23.4], [30, 30, 30], 1, { deformity: 'wedge', reference: 'neighbours' }, 22],
            // Today: 1 − 21/27 = 22.2 % wedge, grade 1; against the 30 mm neighbours the front has lost 36 %, grade 2.
            ['a collapse with a short posterior wall (21/22/27 mm)', [19.2, 22, 27], [30, 30, 30], 2, { deformity: 'wedge', reference: 'neighbours' }, 36],
            ['a plain wedge, neighbours agreeing with its own Hp', [19.5, 28, 30], [30, 30, 30], 2, { deformity: 'wedge', reference: 'ownPosterior' }, 35],
            ['a normal body 2 mm smaller than its neighbours', [28, 28, 28], [30, 29.5, 30], 0, { deformity: 'wedge', reference: 'neighbours' }, (100 * 2) / 30],
        ])('grades %s', (_case, [anteriorMm, middleMm, posteriorMm], [ea, em, ep], grade, rule, lossPct) => {
            const a = expectOk(assessVertebra({ anteriorMm, middleMm, posteriorMm }, { referencePosteriorMm: ep, expectedAnteriorMm: ea, expectedMiddleMm: em }));
            expect(a.grade).toBe(grade);
            expect(a.gradeRule).toEqual(rule);
            expect(a.heightLossPct).toBeCloseTo(lossPct, 9);
            expect(a.deformity).toBe(grade === 0 ? 'none' : rule.deformity);
            expect([a.expectedAnteriorMm, a.expectedMiddleMm, a.expectedPosteriorMm]).toEqual([ea, em, ep]);
            expect(a.posteriorLossPct).toBe(a.crushLossPct);
        });
        it('grades the real L1 collapse only 2 against its own posterior wall, as before issue 13', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 17.3, middleMm: 15.2, posteriorMm: 23.5 }));
            expect(a.grade).toBe(2);
            expect([a.anteriorLossPct, a.middleLossPct, a.expectedAnteriorMm, a.expectedMiddleMm]).toEqual([null, null, null, null]);
            expect(a.gradeRule).toEqual({ deformity: 'biconcave', reference: 'ownPosterior' });
        });
        it('uses whichever expected heights are given', () => {
            const a = expectOk(assessVertebra({ anteriorMm: 20, middleMm: 30, posteriorMm: 30 }, { expectedAnteriorMm: 40 }));
            expect(a.anteriorLossPct).toBe(50);
            expect(a.middleLossPct).toBeNull();
            expect(a.crushLossPct).toBeNull();
            expect(a.grade).toBe(3);
        });
        it.each([
            ['a zero expected anterior height', { expectedAnteriorMm: 0 }, 'NON_POSITIVE_HEIGHT', 'expected anterior height'],
            ['a NaN expected middle height', { expectedMiddleMm: Number.NaN }, 'INVALID_HEIGHT', 'expected middle height'],
        ])('fails on %s with %s', (_case, options, code, words) => {
            expect(expectError(assessVertebra({ anteriorMm: 20, middleMm: 20, posteriorMm: 30 }, options), code)).toContain(words);
        });
        it('fails when an expected height is so large that the loss overflows, naming the expected heights', () => {
            const message = expectError(assessVertebra({ anteriorMm: 30, middleMm: 30, posteriorMm: 30 }, { expectedAnteriorMm: 1e307, expectedMiddleMm: 1e307 }), 'INVALID_HEIGHT');
            expect(message).toContain('expected anterior 1e+307 mm, expected middle 1e+307 mm');
        });
    });
    describe('bad input', () => {
        it.each([
            ['a zero anterior height', { anteriorMm: 0, middleMm: 20, posteriorMm: 30 }, undefined, 'NON_POSITIVE_HEIGHT'],
            ['a negative middle height', { anteriorMm: 20, middleMm: -1, posteriorMm: 30 }, undefined, 'NON_POSITIVE_HEIGHT'],
            ['a zero posterior height', { anteriorMm: 20, middleMm: 20, posteriorMm: 0 }, undefined, 'NON_POSITIVE_HEIGHT'],
            ['a zero reference', { anteriorMm: 20, middleMm: 20, posteriorMm: 30 }, 0, 'NON_POSITIVE_HEIGHT'],
            ['a NaN anterior height', { anteriorMm: Number.NaN, middleMm: 20, posteriorMm: 30 }, undefined, 'INVALID_HEIGHT'],
            ['an infinite posterior height', { anteriorMm: 20, middleMm: 20, posteriorMm: Infinity }, undefined, 'INVALID_HEIGHT'],
            ['a NaN reference', { anteriorMm: 20, middleMm: 20, posteriorMm: 30 }, Number.NaN, 'INVALID_HEIGHT'],
            ['heights whose ratio overflows', { anteriorMm: 1e300, middleMm: 20, posteriorMm: 1e-300 }, undefined, 'INVALID_HEIGHT'],
            ['a posterior height so large that the loss overflows', { anteriorMm: 1, middleMm: 1, posteriorMm: 1e307 }, undefined, 'INVALID_HEIGHT'],
            ['a reference so small that the crush ratio overflows', { anteriorMm: 30, middleMm: 30, posteriorMm: 30 }, 1e-320, 'INVALID_HEIGHT'],
        ])('fails on %s with %s', (_case, heights, referencePosteriorMm, code) => {
            expectError(assessVertebra(heights, { referencePosteriorMm }), code);
        });
        it('fails, without throwing, on a height that is not a number at all', () => {
            const fromJson = JSON.parse('{"anteriorMm":"20","middleMm":20,"posteriorMm":30}');
            const message = expectError(assessVertebra(fromJson), 'INVALID_HEIGHT');
            expect(message).toContain('anterior height');
        });
        it('names the height and its value in the message', () => {
            const message = expectError(assessVertebra({ anteriorMm: 20, middleMm: 20, posteriorMm: -3 }), 'NON_POSITIVE_HEIGHT');
            expect(message).toBe('The posterior height is -3 mm; it must be greater than 0 mm.');
        });
    });
});
describe('gradeRuleCode', () => {
    it.each([
        [{ deformity: 'wedge', reference: 'ownPosterior' }, 'wedge'],
        [{ deformity: 'biconcave', reference: 'ownPosterior' }, 'biconcave'],
        [{ deformity: 'wedge', reference: 'neighbours' }, 'wedge-vs-neighbours'],
        [{ deformity: 'biconcave', reference: 'neighbours' }, 'biconcave-vs-neighbours'],
        [{ deformity: 'crush', reference: 'neighbours' }, 'crush'],
    ])('names %j "%s"', (rule, code) => {
        expect(gradeRuleCode(rule)).toBe(code);
    });
});
