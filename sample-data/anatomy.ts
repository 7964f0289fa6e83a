import { frameOf, localToPatient, patientToLocal, distanceMm, type Frame, type LocalPoint, type Pose, type Vec3 } from './pose';
import { createRandom } from './random';
import { elementAt } from './elementAt';
import { BASELINE_LEVELS, L1_POST_KYPHOPLASTY_SHAPE, type LevelSpec } from './spineSpecs';
import type { SixPoints } from '../measurement';
import {
  GROUND_TRUTH_LEVELS,
  inferiorEndplateVMm,
  pointHalfSpanMm,
  superiorEndplateVMm,
  type GroundTruthLevel,
  type VertebraShape,
} from './vertebraShape';

/** A vertebral body placed in the patient. */
export interface Vertebra {
  readonly shape: VertebraShape;
  readonly pose: Pose;
  readonly frame: Frame;
  /** Mid-line height of the disc below, mm (as stacked). */
  readonly discBelowMm: number;
}

/** A ball of cement in the local frame of the vertebra that holds it. */
export interface CementBall {
  readonly centre: LocalPoint;
  readonly radiusMm: number;
}

/** The spine of one study: bodies cranial → caudal, and the kyphoplasty cement if any. */
export interface Spine {
  readonly vertebrae: readonly Vertebra[];
  readonly cement: { readonly level: 'L1'; readonly balls: readonly CementBall[] } | null;
}

/** Where the stack is put once built: L1's centre at z = 0, the mean of the ground-truth centres at y = +15 mm. */
const L1_CENTRE_Z_MM = 0;
const MEAN_CENTRE_Y_MM = 15;

/** Mid-line (u = 0) position of an endplate without its concavity: the mean of its values at u = ±a. */
function linearMiddleVMm(shape: VertebraShape, endplate: (s: VertebraShape, u: number, w: number) => number): number {
  const a = pointHalfSpanMm(shape);
  return (endplate(shape, a, 0) + endplate(shape, -a, 0)) / 2;
}

/**
 * Stacks the bodies: each one's superior endplate (mid-line, without concavity) sits discBelowMm below the previous
 * one's inferior endplate, measured along the mean of the two cranial axes. Then the stack is moved into place.
 */
export function stackPoses(levels: readonly LevelSpec[]): Pose[] {
  const poses: Pose[] = [];
  for (let i = 0; i < levels.length; i += 1) {
    const { shape, tiltDeg } = elementAt(levels, i, 'level');
    if (i === 0) {
      poses.push({ centreMm: [0, 0, 0], tiltDeg });
      continue;
    }
    const above = elementAt(levels, i - 1, 'level');
    const aboveFrame = frameOf(elementAt(poses, i - 1, 'pose'));
    const aboveInferior = localToPatient(aboveFrame, [0, linearMiddleVMm(above.shape, inferiorEndplateVMm), 0]);
    const discAxis = frameOf({ centreMm: [0, 0, 0], tiltDeg: (above.tiltDeg + tiltDeg) / 2 }).cranial;
    const superior = add(aboveInferior, discAxis, -above.discBelowMm);
    const cranial = frameOf({ centreMm: [0, 0, 0], tiltDeg }).cranial;
    poses.push({ centreMm: add(superior, cranial, -linearMiddleVMm(shape, superiorEndplateVMm)), tiltDeg });
  }
  const l1 = elementAt(poses, levels.findIndex((l) => l.shape.level === 'L1'), 'pose of L1');
  const measured = poses.filter((_, i) =>
    (GROUND_TRUTH_LEVELS as readonly string[]).includes(elementAt(levels, i, 'level').shape.level),
  );
  const meanY = measured.reduce((sum, p) => sum + p.centreMm[1], 0) / measured.length;
  const shift: Vec3 = [0, MEAN_CENTRE_Y_MM - meanY, L1_CENTRE_Z_MM - l1.centreMm[2]];
  return poses.map((p) => ({ centreMm: add(p.centreMm, shift, 1), tiltDeg: p.tiltDeg }));
}

function add(a: Vec3, b: Vec3, scale: number): Vec3 {
  return [a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale];
}

const BASELINE_POSES = stackPoses(BASELINE_LEVELS);

function place(shapes: readonly VertebraShape[]): Vertebra[] {
  return shapes.map((shape, i) => {
    const pose = elementAt(BASELINE_POSES, i, 'baseline pose');
    return { shape, pose, frame: frameOf(pose), discBelowMm: elementAt(BASELINE_LEVELS, i, 'baseline level').discBelowMm };
  });
}

