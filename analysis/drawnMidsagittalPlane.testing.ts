import type { PlaneImage } from './image';

/**
 * For tests: a drawn midsagittal plane of 320 × 320 pixels of 0.5 mm, centred on the patient origin, whose value at
 * (`backMm` behind, `upMm` above) the centre is `valueAt(backMm, upMm)` plus deterministic noise, uniform within
 * ±`noiseAmplitude` (a linear congruential sequence from `seed`, so every run draws the same plane). In plane mm, x
 * runs to the back (patient y) and y to the feet (patient −z).
 */
export function drawnMidsagittalPlane(valueAt: (backMm: number, upMm: number) => number, noiseAmplitude: number, seed: number): PlaneImage {
  const spacingMm = 0.5;
  const size = 320;
  const half = (size * spacingMm) / 2;
  const values = new Float32Array(size * size);
  let state = seed;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648 - 0.5) * 2 * noiseAmplitude;
  };
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) values[c + r * size] = valueAt(-half + c * spacingMm, half - r * spacingMm) + noise();
  }
  return {
    kind: 'plane',
    values,
    columns: size,
    rows: size,
    originMm: [0, -half, half],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    columnSpacingMm: spacingMm,
    rowSpacingMm: spacingMm,
    calibrated: true,
  };
}

/** For tests: a drawn CT column's bodies (mm; a height that grows linearly from front to back) and its values (HU). */
export interface DrawnCtColumn {
  readonly depthMm: number;
  readonly anteriorMm: number;
  readonly posteriorMm: number;
  readonly discMm: number;
  readonly cortexMm: number;
  readonly marrowHu: number;
  readonly cortexHu: number;
  readonly discHu: number;
  /** The value `mm` in front of the anterior wall (> 0). */
  readonly inFront: (mm: number) => number;
}

/**
 * For tests: the value at (`backMm` behind, `upMm` above) the centre of a midsagittal CT column (drawnMidsagittalPlane's
 * valueAt): bodies centred on the origin every mean height plus a disc, with a shell of `cortexMm`; in front of them
 * `inFront`, behind them the canal (20 HU, 16 mm) and soft tissue (40 HU).
 */
export function drawnCtColumnValue(column: DrawnCtColumn, backMm: number, upMm: number): number {
  const period = (column.anteriorMm + column.posteriorMm) / 2 + column.discMm;
  const fromFront = backMm + column.depthMm / 2;
  if (fromFront < 0) return column.inFront(-fromFront);
  if (fromFront > column.depthMm) return fromFront - column.depthMm <= 16 ? 20 : 40;
  const height = column.anteriorMm + ((column.posteriorMm - column.anteriorMm) * fromFront) / column.depthMm;
  const fromMiddle = upMm - Math.round(upMm / period) * period;
  if (Math.abs(fromMiddle) > height / 2) return column.discHu;
  const inside = Math.min(height / 2 - Math.abs(fromMiddle), fromFront, column.depthMm - fromFront);
  return inside < column.cortexMm ? column.cortexHu : column.marrowHu;
}

/**
 * For tests: `valueAt` (as for drawnMidsagittalPlane) seen through an MR's in-plane point spread, a Gaussian of σ
 * `sigmaMm` sampled on a 5 × 5 grid σ apart.
 */
export function withPointSpread(valueAt: (backMm: number, upMm: number) => number, sigmaMm = 0.6): (backMm: number, upMm: number) => number {
  const offsetsMm = [-2, -1, 0, 1, 2].map((k) => k * sigmaMm);
  const weights = offsetsMm.map((o) => Math.exp(-(o * o) / (2 * sigmaMm * sigmaMm)));
  return (backMm, upMm) => {
    let sum = 0;
    let total = 0;
    offsetsMm.forEach((dx, a) => {
      offsetsMm.forEach((dy, b) => {
        const w = weights[a]! * weights[b]!;
        sum += w * valueAt(backMm + dx, upMm + dy);
        total += w;
      });
    });
    return sum / total;
  };
}

/** For tests: the drawn column's bodies, 36 mm deep and 26 mm high, 8 mm discs between them, one centred on (0, 0). */
export const DRAWN_BODY = { depthMm: 36, heightMm: 26, discMm: 8 } as const;

/** Where a point of the drawn column lies: in front of the bodies, behind them (how far), in a disc or in a body. */
export type ColumnPlace =
  | { readonly kind: 'front' }
  | { readonly kind: 'behind'; readonly beyondMm: number }
  | { readonly kind: 'disc' }
  /**
   * `depthInsideMm`: distance to the body's outline; `aboveMiddleMm`: how far above the body's mid-height; `middle`: the
   * body centred on (0, 0).
   */
  | { readonly kind: 'body'; readonly depthInsideMm: number; readonly aboveMiddleMm: number; readonly middle: boolean };

/** For tests: where (`backMm` behind, `upMm` above the centre) lies in a column of `body`s (DRAWN_BODY's by default). */
export function placeInDrawnColumn(
  backMm: number,
  upMm: number,
  body: { readonly depthMm: number; readonly heightMm: number; readonly discMm: number } = DRAWN_BODY,
): ColumnPlace {
  const { depthMm, heightMm, discMm } = body;
  if (backMm > depthMm / 2) return { kind: 'behind', beyondMm: backMm - depthMm / 2 };
  if (backMm < -depthMm / 2) return { kind: 'front' };
  const period = heightMm + discMm;
  const inPeriod = (((upMm + heightMm / 2) % period) + period) % period;
  if (inPeriod >= heightMm) return { kind: 'disc' };
  const depthInsideMm = Math.min(inPeriod, heightMm - inPeriod, backMm + depthMm / 2, depthMm / 2 - backMm);
  return { kind: 'body', depthInsideMm, aboveMiddleMm: inPeriod - heightMm / 2, middle: Math.abs(upMm) < heightMm / 2 };
}

/**
 * For tests: a healthy lumbar T2's value at a place of the drawn column: marrow 60 inside a 1 mm dark cortex (10),
 * bright discs (100), soft tissue in front (80), and behind the bodies the posterior longitudinal ligament (15, 1.5 mm),
 * the CSF (110) to 15 mm, the dura and posterior elements (30) to 18 mm, then fat (120).
 */
export function drawnT2Value(place: ColumnPlace): number {
  switch (place.kind) {
    case 'behind':
      return place.beyondMm < 1.5 ? 15 : place.beyondMm < 15 ? 110 : place.beyondMm < 18 ? 30 : 120;
    case 'front':
      return 80;
    case 'disc':
      return 100;
    case 'body':
      return place.depthInsideMm < 1 ? 10 : 60;
  }
}
