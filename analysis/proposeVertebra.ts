import { confidenceOf, type ConfidenceReason } from './confidence';
import { CROSSED_TOLERANCE_MM, facingGapMm } from './facingGaps';
import { findBody } from './findBody';
import type { AnalysisImage } from './image';
import { at, implausibleSizeReason, nearerABody } from './bodyPoints';
import { negate, type BodyFrame } from './bodyFrame';
import { COARSE_SAMPLE_MM, DEPTH_TO_HEIGHT_RANGE, SMALL_BODY_MIN_DEPTH_TO_HEIGHT } from './constants';
import { measureBody, type PlaneProposal } from './measureBody';
import { planeViewOf, type PlaneAxes, type PlaneView } from './planeView';
import { median, type ShellPolarity } from './profile';
import { fail, ok, type AnalysisResult } from './result';
import { ENDPLATE_POINT_NAMES, type SixPointsMm } from './sixPoints';
import { cleftGas, withGasFilled } from './vacuumCleft';
import { addScaled2, dot2, perpendicular2, subtract2, type Vec2, type Vec3 } from './vec';

/** Options shared by the proposing functions. */
export interface AnalysisOptions {
  /** For a volume: the displayed plane's row and column directions (default: a true sagittal plane, SAGITTAL_AXES). */
  readonly planeAxes?: PlaneAxes;
  /** Force the shell polarity (CT-like bright cortex or MR-like dark cortex) instead of deciding it from the data. */
  readonly polarity?: ShellPolarity;
}

/** Six proposed points of one vertebral body, with how far to trust them. */
export interface VertebraProposal {
  readonly points: SixPointsMm;
  /** 0–1; below CHECK_BELOW_CONFIDENCE the viewer should ask the reader to check. */
  readonly confidence: number;
  readonly reasons: readonly ConfidenceReason[];
  /** Centre of the body (mid-depth, mid-height), patient mm. */
  readonly centreMm: Vec3;
  /** Unit vector along the body's axis towards the head, in patient coordinates. */
  readonly cranialAxis: Vec3;
  /** Ha, Hm, Hp of the proposed points, mm. */
  readonly heightsMm: { readonly anteriorMm: number; readonly middleMm: number; readonly posteriorMm: number };
  /** Distance between the anterior and posterior wall at mid-height, mm. */
  readonly depthMm: number;
  /** Which way the cortex differed from the marrow: 'brightShell' (CT) or 'darkShell' (MR). */
  readonly polarity: ShellPolarity;
}


export type { PlaneProposal } from './measureBody';


/** Maps a plane proposal to patient space. */
export function toVertebraProposal(view: PlaneView, proposal: PlaneProposal): VertebraProposal {
  const { frame, points } = proposal;
  const world = (p: Vec2) => view.toWorld(p);
  const origin = world([0, 0]);
  const tip = world(frame.cranial);
  return {
    points: {
      anteriorSuperior: world(points.anteriorSuperior),
      anteriorInferior: world(points.anteriorInferior),
      middleSuperior: world(points.middleSuperior),
      middleInferior: world(points.middleInferior),
      posteriorSuperior: world(points.posteriorSuperior),
      posteriorInferior: world(points.posteriorInferior),
    },
    confidence: confidenceOf(proposal.reasons),
    reasons: proposal.reasons,
    centreMm: world(at(frame, 0, (frame.superiorMm + frame.inferiorMm) / 2)),
    cranialAxis: [tip[0] - origin[0], tip[1] - origin[1], tip[2] - origin[2]],
    heightsMm: proposal.heightsMm,
    depthMm: proposal.depthMm,
    polarity: frame.polarity,
  };
}

/**
 * The proposal with COARSE_SAMPLING added to its reasons (once) and its confidence lowered, when the view's image
 * samples head to foot more coarsely than COARSE_SAMPLE_MM; unchanged otherwise.
 */
export function withSamplingReason(view: PlaneView, proposal: VertebraProposal): VertebraProposal {
  if (view.cranialSampleMm <= COARSE_SAMPLE_MM || proposal.reasons.some((r) => r.code === 'COARSE_SAMPLING')) return proposal;
  const reasons = [
    ...proposal.reasons,
    {
      code: 'COARSE_SAMPLING' as const,
      message: `This image samples the spine only every ${view.cranialSampleMm.toFixed(1)} mm from head to foot (thick slices), so each endplate can be off by up to half that: check the points.`,
    },
  ];
  return { ...proposal, reasons, confidence: confidenceOf(reasons) };
}

type ViewOptions = {
  readonly polarity?: ShellPolarity;
  readonly initialCranial?: Vec2;
  /**
   * True where the seed is the user's click in a body (one click, the ends of the spine): on CT a body found there that
   * cannot be measured is passed over for the next outline around the click (proposeFrom), and one of no plausible size
   * (IMPLAUSIBLE_SIZE) is replaced by the next outline when that one is of plausible size, or nearer a body's
   * (bodyPoints.ts nearerABody; proposeOnView); a body found that does not hold the click is not taken (proposeAround),
   * so that the search beside the click follows; and on MR one of no plausible size is replaced by the body the readings
   * beside the click agree on (agreedBesideTheClick). Not for the bodies the spine's detection seeds itself, whose count
   * stands on which of them are found.
   */
  readonly otherOutlines?: boolean;
  /** Outlines the body found must not be (CT; fitBodyBox's `avoid`): a reading already judged wrong. */
  readonly avoid?: readonly BodyFrame[];
};

