import { describe, expect, it } from 'vitest';
import {
  baselineSpine,
  discHeightMm,
  levelTruth,
  postKyphoplastySpine,
  spineTruth,
  type LevelTruth,
} from '../../sample-data/anatomy';
import { signedDistanceToWallMm, buildCrossSectionMap } from '../../sample-data/crossSection';
import { formatDs } from '../../sample-data/dicomWriter';
import { frameOf, localToPatient, patientToLocal, distanceMm, type Vec3 } from '../../sample-data/pose';
import { createNoiseTable, createRandom } from '../../sample-data/random';
import { CORTICAL_SHELL_MM, tissueAt } from '../../sample-data/rasterize';
import { buildScene } from '../../sample-data/scene';
import { Tissue } from '../../sample-data/tissue';
import { deterministicUid } from '../../sample-data/uids';
import { GROUND_TRUTH_LEVELS } from '../../sample-data/vertebraShape';
import { at } from '../../measurement/testing/results';

const baseline = spineTruth(baselineSpine());
const post = spineTruth(postKyphoplastySpine());
const byLevel = (truths: LevelTruth[], level: string): LevelTruth => {
  const found = truths.find((t) => t.level === level);
  if (!found) throw new Error(`no ${level}`);
  return found;
};
const lossPct = (heightMm: number, referenceMm: number) => 100 * (1 - heightMm / referenceMm);
const pairs = [
  ['anteriorMm', 'anteriorSuperior', 'anteriorInferior'],
  ['middleMm', 'middleSuperior', 'middleInferior'],
  ['posteriorMm', 'posteriorSuperior', 'posteriorInferior'],
] as const;

describe('the phantom ground truth', () => {
  it('lists T10 to L3, cranial to caudal, in both studies', () => {
    expect(baseline.map((t) => t.level)).toEqual([...GROUND_TRUTH_LEVELS]);
    expect(post.map((t) => t.level)).toEqual([...GROUND_TRUTH_LEVELS]);
  });

  it.each([...baseline.map((t) => ['baseline', t] as const), ...post.map((t) => ['post', t] as const)])(
    'gives %s %s heights equal to the distances between its points',
    (_study, truth) => {
      for (const [height, superior, inferior] of pairs) {
        expect(truth.heights[height]).toBeCloseTo(distanceMm(truth.points[superior], truth.points[inferior]), 12);
      }
    },
  );

  it('puts every point in the midsagittal plane x = 0 exactly', () => {
    for (const truth of [...baseline, ...post]) {
      for (const point of Object.values(truth.points)) expect(point[0]).toBe(0);
    }
  });

  it('gives L1 at baseline an anterior wedge with 35% ± 3 anterior height loss', () => {
    const l1 = byLevel(baseline, 'L1');
    expect(lossPct(l1.heights.anteriorMm, l1.heights.posteriorMm)).toBeGreaterThan(32);
    expect(lossPct(l1.heights.anteriorMm, l1.heights.posteriorMm)).toBeLessThan(38);
  });

  it('gives T12 a biconcave shape with 22% ± 2 middle height loss and its anterior height kept', () => {
    const t12 = byLevel(baseline, 'T12');
    expect(lossPct(t12.heights.middleMm, t12.heights.posteriorMm)).toBeGreaterThan(20);
    expect(lossPct(t12.heights.middleMm, t12.heights.posteriorMm)).toBeLessThan(24);
    expect(lossPct(t12.heights.anteriorMm, t12.heights.posteriorMm)).toBeLessThan(5);
  });

  it('restores L1 after kyphoplasty to Ha/Hp ≥ 0.85 without changing its posterior height', () => {
    const before = byLevel(baseline, 'L1');
    const after = byLevel(post, 'L1');
    expect(after.heights.anteriorMm / after.heights.posteriorMm).toBeGreaterThanOrEqual(0.85);
    expect(after.heights.posteriorMm).toBeCloseTo(before.heights.posteriorMm, 9);
    expect(after.points.anteriorInferior).toEqual(before.points.anteriorInferior);
  });

  it('leaves every level but L1 identical between baseline and post', () => {
    for (const level of GROUND_TRUTH_LEVELS.filter((l) => l !== 'L1')) {
      expect(byLevel(post, level)).toEqual(byLevel(baseline, level));
    }
  });

  it('makes the heights of the normal levels grow caudally', () => {
    const normal = baseline.filter((t) => t.description === 'normal');
    expect(normal.map((t) => t.level)).toEqual(['T10', 'T11', 'L2', 'L3']);
    for (let i = 1; i < normal.length; i += 1) {
      for (const [height] of pairs) expect(at(normal, i).heights[height]).toBeGreaterThan(at(normal, i - 1).heights[height]);
    }
  });

  it('keeps normal bodies between 20 and 30 mm tall, thoracic ones slightly shorter in front', () => {
    for (const truth of baseline.filter((t) => t.description === 'normal')) {
      expect(truth.heights.posteriorMm).toBeGreaterThan(20);
      expect(truth.heights.posteriorMm).toBeLessThan(30);
      const ratio = truth.heights.anteriorMm / truth.heights.posteriorMm;
      expect(ratio).toBeGreaterThanOrEqual(truth.level.startsWith('T') ? 0.9 : 0.95);
      expect(ratio).toBeLessThanOrEqual(1);
    }
  });

  it('tilts the vertebrae by a few degrees, at most 8, not all alike', () => {
    const tilts = baseline.map((t) => t.tiltDeg);
    for (const tilt of tilts) expect(Math.abs(tilt)).toBeLessThanOrEqual(8);
    expect(new Set(tilts).size).toBeGreaterThan(3);
    expect(tilts.some((t) => t !== 0)).toBe(true);
  });
});

