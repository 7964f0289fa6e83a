import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, CORNER_NAMES, detectSpine, proposeVertebra, type PlaneImage, type Vec3 } from '../../analysis';
import { baselineSpine, spineTruth, type LevelTruth } from '../../sample-data/anatomy';
import { ctGeometry, MR_SLICE_COUNT, mrSlicePlane } from '../../sample-data/geometry';
import { createRandom, gaussian } from '../../sample-data/random';
import { rasterizePlane } from '../../sample-data/rasterize';
import { buildScene } from '../../sample-data/scene';
import { MR_T2_SIGNAL, Tissue, tissueLookup } from '../../sample-data/tissue';

type SignalTable = Readonly<Record<keyof typeof Tissue, number>>;

// The phantom's midsagittal MR plane rendered in memory from the generator's own scene, once with its T2 signal table
// and once with a T1-like one (below): the same anatomy and exact ground truth, with the two contrasts a sagittal spine
// MR comes in. Nothing is written; sample-data/ is only read.

/**
 * T1-weighted spin-echo signal (arbitrary units on the T2 table's scale): fat brightest, adult fatty marrow bright,
 * disc, muscle and CSF dark to intermediate, cortex dark, acute oedema dark (Vande Berg BC et al., Eur Radiol 1998:
 * normal marrow on T1 is brighter than disc and muscle; fluid dark). The orders of magnitude, not the exact values,
 * are what a T1 looks like.
 */
const T1_LIKE_SIGNAL: SignalTable = {
  air: 0,
  fat: 1000,
  softTissue: 400,
  muscle: 300,
  csf: 150,
  spinalCord: 450,
  discAnnulus: 250,
  discNucleus: 330,
  cancellousBone: 700,
  oedematousBone: 300,
  corticalBone: 50,
  posteriorElementBone: 650,
  cement: 30,
};
/** Noise σ in signal units, as the phantom's own MR series (sample-data/series/mrSagittal.ts, MR_NOISE_SIGMA). */
const NOISE_SIGMA = 20;
/**
 * Heights off by more than this need a correction (the measure), mm; every point is held to it too. The
 * rendered plane has the phantom MR's 0.9375 mm pixels.
 */
const TOLERANCE_MM = 1.5;

const spine = baselineSpine();
const levels = spineTruth(spine);

/**
 * The midsagittal MR plane of the baseline phantom with `table`'s signal and Gaussian noise, as a PlaneImage. With
 * `oedemaBandMm`, the fracture's oedema is kept only in a band that deep under its body's superior endplate (the rest of
 * that marrow normal): the band-like subchondral oedema of many acute compression fractures.
 */
function renderedPlane(table: SignalTable, seed: string, oedemaBandMm?: number): PlaneImage {
  const plane = mrSlicePlane(ctGeometry(spine), (MR_SLICE_COUNT - 1) / 2);
  const tissue = new Uint8Array(plane.rows * plane.columns);
  rasterizePlane(buildScene(spine), plane, tissue);
  if (oedemaBandMm !== undefined) keepOedemaBand(tissue, plane, oedemaBandMm);
  const lookup = tissueLookup(table);
  const random = createRandom(seed);
  const values = new Float32Array(tissue.length);
  tissue.forEach((t, i) => {
    values[i] = Math.max(0, lookup[t as Tissue]! + NOISE_SIGMA * gaussian(random));
  });
  return {
    kind: 'plane',
    values,
    columns: plane.columns,
    rows: plane.rows,
    originMm: plane.originMm,
    rowCosine: plane.rowDirection,
    columnCosine: plane.columnDirection,
    columnSpacingMm: plane.columnSpacingMm,
    rowSpacingMm: plane.rowSpacingMm,
    calibrated: true,
  };
}

/** Turns the fractured body's oedema deeper than bandMm under its superior endplate (mid-line, along its axis) into normal marrow. */
function keepOedemaBand(tissue: Uint8Array, plane: ReturnType<typeof mrSlicePlane>, bandMm: number): void {
  const fractured = levels.find((l) => l.level === FRACTURED_LEVEL)!.points;
  const superior = fractured.middleSuperior;
  const axis = [0, 1, 2].map((a) => superior[a]! - fractured.middleInferior[a]!);
  const length = Math.hypot(axis[0]!, axis[1]!, axis[2]!);
  tissue.forEach((t, i) => {
    if (t !== Tissue.oedematousBone) return;
    const c = i % plane.columns;
    const r = Math.floor(i / plane.columns);
    const depthMm = [0, 1, 2].reduce((sum, a) => {
      const p = plane.originMm[a]! + c * plane.columnSpacingMm * plane.rowDirection[a]! + r * plane.rowSpacingMm * plane.columnDirection[a]!;
      return sum + ((superior[a]! - p) * axis[a]!) / length;
    }, 0);
    if (depthMm > bandMm) tissue[i] = Tissue.cancellousBone;
  });
}

