import { describe, expect, it } from 'vitest';
import type { PlaneImage } from './image';
import { CT_BONE_THRESHOLD_HU, frameHalfHeightMm, frameSpine, spinePlaneAmong } from './frameSpine';

interface Scene {
  background: number;
  body: number;
  disc: number;
  /** A short bright bar elsewhere (a sternum on CT, subcutaneous fat on MR). */
  distractor: number;
}

const CT: Scene = { background: 40, body: 300, disc: 70, distractor: 400 };
const MR_T1: Scene = { background: 120, body: 520, disc: 180, distractor: 600 };

/**
 * A 300 × 260 mm sagittal plane at 1 mm: columns run posterior (+y), rows run to the feet (−z). Five 26 mm bodies with
 * 9 mm discs, 34 mm deep, centred 30 mm posterior of the plane's centre; a 40 mm bar 100 mm anterior of them.
 */
function sagittalPlane(scene: Scene, options: { spacingMm?: number; withSpine?: boolean; bloodHu?: number } = {}) {
  const spacingMm = options.spacingMm ?? 1;
  const columns = Math.round(300 / spacingMm);
  const rows = Math.round(260 / spacingMm);
  const values = new Float32Array(columns * rows).fill(scene.background);
  const depthFromMm = 150 + 30 - 17;
  const topMm = 40;
  const bodies = 5;
  for (let r = 0; r < rows; r += 1) {
    const yMm = r * spacingMm;
    for (let c = 0; c < columns; c += 1) {
      const xMm = c * spacingMm;
      let v = scene.background;
      if (options.withSpine !== false && xMm >= depthFromMm && xMm < depthFromMm + 34 && yMm >= topMm && yMm < topMm + bodies * 35 - 9) {
        v = (yMm - topMm) % 35 < 26 ? scene.body : scene.disc;
      }
      if (xMm >= depthFromMm - 100 && xMm < depthFromMm - 88 && yMm >= 60 && yMm < 100) v = scene.distractor;
      // Contrast-enhanced heart and aorta in front of the spine: wider and taller than it, and homogeneous.
      if (options.bloodHu !== undefined && xMm >= depthFromMm - 80 && xMm < depthFromMm - 20 && yMm >= 20 && yMm < 240) v = options.bloodHu;
      values[c + r * columns] = v;
    }
  }
  // The corners outside the reformatted volume.
  for (let r = 0; r < 10 / spacingMm; r += 1) values[r * columns] = Number.NaN;
  const plane: PlaneImage = {
    kind: 'plane',
    values,
    columns,
    rows,
    originMm: [0, -150, 130],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    columnSpacingMm: spacingMm,
    rowSpacingMm: spacingMm,
    calibrated: true,
  };
  // Truth: y of the column's centre (mm, LPS) and z of its centre, its length and depth.
  const truth = { centreY: -150 + depthFromMm + 17, centreZ: 130 - (topMm + (bodies * 35 - 9) / 2), lengthMm: bodies * 35 - 9, depthMm: 34 };
  return { plane, truth };
}

describe('frameSpine', () => {
  it.each([
    ['a CT at 1 mm', CT, 'CT', 1],
    ['a CT at 0.7 mm', CT, 'CT', 0.7],
    ['a T1 MR at 1 mm', MR_T1, 'MR', 1],
  ] as const)('finds the column of five bodies on %s within 3 mm', (_name, scene, modality, spacingMm) => {
    const { plane, truth } = sagittalPlane(scene, { spacingMm });
    const result = frameSpine(plane, modality);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Math.abs(result.value.centreMm[1] - truth.centreY)).toBeLessThan(3);
    expect(Math.abs(result.value.centreMm[2] - truth.centreZ)).toBeLessThan(3);
    expect(Math.abs(result.value.lengthMm - truth.lengthMm)).toBeLessThan(3);
    expect(Math.abs(result.value.depthMm - truth.depthMm)).toBeLessThan(8);
  });

  // A real contrast chest CT (TotalSegmentator's aorta crop) was framed on its heart and aorta, the spine cut at the
  // view's edge: blood at 300–500 HU fills more of the plane's rows than the bodies, but shows no discs.
  it('frames the column, not the enhanced blood in front of it, on a contrast CT', () => {
    const { plane, truth } = sagittalPlane(CT, { bloodHu: 450 });
    const result = frameSpine(plane, 'CT');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Math.abs(result.value.centreMm[1] - truth.centreY)).toBeLessThan(3);
    expect(Math.abs(result.value.lengthMm - truth.lengthMm)).toBeLessThan(3);
  });

  it('declines a plane without a column (NO_VERTEBRA), so the caller fits the image', () => {
    const { plane } = sagittalPlane(CT, { withSpine: false });
    const result = frameSpine(plane, 'CT');
    expect(result.ok ? 'ok' : result.error.code).toBe('NO_VERTEBRA');
  });

  it('declines a CT plane with nothing as bright as bone', () => {
    const { plane } = sagittalPlane({ background: 0, body: CT_BONE_THRESHOLD_HU - 1, disc: 50, distractor: 20 });
    const result = frameSpine(plane, 'CT');
    expect(result.ok ? 'ok' : result.error.code).toBe('NO_VERTEBRA');
  });

  it('declines an uncalibrated plane', () => {
    const { plane } = sagittalPlane(CT);
    const result = frameSpine({ ...plane, calibrated: false }, 'CT');
    expect(result.ok ? 'ok' : result.error.code).toBe('UNCALIBRATED');
  });

  it('declines a flat MR plane (no threshold)', () => {
    const { plane } = sagittalPlane({ background: 100, body: 100, disc: 100, distractor: 100 });
    const result = frameSpine(plane, 'MR');
    expect(result.ok ? 'ok' : result.error.code).toBe('NO_VERTEBRA');
  });
});