/**
 * Locates and measures the body around a plane point (internal; used by the proposing functions). A body read
 * with a bright shell on an image not in Hounsfield units, the polarity decided from the image's contrast and not
 * given by the caller, carries BRIGHT_SHELL_UNCONFIRMED (see brightShellUnconfirmed). A body on a CT (Hounsfield units,
 * a bright shell) found shallower than its middle height has a wall that stopped inside it, and is looked for again
 * beyond that wall (lookBeyondShortWall). Not on MR: the evidence is CT's (the basivertebral canal's edge), and on the
 * sweep's STIR, read with a bright shell, the second look changed only proposals already flagged and graded one
 * level fewer right. With `options.otherOutlines` a CT body still of implausible size is replaced by the next outline
 * around the seed when that one is of plausible size (a frame stopped at a step inside noisy osteoporotic marrow; on
 * VerSe's nine clicks per level 2 more within 1.5 mm and 3 fewer off by more than 5 mm; journal, twenty-first round),
 * or when it is nearer a body's size than the first (nearerABody). With `options.otherOutlines` an MR body of implausible
 * size is replaced by the body the readings beside the click agree on (agreedBesideTheClick), and where no body holding
 * the click is found there, the body is looked for from beside the click (foundBesideTheClick).
 */
export function proposeOnView(view: PlaneView, seed: Vec2, options: ViewOptions = {}): PlaneProposal | null {
  const found = proposeAround(view, seed, options);
  if (options.otherOutlines !== true) return found;
  if (!found) return foundBesideTheClick(view, seed, options);
  return found.frame.polarity === 'darkShell' && implausible(found) ? (agreedBesideTheClick(view, seed, options) ?? found) : found;
}

/**
 * How far beside a click that found no body it is looked for again, mm: along the view's vertical and across it, a
 * tenth to an eighth of a lumbar body, so that the body found from there still holds the click.
 */
const BESIDE_CLICK_MM = 3;

const FOUND_BESIDE_REASON: ConfidenceReason = {
  code: 'EDGE_NOT_FOUND',
  message: 'The body was not found from the click itself, only from a few millimetres beside it: check every point.',
};

/**
 * Where the user's click found no body (proposeAround null), the body found from BESIDE_CLICK_MM above, below, in
 * front of or behind it that holds the click (the most confident of them; null when none does), flagged
 * FOUND_BESIDE_REASON. On real lumbar T2 MR a click within half a millimetre of L5's centre found no body on 2 of 17
 * exams (4 of 153 end-click pairs), and the spine's detection then failed whole ("no vertebral body around the last
 * click"); on a drawn T2 a 2 mm focus at the click (a haemangioma, a bone island) declined it. A click in the canal or
 * beside the spine, which no body found around it holds, is still declined.
 */
function foundBesideTheClick(view: PlaneView, seed: Vec2, options: ViewOptions): PlaneProposal | null {
  let best: PlaneProposal | null = null;
  for (const beside of besideTheClick(view, seed)) {
    const found = proposeAround(view, beside, options);
    if (found && holds(found.frame, seed) && (!best || confidenceOf(found.reasons) > confidenceOf(best.reasons))) best = found;
  }
  return best && { ...best, reasons: [...best.reasons, FOUND_BESIDE_REASON] };
}

/** The four seeds BESIDE_CLICK_MM above, below, in front of and behind `seed` on the view. */
function besideTheClick(view: PlaneView, seed: Vec2): Vec2[] {
  const across = perpendicular2(view.cranial);
  return [view.cranial, negate(view.cranial), across, negate(across)].map((direction) => addScaled2(seed, direction, BESIDE_CLICK_MM));
}

/**
 * On MR, where the body found around the user's click is of no plausible size (IMPLAUSIBLE_SIZE: read across a disc
 * that showed no band, or stopped short at a focus, a vein's channel or a band of oedema): of the readings from
 * BESIDE_CLICK_MM above, below, in front of and behind the click that are of plausible size and hold the click, the one
 * most of them agree on (sameBody; then the most confident), flagged FOUND_BESIDE_REASON; null when there is none, or
 * when there are several and no two agree. Only for the click itself (proposeOnView), not inside the search beside a
 * click that found no body: there, on a drawn T2 with a 12 mm bright focus, one seed's single reading beside it (34.5 mm
 * high against 26) outranked the others. On CT the next outline around the click serves instead (proposeAround).
 */
function agreedBesideTheClick(view: PlaneView, seed: Vec2, options: ViewOptions): PlaneProposal | null {
  const readings: PlaneProposal[] = [];
  for (const beside of besideTheClick(view, seed)) {
    const other = proposeAround(view, beside, { ...options, otherOutlines: false });
    if (other && !implausible(other) && holds(other.frame, seed)) readings.push(other);
  }
  const agreeing = (p: PlaneProposal) => readings.filter((q) => sameBody(p, q)).length;
  const agreed = readings
    .filter((p) => agreeing(p) >= 2 || readings.length === 1)
    .sort((p, q) => agreeing(q) - agreeing(p) || confidenceOf(q.reasons) - confidenceOf(p.reasons))[0];
  return agreed ? { ...agreed, reasons: [...agreed.reasons, FOUND_BESIDE_REASON] } : null;
}

