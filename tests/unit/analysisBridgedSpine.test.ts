import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, detectSpine, proposeVertebra, seriesHeaderOf, type AnalysisImage } from '../../analysis';
import { centreOf, heightErrorsMm } from '../bench/assistFigures';
import { Tissue } from '../../sample-data/tissue';
import { CT_HU, fineSceneOf, renderCt, THIN_CORTEX_MM, truthOnPlane, type FineScene, type SignalTable } from '../helpers/phantomVariants';

// Anterior heights where bone bridges the discs in front (issue 12, eighth round). bench:assist-sweep's
// 'ct-osteo-1mm-dish': flowing ossification in front of T11–L2, 1.5 mm thick at each body's mid-height to 6 mm at each
// disc's middle (phantomVariants.ts DISH_LEVELS; Resnick 1976, Verlaan 2011), on an osteoporotic 1 mm CT (marrow 80 HU,
// a 1 mm shell at 350 HU, as the sweep's CT_OSTEOPOROTIC; Pickhardt PJ et al., Ann Intern Med 2013;158:588): the
// bridge is a 1 mm shell round marrow-like bone, fused at T12's waist with the body's own shell. Scenes as the sweep
// renders them (sample-data/ only read), seeds `sweep/<variant>` for draw 1 and `sweep/<variant>/draw-<n>` after.

const osteoporotic: SignalTable = { ...CT_HU, cancellousBone: 80, oedematousBone: 130, corticalBone: 350, thinShellMm: THIN_CORTEX_MM, posteriorElementBone: 300 };
const header = seriesHeaderOf('CT', undefined)!;
const CLICKS_MM = [[0, 0], [4, 3], [4, -3], [-4, 3], [-4, -3]] as const;
const DRAWS = [1, 2, 3] as const;
const seedOf = (variant: string, draw: number) => (draw === 1 ? `sweep/${variant}` : `sweep/${variant}/draw-${draw}`);

function ctOf(fine: FineScene, variant: string, draw: number): AnalysisImage {
  return { ...renderCt(fine, { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: 0.7, noiseHu: 20, table: osteoporotic, seed: seedOf(variant, draw) }), header };
}

const bridged = fineSceneOf('dish');
const bridgedLevels = truthOnPlane(bridged.spine);
const bridgedCts = new Map(DRAWS.map((draw) => [draw, ctOf(bridged, 'ct-osteo-1mm-dish', draw)] as const));
const t12 = bridgedLevels.find((l) => l.level === 'T12')!;

describe('the bridge the DISH scene draws', () => {
  // Before: the painter read the distance from the wall from the cross-section map, whose lookup answers its 4 mm margin
  // beyond the map, so near each disc's middle (where the bridge may exceed 4 mm) bone ran to the field's front edge:
  // 103–112 mm in front of the rims.
  it.each([['T11', 'T12'], ['T12', 'L1'], ['L1', 'L2']])('is 6 mm thick or less in front of the %s–%s disc on the midline', (upper, lower) => {
    const FINE_MM = 0.25;
    const plane = bridged.planes[bridged.xsMm.indexOf(0)]!;
    const a = bridgedLevels.find((l) => l.level === upper)!.points.anteriorInferior;
    const b = bridgedLevels.find((l) => l.level === lower)!.points.anteriorSuperior;
    // The front of the two rims (anterior is −y), at the disc's middle height.
    const [rimY, discZ] = [Math.min(a[1], b[1]), (a[2] + b[2]) / 2];
    const k = Math.round((bridged.zTopMm - discZ) / FINE_MM);
    const codeAt = (y: number) => plane[Math.round((y - bridged.y0Mm) / FINE_MM) + k * bridged.ny]!;
    const softOrOutside = (code: number) => code <= Tissue.muscle;
    // From the rim forward (anterior is −y): the bridge's bone, then the soft tissue in front of it.
    let y = rimY;
    while (y > bridged.y0Mm && !softOrOutside(codeAt(y))) y -= FINE_MM;
    expect(rimY - y).toBeGreaterThan(3);
    expect(rimY - y).toBeLessThanOrEqual(6 + 1); // + 1 mm: the truth's corner points, not the painter's wall, mark the rim
  });
});

describe('anterior heights on an osteoporotic CT with bone bridging the discs in front (DISH)', () => {
  // Before: T12's wall was read at the bridge's front (2.4–2.9 mm ahead of its own), its anterior columns left the
  // fused shell for the bridge's marrow-like interior short of the endplates and the corners were read as collapsed:
  // Ha 4–12 mm short at confidence 0.75 (ROUNDED_CORNER alone) from 1, 4 and 0 of the five clicks on draws 1–3, and
  // T12 from detectSpine on draws 1 and 2 (7 of the 20 tests below fail on the old analysis).
  it.each(DRAWS.flatMap((draw) => CLICKS_MM.map(([dy, dz]) => [draw, dy, dz] as const)))(
    'flags T12 (draw %i) clicked %d mm back and %d mm up whenever a height is off by more than 1.5 mm',
    (draw, dy, dz) => {
      const c = centreOf(t12.points);
      const result = proposeVertebra(bridgedCts.get(draw)!, [c[0], c[1] + dy, c[2] + dz]);
      if (!result.ok) return; // declining is also safe
      const off = heightErrorsMm(result.value.points, t12.points).some((e) => e > 1.5);
      if (off) expect(result.value.confidence, result.value.reasons.map((r) => r.code).join(', ')).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    },
  );

  it.each(DRAWS)('flags each body detectSpine reads with a height off by more than 1.5 mm (draw %i)', (draw) => {
    const result = detectSpine(bridgedCts.get(draw)!, centreOf(bridgedLevels[0]!.points), centreOf(bridgedLevels[bridgedLevels.length - 1]!.points));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const { levelOffset, proposal } of result.value.vertebrae) {
      const level = bridgedLevels[levelOffset]!;
      if (heightErrorsMm(proposal.points, level.points).some((e) => e > 1.5)) {
        expect(proposal.confidence, level.level).toBeLessThan(CHECK_BELOW_CONFIDENCE);
      }
    }
  });
});

// The same CT without the bridges ('ct-osteo-1mm'): the phantom's L1 is a wedge fracture whose anterior corner is read
// where the body ends; no disc there has bone across it, so no proposal may say so.
describe('the bridge probe on the osteoporotic CT without bridges', () => {
  const plain = fineSceneOf('baseline');
  const plainLevels = truthOnPlane(plain.spine);
  it.each([1, 2])('finds no bone across a disc in front of any body clicked at its centre (draw %i)', (draw) => {
    const ct = ctOf(plain, 'ct-osteo-1mm', draw);
    for (const level of plainLevels) {
      const result = proposeVertebra(ct, centreOf(level.points));
      expect(result.ok, level.level).toBe(true);
      if (result.ok) expect(result.value.reasons.map((r) => r.code), level.level).not.toContain('BRIDGED_CORNER');
    }
  });
});
