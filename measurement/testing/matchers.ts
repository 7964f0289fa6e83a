import { expect } from 'vitest';

// Importing this file registers the matchers below with vitest's expect; the declaration types them on Assertion
// (vitest's Assertion<T> extends Matchers<T>).
declare module 'vitest' {
  interface Matchers<T> {
    /** Passes when the received number is finite and |received − expectedMm| ≤ tolMm, mm. */
    toBeCloseToMm(expectedMm: number, tolMm: number): T;
    /** Passes when the received number is finite and |received − expectedDeg| ≤ tolDeg, degrees. */
    toBeCloseToDeg(expectedDeg: number, tolDeg: number): T;
  }
}

function withinTolerance(received: unknown, expected: number, tolerance: number): boolean {
  return typeof received === 'number' && Number.isFinite(received) && Math.abs(received - expected) <= tolerance;
}

function describeMiss(received: unknown, expected: number, tolerance: number, unit: string, isNot: boolean): string {
  const off = typeof received === 'number' ? ` (off by ${Math.abs(received - expected)} ${unit})` : '';
  return `expected ${String(received)} ${unit} ${isNot ? 'not ' : ''}to be within ${tolerance} ${unit} of ${expected} ${unit}${off}`;
}

expect.extend({
  toBeCloseToMm(received: unknown, expectedMm: number, tolMm: number) {
    return {
      pass: withinTolerance(received, expectedMm, tolMm),
      message: () => describeMiss(received, expectedMm, tolMm, 'mm', this.isNot),
      actual: received,
      expected: expectedMm,
    };
  },
  toBeCloseToDeg(received: unknown, expectedDeg: number, tolDeg: number) {
    return {
      pass: withinTolerance(received, expectedDeg, tolDeg),
      message: () => describeMiss(received, expectedDeg, tolDeg, '°', this.isNot),
      actual: received,
      expected: expectedDeg,
    };
  },
});