/**
 * Whether two readings are of one body: centres within SAME_BODY_CENTRE_MM, middle heights within SAME_BODY_HEIGHT_MM
 * and depths within SAME_BODY_DEPTH_MM of each other.
 */
function sameBody(p: PlaneProposal, q: PlaneProposal): boolean {
  const d = subtract2(p.frame.centre, q.frame.centre);
  return (
    Math.hypot(d[0], d[1]) <= SAME_BODY_CENTRE_MM &&
    Math.abs(p.heightsMm.middleMm - q.heightsMm.middleMm) <= SAME_BODY_HEIGHT_MM &&
    Math.abs(p.depthMm - q.depthMm) <= SAME_BODY_DEPTH_MM
  );
}
const SAME_BODY_CENTRE_MM = 3;
const SAME_BODY_HEIGHT_MM = 2;
const SAME_BODY_DEPTH_MM = 3;

/** The body around `seed` (proposeOnView without the search beside a click that found none). */
function proposeAround(view: PlaneView, seed: Vec2, options: ViewOptions): PlaneProposal | null {
  const first = proposeFrom(view, seed, options);
  const onCt = first !== null && view.hounsfield && first.frame.polarity === 'brightShell';
  const secondLook = onCt && (shallow(first) || boneBehindPosteriorWall(view, first.frame));
  const looked = secondLook ? (lookBeyondShortWall(view, seed, first, options) ?? first) : first;
  const found = looked ? withBoneBehindReason(view, withoutCleft(view, seed, looked, options)) : looked;
  // A body that does not hold the user's click is not the body clicked: on MR the frame re-centres on each pass, and where
  // a pass reads across a disc that shows no band (a dark, degenerated disc whose darkest point lies far from its edge)
  // it moves on to the neighbour. On the real lumbar MR sets 16 of 1,071 (VB2) and 61 of 837 (VB1) clicks within 2 mm
  // of a body's centre gave a body that did not hold them (all but one flagged, each to be labelled with the clicked
  // body's level); the search beside the click (proposeOnView) then finds the body clicked for most, and declines the
  // others.
  if (found && options.otherOutlines === true && !holds(found.frame, seed)) return null;
  if (!found || options.otherOutlines !== true || found.frame.polarity !== 'brightShell' || !implausible(found)) return found;
  // A body of no plausible size around the user's click: the next outline there, when it is of plausible size or of a
  // size nearer a body's.
  const other = proposeFrom(view, seed, options, [found.frame]);
  return other && !deepenedPastWall(view, found, other) && (!implausible(other) || nearerABody(found, other)) ? other : found;
}

/**
 * True when `other` must not replace a body `found` (as the next outline around the click, proposeOnView, or as the
 * second look beyond the anterior wall, lookBeyondShortWall) for reaching in front of found's anterior wall: by more
 * than MAX_DEEPENING_MM where `found` is only a little shallower than tall (depth ÷ tallest height between
 * NEAR_CUBIC_DEPTH_TO_HEIGHT and DEPTH_TO_HEIGHT_RANGE's lower bound, and otherwise of plausible size), or over soft
 * tissue however far (softTissueInFront, which reads a strip of a millimetre or more). Upper thoracic bodies, and
 * some at T12, are about as deep as tall (Panjabi MM et al., Spine 1991;16:888: T1–T4 depth ≈ 1.0–1.1 × height; a real
 * contrast chest CT's T12 is 25 mm deep and 23–25 mm tall, as its TotalSegmentator mask reads it): there the outline
 * reaching forward took the enhanced aorta lying against the wall for bone (depth 39–40 mm from 3 of 9 clicks; on a
 * drawn plane with the aorta 1 mm in front of the wall, 48 mm from all nine), and, where a height read a few
 * millimetres tall made the body look shallow (that CT's T4 on planes 3–5 mm beside its midline: 20 mm deep, 24 mm
 * tall), the oesophagus in front of it up to the trachea's air (41 mm deep; the spine from T4's and T12's centres then
 * counted from T6, its levels one off). An anterior wall is a sharp cortex with no canal behind it; a posterior wall
 * read too far forward (the basivertebral canal's inner end: VerSe T11, 23 mm deep against 32) is still mended, and so
 * is a height read too tall (VerSe T12, Hp 7 mm over from 3 of 9 clicks, whose mending outline keeps the walls).
 */
function deepenedPastWall(view: PlaneView, found: PlaneProposal, other: PlaneProposal): boolean {
  const deepeningMm = wallOffsetMm(found.frame, other.frame, 'anteriorWallMm') - found.frame.anteriorWallMm;
  if (deepeningMm > MAX_DEEPENING_MM && implausibleSizeReason(found.heightsMm, found.depthMm, NEAR_CUBIC_DEPTH_TO_HEIGHT) === null) return true;
  return softTissueInFront(view, found.frame, other.frame);
}

