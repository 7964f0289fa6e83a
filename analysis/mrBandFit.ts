/*
 * A dark band between two plateaus, fitted to a profile: marrow at level M inside, the band at D from a to b, the
 * tissue beyond at O, all seen through a Gaussian blur of σ. Read by its half-depth crossings, a band narrower than the
 * blur between two unequal plateaus (a 1 mm shell between T1 marrow and a darker disc) lies off centre: the blurred
 * step from M to O drags the minimum and both crossings towards the darker side, and its width reads as about the blur.
 * The fit reads the band's own centre and width and the blur together, whatever the blur is made of (the scanner's
 * point spread, the slice's partial volume, the plane's denoising and the profile's smoothing), so nothing has to be
 * assumed about any of them.
 */

/** What the fit found, mm from the profile's start. */
export interface BandFit {
  /** The band's centre, mm. */
  readonly centreMm: number;
  /** The band's own width (before the blur), mm. */
  readonly widthMm: number;
  /** The Gaussian blur's σ that fits best, mm. */
  readonly sigmaMm: number;
  /** Levels inside, in and beyond the band, image units. */
  readonly insideValue: number;
  readonly bandValue: number;
  readonly outsideValue: number;
  /** Root-mean-square difference of the samples from the fitted band, image units. */
  readonly rmsResidual: number;
}

/**
 * The grids searched. Centres and edges on an eighth of a millimetre; widths from a quarter millimetre (the thinnest
 * shell, Edwards et al. 2001: ≈ 0.4 mm) to 4 mm (a band with its cartilage endplate and chemical-shift band,
 * MR_MAX_DARK_LINE_MM less a pixel); σ from 0.4 mm (0.6 mm profile smoothing alone is σ 0.6: the floor with margin) to
 * 2 mm (a 4 mm slice through a curved endplate with 1.5 mm pixels and the plane's denoising).
 */
const GRID_MM = 0.125;
const MIN_WIDTH_MM = 0.25;
const MAX_WIDTH_MM = 4;
const WIDTH_STEP_MM = 0.25;
const SIGMAS_MM = [0.4, 0.55, 0.7, 0.85, 1, 1.2, 1.45, 1.7, 2] as const;
/** The band's centre is searched this far either side of its darkest sample, mm: a thin band's minimum moves by less than σ. */
const CENTRE_SEARCH_MM = 2;

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26; error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const e = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return 0.5 * (1 + (z >= 0 ? e : -e));
}

/** Solves the 3 × 3 symmetric system `a` x = `b` (Cramer's rule); null when singular. */
function solve3(a: readonly number[], b: readonly number[]): [number, number, number] | null {
  const [a00, a01, a02, a11, a12, a22] = a as [number, number, number, number, number, number];
  const det = a00 * (a11 * a22 - a12 * a12) - a01 * (a01 * a22 - a12 * a02) + a02 * (a01 * a12 - a11 * a02);
  if (!(Math.abs(det) > 1e-12)) return null;
  const [b0, b1, b2] = b as [number, number, number];
  const x0 = (b0 * (a11 * a22 - a12 * a12) - a01 * (b1 * a22 - a12 * b2) + a02 * (b1 * a12 - a11 * b2)) / det;
  const x1 = (a00 * (b1 * a22 - a12 * b2) - b0 * (a01 * a22 - a12 * a02) + a02 * (a01 * b2 - b1 * a02)) / det;
  const x2 = (a00 * (a11 * b2 - b1 * a12) - a01 * (a01 * b2 - b1 * a02) + b0 * (a01 * a12 - a11 * a02)) / det;
  return [x0, x1, x2];
}

/** Solves the 2 × 2 symmetric system [[a00, a01], [a01, a11]] x = b; null when singular. */
function solve2(a00: number, a01: number, a11: number, b0: number, b1: number): [number, number] | null {
  const det = a00 * a11 - a01 * a01;
  if (!(Math.abs(det) > 1e-12)) return null;
  return [(b0 * a11 - a01 * b1) / det, (a00 * b1 - a01 * b0) / det];
}

/**
 * The blurred band (inside level, band level, level beyond; edges a < b; Gaussian σ) that fits the samples of `s`
 * (spaced `stepMm`, a multiple of GRID_MM) from `fromMm` to `toMm` best in least squares, its centre searched within
 * CENTRE_SEARCH_MM of `darkestMm`. The band must be darker than both plateaus. Its level is `bandValue` when given
 * (cortical bone gives no signal: see mrEdge's fittedBoundary), else free but at least 0 (a magnitude image has no
 * negative signal). A band narrower than the blur shows only how much signal it takes away (depth × width), so without
 * its level neither its width nor the surface half a width beyond its centre is determined. Null when no band fits.
 */
