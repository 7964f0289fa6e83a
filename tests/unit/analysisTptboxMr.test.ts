import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, CORNER_NAMES, proposeVertebra, WALL_INSET_MM, type Vec3 } from '../../analysis';
import { readTptboxMr, tptboxAvailable } from '../helpers/assistData';

// The real TPTBox sample T2 MR crop (1.5 mm, one complete body) from ../shared/real-spine/tptbox-sample-mri/; skips
// when absent. Reference heights come from its masks (tests/helpers/assistData.ts, readTptboxMr); nothing is written.

const available = tptboxAvailable();
/** The sanity margin for this resampled, noisy 1.5 mm MR: a bit more than one voxel. */
const HEIGHT_TOLERANCE_MM = 2;

const HEIGHT_PAIRS = [
  ['anteriorSuperior', 'anteriorInferior'],
  ['middleSuperior', 'middleInferior'],
  ['posteriorSuperior', 'posteriorInferior'],
] as const;

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// Whole-volume analysis on a 2-core machine shared with other jobs: the default 5 s per test is a scheduling limit, not a
// speed check (speed is measured by `npm run bench:assist`), so these suites allow a minute.
const HEAVY = { timeout: 60_000 };

describe.skipIf(!available)('the analysis on the real TPTBox T2 MR', HEAVY, () => {
  const { mr, points } = available ? readTptboxMr(WALL_INSET_MM) : { mr: null, points: null };

  it('derives mask reference heights of a thoraco-lumbar body (about 26 mm high, README)', () => {
    expect(points).not.toBeNull();
    for (const [s, i] of HEIGHT_PAIRS) {
      const heightMm = distance(points![s], points![i]);
      expect(heightMm).toBeGreaterThan(20);
      expect(heightMm).toBeLessThan(32);
    }
  });

  it('proposes the body within 2 mm of its mask heights, or flags or declines it', () => {
    const all = CORNER_NAMES.map((name) => points![name]);
    const centre = [0, 1, 2].map((a) => all.reduce((sum, p) => sum + p[a]!, 0) / all.length) as unknown as Vec3;
    const result = proposeVertebra(mr!, centre);
    if (!result.ok) {
      expect(result.error.code).toBe('NO_VERTEBRA');
      return;
    }
    expect(result.value.polarity).toBe('darkShell');
    const worstMm = Math.max(
      ...HEIGHT_PAIRS.map(([s, i]) => Math.abs(distance(result.value.points[s], result.value.points[i]) - distance(points![s], points![i]))),
    );
    if (worstMm > HEIGHT_TOLERANCE_MM) expect(result.value.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });

  // Not met yet: the profile method over- or under-reaches on this noisy resampled MR and flags it "check".
  it.todo('puts Ha, Hm and Hp of the body within 2 mm of the mask-derived reference');
});