/** The spine at baseline: L1 wedge, T12 biconcave, the rest normal. */
export function baselineSpine(): Spine {
  return { vertebrae: place(BASELINE_LEVELS.map((l) => l.shape)), cement: null };
}

/** The spine after kyphoplasty of L1: L1 re-expanded and holding cement; every pose and every other body unchanged. */
export function postKyphoplastySpine(): Spine {
  const shapes = BASELINE_LEVELS.map((l) => (l.shape.level === 'L1' ? L1_POST_KYPHOPLASTY_SHAPE : l.shape));
  return { vertebrae: place(shapes), cement: { level: 'L1', balls: cementBalls() } };
}

const CEMENT_SEED = 'kyphoplasty-cement-L1';

/**
 * An irregular cement blob of about 5 mL (a typical kyphoplasty fill): three large overlapping balls along the
 * anterior and middle body plus satellites where cement crept into the trabeculae. Seeded: the same blob every run.
 */
function cementBalls(): CementBall[] {
  const random = createRandom(CEMENT_SEED);
  const jitter = (halfRangeMm: number) => (2 * random() - 1) * halfRangeMm;
  const balls: CementBall[] = [-2, 4, 9].map((uMm) => ({
    centre: [uMm + jitter(1), jitter(3), jitter(3)],
    radiusMm: 6.5 + 1.5 * random(),
  }));
  for (let k = 0; k < 6; k += 1) {
    balls.push({ centre: [3 + jitter(9), jitter(8), jitter(12)], radiusMm: 3 + 2 * random() });
  }
  return balls;
}

/** The six points of one vertebra in patient mm: the viewer's own type, so ground truth and measurements agree. */
export type { SixPoints };

/** Ground truth of one level: points on the outer endplate surfaces, and the distances between them. */
export interface LevelTruth {
  readonly level: GroundTruthLevel;
  readonly points: SixPoints;
  readonly heights: { readonly anteriorMm: number; readonly middleMm: number; readonly posteriorMm: number };
  readonly tiltDeg: number;
  readonly description: string;
}

/**
 * Six points at u = +a, 0, −a (1 mm inside the anterior and posterior walls), at `wMm` from the body's own
 * mid-sagittal plane (0 by default), v on the outer endplate surfaces, mapped to patient mm; the heights are Euclidean
 * distances between them, which equal v_sup(u) − v_inf(u).
 */
export function levelTruth(vertebra: Vertebra, wMm = 0): LevelTruth {
  const { shape, frame } = vertebra;
  const a = pointHalfSpanMm(shape);
  const at = (uMm: number, endplate: typeof superiorEndplateVMm): Vec3 =>
    localToPatient(frame, [uMm, endplate(shape, uMm, wMm), wMm]);
  const points: SixPoints = {
    anteriorSuperior: at(a, superiorEndplateVMm),
    anteriorInferior: at(a, inferiorEndplateVMm),
    middleSuperior: at(0, superiorEndplateVMm),
    middleInferior: at(0, inferiorEndplateVMm),
    posteriorSuperior: at(-a, superiorEndplateVMm),
    posteriorInferior: at(-a, inferiorEndplateVMm),
  };
  return {
    level: shape.level as GroundTruthLevel,
    points,
    heights: {
      anteriorMm: distanceMm(points.anteriorSuperior, points.anteriorInferior),
      middleMm: distanceMm(points.middleSuperior, points.middleInferior),
      posteriorMm: distanceMm(points.posteriorSuperior, points.posteriorInferior),
    },
    tiltDeg: vertebra.pose.tiltDeg,
    description: shape.description,
  };
}

/** Ground truth of T10–L3 (the context vertebrae T9 and L4 carry none). */
export function spineTruth(spine: Spine): LevelTruth[] {
  return spine.vertebrae
    .filter((v) => (GROUND_TRUTH_LEVELS as readonly string[]).includes(v.shape.level))
    .map((vertebra) => levelTruth(vertebra));
}

/**
 * Height of the disc below vertebra `upperIndex` at local u of the upper body (w = 0), mm: from the upper inferior
 * endplate, along the lower body's cranial axis, to the lower superior endplate. Negative would mean the bodies overlap.
 */
export function discHeightMm(spine: Spine, upperIndex: number, uMm: number): number {
  const upper = elementAt(spine.vertebrae, upperIndex, 'vertebra');
  const lower = elementAt(spine.vertebrae, upperIndex + 1, 'vertebra');
  const onUpper = localToPatient(upper.frame, [uMm, inferiorEndplateVMm(upper.shape, uMm, 0), 0]);
  const [u, v] = patientToLocal(lower.frame, onUpper);
  return v - superiorEndplateVMm(lower.shape, u, 0);
}
