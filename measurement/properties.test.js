import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobbAngleDeg, wedgeAngleDeg } from './angles';
import { assessSpine } from './assessSpine';
import { assessVertebra } from './assessVertebra';
import { GENANT_MILD_MIN_LOSS_PCT, GENANT_MODERATE_MIN_LOSS_PCT, GENANT_SEVERE_MIN_LOSS_PCT, } from './constants';
import { heightsFromPoints } from './heights';
import './testing/matchers';
import { SPINAL_LEVELS } from './levels';
import { lateralSpine, lateralVertebra } from './testing/fixtures';
import { at, expectOk } from './testing/results';
import { mapPoints, moveVertebraRigidly, scaleVertebra } from './testing/transforms';
const GRADE_BOUNDARIES_PCT = [GENANT_MILD_MIN_LOSS_PCT, GENANT_MODERATE_MIN_LOSS_PCT, GENANT_SEVERE_MIN_LOSS_PCT];
/** True when a loss lies so close to a Genant boundary that rounding alone could move it across, %. */
const nearBoundary = (lossPct) => GRADE_BOUNDARIES_PCT.some((b) => Math.abs(lossPct - b) < 1e-6);
const finiteDouble = (min, max) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** A plausible lateral vertebra, then each point jittered up to 2 mm in 3-D so the points are not coplanar. */
const vertebraArb = fc
    .record({
    anteriorMm: finiteDouble(8, 40),
    middleMm: finiteDouble(8, 40),
    posteriorMm: finiteDouble(12, 40),
    depthMm: finiteDouble(20, 50),
    tiltDeg: finiteDouble(-45, 45),
    jitterMm: fc.array(finiteDouble(-2, 2), { minLength: 18, maxLength: 18 }),
})
    .map(({ jitterMm, ...spec }) => {
    let next = 0;
    const jitter = (p) => [p[0] + at(jitterMm, next++), p[1] + at(jitterMm, next++), p[2] + at(jitterMm, next++)];
    return mapPoints(lateralVertebra(spec), jitter);
});
const motionArb = fc.record({
    axis: fc
        .tuple(finiteDouble(-1, 1), finiteDouble(-1, 1), finiteDouble(-1, 1))
        .filter((axis) => Math.hypot(...axis) > 0.1),
    angleRad: finiteDouble(-Math.PI, Math.PI),
    translationMm: fc.tuple(finiteDouble(-500, 500), finiteDouble(-500, 500), finiteDouble(-500, 500)),
});
const heightsArb = fc.record({
    anteriorMm: finiteDouble(1, 50),
    middleMm: finiteDouble(1, 50),
    posteriorMm: finiteDouble(1, 50),
});
const referenceArb = fc.option(finiteDouble(5, 50), { nil: undefined });
describe('properties', () => {
    it('heights do not change when all points are rotated and translated', () => {
        fc.assert(fc.property(vertebraArb, motionArb, (points, motion) => {
            const original = expectOk(heightsFromPoints(points));
            const moved = expectOk(heightsFromPoints(moveVertebraRigidly(points, motion)));
            expect(moved.anteriorMm).toBeCloseToMm(original.anteriorMm, 1e-6);
            expect(moved.middleMm).toBeCloseToMm(original.middleMm, 1e-6);
            expect(moved.posteriorMm).toBeCloseToMm(original.posteriorMm, 1e-6);
        }));
    });
    it('the wedge angle does not change when all points are rotated and translated', () => {
        fc.assert(fc.property(vertebraArb, motionArb, (points, motion) => {
            const original = expectOk(wedgeAngleDeg(points));
            expect(expectOk(wedgeAngleDeg(moveVertebraRigidly(points, motion)))).toBeCloseToDeg(original, 1e-6);
        }));
    });
    it('the Cobb angle does not change when both vertebrae are rotated and translated together', () => {
        fc.assert(fc.property(vertebraArb, vertebraArb, motionArb, (upperAtOrigin, lower, motion) => {
            const upper = mapPoints(upperAtOrigin, (p) => [p[0], p[1], p[2] + 80]);
            const original = expectOk(cobbAngleDeg(upper, lower));
            const moved = cobbAngleDeg(moveVertebraRigidly(upper, motion), moveVertebraRigidly(lower, motion));
            expect(expectOk(moved)).toBeCloseToDeg(original, 1e-6);
        }));
    });
    it('ratios, grades and angles do not change when the whole vertebra and its reference are scaled uniformly', () => {
        fc.assert(fc.property(vertebraArb, referenceArb, finiteDouble(0.05, 20), (points, referencePosteriorMm, factor) => {
            const original = expectOk(assessVertebra(expectOk(heightsFromPoints(points)), { referencePosteriorMm }));
            fc.pre(!nearBoundary(original.heightLossPct));
            const scaledPoints = scaleVertebra(points, factor);
            const scaledReference = referencePosteriorMm === undefined ? undefined : referencePosteriorMm * factor;
            const scaled = expectOk(assessVertebra(expectOk(heightsFromPoints(scaledPoints)), { referencePosteriorMm: scaledReference }));
            expect(scaled.wedgeRatio).toBeCloseTo(original.wedgeRatio, 9);
            expect(scaled.biconcavityRatio).toBeCloseTo(original.biconcavityRatio, 9);
            expect(scaled.crushRatio === null).toBe(original.crushRatio === null);
            if (original.crushRatio !== null)
                expect(scaled.crushRatio).toBeCloseTo(original.crushRatio, 9);
            expect(scaled.grade).toBe(original.grade);
            expect(expectOk(wedgeAngleDeg(scaledPoints))).toBeCloseToDeg(expectOk(wedgeAngleDeg(points)), 1e-6);
        }));
    });
    it('the grade never decreases as the anterior or the middle height shrinks', () => {
        fc.assert(fc.property(heightsArb, referenceArb, fc.constantFrom('anteriorMm', 'middleMm'), finiteDouble(0.01, 1), (heights, referencePosteriorMm, wall, factor) => {
            const before = expectOk(assessVertebra(heights, { referencePosteriorMm }));
            const shrunk = { ...heights, [wall]: heights[wall] * factor };
            const after = expectOk(assessVertebra(shrunk, { referencePosteriorMm }));
            expect(after.grade).toBeGreaterThanOrEqual(before.grade);
            expect(after.heightLossPct).toBeGreaterThanOrEqual(before.heightLossPct);
        }));
    });
    it('the grade never decreases as the whole vertebra collapses against a fixed reference', () => {
        fc.assert(fc.property(heightsArb, finiteDouble(5, 50), finiteDouble(0.01, 1), (heights, referencePosteriorMm, factor) => {
            const before = expectOk(assessVertebra(heights, { referencePosteriorMm }));
            fc.pre(!nearBoundary(before.heightLossPct));
            const collapsed = {
                anteriorMm: heights.anteriorMm * factor,
                middleMm: heights.middleMm * factor,
                posteriorMm: heights.posteriorMm * factor,
            };
            expect(expectOk(assessVertebra(collapsed, { referencePosteriorMm })).grade).toBeGreaterThanOrEqual(before.grade);
        }));
    });
    it('shrinking only the posterior height can lower the wedge loss, so that property is not claimed for Hp', () => {
        const before = expectOk(assessVertebra({ anteriorMm: 18, middleMm: 25, posteriorMm: 30 }, { referencePosteriorMm: 30 }));
        const after = expectOk(assessVertebra({ anteriorMm: 18, middleMm: 25, posteriorMm: 25 }, { referencePosteriorMm: 30 }));
        expect([before.grade, after.grade]).toEqual([3, 2]);
    });
    it('normal bodies growing up to 4 % per level, varying ±4 % in shape, with gaps of up to one level, all grade 0', () => {
        const spineArb = fc.record({
            firstIndex: fc.integer({ min: 0, max: SPINAL_LEVELS.length - 14 }),
            basePosteriorMm: finiteDouble(15, 32),
            growthPerLevel: finiteDouble(0, 0.04),
            walls: fc.array(fc.tuple(finiteDouble(0.96, 1.04), finiteDouble(0.96, 1.04), finiteDouble(0.96, 1.04), fc.boolean()), {
                minLength: 2,
                maxLength: 7,
            }),
        });
        fc.assert(fc.property(spineArb, ({ firstIndex, basePosteriorMm, growthPerLevel, walls }) => {
            // Each entry is measured, then (when its flag is set) one level is left out before the next: gaps ≤ 1 level.
            let index = firstIndex;
            const entries = walls.map(([anterior, middle, posterior, skipNext]) => {
                const sizeMm = basePosteriorMm * (1 + growthPerLevel) ** (index - firstIndex);
                const level = SPINAL_LEVELS[index] ?? expect.fail(`no level at index ${index}`);
                index += skipNext ? 2 : 1;
                return { level, spec: { anteriorMm: sizeMm * anterior, middleMm: sizeMm * middle, posteriorMm: sizeMm * posterior } };
            });
            const spine = expectOk(assessSpine(lateralSpine(entries)));
            for (const level of spine.levels)
                expect(level.assessment.grade, level.level).toBe(0);
        }));
    });
    it('the grade always lies within the grade range, and a larger pixel never narrows the range', () => {
        fc.assert(fc.property(fc.array(vertebraArb, { minLength: 1, maxLength: 4 }), finiteDouble(0.1, 2), finiteDouble(1, 3), (vertebrae, pixelMm, coarsening) => {
            const input = vertebrae.map((points, i) => ({ level: SPINAL_LEVELS[10 + i] ?? expect.fail('no level'), points }));
            const fine = expectOk(assessSpine(input, { plane: { horizontalPixelMm: pixelMm, verticalPixelMm: pixelMm } }));
            const coarse = expectOk(assessSpine(input, { plane: { horizontalPixelMm: pixelMm * coarsening, verticalPixelMm: pixelMm * coarsening } }));
            fine.levels.forEach((level, i) => {
                const range = level.uncertainty?.gradeRange ?? expect.fail('no uncertainty');
                const coarseRange = coarse.levels[i]?.uncertainty?.gradeRange ?? expect.fail('no uncertainty');
                fc.pre(!nearBoundary(level.assessment.heightLossPct));
                expect(level.assessment.grade).toBeGreaterThanOrEqual(range.min);
                expect(level.assessment.grade).toBeLessThanOrEqual(range.max);
                expect(coarseRange.min).toBeLessThanOrEqual(range.min);
                expect(coarseRange.max).toBeGreaterThanOrEqual(range.max);
            });
        }));
    });
});
