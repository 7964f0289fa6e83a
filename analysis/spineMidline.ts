import { CT_BONE_THRESHOLD_HU, frameSpine, SPINE_PLANE_MIN_DISC_GAPS, type SpineFrame } from './frameSpine';
import type { PlaneImage } from './image';
import { fail, ok, type AnalysisResult } from './result';
import type { PlaneSpec } from './samplePlane';
import { addScaled3, type Vec3 } from './vec';

/**
 * How far either side of a sagittal plane its spine's midline is looked for, mm: a plane that shows the column at all
 * lies within half a body's width (adult bodies 30–50 mm wide) of the midline, and a plane moved to the spine from the
 * heart (spinePlaneAmong) lay 1–5 mm from it on a real chest CT.
 */
export const MIDLINE_SEARCH_MM = 35;
/** Half the width compared with its mirror image about each candidate midline, mm: the canal, the laminae and the spinous process, the pedicles and the transverse processes or rib necks. */
const MIRROR_HALF_WIDTH_MM = 35;
/** Distance between the axial sections read, along the column, mm: four to eight through each body and its disc (25–45 mm); 3 mm found the same midlines on the real CTs at twice the time. */
const SECTION_STEP_MM = 6;
/**
 * The sections cover the back of the bodies and the vertebral arches: from this far in front of the back of the column
 * band (the bodies' posterior walls) to POSTERIOR_REACH_MM behind it, mm. Further forward lie the aorta (left, with
 * contrast as bright as bone) and the azygos and caval veins (right): on a real contrast chest CT sections through the
 * whole bodies were most symmetric about the aorta, 27 mm beside the midline; behind the walls the bone is the
 * arches', left and right alike. 15 mm of body: VerSe's midline found within 1 mm of its bodies' middle from every
 * plane tried (10 mm: 2 mm from four of nine, the arches alone rotated a little against the bodies).
 */
const WALL_INSET_MM = 15;
const POSTERIOR_REACH_MM = 45;
/** Sampling of the sections, mm; candidate midlines are tried every half of it. */
const SECTION_SAMPLING_MM = 1;
/** The mirror is tried every this many half-samples first (2 mm: the arch's parts are 5–15 mm across), then every half-sample about the best. */
const COARSE_HALF_STEPS = 4;
/** Bone above the CT threshold is compared up to this many HU above it (cortex and metal clipped alike). */
const BONE_RANGE_HU = 850;
/** A candidate midline is judged only where its mirror pairs cover at least this share of the best-covered candidate's (a volume cut close to the spine). */
const MIN_PAIR_SHARE = 0.5;
/**
 * The midline is looked for again from the plane it was found on (the column band, and so the sections' depth, is read
 * there) until two passes agree within CONVERGED_MM, at most MAX_PASSES times: from a plane through the pedicles the
 * band lies behind the bodies, from the midline on them.
 */
const CONVERGED_MM = 1;
const MAX_PASSES = 4;

/** What spineMidline reads: the volume's sagittal planes beside the displayed one and any plane through it. */
export interface MidlineSampler {
  /** The sagittal plane `offsetMm` along the view normal from the displayed one, in the view's axes (its rowCosine across the screen). */
  readonly sagittalAt: (offsetMm: number) => PlaneImage | null;
  /** Any plane of the volume (NaN outside it). */
  readonly plane: (spec: PlaneSpec) => PlaneImage | null;
}

/** Where the spine's midline lies, from the displayed sagittal plane. */
export interface SpineMidline {
  /** Distance of the midline from the displayed plane along the view normal, mm. */
  readonly offsetMm: number;
  /** How unlike its mirror image the arch is about the midline: 0 mirror-symmetric, 1 nothing in common. */
  readonly asymmetry: number;
}

/**
 * Of axial sections across the column (`sections`: columns along the view normal, SECTION_SAMPLING_MM apart and
 * centred on the plane read; rows from front to back), the offset along the normal about which their bone is most
 * nearly its own mirror image: Σ(a − b)² / Σ(a² + b²) over mirror pairs up to MIRROR_HALF_WIDTH_MM apart, a and b the
 * HU above CT_BONE_THRESHOLD_HU (at most BONE_RANGE_HU). Null when no candidate has bone to compare.
 */
