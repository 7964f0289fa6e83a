import type { BodyFrame } from './bodyFrame';
import type { ConfidenceReason } from './confidence';
import {
  DEPTH_TO_HEIGHT_RANGE,
  MAX_MIDDLE_OVER_CORNERS,
  MAX_PLAUSIBLE_DEPTH_MM,
  MAX_PLAUSIBLE_HEIGHT_MM,
  MIN_PLAUSIBLE_DEPTH_MM,
  MIN_PLAUSIBLE_HEIGHT_MM,
  PLAUSIBLE_WEDGE_RATIO,
  SMALL_BODY_DEPTH_MM,
  SMALL_BODY_MIN_DEPTH_TO_HEIGHT,
} from './constants';
import type { SixPointsMm } from './sixPoints';
import { addScaled2, type Vec2 } from './vec';

/** Ha, Hm, Hp, mm. */
export interface BodyHeightsMm {
  readonly anteriorMm: number;
  readonly middleMm: number;
  readonly posteriorMm: number;
}

/** The plane point at (u anterior, v cranial) mm from the body's centre. */
export function at(frame: BodyFrame, uMm: number, vMm: number): Vec2 {
  return addScaled2(addScaled2(frame.centre, frame.anterior, uMm), frame.cranial, vMm);
}

/**
 * The six points on the frame, each at its depth (u, mm anterior of the centre: the anterior, middle and posterior
 * height lines) and its signed offset along the axis (v, mm cranial of the centre), and the three heights between them.
 */
export function sixPointsOnFrame(
  frame: BodyFrame,
  depthsMm: { readonly anterior: number; readonly middle: number; readonly posterior: number },
  offsetsMm: Readonly<Record<keyof SixPointsMm, number>>,
): { readonly points: { readonly [K in keyof SixPointsMm]: Vec2 }; readonly heightsMm: BodyHeightsMm } {
  return {
    points: {
      anteriorSuperior: at(frame, depthsMm.anterior, offsetsMm.anteriorSuperior),
      anteriorInferior: at(frame, depthsMm.anterior, offsetsMm.anteriorInferior),
      middleSuperior: at(frame, depthsMm.middle, offsetsMm.middleSuperior),
      middleInferior: at(frame, depthsMm.middle, offsetsMm.middleInferior),
      posteriorSuperior: at(frame, depthsMm.posterior, offsetsMm.posteriorSuperior),
      posteriorInferior: at(frame, depthsMm.posterior, offsetsMm.posteriorInferior),
    },
    heightsMm: {
      anteriorMm: offsetsMm.anteriorSuperior - offsetsMm.anteriorInferior,
      middleMm: offsetsMm.middleSuperior - offsetsMm.middleInferior,
      posteriorMm: offsetsMm.posteriorSuperior - offsetsMm.posteriorInferior,
    },
  };
}

/** Crossed endplates, or a height under half or over twice any body's: no body at all (declined, not proposed). */
export function isNoBody(heightsMm: BodyHeightsMm): boolean {
  const heights = [heightsMm.anteriorMm, heightsMm.middleMm, heightsMm.posteriorMm];
  return !heights.every((h) => h > MIN_PLAUSIBLE_HEIGHT_MM / 2 && h < 2 * MAX_PLAUSIBLE_HEIGHT_MM);
}

/**
 * IMPLAUSIBLE_SIZE when a height, the depth, Ha ÷ Hp or the depth ÷ the tallest height lies outside a vertebral body's
 * range (constants.ts); null otherwise. A body is deeper than its tallest height (DEPTH_TO_HEIGHT_RANGE), on CT and MR
 * alike: a frame shallower than that has stopped at something inside the body (a vein's canal, trabecular texture, the
 * edge of a fracture's oedema), not at its walls. `minDepthToHeight` lowers that bound for a caller asking whether a
 * body is only a little shallower than tall, or one that allows for small bodies on CT (minDepthToHeightOf).
 */
export function implausibleSizeReason(heightsMm: BodyHeightsMm, depthMm: number, minDepthToHeight = DEPTH_TO_HEIGHT_RANGE[0]): ConfidenceReason | null {
  // sizeOutOfRange holds every height a ratio could not be taken of (zero, NaN), so proportionExcess is a number here.
  if (!sizeOutOfRange(heightsMm, depthMm) && proportionExcess({ heightsMm, depthMm }, minDepthToHeight) === 0) return null;
  const heights = [heightsMm.anteriorMm, heightsMm.middleMm, heightsMm.posteriorMm];
  return {
    code: 'IMPLAUSIBLE_SIZE',
    message: `The body found is ${depthMm.toFixed(0)} mm deep with heights ${heights.map((h) => h.toFixed(0)).join('/')} mm, unusual for a vertebra.`,
  };
}

