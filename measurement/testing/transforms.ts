import type { FixturePoint, FixtureVertebra } from './fixtures';

/** A rotation about a (not necessarily unit, non-zero) axis by an angle in radians, then a translation in mm. */
export interface RigidMotion {
  readonly axis: FixturePoint;
  readonly angleRad: number;
  readonly translationMm: FixturePoint;
}

/** Applies `f` to each of the six points. */
export function mapPoints(points: FixtureVertebra, f: (p: FixturePoint) => FixturePoint): FixtureVertebra {
  return {
    anteriorSuperior: f(points.anteriorSuperior),
    anteriorInferior: f(points.anteriorInferior),
    middleSuperior: f(points.middleSuperior),
    middleInferior: f(points.middleInferior),
    posteriorSuperior: f(points.posteriorSuperior),
    posteriorInferior: f(points.posteriorInferior),
  };
}

/** Rotates p about the origin (Rodrigues' formula) and translates it, mm. */
export function moveRigidly(p: FixturePoint, motion: RigidMotion): FixturePoint {
  const axisLength = Math.hypot(...motion.axis);
  const k: FixturePoint = [motion.axis[0] / axisLength, motion.axis[1] / axisLength, motion.axis[2] / axisLength];
  const [kx, ky, kz] = k;
  const cos = Math.cos(motion.angleRad);
  const sin = Math.sin(motion.angleRad);
  const kDotP = kx * p[0] + ky * p[1] + kz * p[2];
  const kCrossP: FixturePoint = [ky * p[2] - kz * p[1], kz * p[0] - kx * p[2], kx * p[1] - ky * p[0]];
  const component = (i: 0 | 1 | 2): number =>
    p[i] * cos + kCrossP[i] * sin + k[i] * kDotP * (1 - cos) + motion.translationMm[i];
  return [component(0), component(1), component(2)];
}

/** The six points moved rigidly (rotation, then translation). */
export function moveVertebraRigidly(points: FixtureVertebra, motion: RigidMotion): FixtureVertebra {
  return mapPoints(points, (p) => moveRigidly(p, motion));
}

/** The six points scaled about the origin by a unitless factor. */
export function scaleVertebra(points: FixtureVertebra, factor: number): FixtureVertebra {
  return mapPoints(points, (p) => [p[0] * factor, p[1] * factor, p[2] * factor]);
}