describe('frameHalfHeightMm', () => {
  it.each([
    // length, depth, aspect (width / height) → half height
    [200, 40, 1, 106],
    [200, 40, 0.1, 248],
    [60, 80, 1, 49.6],
  ])('frames a %s mm long, %s mm deep column in a view of aspect %s with half height %s mm', (lengthMm, depthMm, aspect, expected) => {
    expect(frameHalfHeightMm({ lengthMm, depthMm }, aspect)).toBeCloseTo(expected, 1);
  });
});

describe('spinePlaneAmong', () => {
  // Disc-like gaps on a real contrast chest CT's sagittal planes, 3 mm apart (offsets from the volume's middle plane,
  // whose column, 2 gaps, is the heart's, 88 mm in front of the spine's); the spine's midline lies 21.8 mm to the left
  // (−), its bodies' planes show 7–16 gaps, the rib heads' planes beyond them fewer.
  const CHEST = [[-42, 4], [-39, 5], [-36, 9], [-33, 4], [-30, 12], [-27, 16], [-24, 16], [-21, 10], [-18, 12], [-15, 8], [-12, 9], [-9, 9], [-6, 7], [-3, 14], [3, 2], [6, 3], [9, 1]] as const;
  const SPINE_AT: readonly [number, number] = [88, 0];
  const candidates = (pairs: readonly (readonly [number, number])[], atMm = SPINE_AT) => pairs.map(([offsetMm, discGaps]) => ({ offsetMm, discGaps, atMm }));
  const heart = (discGaps: number) => ({ discGaps, atMm: [0, 0] as const });

  it('takes the middle of the planes around the best that show at least half its gaps, weighted by their gaps', () => {
    const chosen = spinePlaneAmong(candidates(CHEST), heart(2), 3);
    expect(chosen).not.toBeNull();
    expect(Math.abs(chosen! - -21.8)).toBeLessThanOrEqual(1.5);
    expect(spinePlaneAmong(candidates(CHEST), null, 3)).toBe(chosen);
  });

  it('keeps the plane shown when no plane beside it shows a spine clearly better', () => {
    expect(spinePlaneAmong(candidates([[-3, 5], [3, 4]]), heart(0), 3)).toBeNull();
    expect(spinePlaneAmong(candidates([[-3, 7], [3, 6]]), heart(4), 3)).toBeNull();
    expect(spinePlaneAmong(candidates([[-3, 8], [3, 6]]), heart(4), 3)).toBe(-3);
    expect(spinePlaneAmong([], null, 3)).toBeNull();
  });

  // A column whose discs are bridged (DISH, a fused spine; the 1,000-slice browser test's cylinder of bone whose radius
  // swells and shrinks) shows no gap on its middle plane and many where its edge comes and goes.
  it('keeps the plane shown when the column found beside it is the one it shows, seen at its edge', () => {
    expect(spinePlaneAmong(candidates([[-12, 14], [-9, 9], [9, 9], [12, 14]], [3, -5]), { discGaps: 0, atMm: [0, 0] }, 3)).toBeNull();
  });
});
