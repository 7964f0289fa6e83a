import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, detectSpine, proposeVertebra, type PlaneImage } from '../../analysis';
import { centreOf, heightErrorsMm } from '../bench/assistFigures';
import { fineScene, MR_T2_SIGNAL, renderMr, spineOf, truthOnPlane, type SignalTable } from '../helpers/phantomVariants';

// The phantom rendered in memory as bench:assist-sweep's low-SNR T1 (tests/helpers/phantomVariants.ts; sample-data/
// only read): 4 mm slices, 1.2 mm pixels, a posterior coil whose signal falls off e-fold in 120 mm, σ 45; T10–L3,
// cropped to the column. The phantom's shell is 2 mm. Towards the front the endplate bands' outer sides (the disc
// beyond, darker than marrow, brighter than bone) are too faint for a half-depth crossing, so the corners rest on the
// assumed 0.5 mm cortex and read 1.5–2 mm inside the bone; the blurred bands fitted there agree on a cortex of 1.5–2 mm.

/** T1-weighted spin echo, as bench:assist-sweep's MR_T1 (Vande Berg BC et al., Eur Radiol 1998). */
const T1: SignalTable = {
  air: 0, fat: 1000, softTissue: 400, muscle: 300, csf: 150, spinalCord: 450, discAnnulus: 250, discNucleus: 330,
  cancellousBone: 700, oedematousBone: 300, corticalBone: 50, posteriorElementBone: 650, cement: 30,
};

const spine = spineOf('baseline');
const levels = truthOnPlane(spine);
const zs = levels.flatMap((l) => Object.values(l.points).map((p) => p[2]));
const fine = fineScene(spine, 1.5, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60] });
const image: PlaneImage = renderMr(fine, {
  pixelMm: 1.2, sliceMm: 4, table: T1, noiseSigma: 45, biasLengthMm: 120, biasCraniocaudal: 0.3, seed: 'sweep/mr-t1-4mm-lowsnr',
});

describe('proposals on a low-SNR T1 MR (4 mm slices, strong coil bias)', () => {
  // One click at each body's centre (the viewer's one-click mode) and the two-click spine: the ways a reader asks.
  // Before the corner check (mrMeasure's assumedCortexShortfallMm) T11, L2 and L3 were read 3.0–3.8 mm off at full
  // confidence, and detectSpine's L3 3.5 mm. Of the clicks 4 mm off the centre, 9 were off and unflagged before the
  // corner check, 6 with it alone (the anterior wall's step, IRREGULAR_WALL, caught T10's four; README, issue 12,
  // fourth round), and L3 4 mm in front and 3 mm up (Ha and Hp 2.2 mm short) until the corner's one-sided fits that
  // see a clear level beyond were judged whatever their widths (fifth round).
  it('flags L3 clicked 4 mm in front and 3 mm up, read 2.2 mm short where the corner rests on an assumed cortex', () => {
    const level = levels.find((l) => l.level === 'L3')!;
    const c = centreOf(level.points);
    const result = proposeVertebra(image, [c[0], c[1] - 4, c[2] + 3]);
    if (!result.ok) return; // declining is also safe
    const worst = Math.max(...heightErrorsMm(result.value.points, level.points));
    if (worst > 1.5) expect(result.value.confidence, `off ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });

  it.each(levels.map((l) => [l.level, l] as const))('flags %s clicked at its centre when a height is off by more than 1.5 mm', (_, level) => {
    const result = proposeVertebra(image, centreOf(level.points));
    if (!result.ok) return; // declining is also safe
    const worst = Math.max(...heightErrorsMm(result.value.points, level.points));
    if (worst > 1.5) expect(result.value.confidence, `off ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });

  it('flags every body that detectSpine reads more than 1.5 mm off', () => {
    const result = detectSpine(image, centreOf(levels[0]!.points), centreOf(levels[levels.length - 1]!.points));
    if (!result.ok) throw new Error(result.error.message);
    for (const { levelOffset, proposal } of result.value.vertebrae) {
      const level = levels[levelOffset]!;
      const worst = Math.max(...heightErrorsMm(proposal.points, level.points));
      if (worst > 1.5) expect(proposal.confidence, `${level.level} off ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
  });
});

describe('proposals on the sweep\'s low-SNR T2 MR (4 mm slices, 1.1 mm pixels, strong coil bias, σ 50)', () => {
  // bench:assist-sweep's own render (the whole scene, its seed): towards the front the anterior wall's band is found at
  // two depths along the body (steps of 1.8–2.2 mm between neighbouring probes) and the anterior heights were read
  // 1.9–3.1 mm short at full confidence (6 of the 30 clicks: L1's four, T10's and L2's centre or one); IRREGULAR_WALL
  // flags them. Not robust to the noise: on the cropped scene above (another realisation) 4 of 30 stay off and
  // unflagged (8 before; README, issue 12, fourth round).
  const whole = fineScene(spine);
  const t2: PlaneImage = renderMr(whole, {
    pixelMm: 1.1, sliceMm: 4, table: MR_T2_SIGNAL, noiseSigma: 50, biasLengthMm: 120, biasCraniocaudal: 0.3, seed: 'sweep/mr-t2-4mm-lowsnr',
  });
  const clicks = levels.flatMap((level) => CLICKS_MM.map(([dy, dz]) => [level.level, dy, dz, level] as const));
  it.each(clicks)('flags %s clicked %d mm back and %d mm up when a height is off by more than 1.5 mm', (_, dy, dz, level) => {
    const c = centreOf(level.points);
    const result = proposeVertebra(t2, [c[0], c[1] + dy, c[2] + dz]);
    if (!result.ok) return; // declining is also safe
    const worst = Math.max(...heightErrorsMm(result.value.points, level.points));
    if (worst > 1.5) expect(result.value.confidence, `off ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });
});

/** The sweep's clicks: the centre and 4 mm front/back × 3 mm up/down (patient y, z offsets, mm). */
const CLICKS_MM: readonly (readonly [number, number])[] = [[0, 0], [4, 3], [4, -3], [-4, 3], [-4, -3]];
