/**
 * Assistance benchmark (issue 12): for each data set with a reference, proposes every vertebra from one click at the
 * centre of its reference points and the whole spine from two clicks, and prints the median and 95th-percentile point
 * error (mm), the median and 95th-percentile height error (mm), the share of vertebrae needing a correction (any of
 * Ha, Hm, Hp off by more than 1.5 mm, or no proposal), the Genant grade agreement with the reference (measurement/'s
 * assessSpine on both), the share flagged "check", and node time per vertebra and per spine. Figures, not a test:
 * `npm run sample` first; the VerSe CT is read from ../shared/real-spine/ when present (and made into a T1 and a T2 MR of
 * its anatomy, tests/helpers/verseMr.ts), and so are the TPTBox sample MR
 * and CT crops (one complete body each, `benchCrop`: fifteen clicks against their masks' heights), and the real
 * contrast chest CT of tests/helpers/assistData.ts CHEST_CT_PATH (`benchChestCt`: no reference heights, its bodies'
 * levels and the spread of each height over clicks around them).
 */
import { availableParallelism, loadavg } from 'node:os';
import { dot, subtract, unitOrNull, type SixPoints, type SpinalLevel, type Vec3 } from '../../measurement';
import { centreOf, depthOfMm, distance, grades, HEIGHT_PAIRS, heightErrorsMm, percentile, signedHeightErrorsMm, signedMm } from './assistFigures';
import { CHECK_BELOW_CONFIDENCE, CORNER_NAMES, detectSpine, imageCentreMm, proposeVertebra, seriesHeaderOf, snapPoint, WALL_INSET_MM, type Volume } from '../../analysis';
import { join } from 'node:path';
import {
  bodiesMiddleXMm,
  CHEST_CT_PATH,
  chestCtAvailable,
  niftiVolume,
  phantomAvailable,
  readGroundTruth,
  readNifti,
  readChestCt,
  readPhantomSeries,
  readTptboxMr,
  readVerse,
  TPTBOX_CT_DIR,
  TPTBOX_CT_FILES,
  TPTBOX_MR_DIR,
  tptboxAvailable,
  tptboxCtAvailable,
  verseAvailable,
  verseReferences,
} from '../helpers/assistData';
import { bodyReference, maskExtentMm, TPTBOX_CT_BODY, type BodyReference } from '../helpers/tptboxReference';
import { LUMBAR_MR_DIR, LUMBAR_MR_SETS, lumbarMrAvailable, lumbarMrExams, readLumbarMrExam } from '../helpers/lumbarMr';
import { verseMr } from '../helpers/verseMr';
import { midlineXFrom } from '../helpers/sagittalMidline';

interface ReferenceLevel {
  readonly level: SpinalLevel;
  readonly points: SixPoints;
  readonly expertGrade?: number;
}

interface DataSet {
  readonly name: string;
  readonly volume: Volume;
  readonly levels: readonly ReferenceLevel[];
}

const CORRECTION_MM = 1.5;
/**
 * A height this far off is a gross misreading (a disc, a neighbour's plate, a wall beyond the canal), mm: beyond any
 * convention of where a reference traces the surface (the real lumbar MR's masks trace the marrow's edge, 1–3 mm inside
 * the bone's outer surface that this tool reads).
 */
const GROSS_MM = 5;
/**
 * A proposal whose depth is this far from the reference's found a wall inside the body (or beyond it), mm: more than the
 * walls' own blur, less than the 8–10 mm by which a frame stopped at the basivertebral canal falls short.
 */
const DEPTH_OFF_MM = 3;
/**
 * Click offsets in the sagittal plane (patient y, z), mm: the centre and the eight clicks 2 mm in front of or behind it
 * and above or below it. A reader clicks somewhere near the middle of the body, not on its exact centre, so one click
 * on the centre says little about how a proposal holds up: on VerSe a 1 mm move of the centre click changed a height by
 * up to 14 mm.
 */
const CLICK_GRID_MM: readonly (readonly [number, number])[] = [-2, 0, 2].flatMap((dy) => [-2, 0, 2].map((dz) => [dy, dz] as const));
const REPEATS = Number(process.env.BENCH_RUNS ?? 3);
/**
 * End clicks moved together on a 7 × 7 grid of ±1.5 mm (sagittal y, z), mm: the spine's count and grades from clicks a
 * reader could equally have made (on VerSe a sub-millimetre move of the end clicks changed the count).
 */
const FINE_SPINE_GRID_MM: readonly (readonly [number, number])[] = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5].flatMap((dy) => [-1.5, -1, -0.5, 0, 0.5, 1, 1.5].map((dz) => [dy, dz] as const));





/** Clicks around each reference point for the snap's figures, mm (across the body, along its axis): a 3 × 3 grid ±2 mm. */
const SNAP_GRID_MM: readonly (readonly [number, number])[] = [-2, 0, 2].flatMap((a) => [-2, 0, 2].map((b) => [a, b] as const));

/** A snapped point is off when it lies further than this from its reference point, mm (a middle point: along the axis). */
const SNAP_OFF_MM = 1;

/**
 * `snapPoint` from clicks of SNAP_GRID_MM around each reference point, on the body's own axes (the reference's
 * anterior-to-posterior and inferior-to-superior directions): how far each snapped point lies from its reference (a
 * middle point along the axis only, since it keeps the click's place along the endplate; a corner in the plane), the
 * click's own distance the same way, and how many clicks were kept (nothing found within SNAP_RADIUS_MM) or moved
 * further from the reference by more than SNAP_OFF_MM.
 */
