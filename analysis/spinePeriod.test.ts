import { describe, expect, it } from 'vitest';
import { endDiscContrast } from './detectSpine';
import { spacingHeightMm } from './spineBodies';

const heights = (anteriorMm: number, middleMm: number, posteriorMm: number) => ({ heightsMm: { anteriorMm, middleMm, posteriorMm } });

describe('spacingHeightMm: the height an end body lends the spine\'s spacing prior', () => {
  it('is the middle height of a body read right (corners about as tall, or a wedge)', () => {
    expect(spacingHeightMm(heights(20, 19.5, 21))).toBe(20);
    expect(spacingHeightMm(heights(15, 20, 26))).toBe(20);
  });

  // The real chest CT's T3 from a click 1.5 mm behind its centre: its middle read across the thin disc below.
  it('passes over a middle height read taller than both corners', () => {
    expect(spacingHeightMm(heights(15.4, 21.6, 17.1))).toBe(17.1);
  });

  it('takes the shorter corner of a biconcave body rather than its middle', () => {
    expect(spacingHeightMm(heights(26, 18, 27))).toBe(26);
  });
});

describe('endDiscContrast: the scale of a CT spine\'s disc evidence from its two end discs', () => {
  it('reads the discs dark where both end discs stand clearly below the marrow', () => {
    expect(endDiscContrast([{ darkest: -80, brightest: 20 }, { darkest: -100, brightest: 0 }], 10)).toBe(-90);
  });

  it('reads the plates bright where a disc does not stand clearly below the marrow and both ends show plates', () => {
    expect(endDiscContrast([{ darkest: -10, brightest: 120 }, { darkest: -60, brightest: 80 }], 10)).toBe(100);
  });

  // The real chest CT, T5→T11 from end clicks 1.5 mm above the centres: declined before ("the discs cannot be told").
  it('reads the discs dark, faint as one is, where one end shows no plate above the marrow', () => {
    expect(endDiscContrast([{ darkest: -21.6, brightest: 96 }, { darkest: -64.4, brightest: 0 }], 22.9)).toBeCloseTo(-43, 5);
  });

  it('says nothing (0) where one end departs neither way', () => {
    expect(endDiscContrast([{ darkest: 0, brightest: 96 }, { darkest: -64, brightest: 0 }], 22.9)).toBe(0);
  });
});
