import { MR_CORTEX_FALLBACK_MM, MR_MAX_CORTEX_MM, MR_MAX_DARK_LINE_MM, PROFILE_SMOOTHING_SIGMA_MM, PROFILE_STEP_MM } from './constants';
import { fitBlurredBand } from './mrBandFit';
import type { PlaneView } from './planeView';
import { median, sampleProfile, smooth } from './profile';
import type { Vec2 } from './vec';

/*
 * A body's boundary on MR, read on a profile that starts inside the body and runs outward. Cortical bone gives no
 * signal on T1 or T2, so the boundary is a dark band (cortex, with the ligaments or the annulus that attach to it):
 * marrow gives way to it on the inside (a fall on both T1 and T2) and, where a bright disc nucleus (T2), CSF or fat
 * lies beyond, it gives way to that on the outside. The fall is seen everywhere; the rise only where something bright
 * lies beyond. Where the thin cortex is lost to the blur and a thick slice, the marrow's rise straight into bright CSF
 * or a T2 nucleus is the boundary instead (risesOf).
 */

/** A boundary found on one profile (a dark band, or a rise out of the marrow), mm from the profile's start. */
export interface MrBoundary {
  /** Where the marrow falls half way to the band's darkest value. */
  readonly innerMm: number;
  /** Where the band rises half way to the level beyond it; null when the dark continues (annulus, ligament, T1 disc). */
  readonly outerMm: number | null;
  /** The body's boundary: the outer surface of the cortex (see mrBoundaryOf), mm. */
  readonly boundaryMm: number;
  /** Marrow level minus the band's darkest value, image units. */
  readonly contrast: number;
  /**
   * The boundary read from the band's half-depth crossings (mrBoundaryOf) where `boundaryMm` comes from a fitted
   * blurred band (fittedBoundary); otherwise the same as `boundaryMm`, mm.
   */
  readonly crossingBoundaryMm?: number;
  /**
   * Where `outerMm` is null: the blurred band fitted to the profile all the same (fittedBoundary), its bone surface (mm),
   * its own width (mm) and how far the level beyond lies above bone's no-signal level (image units). Beyond a thin
   * cortex the annulus or a T1 disc is darker than marrow but not as dark as bone, so the band's outer side is there,
   * only too shallow for a crossing; whether one profile's fit can be trusted is judged with its neighbours'
   * (mrMeasure's cornerFits).
   */
  readonly oneSidedFit?: { readonly boundaryMm: number; readonly widthMm: number; readonly outsideContrast: number };
  /** Where `boundaryMm` comes from a two-sided band's fit (fittedBoundary): the band's own fitted width, mm. */
  readonly fittedWidthMm?: number;
  /** True for a rise out of the marrow (risesOf), whose contrast is the step up, not a band's depth. */
  readonly rise?: boolean;
  /** True for a rise into a disc found by discRisesOf (fainter than RISE_MIN_RATIO allows elsewhere). */
  readonly discRise?: boolean;
  /** True for a rise into the canal that only `canalRises` admits (fainter than RISE_MIN_RATIO; see CANAL_RISE_MIN_RATIO). */
  readonly canalRise?: boolean;
}

/** Marrow level inside the band: the median of the samples this far inside its darkest point, mm. */
const INNER_LEVEL_FROM_MM = 2;
const INNER_LEVEL_TO_MM = 5;
/** The level beyond the band: the median of the samples this far beyond its darkest point, mm. */
const OUTER_LEVEL_FROM_MM = 1.5;
const OUTER_LEVEL_TO_MM = 3.5;
/** A local minimum counts as the band when its depth reaches this share of the deepest one in the window (0–1). */
const DEPTH_SHARE = 0.5;
/**
 * Searching outward, a band is the body's boundary when it is at least this share as deep as the deepest band within
 * BAND_LOOK_AHEAD_MM (mm) beyond it (0–1): the cortex is the first deep band; the neighbour's lies a disc further.
 */
const BAND_RELATIVE_DEPTH = 0.45;
const BAND_LOOK_AHEAD_MM = 8;
/**
 * A rise out of the marrow counts as the boundary when the level beyond is at least this much brighter, as a share of
 * the marrow's level: CSF and a disc nucleus on T2 are 2–4 × marrow; the oedema of an acute fracture, a vein or a
 * haemangioma inside the body are less (the phantom's oedema is 1.75 ×) and must not end it. A ratio, not a difference,
 * so a coil's smooth bias field does not change it.
 */
const RISE_MIN_RATIO = 1;
/**
 * RISE_MIN_RATIO where the body's marrow is darker than everything around it (BodyFrame.marrowBelowSurroundings: STIR,
 * fat-sat T2, adult fatty marrow suppressed): there the disc's annulus (STIR ≈ 1.5 × the marrow) and the soft tissue
 * in front (≈ 2 ×) are brighter but not twice as bright, and the dark cortex between is lost in a 4 mm slice, so the
 * marrow's rise into them is the body's edge; an oedema band or a vein inside such a body is brighter than the marrow
 * by any ratio (STIR oedema ≈ 4.7 ×), so the ratio guards nothing there but a coil's smooth bias (a quarter).
 */
