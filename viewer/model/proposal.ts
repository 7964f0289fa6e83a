import type { DisplayedPlane, SpinalLevel, Vec3 } from '../../measurement';
import { CHECK_BELOW_CONFIDENCE, type VertebraProposal } from '../../analysis';
import type { VertebraMeasurement } from './measurements';

/** What a proposed vertebra inherits from the view it was proposed on. */
export interface ProposalContext {
  readonly id: string;
  readonly studyKey: string;
  readonly seriesKey: string;
  readonly frameOfReferenceUID: string;
  readonly level: SpinalLevel;
  readonly calibrated: boolean;
  readonly viewPlaneNormal: Vec3;
  readonly viewUp: Vec3;
  readonly referencedImageId: string | null;
  /** The plane as displayed when proposed (pixel sizes, slice spacing), for the uncertainty of the heights. */
  readonly plane?: DisplayedPlane | undefined;
}

/**
 * The one mapper from the image analysis's proposal to the viewer's vertebra: the six points as they are, flagged
 * `proposed` until accepted or edited, with the analysis's confidence and reasons.
 */
export function measurementFromProposal(proposal: Pick<VertebraProposal, 'points' | 'confidence' | 'reasons'>, context: ProposalContext): VertebraMeasurement {
  const copy = (p: readonly [number, number, number]): Vec3 => [p[0], p[1], p[2]];
  const { points } = proposal;
  return {
    ...context,
    points: {
      anteriorSuperior: copy(points.anteriorSuperior),
      anteriorInferior: copy(points.anteriorInferior),
      middleSuperior: copy(points.middleSuperior),
      middleInferior: copy(points.middleInferior),
      posteriorSuperior: copy(points.posteriorSuperior),
      posteriorInferior: copy(points.posteriorInferior),
    },
    viewPlaneNormal: copy(context.viewPlaneNormal),
    viewUp: copy(context.viewUp),
    proposed: true,
    confidence: Math.max(0, Math.min(1, proposal.confidence)),
    reasons: proposal.reasons.map((r) => ({ code: r.code, message: r.message })),
  };
}

/** True while a vertebra is an unreviewed proposal. */
export function isUnconfirmed(measurement: Pick<VertebraMeasurement, 'proposed'>): boolean {
  return measurement.proposed === true;
}

/** True when an unreviewed proposal's confidence is below analysis/'s CHECK_BELOW_CONFIDENCE: the reader should check it. */
export function needsCheck(measurement: Pick<VertebraMeasurement, 'proposed' | 'confidence'>): boolean {
  return measurement.proposed === true && (measurement.confidence ?? 0) < CHECK_BELOW_CONFIDENCE;
}

/** The ids of the unreviewed proposals among some vertebrae. */
export function unconfirmedIds(measurements: readonly VertebraMeasurement[]): string[] {
  return measurements.filter(isUnconfirmed).map((m) => m.id);
}