/**
 * On CT, what `other` holds in front of `found`'s anterior wall reads like soft tissue: over the middle
 * BONE_BEHIND_HEIGHT_SHARE of other's height, the strip along other's axis from SOFT_TISSUE_FROM_MM beyond the line of
 * found's anterior wall to SOFT_TISSUE_FROM_MM short of other's (a millimetre wide on average at least), its median
 * below SOFT_TISSUE_RATIO of found's marrow HU. A wall read short of the body's own leaves marrow in front of it (a
 * sclerotic line, a step of a crushed endplate, a box inside a tilted body: 0.8–1.2 × the marrow); the oesophagus, a
 * vessel's wall or the prevertebral fat in front of a thoracic body read 0–70 HU against 120–180 HU of marrow. Never
 * on a marrow below BONE_BEHIND_MIN_MARROW_HU (a fatty osteoporotic marrow reads like soft tissue) or on MR.
 */
function softTissueInFront(view: PlaneView, found: BodyFrame, other: BodyFrame): boolean {
  const marrow = ctMarrowForRatio(view, found);
  // Where found's wall line crosses a row of other's frame, mm along other's anterior axis: the distance to it across
  // found's axis over the cosine between the two axes.
  const alignment = dot2(other.anterior, found.anterior);
  if (marrow === null || alignment <= 0) return false;
  const values: number[] = [];
  let rows = 0;
  acrossMiddleRows(other, (v) => {
    rows += 1;
    const wallMm = (found.anteriorWallMm - dot2(subtract2(at(other, 0, v), found.centre), found.anterior)) / alignment;
    for (let u = wallMm + SOFT_TISSUE_FROM_MM; u <= other.anteriorWallMm - SOFT_TISSUE_FROM_MM; u += STRIP_STEP_MM) {
      const q = at(other, u, v);
      const value = view.valueAt(q[0], q[1]);
      if (Number.isFinite(value)) values.push(value);
    }
  });
  // A millimetre of samples a row on average (STRIP_STEP_MM apart).
  return values.length >= rows / STRIP_STEP_MM && median(values) < SOFT_TISSUE_RATIO * marrow;
}

/**
 * See softTissueInFront: the strip starts this far beyond the wall and ends this far short of the other's (the walls'
 * blur), mm, so an outline a millimetre or two deeper (a wall's shell read at either edge) is never judged; and the
 * marrow's share.
 */
const SOFT_TISSUE_FROM_MM = 1;
const SOFT_TISSUE_RATIO = 0.6;

/**
 * Lowest depth ÷ tallest height of a body deepenedPastWall keeps against a much deeper outline, whatever its depth: that
 * of a small body on CT (constants.ts), the upper thoracic bodies' proportions.
 */
const NEAR_CUBIC_DEPTH_TO_HEIGHT = SMALL_BODY_MIN_DEPTH_TO_HEIGHT;
/** How far in front of such a body's anterior wall another outline's may lie, mm (a wall's shell and its blur either side). */
const MAX_DEEPENING_MM = 5;

const VACUUM_CLEFT_REASON: ConfidenceReason = {
  code: 'VACUUM_CLEFT',
  message: 'Gas inside the body (a vacuum cleft of an unhealed fracture): its edges can pass for a wall or an endplate. Check every point.',
};

/**
 * On CT, the body read again with the gas of an intravertebral vacuum cleft filled in (vacuumCleft.ts) when its frame
 * holds such gas or stops at it: taken when that reading holds the seed and is of plausible size, the first reading
 * kept otherwise; either carries VACUUM_CLEFT. Unchanged without a cleft.
 */
function withoutCleft(view: PlaneView, seed: Vec2, found: PlaneProposal, options: ViewOptions): PlaneProposal {
  if (found.frame.polarity !== 'brightShell') return found;
  const gas = cleftGas(view, found.frame);
  if (!gas) return found;
  const again = proposeFrom(withGasFilled(view, gas), seed, options);
  const taken = again && !implausible(again) && holds(again.frame, seed) ? again : found;
  return { ...taken, reasons: [...taken.reasons, VACUUM_CLEFT_REASON] };
}

/**
 * On CT a posterior wall has the canal behind it (its ligaments, epidural fat and CSF: 0–40 HU against 80–300 HU of
 * marrow). The strip BONE_BEHIND_FROM_MM to BONE_BEHIND_TO_MM behind the wall over the middle BONE_BEHIND_HEIGHT_SHARE
 * of the height reading BONE_BEHIND_RATIO to BONE_BEHIND_MAX_RATIO of the marrow's HU (its median) says the wall found
 * lies inside the body: a frame stopped at a step of a crushed endplate (a wedge crushed over its front two thirds,
 * read as a box over them: 18–22 mm deep against 38) or at a line inside the body (a real chest CT's T11 and T12, 18–21
 * mm deep). VerSe's walls read 0.01–0.21 of the marrow behind them, the phantom's osteoporotic CT 0.45. Not judged on
 * marrow below BONE_BEHIND_MIN_MARROW_HU (a fatty marrow is too near the canal's values for a ratio).
 */
const BONE_BEHIND_RATIO = 0.8;
/**
 * ... and at most this (cancellous bone like the marrow, not a denser structure: an ossified posterior longitudinal
 * ligament lies against the wall as dense as cortex, and the body's own wall is in front of it).
 */
