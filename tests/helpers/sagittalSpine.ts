import type { SixPoints } from '../../measurement';

/** The three heights of a constructed vertebra, mm. */
export type Heights = { anteriorMm: number; middleMm: number; posteriorMm: number };

/**
 * A constructed vertebra in the sagittal plane x = 0 (LPS, mm): anterior wall at y = −15, middle at y = 0, posterior
 * at y = +15; inferior points at z = base, superior points at z = base + height.
 */
export function sixPoints({ anteriorMm, middleMm, posteriorMm }: Heights, baseMm: number): SixPoints {
  return {
    anteriorSuperior: [0, -15, baseMm + anteriorMm],
    anteriorInferior: [0, -15, baseMm],
    middleSuperior: [0, 0, baseMm + middleMm],
    middleInferior: [0, 0, baseMm],
    posteriorSuperior: [0, 15, baseMm + posteriorMm],
    posteriorInferior: [0, 15, baseMm],
  };
}