describe('the phantom stack', () => {
  it.each([
    ['baseline', baselineSpine()],
    ['post', postKyphoplastySpine()],
  ])('leaves at least 3.5 mm of disc at the front, middle and back of every disc (%s)', (_name, spine) => {
    for (let i = 0; i < spine.vertebrae.length - 1; i += 1) {
      const halfDepthMm = at(spine.vertebrae, i).shape.depthMm / 2;
      for (const uMm of [halfDepthMm, 0, -halfDepthMm]) expect(discHeightMm(spine, i, uMm)).toBeGreaterThan(3.5);
    }
  });

  it('keeps mid-line discs between 6 and 12 mm', () => {
    const spine = baselineSpine();
    for (let i = 0; i < spine.vertebrae.length - 1; i += 1) {
      expect(discHeightMm(spine, i, 0)).toBeGreaterThan(6);
      expect(discHeightMm(spine, i, 0)).toBeLessThan(12);
    }
  });
});

describe('the rasterized phantom', () => {
  const scene = buildScene(baselineSpine());
  const all = scene.vertebrae.map((_, i) => i);
  const spine = baselineSpine();

  it.each(spine.vertebrae.filter((v) => (GROUND_TRUTH_LEVELS as readonly string[]).includes(v.shape.level)))(
    'has cortical bone 0.2–1.8 mm inward of every ground-truth point of $shape.level',
    (vertebra) => {
      const truth = levelTruth(vertebra);
      // A point depthMm from `from` towards `to` (the other endplate): into the body along its cranial axis.
      const inward = (from: Vec3, to: Vec3, depthMm: number): Vec3 => {
        const lengthMm = distanceMm(from, to);
        const along = (k: 0 | 1 | 2) => from[k] + ((to[k] - from[k]) * depthMm) / lengthMm;
        return [along(0), along(1), along(2)];
      };
      for (const [, superior, inferior] of pairs) {
        const directions: ReadonlyArray<readonly [Vec3, Vec3]> = [
          [truth.points[superior], truth.points[inferior]],
          [truth.points[inferior], truth.points[superior]],
        ];
        for (const [from, to] of directions) {
          for (const depthMm of [0.2, 1, CORTICAL_SHELL_MM - 0.2]) {
            const [x, y, z] = inward(from, to, depthMm);
            expect(tissueAt(scene, all, x, y, z)).toBe(Tissue.corticalBone);
          }
          const [x, y, z] = inward(from, to, -0.3);
          expect(tissueAt(scene, all, x, y, z)).not.toBe(Tissue.corticalBone);
        }
      }
    },
  );

  it('puts cement only in the post-kyphoplasty L1, inside its cortical shell', () => {
    const postScene = buildScene(postKyphoplastySpine());
    const l1 = postKyphoplastySpine().vertebrae.find((v) => v.shape.level === 'L1');
    if (!l1) throw new Error('no L1');
    const at = (u: number, v: number, w: number, target = postScene) => {
      const [x, y, z] = localToPatient(l1.frame, [u, v, w]);
      return tissueAt(target, postScene.vertebrae.map((_, i) => i), x, y, z);
    };
    expect(at(4, 0, 0)).toBe(Tissue.cement);
    expect(at(4, 0, 0, scene)).toBe(Tissue.oedematousBone);
  });
});