const BONE_BEHIND_MAX_RATIO = 1.5;
const BONE_BEHIND_MIN_MARROW_HU = 50;
const BONE_BEHIND_FROM_MM = 3;
const BONE_BEHIND_TO_MM = 6;
const BONE_BEHIND_HEIGHT_SHARE = 0.6;

/** Whether bone like the marrow continues behind the frame's posterior wall (BONE_BEHIND_RATIO, BONE_BEHIND_MAX_RATIO; CT only). */
function boneBehindPosteriorWall(view: PlaneView, frame: BodyFrame): boolean {
  const marrow = ctMarrowForRatio(view, frame);
  if (marrow === null) return false;
  const values: number[] = [];
  acrossMiddleRows(frame, (v) => {
    for (let d = BONE_BEHIND_FROM_MM; d <= BONE_BEHIND_TO_MM; d += STRIP_STEP_MM) {
      const q = at(frame, frame.posteriorWallMm - d, v);
      const value = view.valueAt(q[0], q[1]);
      if (Number.isFinite(value)) values.push(value);
    }
  });
  if (values.length === 0) return false;
  const behind = median(values);
  return behind >= BONE_BEHIND_RATIO * marrow && behind <= BONE_BEHIND_MAX_RATIO * marrow;
}
const STRIP_STEP_MM = 0.5;

/**
 * A CT frame's marrow HU, for the strips read against it (boneBehindPosteriorWall, softTissueInFront); null on MR, on
 * a dark shell, and on a marrow below BONE_BEHIND_MIN_MARROW_HU (too near soft tissue's values for a ratio).
 */
function ctMarrowForRatio(view: PlaneView, frame: BodyFrame): number | null {
  const marrow = frame.marrow.levelValue;
  return view.hounsfield && frame.polarity === 'brightShell' && marrow >= BONE_BEHIND_MIN_MARROW_HU ? marrow : null;
}

/** Calls `row` at each v (mm along the frame's axis) STRIP_STEP_MM apart over the middle BONE_BEHIND_HEIGHT_SHARE of its height. */
function acrossMiddleRows(frame: BodyFrame, row: (v: number) => void): void {
  const halfSpan = (BONE_BEHIND_HEIGHT_SHARE * (frame.superiorMm - frame.inferiorMm)) / 2;
  const middle = (frame.superiorMm + frame.inferiorMm) / 2;
  for (let v = middle - halfSpan; v <= middle + halfSpan; v += STRIP_STEP_MM) row(v);
}

const BONE_BEHIND_REASON: ConfidenceReason = {
  code: 'EDGE_NOT_FOUND',
  message: 'Bone continues behind the posterior wall found: the body may reach further back (a step in a crushed endplate, or a line inside the body, stopped it); check the posterior points.',
};

/** The proposal with BONE_BEHIND_REASON added when its posterior wall has bone behind it (boneBehindPosteriorWall). */
function withBoneBehindReason(view: PlaneView, proposal: PlaneProposal): PlaneProposal {
  if (!boneBehindPosteriorWall(view, proposal.frame)) return proposal;
  return { ...proposal, reasons: [...proposal.reasons, BONE_BEHIND_REASON] };
}

/** True when the proposal carries IMPLAUSIBLE_SIZE: a height, the depth or their ratios outside a vertebral body's range. */
function implausible(proposal: PlaneProposal): boolean {
  return proposal.reasons.some((r) => r.code === 'IMPLAUSIBLE_SIZE');
}

/**
 * The body found from `seed` and measured, as it stands (no second look), its outline none of `avoided` (CT). With
 * `options.otherOutlines`, on CT, a body found whose endplates cannot be measured (no edge near its sides: a box inside
 * noisy osteoporotic marrow, whose texture scored like cortex) is passed over and the next best outline around the seed
 * tried, at most OTHER_OUTLINES times.
 */
function proposeFrom(view: PlaneView, seed: Vec2, options: ViewOptions, avoided: readonly BodyFrame[] = []): PlaneProposal | null {
  const avoid: BodyFrame[] = [...(options.avoid ?? []), ...avoided];
  const attempts = options.otherOutlines === true ? OTHER_OUTLINES : 0;
  for (let attempt = 0; attempt <= attempts; attempt += 1) {
    const frame = findBody(view, seed, { ...options, avoid });
    if (!frame) return null;
    const proposal = measureBody(view, frame);
    if (proposal) return withShellReason(view, proposal, options.polarity);
    if (frame.polarity !== 'brightShell') return null;
    avoid.push(frame);
  }
  return null;
}

/** How many other outlines are tried after a body found could not be measured (CT). */
const OTHER_OUTLINES = 2;

/**
 * True when the body found is shallower than its middle height: no adult vertebral body is (DEPTH_TO_HEIGHT_RANGE,
 * Panjabi 1991/1992), so a wall of its frame stopped at something inside the body (on CT the inner end of the
 * basivertebral canal, 5–10 mm in front of a posterior wall that is faint at mid-height).
 */
function shallow(proposal: PlaneProposal): boolean {
  return proposal.depthMm < DEPTH_TO_HEIGHT_RANGE[0] * proposal.heightsMm.middleMm;
}