const RISE_MIN_RATIO_BELOW_SURROUNDINGS = 0.25;
/** The BandSearch field that reads a body whose marrow is darker than its surroundings (BodyFrame.marrowBelowSurroundings). */
export const RISES_BELOW_SURROUNDINGS: { readonly riseMinRatio: number } = { riseMinRatio: RISE_MIN_RATIO_BELOW_SURROUNDINGS };
/**
 * On an endplate's profile a rise out of the marrow at least this much brighter, as a share of the marrow, counts as the
 * endplate where what lies beyond it is a disc and then the neighbour's body (discRisesOf), however far below
 * RISE_MIN_RATIO: a T2 disc of 1.3–2 × the marrow (fatty marrow, a nucleus losing water) against an endplate whose
 * thin cortex is lost in the blur and the slice shows no dark line. Otherwise the first band is the neighbour's
 * endplate across the disc, and the body is read a disc too tall (a drawn T2, disc 1,100 against marrow 600: 34.5 mm
 * against 26, at confidence 1; the sweep's 0.5 mm-shell T2, 7–11 mm too tall).
 */
const DISC_RISE_MIN_RATIO = 0.3;
/** The bright stretch beyond such a rise is a disc's height, mm: a collapsed disc's to a tall lumbar one's. */
const DISC_STRETCH_MM: readonly [number, number] = [2, 16];
/**
 * Beyond the stretch, from this far past its end (past the neighbour's endplate band, if any) and over this length,
 * mm, lies the neighbour's marrow: longer than any distance from a bright spot inside a body (the basivertebral
 * vein's channel at mid-height, T2-bright) to its own endplate, so a vein is never a disc.
 */
const NEIGHBOUR_MARROW_FROM_MM = 3;
const NEIGHBOUR_MARROW_MM = 12;
/**
 * The neighbour's marrow is as bright as this body's all along that span (within this range of the level inside the
 * rise, as a share of it: a coil's bias changes little over one body), with no dark band and no bright stretch in it:
 * where the bright stretch is oedema under this body's endplate, the disc lies there instead (brighter or darker than
 * the marrow on T2) and then the neighbour's endplate band.
 */
const NEIGHBOUR_LEVEL_RANGE: readonly [number, number] = [0.75, 1.4];
/**
 * Such a rise comes straight out of the marrow: nothing before it, over INNER_LEVEL_FROM_MM, darker than this share of
 * the level inside it (0–1). The far side of a dark band is that band's own, also where the band was not looked for: a
 * beaked corner's plate, sloping 50° across the profile and smeared to a shallow dip by the profile's width, with a
 * disc above it, read 1–1.5 mm above the plate at the corner and the beak unflagged.
 */
const STRAIGHT_OUT_OF_MARROW = 0.9;

/** A rise this close to a band's boundary is that band's own outer side, mm. */
const RISE_BAND_MERGE_MM = 2;
/**
 * A fall out of the marrow into a dark that lasts at least this far beyond it, mm, is a wall where the cortex has no
 * band of its own (firstLastingDarkFall): behind a posterior wall on T1 the cortex, the posterior longitudinal ligament,
 * the epidural tissue and the CSF are all dark, and the cortex is no darker than the canal beyond it, so the profile
 * falls once and stays down for the canal's depth (12–20 mm in adults). A vein's channel or a trabecular gap inside
 * the body rises back to the marrow within a few millimetres.
 */
const LASTING_DARK_MM = 6;
/** The fall itself (from the marrow's level to the dark's) spans at most this much of the profile, mm: a cortex's edge, not a gradual shading. */
const FALL_WIDTH_MM = 3;
/**
 * The lasting dark is at most this share of the level inside the fall (0–1): the canal behind a T1 body (ligament,
 * epidural tissue, CSF) is a third of the fatty marrow or darker (the made T1: 0.27–0.32), where the oedema of a fracture
 * is about half (the phantom's T1: 0.43), and a fall into oedema inside the body is no wall.
 */
const LASTING_DARK_MAX_SHARE = 0.4;

/**
 * The body's boundary from a dark band whose half-maximum crossings are `innerMm` and `outerMm`, after blur of full
 * width at half maximum `blurMm`: the band's centre plus half the cortex in it. The band's own width is the observed
 * width less the blur in quadrature (a thin cortex seen through a wide point spread looks as wide as the blur), and of
 * that at most MR_MAX_CORTEX_MM is bone: the rest of a wider band is the cartilage endplate, a chemical-shift band or
 * partial volume, which lie on either side of the bone surface, so the surface is read half a cortex out from the
 * band's centre rather than at its outer edge.
 */
