import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, CORNER_NAMES, detectSpine, proposeVertebra, snapPoint, type CornerName, type Volume } from '../../analysis';
import type { GroundTruthLevelEntry } from '../../sample-data/groundTruth';
import { phantomAvailable, readGroundTruth, readPhantomSeries } from '../helpers/assistData';

// The phantom's ground truth is exact: every proposed point must lie within one pixel spacing of it. Needs
// `npm run sample` (sample-data/output/); skips otherwise.

const available = phantomAvailable();

/** Centre of a level's six true points, patient mm. */
function centreOf(level: GroundTruthLevelEntry): [number, number, number] {
  const points = Object.values(level.points);
  return [0, 1, 2].map((a) => points.reduce((sum, p) => sum + p[a]!, 0) / points.length) as [number, number, number];
}

/** Clicks a reader might make inside a body: off centre by (y, z) mm, towards the back and down or the front and up. */
const CLICK_OFFSETS_MM: readonly (readonly [number, number])[] = [
  [3, -2],
  [-4, 3],
];

const SERIES = [
  { study: 'baseline', series: 'ct', pixelMm: 0.7, polarity: 'brightShell' },
  { study: 'baseline', series: 'mr', pixelMm: 0.9375, polarity: 'darkShell' },
] as const;

// Whole-volume analysis on a 2-core machine shared with other jobs: the default 5 s per test is a scheduling limit, not a
// speed check (speed is measured by `npm run bench:assist`), so these suites allow a minute.
const HEAVY = { timeout: 60_000 };

