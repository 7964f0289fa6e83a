import type { DrawnLevel, VertebraShape } from './vertebraShape';

/**
 * The numbers of the phantom, cranial → caudal. Posterior heights follow adult morphometry (T10 ≈ 22 mm growing to
 * L3 ≈ 28 mm); thoracic bodies are slightly wedged (Ha/Hp ≈ 0.93), lumbar ones nearly rectangular; a normal endplate
 * is 0.4 mm concave, so a normal middle height is the mean of anterior and posterior minus 0.8 mm.
 */

/** L1 at baseline: anterior wedge fracture, Ha = 0.65 Hp (35% loss, Genant grade 2). */
export const L1_BASELINE_ANTERIOR_RATIO = 0.65;
/** L1 after kyphoplasty: most of the anterior height regained, Ha = 0.9 Hp. */
export const L1_POST_ANTERIOR_RATIO = 0.9;
/** T12: biconcave fracture, Hm = 0.78 Hp (22% loss, Genant grade 1); anterior height kept at 0.97 Hp. */
export const T12_MIDDLE_RATIO = 0.78;
export const T12_ANTERIOR_RATIO = 0.97;

const NORMAL_CONCAVITY_TOTAL_MM = 0.8;

/** One level of the stack: its body, its rotation about x, and the disc below it (mid-disc height, mm). */
export interface LevelSpec {
  readonly shape: VertebraShape;
  readonly tiltDeg: number;
  readonly discBelowMm: number;
}

/** The numbers a normal body is built from (normalShape). */
export interface BodySize {
  level: DrawnLevel;
  depthMm: number;
  widthMm: number;
  posteriorHeightMm: number;
  anteriorRatio: number;
}

/** A normal body of `size`: endplates 0.4 mm concave each, the wedge shared equally by both. */
export function normalShape({ level, depthMm, widthMm, posteriorHeightMm, anteriorRatio }: BodySize): VertebraShape {
  const anteriorHeightMm = posteriorHeightMm * anteriorRatio;
  return {
    level,
    region: level.startsWith('T') ? 'thoracic' : 'lumbar',
    depthMm,
    widthMm,
    posteriorHeightMm,
    anteriorHeightMm,
    middleHeightMm: (posteriorHeightMm + anteriorHeightMm) / 2 - NORMAL_CONCAVITY_TOTAL_MM,
    superiorShareOfWedge: 0.5,
    superiorShareOfConcavity: 0.5,
    marrow: 'normal',
    description: 'normal',
  };
}

const T8 = normalShape({ level: 'T8', depthMm: 33, widthMm: 38, posteriorHeightMm: 20.5, anteriorRatio: 0.92 });
const T9 = normalShape({ level: 'T9', depthMm: 34, widthMm: 39, posteriorHeightMm: 21, anteriorRatio: 0.92 });
const T10 = normalShape({ level: 'T10', depthMm: 35, widthMm: 40, posteriorHeightMm: 22, anteriorRatio: 0.93 });
const T11 = normalShape({ level: 'T11', depthMm: 36, widthMm: 42, posteriorHeightMm: 23, anteriorRatio: 0.94 });
const T12_INTACT = normalShape({ level: 'T12', depthMm: 37, widthMm: 44, posteriorHeightMm: 24, anteriorRatio: T12_ANTERIOR_RATIO });
const L1_INTACT = normalShape({ level: 'L1', depthMm: 38, widthMm: 46, posteriorHeightMm: 25.5, anteriorRatio: 0.97 });
const L2 = normalShape({ level: 'L2', depthMm: 40, widthMm: 48, posteriorHeightMm: 27, anteriorRatio: 0.98 });
const L3 = normalShape({ level: 'L3', depthMm: 42, widthMm: 50, posteriorHeightMm: 28, anteriorRatio: 1 });
const L4 = normalShape({ level: 'L4', depthMm: 43, widthMm: 51, posteriorHeightMm: 28.5, anteriorRatio: 1 });
/** L5 is the one lumbar body taller in front than behind. */
const L5 = normalShape({ level: 'L5', depthMm: 44, widthMm: 52, posteriorHeightMm: 26, anteriorRatio: 1.08 });

const T12_BICONCAVE: VertebraShape = {
  ...T12_INTACT,
  middleHeightMm: T12_MIDDLE_RATIO * T12_INTACT.posteriorHeightMm,
  description: 'biconcave fracture ~22% middle height loss',
};

/** Wedge fractures mostly crush the superior endplate: it carries 80% of the anterior loss. */
const L1_WEDGE: VertebraShape = {
  ...L1_INTACT,
  anteriorHeightMm: L1_BASELINE_ANTERIOR_RATIO * L1_INTACT.posteriorHeightMm,
  middleHeightMm: ((1 + L1_BASELINE_ANTERIOR_RATIO) / 2) * L1_INTACT.posteriorHeightMm - NORMAL_CONCAVITY_TOTAL_MM,
  superiorShareOfWedge: 0.8,
  marrow: 'oedema',
  description: 'anterior wedge fracture ~35% anterior height loss',
};

/** Kyphoplasty lifts the superior endplate back; posterior height and the inferior endplate stay where they were. */
const L1_RESTORED: VertebraShape = {
  ...L1_WEDGE,
  anteriorHeightMm: L1_POST_ANTERIOR_RATIO * L1_INTACT.posteriorHeightMm,
  middleHeightMm: ((1 + L1_POST_ANTERIOR_RATIO) / 2) * L1_INTACT.posteriorHeightMm - NORMAL_CONCAVITY_TOTAL_MM,
  // Keeps the inferior endplate identical to baseline: its share of the (smaller) wedge equals the baseline amount.
  superiorShareOfWedge:
    1 -
    ((1 - L1_WEDGE.superiorShareOfWedge) * (1 - L1_BASELINE_ANTERIOR_RATIO)) / (1 - L1_POST_ANTERIOR_RATIO),
  marrow: 'normal',
  description: 'post-kyphoplasty, cement in the anterior and middle body, ~10% residual anterior height loss',
};

/**
 * Baseline stack. Tilts make a gentle curve (the thoracic kyphosis flattening into the lumbar lordosis) and keep the
 * discs around the L1 wedge from gaping anteriorly: T12 leans forward, L2–L3 lean back.
 */
export const BASELINE_LEVELS: readonly LevelSpec[] = [
  { shape: T8, tiltDeg: 3, discBelowMm: 5.5 },
  { shape: T9, tiltDeg: 4, discBelowMm: 6 },
  { shape: T10, tiltDeg: 5, discBelowMm: 6.5 },
  { shape: T11, tiltDeg: 5, discBelowMm: 7 },
  { shape: T12_BICONCAVE, tiltDeg: 4, discBelowMm: 8 },
  { shape: L1_WEDGE, tiltDeg: 3, discBelowMm: 8 },
  { shape: L2, tiltDeg: -3, discBelowMm: 9 },
  { shape: L3, tiltDeg: -7, discBelowMm: 10 },
  { shape: L4, tiltDeg: -8, discBelowMm: 11 },
  { shape: L5, tiltDeg: -6, discBelowMm: 10 },
];

/** L1 after kyphoplasty; every other body, and every pose, as at baseline. */
export const L1_POST_KYPHOPLASTY_SHAPE: VertebraShape = L1_RESTORED;
