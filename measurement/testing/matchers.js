import { expect } from 'vitest';
function withinTolerance(received, expected, tolerance) {
    return typeof received === 'number' && Number.isFinite(received) && Math.abs(received - expected) <= tolerance;
}
function describeMiss(received, expected, tolerance, unit, isNot) {
    const off = typeof received === 'number' ? ` (off by ${Math.abs(received - expected)} ${unit})` : '';
    return `expected ${String(received)} ${unit} ${isNot ? 'not ' : ''}to be within ${tolerance} ${unit} of ${expected} ${unit}${off}`;
}
expect.extend({
    toBeCloseToMm(received, expectedMm, tolMm) {
        return {
            pass: withinTolerance(received, expectedMm, tolMm),
            message: () => describeMiss(received, expectedMm, tolMm, 'mm', this.isNot),
            actual: received,
            expected: expectedMm,
        };
    },
    toBeCloseToDeg(received, expectedDeg, tolDeg) {
        return {
            pass: withinTolerance(received, expectedDeg, tolDeg),
            message: () => describeMiss(received, expectedDeg, tolDeg, '°', this.isNot),
            actual: received,
            expected: expectedDeg,
        };
    },
});