/**
 * A second look for a body found too shallow (`first`): the body is looked for again from a seed just beyond one of
 * its walls at mid-height (SECOND_LOOK_BEYOND_MM; the box fit keeps every side 3 mm from its seed, so the shallow frame
 * cannot be found again from there). The first body found there that holds the click, is no longer shallow nor of
 * implausible size, and differs from the first only by the wall looked beyond (the other wall within KEPT_WALL_MM of
 * the first's, the middle height within KEPT_MIDDLE_HEIGHT_MM: the endplates were not in doubt, and a frame that moves
 * both walls has reached across to something else) replaces it; null when none does. Behind the posterior wall first:
 * there the basivertebral canal stops a frame short on CT (VerSe T11, 13 of 25 clicks within 1 mm of its centre); in
 * front of the anterior wall only when that finds nothing, so a second look costs one more body search in most cases.
 */
function lookBeyondShortWall(view: PlaneView, click: Vec2, first: PlaneProposal, options: ViewOptions): PlaneProposal | null {
  const { frame } = first;
  for (const wall of ['posteriorWallMm', 'anteriorWallMm'] as const) {
    const kept = wall === 'posteriorWallMm' ? 'anteriorWallMm' : 'posteriorWallMm';
    for (const beyondMm of SECOND_LOOK_BEYOND_MM) {
      const uMm = wall === 'posteriorWallMm' ? frame.posteriorWallMm - beyondMm : frame.anteriorWallMm + beyondMm;
      const other = proposeFrom(view, at(frame, uMm, 0), { ...options, otherOutlines: false });
      if (!other || shallow(other) || implausibleSizeReason(other.heightsMm, other.depthMm) || !holds(other.frame, click)) continue;
      if (Math.abs(wallOffsetMm(frame, other.frame, kept) - frame[kept]) > KEPT_WALL_MM) continue;
      if (Math.abs(other.heightsMm.middleMm - first.heightsMm.middleMm) > KEPT_MIDDLE_HEIGHT_MM) continue;
      if (deepenedPastWall(view, first, other)) continue;
      return other;
    }
  }
  return null;
}

/**
 * How far beyond the wall found the second look seeds, mm, nearest first: a seed must lie 3 mm inside the body's own
 * wall (fitBodyBox's click margin), which the canal's edge leaves 5–10 mm out; the farther seed is tried when no body
 * qualifies from the nearer (each seed settles a near-tie of the box fit's own: VerSe T11 from 2 mm fixes 5 of its 6
 * shallow nine-grid clicks, from 3 mm 3, from 4 mm 5, from 2 then 4 mm all 6).
 */
const SECOND_LOOK_BEYOND_MM = [2, 4];
/** The wall not looked beyond may move this much in the second look, mm, and the middle height this much, mm. */
const KEPT_WALL_MM = 2;
const KEPT_MIDDLE_HEIGHT_MM = 2;

/** Where wall `wall` of `other` lies on `frame`'s anterior axis, mm from `frame`'s centre. */
function wallOffsetMm(frame: BodyFrame, other: BodyFrame, wall: 'anteriorWallMm' | 'posteriorWallMm'): number {
  return dot2(subtract2(at(other, other[wall], 0), frame.centre), frame.anterior);
}

/** True when plane point `point` lies inside the frame's walls and endplates (at mid-depth). */
function holds(frame: BodyFrame, point: Vec2): boolean {
  const d = subtract2(point, frame.centre);
  const u = dot2(d, frame.anterior);
  const v = dot2(d, frame.cranial);
  return u > frame.posteriorWallMm && u < frame.anteriorWallMm && v > frame.inferiorMm && v < frame.superiorMm;
}

/**
 * The proposal with BRIGHT_SHELL_UNCONFIRMED added when its body was read with a bright shell on an image not in
 * Hounsfield units and the caller did not give the polarity (`givenPolarity`); unchanged otherwise.
 */
export function withShellReason(view: PlaneView, proposal: PlaneProposal, givenPolarity: ShellPolarity | undefined): PlaneProposal {
  if (givenPolarity || !brightShellUnconfirmed(view, proposal.frame.polarity)) return proposal;
  return { ...proposal, reasons: [...proposal.reasons, BRIGHT_SHELL_UNCONFIRMED_REASON] };
}

/**
 * True when a bright shell was read on an image that is not in Hounsfield units (PlaneView.hounsfield: no fat or air
 * below −50 around the spine). Only CT's scale says on its own that the bone is the bright tissue; elsewhere the
 * polarity comes from the first departure from the marrow (shellPolarityAround), and on MR, where cortical bone gives
 * no signal on any clinical sequence, a departure upwards is marrow brighter than the body's own (fatty marrow next to
 * an oedematous core, or Modic type 2 fat under an endplate), not cortex: the CT path then puts the surface on the
 * inside of the bone. A caller who knows the modality passes the polarity, and nothing is doubted.
 */
function brightShellUnconfirmed(view: PlaneView, polarity: ShellPolarity): boolean {
  return polarity === 'brightShell' && !view.hounsfield;
}

const BRIGHT_SHELL_UNCONFIRMED_REASON: ConfidenceReason = {
  code: 'BRIGHT_SHELL_UNCONFIRMED',
  message:
    'This image is not in Hounsfield units, yet the body was read as on CT (bone brighter than the marrow): on MR the ' +
    'cortex is dark and a bright rim is marrow, so the points may lie inside the bone. Check them.',
};

