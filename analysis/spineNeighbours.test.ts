import { describe, expect, it } from 'vitest';
import { depthLikeNeighbours, posteriorGapsClosed, withGapDoubts, type SpineVertebra } from './detectSpine';
import { facingGapMm } from './facingGaps';
import type { VertebraProposal } from './proposeVertebra';
import { foundTwice, overlap } from './spineBodies';
import type { Vec3 } from './vec';

/** A box-shaped body proposal: centre at height `centreZ` (mm, head up), heights Ha / Hm / Hp, `depthMm` deep, axis +z. */
function body(centreZ: number, [ha, hm, hp]: readonly [number, number, number], depthMm = 30): VertebraProposal {
  const point = (y: number, z: number): Vec3 => [0, y, z];
  return {
    points: {
      anteriorSuperior: point(1 - depthMm / 2, centreZ + ha / 2),
      anteriorInferior: point(1 - depthMm / 2, centreZ - ha / 2),
      middleSuperior: point(0, centreZ + hm / 2),
      middleInferior: point(0, centreZ - hm / 2),
      posteriorSuperior: point(depthMm / 2 - 1, centreZ + hp / 2),
      posteriorInferior: point(depthMm / 2 - 1, centreZ - hp / 2),
    },
    confidence: 1,
    reasons: [],
    centreMm: [0, 0, centreZ],
    cranialAxis: [0, 0, 1],
    heightsMm: { anteriorMm: ha, middleMm: hm, posteriorMm: hp },
    depthMm,
    polarity: 'brightShell',
  };
}

/** Bodies 25 mm tall every 33 mm downwards from z = 0 (8 mm discs), at the given level offsets. */
function spine(offsets: readonly number[]): SpineVertebra[] {
  return offsets.map((levelOffset) => ({ levelOffset, proposal: body(-33 * levelOffset, [25, 25, 25]) }));
}

describe('facingGapMm: the least gap between two neighbours\' facing endplates', () => {
  it('reads the disc between two bodies, in either order, and a crossing as negative', () => {
    const [upper, lower] = [body(0, [25, 25, 25]), body(-33, [25, 25, 25])];
    expect(facingGapMm(upper, lower)).toBeCloseTo(8, 6);
    expect(facingGapMm(lower, upper)).toBeCloseTo(8, 6);
    // The lower body drawn 10 mm taller at its top: its superior endplate 2 mm beyond the upper's inferior one.
    expect(facingGapMm(upper, body(-28, [35, 35, 35]))).toBeCloseTo(-2, 6);
    // A wedge below: the least of the three lines (the posterior) counts.
    expect(facingGapMm(upper, body(-33, [15, 22, 25]))).toBeCloseTo(8, 6);
  });
});

describe('foundTwice: one body read twice, not two reaching across their disc', () => {
  it('tells two readings of one body from neighbours whose outlines overlap across a thin disc', () => {
    const upper = body(0, [19.5, 19.5, 19.5]);
    // The chest CT's T6 read 21 mm tall, its superior endplate on T5's plate across the 3 mm disc: centres 17 mm apart.
    const reachingUp = body(-17.2, [21, 21, 21]);
    expect(overlap(upper, reachingUp)).toBe(true);
    expect(foundTwice(upper, reachingUp)).toBe(false);
    // A second reading of the upper body, its centre 4 mm lower (a line inside it taken for its inferior endplate).
    expect(foundTwice(upper, body(-4, [12, 12, 12]))).toBe(true);
  });
});