describe('the phantom building blocks', () => {
  it('maps local vertebra coordinates to patient mm and back', () => {
    const frame = frameOf({ centreMm: [1, 2, 3], tiltDeg: 7 });
    const local = [4, -5, 6] as const;
    const back = patientToLocal(frame, localToPatient(frame, local));
    back.forEach((c, k) => expect(c).toBeCloseTo(at(local, k), 12));
  });

  it('turns the anterior axis towards −y and the cranial axis towards +z when untilted', () => {
    const frame = frameOf({ centreMm: [0, 0, 0], tiltDeg: 0 });
    expect(frame.anterior.map((c) => c + 0)).toEqual([0, -1, 0]);
    expect(frame.cranial.map((c) => c + 0)).toEqual([0, 0, 1]);
  });

  it('measures the distance to the body wall with a negative sign inside', () => {
    const shape = at(baselineSpine().vertebrae, 5).shape;
    const map = buildCrossSectionMap(shape);
    expect(signedDistanceToWallMm(map, 0, 0)).toBeLessThan(-10);
    expect(signedDistanceToWallMm(map, shape.depthMm / 2 - 1, 0)).toBeCloseTo(-1, 1);
    expect(signedDistanceToWallMm(map, -shape.depthMm / 2 + 1, 0)).toBeCloseTo(-1, 1);
    expect(signedDistanceToWallMm(map, shape.depthMm / 2 + 1, 0)).toBeCloseTo(1, 1);
  });

  it('derives the same 2.25 UID from the same name, and different ones from different names', () => {
    const uid = deterministicUid('study/baseline');
    expect(uid).toBe(deterministicUid('study/baseline'));
    expect(uid).not.toBe(deterministicUid('study/post'));
    expect(uid).toMatch(/^2\.25\.[1-9][0-9]*$/);
    expect(uid.length).toBeLessThanOrEqual(64);
  });

  it('draws the same numbers from the same seed', () => {
    const a = createRandom('seed');
    const b = createRandom('seed');
    const c = createRandom('other');
    const drawsA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(drawsA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(drawsA);
    for (const draw of drawsA) {
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThan(1);
    }
  });

  it('makes noise with about the σ asked for and mean 0', () => {
    const table = createNoiseTable('noise-test', 15, 1 << 16);
    const mean = table.reduce((s, v) => s + v, 0) / table.length;
    const sigma = Math.sqrt(table.reduce((s, v) => s + (v - mean) ** 2, 0) / table.length);
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(sigma).toBeGreaterThan(14);
    expect(sigma).toBeLessThan(16);
  });

  it.each([
    [0.7, '0.7'],
    [-179.2, '-179.2'],
    [0.1 + 0.2, '0.3'],
    [-0, '0'],
    [123456.123456789, '123456.123457'],
    [-1234567890.123456, '-1234567890.1235'],
  ])('writes %s as the Decimal String %s', (value, text) => {
    expect(formatDs(value)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(16);
  });
});
