import type { BodyFrame } from './bodyFrame';
import { expectedEndplateMm, MIN_EDGE_NOISE_RATIO, WALL_PROBE_FRACTIONS } from './bodyFrame';
import type { ConfidenceReason } from './confidence';
import { DEPTH_TO_HEIGHT_RANGE, MR_MAX_CORTEX_MM, WALL_INSET_MM } from './constants';
import { fitLine, IRREGULAR_RESIDUAL_MM, robustEndplateCurve } from './curveFit';
import { hasPit } from './endplatePit';
import type { PlaneProposal } from './measureBody';
import { lastingDarkWall, mrBoundaryAlong, profileBlurMm, RISES_BELOW_SURROUNDINGS, type MrBoundary } from './mrEdge';
import type { PlaneView } from './planeView';
import { median } from './profile';
import type { SixPointsMm } from './sixPoints';
import type { Vec2 } from './vec';
import { at, implausibleSizeReason, isNoBody, sixPointsOnFrame } from './bodyPoints';

/** Endplate profiles every this many mm across the body. */
const SCAN_STEP_MM = 1;
/** An endplate's dark band is looked for this far either side of where the located frame puts it, mm. */
const ENDPLATE_WINDOW_MM = 5;
/** A wall's dark band is looked for this far either side of where the located frame puts it, mm. */
const WALL_WINDOW_MM = 4;
/** Half-width of the band averaged across each endplate profile, mm (noise of 0.5–1.5 mm MR pixels). */
const MR_PROFILE_HALF_WIDTH_MM = 1;
/**
 * A corner point's height is read from the line through the endplate's boundaries over this length inward from it,
 * mm: next to the wall the profile runs inside the dark cortex of the wall itself, and near the rim the dark annulus
 * (its outer fibres insert into the ring apophysis) hides the endplate's outer side, so a longer stretch than on CT.
 */
const MR_CORNER_FIT_SPAN_MM = 8;
/**
 * A corner point whose endplate shows no boundary on its line (an inlier of the endplate's curve) within this distance,
 * mm, is carried there from farther in, not read: EDGE_NOT_FOUND. A wedge fracture's short side often ends in a beak,
 * its rim dropping several millimetres within the last few before the wall, where the profiles find no band across
 * the steep surface (a T2 MR of VerSe's crushed L1: no boundary in the last 4 mm, Ha read 7 mm over, unflagged, from the
 * spine's two clicks). Two profiles (1 mm apart) may miss their band to noise; a third in a row is a corner not seen.
 */
const MR_MAX_CORNER_GAP_MM = 2.5;
/** Fewer than this share of an endplate's profiles showing its dark band makes the endplate "not found" (0–1). */
const MIN_COVERAGE = 0.6;
/** More than this share of an endplate's boundaries off its smooth curve makes it irregular (0–1). */
const IRREGULAR_OUTLIER_SHARE = 0.2;
/** An endplate band shallower than this many times the marrow's noise is a weak edge. */
const WEAK_EDGE_NOISE_RATIO = 4;

type Side = 'superior' | 'inferior';

interface SideFit {
  /** Boundary distance from the centre along the side's outward direction, mm, at each u with a band. */
  readonly found: readonly (readonly [number, MrBoundary])[];
  readonly curve: (uMm: number) => number;
  readonly outlierShare: number;
  readonly coverage: number;
}

function outward(frame: BodyFrame, side: Side): Vec2 {
  return side === 'superior' ? frame.cranial : [-frame.cranial[0], -frame.cranial[1]];
}

/** Fewest profiles whose band shows both sides for an endplate's surface to count as read (surfaceAssumed): a few, so one noisy profile does not decide. */
const MIN_TWO_SIDED_PROFILES = 3;
/** Fewest one-sided profiles at a corner whose fits are weighed together (cornerFits). */
const MIN_CORNER_FITS = 3;
/**
 * The widest spread (median absolute deviation) of the fitted widths at a corner for its one-sided fits to be taken,
 * and the most their median may differ from the endplate's two-sided fitted widths, mm: two steps of the fit's width
 * grid. A shell is about as thick over the few millimetres next to a corner, so fits that resolve it agree; where the
 * band's outer side is lost in the blur the width trades against the blur and jumps from one profile to the next (on
 * the real TPTBox T2, 0.25–4 mm between neighbours: spreads of 0.375–1 mm).
 */
const MAX_CORNER_WIDTH_SPREAD_MM = 0.25;

/**
 * The boundaries with the one-sided profiles near a corner (within MR_CORNER_FIT_SPAN_MM inward of `uCorner`) read
 * from their fitted bands (MrBoundary.oneSidedFit) instead of the fall plus MR_CORTEX_FALLBACK_MM, when the fits that
 * see a level beyond the band (at least `minContrast` above bone: else the width is not determined) agree on a cortex:
 * at least MIN_CORNER_FITS of them, their median width no wider than MR_MAX_CORTEX_MM (a wider band is the dark annulus
 * or ligament continuing the bone, which no width can be read from), their widths spread by no more than
 * MAX_CORNER_WIDTH_SPREAD_MM, and their median within MAX_CORNER_WIDTH_SPREAD_MM of the median width of the same
 * endplate's two-sided fits (at least MIN_TWO_SIDED_PROFILES of them). A one-sided fit's width is less certain than a
 * two-sided one's (the level beyond is free and close to the band's): behind a 0.5 mm shell the one-sided fits agree
 * with each other on about 1 mm, and the shell reads 1–2 mm too tall; the shell is about as thick at the corner as
 * along the endplate, so the two-sided widths check them. Only those profiles are read from their fits.
 * Near a corner the annulus hides the band's outer side on most profiles (its outer fibres insert into the ring
 * apophysis), so the fixed 0.5 mm cortex decides the corner's height there; a 1 mm shell then reads 0.5 mm inside on
 * each endplate, and Ha 1–1.8 mm short (the sweep's 1 mm-shell T1). The fall-only boundary stays the crossing reading.
 */