export function fitBlurredBand(
  s: Float64Array,
  stepMm: number,
  window: { readonly fromMm: number; readonly toMm: number; readonly darkestMm: number; readonly bandValue?: number | undefined },
): BandFit | null {
  const fixedBand = window.bandValue;
  const from = Math.max(0, Math.ceil(window.fromMm / stepMm - 1e-9));
  const to = Math.min(s.length - 1, Math.floor(window.toMm / stepMm + 1e-9));
  const perStep = Math.round(stepMm / GRID_MM);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = from; k <= to; k += 1) {
    if (Number.isFinite(s[k]!)) {
      xs.push(k * perStep);
      ys.push(s[k]!);
    }
  }
  if (xs.length < 8) return null;
  const n = xs.length;
  const darkest = Math.round(window.darkestMm / GRID_MM);
  const search = Math.round(CENTRE_SEARCH_MM / GRID_MM);
  const widths: number[] = [];
  for (let w = Math.round(MIN_WIDTH_MM / GRID_MM); w <= Math.round(MAX_WIDTH_MM / GRID_MM); w += Math.round(WIDTH_STEP_MM / GRID_MM)) widths.push(w);
  // Every x − edge is a whole number of GRID_MM within ±span: one table of the blurred step per σ.
  const span = Math.max(Math.abs(xs[0]! - darkest), Math.abs(xs[n - 1]! - darkest)) + search + widths[widths.length - 1]!;
  const table = new Float64Array(2 * span + 1);
  let yy = 0;
  for (const y of ys) yy += y * y;
  let best: BandFit | null = null;
  let bestSse = Number.POSITIVE_INFINITY;
  for (const sigma of SIGMAS_MM) {
    for (let i = -span; i <= span; i += 1) table[i + span] = normalCdf((i * GRID_MM) / sigma);
    for (const w of widths) {
      for (let c2 = 2 * (darkest - search); c2 <= 2 * (darkest + search); c2 += 2) {
        // Edges on the GRID_MM grid: a = (c2 − w) / 2, b = (c2 + w) / 2 (c2 and w of one parity).
        if ((c2 - w) % 2 !== 0) continue;
        const a = (c2 - w) / 2;
        const b = (c2 + w) / 2;
        let s11 = 0, s12 = 0, s13 = 0, s22 = 0, s23 = 0, s33 = 0, y1 = 0, y2 = 0, y3 = 0;
        for (let i = 0; i < n; i += 1) {
          const pa = table[xs[i]! - a + span]!;
          const pb = table[xs[i]! - b + span]!;
          const f1 = 1 - pa;
          const f2 = pa - pb;
          const y = ys[i]!;
          s11 += f1 * f1; s12 += f1 * f2; s13 += f1 * pb; s22 += f2 * f2; s23 += f2 * pb; s33 += pb * pb;
          y1 += f1 * y; y2 += f2 * y; y3 += pb * y;
        }
        let levels: [number, number, number] | null;
        if (fixedBand !== undefined) {
          const mo = solve2(s11, s13, s33, y1 - fixedBand * s12, y3 - fixedBand * s23);
          levels = mo ? [mo[0], fixedBand, mo[1]] : null;
        } else {
          levels = solve3([s11, s12, s13, s22, s23, s33], [y1, y2, y3]);
          if (levels && levels[1] < 0) {
            const mo = solve2(s11, s13, s33, y1, y3);
            levels = mo ? [mo[0], 0, mo[1]] : null;
          }
        }
        if (!levels) continue;
        const [m, d, o] = levels;
        if (!(d < m && d < o)) continue;
        // Residual sum of squares less y·y (the same for every candidate): xᵀ(FᵀF)x − 2 x·(Fᵀy).
        const fit = m * m * s11 + d * d * s22 + o * o * s33 + 2 * (m * d * s12 + m * o * s13 + d * o * s23);
        const sse = fit - 2 * (m * y1 + d * y2 + o * y3);
        if (sse < bestSse) {
          bestSse = sse;
          best = { centreMm: (c2 / 2) * GRID_MM, widthMm: w * GRID_MM, sigmaMm: sigma, insideValue: m, bandValue: d, outsideValue: o, rmsResidual: 0 };
        }
      }
    }
  }
  return best && { ...best, rmsResidual: Math.sqrt(Math.max(0, (yy + bestSse) / n)) };
}
