import { describe, expect, it } from 'vitest';
import { MR_MAX_CORTEX_MM, PROFILE_STEP_MM } from './constants';
import { fitBlurredBand } from './mrBandFit';
import { mrBoundaryAlong } from './mrEdge';
import type { PlaneView } from './planeView';

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26), written apart from the module's own. */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const e = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return 0.5 * (1 + (z >= 0 ? e : -e));
}

/**
 * A body's surface at `surfaceMm` along a profile: marrow (`inside`) up to a dark shell of `shellMm` (signal `band`),
 * then the disc (`outside`), all seen through a Gaussian blur of σ `sigmaMm`.
 */
function blurredShell(xMm: number, p: { surfaceMm: number; shellMm: number; inside: number; band: number; outside: number; sigmaMm: number }): number {
  const a = phi((xMm - (p.surfaceMm - p.shellMm)) / p.sigmaMm);
  const b = phi((xMm - p.surfaceMm) / p.sigmaMm);
  return p.inside * (1 - a) + p.band * (a - b) + p.outside * b;
}

/** T1: marrow 700, a shell of 50, a disc darker than marrow (330); the blur of a 3 mm slice and its pixels (σ 0.9 mm). */
const T1_THIN = { surfaceMm: 10, shellMm: 1, inside: 700, band: 50, outside: 330, sigmaMm: 0.9 };

describe('fitBlurredBand', () => {
  it.each([
    ['a 1 mm shell between T1 marrow and a darker disc', T1_THIN],
    ['a 2 mm shell between T1 marrow and a darker disc', { ...T1_THIN, shellMm: 2 }],
    ['a 1 mm shell between marrow and a brighter T2 nucleus', { ...T1_THIN, outside: 1100, sigmaMm: 0.7 }],
    ['a 0.5 mm shell (osteoporotic) through the blur of a 3 mm slice', { ...T1_THIN, shellMm: 0.5 }],
  ])('reads %s at its surface within 0.25 mm', (_name, shell) => {
    const samples = Float64Array.from({ length: 81 }, (_, k) => blurredShell(k * PROFILE_STEP_MM, shell));
    const darkestMm = PROFILE_STEP_MM * samples.indexOf(Math.min(...samples));
    const fit = fitBlurredBand(samples, PROFILE_STEP_MM, { fromMm: darkestMm - 5, toMm: darkestMm + 3.5, darkestMm, bandValue: shell.band });
    expect(fit).not.toBeNull();
    const surfaceMm = fit!.centreMm + Math.min(fit!.widthMm, MR_MAX_CORTEX_MM) / 2;
    expect(Math.abs(surfaceMm - shell.surfaceMm)).toBeLessThanOrEqual(0.25);
    expect(fit!.insideValue).toBeCloseTo(shell.inside, -1);
    expect(fit!.outsideValue).toBeCloseTo(shell.outside, -1);
  });
});

/** A view whose value depends only on the distance `x` along its first axis (the profile direction). */
function viewOfProfile(valueAtMm: (xMm: number) => number): PlaneView {
  return {
    valueAt: (x: number) => valueAtMm(x),
    toWorld: (p) => [0, p[0], p[1]],
    toPlane: (p) => [p[1], p[2]],
    offPlaneMm: () => 0,
    cranial: [1, 0],
    anterior: [0, 1],
    resolutionMm: 0.7,
    cranialSampleMm: 0.7,
    lowValue: 50,
    hounsfield: false,
    filledAt: () => false,
  };
}

describe('mrBoundaryAlong on an endplate with a shell narrower than the blur', () => {
  // Before the fit, the half-depth crossings read this T1 endplate 0.5 mm beyond its surface (README, issue 12).
  it.each([
    ['1 mm shell, T1', { ...T1_THIN, sigmaMm: 0.6 }],
    ['2 mm shell, T1', { ...T1_THIN, shellMm: 2, sigmaMm: 0.6 }],
  ])('puts the %s surface within 0.25 mm of the truth', (_name, shell) => {
    const view = viewOfProfile((x) => blurredShell(x, shell));
    const b = mrBoundaryAlong(view, [0, 0], [1, 0], { expectedMm: 10, windowMm: 5, minContrast: 50, blurMm: 1.5, halfWidthMm: 1, fitBand: true });
    expect(b).not.toBeNull();
    expect(Math.abs(b!.boundaryMm - shell.surfaceMm)).toBeLessThanOrEqual(0.25);
  });
});