function snapFigures(volume: Volume, levels: readonly ReferenceLevel[]) {
  const middles: number[] = [];
  const corners: number[] = [];
  const clicked: number[] = [];
  let kept = 0;
  let movedAway = 0;
  const cpuMs: number[] = [];
  for (const reference of levels) {
    const p = reference.points;
    const axis = unitOrNull(subtract(p.middleSuperior, p.middleInferior));
    const across = unitOrNull(subtract(p.anteriorSuperior, p.posteriorSuperior));
    if (!axis || !across) continue;
    for (const name of CORNER_NAMES) {
      const middle = name.startsWith('middle');
      const offOf = (point: Vec3) =>
        middle ? Math.abs(dot(subtract(point, p[name]), axis)) : distance(point, p[name]);
      for (const [a, b] of SNAP_GRID_MM) {
        const click = [0, 1, 2].map((k) => p[name][k]! + a * across[k]! + b * axis[k]!) as [number, number, number];
        const c0 = process.cpuUsage();
        const result = snapPoint(volume, click, name);
        const c1 = process.cpuUsage(c0);
        cpuMs.push((c1.user + c1.system) / 1000);
        if (!result.ok) continue;
        if (!result.value.snapped) kept += 1;
        const before = offOf(click);
        const after = offOf(result.value.pointMm);
        clicked.push(before);
        (middle ? middles : corners).push(after);
        if (after > before + SNAP_OFF_MM) movedAway += 1;
      }
    }
  }
  return { clicked, middles, corners, kept, movedAway, cpuMs };
}

/**
 * Every level proposed from each click of CLICK_GRID_MM around its reference centre: how many are right, flagged, off,
 * and each proposal's points by level, in CLICK_GRID_MM's order (null where declined).
 */
function clickGrid(volume: Volume, levels: readonly ReferenceLevel[]) {
  const heightErrors: number[] = [];
  let clicks = 0;
  let right = 0;
  let rightUnflagged = 0;
  let wrongFlagged = 0;
  let confidentWrong = 0;
  let declined = 0;
  let depthRight = 0;
  let offByFiveMm = 0;
  let offByFiveMmUnflagged = 0;
  const pointsByLevel = new Map<SpinalLevel, (SixPoints | null)[]>();
  for (const reference of levels) {
    const centre = centreOf(reference.points);
    const depthMm = depthOfMm(reference.points, WALL_INSET_MM);
    const points: (SixPoints | null)[] = [];
    pointsByLevel.set(reference.level, points);
    for (const [dy, dz] of CLICK_GRID_MM) {
      clicks += 1;
      const result = proposeVertebra(volume, [centre[0], centre[1] + dy, centre[2] + dz]);
      points.push(result.ok ? result.value.points : null);
      if (!result.ok) {
        declined += 1;
        continue;
      }
      const p = result.value;
      const errors = heightErrorsMm(p.points, reference.points);
      heightErrors.push(...errors);
      if (Math.abs(p.depthMm - depthMm) <= DEPTH_OFF_MM) depthRight += 1;
      const flagged = p.confidence < CHECK_BELOW_CONFIDENCE;
      if (errors.some((e) => e > GROSS_MM)) {
        offByFiveMm += 1;
        if (!flagged) offByFiveMmUnflagged += 1;
      }
      if (errors.every((e) => e <= CORRECTION_MM)) {
        right += 1;
        if (!flagged) rightUnflagged += 1;
      } else if (flagged) wrongFlagged += 1;
      else confidentWrong += 1;
    }
  }
  return { clicks, right, rightUnflagged, wrongFlagged, confidentWrong, declined, heightErrors, depthRight, offByFiveMm, offByFiveMmUnflagged, pointsByLevel };
}

/**
 * The spine from two clicks moved together off the end bodies' centres (the nine offsets of CLICK_GRID_MM): how many
 * pairs count the levels right (bodies proposed plus levels counted but not proposed: a missing body keeps its level),
 * how many of those propose every body, and of the wrong counts how many have every body flagged "check" (a wrong count
 * unflagged shifts every level after it).
 */
/**
 * The bodies of a detected spine against the references (levelOffset k is the k-th level from the first click's): how
 * many have all three heights within CORRECTION_MM, and of the others how many are not flagged "check". A body counted
 * past the last reference level is off.
 */
function spineBodies(spine: ReturnType<typeof detectSpine>, levels: readonly ReferenceLevel[]): { bodies: number; right: number; offUnflagged: number; offLevels: string[] } {
  const tally = { bodies: 0, right: 0, offUnflagged: 0, offLevels: [] as string[] };
  if (!spine.ok) return tally;
  for (const v of spine.value.vertebrae) {
    tally.bodies += 1;
    const reference = levels[v.levelOffset];
    if (reference && heightErrorsMm(v.proposal.points, reference.points).every((e) => e <= CORRECTION_MM)) {
      tally.right += 1;
      continue;
    }
    tally.offLevels.push(reference?.level ?? `+${v.levelOffset}`);
    if (v.proposal.confidence >= CHECK_BELOW_CONFIDENCE) tally.offUnflagged += 1;
  }
  return tally;
}