describe('withGapDoubts: a space too tall for one disc', () => {
  it('flags nothing where every space between neighbours is a disc', () => {
    const checked = withGapDoubts(spine([0, 1, 2, 3, 4]));
    expect(checked.map((v) => v.proposal.confidence)).toEqual([1, 1, 1, 1, 1]);
  });

  it('flags the body before a space that holds a body and two discs, and every level counted past it', () => {
    // The count took levels 0–3 where the bodies are at 0, 1, 3 and 4 (the body at 2 passed over): offsets 0, 1, 2, 3.
    const bodies = spine([0, 1, 3, 4]).map((v, i) => ({ levelOffset: i, proposal: v.proposal }));
    const checked = withGapDoubts(bodies);
    expect(checked.map((v) => v.proposal.reasons.map((r) => r.code))).toEqual([[], ['LEVEL_UNCERTAIN'], ['LEVEL_UNCERTAIN'], ['LEVEL_UNCERTAIN']]);
    expect(checked.every((v, i) => v.levelOffset === i)).toBe(true);
  });

  it('flags a space of two thirds of a body, a body passed over whose neighbours reach into it', () => {
    // The real chest CT's T3→T12 from one pair of end clicks: T5 passed over, T4 and T6 read reaching towards each
    // other, the space left between them 13 / 17 / 21 mm against middle heights of 20.0 and 20.3 mm (the least 0.64 of
    // the taller); right counts on that CT and on VerSe leave at most 0.29. Here 16.5 mm between 25 mm bodies (0.66).
    const bodies = [body(0, [25, 25, 25]), body(-41.5, [25, 25, 25]), body(-74.5, [25, 25, 25])].map((proposal, levelOffset) => ({ levelOffset, proposal }));
    expect(withGapDoubts(bodies).map((v) => v.proposal.reasons.map((r) => r.code))).toEqual([['LEVEL_UNCERTAIN'], ['LEVEL_UNCERTAIN'], ['LEVEL_UNCERTAIN']]);
    // A tall disc (a young lumbar one: half a body's height, 12.5 mm) is not doubted.
    const tallDisc = [body(0, [25, 25, 25]), body(-37.5, [25, 25, 25])].map((proposal, levelOffset) => ({ levelOffset, proposal }));
    expect(withGapDoubts(tallDisc).map((v) => v.proposal.reasons.length)).toEqual([0, 0]);
  });

  it('measures the space against the taller neighbour, not a crushed or misread one beside it', () => {
    // Like the MR phantom's L1 under an oedema band, read 14 mm tall beside L2's 25.5 with a disc and part of L1 between
    // them: 13.5–16 mm apart, the least 0.53 of L2 and 0.68 of their mean.
    const bodies = [body(0, [12, 14, 17]), body(-(7 + 15 + 12.75), [25.5, 25.5, 25.5])].map((proposal, levelOffset) => ({ levelOffset, proposal }));
    expect(withGapDoubts(bodies).map((v) => v.proposal.reasons.length)).toEqual([0, 0]);
  });

  it('says nothing about a space where the count already has a level without a body', () => {
    const checked = withGapDoubts(spine([0, 1, 3, 4]));
    expect(checked.map((v) => v.proposal.reasons.length)).toEqual([0, 0, 0, 0]);
  });
});

describe('depthLikeNeighbours: a body read far shallower or deeper than its neighbours', () => {
  const weak = { code: 'WEAK_EDGE', message: 'faint' } as const;
  const flagged = (p: VertebraProposal): VertebraProposal => ({ ...p, reasons: [weak], confidence: 0.6 });
  const never = () => {
    throw new Error('read again without cause');
  };

  it('reads nothing again where each body is about as deep as its neighbours', () => {
    const bodies = spine([0, 1, 2]).map((v, i) => ({ ...v, proposal: body(-33 * i, [25, 25, 25], [30, 26, 33][i]) }));
    expect(depthLikeNeighbours(bodies, never, never)).toEqual(bodies);
  });

  it('takes the reading midway between its neighbours when the one read stands inside the bone', () => {
    // The middle body read 18 mm deep and 15 mm tall, its lower half left out; its neighbours 30 mm deep.
    const misread = flagged(body(-28, [15, 15, 15], 18));
    const bodies: SpineVertebra[] = [
      { levelOffset: 0, proposal: body(0, [25, 25, 25]) },
      { levelOffset: 1, proposal: misread },
      { levelOffset: 2, proposal: body(-66, [25, 25, 25]) },
    ];
    const seeds: Vec3[] = [];
    const right = body(-33, [25, 25, 25], 31);
    const checked = depthLikeNeighbours(bodies, () => null, (point) => {
      seeds.push(point);
      return right;
    });
    // Midway between the upper neighbour's inferior (z = −12.5) and the lower's superior (z = −53.5) mid-depth points.
    expect(seeds).toEqual([[0, 0, -33]]);
    expect(checked[1]!.proposal.heightsMm.middleMm).toBe(25);
    expect(checked[1]!.proposal.reasons.map((r) => r.code)).toEqual(['WEAK_EDGE']);
    expect(checked[0]!.proposal).toBe(bodies[0]!.proposal);
  });

  it('takes the reading midway between its neighbours when the one read takes in bone beyond the body', () => {
    // The middle body read 43 mm deep (a box tilted across a pedicle, the real chest CT's T5); its neighbours 20–23 mm.
    const misread = flagged(body(-33, [20, 26, 25], 43));
    const bodies: SpineVertebra[] = [
      { levelOffset: 0, proposal: body(0, [25, 25, 25], 20) },
      { levelOffset: 1, proposal: misread },
      { levelOffset: 2, proposal: body(-66, [25, 25, 25], 23) },
    ];
    const right = body(-33, [25, 25, 25], 22);
    // Its next outline around the seed is as deep again: passed over; the click midway reads it whole.
    const checked = depthLikeNeighbours(bodies, () => body(-33, [25, 25, 25], 40), () => right);
    expect(checked[1]!.proposal.depthMm).toBe(22);
    expect(checked[1]!.proposal.reasons.map((r) => r.code)).toEqual(['WEAK_EDGE']);
    // With no reading of a neighbour's depth, it is flagged.
    const flaggedDeep = depthLikeNeighbours(bodies, () => null, () => null)[1]!.proposal;
    expect(flaggedDeep.reasons.map((r) => r.code)).toEqual(['WEAK_EDGE', 'IMPLAUSIBLE_SIZE']);
    expect(flaggedDeep.reasons[1]!.message).toContain('deeper');
    // A reading of its neighbours' depth reaching 2 mm into the upper neighbour (itself misread) is taken, flagged
    // CROSSED_NEIGHBOUR; one reaching 5 mm is not.
    const reaching = depthLikeNeighbours(bodies, () => null, () => body(-23, [25, 25, 25], 22))[1]!.proposal;
    expect(reaching.depthMm).toBe(22);
    expect(reaching.reasons.map((r) => r.code)).toEqual(['WEAK_EDGE', 'CROSSED_NEIGHBOUR']);
    const tooFar = depthLikeNeighbours(bodies, () => null, () => body(-20, [25, 25, 25], 22))[1]!.proposal;
    expect(tooFar.depthMm).toBe(43);
    // A body read too shallow takes no reading that crosses a neighbour.
    const shallow = [bodies[0]!, { levelOffset: 1, proposal: body(-33, [20, 20, 20], 12) }, bodies[2]!];
    expect(depthLikeNeighbours(shallow, () => null, () => body(-23, [25, 25, 25], 22))[1]!.proposal.depthMm).toBe(12);
  });

  it('flags the body when no second reading is deep enough and clear of its neighbours', () => {
    const misread = body(-28, [15, 15, 15], 18);
    const bodies: SpineVertebra[] = [
      { levelOffset: 0, proposal: body(0, [25, 25, 25]) },
      { levelOffset: 1, proposal: misread },
      { levelOffset: 2, proposal: body(-66, [25, 25, 25]) },
    ];
    // One reading as shallow as the first, one deep but reaching 5 mm across the upper disc.
    const checked = depthLikeNeighbours(bodies, () => body(-28, [16, 16, 16], 19), () => body(-30, [41, 41, 41], 31));
    expect(checked[1]!.proposal.heightsMm.middleMm).toBe(15);
    expect(checked[1]!.proposal.reasons.map((r) => r.code)).toEqual(['IMPLAUSIBLE_SIZE']);
    expect(checked[1]!.proposal.confidence).toBeLessThan(0.7);
  });
});

