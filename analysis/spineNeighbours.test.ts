import { describe, expect, it } from 'vitest';
import { facingGapMm, withGapDoubts, type SpineVertebra } from './detectSpine';
import type { VertebraProposal } from './proposeVertebra';
import type { Vec3 } from './vec';

/** A box-shaped body proposal: centre at height `centreZ` (mm, head up), heights Ha / Hm / Hp, 30 mm deep, axis +z. */
function body(centreZ: number, [ha, hm, hp]: readonly [number, number, number]): VertebraProposal {
  const point = (y: number, z: number): Vec3 => [0, y, z];
  return {
    points: {
      anteriorSuperior: point(-14, centreZ + ha / 2),
      anteriorInferior: point(-14, centreZ - ha / 2),
      middleSuperior: point(0, centreZ + hm / 2),
      middleInferior: point(0, centreZ - hm / 2),
      posteriorSuperior: point(14, centreZ + hp / 2),
      posteriorInferior: point(14, centreZ - hp / 2),
    },
    confidence: 1,
    reasons: [],
    centreMm: [0, 0, centreZ],
    cranialAxis: [0, 0, 1],
    heightsMm: { anteriorMm: ha, middleMm: hm, posteriorMm: hp },
    depthMm: 30,
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

  it('says nothing about a space where the count already has a level without a body', () => {
    const checked = withGapDoubts(spine([0, 1, 3, 4]));
    expect(checked.map((v) => v.proposal.reasons.length)).toEqual([0, 0, 0, 0]);
  });
});