function spinePairs(
  volume: Volume,
  levels: readonly ReferenceLevel[],
  offsets: readonly (readonly [number, number])[] = CLICK_GRID_MM,
): { pairs: number; countRight: number; allProposed: number; wrongAllFlagged: number; counts: string[]; bodies: number; bodiesRight: number; bodiesOffUnflagged: number; gradesOff: Map<SpinalLevel, number> } {
  const first = centreOf(levels[0]!.points);
  const last = centreOf(levels[levels.length - 1]!.points);
  let countRight = 0;
  let allProposed = 0;
  let wrongAllFlagged = 0;
  const counts: string[] = [];
  let bodiesProposed = 0;
  let bodiesRight = 0;
  let bodiesOffUnflagged = 0;
  // Each level's grade from the spine's bodies against the experts' where given, else the reference points' grade.
  const referenceGrades = grades(levels);
  const gradesOff = new Map<SpinalLevel, number>();
  for (const [dy, dz] of offsets) {
    const spine = detectSpine(volume, [first[0], first[1] + dy, first[2] + dz], [last[0], last[1] + dy, last[2] + dz]);
    const tally = spineBodies(spine, levels);
    bodiesProposed += tally.bodies;
    bodiesRight += tally.right;
    bodiesOffUnflagged += tally.offUnflagged;
    const graded = grades(spine.ok ? spine.value.vertebrae.flatMap((v) => (levels[v.levelOffset] ? [{ level: levels[v.levelOffset]!.level, points: v.proposal.points }] : [])) : []);
    for (const level of levels) {
      if (graded.get(level.level) !== (level.expertGrade ?? referenceGrades.get(level.level))) gradesOff.set(level.level, (gradesOff.get(level.level) ?? 0) + 1);
    }
    const bodies = spine.ok ? spine.value.vertebrae.length : 0;
    const missing = spine.ok ? spine.value.missingLevelOffsets.length : 0;
    counts.push(missing ? `${bodies}+${missing}` : String(bodies));
    if (bodies + missing === levels.length) {
      countRight += 1;
      if (missing === 0) allProposed += 1;
    } else if (spine.ok && spine.value.vertebrae.every((v) => v.proposal.confidence < CHECK_BELOW_CONFIDENCE)) wrongAllFlagged += 1;
  }
  return { pairs: offsets.length, countRight, allProposed, wrongAllFlagged, counts, bodies: bodiesProposed, bodiesRight, bodiesOffUnflagged, gradesOff };
}

function bench({ name, volume, levels }: DataSet): ReadonlyMap<SpinalLevel, readonly (SixPoints | null)[]> {
  const pointErrors: number[] = [];
  const heightErrors: number[] = [];
  const msPerVertebra: number[] = [];
  const cpuMsPerVertebra: number[] = [];
  const proposed: { level: SpinalLevel; points: SixPoints }[] = [];
  let corrections = 0;
  let checks = 0;
  const rows: string[] = [];
  for (const reference of levels) {
    let result = proposeVertebra(volume, centreOf(reference.points));
    for (let run = 0; run < REPEATS; run += 1) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      result = proposeVertebra(volume, centreOf(reference.points));
      const c1 = process.cpuUsage(c0);
      msPerVertebra.push(performance.now() - t0);
      cpuMsPerVertebra.push((c1.user + c1.system) / 1000);
    }
    if (!result.ok) {
      corrections += 1;
      rows.push(`    ${reference.level.padEnd(4)} no proposal: ${result.error.message}`);
      continue;
    }
    const p = result.value;
    proposed.push({ level: reference.level, points: p.points });
    for (const name of CORNER_NAMES) pointErrors.push(distance(p.points[name], reference.points[name]));
    const errors = heightErrorsMm(p.points, reference.points);
    heightErrors.push(...errors);
    if (errors.some((e) => e > CORRECTION_MM)) corrections += 1;
    if (p.confidence < CHECK_BELOW_CONFIDENCE) checks += 1;
    rows.push(
      `    ${reference.level.padEnd(4)} height errors Ha/Hm/Hp ${signedHeightErrorsMm(p.points, reference.points).map((e) => signedMm(e, 2)).join('/')} mm (+ tall), ` +
        `confidence ${p.confidence.toFixed(2)}${p.reasons.length ? ` (${p.reasons.map((r) => r.code).join(', ')})` : ''}`,
    );
  }
  const grid = clickGrid(volume, levels);
  const referenceGrades = grades(levels);
  const proposedGrades = grades(proposed);
  const agree = levels.filter((l) => proposedGrades.has(l.level) && proposedGrades.get(l.level) === referenceGrades.get(l.level)).length;
  const expert = levels.filter((l) => l.expertGrade !== undefined);
  const expertAgree = expert.filter((l) => proposedGrades.get(l.level) === l.expertGrade).length;
  const first = levels[0]!;
  const last = levels[levels.length - 1]!;
  const spineMs: number[] = [];
  const spineCpuMs: number[] = [];
  let spineCount = '';
  let spineBodyCount = 0;
  let spineFigures = spineBodies({ ok: false, error: { code: 'NO_VERTEBRA', message: '' } }, levels);
  for (let run = 0; run < REPEATS; run += 1) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const spine = detectSpine(volume, centreOf(first.points), centreOf(last.points));
    const c1 = process.cpuUsage(c0);
    spineMs.push(performance.now() - t0);
    spineCpuMs.push((c1.user + c1.system) / 1000);
    spineBodyCount = spine.ok ? spine.value.vertebrae.length : 0;
    spineFigures = spineBodies(spine, levels);
    spineCount = spine.ok
      ? `${spine.value.vertebrae.length} bodies found (${levels.length} expected), ${spine.value.missingLevelOffsets.length} missing`
      : `failed: ${spine.error.message}`;
  }
  console.log(`\n${name}: ${levels.length} vertebrae (${levels.map((l) => l.level).join(', ')})`);
  console.log(rows.join('\n'));
  console.log(`  point error        median ${percentile(pointErrors, 0.5).toFixed(2)} mm, 95th percentile ${percentile(pointErrors, 0.95).toFixed(2)} mm`);
  console.log(`  height error       median ${percentile(heightErrors, 0.5).toFixed(2)} mm, 95th percentile ${percentile(heightErrors, 0.95).toFixed(2)} mm`);
  console.log(`  needing correction ${corrections}/${levels.length} (${((100 * corrections) / levels.length).toFixed(0)} %) (a height off > ${CORRECTION_MM} mm, or no proposal)`);
  console.log(`  flagged "check"    ${checks}/${levels.length}`);
  console.log(
    `  nine clicks ±2 mm  ${grid.right}/${grid.clicks} within ${CORRECTION_MM} mm on all three heights (${grid.rightUnflagged} of them unflagged), ` +
      `${grid.wrongFlagged} off and flagged, ${grid.confidentWrong} off and unflagged, ${grid.declined} declined; ` +
      `height error median ${percentile(grid.heightErrors, 0.5).toFixed(2)} mm, 95th percentile ${percentile(grid.heightErrors, 0.95).toFixed(2)} mm; ` +
      `${grid.offByFiveMm} off by more than 5 mm on a height; depth within ${DEPTH_OFF_MM} mm of the reference's on ${grid.depthRight}`,
  );
  const snap = snapFigures(volume, levels);
  const within = (values: readonly number[]) => values.filter((v) => v <= SNAP_OFF_MM).length;
  console.log(
    `  snap, 9 clicks ±2 mm around each point: middle points ${within(snap.middles)}/${snap.middles.length} within ${SNAP_OFF_MM} mm of the reference endplate ` +
      `(median ${percentile(snap.middles, 0.5).toFixed(2)}, 95th percentile ${percentile(snap.middles, 0.95).toFixed(2)} mm), ` +
      `corners ${within(snap.corners)}/${snap.corners.length} within ${SNAP_OFF_MM} mm (median ${percentile(snap.corners, 0.5).toFixed(2)}, 95th percentile ${percentile(snap.corners, 0.95).toFixed(2)} mm); ` +
      `the clicks themselves a median ${percentile(snap.clicked, 0.5).toFixed(2)} mm off; ${snap.kept} kept (nothing within reach), ` +
      `${snap.movedAway} moved more than ${SNAP_OFF_MM} mm further from the reference; ${percentile(snap.cpuMs, 0.5).toFixed(0)} ms CPU per snap (median)`,
  );
  console.log(`  grade agreement    ${agree}/${levels.length} with the reference points' grades` +
    (expert.length ? `; ${expertAgree}/${expert.length} with the expert grades` : ''));
  console.log(`  time (wall / CPU)  ${percentile(msPerVertebra, 0.5).toFixed(0)} / ${percentile(cpuMsPerVertebra, 0.5).toFixed(0)} ms per vertebra (median)`);
  const spineCpu = percentile(spineCpuMs, 0.5);
  console.log(
    `  spine ${first.level}→${last.level} (two clicks, median) ${percentile(spineMs, 0.5).toFixed(0)} / ${spineCpu.toFixed(0)} ms wall / CPU` +
      (spineBodyCount > 0 ? `, ${(spineCpu / spineBodyCount).toFixed(0)} ms of CPU per body` : '') + `: ${spineCount}; ` +
      `${spineFigures.right}/${spineFigures.bodies} bodies within ${CORRECTION_MM} mm on all three heights` +
      (spineFigures.offLevels.length ? ` (off: ${spineFigures.offLevels.join(', ')}; ${spineFigures.offUnflagged} of them unflagged)` : ''),
  );
  const pairs = spinePairs(volume, levels);
  console.log(
    `  spine, end clicks moved together ±2 mm: ${pairs.countRight}/${pairs.pairs} pairs count the ${levels.length} levels, ` +
      `${pairs.allProposed} with every body proposed (bodies per pair ${pairs.counts.join(' ')}, +n: levels counted, no body proposed); ` +
      `of the wrong counts ${pairs.wrongAllFlagged} with every body flagged "check"; ` +
      `bodies within ${CORRECTION_MM} mm on all three heights ${pairs.bodiesRight}/${pairs.bodies}, off and unflagged ${pairs.bodiesOffUnflagged}`,
  );
  const fine = spinePairs(volume, levels, FINE_SPINE_GRID_MM);
  const gradesOff = levels.filter((l) => fine.gradesOff.has(l.level)).map((l) => `${l.level} ${fine.gradesOff.get(l.level)}`);
  console.log(
    `  spine, end clicks moved together on a 7 × 7 grid ±1.5 mm: ${fine.countRight}/${fine.pairs} pairs count the ${levels.length} levels ` +
      `(${fine.allProposed} with every body proposed), bodies within ${CORRECTION_MM} mm ${fine.bodiesRight}/${fine.bodies}, off and unflagged ${fine.bodiesOffUnflagged}; ` +
      `grades other than the ${levels.some((l) => l.expertGrade !== undefined) ? 'experts\'' : 'reference points\''} (per level, of ${fine.pairs}): ${gradesOff.length ? gradesOff.join(', ') : 'none'}`,
  );
  return grid.pointsByLevel;
}