function cornerFits(
  found: readonly (readonly [number, MrBoundary])[],
  corners: readonly (readonly [uCorner: number, inward: 1 | -1])[],
  minContrast: number,
): (readonly [number, MrBoundary])[] {
  const replaced = new Map<number, MrBoundary>();
  const twoSidedWidths = found.flatMap(([, b]) => (b.fittedWidthMm !== undefined ? [b.fittedWidthMm] : []));
  for (const [uCorner, inward] of corners) {
    const agreeing = agreeingCornerFits(found, uCorner, inward, minContrast);
    if (!agreeing) continue;
    if (twoSidedWidths.length < MIN_TWO_SIDED_PROFILES || Math.abs(agreeing.widthMm - median(twoSidedWidths)) > MAX_CORNER_WIDTH_SPREAD_MM) continue;
    for (const [u, b] of agreeing.near) replaced.set(u, { ...b, boundaryMm: b.oneSidedFit!.boundaryMm, crossingBoundaryMm: b.boundaryMm });
  }
  return found.map(([u, b]) => [u, replaced.get(u) ?? b] as const);
}

/** Whether a profile at `u` lies within MR_CORNER_FIT_SPAN_MM of the corner at `uCorner`, on its `inward` side. */
function inCornerSpan(u: number, uCorner: number, inward: 1 | -1): boolean {
  const depthMm = inward * (u - uCorner);
  return depthMm >= -1e-6 && depthMm <= MR_CORNER_FIT_SPAN_MM + 1e-6;
}

/**
 * The one-sided profiles within MR_CORNER_FIT_SPAN_MM inward of a corner whose fitted bands (MrBoundary.oneSidedFit)
 * see a level beyond the band at least `minContrast` above bone and agree on a cortex (at least MIN_CORNER_FITS, median
 * width at most MR_MAX_CORTEX_MM, spread at most MAX_CORNER_WIDTH_SPREAD_MM), with that median width; null otherwise.
 */
function agreeingCornerFits(
  found: readonly (readonly [number, MrBoundary])[],
  uCorner: number,
  inward: 1 | -1,
  minContrast: number,
): { near: (readonly [number, MrBoundary])[]; widthMm: number } | null {
  const near = found.filter(
    ([u, b]) =>
      b.oneSidedFit && b.oneSidedFit.outsideContrast >= minContrast && inCornerSpan(u, uCorner, inward),
  );
  if (near.length < MIN_CORNER_FITS) return null;
  const widths = near.map(([, b]) => b.oneSidedFit!.widthMm);
  const widthMm = median(widths);
  const spreadMm = median(widths.map((w) => Math.abs(w - widthMm)));
  return widthMm > MR_MAX_CORTEX_MM || spreadMm > MAX_CORNER_WIDTH_SPREAD_MM ? null : { near, widthMm };
}

/**
 * The most the agreeing one-sided fits at a corner may put the bone surface beyond the assumed one before the corner
 * is flagged SURFACE_ASSUMED, mm: half a height's correction threshold (1.5 mm), since a height has a corner on each
 * endplate and both may be short the same way (both endplates' bands fade where the coil's signal does). Where the
 * band's outer side is too faint or too spread for a half-depth crossing (a T1 with 4 mm slices and 1.2 mm pixels, the
 * posterior coil's signal falling off towards the front), a corner rests on the typical cortex (MR_CORTEX_FALLBACK_MM);
 * when the fits that see the faint level beyond agree on a thicker one, or see it clearly (assumedCortexShortfallMm),
 * the image contradicts the assumption. They are not read instead: behind a 0.5 mm shell the one-sided fits agree on
 * about 1 mm (cornerFits). Where they neither agree nor see it clearly (the real TPTBox T2: widths 0.25–4 mm between
 * neighbours, the level beyond 1–4 × the noise) the image says nothing either way, and nothing is flagged.
 */
const MAX_ASSUMED_CORTEX_SHORTFALL_MM = 0.75;

