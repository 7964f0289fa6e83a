import { describe, expect, it } from 'vitest';
import { PROFILE_STEP_MM } from './constants';
import { plateSurfaceMm, type CoarseProfile } from './slicePartialVolume';

/**
 * Profiles across an endplate on a sagittal reformat of axial slices: each slice the mean of the scene over its
 * thickness, the view linear between slice centres. The scene runs outward from the body's inside: marrow, a bright
 * plate whose outer surface is at SURFACE_MM, then disc.
 */

const SURFACE_MM = 12;

interface Scene {
  readonly marrow: number;
  readonly plate: number;
  readonly disc: number;
  readonly plateMm: number;
}

function sceneAt(scene: Scene, x: number): number {
  if (x >= SURFACE_MM) return scene.disc;
  return x >= SURFACE_MM - scene.plateMm ? scene.plate : scene.marrow;
}

/** Mean of the scene over a slice `thicknessMm` thick centred at `centreMm`. */
function sliceMean(scene: Scene, centreMm: number, thicknessMm: number): number {
  const steps = 600;
  let sum = 0;
  for (let i = 0; i < steps; i += 1) sum += sceneAt(scene, centreMm - thicknessMm / 2 + ((i + 0.5) / steps) * thicknessMm);
  return sum / steps;
}

/** The profile through contiguous slices `spacingMm` thick and apart, one of whose centres lies at `phaseMm`. */
function reformat(scene: Scene, spacingMm: number, phaseMm: number, lengthMm = 24): CoarseProfile {
  const n = Math.floor(lengthMm / PROFILE_STEP_MM) + 1;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    const x = k * PROFILE_STEP_MM;
    const index = (x - phaseMm) / spacingMm;
    const fraction = index - Math.floor(index);
    const before = x - fraction * spacingMm;
    values[k] = (1 - fraction) * sliceMean(scene, before, spacingMm) + fraction * sliceMean(scene, before + spacingMm, spacingMm);
  }
  return { values, stepMm: PROFILE_STEP_MM, sliceDistanceMm: spacingMm, sliceCentreMm: phaseMm };
}

/** The edge as the edge finder reads it: half way between the profile's peak and the disc, where the profile falls. */
function halfMaximumOf(profile: CoarseProfile, disc: number): number {
  const v = profile.values;
  let peak = 0;
  for (let k = 1; k < v.length; k += 1) if (v[k]! > v[peak]!) peak = k;
  const level = (v[peak]! + disc) / 2;
  for (let k = peak + 1; k < v.length; k += 1) {
    if (v[k]! <= level) return (k - 1 + (v[k - 1]! - level) / (v[k - 1]! - v[k]!)) * PROFILE_STEP_MM;
  }
  return Number.NaN;
}

/** Errors (read − true surface, mm) of the half maximum and of plateSurfaceMm over slice phases 0.25 mm apart. */
function errorsOverPhases(scene: Scene, spacingMm: number): { halfMaximum: number[]; bySlices: number[] } {
  const halfMaximum: number[] = [];
  const bySlices: number[] = [];
  for (let phaseMm = 0; phaseMm < spacingMm - 1e-9; phaseMm += 0.25) {
    const profile = reformat(scene, spacingMm, phaseMm);
    const halfMaximumMm = halfMaximumOf(profile, scene.disc);
    halfMaximum.push(halfMaximumMm - SURFACE_MM);
    bySlices.push(plateSurfaceMm(profile, { halfMaximumMm, outsideValue: scene.disc }) - SURFACE_MM);
  }
  return { halfMaximum, bySlices };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('plateSurfaceMm on a sagittal reformat of thick axial slices', () => {
  it.each([
    ['a 1 mm endplate over healthy marrow, 3 mm slices', { marrow: 220, plate: 900, disc: 90, plateMm: 1 }, 3],
    ['a 0.5 mm endplate over osteoporotic marrow, 3 mm slices', { marrow: 90, plate: 600, disc: 80, plateMm: 0.5 }, 3],
    ['a 1 mm endplate, 2 mm slices', { marrow: 220, plate: 900, disc: 90, plateMm: 1 }, 2],
  ])('reads %s with less than half the half maximum\'s outward bias', (_name, scene, spacingMm) => {
    const { halfMaximum, bySlices } = errorsOverPhases(scene, spacingMm);
    // The half maximum lies outside a thin plate by about a third of a slice on average…
    expect(mean(halfMaximum)).toBeGreaterThan(0.3 * spacingMm);
    // …the slices' reading by less than half that, and never farther off than half a slice and the plate.
    expect(Math.abs(mean(bySlices))).toBeLessThan(0.5 * mean(halfMaximum));
    for (const e of bySlices) expect(Math.abs(e)).toBeLessThanOrEqual(spacingMm / 2 + scene.plateMm);
  });

  it('still reduces the bias on 5 mm slices, where a thin plate is diluted further', () => {
    const { halfMaximum, bySlices } = errorsOverPhases({ marrow: 220, plate: 900, disc: 90, plateMm: 1 }, 5);
    expect(mean(bySlices)).toBeLessThan(0.75 * mean(halfMaximum));
    expect(Math.max(...bySlices.map(Math.abs))).toBeLessThanOrEqual(Math.max(...halfMaximum.map(Math.abs)));
  });

  it('reads the phantom\'s 2 mm shell on 3 mm slices right on average', () => {
    const { halfMaximum, bySlices } = errorsOverPhases({ marrow: 250, plate: 1000, disc: 100, plateMm: 2 }, 3);
    expect(mean(halfMaximum)).toBeGreaterThan(0.5);
    expect(Math.abs(mean(bySlices))).toBeLessThan(0.25);
  });

  it('leaves a plain step (a column through a thick cortex) at its half maximum, which is right there on average', () => {
    const scene = { marrow: 1000, plate: 1000, disc: 100, plateMm: 1 };
    const { halfMaximum, bySlices } = errorsOverPhases(scene, 3);
    bySlices.forEach((e, i) => expect(e).toBeCloseTo(halfMaximum[i]!, 6));
    expect(Math.abs(mean(halfMaximum))).toBeLessThan(0.05);
  });

  it('keeps the half maximum when the slices inside the edge are not on the profile', () => {
    const scene = { marrow: 220, plate: 900, disc: 90, plateMm: 1 };
    const profile = reformat(scene, 3, 0.5);
    const short = { ...profile, values: profile.values.subarray(Math.round(8 / PROFILE_STEP_MM)) };
    const shifted = { ...short, sliceCentreMm: profile.sliceCentreMm - 8 };
    const halfMaximumMm = halfMaximumOf(short, scene.disc);
    expect(plateSurfaceMm(shifted, { halfMaximumMm, outsideValue: scene.disc })).toBe(halfMaximumMm);
  });
});