export function mirrorOffsetMm(sections: readonly PlaneImage[]): { readonly offsetMm: number; readonly asymmetry: number } | null {
  const bone = sections.map((section) => {
    const above = new Float32Array(section.values.length);
    for (let i = 0; i < above.length; i += 1) {
      const v = section.values[i]!;
      above[i] = Number.isFinite(v) ? Math.min(BONE_RANGE_HU, Math.max(0, v - CT_BONE_THRESHOLD_HU)) : Number.NaN;
    }
    return { above, columns: section.columns, rows: section.rows };
  });
  const halfPairs = Math.round(MIRROR_HALF_WIDTH_MM / SECTION_SAMPLING_MM);
  const steps = Math.round(MIDLINE_SEARCH_MM / SECTION_SAMPLING_MM);
  // The candidate `halfStep` half-samples from the sections' middle column: its mirror pairs (j1, j2) have j1 + j2 = sum.
  const scoreAt = (halfStep: number): { offsetMm: number; asymmetry: number; pairs: number } | null => {
    let differences = 0;
    let energy = 0;
    let pairs = 0;
    for (const { above, columns, rows } of bone) {
      const sum = columns - 1 + halfStep;
      for (let r = 0; r < rows; r += 1) {
        const row = r * columns;
        for (let j2 = Math.floor((sum - 1) / 2); j2 >= 0 && sum - 2 * j2 <= 2 * halfPairs; j2 -= 1) {
          const j1 = sum - j2;
          if (j1 >= columns) break;
          const a = above[row + j1]!;
          const b = above[row + j2]!;
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          differences += (a - b) ** 2;
          energy += a * a + b * b;
          pairs += 1;
        }
      }
    }
    return energy > 0 ? { offsetMm: (halfStep / 2) * SECTION_SAMPLING_MM, asymmetry: differences / energy, pairs } : null;
  };
  // Every COARSE_HALF_STEPS first, then every half-sample about the best of those.
  const coarse: { halfStep: number; offsetMm: number; asymmetry: number; pairs: number }[] = [];
  for (let halfStep = -2 * steps; halfStep <= 2 * steps; halfStep += COARSE_HALF_STEPS) {
    const score = scoreAt(halfStep);
    if (score) coarse.push({ halfStep, ...score });
  }
  const mostPairs = Math.max(0, ...coarse.map((s) => s.pairs));
  const covered = (s: { pairs: number }) => s.pairs >= MIN_PAIR_SHARE * mostPairs;
  let best: { halfStep: number; offsetMm: number; asymmetry: number } | null = null;
  for (const s of coarse) if (covered(s) && (!best || s.asymmetry < best.asymmetry)) best = s;
  if (!best) return null;
  const around = best.halfStep;
  for (let halfStep = around - COARSE_HALF_STEPS + 1; halfStep < around + COARSE_HALF_STEPS; halfStep += 1) {
    if (halfStep === around || Math.abs(halfStep) > 2 * steps) continue;
    const score = scoreAt(halfStep);
    if (score && covered(score) && score.asymmetry < best.asymmetry) best = { halfStep, ...score };
  }
  return { offsetMm: best.offsetMm, asymmetry: best.asymmetry };
}

/**
 * The axial sections mirrorOffsetMm reads for a column found on a sagittal plane: every SECTION_STEP_MM along the
 * column, from WALL_INSET_MM in front of the band's back to POSTERIOR_REACH_MM behind it, MIDLINE_SEARCH_MM +
 * MIRROR_HALF_WIDTH_MM either side of the plane. `posterior`: the in-plane unit direction towards the patient's back.
 */
