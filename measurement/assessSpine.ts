import { cobbAngleDeg, wedgeAngleDeg } from './angles';
import { assessVertebra, type VertebraAssessment } from './assessVertebra';
import { DEFORMED_NEIGHBOUR_MIN_LOSS_PCT, REFERENCE_MAX_LEVEL_DISTANCE } from './constants';
import { expectedHeightsFromNeighbours } from './expectedHeights';
import { heightsFromPoints, type VertebralHeights } from './heights';
import { compareLevels, isSpinalLevel, levelIndex, SPINAL_LEVELS, type SpinalLevel } from './levels';
import type { SixPoints } from './points';
import { err, ok, withMessagePrefix, type Result } from './result';

/** One study's measured vertebrae: a level and its six points (mm), in any order. */
export type SpineInput = ReadonlyArray<{ readonly level: SpinalLevel; readonly points: SixPoints }>;

/** Everything measured at one level of one study. */
export interface LevelAssessment {
  readonly level: SpinalLevel;
  /** The six points as given, mm. */
  readonly points: SixPoints;
  /** Ha, Hm, Hp, mm. */
  readonly heights: VertebralHeights;
  /** Ratios, losses and grade, with the anterior, middle and posterior (crush) losses against expectedHeights. */
  readonly assessment: VertebraAssessment;
  /** Wedge angle, degrees, positive = kyphotic; null when the endplates cannot be measured. */
  readonly wedgeAngleDeg: number | null;
  /** The undeformed neighbours whose Hp makes the reference, cranial → caudal; empty when none qualifies. */
  readonly referenceLevels: ReadonlyArray<SpinalLevel>;
  /**
   * Expected Hp from referenceLevels, mm (expectedHeights.posteriorMm): their mean when equally far, else interpolated
   * by level number (expectedHeightsFromNeighbours); null when there is none.
   */
  readonly referencePosteriorMm: number | null;
  /** Ha, Hm, Hp expected from referenceLevels, mm (expectedHeightsFromNeighbours); null when there is none. */
  readonly expectedHeights: VertebralHeights | null;
  /** Bisegmental Cobb angle from the level above to the level below, degrees, positive = kyphotic; null when not measurable. */
  readonly cobbAngleDeg: number | null;
  /** The levels [above, below] whose endplates make cobbAngleDeg; null when cobbAngleDeg is null. */
  readonly cobbLevels: readonly [SpinalLevel, SpinalLevel] | null;
}

/** All measured levels of one study, cranial → caudal. */
export interface SpineAssessment {
  readonly levels: ReadonlyArray<LevelAssessment>;
}

interface MeasuredLevel {
  readonly level: SpinalLevel;
  readonly points: SixPoints;
  readonly heights: VertebralHeights;
  /** Wedge and biconcave losses without a reference, used to decide whether this level may serve as a reference. */
  readonly shape: VertebraAssessment;
}

function measureLevels(vertebrae: SpineInput): Result<ReadonlyArray<MeasuredLevel>> {
  if (!Array.isArray(vertebrae) || vertebrae.length === 0) {
    return err('EMPTY_SPINE', 'No vertebra has been measured yet. Place the six points on at least one vertebra.');
  }
  const measured: MeasuredLevel[] = [];
  const seen = new Set<SpinalLevel>();
  for (const { level, points } of vertebrae) {
    if (!isSpinalLevel(level)) {
      return err(
        'UNKNOWN_LEVEL',
        `"${String(level)}" is not a vertebral level that can be graded; use one of ${SPINAL_LEVELS[0]} … ` +
          `${SPINAL_LEVELS[SPINAL_LEVELS.length - 1]}.`,
      );
    }
    if (seen.has(level)) {
      return err('DUPLICATE_LEVEL', `${level} is measured twice in this study. Delete or relabel one of the two.`);
    }
    seen.add(level);
    const heights = heightsFromPoints(points);
    if (!heights.ok) return withMessagePrefix(heights.error, `${level}: `);
    const shape = assessVertebra(heights.value);
    if (!shape.ok) return withMessagePrefix(shape.error, `${level}: `);
    measured.push({ level, points, heights: heights.value, shape: shape.value });
  }
  return ok(measured.sort((a, b) => compareLevels(a.level, b.level)));
}

