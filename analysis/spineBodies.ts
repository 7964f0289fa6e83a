import { MAX_PLAUSIBLE_HEIGHT_MM, MIN_PLAUSIBLE_HEIGHT_MM } from './constants';
import { median } from './profile';
import type { PlaneProposal, VertebraProposal } from './proposeVertebra';

/**
 * What the spine's count (detectSpine.ts) and its walk along the column (walkColumn.ts) both ask of a body they found:
 * the height it lends the spacing, whether two overlap, whether it is of a body's size at all.
 */

/**
 * The height an end body lends the spacing prior, mm: the median of its three heights. The discs lie a body-plus-disc
 * apart along the curve wherever the curve crosses a body, so any one height would do on a body read right; the median
 * stands when one of them is misread or is not the body's. On a real chest CT (1.5 mm) T3 read from a click 1.5 mm
 * behind its centre had its middle height across the thin disc below (Ha / Hm / Hp 15.4 / 21.6 / 17.1 mm): a period
 * of 27 mm where these bodies lie 17–20 mm apart, and T3→T8 was counted one short, three levels wrong with nothing said;
 * T11 under its depressed superior endplate (17.1 / 14.3 / 22.2 mm) set 18 mm at the other end of T5→T11, and a count
 * one too many was taken (flagged). A biconcave body's middle is its shortest height while the period along the curve
 * still spans its corners' height and the discs bulging into it: the median is the nearer. Design decision of this
 * project.
 */
export function spacingHeightMm(proposal: Pick<PlaneProposal, 'heightsMm'>): number {
  const { anteriorMm, middleMm, posteriorMm } = proposal.heightsMm;
  return median([anteriorMm, middleMm, posteriorMm]);
}

/** Whether two neighbouring proposals overlap: centres nearer than their mean middle height less OVERLAP_TOLERANCE_MM. */
export function overlap(p: VertebraProposal, q: VertebraProposal): boolean {
  return centresApartMm(p, q) < (p.heightsMm.middleMm + q.heightsMm.middleMm) / 2 - OVERLAP_TOLERANCE_MM;
}

function centresApartMm(p: VertebraProposal, q: VertebraProposal): number {
  return Math.hypot(p.centreMm[0] - q.centreMm[0], p.centreMm[1] - q.centreMm[1], p.centreMm[2] - q.centreMm[2]);
}

/**
 * Whether two overlapping neighbours are one body read twice rather than two bodies reaching into each other across
 * the disc between them: centres nearer than half their mean middle height. Each centre lies half its body's height
 * from either endplate, so two readings of one body have their centres within it, and two bodies have theirs a body's
 * height and a disc apart, less what one reads across the disc: on a real chest CT (1.5 mm voxels) T6 read with its
 * superior endplate on T5's plate across the 3 mm disc, its centre 17 mm from T5's with middle heights of 19.5 and
 * 21 mm (the two then overlap by OVERLAP_TOLERANCE_MM's measure).
 */
export function foundTwice(p: VertebraProposal, q: VertebraProposal): boolean {
  return centresApartMm(p, q) < (p.heightsMm.middleMm + q.heightsMm.middleMm) / 4;
}

/**
 * How far two neighbouring proposals may reach into each other before they count as the same body, mm: a proposal's
 * endplate can sit across a thin disc on its neighbour's plate (a thin thoracic disc is 2–3 mm between half-maximum
 * edges, see DISC_FLANK_MM), which makes the pair look that much closer than their heights.
 */
const OVERLAP_TOLERANCE_MM = 3;

/** Whether all three heights lie within the plausible range of a vertebral body (constants.ts). */
export function plausible(p: Pick<VertebraProposal, 'heightsMm'>): boolean {
  const h = p.heightsMm;
  return [h.anteriorMm, h.middleMm, h.posteriorMm].every((x) => x >= MIN_PLAUSIBLE_HEIGHT_MM && x <= MAX_PLAUSIBLE_HEIGHT_MM);
}

/** Most bodies the detection will count between two clicks (C2–S1 is 24). */
export const MAX_BODIES = 24;