/** Clicks on a single-body crop, (y, z) mm from its reference centre: ±3, ±6 mm front to back, ±5 mm head to foot. */
const CROP_CLICKS_MM: readonly (readonly [number, number])[] = [-6, -3, 0, 3, 6].flatMap((dy) => [-5, 0, 5].map((dz) => [dy, dz] as const));

/** Counts of a crop's clicks against one way of reading its reference (see benchCrop). */
class CropTally {
  right = 0;
  rightUnflagged = 0;
  offFlagged = 0;
  offUnflagged = 0;
  readonly errors: number[] = [];

  add(errors: readonly number[], flagged: boolean): void {
    this.errors.push(...errors);
    if (errors.every((e) => e <= CORRECTION_MM)) {
      this.right += 1;
      if (!flagged) this.rightUnflagged += 1;
    } else if (flagged) this.offFlagged += 1;
    else this.offUnflagged += 1;
  }

  line(label: string, declined: number): string {
    return (
      `  ${label}: ${this.right} within ${CORRECTION_MM} mm on all three heights (${this.rightUnflagged} of them unflagged), ${this.offFlagged} off and flagged, ` +
      `${this.offUnflagged} off and unflagged, ${declined} declined; height error median ${percentile(this.errors, 0.5).toFixed(2)} mm, 95th percentile ${percentile(this.errors, 0.95).toFixed(2)} mm`
    );
  }
}

/**
 * The VerSe CT's one-click proposals from the nine clicks ±2 mm around each level's reference centre (`clicked`, as
 * bench's clickGrid read them, in CLICK_GRID_MM's order), against a second reading of the expert mask: the reference
 * axis perpendicular to the mask's endplates instead of its principal axis (maskReference.ts `axis`). Where the two
 * readings differ, the difference is the reference's, not the proposal's.
 */
