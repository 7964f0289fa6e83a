import type { Volume } from '../../analysis';
import { seriesHeaderOf } from '../../analysis';
import { createRandom, gaussian } from '../../sample-data/random';
import type { Nifti } from './assistData';

/**
 * A sagittal MR of the VerSe sub-verse012 anatomy, made at run time from its CT and expert mask (nothing is written):
 * every voxel is given the signal its tissue has on a T1- or T2-weighted spin-echo image, then blurred and given Rician
 * noise. Real shapes (the crushed, wedged L1, thin thoracic discs, the posterior elements and the canal) with an MR's
 * contrast, where the only real MR here is one small crop. The bone follows the expert mask, so its reference heights
 * are those of the mask itself (verseReferences), with no second reading of where the bone ends.
 *
 * Tissues: inside the mask, a one-voxel shell of cortex (no signal) round fatty marrow (its signal ±10 % with the CT's
 * density); outside it, by the CT smoothed over 2.5 mm (its trabecular noise would otherwise scatter the classes):
 * air, fat, other bone, disc (between two labelled bodies head to foot), cerebrospinal fluid (between bone in front
 * and behind, or near water's density) and other soft tissue. Signals are typical relative values at 1.5 T (fat and
 * fatty marrow bright on T1; fluid and a hydrated nucleus bright on T2; cortex dark on both).
 */

/** The weighting of a made MR. */
export type Weighting = 'T1' | 'T2';

type Tissue = 'air' | 'fat' | 'marrow' | 'cortex' | 'disc' | 'soft' | 'fluid';

/** Relative signal of each tissue, arbitrary units (marrow ≈ 20–30 × the default noise). */
const SIGNAL: Readonly<Record<Weighting, Readonly<Record<Tissue, number>>>> = {
  T1: { air: 10, fat: 1000, marrow: 650, cortex: 40, disc: 300, soft: 330, fluid: 120 },
  T2: { air: 10, fat: 800, marrow: 450, cortex: 40, disc: 750, soft: 200, fluid: 1000 },
};

/** CT thresholds of the tissues outside the mask, HU (after smoothing). */
const AIR_BELOW_HU = -400;
const FAT_BELOW_HU = -40;
const FLUID_BELOW_HU = 20;
/** Soft tissue between bone in front and behind (the canal) reads as fluid below this, HU. */
const CANAL_FLUID_BELOW_HU = 90;
const BONE_ABOVE_HU = 160;
/** Inside the mask, bone this dense is cortex (the posterior elements' shell); outside it, after the wider smoothing. */
const CORTEX_ABOVE_HU = 500;
const OUTSIDE_CORTEX_ABOVE_HU = 600;
/** How far a disc voxel may lie from the labelled bodies above and below it, and the canal from bone, voxels (1 mm). */
const DISC_REACH_VOXELS = 14;
const CANAL_REACH_VOXELS = 25;
/** In-plane blur of the tissue classes, voxels (1 mm): an MR's in-plane resolution of about 1.4 mm FWHM. */
const PSF_SIGMA_VOXELS = 0.6;

/** Noise σ of each of the two quadrature channels by default: the marrow's signal is 18–26 times it (T2, T1). */
export const VERSE_MR_NOISE_SIGMA = 25;

/** Options of verseMr: the noise of each of the two channels (before the magnitude) and its seed (`verse-T1` / `verse-T2`). */
export interface VerseMrOptions {
  readonly noiseSigma?: number;
  readonly seed?: string;
}

/**
 * The VerSe anatomy as an MR Volume of `weighting` (with an MR header) on the CT's grid, from the CT as read
 * (assistData's readVerse: voxel axes i left–right, j front to back, k foot to head) and its expert mask.
 */
export function verseMr({ ct, mask }: { readonly ct: Volume; readonly mask: Nifti }, weighting: Weighting, options: VerseMrOptions = {}): Volume {
  const { noiseSigma = VERSE_MR_NOISE_SIGMA, seed = `verse-${weighting}` } = options;
  const tissue = tissues(ct, mask);
  const signal = SIGNAL[weighting];
  const values = new Float32Array(tissue.kind.length);
  for (let x = 0; x < values.length; x += 1) {
    const kind = tissue.kind[x]!;
    values[x] = kind === 'marrow' ? signal.marrow * tissue.marrowShade[x]! : signal[kind];
  }
  const made = blurInPlane(values, ct.dimensions, PSF_SIGMA_VOXELS);
  const random = createRandom(seed);
  for (let x = 0; x < made.length; x += 1) {
    made[x] = Math.hypot(made[x]! + noiseSigma * gaussian(random), noiseSigma * gaussian(random));
  }
  return { ...ct, values: made, header: seriesHeaderOf('MR', undefined)! };
}

