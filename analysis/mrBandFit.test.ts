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

/**
 * The plain grid search the fit must agree with (written apart from the module's: every σ, width and centre of its
 * grid tried, each by summing over the samples): the band's level given, the two plateaus by least squares.
 */
function gridSearchSurfaceMm(s: Float64Array, stepMm: number, w: { fromMm: number; toMm: number; darkestMm: number; bandValue: number }): number | null {
  const sigmas = [0.4, 0.55, 0.7, 0.85, 1, 1.2, 1.45, 1.7, 2];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = Math.max(0, Math.ceil(w.fromMm / stepMm - 1e-9)); k <= Math.min(s.length - 1, Math.floor(w.toMm / stepMm + 1e-9)); k += 1) {
    if (Number.isFinite(s[k]!)) {
      xs.push(k * stepMm);
      ys.push(s[k]!);
    }
  }
  let best = Number.POSITIVE_INFINITY;
  let surface: number | null = null;
  const d = w.bandValue;
  for (const sigma of sigmas) {
    for (let widthMm = 0.25; widthMm <= 4 + 1e-9; widthMm += 0.25) {
      for (let c = -16; c <= 16; c += 1) {
        const centreMm = Math.round(w.darkestMm / 0.125) * 0.125 + c * 0.125;
        // Normal equations for inside (m) and outside (o) levels with the band at d.
        let s11 = 0, s13 = 0, s33 = 0, r1 = 0, r3 = 0;
        const f = xs.map((x) => [1 - phi((x - centreMm + widthMm / 2) / sigma), phi((x - centreMm - widthMm / 2) / sigma)] as const);
        f.forEach(([f1, f3], i) => {
          const f2 = 1 - f1 - f3;
          const z = ys[i]! - d * f2;
          s11 += f1 * f1; s13 += f1 * f3; s33 += f3 * f3; r1 += f1 * z; r3 += f3 * z;
        });
        const det = s11 * s33 - s13 * s13;
        if (!(Math.abs(det) > 1e-12)) continue;
        const m = (r1 * s33 - s13 * r3) / det;
        const o = (s11 * r3 - s13 * r1) / det;
        if (!(d < m && d < o)) continue;
        const sse = f.reduce((sum, [f1, f3], i) => sum + (ys[i]! - m * f1 - d * (1 - f1 - f3) - o * f3) ** 2, 0);
        if (sse < best) {
          best = sse;
          surface = centreMm + Math.min(widthMm, MR_MAX_CORTEX_MM) / 2;
        }
      }
    }
  }
  return surface;
}

/** Deterministic standard normal noise (Park–Miller and Box–Muller), so the table below is the same on every run. */
function noiseSource(seed: number): () => number {
  let state = seed;
  const uniform = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('fitBlurredBand against the plain grid search', () => {
  // Noisy drawn endplates across the range the MR path meets: T1 and T2 plateaus, shells 0.5–2 mm, blur 0.5–1.8 mm,
  // noise up to the low-SNR sweep rows' (σ 45–50 against marrow 700), one with missing samples at the profile's start.
  it.each([
    ['T1, 1 mm shell, σ 0.9, noise 25', { ...T1_THIN }, 25, 1, false],
    ['T1, 0.5 mm shell, σ 1.2, noise 25', { ...T1_THIN, shellMm: 0.5, sigmaMm: 1.2 }, 25, 2, false],
    ['T1, 2 mm shell, σ 0.7, noise 45', { ...T1_THIN, shellMm: 2, sigmaMm: 0.7 }, 45, 3, false],
    ['T2, 1 mm shell, bright nucleus, σ 0.7, noise 25', { ...T1_THIN, outside: 1100, sigmaMm: 0.7 }, 25, 4, false],
    ['T2, 1.5 mm shell, σ 1.8, noise 50', { ...T1_THIN, shellMm: 1.5, outside: 900, sigmaMm: 1.8 }, 50, 5, false],
    ['T1, 1 mm shell, samples missing at the start', { ...T1_THIN, surfaceMm: 6 }, 25, 6, true],
  ])('finds the same surface as the grid search (within 0.05 mm): %s', (_name, shell, noise, seed, gap) => {
    const gauss = noiseSource(seed);
    const samples = Float64Array.from({ length: 61 }, (_, k) => blurredShell(k * PROFILE_STEP_MM, shell) + noise * gauss());
    if (gap) samples.fill(Number.NaN, 0, 3);
    let darkest = 8;
    for (let k = 8; k < 56; k += 1) if (samples[k]! < samples[darkest]!) darkest = k;
    const darkestMm = darkest * PROFILE_STEP_MM;
    const window = { fromMm: darkestMm - 5, toMm: darkestMm + 3.5, darkestMm, bandValue: shell.band };
    const fit = fitBlurredBand(samples, PROFILE_STEP_MM, window);
    const expected = gridSearchSurfaceMm(samples, PROFILE_STEP_MM, window);
    expect(fit).not.toBeNull();
    expect(expected).not.toBeNull();
    expect(Math.abs(fit!.centreMm + Math.min(fit!.widthMm, MR_MAX_CORTEX_MM) / 2 - expected!)).toBeLessThanOrEqual(0.05);
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
    cranialAxis: { indexAt: (p) => p[0] / 0.7 },
    lowValue: 50,
    hounsfield: false,
    magneticResonance: true,
    filledAt: () => false,
    smoothingSigmaMm: 0,
    unsmoothedValueAt: (x: number) => valueAtMm(x),
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