/**
 * How far, mm, the one-sided fits at a corner, among the profiles whose surface was not read (surfaceRead), put the
 * bone surface beyond the assumed one (the fall plus MR_CORTEX_FALLBACK_MM): the median over either of two sets of
 * fits, whichever says more; 0 when neither set is there.
 * - Fits that agree on a cortex (agreeingCornerFits), when fewer than MIN_TWO_SIDED_PROFILES of the corner's span
 *   were read.
 * - Fits that see an outer side: at least MIN_CORNER_FITS whose level beyond stands `seenContrast` or more above bone
 *   (the caller gives WEAK_EDGE_NOISE_RATIO × the marrow's noise: as clear as an endplate must be not to be weak) and
 *   whose band is no wider than MR_MAX_CORTEX_MM (a cortex, not the dark annulus continuing it). The assumed cortex
 *   stands for a band whose dark continues beyond it (annulus, ligament, a T1 disc); a level beyond that clear says it
 *   does not, and the half-depth crossing missed the outer side only because the blurred band is shallow against it.
 *   Whatever their widths: at low SNR a one-sided fit trades width against blur from one profile to the next, so
 *   widths scatter while the surfaces agree (the sweep's low-SNR T1, another noise draw: widths 0.75–1.75 mm, surfaces
 *   1.2 mm beyond the assumed ones, Ha 2.8 mm short at confidence 1), and this holds with read profiles in the span.
 *   On the real TPTBox T2 the fits' level beyond is 1–4 × the noise, or their band wider than 2 mm, on every click.
 */
function assumedCortexShortfallMm(
  found: readonly (readonly [number, MrBoundary])[],
  uCorner: number,
  inward: 1 | -1,
  contrasts: { readonly minContrast: number; readonly seenContrast: number },
): number {
  const inSpan = found.filter(([u]) => inCornerSpan(u, uCorner, inward));
  const assumed = inSpan.filter(([, b]) => !surfaceRead(b));
  const read = inSpan.length - assumed.length;
  const agreeing = read >= MIN_TWO_SIDED_PROFILES ? null : agreeingCornerFits(assumed, uCorner, inward, contrasts.minContrast);
  const seen = assumed.filter(
    ([, b]) => b.oneSidedFit && b.oneSidedFit.outsideContrast >= contrasts.seenContrast && b.oneSidedFit.widthMm <= MR_MAX_CORTEX_MM,
  );
  const shortfallMm = (fits: readonly (readonly [number, MrBoundary])[]) =>
    Math.abs(median(fits.map(([, b]) => b.oneSidedFit!.boundaryMm - b.boundaryMm)));
  return Math.max(agreeing ? shortfallMm(agreeing.near) : 0, seen.length >= MIN_CORNER_FITS ? shortfallMm(seen) : 0);
}

/**
 * Whether an endplate's bone surface was read from its own band: where its dark band shows both sides, the surface is
 * read from the band's width (mrBoundaryOf); where only the marrow's fall is seen, a typical cortex
 * (MR_CORTEX_FALLBACK_MM, 0.5 mm) is added to the fall. When fewer than MIN_TWO_SIDED_PROFILES profiles show both
 * sides, the endplate's place rests on that assumption alone, and the shell is 0.4–1 mm thick and up to 2 mm with
 * subchondral sclerosis (MR_MAX_CORTEX_MM): up to 1.5 mm either way, the whole of a height's tolerance. Seen on T1 where
 * a dark disc or annulus adjoins the endplate, and on thick slices of a concave endplate, whose band widens past
 * MR_MAX_DARK_LINE_MM. Likewise when the profiles over the middle of the endplate (NUCLEUS_SHARE of its half-span either
 * side of `middle.uMm`) show both sides on fewer than MIN_TWO_SIDED_PROFILES: the middle point and most of each corner's
 * span then rest on the assumption, whatever a few profiles at the rims read. Where a healthy disc's nucleus lies, its
 * bright (T2) or intermediate (T1) signal shows the band's outer side; beside a degenerated disc with a vacuum cleft the
 * dark of cortex, disc and gas runs on and only the rims, where the ligaments are, may show one (the sweep's collapsed
 * L2–L3 with a cleft on T2: 3 of 36 profiles read, all at the rims, and the heights 1.4–2.0 mm short at confidence 1).
 */
function surfaceAssumed(found: readonly (readonly [number, MrBoundary])[], middle: { readonly uMm: number; readonly halfSpanMm: number }): boolean {
  if (found.length === 0) return false;
  if (twoSidedCount(found) < MIN_TWO_SIDED_PROFILES) return true;
  const central = found.filter(([u]) => Math.abs(u - middle.uMm) <= NUCLEUS_SHARE * middle.halfSpanMm);
  return central.length >= MIN_TWO_SIDED_PROFILES && twoSidedCount(central) < MIN_TWO_SIDED_PROFILES;
}

/**
 * The share of an endplate's half-span either side of its middle that is judged on its own in surfaceAssumed (0–1): the
 * middle half, where a disc's nucleus lies (Pfirrmann CW et al., Spine 2001;26:1873: on a healthy T2 disc the bright
 * nucleus, distinct from the annulus, fills the disc's middle) and where the middle point is read.
 */
const NUCLEUS_SHARE = 0.5;

/** Whether a boundary's surface was read from its band (both sides seen, or a corner's agreeing one-sided fits: cornerFits). */
function surfaceRead(b: MrBoundary): boolean {
  return b.outerMm !== null || b.crossingBoundaryMm !== undefined;
}

/** How many of the boundaries come from a band whose both sides are seen. */
function twoSidedCount(found: readonly (readonly [number, MrBoundary])[]): number {
  return found.filter(([, b]) => b.outerMm !== null).length;
}