describe('posteriorGapsClosed: a space behind two neighbours far taller than the discs beside it', () => {
  const never = () => {
    throw new Error('read again without cause');
  };
  /** Four bodies 25 mm tall every 33 mm (8 mm discs); the third (offset 2) read with its posterior corner 12 mm short below. */
  const withShortBack = (): SpineVertebra[] =>
    spine([0, 1, 2, 3]).map((v) => {
      if (v.levelOffset !== 2) return v;
      const p = v.proposal;
      return { levelOffset: 2, proposal: { ...p, points: { ...p.points, posteriorInferior: [0, 14, -66 + 0.5] as Vec3 }, heightsMm: { ...p.heightsMm, posteriorMm: 13 } } };
    });

  it('reads nothing again where the spaces behind the bodies are alike', () => {
    const bodies = spine([0, 1, 2, 3]);
    expect(posteriorGapsClosed(bodies, never, never)).toEqual(bodies);
  });

  it('takes the reading of the short body that closes the space, with the first reading\'s doubts', () => {
    const bodies = withShortBack().map((v) => (v.levelOffset === 2 ? { ...v, proposal: { ...v.proposal, reasons: [{ code: 'WEAK_EDGE' as const, message: 'faint' }], confidence: 0.6 } } : v));
    const right = body(-66, [25, 25, 25]);
    const checked = posteriorGapsClosed(bodies, () => null, (point) => (Math.abs(point[2] + 66) < 1e-6 ? right : null));
    expect(checked[2]!.proposal.heightsMm.posteriorMm).toBe(25);
    expect(checked[2]!.proposal.reasons.map((r) => r.code)).toEqual(['WEAK_EDGE']);
  });

  it('flags both bodies beside the space when no second reading closes it', () => {
    const checked = posteriorGapsClosed(withShortBack(), () => null, () => null);
    expect(checked.map((v) => v.proposal.reasons.map((r) => r.code))).toEqual([[], [], ['IMPLAUSIBLE_SIZE'], ['IMPLAUSIBLE_SIZE']]);
  });
});