function benchSecondReading(
  levels: readonly { level: SpinalLevel; points: SixPoints; expertGrade?: number }[],
  clicked: ReadonlyMap<SpinalLevel, readonly (SixPoints | null)[]>,
  second: readonly { level: SpinalLevel; points: SixPoints }[],
): void {
  console.log('  against a second reading of the mask (axis perpendicular to its endplates; the same clicks):');
  const centreClick = CLICK_GRID_MM.findIndex(([dy, dz]) => dy === 0 && dz === 0);
  let centreRight = 0;
  let nineRight = 0;
  let nine = 0;
  for (const { level } of levels) {
    const reference = second.find((r) => r.level === level);
    if (!reference) continue;
    let centreErrors: string | null = null;
    (clicked.get(level) ?? []).forEach((points, k) => {
      if (!points) return;
      const e = signedHeightErrorsMm(points, reference.points);
      const right = e.every((x) => Math.abs(x) <= CORRECTION_MM);
      nine += 1;
      if (right) nineRight += 1;
      if (k === centreClick) {
        if (right) centreRight += 1;
        centreErrors = e.map((x) => signedMm(x, 2)).join('/');
      }
    });
    const h = HEIGHT_PAIRS.map(([s, i]) => distance(reference.points[s], reference.points[i]).toFixed(1)).join(' / ');
    console.log(`    ${level.padEnd(4)} its heights Ha / Hm / Hp ${h} mm; the centre click off by ${centreErrors ?? 'declined'} mm`);
  }
  const secondGrades = grades(second.map((r) => ({ level: r.level, points: r.points })));
  console.log(`    centre clicks within ${CORRECTION_MM} mm on all three heights ${centreRight}/${levels.length}; nine clicks per level ${nineRight}/${nine}; its grades ${[...secondGrades].map(([l, g]) => `${l} ${g}`).join(', ')} (experts: ${levels.map((l) => `${l.level} ${l.expertGrade ?? '?'}`).join(', ')})`);
}

/**
 * A real crop with one complete body and mask reference heights (the TPTBox samples): each click of CROP_CLICKS_MM
 * proposed, its Ha, Hm, Hp read two ways against the masks, as neither is exact on a 1.5 mm crop with automatic masks:
 * against the mask's extent along the proposal's own three lines (as tests/unit/analysisTptboxMr.test.ts reads the MR,
 * whose rims slant: its height changes by 3 mm within 2 mm of a wall), and against the mask's heights, medians 1–4 mm
 * inside its walls and ±1 mm around mid-depth (tptboxReference.ts; the CT's mask leaves the cortex of the rims out at
 * the corners, so along the proposal's corner lines it reads 2–4 mm short of the bone).
 */
function benchCrop(name: string, volume: Volume, reference: BodyReference): void {
  const alongLines = new CropTally();
  const maskHeights = new CropTally();
  let declined = 0;
  const cpuMs: number[] = [];
  const { anteriorMm, middleMm, posteriorMm } = reference.heightsMm;
  for (const [dy, dz] of CROP_CLICKS_MM) {
    const c0 = process.cpuUsage();
    const result = proposeVertebra(volume, [reference.centreMm[0], reference.centreMm[1] + dy, reference.centreMm[2] + dz]);
    const c1 = process.cpuUsage(c0);
    cpuMs.push((c1.user + c1.system) / 1000);
    if (!result.ok) {
      declined += 1;
      continue;
    }
    const { points, heightsMm: h } = result.value;
    const flagged = result.value.confidence < CHECK_BELOW_CONFIDENCE;
    alongLines.add(HEIGHT_PAIRS.map(([a, b]) => Math.abs(distance(points[a], points[b]) - maskExtentMm(reference, points[a], points[b]))), flagged);
    maskHeights.add([h.anteriorMm - anteriorMm, h.middleMm - middleMm, h.posteriorMm - posteriorMm].map(Math.abs), flagged);
  }
  console.log(`\n${name}: ${CROP_CLICKS_MM.length} clicks on its one complete body (mask heights Ha / Hm / Hp ${anteriorMm.toFixed(1)} / ${middleMm.toFixed(1)} / ${posteriorMm.toFixed(1)} mm)`);
  console.log(alongLines.line('against the mask along the proposal\'s lines', declined));
  console.log(maskHeights.line('against the mask\'s heights          ', declined));
  console.log(`  CPU                ${percentile(cpuMs, 0.5).toFixed(0)} ms per click (median)`);
}

/** A body is at a level when its centre lies within this of the level's centre, mm (tests/unit/analysisChestCt.test.ts). */
const CHEST_AT_LEVEL_MM = 8;
/** One-clicks around each chest CT body's centre, (y, z) mm: the centre and ±3 mm front to back and head to foot. */
const CHEST_CLICKS_MM: readonly (readonly [number, number])[] = [-3, 0, 3].flatMap((dy) => [-3, 0, 3].map((dz) => [dy, dz] as const));
/** End clicks of the spine moved together one voxel either way, (y, z) mm. */
const CHEST_END_CLICKS_MM: readonly (readonly [number, number])[] = [-1.5, 0, 1.5].flatMap((dy) => [-1.5, 0, 1.5].map((dz) => [dy, dz] as const));

/**
 * The real contrast chest CT (readChestCt; no reference heights, only its bodies' centres read by hand): for each body
 * T3–T12 nine clicks around its centre, how many find that body, the spread of each height over them, how many are
 * flagged; the spine from two clicks over four spans and nine pairs of end clicks each, how many pairs put every body
 * at its level, and how many bodies put at a wrong level say nothing of it.
 */
