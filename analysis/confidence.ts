/**
 * Why a proposal deserves a second look. Each reason lowers the confidence by its factor; the viewer marks a proposal
 * "check" below CHECK_BELOW_CONFIDENCE.
 * - WEAK_EDGE: an endplate or wall edge is faint against the image's own noise or the body's other edges.
 * - EDGE_NOT_FOUND: an endplate edge is missing at a point; the point comes from the neighbouring edge.
 * - CEMENT: material far brighter than cortex inside the body (vertebroplasty/kyphoplasty cement) can mimic an edge.
 * - IRREGULAR_ENDPLATE: the endplate edge jumps (Schmorl node, fracture step) rather than following a smooth curve.
 * - DOUBLE_CONTOUR: a second edge of similar strength just beyond the endplate: a tilted or asymmetric endplate seen
 *   twice on this plane, or an endplate not in the plane.
 * - IRREGULAR_WALL: on MR, the anterior wall's dark band lies at two depths along the body (a step between neighbouring
 *   probes no wall has), one wall's band is far fainter than the other's, or some posterior wall probes found the wall
 *   further in than where it was placed; so where the wall is, and where its height is read, is uncertain.
 * - ROUNDED_CORNER: at a corner the edge falls away from the endplate line (rounded rim or an osteophyte).
 * - BRIDGED_CORNER: bone runs across the disc in front of an anterior corner (a bridging osteophyte, DISH), so the wall
 *   found may be the bridge's front and the body's own wall and corner lie behind it, unseen as such.
 * - IMPLAUSIBLE_SIZE: a height, the depth, the Ha/Hp ratio or the depth ÷ height is outside what adult vertebral bodies
 *   have, or the middle height stands well above both corner heights (an endplate is flat or concave, never convex).
 * - SURFACE_ASSUMED: on MR, an endplate's dark band never shows its outer side (a disc or annulus as dark as bone
 *   beyond it), so where its bone surface lies within the band rests on a typical cortex thickness, not on the image.
 * - BRIGHT_SHELL_UNCONFIRMED: the body was read as CT reads it (a cortex brighter than the marrow) on an image that is
 *   not in Hounsfield units, from its contrast alone: on MR the cortex gives no signal, and a rim brighter than the
 *   marrow inside it is marrow (fatty marrow around an oedematous body), so the edges found may lie inside the bone.
 * - COARSE_SAMPLING: the image samples the spine head to foot more coarsely than the heights need (a sagittal reformat
 *   of thick axial slices): an endplate can sit anywhere between two samples, whatever the edges show.
 * - LEVEL_UNCERTAIN: in a detected spine, the disc count next to this body is uncertain (a body between two discs was
 *   not found or found twice), so its level, or a neighbour's, may be off by one; or an end body was read at no
 *   plausible size, and every level counted from it is in doubt.
 * - CROSSED_NEIGHBOUR: in a detected spine, this body and its neighbour were read with their facing endplates crossed
 *   (one reaching across the disc onto the other's plate), and no second reading of either resolved it.
 * - SEVERE_WEDGE: on MR, a body read as a wedge along its endplates' tilt whose heights are a severe wedge's (Ha under
 *   0.6 × Hp, or the middle shallower than a whole body's at its depth): on so steep an endplate a corner's height
 *   changes with where along the wall the corner is taken, and its endplates may have been taken nearer each other
 *   than a whole body's.
 * - VACUUM_CLEFT: on CT, gas inside the body (an intravertebral vacuum cleft of an unhealed fracture): its edges are the
 *   strongest in the body and can be taken for a wall or an endplate; the body was read with the gas filled in.
 * - PLATE_INSIDE: on CT, a second plate crosses the body inside one of its endplates as read (plateInside.ts): the
 *   points may span a disc as dense as the marrow onto the neighbour's endplate, or a sclerotic fracture band lies there.
 * - ENDPLATE_PIT: an endplate has a pit a few millimetres across (a Schmorl node or a focal depression of a fracture,
 *   endplatePit.ts): the points are read around it, but a reader places them by eye there.
 * - CLICK_DEPENDENT: one click per vertebra: the body read again from the centre it was found with gives other points,
 *   so where the points lie depends on where the body was clicked.
 */
export type ReasonCode =
  | 'WEAK_EDGE'
  | 'EDGE_NOT_FOUND'
  | 'CEMENT'
  | 'IRREGULAR_ENDPLATE'
  | 'DOUBLE_CONTOUR'
  | 'IRREGULAR_WALL'
  | 'ROUNDED_CORNER'
  | 'BRIDGED_CORNER'
  | 'IMPLAUSIBLE_SIZE'
  | 'SURFACE_ASSUMED'
  | 'BRIGHT_SHELL_UNCONFIRMED'
  | 'COARSE_SAMPLING'
  | 'LEVEL_UNCERTAIN'
  | 'CROSSED_NEIGHBOUR'
  | 'SEVERE_WEDGE'
  | 'VACUUM_CLEFT'
  | 'PLATE_INSIDE'
  | 'ENDPLATE_PIT'
  | 'CLICK_DEPENDENT';

/** One reason for low confidence, with a message a clinician can read. */
export interface ConfidenceReason {
  readonly code: ReasonCode;
  readonly message: string;
}

/** Factor (0–1) each reason multiplies the confidence by. */
export const REASON_FACTORS: Readonly<Record<ReasonCode, number>> = {
  WEAK_EDGE: 0.6,
  EDGE_NOT_FOUND: 0.5,
  CEMENT: 0.3,
  IRREGULAR_ENDPLATE: 0.5,
  DOUBLE_CONTOUR: 0.6,
  IRREGULAR_WALL: 0.6,
  ROUNDED_CORNER: 0.75,
  BRIDGED_CORNER: 0.5,
  IMPLAUSIBLE_SIZE: 0.3,
  SURFACE_ASSUMED: 0.6,
  BRIGHT_SHELL_UNCONFIRMED: 0.5,
  COARSE_SAMPLING: 0.5,
  LEVEL_UNCERTAIN: 0.5,
  CROSSED_NEIGHBOUR: 0.5,
  SEVERE_WEDGE: 0.6,
  VACUUM_CLEFT: 0.6,
  PLATE_INSIDE: 0.5,
  ENDPLATE_PIT: 0.5,
  CLICK_DEPENDENT: 0.5,
};

/** Below this confidence (0–1) a proposal should be shown as "check". */
export const CHECK_BELOW_CONFIDENCE = 0.7;

/**
 * Reasons that doubt only how precisely a body's points are placed, never whether it is a body: detectSpine leaves them
 * out when it judges whether a stretch between two discs holds a body (a whole 3 mm reformat, or every T1 endplate next
 * to a dark disc, would otherwise read as "no body").
 */
export const PRECISION_ONLY_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['SURFACE_ASSUMED', 'COARSE_SAMPLING', 'IRREGULAR_WALL', 'ENDPLATE_PIT']);

/** The confidence (0–1) left after the reasons, each counted once. */
export function confidenceOf(reasons: readonly ConfidenceReason[]): number {
  const codes = new Set(reasons.map((r) => r.code));
  let confidence = 1;
  for (const code of codes) confidence *= REASON_FACTORS[code];
  return confidence;
}
