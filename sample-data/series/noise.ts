import { missingValue } from '../elementAt';
import { createRandom, NOISE_TABLE_SIZE } from '../random';

/**
 * Returns a function that turns one image's noise-free integer values into stored values:
 * `out[i] = clamp(base[i] + table[(start + i) mod size] + offset, 0, maxStored)`, with `start` drawn from a stream
 * seeded per series, so each image gets its own, repeatable, noise.
 */
export function createImageNoise(table: Int16Array, seed: string) {
  const random = createRandom(seed);
  const mask = NOISE_TABLE_SIZE - 1;
  return function addNoise(base: Int16Array, offset: number, maxStored: number, out: Uint16Array): void {
    const start = Math.floor(random() * NOISE_TABLE_SIZE);
    for (let i = 0; i < base.length; i += 1) {
      const noiseFree = base[i];
      const noise = table[(start + i) & mask];
      if (noiseFree === undefined || noise === undefined) missingValue('noise-free value or its noise', i, base.length);
      const value = noiseFree + noise + offset;
      out[i] = value < 0 ? 0 : value > maxStored ? maxStored : value;
    }
  };
}