/** Where the body's marrow is darker than its surroundings, its edges include rises of any clear contrast (mrEdge's mrBoundaryAlong). */
function risesOnFrame(frame: BodyFrame): { riseMinRatio?: number } {
  return frame.marrowBelowSurroundings ? RISES_BELOW_SURROUNDINGS : {};
}

/**
 * The boundaries with the weak rises (MrBoundary.rise with a step under `strongRise`) left out unless they lie within
 * WEAK_RISE_RESIDUAL_MM of the endplate curve through the others (robustEndplateCurve). Where the marrow is darker than
 * its surroundings the rims of an endplate face the dim annulus, a rise of 2–4 × the marrow's noise on STIR, which
 * gives the corners; as faint a step lies beyond a rim too (annulus to the brighter soft tissue in front of a disc), and
 * where the first step is lost in the noise that one is found instead, 2–3 mm out (the sweep's STIR: L3's anterior
 * corners, Ha 2.6–3 mm tall at confidence 1). The strong rises into a nucleus or CSF say where the endplate runs.
 */
function withConsistentWeakRises(found: readonly (readonly [number, MrBoundary])[], strongRise: number): (readonly [number, MrBoundary])[] {
  const weak = (b: MrBoundary) => b.rise === true && b.contrast < strongRise;
  if (!found.some(([, b]) => weak(b))) return [...found];
  const smooth = robustEndplateCurve(found.filter(([, b]) => !weak(b)).map(([u, b]) => [u, b.boundaryMm] as const));
  if (!smooth) return found.filter(([, b]) => !weak(b));
  return found.filter(([u, b]) => !weak(b) || Math.abs(b.boundaryMm - smooth.curve(u)) <= WEAK_RISE_RESIDUAL_MM);
}

/** The last stretch of an endplate before a corner whose bands are judged for widening (rimWidening), mm. */
const RIM_SPAN_MM = 3;
/** A rim's bands fitted this much wider than the endplate's median band, mm, make its corner uncertain (rimWidening). */
const RIM_WIDENING_MM = 1;
/** Fewest fitted bands, along the endplate and at the rim, for a widening to be judged. */
const MIN_WIDTH_BANDS = 5;
const MIN_RIM_BANDS = 2;

/**
 * How much wider than the endplate's median fitted band (`endplateWidthMm`, endplateBandWidthMm) its fitted bands are
 * over the last RIM_SPAN_MM before the corner at `uCorner` (their median), mm, when that is more than RIM_WIDENING_MM;
 * null otherwise. On a real T2 the dark annulus (its outer fibres behind and in front of the nucleus) or a ligament
 * joins the endplate's band at a rim, and a profile grazing a rounded rim's cortex widens it too: the real lumbar T2s of Chu et al. fitted 0.5–1.25 mm across an
 * endplate and 3–4 mm over its last 3 mm behind, the corner read 2.5–3.5 mm out (Hp 4–7 mm tall at confidence 1), while
 * on the VerSe anatomy made into a T2 a rim's 3–4 mm band is the bone's own, seen obliquely. Which side of such a band
 * is bone is not read from the profile; the corner is flagged (SURFACE_ASSUMED), its point not moved.
 */
function rimWidening(found: readonly (readonly [number, MrBoundary])[], endplateWidthMm: number | null, uCorner: number): number | null {
  if (endplateWidthMm === null) return null;
  const rim = found.flatMap(([u, b]) => (b.fittedWidthMm !== undefined && Math.abs(u - uCorner) <= RIM_SPAN_MM ? [b.fittedWidthMm] : []));
  if (rim.length < MIN_RIM_BANDS) return null;
  const widenedMm = median(rim) - endplateWidthMm;
  return widenedMm > RIM_WIDENING_MM ? widenedMm : null;
}

/** The median width of an endplate's fitted bands (rimWidening's yardstick), mm; null with fewer than MIN_WIDTH_BANDS. */
function endplateBandWidthMm(found: readonly (readonly [number, MrBoundary])[]): number | null {
  const widths = found.flatMap(([, b]) => (b.fittedWidthMm !== undefined ? [b.fittedWidthMm] : []));
  return widths.length < MIN_WIDTH_BANDS ? null : median(widths);
}

/** How far a weak rise may lie from the endplate curve through the strong edges to be kept, mm (withConsistentWeakRises). */
const WEAK_RISE_RESIDUAL_MM = 1;

/**
 * One endplate's dark band on each profile across the body: the band nearest the frame's endplate (mrBoundaryAlong), or
 * a rise into a disc where the frame located that endplate at one (BodyFrame.endplatesAtDiscRise).
 */
function sideBoundaries(view: PlaneView, frame: BodyFrame, side: Side, us: readonly number[], minContrast: number, blurMm: number) {
  const discRises = frame.endplatesAtDiscRise?.[side] === true;
  const search = { windowMm: ENDPLATE_WINDOW_MM, minContrast, blurMm, halfWidthMm: MR_PROFILE_HALF_WIDTH_MM, fitBand: true, discRises, ...risesOnFrame(frame) };
  return us.flatMap((u) => {
    const expectedMm = expectedEndplateMm(frame, side, u);
    const fromMm = frame.wedgeEndplates ? Math.min(0, expectedMm - WEDGE_PROFILE_INSET_MM) : 0;
    const b = mrBoundaryAlong(view, at(frame, u, side === 'superior' ? fromMm : -fromMm), outward(frame, side), { ...search, expectedMm: expectedMm - fromMm });
    return b ? [[u, shifted(b, fromMm)] as const] : [];
  });
}

