import type { VertebraProposal } from './proposeVertebra';
import { dot3, length3, subtract3, type Vec3 } from './vec';

/** The gaps between two neighbouring bodies' facing endplates along the anterior, middle and posterior lines, mm. */
export interface FacingGaps {
  readonly anteriorMm: number;
  readonly middleMm: number;
  readonly posteriorMm: number;
}

/**
 * The gaps between two neighbouring bodies' facing endplates over the anterior, middle and posterior lines, mm, along
 * their mean axis, in either order: negative where one body's endplate lies beyond the other's (across the disc).
 */
export function facingGapsMm(p: VertebraProposal, q: VertebraProposal): FacingGaps {
  const axis: Vec3 = [p.cranialAxis[0] + q.cranialAxis[0], p.cranialAxis[1] + q.cranialAxis[1], p.cranialAxis[2] + q.cranialAxis[2]];
  const norm = length3(axis) || 1;
  const unit: Vec3 = [axis[0] / norm, axis[1] / norm, axis[2] / norm];
  const [upper, lower] = dot3(subtract3(p.centreMm, q.centreMm), unit) >= 0 ? [p, q] : [q, p];
  return {
    anteriorMm: dot3(subtract3(upper.points.anteriorInferior, lower.points.anteriorSuperior), unit),
    middleMm: dot3(subtract3(upper.points.middleInferior, lower.points.middleSuperior), unit),
    posteriorMm: dot3(subtract3(upper.points.posteriorInferior, lower.points.posteriorSuperior), unit),
  };
}

/** The least gap between two neighbouring bodies' facing endplates, mm, over their three lines (facingGapsMm). */
export function facingGapMm(p: VertebraProposal, q: VertebraProposal): number {
  const gaps = facingGapsMm(p, q);
  return Math.min(gaps.anteriorMm, gaps.middleMm, gaps.posteriorMm);
}

/**
 * How far one neighbour's endplate may lie beyond the other's before the two count as crossed, mm: two plates read at
 * half maximum either side of a disc worn to nothing (a vacuum disc, a fusion) can meet, and each is read to a few
 * tenths of a millimetre. Design decision of this project (issue 12).
 */
export const CROSSED_TOLERANCE_MM = 0.5;