export function mrBoundaryOf(innerMm: number, outerMm: number, blurMm: number): number {
  const observedMm = outerMm - innerMm;
  const ownMm = Math.sqrt(Math.max(0, observedMm * observedMm - blurMm * blurMm));
  return (innerMm + outerMm) / 2 + Math.min(ownMm, MR_MAX_CORTEX_MM) / 2;
}

/** Full width at half maximum of a Gaussian of σ = 1. */
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
/**
 * The pixel's share of the blur of a band's measured width, in pixels: a band resolved on a few pixels and read off a
 * bilinear interpolation keeps most of its width; its pixel adds about half a pixel at half maximum, not a whole one
 * (a whole pixel here made the phantom's 2 mm cortex read 0.5 mm thin and its middle heights 0.5–1 mm short).
 */
const PIXEL_BLUR_SHARE = 0.5;

/** Full width at half maximum of the blur a profile of an image with `resolutionMm` pixels has been through, mm. */
export function profileBlurMm(resolutionMm: number): number {
  return Math.hypot(PIXEL_BLUR_SHARE * resolutionMm, FWHM_PER_SIGMA * PROFILE_SMOOTHING_SIGMA_MM);
}

/** How to read the bands of one profile: distances in mm from its start, contrasts in image units. */
interface BandSearch {
  readonly minContrast: number;
  /** Full width at half maximum of the blur the profile has been through, mm (see mrBoundaryOf). */
  readonly blurMm: number;
  /** Half-width of the band averaged across the profile, mm. */
  readonly halfWidthMm: number;
  /** Boundary beyond the inner crossing where the band's outer side is hidden, mm (MR_CORTEX_FALLBACK_MM by default). */
  readonly fallbackOffsetMm?: number;
  /**
   * How much brighter than the marrow the level beyond a rise must be, as a share of the marrow (RISE_MIN_RATIO by
   * default); given (RISES_BELOW_SURROUNDINGS), mrBoundaryAlong reads rises as boundaries too.
   */
  readonly riseMinRatio?: number;
  /** Endplate profiles: fainter rises into a disc count too (discRisesOf); not with `riseMinRatio` (readsDiscRises). */
  readonly discRises?: boolean;
  /** Posterior wall profiles: fainter rises straight out of the marrow into the canal count too (see CANAL_RISE_MIN_RATIO). */
  readonly canalRises?: boolean;
}

interface Band extends MrBoundary {
  /** Where the band is darkest, mm, and its value there, image units. */
  readonly darkestMm: number;
  readonly darkestValue: number;
  /** The level beyond the band (OUTER_LEVEL_FROM_MM–OUTER_LEVEL_TO_MM past its darkest point), image units. */
  readonly outsideValue: number;
}

/** The smoothed profile from `start` along unit `direction`, long enough to read a band's outer side at `toMm`. */
function profileTo(view: PlaneView, start: Vec2, direction: Vec2, toMm: number, halfWidthMm: number): Float64Array {
  const raw = sampleProfile(view, start, direction, toMm + OUTER_LEVEL_TO_MM + 1, halfWidthMm);
  return smooth(raw, PROFILE_SMOOTHING_SIGMA_MM / PROFILE_STEP_MM);
}

/**
 * Every dark band whose darkest point lies in [fromMm, toMm] of the smoothed profile `s`, outward in order: a local
 * minimum at least `minContrast` below the marrow inside it (the median INNER_LEVEL_FROM_MM–INNER_LEVEL_TO_MM inward),
 * with its inner crossing, its outer crossing when the profile rises again beyond it, and its boundary.
 */
function bandsOf(s: Float64Array, fromMm: number, toMm: number, search: BandSearch): Band[] {
  const step = PROFILE_STEP_MM;
  const index = (mm: number) => Math.round(mm / step);
  const level = (a: number, b: number) => median(s.subarray(Math.max(0, a), Math.min(s.length, b + 1)));
  const bands: Band[] = [];
  const from = Math.max(1, index(fromMm));
  const to = Math.min(s.length - 2, index(toMm));
  for (let k = from; k <= to; k += 1) {
    const darkest = s[k]!;
    if (!(darkest <= s[k - 1]! && darkest < s[k + 1]!)) continue;
    const depth = level(k - index(INNER_LEVEL_TO_MM), k - index(INNER_LEVEL_FROM_MM)) - darkest;
    if (!(Number.isFinite(depth) && depth >= search.minContrast)) continue;
    const crossing = (levelValue: number, towards: 1 | -1, limit: number): number | null => {
      for (let m = k + towards; towards > 0 ? m <= limit : m >= limit; m += towards) {
        const previous = s[m - towards]!;
        const current = s[m]!;
        if (!Number.isFinite(current)) return null;
        if (current >= levelValue && previous < levelValue) return (m - towards + (towards * (levelValue - previous)) / (current - previous)) * step;
      }
      return null;
    };
    const innerMm = crossing(darkest + depth / 2, -1, Math.max(0, k - index(INNER_LEVEL_TO_MM)));
    if (innerMm === null) continue;
    const outerLevel = level(k + index(OUTER_LEVEL_FROM_MM), k + index(OUTER_LEVEL_TO_MM));
    const outerMm = outerLevel - darkest >= search.minContrast ? crossing((darkest + outerLevel) / 2, 1, Math.min(s.length - 1, k + index(OUTER_LEVEL_TO_MM))) : null;
    const outer = outerMm !== null && outerMm - innerMm <= MR_MAX_DARK_LINE_MM ? outerMm : null;
    const boundaryMm = outer !== null ? mrBoundaryOf(innerMm, outer, search.blurMm) : innerMm + (search.fallbackOffsetMm ?? MR_CORTEX_FALLBACK_MM);
    bands.push({ innerMm, outerMm: outer, boundaryMm, contrast: depth, darkestMm: k * step, darkestValue: darkest, outsideValue: outerLevel });
  }
  return bands;
}

