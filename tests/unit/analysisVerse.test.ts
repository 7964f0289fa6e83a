import { describe, expect, it } from 'vitest';
import { assessSpine, dot, subtract, unitOrNull } from '../../measurement';
import { CHECK_BELOW_CONFIDENCE, CORNER_NAMES, detectSpine, proposeVertebra, snapPoint, WALL_INSET_MM, type Vec3 } from '../../analysis';
import { depthOfMm } from '../bench/assistFigures';
import { readVerse, verseAvailable, verseReferences, type VerseReference } from '../helpers/assistData';

// The real VerSe 2019 CT sub-verse012 (T10–L3, severe L1 fracture) from ../shared/real-spine/; skips when absent.
// Reference points come from the expert mask (tests/helpers/maskReference.ts); nothing derived is written anywhere.

const available = verseAvailable();
const HEIGHT_TOLERANCE_MM = 1.5;

const HEIGHT_PAIRS = [
  ['anteriorSuperior', 'anteriorInferior'],
  ['middleSuperior', 'middleInferior'],
  ['posteriorSuperior', 'posteriorInferior'],
] as const;

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function centreOf(reference: VerseReference): Vec3 {
  const points = CORNER_NAMES.map((name) => reference.points[name]);
  return [0, 1, 2].map((a) => points.reduce((sum, p) => sum + p[a]!, 0) / points.length) as unknown as Vec3;
}

// Whole-volume analysis on a 2-core machine shared with other jobs: the default 5 s per test is a scheduling limit, not a
// speed check (speed is measured by `npm run bench:assist`), so these suites allow a minute.
const HEAVY = { timeout: 60_000 };

