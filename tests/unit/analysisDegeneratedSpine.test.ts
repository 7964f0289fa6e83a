import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, detectSpine, proposeVertebra, seriesHeaderOf, type PlaneImage } from '../../analysis';
import { centreOf, distance, heightErrorsMm } from '../bench/assistFigures';
import { CT_HU, fineSceneOf, MR_T2_SIGNAL, renderCt, renderMr, THIN_CORTEX_MM, truthOnPlane, type SignalTable } from '../helpers/phantomVariants';

// bench:assist-sweep's 'mr-t2-degen-discs' under its second and third noise draws (seed `sweep/<variant>/draw-<n>`;
// the phantom rendered in memory by tests/helpers/phantomVariants.ts, sample-data/ only read): the 3 mm T2 of a spine
// whose T11–T12 and L2–L3 discs are collapsed to 4 mm and desiccated (Pfirrmann IV–V: 250 against the marrow's 600),
// L2–L3 with a 1.5 mm vacuum cleft (a signal void), L1–L2 desiccated at full height. Beside the cleft the dark of
// cortex, disc and gas runs on, so L2's inferior and L3's superior endplates show no outer side except at their rims;
// their surfaces rest on the assumed 0.5 mm cortex (the phantom's shell is 2 mm) and the heights read 1.4–2.0 mm short.

const fine = fineSceneOf('degenerated');
const levels = truthOnPlane(fine.spine);
const header = seriesHeaderOf('MR', undefined)!;
const render = (draw: number): PlaneImage => ({
  ...renderMr(fine, {
    pixelMm: 0.6, sliceMm: 3, table: { ...MR_T2_SIGNAL, degeneratedDisc: 250 }, noiseSigma: 25, biasLengthMm: 200,
    biasCraniocaudal: 0.3, seed: `sweep/mr-t2-degen-discs/draw-${draw}`,
  }),
  header,
});
const images = new Map([2, 3].map((draw) => [draw, render(draw)] as const));

/** The sweep's clicks: the centre and 4 mm front/back × 3 mm up/down (patient y, z offsets, mm). */
const CLICKS_MM: readonly (readonly [number, number])[] = [[0, 0], [4, 3], [4, -3], [-4, 3], [-4, -3]];
/** The sweep's five clicks on the level `name` of `among` (the truth's levels on a scene), for one noise draw. */
function clicksOn<L extends { readonly level: string }>(among: readonly L[], draw: number, name: string) {
  const level = among.find((l) => l.level === name)!;
  return CLICKS_MM.map(([dy, dz]) => [draw, name, dy, dz, level] as const);
}
const clicks = (draw: number, name: string) => clicksOn(levels, draw, name);

describe('proposals beside a collapsed disc with a vacuum cleft on a T2 (desiccated discs)', () => {
  // Before: L3 from four clicks on draw 2 and five on draw 3, L2 from its centre on draw 3, all confidence 1.
  it.each([...clicks(2, 'L2'), ...clicks(2, 'L3'), ...clicks(3, 'L2'), ...clicks(3, 'L3')])(
    'flags (draw %i) %s clicked %d mm back and %d mm up when a height is off by more than 1.5 mm',
    (draw, _, dy, dz, level) => {
      const c = centreOf(level.points);
      const result = proposeVertebra(images.get(draw)!, [c[0], c[1] + dy, c[2] + dz]);
      if (!result.ok) return; // declining is also safe
      const worst = Math.max(...heightErrorsMm(result.value.points, level.points));
      if (worst > 1.5) expect(result.value.confidence, `off ${worst.toFixed(2)} mm`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    },
  );

  // The flag is the cleft's, not the desiccated discs': a body between healthy or merely desiccated discs (T11–T12
  // narrowed and dark, L1–L2 dark) is read within 1.5 mm and not flagged.
  it.each(['T10', 'T11', 'T12', 'L1'])('reads %s (no vacuum cleft beside it) within 1.5 mm, unflagged', (name) => {
    const level = levels.find((l) => l.level === name)!;
    for (const image of images.values()) {
      const result = proposeVertebra(image, centreOf(level.points));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(Math.max(...heightErrorsMm(result.value.points, level.points))).toBeLessThan(1.5);
      expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    }
  });
});

describe('detectSpine from T10 to L3 on that T2, a bright healthy disc at one end and the dark cleft at the other', () => {
  // Before: the disc evidence was the signed difference from the marrow over the end discs' median (657 and 39 about a
  // marrow of 310: a contrast of 38), and on draw 3 the count lost a body (5 found, T12–L2 at wrong places).
  it.each([2, 3])('finds the six bodies at their levels (draw %i)', (draw) => {
    const result = detectSpine(images.get(draw)!, centreOf(levels[0]!.points), centreOf(levels[levels.length - 1]!.points));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.vertebrae.map((v) => v.levelOffset)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const { levelOffset, proposal } of result.value.vertebrae) {
      const level = levels[levelOffset]!;
      expect(distance(proposal.centreMm, centreOf(level.points)), level.level).toBeLessThanOrEqual(level.heights.middleMm / 3);
    }
  });
});

// bench:assist-sweep's 'ct-osteo-1mm-degen-osteophytes', draws 1 and 3: the same discs with anterior spurs at T11
// (inferior), T12 (superior), L2 (inferior) and L3 (superior) on an osteoporotic 1 mm CT (marrow 80 HU, a 1 mm shell at
// 350 HU, as the sweep's CT_OSTEOPOROTIC; Pickhardt PJ et al., Ann Intern Med 2013;158:588). A spur's marrow joins the
// body's, so the wall's cortex ends 3–5 mm short of the rim where the spur's base begins: the column 1 mm inside the
// wall leaves bright bone there, then meets the endplate's cortex at its own height.
const spurred = fineSceneOf('osteophytes');
const spurredLevels = truthOnPlane(spurred.spine);
const osteoporotic: SignalTable = { ...CT_HU, cancellousBone: 80, oedematousBone: 130, corticalBone: 350, thinShellMm: THIN_CORTEX_MM, posteriorElementBone: 300 };
const ctHeader = seriesHeaderOf('CT', undefined)!;
const cts = new Map(
  [1, 3].map((draw) => {
    const seed = draw === 1 ? 'sweep/ct-osteo-1mm-degen-osteophytes' : `sweep/ct-osteo-1mm-degen-osteophytes/draw-${draw}`;
    return [draw, { ...renderCt(spurred, { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: 0.7, noiseHu: 20, table: osteoporotic, seed }), header: ctHeader }] as const;
  }),
);
const spurClicks = (draw: number, name: string) => clicksOn(spurredLevels, draw, name);

describe('anterior heights on an osteoporotic CT with osteophytes at the anterior rims', () => {
  // Before: the corner was read as collapsed where the wall's cortex ended (Ha 3.9–4.3 mm short, as a wedge fracture
  // would be), from every click on L2 and L3; flagged on most, at confidence 0.75 on two of draw 3's L3 clicks.
  it.each([...spurClicks(1, 'L2'), ...spurClicks(1, 'L3'), ...spurClicks(3, 'L2'), ...spurClicks(3, 'L3')])(
    'reads (draw %i) %s clicked %d mm back and %d mm up at the body\'s own corner, Ha within 1.5 mm',
    (draw, _, dy, dz, level) => {
      const c = centreOf(level.points);
      const result = proposeVertebra(cts.get(draw)!, [c[0], c[1] + dy, c[2] + dz]);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [anteriorErrorMm] = heightErrorsMm(result.value.points, level.points);
      expect(anteriorErrorMm).toBeLessThan(1.5);
    },
  );
});