/**
 * The level a rise at sample `k` of `s` starts from, for its half-way crossing: the level inside it (`inner`), or where
 * the body's marrow is darker than its surroundings (`search.riseMinRatio` given) the darkest within
 * INNER_LEVEL_FROM_MM before it when lower: a faint cortex seen just before the rise, whose outer surface is half way
 * from it to the tissue beyond. From the marrow instead, the crossing lies further out by a share of the blur that
 * grows as the step shrinks: on STIR against the dim annulus at the rims (a step of 1–2 × the marrow-to-cortex depth)
 * ≈ 0.4 mm per corner, both posterior corners of the sweep's T12 out and Hp 1.8–2 mm tall at confidence 1.
 */
function riseBase(s: Float64Array, k: number, inner: number, search: BandSearch): number {
  if (search.riseMinRatio === undefined) return inner;
  let darkest = inner;
  for (let m = Math.max(0, k - Math.round(INNER_LEVEL_FROM_MM / PROFILE_STEP_MM)); m <= k; m += 1) darkest = Math.min(darkest, s[m]!);
  return darkest;
}

/** Whether sample `k` of `s` (2 ≤ k < length − 2) is where the profile rises most steeply among its neighbours. */
function steepestRiseAt(s: Float64Array, k: number): boolean {
  const d = s[k + 1]! - s[k - 1]!;
  return d > 0 && d >= s[k]! - s[k - 2]! && d >= s[k + 2]! - s[k]!;
}

/**
 * Every place in [fromMm, toMm] of the smoothed profile `s` where it rises from the level inside (the median
 * INNER_LEVEL_FROM_MM–INNER_LEVEL_TO_MM before it) to a level beyond (OUTER_LEVEL_FROM_MM–OUTER_LEVEL_TO_MM after it) at
 * least RISE_MIN_RATIO above it and above `marrowValue` (the marrow where the profile starts) and by at least
 * `minContrast`: marrow giving way to bright CSF, a bright disc nucleus
 * or fat where the thin dark cortex between is lost to the blur and the partial volume of a thick slice. The boundary is
 * the half-way crossing; a ratio, not a difference, so a coil's smooth bias field does not change it.
 */
function risesOf(s: Float64Array, fromMm: number, toMm: number, search: BandSearch, marrowValue: number): Band[] {
  const step = PROFILE_STEP_MM;
  const index = (mm: number) => Math.round(mm / step);
  const level = (a: number, b: number) => median(s.subarray(Math.max(0, a), Math.min(s.length, b + 1)));
  const rises: Band[] = [];
  for (let k = Math.max(2, index(fromMm)); k <= Math.min(s.length - 3, index(toMm)); k += 1) {
    if (!steepestRiseAt(s, k)) continue;
    const inner = level(k - index(INNER_LEVEL_TO_MM), k - index(INNER_LEVEL_FROM_MM));
    const outer = level(k + index(OUTER_LEVEL_FROM_MM), k + index(OUTER_LEVEL_TO_MM));
    const base = Math.max(inner, marrowValue);
    const strong = outer >= (1 + (search.riseMinRatio ?? RISE_MIN_RATIO)) * base;
    const intoCanal = search.canalRises === true && outer >= (1 + CANAL_RISE_MIN_RATIO) * base && straightOutOfMarrow(s, k, marrowValue) && lastsBright(s, k, (inner + outer) / 2);
    if (!(outer - inner >= search.minContrast && (strong || intoCanal))) continue;
    const half = (riseBase(s, k, inner, search) + outer) / 2;
    let at = k * step;
    for (let m = Math.max(1, k - index(INNER_LEVEL_FROM_MM)); m <= Math.min(s.length - 1, k + index(OUTER_LEVEL_FROM_MM)); m += 1) {
      if (s[m]! >= half && s[m - 1]! < half) {
        at = (m - 1 + (half - s[m - 1]!) / (s[m]! - s[m - 1]!)) * step;
        break;
      }
    }
    rises.push({ innerMm: at, outerMm: at, boundaryMm: at, contrast: outer - inner, darkestMm: at, darkestValue: inner, outsideValue: outer, rise: true, ...(strong ? {} : { canalRise: true }) });
  }
  return rises;
}