describe.skipIf(!available)('the analysis on the real VerSe CT', HEAVY, () => {
  const { ct, mask } = available ? readVerse() : { ct: null, mask: null };
  const references = mask ? verseReferences(mask, WALL_INSET_MM) : [];

  it('derives reference points for T10 to L3 whose grades match the experts on the fractured L1', () => {
    expect(references.map((r) => r.level)).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3']);
    const assessed = assessSpine(references.map((r) => ({ level: r.level, points: r.points })));
    if (!assessed.ok) throw new Error(assessed.error.message);
    const l1 = assessed.value.levels.find((l) => l.level === 'L1')!;
    expect(l1.assessment.grade).toBe(3);
    const shortest = [...assessed.value.levels].sort((a, b) => a.heights.middleMm - b.heights.middleMm)[0]!;
    expect(shortest.level).toBe('L1');
  });

  it('never proposes a vertebra confidently unless its heights are within 1.5 mm of the reference', () => {
    for (const reference of references) {
      const result = proposeVertebra(ct!, centreOf(reference));
      if (!result.ok) {
        expect(result.error.code).toBe('NO_VERTEBRA');
        continue;
      }
      const worstMm = Math.max(
        ...HEIGHT_PAIRS.map(([s, i]) =>
          Math.abs(distance(result.value.points[s], result.value.points[i]) - distance(reference.points[s], reference.points[i])),
        ),
      );
      if (worstMm > HEIGHT_TOLERANCE_MM) expect(result.value.confidence, reference.level).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
  });

  it('recognises L1 as the shortest body and the only moderate or severe fracture from its proposed points', () => {
    const proposed = references.flatMap((reference) => {
      const result = proposeVertebra(ct!, centreOf(reference));
      return result.ok ? [{ level: reference.level, points: result.value.points }] : [];
    });
    expect(proposed.map((p) => p.level)).toContain('L1');
    const assessed = assessSpine(proposed);
    if (!assessed.ok) throw new Error(assessed.error.message);
    const shortest = [...assessed.value.levels].sort((a, b) => a.heights.middleMm - b.heights.middleMm)[0]!;
    expect(shortest.level).toBe('L1');
    const fractured = assessed.value.levels.filter((l) => l.assessment.grade >= 2).map((l) => l.level);
    expect(fractured).toEqual(['L1']);
  });

  // The accuracy goal, held for the levels that meet it; `npm run bench:assist` prints where the others stand.
  it.each([['T12'], ['L2']])('puts Ha, Hm and Hp of %s within 1.5 mm of the mask-derived reference', (level) => {
    const reference = references.find((r) => r.level === level);
    expect(reference, level).toBeDefined();
    const result = proposeVertebra(ct!, centreOf(reference!));
    if (!result.ok) throw new Error(result.error.message);
    for (const [s, i] of HEIGHT_PAIRS) {
      const proposedMm = distance(result.value.points[s], result.value.points[i]);
      const referenceMm = distance(reference!.points[s], reference!.points[i]);
      expect(Math.abs(proposedMm - referenceMm), `${level} ${s}–${i}`).toBeLessThanOrEqual(HEIGHT_TOLERANCE_MM);
    }
  });
  it.todo('puts Ha, Hm and Hp of T10, T11, L1 and L3 within 1.5 mm of the mask-derived reference');
  // T10's reference points lean with the mask's principal axis, which its anterior osteophyte tilts about 10° from the
  // endplates' normal: its posterior height line leaves the body through the wall 4–5 mm short of the corner (Hp 19.3
  // against 23.1 mm), and those points grade T10 1–2 where the experts say 0. A second reading of the mask, its axis
  // perpendicular to the endplates (maskReference.ts `axis`), grades it 0; the proposal from the same click is held to it.
  it('puts Ha, Hm and Hp of T10 within 1.5 mm of the mask read along its endplates\' normal, which grades T10 0 as the experts do', () => {
    const second = verseReferences(mask!, WALL_INSET_MM, 'endplates');
    const assessed = assessSpine(second.map((r) => ({ level: r.level, points: r.points })));
    if (!assessed.ok) throw new Error(assessed.error.message);
    expect(assessed.value.levels.find((l) => l.level === 'T10')?.assessment.grade).toBe(0);
    const reference = second.find((r) => r.level === 'T10')!;
    const result = proposeVertebra(ct!, centreOf(references.find((r) => r.level === 'T10')!));
    if (!result.ok) throw new Error(result.error.message);
    for (const [s, i] of HEIGHT_PAIRS) {
      const proposedMm = distance(result.value.points[s], result.value.points[i]);
      const referenceMm = distance(reference.points[s], reference.points[i]);
      expect(Math.abs(proposedMm - referenceMm), `T10 ${s}–${i}`).toBeLessThanOrEqual(HEIGHT_TOLERANCE_MM);
    }
  });

  // From these two clicks 2 mm off T12's centre the box fit found a frame of no plausible size (Hp 6.2–7.2 mm tall,
  // IMPLAUSIBLE_SIZE); the next outline around a clicked body is taken when it is of plausible size (proposeVertebra.ts
  // proposeOnView; journal, twenty-first round).
  it.each([
    [0, 2],
    [2, 0],
  ])('reads T12 within 1.5 mm of the reference from a click %d mm back and %d mm up', (dy, dz) => {
    const reference = references.find((r) => r.level === 'T12')!;
    const centre = centreOf(reference);
    const result = proposeVertebra(ct!, [centre[0], centre[1] + dy, centre[2] + dz]);
    if (!result.ok) throw new Error(result.error.message);
    for (const [s, i] of HEIGHT_PAIRS) {
      const errorMm = Math.abs(distance(result.value.points[s], result.value.points[i]) - distance(reference.points[s], reference.points[i]));
      expect(errorMm, `${s}–${i}`).toBeLessThanOrEqual(HEIGHT_TOLERANCE_MM);
    }
  });

  // A click is read again from the centre its body was found with (proposeVertebra.ts steadyReading): where the two
  // readings differ, the proposal is flagged CLICK_DEPENDENT and the reading two of three agree on is taken unless it is
  // less confident. Of nine clicks ±2 mm around each body's centre, 25 of 54 gave all three heights within 1.5 mm of the
  // mask's when each click was read once (T11 from 2, T12 from 6: one of its clicks read Hp 6 mm long), now 27.
  it('reads each body from nine clicks ±2 mm around its centre as its own centre reads it, or flags the click', () => {
    let within = 0;
    for (const reference of references) {
      const centre = centreOf(reference);
      for (const dy of [-2, 0, 2]) {
        for (const dz of [-2, 0, 2]) {
          const result = proposeVertebra(ct!, [centre[0], centre[1] + dy, centre[2] + dz]);
          if (!result.ok) continue;
          const worstMm = Math.max(
            ...HEIGHT_PAIRS.map(([s, i]) =>
              Math.abs(distance(result.value.points[s], result.value.points[i]) - distance(reference.points[s], reference.points[i])),
            ),
          );
          if (worstMm <= HEIGHT_TOLERANCE_MM) within += 1;
          else expect(result.value.confidence, `${reference.level} click (${dy}, ${dz})`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
        }
      }
    }
    expect(within).toBeGreaterThanOrEqual(27);
  });

  // T11's posterior wall is faint at mid-height, where the basivertebral canal's inner end, 9 mm in front of it, is the
  // stronger edge: a box stopped there scores as well as the body's own outline, and which one a click finds depended
  // on where within a millimetre of the centre it landed (5 of these 9 clicks 22–23 mm deep before the second look).
  it('finds T11 at its own depth from every click within half a millimetre of its centre', () => {
    const reference = references.find((r) => r.level === 'T11')!;
    const depthMm = depthOfMm(reference.points, WALL_INSET_MM);
    const centre = centreOf(reference);
    for (const dy of [-0.5, 0, 0.5]) {
      for (const dz of [-0.5, 0, 0.5]) {
        const result = proposeVertebra(ct!, [centre[0], centre[1] + dy, centre[2] + dz]);
        if (!result.ok) continue;
        expect(Math.abs(result.value.depthMm - depthMm), `click (${dy}, ${dz}) mm: ${result.value.depthMm.toFixed(1)} mm deep`).toBeLessThanOrEqual(3);
      }
    }
  });

  // On this noisy CT six discs (seven bodies) scored a little above the right five on every pair of end clicks, and
  // where the seven bodies all passed as sound the count took them: each disc's evidence now counts only above the
  // half maximum between a body and a disc (README, issue 12, the spine's count). Two of the benchmark's nine pairs.
  it('counts T10 to L3 from end clicks moved together 2 mm off their centres (seven bodies before)', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    for (const [dy, dz] of [[0, -2], [2, 2]] as const) {
      const spine = detectSpine(ct!, [t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]);
      if (!spine.ok) throw new Error(spine.error.message);
      expect(spine.value.vertebrae.map((v) => v.levelOffset), `clicks moved (${dy}, ${dz}) mm`).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  // The discs are read against the marrow around them (the profile's running median over one body-plus-disc period),
  // not against the end bodies' mean: this spine's marrow falls from 249 HU at T10 to 112 at L3, and against the mean
  // the lower bodies read as disc-like, so the right count was refused for "a disc taken for a body" (the bench's nine
  // pairs: seven counted six levels before; over a 7 × 7 grid of ±1.5 mm, 34 of 49 before, 46–48 after).
  it('counts T10 to L3 from each of the nine pairs of end clicks moved together 2 mm around their centres', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    for (const dy of [-2, 0, 2]) {
      for (const dz of [-2, 0, 2]) {
        const spine = detectSpine(ct!, [t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]);
        if (!spine.ok) throw new Error(spine.error.message);
        const offsets = [...spine.value.vertebrae.map((v) => v.levelOffset), ...spine.value.missingLevelOffsets].sort((a, b) => a - b);
        expect(offsets, `clicks moved (${dy}, ${dz}) mm`).toEqual([0, 1, 2, 3, 4, 5]);
      }
    }
  });
  // The bodies between the end clicks that the count leaves flagged are read again as a click at their own centre reads
  // them (analysis/detectSpine.ts readAgainFromItsCentre): the spine's seeds lie on a curve between the end bodies.
  // Before, T12 read from its seed had Ha 2.0 mm tall from these clicks, and over 50 pairs of end clicks moved ±1 mm
  // T11 or T12 were graded other than by the experts 21 times (9 after; README, issue 12).
  it('puts T12 and L2 of the spine from the centre clicks within 1.5 mm and grades T10 to L2 as the experts do', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    const spine = detectSpine(ct!, t10, l3);
    if (!spine.ok) throw new Error(spine.error.message);
    const byLevel = new Map(spine.value.vertebrae.map((v) => [references[v.levelOffset]!.level, v.proposal]));
    for (const level of ['T12', 'L2'] as const) {
      const reference = references.find((r) => r.level === level)!;
      const proposal = byLevel.get(level)!;
      for (const [s, i] of HEIGHT_PAIRS) {
        expect(Math.abs(distance(proposal.points[s], proposal.points[i]) - distance(reference.points[s], reference.points[i])), `${level} ${s}`).toBeLessThanOrEqual(HEIGHT_TOLERANCE_MM);
      }
    }
    const assessed = assessSpine([...byLevel].map(([level, p]) => ({ level, points: p.points })));
    if (!assessed.ok) throw new Error(assessed.error.message);
    const graded = Object.fromEntries(assessed.value.levels.map((l) => [l.level, l.assessment.grade]));
    expect(graded).toMatchObject({ T10: 0, T11: 0, T12: 0, L1: 3, L2: 0 });
  });

  // The spine's end bodies are the user's clicks, and a reader who measured T10 with one click and then detects the spine
  // from the same click expects the same T10. Before, the count's reading of an end body was the one shown, read once
  // from the click, while one click reads the body again from its own centre (proposeVertebra.ts steadyReading): from
  // these two pairs of end clicks T10's points lay up to 6.1 mm and 1.9 mm, L3's 3.2 mm, from the one-click proposals.
  it('shows the end bodies of the spine as one click on each shows them', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    for (const [dy, dz] of [[-1, -2], [-1, 2]] as const) {
      const clicks: [Vec3, Vec3] = [[t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]];
      const spine = detectSpine(ct!, ...clicks);
      if (!spine.ok) throw new Error(spine.error.message);
      const ends = [spine.value.vertebrae[0]!, spine.value.vertebrae.at(-1)!];
      ends.forEach((end, k) => {
        const one = proposeVertebra(ct!, clicks[k]!);
        if (!one.ok) throw new Error(one.error.message);
        const apartMm = Math.max(...CORNER_NAMES.map((name) => distance(one.value.points[name], end.proposal.points[name])));
        expect(apartMm, `clicks moved (${dy}, ${dz}) mm, end ${k}`).toBeLessThan(0.01);
      });
    }
  });

  // Where two bodies of a disc count overlap, each is read again as its next outline before the count is faulted, and a
  // body not found midway between two discs is looked for a quarter of the span either side (analysis/detectSpine.ts
  // judgingOf). From these four pairs of end clicks the right count had a fault (T11 and T12 overlapping, T11 or L1 not
  // found), and the count one short was taken: T12 passed over, every level below it one off (3 of 49 pairs on a
  // ±1.5 mm grid, 1 of 25 on a ±0.3 mm grid; none now).
  it('counts T10 to L3 with a body at each level from end clicks whose count was one short', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    for (const [dy, dz] of [[-1.5, -1.5], [0, -1.5], [1.5, -0.5], [0.3, -0.15]] as const) {
      const spine = detectSpine(ct!, [t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]);
      if (!spine.ok) throw new Error(spine.error.message);
      expect(spine.value.missingLevelOffsets, `clicks (${dy}, ${dz})`).toEqual([]);
      const centres = spine.value.vertebrae.map((v) => v.proposal.centreMm);
      // Each level's body within a third of a body's height of the reference's centre, head to foot.
      expect(centres.length, `clicks (${dy}, ${dz})`).toBe(references.length);
      centres.forEach((c, i) => expect(Math.abs(c[2] - centreOf(references[i]!)[2]), `clicks (${dy}, ${dz}), ${references[i]!.level}`).toBeLessThan(8));
    }
  });

  // The relative cement rule (analysis/measureBody.ts hasCement) read a sclerotic band at 517–544 HU inside T11's frame
  // as "cement?" from these two clicks (on the sagittal plane x = 48 mm, through T10's centroid); cement reads well
  // over 1,000 HU, which the rule now asks for on CT.
  it('never takes T11\'s sclerotic bone for cement', () => {
    const t11 = centreOf(references[1]!);
    for (const [dy, dz] of [[-1.5, -3], [-1.5, 1.5]] as const) {
      const result = proposeVertebra(ct!, [48, t11[1] + dy, t11[2] + dz]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.reasons.map((r) => r.code), `click (${dy}, ${dz})`).not.toContain('CEMENT');
    }
  });

  // Neighbours whose facing endplates cross are read again (analysis/detectSpine.ts uncrossed). From these four pairs
  // of end clicks (of 49 on a ±1.5 mm grid) T11 was drawn with its top on T10's bottom across the thin disc, 1.3–2.3 mm
  // beyond it, T11 4–6 mm tall and T10 graded 1–2 against it (the experts: 0).
  it('reads no two neighbours of the spine across the disc between them, and grades T10 as the experts do', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    for (const [dy, dz] of [[-0.5, 0], [0, 1], [1, 0], [1.5, 1]] as const) {
      const spine = detectSpine(ct!, [t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]);
      if (!spine.ok) throw new Error(spine.error.message);
      const bodies = spine.value.vertebrae;
      expect(bodies.map((v) => references[v.levelOffset]!.level), `clicks (${dy}, ${dz})`).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3']);
      for (let i = 0; i + 1 < bodies.length; i += 1) {
        const [upper, lower] = [bodies[i]!.proposal, bodies[i + 1]!.proposal];
        const axis = upper.cranialAxis;
        const along = (p: Vec3, q: Vec3) => (p[0] - q[0]) * axis[0] + (p[1] - q[1]) * axis[1] + (p[2] - q[2]) * axis[2];
        const gapMm = Math.min(
          along(upper.points.anteriorInferior, lower.points.anteriorSuperior),
          along(upper.points.middleInferior, lower.points.middleSuperior),
          along(upper.points.posteriorInferior, lower.points.posteriorSuperior),
        );
        expect(gapMm, `clicks (${dy}, ${dz}), ${references[bodies[i]!.levelOffset]!.level} and the body below`).toBeGreaterThan(-0.5);
      }
      const assessed = assessSpine(bodies.map((v) => ({ level: references[v.levelOffset]!.level, points: v.proposal.points })));
      if (!assessed.ok) throw new Error(assessed.error.message);
      expect(assessed.value.levels.find((l) => l.level === 'T10')!.assessment.grade, `clicks (${dy}, ${dz})`).toBe(0);
    }
  });

  // A body of the spine read far shallower than its neighbours is read again (analysis/detectSpine.ts depthLikeNeighbours). From
  // these two pairs of end clicks (of 49 on a ±1.5 mm grid) T11 was read with its posterior wall and inferior endplate
  // inside the bone: 22 mm deep against its neighbours' 31, Hp 10 mm short, graded moderate (the experts: 0).
  it('reads no body of the spine far shallower than its neighbours, and grades T11 as the experts do', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    for (const [dy, dz] of [[-1.5, 0], [0.5, 0.5]] as const) {
      const spine = detectSpine(ct!, [t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]);
      if (!spine.ok) throw new Error(spine.error.message);
      const bodies = spine.value.vertebrae;
      const t11 = bodies.findIndex((v) => references[v.levelOffset]!.level === 'T11');
      const neighbourDepthMm = (bodies[t11 - 1]!.proposal.depthMm + bodies[t11 + 1]!.proposal.depthMm) / 2;
      expect(bodies[t11]!.proposal.depthMm, `clicks (${dy}, ${dz})`).toBeGreaterThan(0.8 * neighbourDepthMm);
      const assessed = assessSpine(bodies.map((v) => ({ level: references[v.levelOffset]!.level, points: v.proposal.points })));
      if (!assessed.ok) throw new Error(assessed.error.message);
      expect(assessed.value.levels.find((l) => l.level === 'T11')!.assessment.grade, `clicks (${dy}, ${dz})`).toBe(0);
    }
  });

  // A space behind two neighbours far taller than the discs beside it is closed by reading the body again
  // (analysis/detectSpine.ts posteriorGapsClosed). From these pairs of end clicks the crushed L1 was read with only its
  // upper part: Hp 10–11 mm short, 11 mm of space behind L1/L2 beside discs of 2–4 mm (40 of 49 pairs on a ±1.5 mm grid).
  it('reads the crushed L1 down to within 5 mm of its inferior endplate behind, where it stopped 10 mm short', () => {
    const [t10, l3] = [centreOf(references[0]!), centreOf(references.at(-1)!)];
    const l1 = references.find((r) => r.level === 'L1')!;
    const referenceHp = distance(l1.points.posteriorSuperior, l1.points.posteriorInferior);
    for (const [dy, dz] of [[0, 0], [-1.5, -1.5], [0.5, 0.5]] as const) {
      const spine = detectSpine(ct!, [t10[0], t10[1] + dy, t10[2] + dz], [l3[0], l3[1] + dy, l3[2] + dz]);
      if (!spine.ok) throw new Error(spine.error.message);
      const body = spine.value.vertebrae.find((v) => references[v.levelOffset]!.level === 'L1')!.proposal;
      const hp = distance(body.points.posteriorSuperior, body.points.posteriorInferior);
      expect(hp, `clicks (${dy}, ${dz})`).toBeGreaterThan(referenceHp - 5);
      expect(body.confidence, `clicks (${dy}, ${dz})`).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    }
  });

  // Gas in the crushed L1's cleft (an intravertebral vacuum cleft) is filled in from the marrow around it before the
  // body is read again (analysis/vacuumCleft.ts). From these clicks the frame's anterior wall stood at the cleft, 8–10 mm
  // behind the bone's (27 mm deep against the mask's 36), Ha 8–9 mm too tall and Ha ÷ Hp 0.66 (a moderate wedge, where
  // the experts grade it severe).
  it('reads the crushed L1 in front of its vacuum cleft, flagged, as the severe wedge it is', () => {
    const l1 = references.find((r) => r.level === 'L1')!;
    const centre = centreOf(l1);
    const referenceDepthMm = depthOfMm(l1.points, WALL_INSET_MM);
    for (const [dy, dz] of [[0, -1.5], [-4, 0], [1, -1.5], [-4, -1.5]] as const) {
      const result = proposeVertebra(ct!, [centre[0], centre[1] + dy, centre[2] + dz]);
      if (!result.ok) throw new Error(result.error.message);
      const { depthMm, heightsMm, reasons } = result.value;
      expect(Math.abs(depthMm - referenceDepthMm), `click (${dy}, ${dz}): depth ${depthMm.toFixed(1)} mm`).toBeLessThan(3);
      expect(heightsMm.anteriorMm / heightsMm.posteriorMm, `click (${dy}, ${dz})`).toBeLessThan(0.6);
      expect(reasons.map((r) => r.code), `click (${dy}, ${dz})`).toContain('VACUUM_CLEFT');
    }
  });
  // A middle point snaps along the body's axis only. It took the strongest edge within 5 mm of the click: a click on
  // L3's superior endplate 2 mm behind its middle went 4.7 mm up onto L2's plate, clicks 2 mm inside T10 above its
  // inferior endplate 6 mm down across the disc, one 2 mm inside T11 5.3 mm up. It now takes the edge nearest the
  // endplate as the body's proposal reads it at the click's depth.
  it('snaps a middle point clicked within 2 mm of its endplate onto that endplate, never onto the neighbour\'s', () => {
    for (const reference of references) {
      const p = reference.points;
      const axis = unitOrNull(subtract(p.middleSuperior, p.middleInferior))!;
      const across = unitOrNull(subtract(p.anteriorSuperior, p.posteriorSuperior))!;
      for (const name of ['middleSuperior', 'middleInferior'] as const) {
        for (const a of [-2, 0, 2]) {
          for (const b of [-2, 0, 2]) {
            const click = [0, 1, 2].map((k) => p[name][k]! + a * across[k]! + b * axis[k]!) as unknown as Vec3;
            const snapped = snapPoint(ct!, click, name);
            if (!snapped.ok) throw new Error(snapped.error.message);
            const offAxisMm = dot(subtract(snapped.value.pointMm, p[name]), axis);
            expect(Math.abs(offAxisMm), `${reference.level} ${name} clicked (${a}, ${b}) mm: ${offAxisMm.toFixed(1)} mm along the axis`).toBeLessThanOrEqual(2);
          }
        }
      }
    }
  });
});