/** True when a neighbour's wedge and biconcave losses are both below DEFORMED_NEIGHBOUR_MIN_LOSS_PCT (%). */
function isUndeformed(neighbour: MeasuredLevel): boolean {
  return (
    neighbour.shape.wedgeLossPct < DEFORMED_NEIGHBOUR_MIN_LOSS_PCT &&
    neighbour.shape.biconcaveLossPct < DEFORMED_NEIGHBOUR_MIN_LOSS_PCT
  );
}

/** The nearest undeformed measured level in one direction (−1 cranial, +1 caudal) within REFERENCE_MAX_LEVEL_DISTANCE. */
function nearestUndeformed(
  byIndex: ReadonlyMap<number, MeasuredLevel>,
  fromIndex: number,
  step: -1 | 1,
): MeasuredLevel | null {
  for (let distance = 1; distance <= REFERENCE_MAX_LEVEL_DISTANCE; distance += 1) {
    const neighbour = byIndex.get(fromIndex + step * distance);
    if (neighbour !== undefined && isUndeformed(neighbour)) return neighbour;
  }
  return null;
}

/** Cobb angle (degrees) from the level directly above to the level directly below, when both are measured and measurable. */
function bisegmentalCobb(
  byIndex: ReadonlyMap<number, MeasuredLevel>,
  index: number,
): Pick<LevelAssessment, 'cobbAngleDeg' | 'cobbLevels'> {
  const above = byIndex.get(index - 1);
  const below = byIndex.get(index + 1);
  if (above === undefined || below === undefined) return { cobbAngleDeg: null, cobbLevels: null };
  const cobb = cobbAngleDeg(above.points, below.points);
  if (!cobb.ok) return { cobbAngleDeg: null, cobbLevels: null };
  return { cobbAngleDeg: cobb.value, cobbLevels: [above.level, below.level] };
}

/**
 * Per level, cranial → caudal: heights, ratios and Genant grade, wedge angle (degrees), the heights expected from the
 * neighbours (mm: the nearest undeformed measured level above and below, each ≤ REFERENCE_MAX_LEVEL_DISTANCE away,
 * interpolated by level number; Genant et al., JBMR 1993 "same or adjacent vertebrae"; McCloskey et al., Osteoporos
 * Int 1993) with the losses against them, and, where both adjacent levels are measured, the bisegmental Cobb angle
 * (degrees). A neighbour is undeformed when its own wedge and biconcave losses are < DEFORMED_NEIGHBOUR_MIN_LOSS_PCT.
 */
export function assessSpine(vertebrae: SpineInput): Result<SpineAssessment> {
  const measured = measureLevels(vertebrae);
  if (!measured.ok) return measured;
  const byIndex = new Map(measured.value.map((m) => [levelIndex(m.level), m]));

  const levels: LevelAssessment[] = [];
  for (const m of measured.value) {
    const index = levelIndex(m.level);
    const cranial = nearestUndeformed(byIndex, index, -1);
    const caudal = nearestUndeformed(byIndex, index, 1);
    const references = [cranial, caudal].filter((n): n is MeasuredLevel => n !== null);
    const asNeighbour = (n: MeasuredLevel | null) =>
      n === null ? null : { levelDistance: Math.abs(levelIndex(n.level) - index), heights: n.heights };
    const expected = expectedHeightsFromNeighbours(asNeighbour(cranial), asNeighbour(caudal));
    const expectedHeights = expected?.heights ?? null;
    const referencePosteriorMm = expectedHeights?.posteriorMm ?? null;
    const assessment = assessVertebra(m.heights, {
      referencePosteriorMm,
      expectedAnteriorMm: expectedHeights?.anteriorMm ?? null,
      expectedMiddleMm: expectedHeights?.middleMm ?? null,
    });
    if (!assessment.ok) return withMessagePrefix(assessment.error, `${m.level}: `);

    const wedge = wedgeAngleDeg(m.points);

    levels.push({
      level: m.level,
      points: m.points,
      heights: m.heights,
      assessment: assessment.value,
      wedgeAngleDeg: wedge.ok ? wedge.value : null,
      referenceLevels: references.map((n) => n.level),
      referencePosteriorMm,
      expectedHeights,
      ...bisegmentalCobb(byIndex, index),
    });
  }
  return ok({ levels });
}
