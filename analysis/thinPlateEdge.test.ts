import { describe, expect, it } from 'vitest';
import { PROFILE_STEP_MM } from './constants';
import type { PlaneImage } from './image';
import { findExitEdge } from './profile';
import { proposeVertebra } from './proposeVertebra';

/**
 * Thin bright plates under a CT's point spread: a vertebral body's bony endplate is ≈ 0.5–1 mm thick and its cortical
 * shell ≈ 0.4 mm (Wang, Battié, Videman, Eur Spine J 2012; Edwards et al., Spine 2001), thinner than the blur of a
 * clinical CT (σ ≈ 0.4–0.6 mm, a full width at half maximum of 1–1.4 mm). Blurring a thin bright plate lowers and widens
 * its peak, so the half maximum between that peak and the outside lies farther out the more it is blurred; the edge is
 * read on the profile as the image shows it, not on the copy smoothed to find the edges.
 */

const MARROW_HU = 200;
const PLATE_HU = 900;
const DISC_HU = 80;

/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return 0.5 * (1 + (x >= 0 ? erf : -erf));
}

/**
 * HU at `x` mm along a profile from the marrow outward: marrow, a plate `plateMm` thick whose outer surface is at
 * `surfaceMm`, then disc; blurred by a Gaussian point spread of σ = `sigmaMm` (exactly, as the sum of three blurred steps).
 */
function blurredPlate(x: number, surfaceMm: number, plateMm: number, sigmaMm: number): number {
  const inner = normalCdf((x - (surfaceMm - plateMm)) / sigmaMm);
  const outer = normalCdf((x - surfaceMm) / sigmaMm);
  return MARROW_HU * (1 - inner) + PLATE_HU * (inner - outer) + DISC_HU * outer;
}

/** Where the blurred profile, as the image shows it, falls half way from its peak to the disc, mm (bisection). */
function halfMaximumOf(surfaceMm: number, plateMm: number, sigmaMm: number): number {
  let peakAt = surfaceMm - plateMm / 2;
  for (let x = surfaceMm - plateMm - 2; x <= surfaceMm + 1; x += 0.001) {
    if (blurredPlate(x, surfaceMm, plateMm, sigmaMm) > blurredPlate(peakAt, surfaceMm, plateMm, sigmaMm)) peakAt = x;
  }
  const level = (blurredPlate(peakAt, surfaceMm, plateMm, sigmaMm) + DISC_HU) / 2;
  let low = peakAt;
  let high = surfaceMm + 4 * sigmaMm;
  for (let i = 0; i < 60; i += 1) {
    const mid = (low + high) / 2;
    if (blurredPlate(mid, surfaceMm, plateMm, sigmaMm) > level) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

describe('findExitEdge on a thin plate blurred by the point spread', () => {
  it.each([
    [0.5, 0.5],
    [0.8, 0.5],
    [1, 0.6],
    [0.5, 0.4],
    [2, 0.5],
  ])('puts the edge of a %s mm plate blurred with σ %s mm at the half maximum of the profile as sampled', (plateMm, sigmaMm) => {
    const surfaceMm = 10.1;
    const profile = Float64Array.from({ length: 121 }, (_, k) => blurredPlate(k * PROFILE_STEP_MM, surfaceMm, plateMm, sigmaMm));
    const edge = findExitEdge(profile, 'brightShell', { minStartMm: 2, minContrast: 50 });
    expect(edge).not.toBeNull();
    // The profile's own half maximum; smoothing the profile first put it 0.15–0.31 mm farther out.
    expect(Math.abs(edge!.distanceMm - halfMaximumOf(surfaceMm, plateMm, sigmaMm))).toBeLessThanOrEqual(0.05);
  });
});

/**
 * A drawn midsagittal CT plane (0.25 mm pixels): three bodies 36 mm deep and 26 mm high whose shell (walls and endplates)
 * is a 0.6 mm plate of 900 HU around 200 HU marrow, 8 mm discs of 80 HU, soft tissue (40 HU) in front and the canal
 * (20 HU) behind, blurred by a Gaussian point spread of σ = `sigmaMm` (0.5 mm in the tests), then noise added. The middle body is centred on (0, 0); x runs to
 * the back (y), y to the feet (−z).
 */
function thinShelledSpine(sigmaMm: number, noise: { readonly amplitudeHu: number; readonly seed: number } = { amplitudeHu: 0, seed: 1 }): PlaneImage {
  const spacingMm = 0.25;
  const size = 480;
  const half = (size * spacingMm) / 2;
  const depthMm = 36;
  const heightMm = 26;
  const discMm = 8;
  const shellMm = 0.6;
  const sharp = new Float64Array(size * size);
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) {
      const back = -half + (c + 0.5) * spacingMm;
      const up = half - (r + 0.5) * spacingMm;
      let value: number;
      if (back < -depthMm / 2) value = 40;
      else if (back > depthMm / 2) value = 20;
      else {
        const period = heightMm + discMm;
        const local = ((((up + heightMm / 2) % period) + period) % period) - heightMm / 2;
        if (local > heightMm / 2) value = DISC_HU;
        else value = Math.min(depthMm / 2 - Math.abs(back), heightMm / 2 - Math.abs(local)) < shellMm ? PLATE_HU : MARROW_HU;
      }
      sharp[c + r * size] = value;
    }
  }
  // Separable Gaussian blur (the CT's point spread).
  const radius = Math.ceil((4 * sigmaMm) / spacingMm);
  const weights = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-(((i - radius) * spacingMm) ** 2) / (2 * sigmaMm * sigmaMm)));
  const total = weights.reduce((a, b) => a + b, 0);
  const pass = (input: Float64Array, dx: number, dy: number) => {
    const out = new Float64Array(input.length);
    for (let r = 0; r < size; r += 1) {
      for (let c = 0; c < size; c += 1) {
        let sum = 0;
        for (let i = -radius; i <= radius; i += 1) {
          const cc = Math.min(size - 1, Math.max(0, c + i * dx));
          const rr = Math.min(size - 1, Math.max(0, r + i * dy));
          sum += input[cc + rr * size]! * weights[i + radius]!;
        }
        out[c + r * size] = sum / total;
      }
    }
    return out;
  };
  // Deterministic noise after the blur (uniform within ±amplitudeHu, a linear congruential sequence from the seed).
  let state = noise.seed;
  const draw = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648 - 0.5) * 2 * noise.amplitudeHu;
  };
  const values = Float32Array.from(pass(pass(sharp, 1, 0), 0, 1), (v) => v + draw());
  return {
    kind: 'plane',
    values,
    columns: size,
    rows: size,
    originMm: [0, -half + spacingMm / 2, half - spacingMm / 2],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    columnSpacingMm: spacingMm,
    rowSpacingMm: spacingMm,
    calibrated: true,
  };
}

