import { type SixPoints, type Vec3 } from '../../measurement';
import type { SeriesGroup } from '../loading/grouping';

/** For a stack: the image whose plane holds the points (nearest along the normal), or null. */
export function imageHolding(series: SeriesGroup, points: SixPoints, normal: Vec3): string | null {
  const centre = Object.values(points).reduce<Vec3>((c, p) => [c[0] + p[0] / 6, c[1] + p[1] / 6, c[2] + p[2] / 6], [0, 0, 0]);
  let best: { id: string; distance: number } | null = null;
  for (const instance of series.instances) {
    instance.imageIds.forEach((id, frame) => {
      const position = instance.meta.frames[frame]?.positionMm;
      if (!position) return;
      const distance = Math.abs((centre[0] - position[0]) * normal[0] + (centre[1] - position[1]) * normal[1] + (centre[2] - position[2]) * normal[2]);
      if (!best || distance < best.distance) best = { id, distance };
    });
  }
  return best ? (best as { id: string }).id : null;
}
