import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE, detectSpine, proposeVertebra, WALL_INSET_MM, type SixPointsMm, type Vec3 } from '../../analysis';
import { centreOf, depthOfMm, heightErrorsMm } from '../bench/assistFigures';
import { LUMBAR_MR_SETS, lumbarMrAvailable, lumbarMrExams, readLumbarMrExam } from '../helpers/lumbarMr';

// Real sagittal T2 TSE of healthy lower spines with expert body masks (tests/helpers/lumbarMr.ts, `LUMBAR_MR_DIR`: the
// VB2 set of JonathanRamos/fastcleverseg, Chu et al. 2015); skipped when absent, nothing is written. At the
// basivertebral foramen these walls show no cortex, only the marrow giving way to the bright venous plexus and the CSF.

const vb2 = LUMBAR_MR_SETS.find((set) => set.key === 'VB2')!;
const vb1 = LUMBAR_MR_SETS.find((set) => set.key === 'VB1')!;
const available = lumbarMrAvailable() && lumbarMrExams(vb2).length > 0;
const vb1Available = lumbarMrAvailable() && lumbarMrExams(vb1).length > 0;
const HEAVY = { timeout: 300_000 };
/** A spine body's depth this far from its mask's means a wall found beyond the canal or inside the body, mm. */
const DEPTH_OFF_MM = 5;