function centreOf(level: LevelTruth): Vec3 {
  const points = Object.values(level.points);
  return [0, 1, 2].map((a) => points.reduce((sum, p) => sum + p[a]!, 0) / points.length) as unknown as Vec3;
}

function distanceMm(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

/** Clicks a reader might make inside a body: off centre by (y, z) mm, towards the back and down or the front and up. */
const CLICK_OFFSETS_MM: readonly (readonly [number, number])[] = [
  [3, -2],
  [-4, 3],
];

// detectSpine places the discs by their contrast to the bodies along the column; on T1 the acute L1 fracture's oedema
// is as dark as a disc (T1_LIKE_SIGNAL.oedematousBone), and the disc count that puts a disc inside L1 scores best on
// the profile alone: detectSpine must still count T10 to L3 right (that count's L1 halves are no bodies), each
// proposal must be within 1.5 mm of the truth or flagged "check", and only the body holding the disc-like band may be
// flagged (its level is in doubt), not the levels beyond it.
/** The phantom's acute fracture with marrow oedema (the baseline spine's L1, see sample-data/spineSpecs.ts). */
const FRACTURED_LEVEL = 'L1';
const CONTRASTS = [
  { name: 'T2 (bright disc, intermediate marrow)', table: MR_T2_SIGNAL },
  { name: 'T1-like (bright marrow, dark disc and CSF)', table: T1_LIKE_SIGNAL },
] as const;
/**
 * Depths of a band-like subchondral oedema under the fractured body's superior endplate, mm: from a disc-thick band (a
 * 5 mm band looks like one more disc) to half the body.
 */
const OEDEMA_BANDS_MM = [5, 8, 12] as const;

/**
 * detectSpine from the centres of T10 and L3: every level found, in order, each unflagged body's points within
 * TOLERANCE_MM of the truth, and no body flagged but the fractured L1.
 */
function expectSpineCountedRight(image: PlaneImage): void {
  const result = detectSpine(image, centreOf(levels[0]!), centreOf(levels[levels.length - 1]!));
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.missingLevelOffsets).toEqual([]);
  expect(result.value.vertebrae.map((v) => v.levelOffset)).toEqual(levels.map((_, i) => i));
  for (const { levelOffset, proposal } of result.value.vertebrae) {
    const truth = levels[levelOffset]!;
    const worstMm = Math.max(...CORNER_NAMES.map((point) => distanceMm(proposal.points[point], truth.points[point])));
    if (proposal.confidence >= CHECK_BELOW_CONFIDENCE) expect(worstMm, `${truth.level} (unflagged)`).toBeLessThanOrEqual(TOLERANCE_MM);
    else expect(truth.level, `${truth.level} flagged`).toBe(FRACTURED_LEVEL);
  }
}

describe.each(CONTRASTS)('the phantom MR plane in $name', ({ name, table }) => {
  const image = renderedPlane(table, `analysisMrPhantomContrasts/${name}`);

  it.each(levels.flatMap((level) => CLICK_OFFSETS_MM.map((offset) => [level.level, offset, level] as const)))(
    'puts the six points of %s within 1.5 mm of the truth, unflagged, from a click at offset %j mm',
    (_name, [dy, dz], level) => {
      const centre = centreOf(level);
      const result = proposeVertebra(image, [centre[0], centre[1] + dy, centre[2] + dz]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.polarity).toBe('darkShell');
      expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
      for (const point of CORNER_NAMES) expect(distanceMm(result.value.points[point], level.points[point]), point).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(result.value.heightsMm.anteriorMm - level.heights.anteriorMm)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(result.value.heightsMm.middleMm - level.heights.middleMm)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(result.value.heightsMm.posteriorMm - level.heights.posteriorMm)).toBeLessThanOrEqual(TOLERANCE_MM);
    },
  );

  it('finds T10 to L3 from clicks on T10 and L3, in order, each point within 1.5 mm of the truth or the body flagged, and flags no level but the fractured L1', () => {
    expectSpineCountedRight(image);
  });
});

describe.each(CONTRASTS.flatMap((contrast) => OEDEMA_BANDS_MM.map((bandMm) => ({ ...contrast, bandMm }))))(
  'the phantom MR plane in $name with the fracture oedema only $bandMm mm under L1\'s superior endplate',
  ({ name, table, bandMm }) => {
    const image = renderedPlane(table, `analysisMrPhantomContrasts/${name}/band`, bandMm);

    it('counts T10 to L3 right from clicks on T10 and L3, each point within 1.5 mm of the truth or the body flagged, no level but L1 flagged', () => {
      expectSpineCountedRight(image);
    });
  },
);
