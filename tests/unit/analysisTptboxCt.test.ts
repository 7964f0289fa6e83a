import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, proposeVertebra, seriesHeaderOf, type Vec3, type VertebraProposal } from '../../analysis';
import { niftiVolume, readNifti, TPTBOX_CT_DIR, TPTBOX_CT_FILES, tptboxCtAvailable } from '../helpers/assistData';
import { bodyReference, TPTBOX_CT_BODY } from '../helpers/tptboxReference';

// The real TPTBox sample CT crop (1.5 mm voxels, σ ≈ 95 HU, marrow ≈ 50 HU; L3 whole) from TPTBOX_CT_DIR
// (../shared/real-spine/tptbox-sample-ct/ or the folder the environment names); skips when absent. Nothing is written.
//
// Reference heights are the masks' (tests/helpers/tptboxReference.ts: medians 1–4 mm inside the walls and ±1 mm around
// mid-depth, along the body's own axis). The masks are automatic and leave the cortex of the endplates' rims out at the
// corners, so the proposal is held to them as the MR's is, to a bit more than one voxel. Before the twenty-first round
// of issue 12 (journal) none of these fifteen clicks came within it: four declined (among them the centre) and the
// rest read Ha and Hp 2.5–4.7 mm tall.

const available = tptboxCtAvailable();
/** A bit more than one 1.5 mm voxel, as for the TPTBox MR. */
const HEIGHT_TOLERANCE_MM = 2;
/** Clicks a reader might make inside the body: its centre and ±3, ±6 mm front to back, ±5 mm head to foot, (y, z) mm. */
const CLICK_OFFSETS_MM: readonly (readonly [number, number])[] = [-6, -3, 0, 3, 6].flatMap((dy) => [-5, 0, 5].map((dz) => [dy, dz] as const));
const HEAVY = { timeout: 60_000 };

function worstErrorMm(proposal: VertebraProposal, reference: { anteriorMm: number; middleMm: number; posteriorMm: number }): number {
  const h = proposal.heightsMm;
  return Math.max(Math.abs(h.anteriorMm - reference.anteriorMm), Math.abs(h.middleMm - reference.middleMm), Math.abs(h.posteriorMm - reference.posteriorMm));
}

describe.skipIf(!available)('the analysis on the real TPTBox sample CT (1.5 mm, noisy, osteoporotic)', HEAVY, () => {
  const read = (f: string) => readNifti(join(TPTBOX_CT_DIR, f));
  const ct = available ? { ...niftiVolume(read(TPTBOX_CT_FILES.image)), header: seriesHeaderOf('CT', undefined)! } : null;
  const reference = available ? bodyReference(read(TPTBOX_CT_FILES.vert), read(TPTBOX_CT_FILES.subreg), TPTBOX_CT_BODY) : null;
  const clickAt = ([dy, dz]: readonly [number, number]): Vec3 => [reference!.centreMm[0], reference!.centreMm[1] + dy, reference!.centreMm[2] + dz];
  const results = available ? CLICK_OFFSETS_MM.map((offset) => proposeVertebra(ct!, clickAt(offset))) : [];

  it('derives reference heights of a lumbar body (about 24–30 mm, wedge-free)', () => {
    expect(reference).not.toBeNull();
    for (const h of Object.values(reference!.heightsMm)) {
      expect(h).toBeGreaterThan(20);
      expect(h).toBeLessThan(34);
    }
  });

  it('proposes the body from a click at its centre', () => {
    const result = proposeVertebra(ct!, reference!.centreMm);
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.heightsMm.middleMm - reference!.heightsMm.middleMm)).toBeLessThanOrEqual(HEIGHT_TOLERANCE_MM);
  });

  it('flags or declines every proposal whose heights are off by more than 2 mm', () => {
    for (const [k, result] of results.entries()) {
      if (!result.ok) continue;
      if (worstErrorMm(result.value, reference!.heightsMm) > HEIGHT_TOLERANCE_MM) expect(result.value.confidence, `click ${CLICK_OFFSETS_MM[k]}`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
  });

  it('proposes the body within 2 mm on every height from at least half the clicks, and declines at most two', () => {
    const right = results.filter((r) => r.ok && worstErrorMm(r.value, reference!.heightsMm) <= HEIGHT_TOLERANCE_MM);
    expect(right.length).toBeGreaterThanOrEqual(CLICK_OFFSETS_MM.length / 2);
    expect(results.filter((r) => !r.ok).length).toBeLessThanOrEqual(2);
  });
});
