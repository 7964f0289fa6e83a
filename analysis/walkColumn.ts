import type { BodyFrame } from './bodyFrame';
import type { PlaneView } from './planeView';
import { toVertebraProposal, type PlaneProposal, type VertebraProposal } from './proposeVertebra';
import { MAX_BODIES, overlap, plausible, spacingHeightMm } from './spineBodies';
import { addScaled2, angleBetweenRad2, dot2, negate2, perpendicular2, subtract2, unit2, type Vec2 } from './vec';

/**
 * The spine's column walked body by body from both ends (detectSpine.ts takes the count along the bodies walked where
 * its count along the end bodies' axes misses a body or leaves the column: offTheColumn).
 */

/** One end body of the walk: where it lies on the spine's plane, its reading and proposal, and the way along the column from it (towards the other end). */
export interface WalkEnd {
  readonly centre: Vec2;
  readonly reading: PlaneProposal;
  readonly body: VertebraProposal;
  readonly along: Vec2;
}

/** What the walk reads: the spine's plane, a body proposed from a seed, the two end bodies; and whom it tells of each body it takes. */
export interface ColumnWalk {
  readonly g: PlaneView;
  /** A body read from a seed on the spine's plane, its cranial direction to start from `initialCranial`; null where none is. */
  readonly propose: (seed: Vec2, initialCranial: Vec2) => { readonly proposal: PlaneProposal; readonly view: PlaneView } | null;
  /** Told of each body the walk takes and what it was read from (to read it again the same way). */
  readonly took: (body: VertebraProposal, readFrom: { readonly seed: Vec2; readonly initialCranial: Vec2; readonly frame: BodyFrame }) => void;
  readonly ends: readonly [WalkEnd, WalkEnd];
}

/** One end of the walk along the column (walkColumn): the last body reached, where to step next and how far. */
interface Front {
  centre: Vec2;
  direction: Vec2;
  stepMm: number;
  body: VertebraProposal;
  stuck: boolean;
  /** The bodies walked, from the end body on. */
  readonly path: WalkedBody[];
}

/** A body the walk reached: its centre on the spine's plane, and the body. */
export interface WalkedBody {
  readonly centre: Vec2;
  readonly body: VertebraProposal;
}

/** A step of the walk: the body-plus-disc period the count's prior takes, as a share of the body's spacing height. */
const WALK_STEP_SHARE = 1.25;
/** The step lengths tried, as shares of a step: a seed landing in a disc finds no body, one a little shorter or longer does. */
const WALK_STEP_TRIES = [1, 0.8, 1.2] as const;
/** The walk's two ends have met when their bodies are less than this share of a step apart (neighbours). */
const WALK_MEET_SHARE = 1.25;
/** A body found from a step counts as the next one when it lies this share of a step ahead or more … */
const WALK_MIN_ADVANCE_SHARE = 0.5;
/** … at most this share of a step from the body before, */
const WALK_MAX_ADVANCE_SHARE = 1.6;
/**
 * … no farther from it than their half heights and a disc of this height, mm (lumbar discs are 8–12 mm at the middle,
 * up to 15–17 mm in front at L4/L5 and L5/S1), not two levels on (a lumbosacral L5 stepping along its axis, which points
 * back, found L3 57 mm away on real lumbar MR),
 */
const WALK_MAX_DISC_MM = 16;
/** … the line to it at most this far (radians) from the direction stepped along, */
const WALK_MAX_TURN_RAD = (30 * Math.PI) / 180;
/** … and its depth within this ratio of the body before's. */
const WALK_MAX_DEPTH_RATIO = 1.5;
/**
 * Where the two walks meet, the line between their last bodies turns off a walk's course by at most this (radians).
 * On the real lumbar MR (VB1) the walks that met on the column turned 11–44° there (L4 to a lumbosacral L5 read a few
 * millimetres off its centre), those where one had walked into the posterior elements 55–94°.
 */
const WALK_MAX_JUNCTION_TURN_RAD = (50 * Math.PI) / 180;

/** How far (radians) the line from one walk's last body to the other's turns off the first walk's course. */
function junctionTurnOf(from: Front, to: Front): number {
  const line = unit2(subtract2(to.centre, from.centre));
  const before = from.path.length > 1 ? unit2(subtract2(from.centre, from.path[from.path.length - 2]!.centre)) : from.direction;
  return line && before ? angleBetweenRad2(line, before) : 0;
}

/**
 * Whether a count's bodies leave the column somewhere: two neighbours farther apart than their half heights and
 * OFF_COLUMN_GAP_MM, or the line through one pair turning off the line through the pair before by more than
 * WALK_MAX_JUNCTION_TURN_RAD (a body found behind the canal, in the posterior elements, or a body passed over). On the
 * drawn steep lordosis the counts that left the column turned 66–131° there.
 */