/**
 * A wedge read along its endplates' lines is severe, and says so (SEVERE_WEDGE), when its anterior height is under this
 * share of its posterior one (Genant grade 3: a loss of 40 % or more) ...
 */
const SEVERE_WEDGE_HA_TO_HP = 0.6;
/** ... or its middle height under this share of its depth (shallower than a whole body may be: DEPTH_TO_HEIGHT_RANGE). */
const SEVERE_WEDGE_HM_TO_DEPTH = 1 / DEPTH_TO_HEIGHT_RANGE[1];

/** Whether heights read on a wedge's lines are a severe wedge's (SEVERE_WEDGE_HA_TO_HP, SEVERE_WEDGE_HM_TO_DEPTH). */
function severeWedge(heightsMm: { readonly anteriorMm: number; readonly middleMm: number; readonly posteriorMm: number }, depthMm: number): boolean {
  return heightsMm.anteriorMm < SEVERE_WEDGE_HA_TO_HP * heightsMm.posteriorMm || heightsMm.middleMm < SEVERE_WEDGE_HM_TO_DEPTH * depthMm;
}

/**
 * A wedge's endplate profiles (BodyFrame.wedgeEndplates) start this far inside the endplate's line at least, mm, not on
 * the frame's centre line: a band is looked for from 5 mm beyond a profile's start on (its first millimetres give the
 * marrow's level), and towards a severe wedge's short wall the endplate lies closer than that to the centre line (Ha
 * 8 mm: 4 mm either side of it); the profile then starts beyond the local middle, towards the other endplate.
 */
const WEDGE_PROFILE_INSET_MM = 6.5;

/** `b` with its distances moved `byMm` further out (read from a profile that started `byMm` out of the centre line). */
function shifted(b: MrBoundary, byMm: number): MrBoundary {
  if (byMm === 0) return b;
  return {
    ...b,
    innerMm: b.innerMm + byMm,
    outerMm: b.outerMm === null ? null : b.outerMm + byMm,
    boundaryMm: b.boundaryMm + byMm,
    ...(b.crossingBoundaryMm !== undefined ? { crossingBoundaryMm: b.crossingBoundaryMm + byMm } : {}),
    ...(b.oneSidedFit ? { oneSidedFit: { ...b.oneSidedFit, boundaryMm: b.oneSidedFit.boundaryMm + byMm } } : {}),
  };
}

/**
 * One endplate's smooth curve through its boundaries (robustEndplateCurve); null when there are too few. Its outlier
 * share is the larger of the fitted boundaries' and the half-depth crossings' (MrBoundary.crossingBoundaryMm): a step,
 * a Schmorl node or a second band that either reading shows is in the image, and the fit of one blurred band per
 * profile can smooth it away.
 */
function fitSide(found: readonly (readonly [number, MrBoundary])[], profiles: number): SideFit | null {
  const smooth = robustEndplateCurve(found.map(([u, b]) => [u, b.boundaryMm] as const));
  if (!smooth) return null;
  const crossings = robustEndplateCurve(found.map(([u, b]) => [u, b.crossingBoundaryMm ?? b.boundaryMm] as const));
  const outlierShare = Math.max(smooth.outlierShare, crossings?.outlierShare ?? 0);
  return { found, curve: smooth.curve, outlierShare, coverage: found.length / profiles };
}

/**
 * The largest step of the anterior wall between neighbouring probes (WALL_PROBE_FRACTIONS, 10 % of the body's height
 * apart: 2–3 mm) beyond which the wall is doubted (IRREGULAR_WALL), mm: the height's 1.5 mm tolerance. The anterior
 * cortex runs unbroken under the anterior longitudinal ligament and is waisted by 1–2 mm over the whole height, so
 * between neighbouring probes it moves well under that (≤ 1.2 mm on the real TPTBox T2, ≤ 0.2 mm on the sweep's
 * good-SNR MR); a larger step is a band found at two depths (the ligament, a vessel or noise taken for the cortex on
 * some probes). Only the inner probes (|fraction| < WALL_RIM_FRACTION) are judged: the outer ones reach the rim, where
 * the wall rounds into the endplate or a wedge fracture bevels it (the drawn fractured L1: 4.6 mm inward). The
 * posterior wall is not judged so: the basivertebral veins leave through a foramen in it at mid-height, where its band
 * steps legitimately (2.3–2.8 mm on TPTBox).
 */
const MAX_ANTERIOR_WALL_STEP_MM = 1.5;
const WALL_RIM_FRACTION = 0.25;

/**
 * The faintest a wall's dark band may be against the opposite wall's (the ratio of their median depths below the
 * marrow, 0–1) before the walls are doubted (IRREGULAR_WALL). Both are the same body's cortex against the same marrow,
 * and a no-signal band thinner than the blur is as deep as it is thick: a 0.2 mm wall against a 1 mm one (the range of
 * the vertebral shell) is 1/5 as deep, and a coil's signal falling e-fold in 100 mm loses another third across a 40 mm
 * body; 0.2 × 0.67 ≈ 0.13. A fainter band is not a cortex: a dip of the marrow's noise taken for the wall when the
 * located frame puts the wall well inside the body (the sweep's thin-shell T1, another noise draw: 3 × the noise
 * against the posterior wall's 40, the body read 6 mm shallow and Ha 3 mm off). The real TPTBox T2: 0.58–0.99.
 */