describe.skipIf(!available)('proposeVertebra on the phantom', HEAVY, () => {
  const volumes = new Map<string, Volume>();
  beforeAll(() => {
    for (const { study, series } of SERIES) {
      volumes.set(`${study}/${series}`, readPhantomSeries(study, series, series === 'ct' ? 30 : Infinity));
    }
  });
  const truth = available ? readGroundTruth() : null;

  for (const { study, series, pixelMm, polarity } of SERIES) {
    const levels = truth?.studies.find((s) => s.key === study)?.levels ?? [];
    describe(`${study} ${series.toUpperCase()}`, () => {
      it.each(levels.flatMap((level) => CLICK_OFFSETS_MM.map((offset) => [level.level, offset, level] as const)))(
        'puts all six points of %s within one pixel spacing of the truth (click offset %j mm)',
        (_name, [dy, dz], level) => {
          const centre = centreOf(level);
          const result = proposeVertebra(volumes.get(`${study}/${series}`)!, [0, centre[1] + dy, centre[2] + dz]);
          if (!result.ok) throw new Error(result.error.message);
          expect(result.value.polarity).toBe(polarity);
          for (const name of CORNER_NAMES) {
            const p = result.value.points[name];
            const t = level.points[name];
            expect(Math.hypot(p[0] - t[0], p[1] - t[1], p[2] - t[2]), name).toBeLessThanOrEqual(pixelMm);
          }
        },
      );
    });
  }

  /** A reader's miss for each point (y, z mm): corners off both ways, middle points off in height only. */
  const MISS_MM: Readonly<Record<CornerName, readonly [number, number]>> = {
    anteriorSuperior: [-1.5, 1.5],
    anteriorInferior: [1.5, -1.5],
    middleSuperior: [0, -2],
    middleInferior: [0, 2.5],
    posteriorSuperior: [1.5, 2],
    posteriorInferior: [-1.5, -1.5],
  };

  for (const { study, series, pixelMm } of SERIES) {
    const levels = truth?.studies.find((s) => s.key === study)?.levels ?? [];
    describe(`snapPoint on the ${study} ${series.toUpperCase()}`, () => {
      it.each(levels.flatMap((level) => CORNER_NAMES.map((name) => [level.level, name, level] as const)))(
        'snaps a missed %s %s to within one pixel spacing of the truth',
        (_level, name, level) => {
          const t = level.points[name];
          const [dy, dz] = MISS_MM[name];
          const result = snapPoint(volumes.get(`${study}/${series}`)!, [t[0], t[1] + dy, t[2] + dz], name);
          if (!result.ok) throw new Error(result.error.message);
          expect(result.value.snapped).toBe(true);
          const p = result.value.pointMm;
          expect(Math.hypot(p[0] - t[0], p[1] - t[1], p[2] - t[2])).toBeLessThanOrEqual(pixelMm);
        },
      );
    });
  }

  for (const { study, series, pixelMm } of SERIES) {
    describe(`detectSpine on the ${study} ${series.toUpperCase()}`, () => {
      it('finds T10 to L3 from clicks on T10 and L3, in order, each point within one pixel spacing', () => {
        const levels = truth?.studies.find((s) => s.key === study)?.levels ?? [];
        const result = detectSpine(volumes.get(`${study}/${series}`)!, centreOf(levels[0]!), centreOf(levels[levels.length - 1]!));
        if (!result.ok) throw new Error(result.error.message);
        expect(result.value.direction).toBe('caudal');
        expect(result.value.missingLevelOffsets).toEqual([]);
        expect(result.value.vertebrae.map((v) => v.levelOffset)).toEqual([0, 1, 2, 3, 4, 5]);
        for (const { levelOffset, proposal } of result.value.vertebrae) {
          const level = levels[levelOffset]!;
          for (const name of CORNER_NAMES) {
            const p = proposal.points[name];
            const t = level.points[name];
            expect(Math.hypot(p[0] - t[0], p[1] - t[1], p[2] - t[2]), `${level.level} ${name}`).toBeLessThanOrEqual(pixelMm);
          }
        }
      });

      it('counts the same bodies when clicked from the bottom up', () => {
        const levels = truth?.studies.find((s) => s.key === study)?.levels ?? [];
        const result = detectSpine(volumes.get(`${study}/${series}`)!, centreOf(levels[4]!), centreOf(levels[1]!));
        if (!result.ok) throw new Error(result.error.message);
        expect(result.value.direction).toBe('cranial');
        expect(result.value.vertebrae.map((v) => v.levelOffset)).toEqual([0, 1, 2, 3]);
        const l1 = result.value.vertebrae[1]!.proposal.points.middleSuperior;
        expect(Math.abs(l1[2] - levels[3]!.points.middleSuperior[2])).toBeLessThanOrEqual(pixelMm);
      });
    });
  }

  describe('after kyphoplasty', () => {
    const post = available ? readPhantomSeries('post', 'ct', 30) : null;
    const levels = truth?.studies.find((s) => s.key === 'post')?.levels ?? [];
    const cementedL1 = levels.find((level) => level.level === 'L1');

    it('asks for a check on the cemented L1 and not on its normal neighbours', () => {
      const confidence = new Map(
        levels.map((level) => {
          const result = proposeVertebra(post!, centreOf(level));
          if (!result.ok) throw new Error(`${level.level}: ${result.error.message}`);
          return [level.level, result.value.confidence];
        }),
      );
      expect(confidence.get('L1')).toBeLessThan(CHECK_BELOW_CONFIDENCE);
      for (const level of ['T11', 'L2', 'L3']) expect(confidence.get(level as 'L2')).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    });

    // Clicks inside the cement (the centre), in front of it and behind it: the body's own walls and endplates are found
    // whichever, not the cement's outline.
    it.each([
      [0, 0],
      [-6, 3],
      [6, -3],
      [10, 0],
    ])('finds the cemented L1 itself from a click %s mm back and %s mm up of its centre, flagged CEMENT', (dy, dz) => {
      const centre = centreOf(cementedL1!);
      const result = proposeVertebra(post!, [centre[0], centre[1] + dy, centre[2] + dz]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.reasons.map((r) => r.code)).toContain('CEMENT');
      for (const [key, [superior, inferior]] of [
        ['anteriorMm', ['anteriorSuperior', 'anteriorInferior']],
        ['middleMm', ['middleSuperior', 'middleInferior']],
        ['posteriorMm', ['posteriorSuperior', 'posteriorInferior']],
      ] as const) {
        const p = cementedL1!.points;
        const trueHeight = Math.hypot(...([0, 1, 2] as const).map((a) => p[superior][a]! - p[inferior][a]!));
        expect(Math.abs(result.value.heightsMm[key] - trueHeight), key).toBeLessThan(1);
      }
    });
  });
});