function benchChestCt(): void {
  const { ct: volume, centres } = readChestCt();
  const ct = { ...volume, header: seriesHeaderOf('CT', undefined)! };
  const moved = (p: readonly number[], [dy, dz]: readonly [number, number]): [number, number, number] => [p[0]!, p[1]! + dy, p[2]! + dz];
  console.log('\nReal contrast chest CT (TotalSegmentator aorta crop, 1.5 mm; T3–T12, no reference heights: the bodies\' centres read by hand)');
  let found = 0;
  let flagged = 0;
  let clefts = 0;
  const spreads: number[] = [];
  const cpuMs: number[] = [];
  for (const { level, centreMm } of centres) {
    const heights: number[][] = [];
    for (const offset of CHEST_CLICKS_MM) {
      const c0 = process.cpuUsage();
      const result = proposeVertebra(ct, moved(centreMm, offset));
      const c1 = process.cpuUsage(c0);
      cpuMs.push((c1.user + c1.system) / 1000);
      if (!result.ok || distance(result.value.centreMm, centreMm) > CHEST_AT_LEVEL_MM) continue;
      found += 1;
      if (result.value.confidence < CHECK_BELOW_CONFIDENCE) flagged += 1;
      if (result.value.reasons.some((r) => r.code === 'VACUUM_CLEFT')) clefts += 1;
      const h = result.value.heightsMm;
      heights.push([h.anteriorMm, h.middleMm, h.posteriorMm]);
    }
    const spread = [0, 1, 2].map((n) => (heights.length > 0 ? Math.max(...heights.map((h) => h[n]!)) - Math.min(...heights.map((h) => h[n]!)) : Number.NaN));
    spreads.push(...spread.filter(Number.isFinite));
    const median = [0, 1, 2].map((n) => percentile(heights.map((h) => h[n]!), 0.5));
    console.log(`    ${level.padEnd(4)} ${heights.length}/${CHEST_CLICKS_MM.length} clicks find the body; Ha/Hm/Hp median ${median.map((x) => x.toFixed(1)).join(' / ')} mm, spread over the clicks ${spread.map((x) => x.toFixed(1)).join(' / ')} mm`);
  }
  const clicks = centres.length * CHEST_CLICKS_MM.length;
  console.log(`  one click          ${found}/${clicks} find the clicked body (${flagged} of them flagged "check", ${clefts} flagged VACUUM_CLEFT); height spread over a body's clicks median ${percentile(spreads, 0.5).toFixed(1)} mm, 95th percentile ${percentile(spreads, 0.95).toFixed(1)} mm; ${percentile(cpuMs, 0.5).toFixed(0)} ms CPU per click (median)`);
  for (const [from, to] of [['T3', 'T12'], ['T4', 'T12'], ['T5', 'T11'], ['T4', 'T9']] as const) {
    const first = centres.findIndex((c) => c.level === from);
    const last = centres.findIndex((c) => c.level === to);
    const expected = centres.slice(first, last + 1);
    let right = 0;
    let declined = 0;
    let wrongUnflagged = 0;
    let atLevels = 0;
    let atLevelDoubted = 0;
    const counts: number[] = [];
    const spineCpu: number[] = [];
    for (const offset of CHEST_END_CLICKS_MM) {
      const c0 = process.cpuUsage();
      const spine = detectSpine(ct, moved(expected[0]!.centreMm, offset), moved(expected[expected.length - 1]!.centreMm, offset));
      const c1 = process.cpuUsage(c0);
      spineCpu.push((c1.user + c1.system) / 1000);
      if (!spine.ok) {
        declined += 1;
        continue;
      }
      const vertebrae = spine.value.vertebrae;
      counts.push(Math.max(...vertebrae.map((v) => v.levelOffset)) + 1);
      const atLevel = (v: (typeof vertebrae)[number]) => expected[v.levelOffset] !== undefined && distance(v.proposal.centreMm, expected[v.levelOffset]!.centreMm) <= CHEST_AT_LEVEL_MM;
      if (vertebrae.length === expected.length && vertebrae.every(atLevel)) right += 1;
      const levelDoubted = (v: (typeof vertebrae)[number]) => v.proposal.reasons.some((r) => r.code === 'LEVEL_UNCERTAIN');
      wrongUnflagged += vertebrae.filter((v) => v.levelOffset > 0 && !atLevel(v) && !levelDoubted(v)).length;
      atLevels += vertebrae.filter(atLevel).length;
      atLevelDoubted += vertebrae.filter((v) => atLevel(v) && levelDoubted(v)).length;
    }
    console.log(
      `  spine ${from}→${to} (${expected.length} bodies), ${CHEST_END_CLICKS_MM.length} pairs of end clicks ±1.5 mm: every body at its level on ${right}, ${declined} declined; ` +
        `levels counted ${counts.join(' ')}; bodies at a wrong level not flagged LEVEL_UNCERTAIN ${wrongUnflagged}, at their level and flagged ${atLevelDoubted} of ${atLevels}; ${percentile(spineCpu, 0.5).toFixed(0)} ms CPU per spine (median)`,
    );
  }
}

/**
 * Real lumbar MR with expert body masks (tests/helpers/lumbarMr.ts, `LUMBAR_MR_DIR`), each set over all its exams: the
 * centre click of every body and the nine clicks ±2 mm around it (clickGrid) against the mask's heights; the signed
 * bias of the centre clicks (median, + tall); the spine from two clicks on the first and last body's centres (counted
 * right when bodies plus levels counted without a body make the number traced; spineBodies); and the Genant grades of
 * the centre clicks against the grades of the mask's own points: equal, a fracture where the mask says none, none where
 * it says one.
 */