const MIN_WALL_CONTRAST_RATIO = 0.13;

/** The fainter wall's median band depth over the other's (0–1); 1 when either wall shows no band. */
function fainterWallRatio(front: readonly number[], back: readonly number[]): number {
  if (front.length === 0 || back.length === 0) return 1;
  const [a, b] = [median(front), median(back)];
  return Math.min(a, b) / Math.max(a, b);
}

/** The band depths of a wall's probes ([fraction, boundary, depth]); a rise's (no band, depth NaN) left out. */
function bandDepths(probes: readonly (readonly [number, number, number])[]): number[] {
  return probes.flatMap(([, , c]) => (Number.isNaN(c) ? [] : [c]));
}

/** The largest difference between neighbouring probes' values (probes as [fraction, value, …]); 0 with fewer than two. */
function largestStep(probes: readonly (readonly [number, number, ...number[]])[]): number {
  let step = 0;
  for (let i = 1; i < probes.length; i += 1) step = Math.max(step, Math.abs(probes[i]![1] - probes[i - 1]![1]));
  return step;
}

/**
 * Where the body is measured, a fall into a lasting dark is taken for the posterior wall only this far or more before
 * the located wall, mm. The measurement's narrow profiles (MR_PROFILE_HALF_WIDTH_MM) on a noisy image move a band's
 * inner crossing by more than the 1 mm of lastingDarkWall's own-band test, so a thick cortex with the CSF behind it
 * (the phantom's 2 mm shell: 2–3 mm from the fall to its outer surface) no longer reads as one band: on the sweep's
 * low-SNR 4 mm T1 its L3 was read with the posterior wall 2 mm inside and Hp 2.5 mm short at full confidence. A wall
 * located beyond the canal lies 8–17 mm beyond the fall.
 */
const FALL_BEFORE_MEASURED_WALL_MM = 3;

/** A wall probe as mrWalls reads it: its fraction of the height, where it starts and the band (or rise) found on it. */
interface WallReading {
  readonly fraction: number;
  readonly start: Vec2;
  readonly boundary: MrBoundary | null;
}

/** A wall's readings as [fraction, boundary, band depth] (a rise's depth NaN), those with a boundary only. */
function wallProbes(readings: readonly WallReading[]): readonly (readonly [number, number, number])[] {
  return readings.flatMap(({ fraction, boundary: b }) => (b ? [[fraction, b.boundaryMm, b.rise ? Number.NaN : b.contrast] as const] : []));
}

/**
 * The posterior wall's probes ([fraction, boundary, depth], as wallProbes) at the marrow's fall into the canal's dark
 * where the wall located at `wallMm` (its `readings`) lies beyond the canal (lastingDarkWall), or null to keep them.
 */
function posteriorWallBeforeLastingDark(
  view: PlaneView,
  readings: readonly WallReading[],
  wallMm: number,
  backward: Vec2,
  search: { readonly minContrast: number; readonly blurMm: number },
  minBeforeWallMm: number,
): readonly (readonly [number, number, number])[] | null {
  const probes = readings.map(({ start, boundary }) => ({ start, wallMm, wallInnerMm: boundary && !boundary.rise ? boundary.innerMm : null }));
  const falls = lastingDarkWall(view, probes, backward, { ...search, halfWidthMm: MR_PROFILE_HALF_WIDTH_MM }, minBeforeWallMm);
  return falls ? readings.flatMap(({ fraction }, i) => (falls[i] ? [[fraction, falls[i].boundaryMm, falls[i].contrast] as const] : [])) : null;
}

/**
 * The frame with its walls moved onto the outer surface of their dark cortex (mrBoundaryAlong, the same rule as the
 * endplates), each the median over WALL_PROBE_FRACTIONS of the height; a wall without a band keeps its place. Also the
 * anterior wall's largest step between neighbouring inner probes (mm; see MAX_ANTERIOR_WALL_STEP_MM) and the fainter
 * wall's band depth over the other's (see MIN_WALL_CONTRAST_RATIO).
 */
