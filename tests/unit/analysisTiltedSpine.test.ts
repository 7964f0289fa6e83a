import { describe, expect, it } from 'vitest';
import { CORNER_NAMES, detectSpine, proposeVertebra, type Vec3, type Volume } from '../../analysis';
import type { GroundTruthLevelEntry } from '../../sample-data/groundTruth';
import { phantomAvailable, readGroundTruth, readPhantomSeries } from '../helpers/assistData';

// Bodies tilted far from the view's vertical: L5 in a lordosis leans 25–35°, the upper thoracic bodies of an elderly
// hyperkyphosis 25–40°, and a patient may lie obliquely on the table. The phantom's own CT and MR (T10–L3, tilts −7…+5°)
// are turned about the patient's left–right axis, voxels and truth alike, so every body leans 25–40° in the sagittal
// plane; the proposals must follow each body's own axis. Needs `npm run sample`; skips otherwise.

const available = phantomAvailable();
const HEAVY = { timeout: 60_000 };

/** Where the turn is centred: near L1's centre (the phantom puts L1's centre at z = 0, the bodies around y = 15 mm). */
const PIVOT_MM: Vec3 = [0, 15, 0];

/** Turns a point about the x axis through PIVOT_MM by `deg`. */
function turnPoint(deg: number, point: readonly number[]): Vec3 {
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  const y = point[1]! - PIVOT_MM[1];
  const z = point[2]! - PIVOT_MM[2];
  return [point[0]!, PIVOT_MM[1] + c * y - s * z, PIVOT_MM[2] + s * y + c * z];
}

function turnDirection(deg: number, d: Vec3): Vec3 {
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  return [d[0], c * d[1] - s * d[2], s * d[1] + c * d[2]];
}

/** The same voxels placed in the patient turned by `deg` (as if the whole spine had been scanned leaning so). */
function turned(volume: Volume, deg: number): Volume {
  return {
    ...volume,
    originMm: turnPoint(deg, volume.originMm),
    rowCosine: turnDirection(deg, volume.rowCosine),
    columnCosine: turnDirection(deg, volume.columnCosine),
    sliceCosine: turnDirection(deg, volume.sliceCosine),
  };
}

function centreOf(level: GroundTruthLevelEntry): Vec3 {
  const points = Object.values(level.points);
  return [0, 1, 2].map((a) => points.reduce((sum, p) => sum + p[a]!, 0) / points.length) as unknown as Vec3;
}

const CASES = [
  // The MR's sagittal slices; −30° leans L3 37° and T10 25°, +30° T10 35° and L3 23°.
  { series: 'mr', keepColumns: Infinity, pixelMm: 0.9375, turns: [-30, 30] },
  // The CT reformatted by the analysis; ±35° leans the bodies 28–42°.
  { series: 'ct', keepColumns: 30, pixelMm: 0.7, turns: [-35, 35] },
] as const;

describe.skipIf(!available)('proposals on bodies tilted 25–42° from the view’s vertical', HEAVY, () => {
  const levels = available ? readGroundTruth().studies.find((s) => s.key === 'baseline')!.levels : [];

  for (const { series, keepColumns, pixelMm, turns } of CASES) {
    describe(series.toUpperCase(), () => {
      const volume = available ? readPhantomSeries('baseline', series, keepColumns) : null;
      it.each(turns)('puts every point of every body within one pixel spacing of the truth, the spine turned %s°', (deg) => {
        const image = turned(volume!, deg);
        for (const level of levels) {
          const result = proposeVertebra(image, turnPoint(deg, centreOf(level)));
          if (!result.ok) throw new Error(`${level.level}: ${result.error.message}`);
          for (const name of CORNER_NAMES) {
            const p = result.value.points[name];
            const t = turnPoint(deg, level.points[name]);
            expect(Math.hypot(p[0] - t[0], p[1] - t[1], p[2] - t[2]), `${level.level} ${name}`).toBeLessThanOrEqual(pixelMm);
          }
        }
      });

      it.each(turns)('detects the six bodies from the end clicks, the spine turned %s°', (deg) => {
        const image = turned(volume!, deg);
        const spine = detectSpine(image, turnPoint(deg, centreOf(levels[0]!)), turnPoint(deg, centreOf(levels[levels.length - 1]!)));
        if (!spine.ok) throw new Error(spine.error.message);
        expect(spine.value.vertebrae.map((v) => v.levelOffset)).toEqual([0, 1, 2, 3, 4, 5]);
        for (const v of spine.value.vertebrae) {
          const truth = turnPoint(deg, centreOf(levels[v.levelOffset]!));
          const c = v.proposal.centreMm;
          expect(Math.hypot(c[0] - truth[0], c[1] - truth[1], c[2] - truth[2]), `body ${v.levelOffset}`).toBeLessThanOrEqual(2);
        }
      });
    });
  }
});