export function offTheColumn(vertebrae: readonly { readonly levelOffset: number; readonly proposal: VertebraProposal }[], g: PlaneView): boolean {
  const centres = vertebrae.map((v) => g.toPlane(v.proposal.centreMm));
  for (let i = 1; i < vertebrae.length; i += 1) {
    const [p, q] = [vertebrae[i - 1]!.proposal, vertebrae[i]!.proposal];
    const apart = Math.hypot(centres[i]![0] - centres[i - 1]![0], centres[i]![1] - centres[i - 1]![1]);
    if (vertebrae[i]!.levelOffset - vertebrae[i - 1]!.levelOffset === 1 && apart > (spacingHeightMm(p) + spacingHeightMm(q)) / 2 + OFF_COLUMN_GAP_MM) return true;
    if (i < 2) continue;
    const before = unit2(subtract2(centres[i - 1]!, centres[i - 2]!));
    const after = unit2(subtract2(centres[i]!, centres[i - 1]!));
    if (before && after && angleBetweenRad2(before, after) > WALK_MAX_JUNCTION_TURN_RAD) return true;
  }
  return false;
}

/**
 * The space two neighbours of a count may leave beyond their half heights, mm: a disc (WALK_MAX_DISC_MM) and some of a
 * body read short (the phantom's oedematous L1 on T2, read short over an oedema band 12 mm under its endplate, lay 17
 * mm past its half height and L2's in a right count; on the real chest CT the counts one short from T4 to T9 and T3 to
 * T12 left 21–26 mm where a body was passed over).
 */
const OFF_COLUMN_GAP_MM = WALK_MAX_DISC_MM + 4;

/**
 * The next body from a front: stepped along the front's direction, then along the way to the other front, then between
 * the two, each a step long and then shorter and longer; the first body found that holds its seed (not a body beyond
 * the one the seed fell in, two levels on), lies a step ahead (and half a step or more short of the other walk's last
 * body), turns the column by no more than a column turns between neighbours, and is about as deep as the body before
 * it. 'other' where none is and a step found the other walk's last body (the walks have met), 'end' where a step found
 * the other's end body after that one walked elsewhere (an end body read off its centre, a sacrum's S1 read 18 mm low,
 * is not walked onto again as another body).
 */
function nextBody(walk: ColumnWalk, front: Front, other: Front, otherEnd: VertebraProposal): { readonly centre: Vec2; readonly direction: Vec2; readonly stepMm: number; readonly body: VertebraProposal } | 'other' | 'end' | null {
  const { g, propose } = walk;
  const towardsOther = unit2(subtract2(other.centre, front.centre));
  if (!towardsOther) return null;
  const between = unit2(addScaled2(front.direction, towardsOther, 1));
  let met: 'other' | 'end' | null = null;
  for (const direction of [front.direction, ...(between ? [between] : []), towardsOther]) {
    for (const share of WALK_STEP_TRIES) {
      const seed = addScaled2(front.centre, direction, share * front.stepMm);
      const initialCranial = dot2(direction, g.cranial) >= 0 ? direction : negate2(direction);
      const found = propose(seed, initialCranial);
      if (!found || !plausible(found.proposal)) continue;
      const body = toVertebraProposal(found.view, found.proposal);
      const onOther = overlap(body, other.body);
      const onOtherEnd = !onOther && overlap(body, otherEnd);
      if (onOther) met = 'other';
      else if (onOtherEnd) met ??= 'end';
      if (onOther || onOtherEnd) continue;
      const centre = g.toPlane(found.view.toWorld(found.proposal.frame.centre));
      const offset = subtract2(centre, front.centre);
      const towards = unit2(offset);
      if (!towards) continue;
      const along = dot2(offset, front.direction);
      const apartMm = Math.hypot(offset[0], offset[1]);
      const neighbours = apartMm <= (spacingHeightMm(front.body) + spacingHeightMm(body)) / 2 + WALK_MAX_DISC_MM;
      const ahead = along >= WALK_MIN_ADVANCE_SHARE * front.stepMm && apartMm <= WALK_MAX_ADVANCE_SHARE * front.stepMm && neighbours;
      const short = dot2(subtract2(centre, other.centre), towardsOther) < -WALK_MIN_ADVANCE_SHARE * front.stepMm;
      const turn = angleBetweenRad2(towards, direction);
      const depthRatio = body.depthMm / front.body.depthMm;
      const fromCentre = subtract2(seed, centre);
      const axis = found.proposal.frame.cranial;
      const { anteriorMm, middleMm, posteriorMm } = found.proposal.heightsMm;
      const holdsSeed = Math.abs(dot2(fromCentre, axis)) <= Math.max(anteriorMm, middleMm, posteriorMm) / 2 && Math.abs(dot2(fromCentre, perpendicular2(axis))) <= found.proposal.depthMm / 2;
      if (!holdsSeed || !ahead || !short || turn > WALK_MAX_TURN_RAD || depthRatio < 1 / WALK_MAX_DEPTH_RATIO || depthRatio > WALK_MAX_DEPTH_RATIO) continue;
      walk.took(body, { seed, initialCranial, frame: found.proposal.frame });
      return {
        centre,
        direction: unit2(addScaled2(towards, dot2(axis, towards) >= 0 ? axis : negate2(axis), 1)) ?? towards,
        stepMm: WALK_STEP_SHARE * spacingHeightMm(found.proposal),
        body,
      };
    }
  }
  return met;
}

