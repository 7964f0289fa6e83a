import { findBodyByPairs } from './bodyByPairs';
import { marrowStats, MAX_AXIS_TILT_DEG, type BodyFrame } from './bodyFrame';
import { AXIS_RANGE_DEG, fitBodyBox, type AvoidedOutline } from './fitBodyBox';
import { frameFromBox } from './frameFromBox';
import type { PlaneView } from './planeView';
import type { ShellPolarity } from './profile';
import { departuresAround, marrowBelowSurroundings, shellPolarityAround } from './shellPolarity';
import { dot2, perpendicular2, type Vec2 } from './vec';

/**
 * Locates the body around `seed` (a point inside it). On a bright-shell image (CT) a rectangle is fitted to all four
 * sides at once (fitBodyBox) and its sides are then placed on the profile edges (frameFromBox), again around the new
 * axis while the walls turn it by more than BOX_REFIT_DEG; on a dark-shell image (MR) the endplates and walls are found
 * pair by pair (findBodyByPairs), with whether its marrow is darker than what surrounds it (marrowBelowSurroundings).
 * On CT the box fit passes over the outlines in `options.avoid` (bodies found before that could not be measured or were
 * of no plausible size). Null when no body is found.
 */
export function findBody(
  view: PlaneView,
  seed: Vec2,
  options: { readonly polarity?: ShellPolarity; readonly initialCranial?: Vec2; readonly avoid?: readonly AvoidedOutline[] } = {},
): BodyFrame | null {
  const marrow = marrowStats(view, seed);
  if (!Number.isFinite(marrow.levelValue) || (view.hounsfield && marrow.levelValue <= GAS_SEED_MAX_HU)) return null;
  let cranial = options.initialCranial ?? view.cranial;
  const departures = options.polarity === 'brightShell' ? null : departuresAround(view, seed, cranial);
  const polarity = options.polarity ?? shellPolarityAround(view, seed, cranial, departures ?? undefined);
  if (polarity === 'darkShell') return findBodyByPairs(view, seed, { ...options, polarity, marrowBelowSurroundings: departures !== null && marrowBelowSurroundings(departures) });
  let frame: BodyFrame | null = null;
  let lastTurn = 0;
  for (let fit = 0; fit < BOX_FITS; fit += 1) {
    const box = fitBodyBox(view, seed, polarity, cranial, options.avoid);
    if (!box) return frame;
    frame = frameFromBox(view, box, polarity, marrow);
    const turnedDeg = (Math.acos(Math.min(1, dot2(frame.cranial, cranial))) * 180) / Math.PI;
    const tiltDeg = (Math.acos(Math.min(1, Math.abs(dot2(frame.cranial, view.cranial)))) * 180) / Math.PI;
    if (turnedDeg <= BOX_REFIT_DEG || tiltDeg > MAX_AXIS_TILT_DEG) break;
    const turn = dot2(frame.cranial, perpendicular2(cranial));
    const stillTurning = turnedDeg >= STILL_TURNING_DEG && turn * lastTurn > 0;
    if (fit >= 1 && !stillTurning) break;
    lastTurn = turn;
    cranial = frame.cranial;
  }
  return frame;
}

/**
 * On CT (HU), a seed whose surroundings read at or below this is in gas (air of the trachea, lung, oesophagus or bowel;
 * fat is −100 HU, and even a fatty osteoporotic body's marrow reads well above it): no body is looked for around it.
 * A second look from just in front of a thoracic body's anterior wall (proposeVertebra.ts lookBeyondShortWall) found
 * the trachea of a real chest CT and took it for a 37 mm deep body with an air "marrow" (−713 HU).
 */
const GAS_SEED_MAX_HU = -200;

/**
 * The box is fitted again around the walls' axis when they turn it by more than this, degrees: once, and then again
 * (at most BOX_FITS fits in all) while each refit turns it the same way by STILL_TURNING_DEG or more. A fit tries axes
 * within fitBodyBox's ±AXIS_RANGE_DEG of the last, so a body tilted 25–45° from the view's vertical (L5 in a lordosis,
 * the upper thoracic bodies of a hyperkyphosis, a patient lying obliquely) needs three or four fits; with two the axis
 * stopped ≈ 24° from the vertical and the points followed an axis 5–15° off the body's. A refit that turns back or
 * turns less ends there, as the second fit always did.
 */
const BOX_REFIT_DEG = 3;
const BOX_FITS = 4;
const STILL_TURNING_DEG = 0.75 * AXIS_RANGE_DEG;