/**
 * Whether two readings of one click give the same points within what a correction is (heights within
 * STEADY_HEIGHT_MM of each other) of one body (centres within SAME_BODY_CENTRE_MM).
 */
function sameReading(p: PlaneProposal, q: PlaneProposal): boolean {
  const d = subtract2(p.frame.centre, q.frame.centre);
  const a = p.heightsMm;
  const b = q.heightsMm;
  return (
    Math.hypot(d[0], d[1]) <= SAME_BODY_CENTRE_MM &&
    Math.abs(a.anteriorMm - b.anteriorMm) <= STEADY_HEIGHT_MM &&
    Math.abs(a.middleMm - b.middleMm) <= STEADY_HEIGHT_MM &&
    Math.abs(a.posteriorMm - b.posteriorMm) <= STEADY_HEIGHT_MM
  );
}
/** Two readings differing by more than this in a height do not read the body alike, mm (the bench's correction bound). */
const STEADY_HEIGHT_MM = 1.5;

const CLICK_DEPENDENT_REASON: ConfidenceReason = {
  code: 'CLICK_DEPENDENT',
  message: "Read again from the body's own centre, the points come out elsewhere: where they lie depends on the click; check every point.",
};

/**
 * The body around the user's click (proposeOnView), read again from the centre it was found with: a reader clicks
 * anywhere inside a body, and the points should not depend on where. When the two readings agree (sameReading) the
 * first stands; when they do not, the body is read a third time, from the second reading's centre. Where that third
 * reading agrees with the click's own, the click's stands as well (the second was the odd one). Otherwise the points
 * depend on the click and the proposal is flagged CLICK_DEPENDENT: the reading the second and third agree on is taken
 * unless it is less confident than the click's own (then the click's); where none agree, or the body's own centre
 * finds no body holding the click, the most confident reading. On the real VerSe CT, of nine clicks ±2 mm around each
 * body's centre, 11 readings changed from their own centre and 10 of them were off the mask's heights by more than
 * 1.5 mm. Taking the reading two agree on whatever its confidence mended more of the real chest CT's clicks but put a
 * right reading wrong on VerSe made into a T2 (L1) and on a TPTBox crop; taking only the more confident of the first two
 * mended fewer of both (journal, forty-third round). Where the reading so taken reaches into a neighbouring body and
 * another does not, it is passed over and the choice made again among those that do not (clearOfNeighbours; journal,
 * forty-eighth round). `first`: the click's own reading where the caller has it (the
 * spine's end bodies, detectSpine.ts, which are shown as one click on them shows them).
 */
export function steadyReading(view: PlaneView, seed: Vec2, options: ViewOptions, first = proposeOnView(view, seed, options)): PlaneProposal | null {
  if (!first) return null;
  const fromCentre = (p: PlaneProposal): PlaneProposal | null => {
    const again = proposeOnView(view, p.frame.centre, options);
    return again && holds(again.frame, seed) ? again : null;
  };
  const second = fromCentre(first);
  if (second && sameReading(first, second)) return first;
  const third = second && fromCentre(second);
  if (third && sameReading(first, third)) return first;
  const readings = [first, second, third].filter((p): p is PlaneProposal => p !== null);
  const chosen = chosenReading(readings);
  const clear = clearOfNeighbours(view, readings, chosen, options);
  const taken = clear.includes(chosen) ? chosen : chosenReading(clear);
  return { ...taken, reasons: [...taken.reasons, CLICK_DEPENDENT_REASON] };
}

/**
 * Of a click's differing readings (the click's own first, then the one from its body's centre, then the one from that
 * one's centre), the one taken: the second and third where they agree and are no less confident than the first, else
 * the most confident (the first of equals).
 */
function chosenReading(readings: readonly PlaneProposal[]): PlaneProposal {
  const confidence = (p: PlaneProposal) => confidenceOf(p.reasons);
  const [own, second, third] = readings;
  let taken = own!;
  if (second && third && sameReading(second, third)) {
    if (confidence(second) >= confidence(taken)) taken = second;
  } else {
    for (const p of [second, third]) if (p && confidence(p) > confidence(taken)) taken = p;
  }
  return taken;
}

/**
 * Of a click's differing readings, those that do not reach into a neighbouring body (clearReadings), in their order.
 * Only an endplate that the reading `chosen` puts further out than another reading does (a corner or its middle more
 * than STEADY_HEIGHT_MM beyond) is looked at, so only there is the neighbour read, once, from half a body's height
 * beyond `chosen`'s endplate; elsewhere all the readings are kept unread. Two bodies cannot share bone: where a thin
 * disc wedges towards a wall in a kyphosis, readings may take the neighbour's plate beyond the disc for a corner (the
 * real chest CT's T8 clicked at its centre: its second and third readings agreed on a superior posterior corner 3.5 mm
 * inside T7, Hp 24.2 mm and a false biconcave grade, where the click's own reading and its other eight clicks read
 * 16.9–19.0 mm). CT only (a bright shell): on the real lumbar MR sets the readings differ on most clicks, and reading
 * the neighbour there cost VB1 a median 90 ms more CPU a click (234 → 322 ms) for its grades 46 → 48 of 91 and VB2's
 * 97 → 96 of 119 (journal, forty-eighth round).
 */