function mrWalls(view: PlaneView, frame: BodyFrame, blurMm: number): { frame: BodyFrame; anteriorStepMm: number; wallContrastRatio: number } {
  const minContrast = Math.max(MIN_EDGE_NOISE_RATIO * frame.marrow.noiseValue, 1e-6);
  const heightMm = frame.superiorMm - frame.inferiorMm;
  const midMm = (frame.superiorMm + frame.inferiorMm) / 2;
  const wall = (expectedMm: number, direction: Vec2): WallReading[] =>
    WALL_PROBE_FRACTIONS.map((fraction) => {
      const start = at(frame, 0, midMm + fraction * heightMm);
      const boundary = mrBoundaryAlong(view, start, direction, {
        expectedMm,
        windowMm: WALL_WINDOW_MM,
        minContrast,
        blurMm,
        halfWidthMm: MR_PROFILE_HALF_WIDTH_MM,
        ...risesOnFrame(frame),
      });
      return { fraction, start, boundary };
    });
  const backward: Vec2 = [-frame.anterior[0], -frame.anterior[1]];
  const frontProbes = wallProbes(wall(frame.anteriorWallMm, frame.anterior));
  const backReadings = wall(-frame.posteriorWallMm, backward);
  // Where the frame already reads the posterior wall at the canal's fall, a fall is taken again wherever the band found
  // near it is not the fall's own (the canal's slow darkening shows bands that are not the wall's); elsewhere only a
  // wall well beyond the fall is doubted (FALL_BEFORE_MEASURED_WALL_MM).
  const fallMarginMm = frame.posteriorWallAtCanalFall ? 0 : FALL_BEFORE_MEASURED_WALL_MM;
  const backProbes =
    posteriorWallBeforeLastingDark(view, backReadings, -frame.posteriorWallMm, backward, { minContrast, blurMm }, fallMarginMm) ?? wallProbes(backReadings);
  const front = frontProbes.length > 0 ? median(frontProbes.map(([, v]) => v)) : frame.anteriorWallMm;
  const back = backProbes.length > 0 ? -median(backProbes.map(([, v]) => v)) : frame.posteriorWallMm;
  const centre = at(frame, (front + back) / 2, midMm);
  return {
    frame: {
      ...frame,
      centre,
      anteriorWallMm: (front - back) / 2,
      posteriorWallMm: -(front - back) / 2,
      superiorMm: heightMm / 2,
      inferiorMm: -heightMm / 2,
    },
    anteriorStepMm: largestStep(frontProbes.filter(([f]) => Math.abs(f) < WALL_RIM_FRACTION)),
    wallContrastRatio: fainterWallRatio(bandDepths(frontProbes), bandDepths(backProbes)),
  };
}

/**
 * Measures a body located on an MR image (dark cortex): each endplate's boundary is read every SCAN_STEP_MM across the
 * body as the outer surface of its dark band (mrBoundaryAlong); the middle points are the median boundary of the three
 * central profiles, each corner point, WALL_INSET_MM inside its wall, sits on the line through the boundaries over
 * MR_CORNER_FIT_SPAN_MM inward from it. Null when an endplate shows no band at all or the heights are no body's.
 */