export function midlineSectionSpecs(frame: SpineFrame, plane: PlaneImage, normal: Vec3, posterior: Vec3): PlaneSpec[] {
  const halfAcross = MIDLINE_SEARCH_MM + MIRROR_HALF_WIDTH_MM;
  const columns = Math.round((2 * halfAcross) / SECTION_SAMPLING_MM) + 1;
  const rows = Math.round((WALL_INSET_MM + POSTERIOR_REACH_MM) / SECTION_SAMPLING_MM) + 1;
  const down = plane.columnCosine;
  const specs: PlaneSpec[] = [];
  for (let alongMm = -frame.lengthMm / 2; alongMm <= frame.lengthMm / 2; alongMm += SECTION_STEP_MM) {
    const atWall = addScaled3(addScaled3(frame.centreMm, down, alongMm), posterior, frame.depthMm / 2 - WALL_INSET_MM);
    specs.push({ originMm: addScaled3(atWall, normal, -halfAcross), rowCosine: normal, columnCosine: posterior, columns, rows, spacingMm: SECTION_SAMPLING_MM });
  }
  return specs;
}

/**
 * Where the spine's midline lies beside a CT sagittal view, for opening the view on it: the column is found on the
 * displayed plane (frameSpine, at least SPINE_PLANE_MIN_DISC_GAPS disc-like gaps), and the midline is the plane about
 * which the vertebral arches behind it are most nearly mirror images (mirrorOffsetMm), read again from that plane until
 * two readings agree. The front of the bodies is not used: the aorta beside it is as bright as bone on a contrast CT.
 * Measured against expert and hand-read midlines (tests/unit/analysisSpineMidline.test.ts): VerSe's 3 mm sagittal CT
 * within 1 mm of its bodies' middle from planes up to 16 mm either side; a real contrast chest CT within 1 mm from
 * planes 12 mm to its right and 16 mm to its left; the drawn phantom within 0.5 mm. Fails with NO_VERTEBRA when a plane read shows no column, the view is not sagittal or the
 * readings do not settle.
 */
export function spineMidline(sampler: MidlineSampler, normal: Vec3): AnalysisResult<SpineMidline> {
  const noMidline = (why: string) => fail<SpineMidline>('NO_VERTEBRA', `The spine's midline was not found: ${why}.`);
  let offsetMm = 0;
  const readings: SpineMidline[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const plane = sampler.sagittalAt(offsetMm);
    if (!plane) return noMidline('the plane could not be read');
    const frame = frameSpine(plane, 'CT');
    // The displayed plane must show the spine; a plane read on the way may show it at its edge, with fewer discs.
    if (!frame.ok || (pass === 0 && frame.value.discGaps < SPINE_PLANE_MIN_DISC_GAPS)) return noMidline('a plane read shows no vertebral column');
    // Patient LPS: +y is posterior.
    const backwards = plane.rowCosine[1];
    if (Math.abs(backwards) < Math.SQRT1_2) return noMidline('the view is not sagittal');
    const posterior: Vec3 = backwards > 0 ? plane.rowCosine : [-plane.rowCosine[0], -plane.rowCosine[1], -plane.rowCosine[2]];
    const sections = midlineSectionSpecs(frame.value, plane, normal, posterior)
      .map((spec) => sampler.plane(spec))
      .filter((s): s is PlaneImage => s !== null);
    const mirror = mirrorOffsetMm(sections);
    if (!mirror) return noMidline('no bone behind the bodies');
    const reading = { offsetMm: offsetMm + mirror.offsetMm, asymmetry: mirror.asymmetry };
    if (Math.abs(mirror.offsetMm) < CONVERGED_MM) return ok(reading);
    readings.push(reading);
    offsetMm = reading.offsetMm;
    // Back to a plane already read (sections read at the nearest voxels step by a voxel): the reading most symmetric.
    if (readings.slice(0, -1).some((r) => Math.abs(r.offsetMm - offsetMm) < CONVERGED_MM / 4)) {
      return ok(readings.reduce((best, r) => (r.asymmetry < best.asymmetry ? r : best)));
    }
  }
  return noMidline('its readings did not settle');
}

