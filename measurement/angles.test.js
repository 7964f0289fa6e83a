import { describe, expect, it } from 'vitest';
import { cobbAngleDeg, wedgeAngleDeg } from './angles';
import './testing/matchers';
import { lateralVertebra, normalL2, thoracolumbarBefore, wedgeL1Grade2 } from './testing/fixtures';
import { expectError, expectOk } from './testing/results';
const DEG_PER_RAD = 180 / Math.PI;
const TOL_DEG = 1e-9;
/** A wedge-shaped vertebra's angle: flat inferior endplate, superior endplate falling Hp − Ha over the depth. */
function expectedWedgeDeg(anteriorMm, posteriorMm, depthMm) {
    return Math.atan((posteriorMm - anteriorMm) / depthMm) * DEG_PER_RAD;
}
describe('wedgeAngleDeg', () => {
    it('measures wedgeL1Grade2 (Ha 19.5, Hp 30, depth 30 mm) as atan(10.5 / 30) ≈ 19.29°, positive: converging anteriorly', () => {
        expect(expectOk(wedgeAngleDeg(wedgeL1Grade2))).toBeCloseToDeg(expectedWedgeDeg(19.5, 30, 30), TOL_DEG);
        expect(expectOk(wedgeAngleDeg(wedgeL1Grade2))).toBeCloseToDeg(19.29, 0.01);
    });
    it.each([
        [30, 30, 30, 0],
        [27, 30, 30, expectedWedgeDeg(27, 30, 30)],
        [20, 30, 40, expectedWedgeDeg(20, 30, 40)],
        [10, 30, 30, expectedWedgeDeg(10, 30, 30)],
        [33, 30, 30, expectedWedgeDeg(33, 30, 30)],
    ])('measures Ha %s mm, Hp %s mm, depth %s mm as %s°', (anteriorMm, posteriorMm, depthMm, angleDeg) => {
        const points = lateralVertebra({ anteriorMm, middleMm: (anteriorMm + posteriorMm) / 2, posteriorMm, depthMm });
        expect(expectOk(wedgeAngleDeg(points))).toBeCloseToDeg(angleDeg, TOL_DEG);
    });
    it('is negative when the endplates diverge anteriorly (Ha > Hp, as at L5)', () => {
        const l5 = lateralVertebra({ anteriorMm: 32, middleMm: 30, posteriorMm: 27 });
        expect(expectOk(wedgeAngleDeg(l5))).toBeLessThan(0);
    });
    it.each([-40, -10, 0, 15, 60])('does not change when the vertebra is tilted by %s° in the sagittal plane', (tiltDeg) => {
        const tilted = lateralVertebra({ anteriorMm: 19.5, middleMm: 24, posteriorMm: 30, tiltDeg });
        expect(expectOk(wedgeAngleDeg(tilted))).toBeCloseToDeg(expectedWedgeDeg(19.5, 30, 30), TOL_DEG);
    });
    it('does not depend on the middle points', () => {
        const deepMiddle = lateralVertebra({ anteriorMm: 19.5, middleMm: 12, posteriorMm: 30 });
        expect(expectOk(wedgeAngleDeg(deepMiddle))).toBeCloseToDeg(expectedWedgeDeg(19.5, 30, 30), TOL_DEG);
    });
    it('changes by less than 1° when one point is placed 4 mm off the vertebra\'s plane', () => {
        const offPlane = {
            ...wedgeL1Grade2,
            anteriorSuperior: [4, wedgeL1Grade2.anteriorSuperior[1], wedgeL1Grade2.anteriorSuperior[2]],
        };
        expect(expectOk(wedgeAngleDeg(offPlane))).toBeCloseToDeg(expectedWedgeDeg(19.5, 30, 30), 1);
    });
    describe('bad input', () => {
        it('fails with INVALID_POINT on a non-finite coordinate', () => {
            const points = { ...normalL2, posteriorInferior: [0, Number.NaN, 0] };
            expect(expectError(wedgeAngleDeg(points), 'INVALID_POINT')).toContain('posterior inferior');
        });
        it('fails with DEGENERATE_ENDPLATE when the superior endplate\'s two points coincide', () => {
            const points = { ...normalL2, anteriorSuperior: normalL2.posteriorSuperior };
            expect(expectError(wedgeAngleDeg(points), 'DEGENERATE_ENDPLATE')).toContain('superior endplate');
        });
        it('fails with DEGENERATE_ENDPLATE when the inferior endplate\'s two points coincide', () => {
            const points = { ...normalL2, posteriorInferior: normalL2.anteriorInferior };
            expect(expectError(wedgeAngleDeg(points), 'DEGENERATE_ENDPLATE')).toContain('inferior endplate');
        });
        it('fails with DEGENERATE_ENDPLATE when an endplate runs left to right, across the vertebra\'s plane', () => {
            const points = {
                posteriorSuperior: [0, 0, 10],
                anteriorSuperior: [1, 0, 10],
                middleSuperior: [-1, -1, 10],
                posteriorInferior: [0, 0, 0],
                anteriorInferior: [-1, -2, 0],
                middleInferior: [1, -1, 0],
            };
            expect(expectError(wedgeAngleDeg(points), 'DEGENERATE_ENDPLATE')).toContain('across');
        });
        it('fails with DEGENERATE_ENDPLATE when the inferior endplate runs across the vertebra\'s plane', () => {
            const points = {
                posteriorInferior: [0, 0, 0],
                anteriorInferior: [1, 0, 0],
                middleInferior: [-1, -1, 0],
                posteriorSuperior: [0, 0, 10],
                anteriorSuperior: [-1, -2, 10],
                middleSuperior: [1, -1, 10],
            };
            expect(expectError(wedgeAngleDeg(points), 'DEGENERATE_ENDPLATE')).toContain('inferior endplate');
        });
        it('fails with DEGENERATE_VERTEBRA when the anterior and posterior points are, on average, at the same place', () => {
            // Crossed endplates: the superior one points forward, the inferior one backward.
            const points = {
                posteriorSuperior: [0, 15, 30],
                anteriorSuperior: [0, -15, 30],
                middleSuperior: [0, 0, 30],
                posteriorInferior: [0, -15, 0],
                anteriorInferior: [0, 15, 0],
                middleInferior: [0, 0, 0],
            };
            expect(expectError(wedgeAngleDeg(points), 'DEGENERATE_VERTEBRA')).toContain('front and back');
        });
        it('fails with DEGENERATE_VERTEBRA when the superior points are not above the inferior ones', () => {
            // All six points on one front-back line.
            const points = {
                posteriorSuperior: [0, 15, 0],
                anteriorSuperior: [0, -15, 0],
                middleSuperior: [0, 0, 0],
                posteriorInferior: [0, 14, 0],
                anteriorInferior: [0, -16, 0],
                middleInferior: [0, -1, 0],
            };
            expect(expectError(wedgeAngleDeg(points), 'DEGENERATE_VERTEBRA')).toContain('head and foot');
        });
    });
});
describe('cobbAngleDeg', () => {
    const level = (name) => thoracolumbarBefore.find((l) => l.level === name).points;
    it('measures T12 (tilted −3°, superior endplate falling 0.5 mm over 30 mm) to L2 (tilted +3°) as 6° + atan(0.5/30), kyphotic', () => {
        const expectedDeg = 6 + Math.atan(0.5 / 30) * DEG_PER_RAD;
        expect(expectOk(cobbAngleDeg(level('T12'), level('L2')))).toBeCloseToDeg(expectedDeg, TOL_DEG);
    });
    it.each([
        [0, 0, 0],
        [-5, 5, 10],
        [5, -5, -10],
        [10, 10, 0],
        [-20, 25, 45],
    ])('measures square vertebrae tilted %s° (upper) and %s° (lower) as %s°', (upperTiltDeg, lowerTiltDeg, cobbDeg) => {
        const square = { anteriorMm: 25, middleMm: 25, posteriorMm: 25 };
        const upper = lateralVertebra({ ...square, tiltDeg: upperTiltDeg, originMm: [0, 0, 80] });
        const lower = lateralVertebra({ ...square, tiltDeg: lowerTiltDeg });
        expect(expectOk(cobbAngleDeg(upper, lower))).toBeCloseToDeg(cobbDeg, TOL_DEG);
    });
    it('does not change when the whole segment is tilted in the sagittal plane', () => {
        const tilted = (tiltDeg) => cobbAngleDeg(lateralVertebra({ anteriorMm: 25, middleMm: 25, posteriorMm: 26, tiltDeg: tiltDeg - 4, originMm: [0, 0, 80] }), lateralVertebra({ anteriorMm: 25, middleMm: 25, posteriorMm: 25, tiltDeg: tiltDeg + 4 }));
        expect(expectOk(tilted(30))).toBeCloseToDeg(expectOk(tilted(0)), TOL_DEG);
    });
    describe('bad input', () => {
        it('names the upper vertebra when one of its points is invalid', () => {
            const upper = { ...normalL2, middleSuperior: [Infinity, 0, 0] };
            expect(expectError(cobbAngleDeg(upper, normalL2), 'INVALID_POINT')).toMatch(/^Upper vertebra: /);
        });
        it('names the lower vertebra when one of its points is invalid', () => {
            const lower = { ...normalL2, middleInferior: [0, 0, -Infinity] };
            expect(expectError(cobbAngleDeg(normalL2, lower), 'INVALID_POINT')).toMatch(/^Lower vertebra: /);
        });
        it('fails with DEGENERATE_ENDPLATE when the upper vertebra\'s superior endplate has no length', () => {
            const upper = { ...normalL2, anteriorSuperior: normalL2.posteriorSuperior };
            expect(expectError(cobbAngleDeg(upper, normalL2), 'DEGENERATE_ENDPLATE')).toContain("upper vertebra's superior endplate");
        });
        it('fails with DEGENERATE_VERTEBRA when the upper endplate is not above the lower one', () => {
            const flat = lateralVertebra({ anteriorMm: 25, middleMm: 25, posteriorMm: 25 });
            const flatOnly = {
                ...flat,
                anteriorSuperior: flat.anteriorInferior,
                middleSuperior: flat.middleInferior,
                posteriorSuperior: flat.posteriorInferior,
            };
            expect(expectError(cobbAngleDeg(flatOnly, flatOnly), 'DEGENERATE_VERTEBRA')).toContain('these two vertebrae');
        });
    });
});