describe.skipIf(!available)('the spine from two clicks on real lumbar T2 MR (VB2)', HEAVY, () => {
  // Before the canal's rise was read, the far side of the dural sac was taken for the posterior wall: the spine was
  // counted right on 12 of 17 exams, 16 after; 17 since an end body read at no body's size from its click is replaced by
  // the body the readings beside the click agree on (exam 23's L5, read 10 mm low as 24.6 mm deep with Hp 17.5 mm: a
  // level counted missing between L4 and it).
  it('counts the traced bodies between the first and the last on all 17 exams, and no body it reads beyond the canal goes unflagged', () => {
    let exams = 0;
    let countedRight = 0;
    for (const path of lumbarMrExams(vb2)) {
      const exam = readLumbarMrExam(path, WALL_INSET_MM);
      if (!exam || exam.bodies.length < 2) continue;
      exams += 1;
      const spine = detectSpine(exam.mr, centreOf(exam.bodies[0]!.points), centreOf(exam.bodies[exam.bodies.length - 1]!.points));
      if (!spine.ok) continue;
      if (spine.value.vertebrae.length + spine.value.missingLevelOffsets.length === exam.bodies.length) countedRight += 1;
      for (const v of spine.value.vertebrae) {
        const reference = exam.bodies[v.levelOffset];
        if (!reference || v.proposal.depthMm - depthOfMm(reference.points, WALL_INSET_MM) <= DEPTH_OFF_MM) continue;
        expect(v.proposal.confidence, `${path} body ${v.levelOffset} ${v.proposal.depthMm.toFixed(1)} mm deep`).toBeLessThan(0.7);
      }
    }
    expect(exams).toBe(lumbarMrExams(vb2).length);
    expect(countedRight).toBe(exams);
  });

  // End clicks within half a millimetre of T11's and L5's centres (the last on the first's plane) with which L5 itself
  // found no body, the frame turning onto the sacrum's or the disc's edges: the whole detection failed ("no vertebral body
  // around the last click"). Now L5 is found from 3 mm beside the click, flagged.
  it.each([
    ['07', 0, 0.5],
    ['09', -0.5, -0.5],
    ['09', 0.5, -0.5],
  ] as const)('detects the spine of exam %s with the end clicks moved by (%s, %s) mm, L5 found beside its click and flagged', (name, dy, dz) => {
    const exam = readLumbarMrExam(lumbarMrExams(vb2).find((p) => p.endsWith(`/${name}.mat`))!, WALL_INSET_MM)!;
    const [a, b] = [centreOf(exam.bodies[0]!.points), centreOf(exam.bodies.at(-1)!.points)];
    const spine = detectSpine(exam.mr, [a[0], a[1] + dy, a[2] + dz], [a[0], b[1] - dz, b[2] + dy]);
    expect(spine.ok ? 'ok' : spine.error.message).toBe('ok');
    if (!spine.ok) return;
    expect(spine.value.vertebrae.length + spine.value.missingLevelOffsets.length).toBe(exam.bodies.length);
    const last = spine.value.vertebrae.at(-1)!;
    expect(last.levelOffset).toBe(exam.bodies.length - 1);
    expect(last.proposal.reasons.map((r) => r.message)).toContain('The body was not found from the click itself, only from a few millimetres beside it: check every point.');
    expect(last.proposal.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
  });
});

/** A body read this much deeper than its mask has a wall beyond the canal or in front of the body, mm. */
const BEYOND_A_WALL_MM = 8;

/** Of the bodies of `set` proposed from a click at their centres, how many are read BEYOND_A_WALL_MM deeper than their masks, and how many were proposed. */
function readTooDeep(set: (typeof LUMBAR_MR_SETS)[number]): { tooDeep: number; proposed: number } {
  let tooDeep = 0;
  let proposed = 0;
  for (const path of lumbarMrExams(set)) {
    const exam = readLumbarMrExam(path, WALL_INSET_MM);
    if (!exam) continue;
    for (const body of exam.bodies) {
      const proposal = proposeVertebra(exam.mr, centreOf(body.points));
      if (!proposal.ok) continue;
      proposed += 1;
      if (proposal.value.depthMm - depthOfMm(body.points, WALL_INSET_MM) > BEYOND_A_WALL_MM) tooDeep += 1;
    }
  }
  return { tooDeep, proposed };
}

// Where the thin posterior cortex shows no band against the CSF, probes crossing the wall while the body's axis still
// turned (the canal's fainter rises left out) took the far side of the dural sac for the wall; now a rise into the
// canal that most probes show holds the wall in front of it (bodyByPairs' beforeAgreedCanal). Before: 17 of 119 VB2
// bodies and 39 of 91 VB1 bodies read more than 8 mm deeper than their masks; after: 11 and 33.
describe.skipIf(!available)('one click per body on real lumbar T2 MR (VB2): walls beyond the canal', HEAVY, () => {
  it('reads at most 13 of the 119 bodies more than 8 mm deeper than their masks', () => {
    const { tooDeep, proposed } = readTooDeep(vb2);
    expect(proposed).toBe(119);
    expect(tooDeep).toBeLessThanOrEqual(13);
  });
});

describe.skipIf(!vb1Available)('one click per body on real lumbar MR of seven hospitals (VB1: T1, T2, TIRM)', HEAVY, () => {
  it('reads at most 35 of its 91 proposed bodies more than 8 mm deeper than their masks', () => {
    const { tooDeep, proposed } = readTooDeep(vb1);
    expect(proposed).toBe(91);
    expect(tooDeep).toBeLessThanOrEqual(35);
  });
});

// VB1's spines run from T9 or T10 to L5 on T1, T2 and TIRM of seven hospitals, most in a marked lordosis: L5's axis
// points back 25–70° off the line to L4, and the count's curve, leaving each end body along its own axis, bowed behind
// the lumbar bodies into the canal and the posterior elements (bodies missing, or found there, flagged). Counted right
// on 4 of 11 exams before the column was walked body by body from both ends where the first count misses a body or
// leaves the column; 9 of 11 after.
describe.skipIf(!vb1Available)('the spine from two clicks on real lumbar MR of seven hospitals (VB1)', HEAVY, () => {
  it('counts the traced bodies between the first and the last on at least 8 of its 11 exams', () => {
    let exams = 0;
    let countedRight = 0;
    for (const path of lumbarMrExams(vb1)) {
      const exam = readLumbarMrExam(path, WALL_INSET_MM);
      if (!exam || exam.bodies.length < 2) continue;
      exams += 1;
      const spine = detectSpine(exam.mr, centreOf(exam.bodies[0]!.points), centreOf(exam.bodies[exam.bodies.length - 1]!.points));
      if (spine.ok && spine.value.vertebrae.length + spine.value.missingLevelOffsets.length === exam.bodies.length) countedRight += 1;
    }
    expect(exams).toBe(11);
    expect(countedRight).toBeGreaterThanOrEqual(8);
  });
});

/** The nine clicks around a body's centre: at it and 2 mm in front of or behind it, above or below it (patient y, z), mm. */
const NINE_CLICKS_MM = [-2, 0, 2].flatMap((dy) => [-2, 0, 2].map((dz) => [dy, dz] as const));

/** Whether sagittal point (y, z) lies inside the quadrilateral of the proposal's four corner points (patient y, z). */
function insideCorners(points: SixPointsMm, y: number, z: number): boolean {
  const corners = [points.anteriorSuperior, points.posteriorSuperior, points.posteriorInferior, points.anteriorInferior];
  let inside = false;
  for (let i = 0, j = corners.length - 1; i < corners.length; j = i, i += 1) {
    const [yi, zi] = [corners[i]![1], corners[i]![2]];
    const [yj, zj] = [corners[j]![1], corners[j]![2]];
    if (zi > z !== zj > z && y < ((yj - yi) * (z - zi)) / (zj - zi) + yi) inside = !inside;
  }
  return inside;
}

/** A height this far from its mask's is a gross misreading (a wall or an endplate of something else), mm. */
const GROSS_MM = 5;

/**
 * Of the nine clicks around each body of `set`: how many were proposed, how many gave a body whose corner points do not
 * enclose the click, and how many a body with a height more than GROSS_MM from its mask's.
 */
function nineClicks(set: (typeof LUMBAR_MR_SETS)[number]): { notHeld: number; proposed: number; gross: number } {
  let notHeld = 0;
  let proposed = 0;
  let gross = 0;
  for (const path of lumbarMrExams(set)) {
    const exam = readLumbarMrExam(path, WALL_INSET_MM);
    if (!exam) continue;
    for (const body of exam.bodies) {
      const centre = centreOf(body.points);
      for (const [dy, dz] of NINE_CLICKS_MM) {
        const click: Vec3 = [centre[0], centre[1] + dy, centre[2] + dz];
        const proposal = proposeVertebra(exam.mr, click);
        if (!proposal.ok) continue;
        proposed += 1;
        if (!insideCorners(proposal.value.points, click[1], click[2])) notHeld += 1;
        if (heightErrorsMm(proposal.value.points, body.points).some((e) => e > GROSS_MM)) gross += 1;
      }
    }
  }
  return { notHeld, proposed, gross };
}

// A body found that does not hold the click is not taken (proposeVertebra.ts proposeAround), and the search beside the
// click follows: before, 16 of VB2's 1,071 clicks and 61 of VB1's 837 gave a neighbour's body or a frame that had moved
// off the click (all but one flagged); after, 6 and 9. A body of no plausible size found from a click on MR is replaced by
// the body the readings beside the click agree on (proposeVertebra.ts agreedBesideTheClick): VB2's clicks with a height
// more than 5 mm from the mask's 401 → 354.
describe.skipIf(!available)('nine clicks per body on real lumbar T2 MR (VB2)', HEAVY, () => {
  it('gives a body whose corners do not enclose the click for at most 6 of the 1,071 clicks, and one with a height more than 5 mm off for at most 360', () => {
    const { notHeld, proposed, gross } = nineClicks(vb2);
    expect(proposed).toBeGreaterThanOrEqual(1060);
    expect(notHeld).toBeLessThanOrEqual(6);
    expect(gross).toBeLessThanOrEqual(360);
  });
});

describe.skipIf(!vb1Available)('nine clicks per body on real lumbar MR of seven hospitals (VB1)', HEAVY, () => {
  it('gives a body whose corners do not enclose the click for at most 9 of the 837 clicks', () => {
    const { notHeld, proposed } = nineClicks(vb1);
    expect(proposed).toBeGreaterThanOrEqual(820);
    expect(notHeld).toBeLessThanOrEqual(9);
  });
});