function benchLumbarMr(): void {
  for (const set of LUMBAR_MR_SETS) {
    const exams = lumbarMrExams(set);
    if (exams.length === 0) continue;
    const signed: number[][] = [[], [], []];
    const errors: number[] = [];
    const cpuMs: number[] = [];
    let bodies = 0;
    let centreRight = 0;
    let centreOffUnflagged = 0;
    let centreGrossUnflagged = 0;
    let centreDeclined = 0;
    const grid = { clicks: 0, right: 0, rightUnflagged: 0, wrongFlagged: 0, confidentWrong: 0, declined: 0, offByFiveMm: 0, offByFiveMmUnflagged: 0 };
    let spinesRight = 0;
    let spines = 0;
    let spineBodyCount = 0;
    let spineBodiesRight = 0;
    let spineOffUnflagged = 0;
    let graded = 0;
    let gradesEqual = 0;
    let falseFractures = 0;
    let missedFractures = 0;
    for (const path of exams) {
      const exam = readLumbarMrExam(path, WALL_INSET_MM);
      if (!exam || exam.bodies.length === 0) continue;
      const proposed: { level: SpinalLevel; points: SixPoints }[] = [];
      for (const body of exam.bodies) {
        bodies += 1;
        const c0 = process.cpuUsage();
        const result = proposeVertebra(exam.mr, centreOf(body.points));
        const c1 = process.cpuUsage(c0);
        cpuMs.push((c1.user + c1.system) / 1000);
        if (!result.ok) {
          centreDeclined += 1;
          continue;
        }
        proposed.push({ level: body.level, points: result.value.points });
        signedHeightErrorsMm(result.value.points, body.points).forEach((e, k) => signed[k]!.push(e));
        const e = heightErrorsMm(result.value.points, body.points);
        errors.push(...e);
        if (e.every((x) => x <= CORRECTION_MM)) centreRight += 1;
        else if (result.value.confidence >= CHECK_BELOW_CONFIDENCE) {
          centreOffUnflagged += 1;
          if (e.some((x) => x > GROSS_MM)) centreGrossUnflagged += 1;
        }
      }
      const g = clickGrid(exam.mr, exam.bodies);
      for (const key of Object.keys(grid) as (keyof typeof grid)[]) grid[key] += g[key];
      if (exam.bodies.length >= 2) {
        spines += 1;
        const spine = detectSpine(exam.mr, centreOf(exam.bodies[0]!.points), centreOf(exam.bodies[exam.bodies.length - 1]!.points));
        if (spine.ok && spine.value.vertebrae.length + spine.value.missingLevelOffsets.length === exam.bodies.length) spinesRight += 1;
        const tally = spineBodies(spine, exam.bodies);
        spineBodyCount += tally.bodies;
        spineBodiesRight += tally.right;
        spineOffUnflagged += tally.offUnflagged;
      }
      const reference = grades(exam.bodies);
      for (const [level, grade] of grades(proposed)) {
        const expected = reference.get(level);
        if (expected === undefined) continue;
        graded += 1;
        if (grade === expected) gradesEqual += 1;
        else if (expected === 0) falseFractures += 1;
        else if (grade === 0) missedFractures += 1;
      }
    }
    const bias = signed.map((values) => signedMm(percentile(values, 0.5), 1)).join(' / ');
    console.log(`\nReal lumbar MR ${set.key}: ${set.description}; ${exams.length} exams, ${bodies} bodies traced whole (reference: the expert masks, 1 mm voxels assumed)`);
    console.log(
      `  centre clicks      ${centreRight}/${bodies} within ${CORRECTION_MM} mm on all three heights, ${centreOffUnflagged} off and unflagged (${centreGrossUnflagged} by more than ${GROSS_MM} mm), ${centreDeclined} declined; ` +
        `height error median ${percentile(errors, 0.5).toFixed(2)} mm, 95th percentile ${percentile(errors, 0.95).toFixed(2)} mm; median signed error Ha / Hm / Hp ${bias} mm (+ tall)`,
    );
    console.log(
      `  nine clicks ±2 mm  ${grid.right}/${grid.clicks} within ${CORRECTION_MM} mm (${grid.rightUnflagged} of them unflagged), ${grid.wrongFlagged} off and flagged, ` +
        `${grid.confidentWrong} off and unflagged, ${grid.declined} declined, ${grid.offByFiveMm} off by more than ${GROSS_MM} mm on a height (${grid.offByFiveMmUnflagged} of them unflagged)`,
    );
    console.log(`  spine from two clicks (first and last body's centres): ${spinesRight}/${spines} exams counted right; bodies within ${CORRECTION_MM} mm ${spineBodiesRight}/${spineBodyCount}, off and unflagged ${spineOffUnflagged}`);
    console.log(`  grades of the centre clicks against the mask's: ${gradesEqual}/${graded} equal, ${falseFractures} a fracture where the mask has none, ${missedFractures} none where it has one`);
    console.log(`  CPU                ${percentile(cpuMs, 0.5).toFixed(0)} ms per click (median)`);
  }
}

/** Planes a CT's sagittal view may open on, mm beside the spine's midline (the viewer then moves to it). */
const MIDLINE_STARTS_MM = [-16, -12, -8, -4, 0, 4, 8, 12, 16] as const;

/**
 * Where the sagittal view's move to the spine's midline (analysis/spineMidline.ts) lands, from planes beside the
 * reference midline `referenceXMm` (LPS x, mm): the error of each (mm; "none" where no midline is found, the plane
 * showing no column) and the median node CPU time of one search.
 */
function benchMidline(name: string, volume: Volume, referenceXMm: number): void {
  const centre = imageCentreMm(volume);
  const errors: string[] = [];
  const cpuMs: number[] = [];
  for (const startMm of MIDLINE_STARTS_MM) {
    const before = process.cpuUsage();
    const found = midlineXFrom(volume, [referenceXMm + startMm, centre[1], centre[2]]);
    const used = process.cpuUsage(before);
    cpuMs.push((used.user + used.system) / 1000);
    errors.push(`${signedMm(startMm)}: ${found === null ? 'none' : signedMm(found - referenceXMm)}`);
  }
  cpuMs.sort((a, b) => a - b);
  console.log(`\n${name}: the spine's midline from planes beside it (start: error, mm) ${errors.join(', ')}; volume's middle plane ${signedMm(centre[0] - referenceXMm)} mm off; ${cpuMs[Math.floor(cpuMs.length / 2)]!.toFixed(0)} ms CPU per search (median)`);
}

