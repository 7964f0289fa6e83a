import { describe, expect, it } from 'vitest';
import { detectSpine, proposeVertebra, seriesHeaderOf, type PlaneImage } from '../../analysis';
import { centreOf, distance, heightErrorsMm } from '../bench/assistFigures';
import { fineScene, fineSceneOf, MR_T2_SIGNAL, renderMr, spineOf, truthOnPlane } from '../helpers/phantomVariants';

// The phantom rendered in memory as bench:assist-sweep's 3 mm T2 with a 0.5 mm shell (tests/helpers/phantomVariants.ts,
// THINNEST_CORTEX_MM; sample-data/ only read): 0.6 mm pixels, coil bias e-fold 200 mm, σ 25; T10–L3, cropped to the
// column, with the series' MR header as the viewer sends it. The 3 mm slice's partial volume all but erases a 0.5 mm
// dark shell, so the first departure from the marrow out of the body is the bright nucleus or fat beyond it; read as a
// bright shell, most bodies were flagged BRIGHT_SHELL_UNCONFIRMED and detectSpine found 1 of 6 (README, issue 12,
// fifth round). A bright shell is a band a few millimetres wide; the nucleus is not.

const spine = spineOf('baseline');
const levels = truthOnPlane(spine);
const zs = levels.flatMap((l) => Object.values(l.points).map((p) => p[2]));
const fine = fineScene(spine, 1.5, { zRangeMm: [Math.min(...zs) - 15, Math.max(...zs) + 15], yRangeMm: [-100, 60] });
const image: PlaneImage = {
  ...renderMr(fine, {
    pixelMm: 0.6, sliceMm: 3, table: { ...MR_T2_SIGNAL, thinShellMm: 0.5 }, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3,
    seed: 'shell-polarity/mr-t2-3mm-shell-0.5mm',
  }),
  header: seriesHeaderOf('MR', undefined)!,
};


describe('a T2 MR of bodies with a 0.5 mm shell', () => {
  it.each(levels.map((l) => [l.level, l] as const))('reads %s clicked at its centre as a dark shell', (_, level) => {
    const result = proposeVertebra(image, centreOf(level.points));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('darkShell');
  });

  // Its endplates show no dark line either: the marrow meets the nucleus (1,250 against 600 × the partial volume) or the
  // annulus straight. The first band beyond is the neighbour's endplate, and T11 and L2 were read a disc too tall from
  // 4 and 3 of their five clicks (flagged); a rise into a disc with the neighbour's marrow beyond it is the endplate.
  // (T12's middle height reads 2.1–2.4 mm tall from three clicks, flagged, as before.)
  it('reads T11, L1 and L2 from five clicks each within 1.5 mm, and flags every body it reads further off', () => {
    const clicks = [[0, 0], [4, 3], [-4, -3], [4, -3], [-4, 3]] as const;
    const readings = levels.flatMap((level) =>
      clicks.map(([dy, dz]) => {
        const c = centreOf(level.points);
        const result = proposeVertebra(image, [c[0], c[1] + dy, c[2] + dz]);
        if (!result.ok) throw new Error(result.error.message);
        const errorMm = Math.max(...heightErrorsMm(result.value.points, level.points));
        return { level: level.level, click: `(${dy}, ${dz})`, errorMm, confidence: result.value.confidence };
      }),
    );
    const middle = readings.filter((r) => ['T11', 'L1', 'L2'].includes(r.level));
    expect(middle.filter((r) => r.errorMm > 1.5).map((r) => `${r.level} ${r.click} ${r.errorMm.toFixed(1)} mm`)).toEqual([]);
    expect(readings.filter((r) => r.errorMm > 1.5 && r.confidence >= 0.7).map((r) => `${r.level} ${r.click}`)).toEqual([]);
  });

  it('finds every body from T10 to L3 with detectSpine, each at its level', () => {
    const result = detectSpine(image, centreOf(levels[0]!.points), centreOf(levels[levels.length - 1]!.points));
    if (!result.ok) throw new Error(result.error.message);
    const right = result.value.vertebrae.filter(({ levelOffset, proposal }) => {
      const level = levels[levelOffset];
      return level !== undefined && distance(proposal.centreMm, centreOf(level.points)) <= level.heights.middleMm / 3;
    });
    expect(right.length).toBe(levels.length);
  });
});

// The same scene as bench:assist-sweep renders it (its second noise draw, the whole field): with its endplates read
// right, T10 clicked 4 mm behind and 3 mm above its centre has four of its seven posterior wall probes pass over the
// lost 0.5 mm cortex to the back of the canal or a band in it, while three agree on the wall; the median of the seven
// put the wall 4 mm behind, Hp 2.3 mm tall at confidence 1.
describe('the 0.5 mm-shell T2 as the sweep draws it', () => {
  const fineSweep = fineSceneOf('baseline');
  const sweepImage = renderMr(fineSweep, {
    pixelMm: 0.6, sliceMm: 3, table: { ...MR_T2_SIGNAL, thinShellMm: 0.5 }, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3,
    seed: 'sweep/mr-t2-3mm-shell-0.5mm/draw-2',
  });
  it('flags T10 when some posterior wall probes find the wall further in than where it was placed', () => {
    const level = truthOnPlane(fineSweep.spine).find((l) => l.level === 'T10')!;
    const c = centreOf(level.points);
    const result = proposeVertebra(sweepImage, [c[0], c[1] + 4, c[2] + 3]);
    if (!result.ok) throw new Error(result.error.message);
    const errorMm = Math.max(...heightErrorsMm(result.value.points, level.points));
    const codes = result.value.reasons.map((r) => r.code);
    expect(errorMm <= 1.5 || codes.includes('IRREGULAR_WALL'), `heights ${errorMm.toFixed(1)} mm off, reasons ${codes.join(', ') || 'none'}`).toBe(true);
  });
});