/**
 * On a posterior wall's profile a rise out of the marrow at least this much brighter, as a share of the marrow, counts
 * as the wall when it comes straight out of the marrow (straightOutOfMarrow): at the basivertebral foramen, in the
 * middle of the wall, the veins leave the body and a T2 shows no dark cortex there, only the marrow giving way to the
 * bright venous plexus and the CSF behind it, 1.5–2 × the marrow of a young adult (a real 1.5 T T2 TSE, Chu et al.
 * 2015: 1.7–1.8 ×); without it the wall was read at the far side of the dural sac, 15–22 mm behind. On T1 the canal is
 * dark, so a rise behind the wall comes out of that dark and does not count.
 */
const CANAL_RISE_MIN_RATIO = 0.3;

/**
 * A rise into the canal is followed by the CSF, bright over at least this much of the profile, mm: the dural sac of a
 * lumbar canal is 10–15 mm deep; a vein inside the body or the noise of a coarse image is not (the real TPTBox T2,
 * 1.5 mm voxels: rises of a voxel or two in the marrow in front of the wall took it 0.3–0.5 mm forward).
 */
const CANAL_MIN_MM = 3;

/** Whether `s` stays at or above `half` over CANAL_MIN_MM from sample `k` on. */
function lastsBright(s: Float64Array, k: number, half: number): boolean {
  const to = k + Math.round(CANAL_MIN_MM / PROFILE_STEP_MM);
  if (to >= s.length) return false;
  for (let m = k + 1; m <= to; m += 1) if (s[m]! < half) return false;
  return true;
}

/** Whether nothing over INNER_LEVEL_FROM_MM before sample `k` of `s` is darker than STRAIGHT_OUT_OF_MARROW × `levelValue`. */
function straightOutOfMarrow(s: Float64Array, k: number, levelValue: number): boolean {
  const from = Math.max(0, k - Math.round(INNER_LEVEL_FROM_MM / PROFILE_STEP_MM));
  for (let m = from; m < k; m += 1) if (s[m]! < STRAIGHT_OUT_OF_MARROW * levelValue) return false;
  return true;
}

/** Whether a search reads rises into a disc: asked for, and not where every rise of `riseMinRatio` counts already. */
function readsDiscRises(search: BandSearch): boolean {
  return search.discRises === true && search.riseMinRatio === undefined;
}

/**
 * Every rise in [fromMm, toMm] of the smoothed profile `s` into a disc (see DISC_RISE_MIN_RATIO): a step of at least
 * `minContrast` to a level beyond at least DISC_RISE_MIN_RATIO brighter than the level inside and the marrow
 * (`marrowValue`), straight out of the marrow (STRAIGHT_OUT_OF_MARROW), whose bright stretch (above half way) lasts
 * DISC_STRETCH_MM and is followed, from NEIGHBOUR_MARROW_FROM_MM past its end over NEIGHBOUR_MARROW_MM, by marrow as
 * bright as this body's all along (NEIGHBOUR_LEVEL_RANGE). The boundary is the half-way crossing, as for risesOf.
 */
function discRisesOf(s: Float64Array, fromMm: number, toMm: number, search: BandSearch, marrowValue: number): Band[] {
  const step = PROFILE_STEP_MM;
  const index = (mm: number) => Math.round(mm / step);
  const level = (a: number, b: number) => median(s.subarray(Math.max(0, a), Math.min(s.length, b + 1)));
  const rises: Band[] = [];
  for (let k = Math.max(index(INNER_LEVEL_TO_MM), index(fromMm)); k <= Math.min(s.length - 3, index(toMm)); k += 1) {
    if (!steepestRiseAt(s, k)) continue;
    const inner = level(k - index(INNER_LEVEL_TO_MM), k - index(INNER_LEVEL_FROM_MM));
    const outer = level(k + index(OUTER_LEVEL_FROM_MM), k + index(OUTER_LEVEL_TO_MM));
    const base = Math.max(inner, marrowValue);
    if (!(outer - inner >= search.minContrast && outer >= (1 + DISC_RISE_MIN_RATIO) * base)) continue;
    const half = (inner + outer) / 2;
    let start = k;
    while (start < s.length - 1 && s[start]! < half) start += 1;
    while (start > 0 && s[start - 1]! >= half) start -= 1;
    let end = start;
    while (end < s.length - 1 && s[end + 1]! >= half) end += 1;
    const stretchMm = (end - start) * step;
    if (stretchMm < DISC_STRETCH_MM[0] || stretchMm > DISC_STRETCH_MM[1]) continue;
    if (!straightOutOfMarrow(s, start, inner)) continue;
    const from = end + index(NEIGHBOUR_MARROW_FROM_MM);
    const to = from + index(NEIGHBOUR_MARROW_MM);
    if (to >= s.length) continue;
    const beyond = s.subarray(from, to + 1);
    if (!beyond.every((v) => v >= NEIGHBOUR_LEVEL_RANGE[0] * inner && v <= NEIGHBOUR_LEVEL_RANGE[1] * inner)) continue;
    const at = (start - 1 + (half - s[start - 1]!) / (s[start]! - s[start - 1]!)) * step;
    rises.push({ innerMm: at, outerMm: at, boundaryMm: at, contrast: outer - inner, darkestMm: at, darkestValue: inner, outsideValue: outer, rise: true, discRise: true });
    k = end;
  }
  return rises;
}