describe('proposeVertebra on bodies with a thin shell under a CT point spread', () => {
  it('measures the heights between the endplates\' outer surfaces to within the point spread\'s own half-maximum shift', () => {
    const sigmaMm = 0.5;
    const result = proposeVertebra(thinShelledSpine(sigmaMm), [0, 2, -1]);
    if (!result.ok) throw new Error(result.error.message);
    // Each endplate's half maximum lies outside its 0.6 mm plate by what the point spread alone puts there.
    const surfaceMm = 13;
    const expectedMm = 2 * halfMaximumOf(surfaceMm, 0.6, sigmaMm);
    const { anteriorMm, middleMm, posteriorMm } = result.value.heightsMm;
    for (const h of [anteriorMm, middleMm, posteriorMm]) expect(Math.abs(h - expectedMm)).toBeLessThanOrEqual(0.2);
  });
});

describe('proposeVertebra on thin-shelled bodies in a noisy CT that the view smooths', () => {
  // A low-dose or thin-section CT (VerSe: σ ≈ 150 HU) is smoothed by the view before its edges are read (planeView.ts,
  // up to σ 1.2 mm). That widens a thin plate across its surface and moves its half maximum outward, ≈ 1 mm per endplate
  // here; re-read on the image before that smoothing, averaged along the endplate instead, the
  // heights are tall by what the scanner's own spread leaves (≈ 0.3 mm per endplate for this plate under σ 0.5 mm).
  it.each([1, 2, 3])('reads the heights between the outer surfaces less than 1.1 mm tall on average (noise draw %i)', (seed) => {
    const sigmaMm = 0.5;
    const result = proposeVertebra(thinShelledSpine(sigmaMm, { amplitudeHu: 250, seed }), [0, 2, -1]);
    if (!result.ok) throw new Error(result.error.message);
    const { anteriorMm, middleMm, posteriorMm } = result.value.heightsMm;
    const meanTallMm = (anteriorMm + middleMm + posteriorMm) / 3 - 26;
    // Before: +1.31, +1.51 and +1.32 mm on the three draws (middle heights 1.9–2.1 mm tall); now +0.80 to +0.88.
    expect(meanTallMm).toBeLessThan(1.1);
    expect(meanTallMm).toBeGreaterThan(-0.5);
  });
});
