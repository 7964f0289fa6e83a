import { describe, expect, it } from 'vitest';
import { orientationLabel } from '../../viewer/cornerstone/orientationLabels';
import { chooseScaleBar } from '../../viewer/cornerstone/scaleBar';
import { autoWindow } from '../../viewer/cornerstone/autoWindow';

describe('orientationLabel', () => {
  it.each([
    [[1, 0, 0], 'L'],
    [[-1, 0, 0], 'R'],
    [[0, 1, 0], 'P'],
    [[0, -1, 0], 'A'],
    [[0, 0, 1], 'S'],
    [[0, 0, -1], 'I'],
    [[0, -0.8, 0.6], 'AS'],
    [[0.1, 0, -0.99], 'I'],
    [[0, 0, 0], ''],
  ] as const)('labels direction %j as "%s"', (v, label) => {
    expect(orientationLabel(v as unknown as [number, number, number])).toBe(label);
  });
});

describe('chooseScaleBar', () => {
  it('picks the longest nice length that fits', () => {
    expect(chooseScaleBar(0.5, 150)).toEqual({ length: 50, canvasPixels: 100 });
    expect(chooseScaleBar(1, 99)).toEqual({ length: 50, canvasPixels: 50 });
  });
  it('gives nothing without a scale', () => {
    expect(chooseScaleBar(null, 100)).toBeNull();
    expect(chooseScaleBar(0, 100)).toBeNull();
    expect(chooseScaleBar(100, 0)).toBeNull();
  });
});

describe('autoWindow', () => {
  it('spans the bulk of the values and ignores a few outliers', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 1000));
    values[0] = 1e6;
    const w = autoWindow(values)!;
    expect(w.center - w.width / 2).toBeGreaterThanOrEqual(0);
    expect(w.center + w.width / 2).toBeLessThanOrEqual(1000);
    expect(w.width).toBeGreaterThan(900);
  });
  it('gives nothing for no values and a width of at least 1 for constant ones', () => {
    expect(autoWindow([])).toBeNull();
    expect(autoWindow([5, 5, 5])!.width).toBe(1);
  });
});