/** A fall into a lasting dark: its boundary (mm from the profile's start) and its depth below the level inside (image units). */
export interface LastingDarkFall {
  /** Where the profile crosses half way from the level inside to the dark, mm. */
  readonly innerMm: number;
  readonly boundaryMm: number;
  readonly contrast: number;
}

/**
 * The first place in [fromMm, toMm] of the smoothed profile `s` where it falls from the level inside (the median
 * INNER_LEVEL_FROM_MM–INNER_LEVEL_TO_MM before it) by at least `minContrast` into a dark (at most LASTING_DARK_MAX_SHARE
 * of that level) that stays below half way between the two for LASTING_DARK_MM, the fall itself no wider than
 * FALL_WIDTH_MM: a wall whose cortex merges with the dark beyond it. Its boundary is the half-way crossing plus a
 * cortex, as for a band whose outer side is hidden; null when there is none.
 */
function firstLastingDarkFall(s: Float64Array, fromMm: number, toMm: number, search: BandSearch): LastingDarkFall | null {
  const step = PROFILE_STEP_MM;
  const index = (mm: number) => Math.round(mm / step);
  const level = (a: number, b: number) => median(s.subarray(Math.max(0, a), Math.min(s.length, b + 1)));
  const fallWidth = index(FALL_WIDTH_MM);
  const lasting = index(LASTING_DARK_MM);
  for (let k = Math.max(index(INNER_LEVEL_TO_MM), index(fromMm)); k <= Math.min(s.length - 1 - fallWidth - lasting, index(toMm)); k += 1) {
    const inner = level(k - index(INNER_LEVEL_TO_MM), k - index(INNER_LEVEL_FROM_MM));
    const dark = level(k + fallWidth, k + fallWidth + lasting);
    const half = (inner + dark) / 2;
    if (!(inner - dark >= search.minContrast && dark <= LASTING_DARK_MAX_SHARE * inner && s[k - 1]! >= half && s[k]! < half)) continue;
    let stays = true;
    for (let m = k; m <= k + fallWidth + lasting && stays; m += 1) stays = s[m]! < half;
    if (!stays) continue;
    const innerMm = (k - 1 + (half - s[k - 1]!) / (s[k]! - s[k - 1]!)) * step;
    return { innerMm, boundaryMm: innerMm + (search.fallbackOffsetMm ?? MR_CORTEX_FALLBACK_MM), contrast: inner - dark };
  }
  return null;
}

/**
 * Whether a band can be the body's boundary where its marrow is darker than its surroundings (`search.riseMinRatio`
 * given): its dark continues (fat, suppressed, beyond the cortex) or it opens onto a tissue brighter than the marrow
 * by the rise's ratio (disc, CSF, soft tissue). A band that comes back to the marrow's level lies inside the marrow: a
 * vein's channel or a trabecular gap, as deep as STIR's faint cortex (on the sweep's STIR a dip 8 mm inside T12's
 * posterior wall, taken for it: the body 9 mm too shallow and Hp 3 mm short at confidence 1). Always true otherwise.
 */
function opensOutward(band: Band, marrowValue: number, search: BandSearch): boolean {
  if (search.riseMinRatio === undefined || band.outerMm === null) return true;
  return band.outsideValue >= (1 + search.riseMinRatio) * marrowValue;
}

/**
 * The body's boundaries along a profile from inside the body outward (from `start` along unit `direction`): every dark
 * band darkest between fromMm and toMm that reaches at least BAND_RELATIVE_DEPTH as far below the marrow at the
 * profile's start as the darkest band within BAND_LOOK_AHEAD_MM beyond it (a trabecular gap or a vein is shallower
 * than the cortex just beyond it; the dark cord within bright CSF is no darker than marrow), outward in order.
 */