/** benchMidline on each CT with a reference midline: the phantom's x = 0, VerSe's bodies (expert mask), the chest CT's hand-read midsagittal slice. */
function benchMidlines(): void {
  if (phantomAvailable()) benchMidline('phantom CT', readPhantomSeries('baseline', 'ct'), 0);
  if (verseAvailable()) {
    const { ct, mask } = readVerse();
    benchMidline('VerSe sub-verse012 CT (reference: the front 45 % of T10–L2 in the expert mask)', ct, bodiesMiddleXMm(mask, [17, 18, 19, 20, 21]));
  }
  if (chestCtAvailable()) {
    const { ct, centres } = readChestCt();
    benchMidline('chest CT (reference: its midsagittal slice, read by hand)', ct, centres[0]!.centreMm[0]);
  }
}

function main(): void {
  if (process.env.BENCH_ONLY === 'midline') {
    benchMidlines();
    return;
  }
  if (process.env.BENCH_ONLY === 'chest') {
    if (chestCtAvailable()) benchChestCt();
    else console.log(`chest CT: skipped (${CHEST_CT_PATH} absent)`);
    return;
  }
  if (process.env.BENCH_ONLY === 'lumbar-mr') {
    if (lumbarMrAvailable()) benchLumbarMr();
    else console.log(`real lumbar MR: skipped (${LUMBAR_MR_DIR} absent)`);
    return;
  }
  console.log(
    `assistance benchmark (node ${process.version}, median of ${REPEATS} runs; points ${WALL_INSET_MM} mm inside the walls; ` +
      `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: CPU time is the figure that does not depend on other load)`,
  );
  if (phantomAvailable()) {
    const truth = readGroundTruth();
    for (const [study, series, label] of [
      ['baseline', 'ct', 'phantom CT (baseline)'],
      ['baseline', 'mr', 'phantom MR T2 (sagittal)'],
      ['post', 'ct', 'phantom CT after kyphoplasty (cement in L1)'],
    ] as const) {
      const levels = truth.studies.find((s) => s.key === study)?.levels ?? [];
      // With its header, as the viewer hands a series over (Modality; a CT's values in HU).
      const header = seriesHeaderOf(series === 'ct' ? 'CT' : 'MR', undefined)!;
      bench({ name: label, volume: { ...readPhantomSeries(study, series, series === 'ct' ? 40 : Infinity), header }, levels });
    }
  } else {
    console.log('phantom: skipped (run `npm run sample`)');
  }
  if (verseAvailable()) {
    const { ct, mask } = readVerse();
    const levels = verseReferences(mask, WALL_INSET_MM).map((r) => ({ level: r.level, points: r.points, expertGrade: r.expertGrade }));
    const clicked = bench({ name: 'VerSe sub-verse012 CT (reference: expert mask, mid-sagittal)', volume: { ...ct, header: seriesHeaderOf('CT', undefined)! }, levels });
    benchSecondReading(levels, clicked, verseReferences(mask, WALL_INSET_MM, 'endplates'));
    for (const weighting of ['T1', 'T2'] as const) {
      const name = `VerSe anatomy as a ${weighting} MR (tests/helpers/verseMr.ts: made from the CT's tissues, bone on the expert mask; reference: that mask)`;
      bench({ name, volume: verseMr({ ct, mask }, weighting), levels });
    }
  } else {
    console.log('VerSe: skipped (../shared/real-spine/verse19-sub-verse012 absent)');
  }
  if (tptboxAvailable()) {
    const { mr } = readTptboxMr(WALL_INSET_MM);
    const reference = bodyReference(readNifti(join(TPTBOX_MR_DIR, 'sub-mri_seg-vert_label-6_msk.nii.gz')), readNifti(join(TPTBOX_MR_DIR, 'sub-mri_seg-subreg_label-6_msk.nii.gz')));
    if (reference) benchCrop('TPTBox sample MR (real T2 crop, 1.5 mm; reference: its masks)', { ...mr, header: seriesHeaderOf('MR', undefined)! }, reference);
  } else {
    console.log('TPTBox MR: skipped (../shared/real-spine/tptbox-sample-mri absent)');
  }
  benchMidlines();
  if (chestCtAvailable()) benchChestCt();
  else console.log(`chest CT: skipped (${CHEST_CT_PATH} absent; wasserth/TotalSegmentator tests/reference_files/aorta_report/test_result/models/ct_cropped.nii.gz, or set CHEST_CT_PATH)`);
  if (tptboxCtAvailable()) {
    const read = (f: string) => readNifti(join(TPTBOX_CT_DIR, f));
    const reference = bodyReference(read(TPTBOX_CT_FILES.vert), read(TPTBOX_CT_FILES.subreg), TPTBOX_CT_BODY);
    const ct = { ...niftiVolume(read(TPTBOX_CT_FILES.image)), header: seriesHeaderOf('CT', undefined)! };
    if (reference) benchCrop('TPTBox sample CT (real lumbar crop, 1.5 mm, σ ≈ 95 HU, marrow ≈ 50 HU; reference: its masks)', ct, reference);
  } else {
    console.log(`TPTBox CT: skipped (${TPTBOX_CT_DIR} absent; Hendrik-code/TPTBox tests/sample_ct/, or set TPTBOX_CT_DIR)`);
  }
  if (lumbarMrAvailable()) benchLumbarMr();
  else console.log(`real lumbar MR: skipped (${LUMBAR_MR_DIR} absent; JonathanRamos/fastcleverseg ImageDatasets/VBs, or set LUMBAR_MR_DIR)`);
}

main();