export function measureMrBody(view: PlaneView, located: BodyFrame): PlaneProposal | null {
  const blurMm = profileBlurMm(view.resolutionMm);
  const { frame, anteriorStepMm, wallContrastRatio } = mrWalls(view, located, blurMm);
  const reasons: ConfidenceReason[] = [];
  const note = (reason: ConfidenceReason) => {
    if (!reasons.some((r) => r.code === reason.code)) reasons.push(reason);
  };
  if (anteriorStepMm > MAX_ANTERIOR_WALL_STEP_MM) {
    note({
      code: 'IRREGULAR_WALL',
      message: `The anterior wall's dark band lies at two depths along the body (a ${anteriorStepMm.toFixed(1)} mm step): where the wall is, and so the anterior height, is uncertain; check the points.`,
    });
  }
  if (located.posteriorWallInDoubt) {
    note({
      code: 'IRREGULAR_WALL',
      message: 'Some probes found the posterior wall further in than where it was placed: the wall, and so the body\'s depth and its posterior corners, is uncertain; check the points.',
    });
  }
  if (wallContrastRatio < MIN_WALL_CONTRAST_RATIO) {
    note({
      code: 'IRREGULAR_WALL',
      message: `One wall's dark band is ${(1 / wallContrastRatio).toFixed(0)} times fainter than the other's: it may not be the cortex, so the body's depth and its corners are uncertain; check the points.`,
    });
  }
  const minContrast = Math.max(MIN_EDGE_NOISE_RATIO * frame.marrow.noiseValue, 1e-6);
  const uAnterior = frame.anteriorWallMm - WALL_INSET_MM;
  const uPosterior = frame.posteriorWallMm + WALL_INSET_MM;
  const uMiddle = (frame.anteriorWallMm + frame.posteriorWallMm) / 2;
  const us: number[] = [];
  for (let u = uPosterior; u < uAnterior - 1e-6; u += SCAN_STEP_MM) us.push(u);
  us.push(uAnterior);
  const v: Partial<Record<keyof SixPointsMm, number>> = {};
  const contrasts: number[] = [];
  const corners = [[uAnterior, -1], [uPosterior, 1]] as const;
  const strongRise = WEAK_EDGE_NOISE_RATIO * frame.marrow.noiseValue;
  const read = (side: Side) => cornerFits(withConsistentWeakRises(sideBoundaries(view, frame, side, us, minContrast, blurMm), strongRise), corners, minContrast);
  const raw = { superior: read('superior'), inferior: read('inferior') };
  for (const side of ['superior', 'inferior'] as const) {
    const sign = side === 'superior' ? 1 : -1;
    const fit = fitSide(raw[side], us.length);
    if (surfaceAssumed(raw[side], { uMm: uMiddle, halfSpanMm: (uAnterior - uPosterior) / 2 })) {
      note({
        code: 'SURFACE_ASSUMED',
        message: `The ${side} endplate's dark band shows no outer side (no bright disc or fat beyond it); its surface is assumed from a typical cortex, check its points.`,
      });
    }
    if (!fit) return null;
    if (fit.coverage < MIN_COVERAGE) {
      note({ code: 'EDGE_NOT_FOUND', message: `The ${side} endplate is not visible along much of its length; check its points.` });
    }
    if (fit.outlierShare > IRREGULAR_OUTLIER_SHARE) {
      note({ code: 'IRREGULAR_ENDPLATE', message: `The ${side} endplate is irregular (a step, a Schmorl node or a fracture line).` });
    } else if (hasPit([...fit.found].sort((a, b) => a[0] - b[0]).map(([u, b]) => [u, b.boundaryMm] as const), fit.curve)) {
      note({ code: 'ENDPLATE_PIT', message: `The ${side} endplate has a pit (a Schmorl node or a depressed fracture); check its points.` });
    }
    const inliers = fit.found.filter(([u, b]) => Math.abs(b.boundaryMm - fit.curve(u)) <= IRREGULAR_RESIDUAL_MM);
    contrasts.push(...inliers.map(([, b]) => b.contrast));
    const endplateWidthMm = endplateBandWidthMm(fit.found);
    const corner = (uCorner: number, inward: 1 | -1): number => {
      const widenedMm = rimWidening(fit.found, endplateWidthMm, uCorner);
      if (widenedMm !== null) {
        note({
          code: 'SURFACE_ASSUMED',
          message: `At the ${inward < 0 ? 'anterior' : 'posterior'} ${side} corner the endplate's dark band widens by ${widenedMm.toFixed(1)} mm (the annulus or a ligament joining it, or a rim seen obliquely): where the bone's surface lies in it is uncertain, check the corner.`,
        });
      }
      const near = inliers.filter(([u]) => inCornerSpan(u, uCorner, inward));
      const line = fitLine(near.map(([u, b]) => [u, b.boundaryMm] as const));
      if (!line || near.length < MR_CORNER_FIT_SPAN_MM / (2 * SCAN_STEP_MM)) {
        note({ code: 'EDGE_NOT_FOUND', message: `The ${side} endplate is unclear at a corner; the point follows the endplate curve.` });
        return fit.curve(uCorner);
      }
      const gapMm = Math.min(...near.map(([u]) => Math.abs(u - uCorner)));
      if (gapMm > MR_MAX_CORNER_GAP_MM) {
        note({
          code: 'EDGE_NOT_FOUND',
          message: `The ${side} endplate is not seen within ${gapMm.toFixed(0)} mm of its ${inward < 0 ? 'anterior' : 'posterior'} corner; the point follows the endplate's line there, check it.`,
        });
      }
      if (assumedCortexShortfallMm(fit.found, uCorner, inward, { minContrast, seenContrast: WEAK_EDGE_NOISE_RATIO * frame.marrow.noiseValue }) > MAX_ASSUMED_CORTEX_SHORTFALL_MM) {
        note({
          code: 'SURFACE_ASSUMED',
          message: `At the ${inward < 0 ? 'anterior' : 'posterior'} ${side} corner the endplate's dark band shows its outer side too faintly to read; the cortex assumed there looks thinner than the image's, check its points.`,
        });
      }
      return line(uCorner);
    };
    const middle = (): number => {
      const central = inliers.filter(([u]) => Math.abs(u - uMiddle) <= 1.5 * SCAN_STEP_MM);
      if (central.length === 0) {
        note({ code: 'EDGE_NOT_FOUND', message: `The ${side} endplate was not found at mid-depth; the point follows the endplate curve.` });
        return fit.curve(uMiddle);
      }
      return median(central.map(([, b]) => b.boundaryMm));
    };
    const key = side === 'superior' ? 'Superior' : 'Inferior';
    v[`anterior${key}`] = sign * corner(uAnterior, -1);
    v[`middle${key}`] = sign * middle();
    v[`posterior${key}`] = sign * corner(uPosterior, 1);
  }
  const { points, heightsMm } = sixPointsOnFrame(
    frame,
    { anterior: uAnterior, middle: uMiddle, posterior: uPosterior },
    v as Record<keyof SixPointsMm, number>,
  );
  if (isNoBody(heightsMm)) return null;
  const depthMm = frame.anteriorWallMm - frame.posteriorWallMm;
  if (contrasts.length === 0 || median(contrasts) < WEAK_EDGE_NOISE_RATIO * frame.marrow.noiseValue) {
    note({ code: 'WEAK_EDGE', message: 'The endplates are faint against the marrow here; check the points against the image.' });
  }
  if (frame.wedgeEndplates && severeWedge(heightsMm, depthMm)) {
    note({
      code: 'SEVERE_WEDGE',
      message: 'A severe wedge: its endplates were followed along their tilt; on so steep an endplate a corner\'s height changes with where the corner is taken, check the corners.',
    });
  }
  const implausible = implausibleSizeReason(heightsMm, depthMm);
  if (implausible) note(implausible);
  else if (frame.nearerEndplatesPassed) {
    note({
      code: 'IMPLAUSIBLE_SIZE',
      message: 'Nearer endplates were passed over as too close for a body this deep: if the body is crushed, its points span a disc; check.',
    });
  }
  return { frame, points, reasons, heightsMm, depthMm };
}