/**
 * The least depth ÷ tallest height of a body `depthMm` deep read on CT (with a bright shell): SMALL_BODY_MIN_DEPTH_TO_HEIGHT
 * for a body of upper thoracic size (shallower than SMALL_BODY_DEPTH_MM), DEPTH_TO_HEIGHT_RANGE's lower bound otherwise.
 * On the real chest CT nine of ninety one-click proposals of T3–T5 and T12, right and about as deep as tall, were flagged
 * IMPLAUSIBLE_SIZE, and where a click's readings differed that flag chose among them: T12 clicked 3 mm below its centre
 * was read 15 / 14 / 13 mm (a line inside the body) over the whole body read twice from its centre (journal,
 * forty-fifth round). Not on MR: a box stopped at the rim of a 12 mm bright focus reads a drawn T2's lumbar body 25.9
 * mm deep and 26.3 mm tall (analysis/focusAtTheClick.test.ts), the proportions of that CT's T12; a CT frame stopped at
 * a vein's canal inside the body reads it shallower still.
 */
export function minDepthToHeightOf(depthMm: number): number {
  return depthMm < SMALL_BODY_DEPTH_MM ? SMALL_BODY_MIN_DEPTH_TO_HEIGHT : DEPTH_TO_HEIGHT_RANGE[0];
}

/**
 * True when a height or the depth lies outside the range any vertebral body's has (constants.ts): a size no body has,
 * not only proportions no body has (implausibleSizeReason's other tests).
 */
export function sizeOutOfRange(heightsMm: BodyHeightsMm, depthMm: number): boolean {
  const heights = [heightsMm.anteriorMm, heightsMm.middleMm, heightsMm.posteriorMm];
  return (
    heights.some((h) => !(h >= MIN_PLAUSIBLE_HEIGHT_MM && h <= MAX_PLAUSIBLE_HEIGHT_MM)) ||
    !(depthMm >= MIN_PLAUSIBLE_DEPTH_MM && depthMm <= MAX_PLAUSIBLE_DEPTH_MM)
  );
}

/**
 * True when a body `other`, itself of implausible size, is still nearer a vertebral body than `found`: found has a
 * height or a depth no body has (sizeOutOfRange) and other has not, or other's size is in range and its proportions
 * (Ha ÷ Hp, depth ÷ height) lie outside a body's by less than half as much as found's, which lie far outside
 * (proportionExcess, FAR_OUT_OF_PROPORTION). On a real chest
 * CT a click in the upper half of T4 found the body from its superior endplate to a line inside it (7.6 / 7.7 / 5.8 mm,
 * 20 mm deep), one beside T3's centre a box of 5–8 mm, and one 1.5 mm below T3's centre a frame tilted across it (Ha 44,
 * Hp 12 mm: Ha ÷ Hp 3.7); the next outline around each click was the whole body (19.5 / 20.2 / 25.9, 22 / 23 / 24 and
 * 22.2 / 20.5 / 20.3 mm), implausible only because its tallest height exceeds its 20–21 mm depth (upper thoracic bodies
 * are about as deep as tall), and was passed over (proposeVertebra.ts proposeOnView).
 */
export function nearerABody(found: BodySize, other: BodySize): boolean {
  if (sizeOutOfRange(other.heightsMm, other.depthMm)) return false;
  if (sizeOutOfRange(found.heightsMm, found.depthMm)) return true;
  const foundExcess = proportionExcess(found);
  return foundExcess >= FAR_OUT_OF_PROPORTION && 2 * proportionExcess(other) < foundExcess;
}

/**
 * A proportionExcess from which a body's proportions are no body's at all (Ha ÷ Hp over 2.1 or under 0.2, depth under
 * two thirds of the height or over 3.6 times it), not a rare body's (a severe wedge with Ha ÷ Hp 0.25: excess 0.2).
 */
const FAR_OUT_OF_PROPORTION = 0.5;

/**
 * How far a body's proportions lie outside a vertebral body's: the largest share by which Ha ÷ Hp (PLAUSIBLE_WEDGE_RATIO)
 * or the depth ÷ the tallest height (DEPTH_TO_HEIGHT_RANGE, its lower bound `minDepthToHeight`) passes its range, 0 when
 * both lie within it.
 */
export function proportionExcess({ heightsMm, depthMm }: BodySize, minDepthToHeight = DEPTH_TO_HEIGHT_RANGE[0]): number {
  const wedge = heightsMm.anteriorMm / heightsMm.posteriorMm;
  const depthToHeight = depthMm / Math.max(heightsMm.anteriorMm, heightsMm.middleMm, heightsMm.posteriorMm);
  const middleOverCorners = heightsMm.middleMm / Math.max(heightsMm.anteriorMm, heightsMm.posteriorMm);
  const beyond = (x: number, low: number, high: number) => Math.max(0, low / x - 1, x / high - 1);
  return Math.max(
    beyond(wedge, ...PLAUSIBLE_WEDGE_RATIO),
    beyond(depthToHeight, minDepthToHeight, DEPTH_TO_HEIGHT_RANGE[1]),
    Math.max(0, middleOverCorners / MAX_MIDDLE_OVER_CORNERS - 1),
  );
}

/** A body's three heights and its depth, mm. */
export interface BodySize {
  readonly heightsMm: BodyHeightsMm;
  readonly depthMm: number;
}
