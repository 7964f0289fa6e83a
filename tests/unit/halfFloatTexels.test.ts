import { describe, expect, it } from 'vitest';
import { HALF_FLOAT_EXACT_INTEGER_LIMIT, halfFloatBitsOfInteger, numberOfHalfFloatBits, writeHalfFloatTexels } from '../../viewer/cornerstone/halfFloatTexels';

describe('halfFloatBitsOfInteger', () => {
  // Bit patterns from the binary16 layout (IEEE 754-2008 §3.6): sign | 5-bit exponent (bias 15) | 10-bit significand.
  it.each([
    [0, 0x0000],
    [1, 0x3c00],
    [-1, 0xbc00],
    [2, 0x4000],
    [3, 0x4200],
    [-2, 0xc000],
    [1000, 0x63d0],
    [1024, 0x6400],
    [-1024, 0xe400],
    [2047, 0x67ff],
    [2048, 0x6800],
    [-2048, 0xe800],
  ])('writes %i as the bits %i', (n, bits) => {
    expect(halfFloatBitsOfInteger(n)).toBe(bits);
  });

  it('is exact for every integer within ±2048: decoding the bits gives the integer back', () => {
    const wrong: number[] = [];
    for (let n = -HALF_FLOAT_EXACT_INTEGER_LIMIT; n <= HALF_FLOAT_EXACT_INTEGER_LIMIT; n++) {
      if (numberOfHalfFloatBits(halfFloatBitsOfInteger(n)) !== n) wrong.push(n);
    }
    expect(wrong).toEqual([]);
  });

  it.each([[2049], [-2049], [0.5], [Number.NaN], [Infinity]])('refuses %s, which a half float does not hold exactly', (n) => {
    expect(() => halfFloatBitsOfInteger(n)).toThrow(RangeError);
  });
});

describe('numberOfHalfFloatBits', () => {
  it.each([
    [0x3c00, 1],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x8000, -0],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('reads the bits %i as %s', (bits, value) => {
    expect(numberOfHalfFloatBits(bits)).toBe(value);
  });

  it('reads NaN bits as NaN', () => {
    expect(numberOfHalfFloatBits(0x7e00)).toBeNaN();
  });
});

describe('writeHalfFloatTexels', () => {
  it('writes a CT slice of integers within ±2048 exactly, whatever the source array type', () => {
    const values = [-1024, -1000, -1, 0, 1, 40, 250, 900, 2047, 2048, -2048];
    for (const source of [Int16Array.from(values), Float32Array.from(values), values]) {
      const target = new Uint16Array(values.length);
      expect(writeHalfFloatTexels(source, target)).toBe(true);
      expect(Array.from(target, numberOfHalfFloatBits)).toEqual(values);
    }
  });

  it('writes unsigned 16-bit values up to 2048', () => {
    const target = new Uint16Array(4);
    expect(writeHalfFloatTexels(Uint16Array.from([0, 1, 1500, 2048]), target)).toBe(true);
    expect(Array.from(target, numberOfHalfFloatBits)).toEqual([0, 1, 1500, 2048]);
  });

  it.each([
    ['a metal value above 2048 HU', Int16Array.from([0, 100, 3071, 5])],
    ['a value below −2048', Int16Array.from([-2049, 0])],
    ['a 16-bit unsigned value above 2048', Uint16Array.from([4095])],
    ['a fraction', Float32Array.from([0, 0.5])],
    ['NaN', Float32Array.from([Number.NaN])],
  ])('says no for a slice holding %s', (_label, source) => {
    expect(writeHalfFloatTexels(source, new Uint16Array(source.length))).toBe(false);
  });

  it('refuses a target shorter than the slice', () => {
    expect(() => writeHalfFloatTexels(Int16Array.from([1, 2, 3]), new Uint16Array(2))).toThrow(RangeError);
  });
});