/**
 * Walks the spine's column body by body from both end bodies (`walk.ends`), each walk a step at a time (nextBody) in
 * turn, until they meet, both are stuck or one turned out to have left the column (taken back to its end body, once).
 * The bodies walked from the first end body to the last, and whether the walks met; null when neither walked a body.
 */
export function walkColumn(walk: ColumnWalk): { readonly met: boolean; readonly bodies: readonly WalkedBody[] } | null {
  const ends = [walk.ends[0].reading, walk.ends[1].reading] as const;
  const endBodies = [walk.ends[0].body, walk.ends[1].body] as const;
  // An end body of no plausible size lends the walk the other end's step.
  const stepOf = (i: 0 | 1): number => WALK_STEP_SHARE * spacingHeightMm(plausible(ends[i]) || !plausible(ends[1 - i]!) ? ends[i] : ends[1 - i]!);
  const startOf = (i: 0 | 1): Front => {
    const { centre, along } = walk.ends[i];
    return { centre, direction: along, stepMm: stepOf(i), body: endBodies[i], stuck: false, path: [{ centre, body: endBodies[i] }] };
  };
  const fronts: [Front, Front] = [startOf(0), startOf(1)];
  let met = false;
  let droppedOne = false;
  // A walk that has left the column (the last body's walk, from a lumbosacral body whose axis points back, into the
  // posterior elements) is taken back to its end body and stops there, and the other walks on to it; once.
  const dropWalk = (astray: 0 | 1): boolean => {
    if (droppedOne || fronts[astray].path.length === 1) return false;
    droppedOne = true;
    fronts[astray] = { ...startOf(astray), stuck: true };
    fronts[astray === 0 ? 1 : 0].stuck = false;
    return true;
  };
  // The walks have met (neighbours). Where both walked and the line between their last bodies turns off a walk's
  // course by more than a column turns, one has left the column: the one with fewer bodies, the last click's on a tie.
  // A walk that reached the other's end body has met it whatever the turn: the end body is where the user clicked,
  // and the column turns most at the lumbosacral junction (40–60° from L3–L4 to L4–L5 centre lines on real lumbar MR).
  // Whether to walk on.
  const walkOnAfterMeeting = (): boolean => {
    met = fronts.some((f) => f.path.length === 1) || fronts.every((f, i) => junctionTurnOf(f, fronts[i === 0 ? 1 : 0]) <= WALK_MAX_JUNCTION_TURN_RAD);
    return !met && dropWalk(fronts[1].path.length <= fronts[0].path.length ? 1 : 0);
  };
  for (let k = 0; k < 4 * MAX_BODIES && !fronts.every((f) => f.stuck); k += 1) {
    const [f, o] = k % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    const [front, other] = [fronts[f], fronts[o]];
    if (Math.hypot(front.centre[0] - other.centre[0], front.centre[1] - other.centre[1]) < WALK_MEET_SHARE * Math.max(front.stepMm, other.stepMm)) {
      if (walkOnAfterMeeting()) continue;
      break;
    }
    if (front.stuck) continue;
    const next = nextBody(walk, front, other, endBodies[o]);
    if (next === 'other') {
      if (walkOnAfterMeeting()) continue;
      break;
    }
    // This walk found the other's end body while that one walked elsewhere: that one has left the column.
    if (next === 'end') {
      if (dropWalk(o)) continue;
      break;
    }
    if (!next) {
      front.stuck = true;
      continue;
    }
    front.direction = next.direction;
    front.stepMm = next.stepMm;
    front.body = next.body;
    front.centre = next.centre;
    front.path.push({ centre: next.centre, body: next.body });
  }
  // Walks that did not meet: where both left their end bodies, the shorter (the last click's on a tie) is left out, as
  // where they met off the column's course, and the curve joins the other's last body to that end body.
  if (!met && fronts[0].path.length > 1 && fronts[1].path.length > 1) fronts[fronts[1].path.length <= fronts[0].path.length ? 1 : 0] = { ...startOf(fronts[1].path.length <= fronts[0].path.length ? 1 : 0), stuck: true };
  if (fronts[0].path.length + fronts[1].path.length <= 2) return null;
  return { met, bodies: [...fronts[0].path, ...[...fronts[1].path].reverse()] };
}
