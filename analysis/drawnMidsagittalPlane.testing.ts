import type { PlaneImage } from './image';

/**
 * For tests: a drawn midsagittal plane of 320 × 320 pixels of 0.5 mm, centred on the patient origin, whose value at
 * (`backMm` behind, `upMm` above) the centre is `valueAt(backMm, upMm)` plus deterministic noise, uniform within
 * ±`noiseAmplitude` (a linear congruential sequence from `seed`, so every run draws the same plane). In plane mm, x
 * runs to the back (patient y) and y to the feet (patient −z).
 */
export function drawnMidsagittalPlane(valueAt: (backMm: number, upMm: number) => number, noiseAmplitude: number, seed: number): PlaneImage {
  const spacingMm = 0.5;
  const size = 320;
  const half = (size * spacingMm) / 2;
  const values = new Float32Array(size * size);
  let state = seed;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648 - 0.5) * 2 * noiseAmplitude;
  };
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) values[c + r * size] = valueAt(-half + c * spacingMm, half - r * spacingMm) + noise();
  }
  return {
    kind: 'plane',
    values,
    columns: size,
    rows: size,
    originMm: [0, -half, half],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    columnSpacingMm: spacingMm,
    rowSpacingMm: spacingMm,
    calibrated: true,
  };
}
