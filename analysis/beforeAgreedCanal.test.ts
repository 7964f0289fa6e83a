import { describe, expect, it } from 'vitest';
import { beforeAgreedCanal } from './bodyByPairs';

type WallReads = Parameters<typeof beforeAgreedCanal>[0];
type Edge = WallReads[number]['fronts'][number];

/** A band (marrow falling into a dark band, `innerMm` before it) or a rise out of the marrow (innerMm null) at `distanceMm`. */
function band(distanceMm: number): Edge {
  return { distanceMm, innerMm: distanceMm - 1, discRise: false, canalRise: false, contrast: 50, darkestValue: 20 };
}
function rise(distanceMm: number, canalRise = true): Edge {
  return { distanceMm, innerMm: null, discRise: false, canalRise, contrast: 40, darkestValue: 100 };
}

const HEIGHT_MM = 27;
const FRONT_MM = 17;

/**
 * Seven probes across a body 27 mm tall whose anterior wall lies 17 mm in front of their starts: behind, the rises of
 * `backs` (one list per probe); each probe's pair takes its front band and the back edge at `chosenMm[i]` (null: no pair).
 */
function probes(backs: readonly (readonly Edge[])[], chosenMm: readonly (number | null)[]): WallReads {
  return backs.map((edges, i) => {
    const front = band(FRONT_MM + 0.1 * i);
    const chosen = chosenMm[i] === null ? null : edges.find((e) => e.distanceMm === chosenMm[i])!;
    return { start: [0, 10 * i] as const, fronts: [front], backs: edges, pair: chosen ? ([front, chosen] as const) : null };
  });
}

const backWalls = (reads: WallReads): (number | null)[] => reads.map((r) => r.pair?.[1].distanceMm ?? null);

describe('beforeAgreedCanal: a posterior wall placed beyond a rise into the canal that most probes show', () => {
  // Real lumbar T2 (VB1 exam 11, L2): every probe shows the CSF's rise 19–22 mm behind, most also the far side of the
  // dural sac 35–42 mm behind; while the axis turned the canal's rises were left out of the pairs and the wall was
  // read beyond the canal.
  const canal = [21.5, 20.8, 20.2, 19.8, 19.7, 19.6, 19.1];
  const farSide = [36.6, 36.3, 36.0, 35.6, 33.9, 33.8, 40.7];

  it('moves the wall back onto the rise when the pairs put it beyond the canal', () => {
    const reads = probes(canal.map((c, i) => [rise(c), band(farSide[i]!)]), farSide);
    expect(backWalls(beforeAgreedCanal(reads, HEIGHT_MM))).toEqual(canal);
  });

  it('takes no point from a probe without an edge at the agreed rise, and keeps the front edges', () => {
    const backs = canal.map((c, i) => (i === 2 ? [band(farSide[i]!)] : [rise(c), band(farSide[i]!)]));
    const moved = beforeAgreedCanal(probes(backs, farSide), HEIGHT_MM);
    expect(backWalls(moved)).toEqual(canal.map((c, i) => (i === 2 ? null : c)));
    expect(moved.map((r) => r.pair?.[0].distanceMm ?? null)).toEqual(canal.map((_, i) => (i === 2 ? null : FRONT_MM + 0.1 * i)));
  });

  it('leaves the pairs alone when only a few probes show a rise there (a vein, a rise into a disc)', () => {
    const backs = canal.map((c, i) => (i < 4 ? [band(farSide[i]!)] : [rise(c), band(farSide[i]!)]));
    const reads = probes(backs, farSide);
    expect(beforeAgreedCanal(reads, HEIGHT_MM)).toBe(reads);
  });

  it('leaves the pairs alone when what the probes agree on is a band (a cortex), not a rise', () => {
    const reads = probes(canal.map((c, i) => [band(c), band(farSide[i]!)]), farSide);
    expect(beforeAgreedCanal(reads, HEIGHT_MM)).toBe(reads);
  });

  it('leaves the pairs alone when the wall they chose lies less than 8 mm beyond the rise', () => {
    const near = canal.map((c) => c + 6);
    const reads = probes(canal.map((c, i) => [rise(c), band(near[i]!)]), near);
    expect(beforeAgreedCanal(reads, HEIGHT_MM)).toBe(reads);
  });

  it('leaves the pairs alone when the agreed rise would make the body too shallow for its height', () => {
    const reads = probes(canal.map((c, i) => [rise(c - 15), band(farSide[i]!)]), farSide);
    expect(beforeAgreedCanal(reads, HEIGHT_MM)).toBe(reads);
  });
});