export function mrBandsAlong(
  view: PlaneView,
  start: Vec2,
  direction: Vec2,
  search: BandSearch & { readonly fromMm: number; readonly toMm: number },
): Array<MrBoundary & { readonly darkestValue: number }> {
  const s = profileTo(view, start, direction, search.toMm + BAND_LOOK_AHEAD_MM, search.halfWidthMm);
  const marrowValue = median(s.subarray(0, Math.round(INNER_LEVEL_FROM_MM / PROFILE_STEP_MM) + 1));
  const all = bandsOf(s, search.fromMm, search.toMm + BAND_LOOK_AHEAD_MM, search).filter((b) => opensOutward(b, marrowValue, search));
  const below = (band: Band) => marrowValue - band.darkestValue;
  const bands = all.filter((band) => {
    if (band.darkestMm > search.toMm) return false;
    const ahead = all.filter((o) => o.darkestMm >= band.darkestMm && o.darkestMm <= band.darkestMm + BAND_LOOK_AHEAD_MM);
    return below(band) >= BAND_RELATIVE_DEPTH * Math.max(...ahead.map(below));
  });
  // A rise where no band was kept just before it (a band's own outer side is already its boundary).
  const strongRises = risesOf(s, search.fromMm, search.toMm, search, marrowValue);
  const discRises =
    readsDiscRises(search)
      ? discRisesOf(s, search.fromMm, search.toMm, search, marrowValue).filter((r) => !strongRises.some((o) => Math.abs(o.boundaryMm - r.boundaryMm) <= RISE_BAND_MERGE_MM))
      : [];
  const rises = [...strongRises, ...discRises].filter((r) => !bands.some((b) => Math.abs(b.boundaryMm - r.boundaryMm) <= RISE_BAND_MERGE_MM));
  return [...bands, ...rises].sort((a, b) => a.boundaryMm - b.boundaryMm);
}

/**
 * The first fall into a lasting dark (firstLastingDarkFall) on the profile from `start` along unit `direction` between
 * fromMm and toMm, or null when the profile shows none.
 */
export function lastingDarkFallAlong(
  view: PlaneView,
  start: Vec2,
  direction: Vec2,
  search: BandSearch & { readonly fromMm: number; readonly toMm: number },
): LastingDarkFall | null {
  const s = profileTo(view, start, direction, search.toMm + FALL_WIDTH_MM + LASTING_DARK_MM, search.halfWidthMm);
  return firstLastingDarkFall(s, search.fromMm, search.toMm, search);
}

/**
 * Wall probes that must show a fall into a lasting dark before the located wall, and agree, before the wall is read at
 * those falls (lastingDarkWall): the basivertebral vein leaves through the posterior wall at mid-height, and its
 * channel, dark on some sequences, joins the canal's dark on two or three of the seven probes at most.
 */
const LASTING_DARK_MIN_PROBES = 4;
/**
 * A fall whose half-way crossing lies within this distance of the inner crossing of the located wall's band is that
 * band's own inner side (a cortex as dark as the canal behind it, its far side unseen), mm.
 */
const LASTING_DARK_OWN_BAND_MM = 1;
/** The probes' falls agree when each lies within this distance of their median, mm. */
const LASTING_DARK_AGREEMENT_MM = 2;

/** One wall probe for lastingDarkWall: where it starts, and where the wall was located on it (its boundary and, for a band, its inner crossing, mm). */
export interface WallProbe {
  readonly start: Vec2;
  readonly wallMm: number;
  readonly wallInnerMm: number | null;
}

/**
 * A posterior wall read at the marrow's fall into the canal's dark where it was located beyond the canal: per probe the
 * fall (lastingDarkFallAlong), or null where that probe's fall is not taken; null as a whole to keep the located wall.
 * On T1 the posterior cortex is thin and the ligament, the epidural tissue and the CSF behind it are all dark, so the
 * marrow falls once into a dark that lasts across the canal and the cortex shows no band of its own; the first dark
 * band with a far side is then the back of the canal, and the body 8–17 mm too deep (VerSe's anatomy made into T1).
 * Taken when LASTING_DARK_MIN_PROBES of the probes fall more than `minBeforeWallMm` before their located wall, at
 * places that agree, each fall not the located band's own inner side. Only for the posterior wall: in front of the
 * anterior one lie fat or muscle, not a dark canal.
 */
export function lastingDarkWall(
  view: PlaneView,
  probes: readonly WallProbe[],
  direction: Vec2,
  search: BandSearch,
  minBeforeWallMm: number,
): (LastingDarkFall | null)[] | null {
  const falls = probes.map(({ start, wallMm, wallInnerMm }) => {
    const fall = lastingDarkFallAlong(view, start, direction, { ...search, fromMm: 0, toMm: wallMm });
    if (fall === null || wallMm - fall.boundaryMm <= minBeforeWallMm) return null;
    return wallInnerMm !== null && Math.abs(wallInnerMm - fall.innerMm) <= LASTING_DARK_OWN_BAND_MM ? null : fall;
  });
  const found = falls.filter((fall): fall is LastingDarkFall => fall !== null);
  if (found.length < LASTING_DARK_MIN_PROBES) return null;
  const middle = median(found.map((fall) => fall.boundaryMm));
  const agreeing = falls.map((fall) => (fall !== null && Math.abs(fall.boundaryMm - middle) <= LASTING_DARK_AGREEMENT_MM ? fall : null));
  return agreeing.filter((fall) => fall !== null).length >= LASTING_DARK_MIN_PROBES ? agreeing : null;
}

