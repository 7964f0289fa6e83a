import { createHash } from 'node:crypto';

/** A seeded stream of uniform numbers in [0, 1). */
export type UniformSource = () => number;

/**
 * Seeded PRNG (sfc32) whose state comes from SHA-256 of `seed`, so every run of the generator draws the same numbers.
 * Math.random is never used: the phantom's bytes must be identical from run to run.
 */
export function createRandom(seed: string): UniformSource {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // sfc32 needs a few rounds before its output is well mixed.
  for (let i = 0; i < 15; i += 1) next();
  return next;
}

/** One standard-normal sample (mean 0, σ 1) by the Box–Muller transform. */
export function gaussian(random: UniformSource): number {
  const u1 = 1 - random(); // (0, 1], so the log is finite
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Size of a noise table: a power of two larger than one 512×512 slice, so no pattern repeats within a slice. */
export const NOISE_TABLE_SIZE = 1 << 20;

/**
 * A table of Gaussian noise, σ = sigma, already rounded to integers. Drawing ~60 million Gaussians per CT series is
 * slow, so each image reads the table from its own random start instead; the result still looks like white noise.
 */
export function createNoiseTable(seed: string, sigma: number, size = NOISE_TABLE_SIZE): Int16Array {
  const random = createRandom(seed);
  const table = new Int16Array(size);
  for (let i = 0; i < size; i += 1) table[i] = Math.round(sigma * gaussian(random));
  return table;
}