function clearOfNeighbours(view: PlaneView, readings: readonly PlaneProposal[], chosen: PlaneProposal, options: ViewOptions): PlaneProposal[] {
  if (chosen.frame.polarity !== 'brightShell') return [...readings];
  const sides = (['superior', 'inferior'] as const).filter((side) => readings.some((p) => beyondMm(chosen, p, side) > STEADY_HEIGHT_MM));
  const neighbours = sides.flatMap((side) => neighbourBeyond(view, chosen, side, options) ?? []);
  if (neighbours.length === 0) return [...readings];
  const gapsMm = readings.map((p) => {
    const body = toVertebraProposal(view, p);
    return Math.min(...neighbours.map((n) => facingGapMm(body, n)));
  });
  return clearReadings(readings, gapsMm);
}

/**
 * Of readings of one body, each with its least facing gap to the neighbours read beside it (`gapsMm`, facingGapMm:
 * negative where it reaches into one), those reaching in by no more than NEIGHBOUR_REACH_MM, in their order; all of
 * them when none keeps clear of the neighbours (a gap under −CROSSED_TOLERANCE_MM on every reading: the neighbour,
 * read once, may be the misread one).
 */
export function clearReadings<T>(readings: readonly T[], gapsMm: readonly number[]): T[] {
  if (!gapsMm.some((gap) => gap >= -CROSSED_TOLERANCE_MM)) return [...readings];
  return readings.filter((_, k) => gapsMm[k]! >= -NEIGHBOUR_REACH_MM);
}

/**
 * How far a reading may reach into a neighbour read beside it and still be weighed, mm. More than the crossing
 * tolerance of a detected spine (CROSSED_TOLERANCE_MM), whose neighbours are each read as a click reads them: here the
 * neighbour is read once, from one seed, and its own endplate may be a millimetre or two off (the real chest CT's T11,
 * clicked 3 mm above its centre: a right reading reached 1.4 mm into a T10 read with its anterior height 6 mm short).
 * Design decision of this project (issue 12).
 */
const NEIGHBOUR_REACH_MM = 2;

/** How far further out `p` puts its `side` endplate than `q` does, mm: the most over its anterior, middle and posterior points, along `p`'s axis. */
function beyondMm(p: PlaneProposal, q: PlaneProposal, side: 'superior' | 'inferior'): number {
  const sign = side === 'superior' ? 1 : -1;
  return Math.max(...ENDPLATE_POINT_NAMES[side].map((name) => sign * dot2(subtract2(p.points[name], q.points[name]), p.frame.cranial)));
}

/**
 * The body beyond `p`'s `side` endplate, read once from half `p`'s middle height beyond that endplate at mid-depth;
 * null where no body is found there, or the one found is `p`'s own (its centre not that far beyond `p`'s).
 */
function neighbourBeyond(view: PlaneView, p: PlaneProposal, side: 'superior' | 'inferior', options: ViewOptions): VertebraProposal | null {
  const { frame } = p;
  const halfHeightMm = (frame.superiorMm - frame.inferiorMm) / 2;
  const vMm = side === 'superior' ? frame.superiorMm + halfHeightMm : frame.inferiorMm - halfHeightMm;
  const neighbour = proposeOnView(view, at(frame, (frame.anteriorWallMm + frame.posteriorWallMm) / 2, vMm), options);
  if (!neighbour) return null;
  const centreBeyondMm = dot2(subtract2(neighbour.frame.centre, frame.centre), frame.cranial) * (side === 'superior' ? 1 : -1);
  return centreBeyondMm >= halfHeightMm ? toVertebraProposal(view, neighbour) : null;
}

/** The options a user's click is read with (one click per vertebra, and the spine's end bodies as one click shows them). */
export function oneClickOptions(options: AnalysisOptions): ViewOptions {
  return { ...(options.polarity ? { polarity: options.polarity } : {}), otherOutlines: true };
}

/**
 * Proposes all six points of the vertebral body that contains `clickMm` (patient LPS, mm), on the plane of a plane
 * image, or of a volume on the plane through the click spanned by `options.planeAxes`: the anterior and posterior
 * heights WALL_INSET_MM (1 mm) inside the walls, the middle height at mid-depth, each on the endplate's bone/disc
 * boundary at half maximum. Fails with UNCALIBRATED, INVALID_IMAGE, INVALID_INPUT, OUTSIDE_IMAGE or NO_VERTEBRA.
 */
export function proposeVertebra(image: AnalysisImage, clickMm: Vec3, options: AnalysisOptions = {}): AnalysisResult<VertebraProposal> {
  const view = planeViewOf(image, clickMm, options.planeAxes);
  if (!view.ok) return view;
  const seed = view.value.toPlane(clickMm);
  if (!Number.isFinite(view.value.valueAt(seed[0], seed[1]))) {
    return fail('OUTSIDE_IMAGE', 'The point is outside the image; click inside a vertebral body.');
  }
  const proposal = steadyReading(view.value, seed, oneClickOptions(options));
  if (!proposal) {
    return fail('NO_VERTEBRA', 'No vertebral body with two endplates and two walls was found around this point; place the points by hand.');
  }
  return ok(withSamplingReason(view.value, toVertebraProposal(view.value, proposal)));
}