/** Each voxel's tissue, and the marrow's shade (1 ± 0.1: denser bone holds less fat). */
function tissues(ct: Volume, mask: Nifti): { kind: Tissue[]; marrowShade: Float32Array } {
  const [ni, nj, nk] = ct.dimensions;
  const hu = Float32Array.from(ct.values);
  const near = blurInPlane(hu, ct.dimensions, 1);
  const wide = blurInPlane(hu, ct.dimensions, 2.5);
  const label = mask.values;
  const index = (i: number, j: number, k: number) => i + j * ni + k * ni * nj;
  const labelAt = (i: number, j: number, k: number) => (j < 0 || k < 0 || j >= nj || k >= nk ? 0 : label[index(i, j, k)]!);
  const firstLabel = (i: number, j: number, k: number, dj: number, dk: number, reach: number): number => {
    for (let d = 1; d <= reach; d += 1) {
      const l = labelAt(i, j + d * dj, k + d * dk);
      if (l) return l;
    }
    return 0;
  };
  const kind: Tissue[] = new Array(hu.length);
  const marrowShade = new Float32Array(hu.length).fill(1);
  for (let k = 0; k < nk; k += 1) {
    for (let j = 0; j < nj; j += 1) {
      for (let i = 0; i < ni; i += 1) {
        const x = index(i, j, k);
        const l = label[x]!;
        if (l) {
          const shell = [[0, 1], [0, -1], [1, 0], [-1, 0]].some(([dj, dk]) => labelAt(i, j + dj!, k + dk!) !== l);
          kind[x] = shell || near[x]! > CORTEX_ABOVE_HU ? 'cortex' : 'marrow';
          marrowShade[x] = 1 - 0.1 * Math.max(-1, Math.min(1, (near[x]! - 250) / 200));
          continue;
        }
        const h = wide[x]!;
        if (h < AIR_BELOW_HU) kind[x] = 'air';
        else if (h < FAT_BELOW_HU) kind[x] = 'fat';
        else if (h > OUTSIDE_CORTEX_ABOVE_HU) kind[x] = 'cortex';
        else if (h > BONE_ABOVE_HU) kind[x] = 'marrow';
        else {
          const above = firstLabel(i, j, k, 0, 1, DISC_REACH_VOXELS);
          const below = firstLabel(i, j, k, 0, -1, DISC_REACH_VOXELS);
          const inCanal = firstLabel(i, j, k, -1, 0, CANAL_REACH_VOXELS) && firstLabel(i, j, k, 1, 0, CANAL_REACH_VOXELS);
          if (above && below && above !== below) kind[x] = 'disc';
          else if ((inCanal && h < CANAL_FLUID_BELOW_HU) || h < FLUID_BELOW_HU) kind[x] = 'fluid';
          else kind[x] = 'soft';
        }
      }
    }
  }
  return { kind, marrowShade };
}

/** A Gaussian blur along the two in-plane axes (j, k) of an (i, j, k) grid, σ in voxels; edges renormalised. */
function blurInPlane(values: Float32Array, [ni, nj, nk]: readonly [number, number, number], sigmaVoxels: number): Float32Array {
  const radius = Math.ceil(3 * sigmaVoxels);
  const weights = Array.from({ length: 2 * radius + 1 }, (_, d) => Math.exp(-((d - radius) ** 2) / (2 * sigmaVoxels * sigmaVoxels)));
  const pass = (input: Float32Array, stride: number, length: number, position: (x: number) => number): Float32Array => {
    const output = new Float32Array(input.length);
    for (let x = 0; x < input.length; x += 1) {
      const p = position(x);
      let sum = 0;
      let weight = 0;
      for (let d = -radius; d <= radius; d += 1) {
        if (p + d < 0 || p + d >= length) continue;
        sum += weights[d + radius]! * input[x + d * stride]!;
        weight += weights[d + radius]!;
      }
      output[x] = sum / weight;
    }
    return output;
  };
  const alongJ = pass(values, ni, nj, (x) => Math.floor(x / ni) % nj);
  return pass(alongJ, ni * nj, nk, (x) => Math.floor(x / (ni * nj)));
}
