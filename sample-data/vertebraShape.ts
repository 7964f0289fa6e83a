/**
 * Every vertebra the phantom draws, cranial → caudal. T8, T9, L4 and L5 are context only: they fill the margins of
 * the fields of view so the spine does not stop at T10 and L3.
 */
export const PHANTOM_LEVELS = ['T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'] as const;
export type PhantomLevel = (typeof PHANTOM_LEVELS)[number];

/**
 * Every level a drawn spine may hold: the phantom's, and those the test helpers draw above and below it
 * (tests/helpers/regionSpines.ts: the upper thoracic spine, the sacrum). The committed phantom draws PHANTOM_LEVELS only.
 */
export type DrawnLevel = PhantomLevel | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'S1' | 'S2' | 'S3';

/** The levels that carry ground truth. */
export const GROUND_TRUTH_LEVELS = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3'] as const;
export type GroundTruthLevel = (typeof GROUND_TRUTH_LEVELS)[number];

/** The body of one vertebra in its own frame (u anterior, v cranial, w left), in mm. */
export interface VertebraShape {
  readonly level: DrawnLevel;
  readonly region: 'thoracic' | 'lumbar';
  /** Anteroposterior depth of the body in the midsagittal plane (w = 0). */
  readonly depthMm: number;
  /** Left–right width of the body. */
  readonly widthMm: number;
  /** Heights the shape is built to have at u = −a, +a and 0 (w = 0): posterior, anterior, middle. */
  readonly posteriorHeightMm: number;
  readonly anteriorHeightMm: number;
  readonly middleHeightMm: number;
  /** Share (0–1) of the anterior shortening Hp − Ha carried by the superior endplate; the rest by the inferior. */
  readonly superiorShareOfWedge: number;
  /** Share (0–1) of the central depression (linear middle − Hm) carried by the superior endplate. */
  readonly superiorShareOfConcavity: number;
  /** Fractured bodies hold marrow oedema: bright on T2, slightly dense on CT. */
  readonly marrow: 'normal' | 'oedema';
  readonly description: string;
}

/** Distance of the anterior and posterior ground-truth points inside the walls, mm. */
export const POINT_INSET_MM = 1;

/** Half the anteroposterior span of the ground-truth points: they sit at u = +a and u = −a. */
export function pointHalfSpanMm(shape: VertebraShape): number {
  return shape.depthMm / 2 - POINT_INSET_MM;
}

/**
 * Depth profile of the endplate concavity, 1 at the centre and 0 at and beyond the ring |u| = a, |w| = b:
 * (1 − (u/a)² − (w/b)²)², squared so the endplate meets its rim without a kink.
 */
function dish(shape: VertebraShape, uMm: number, wMm: number): number {
  const a = pointHalfSpanMm(shape);
  const b = shape.widthMm / 2 - POINT_INSET_MM;
  const t = 1 - (uMm / a) ** 2 - (wMm / b) ** 2;
  return t > 0 ? t * t : 0;
}

/** Linear middle height (mean of anterior and posterior) minus the built middle height: the total central depression. */
function totalConcavityMm(shape: VertebraShape): number {
  return (shape.anteriorHeightMm + shape.posteriorHeightMm) / 2 - shape.middleHeightMm;
}

/** Fraction of the way from the posterior point (u = −a, 0) to the anterior point (u = +a, 1); linear, not clamped. */
function anteriorFraction(shape: VertebraShape, uMm: number): number {
  const a = pointHalfSpanMm(shape);
  return (uMm + a) / (2 * a);
}

/**
 * v of the superior endplate's outer surface at (u, w), mm. The posterior height is centred on v = 0; the superior
 * endplate drops its share of the wedge linearly towards anterior and is depressed by its share of the concavity.
 */
export function superiorEndplateVMm(shape: VertebraShape, uMm: number, wMm: number): number {
  const wedgeMm = shape.posteriorHeightMm - shape.anteriorHeightMm;
  return (
    shape.posteriorHeightMm / 2 -
    shape.superiorShareOfWedge * wedgeMm * anteriorFraction(shape, uMm) -
    shape.superiorShareOfConcavity * totalConcavityMm(shape) * dish(shape, uMm, wMm)
  );
}

/** v of the inferior endplate's outer surface at (u, w), mm (mirror of superiorEndplateVMm). */
export function inferiorEndplateVMm(shape: VertebraShape, uMm: number, wMm: number): number {
  const wedgeMm = shape.posteriorHeightMm - shape.anteriorHeightMm;
  return (
    -shape.posteriorHeightMm / 2 +
    (1 - shape.superiorShareOfWedge) * wedgeMm * anteriorFraction(shape, uMm) +
    (1 - shape.superiorShareOfConcavity) * totalConcavityMm(shape) * dish(shape, uMm, wMm)
  );
}
