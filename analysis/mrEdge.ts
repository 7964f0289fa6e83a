import { MR_CORTEX_FALLBACK_MM, MR_MAX_CORTEX_MM, MR_MAX_DARK_LINE_MM, PROFILE_SMOOTHING_SIGMA_MM, PROFILE_STEP_MM } from './constants';
import type { PlaneView } from './planeView';
import { median, sampleProfile, smooth } from './profile';
import type { Vec2 } from './vec';

/*
 * A body's boundary on MR, read on a profile that starts inside the body and runs outward. Cortical bone gives no
 * signal on T1 or T2, so the boundary is a dark band (cortex, with the ligaments or the annulus that attach to it):
 * marrow gives way to it on the inside (a fall on both T1 and T2) and, where a bright disc nucleus (T2), CSF or fat
 * lies beyond, it gives way to that on the outside. The fall is seen everywhere; the rise only where something bright
 * lies beyond.
 */

/** The dark band found on one profile, mm from the profile's start. */
export interface MrBoundary {
  /** Where the marrow falls half way to the band's darkest value. */
  readonly innerMm: number;
  /** Where the band rises half way to the level beyond it; null when the dark continues (annulus, ligament, T1 disc). */
  readonly outerMm: number | null;
  /** The body's boundary: the outer surface of the cortex (see mrBoundaryOf), mm. */
  readonly boundaryMm: number;
  /** Marrow level minus the band's darkest value, image units. */
  readonly contrast: number;
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

/**
 * The dark band nearest `expectedMm` within ±`windowMm` on the profile from `start` along unit `direction` (band
 * averaged ±halfWidthMm across), with a depth below the marrow inside it of at least `minContrast`. The boundary is
 * mrBoundaryOf the band when it has an outer side, else its inner crossing plus `fallbackOffsetMm` (how far the
 * boundary lies beyond the inner crossing where both sides are seen; MR_CORTEX_FALLBACK_MM when unknown). Null when
 * there is no band.
 */
export function mrBoundaryAlong(
  view: PlaneView,
  start: Vec2,
  direction: Vec2,
  search: {
    readonly expectedMm: number;
    readonly windowMm: number;
    readonly minContrast: number;
    readonly blurMm: number;
    readonly halfWidthMm: number;
    readonly fallbackOffsetMm?: number;
  },
): MrBoundary | null {
  const step = PROFILE_STEP_MM;
  const lengthMm = search.expectedMm + search.windowMm + OUTER_LEVEL_TO_MM + 1;
  const s = smooth(sampleProfile(view, start, direction, lengthMm, search.halfWidthMm), PROFILE_SMOOTHING_SIGMA_MM / step);
  const index = (mm: number) => Math.round(mm / step);
  const from = Math.max(index(INNER_LEVEL_TO_MM), index(search.expectedMm - search.windowMm));
  const to = Math.min(s.length - 2, index(search.expectedMm + search.windowMm));
  const level = (a: number, b: number) => median(s.subarray(Math.max(0, a), Math.min(s.length, b + 1)));
  const minima: { k: number; depth: number }[] = [];
  for (let k = Math.max(1, from); k <= to; k += 1) {
    const v = s[k]!;
    if (!(v <= s[k - 1]! && v < s[k + 1]!)) continue;
    const inner = level(k - index(INNER_LEVEL_TO_MM), k - index(INNER_LEVEL_FROM_MM));
    const depth = inner - v;
    if (Number.isFinite(depth) && depth >= search.minContrast) minima.push({ k, depth });
  }
  if (minima.length === 0) return null;
  const deepest = Math.max(...minima.map((m) => m.depth));
  const expectedK = search.expectedMm / step;
  const chosen = minima
    .filter((m) => m.depth >= DEPTH_SHARE * deepest)
    .reduce((best, m) => (Math.abs(m.k - expectedK) < Math.abs(best.k - expectedK) ? m : best));
  const k = chosen.k;
  const darkest = s[k]!;
  const innerLevel = darkest + chosen.depth;
  const crossing = (levelValue: number, towards: 1 | -1, limit: number): number | null => {
    for (let m = k + towards; towards > 0 ? m <= limit : m >= limit; m += towards) {
      const previous = s[m - towards]!;
      const current = s[m]!;
      if (!Number.isFinite(current)) return null;
      if (current >= levelValue && previous < levelValue) return (m - towards + (towards * (levelValue - previous)) / (current - previous)) * step;
    }
    return null;
  };
  const innerMm = crossing((darkest + innerLevel) / 2, -1, Math.max(0, k - index(INNER_LEVEL_TO_MM)));
  if (innerMm === null) return null;
  const outerLevel = level(k + index(OUTER_LEVEL_FROM_MM), k + index(OUTER_LEVEL_TO_MM));
  const rises = outerLevel - darkest >= search.minContrast;
  const outerMm = rises ? crossing((darkest + outerLevel) / 2, 1, Math.min(s.length - 1, k + index(OUTER_LEVEL_TO_MM))) : null;
  const outer = outerMm !== null && outerMm - innerMm <= MR_MAX_DARK_LINE_MM ? outerMm : null;
  const boundaryMm = outer !== null ? mrBoundaryOf(innerMm, outer, search.blurMm) : innerMm + (search.fallbackOffsetMm ?? MR_CORTEX_FALLBACK_MM);
  return { innerMm, outerMm: outer, boundaryMm, contrast: chosen.depth };
}