/**
 * The dark band nearest `expectedMm` within ±`windowMm` on the profile from `start` along unit `direction`, of those
 * at least DEPTH_SHARE as deep as the deepest there; null when there is none.
 */
export function mrBoundaryAlong(
  view: PlaneView,
  start: Vec2,
  direction: Vec2,
  search: BandSearch & { readonly expectedMm: number; readonly windowMm: number; readonly fitBand?: boolean },
): MrBoundary | null {
  const toMm = search.expectedMm + search.windowMm;
  const fromMm = Math.max(INNER_LEVEL_TO_MM, search.expectedMm - search.windowMm);
  const discRises = readsDiscRises(search);
  const s = profileTo(view, start, direction, toMm + (discRises ? DISC_STRETCH_MM[1] + NEIGHBOUR_MARROW_FROM_MM + NEIGHBOUR_MARROW_MM : 0), search.halfWidthMm);
  const marrowValue = median(s.subarray(0, Math.round(INNER_LEVEL_FROM_MM / PROFILE_STEP_MM) + 1));
  const all = bandsOf(s, fromMm, toMm, search).filter((b) => opensOutward(b, marrowValue, search));
  const deepest = Math.max(...all.map((b) => b.contrast));
  const bands = all.filter((b) => b.contrast >= DEPTH_SHARE * deepest);
  const rises = (
    search.riseMinRatio !== undefined ? risesOf(s, fromMm, toMm + MR_MAX_DARK_LINE_MM, search, marrowValue) : discRises ? discRisesOf(s, fromMm, toMm, search, marrowValue) : []
  ).filter((r) => !all.some((b) => Math.abs(b.boundaryMm - r.boundaryMm) <= RISE_BAND_MERGE_MM));
  // A band whose outer side was not seen, with a rise beyond it within a dark line's width: the rise is that side.
  const candidates = [
    ...bands.filter((b) => b.outerMm !== null || !rises.some((r) => r.boundaryMm > b.darkestMm && r.boundaryMm - b.innerMm <= MR_MAX_DARK_LINE_MM)),
    ...rises.filter((r) => r.boundaryMm <= toMm || bands.some((b) => b.outerMm === null && r.boundaryMm > b.darkestMm && r.boundaryMm - b.innerMm <= MR_MAX_DARK_LINE_MM)),
  ];
  if (candidates.length === 0) return null;
  const chosen = candidates.reduce((best, b) => (Math.abs(b.darkestMm - search.expectedMm) < Math.abs(best.darkestMm - search.expectedMm) ? b : best));
  if (rises.includes(chosen)) return chosen;
  return search.fitBand ? fittedBoundary(s, chosen, view.lowValue) : chosen;
}

/**
 * A two-sided band's boundary read from the blurred band fitted to it (fitBlurredBand: its own centre and width, the
 * blur fitted with them) rather than from its half-depth crossings, which a band narrower than the blur between two
 * unequal plateaus puts off centre; the surface is the band's centre plus half the bone in it (at most MR_MAX_CORTEX_MM,
 * as mrBoundaryOf). A one-sided band (the outer level not seen) keeps its fall plus a cortex, with the fit beside it
 * (MrBoundary.oneSidedFit) when the image's no-signal level is known: without it a one-sided band's width is not
 * determined at all. The band's level is the
 * image's no-signal level (PlaneView.lowValue, the darkest percentile around the click): cortical bone's T2* is
 * ≈ 0.3–0.5 ms, so at the echo times of clinical T1, T2 and STIR (≥ 5 ms) it gives no signal (Du J, Bydder GM,
 * Radiol Clin North Am 2013;51:731); without that level a band narrower than the blur has no definite width.
 */
function fittedBoundary(s: Float64Array, band: Band, noSignalValue: number): Band {
  if (band.outerMm === null && !Number.isFinite(noSignalValue)) return band;
  const fit = fitBlurredBand(s, PROFILE_STEP_MM, {
    fromMm: band.darkestMm - INNER_LEVEL_TO_MM,
    toMm: band.darkestMm + OUTER_LEVEL_TO_MM,
    darkestMm: band.darkestMm,
    bandValue: Number.isFinite(noSignalValue) ? Math.min(noSignalValue, band.darkestValue) : undefined,
  });
  if (!fit) return band;
  if (band.outerMm === null) {
    const oneSidedFit = { boundaryMm: fit.centreMm + Math.min(fit.widthMm, MR_MAX_CORTEX_MM) / 2, widthMm: fit.widthMm, outsideContrast: fit.outsideValue - fit.bandValue };
    return { ...band, oneSidedFit };
  }
  return { ...band, boundaryMm: fit.centreMm + Math.min(fit.widthMm, MR_MAX_CORTEX_MM) / 2, crossingBoundaryMm: band.boundaryMm, fittedWidthMm: fit.widthMm };
}
