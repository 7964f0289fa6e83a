import { CHECK_BELOW_CONFIDENCE, confidenceOf, PRECISION_ONLY_REASONS, type ConfidenceReason } from './confidence';
import type { AnalysisImage } from './image';
import { planeViewOf, type PlaneView } from './planeView';
import { median } from './profile';
import { oneClickOptions, proposeOnView, steadyReading, toVertebraProposal, withSamplingReason, type AnalysisOptions, type PlaneProposal, type VertebraProposal } from './proposeVertebra';
import { fail, ok, type AnalysisResult } from './result';
import type { BodyFrame } from './bodyFrame';
import { CROSSED_TOLERANCE_MM, facingGapMm, facingGapsMm } from './facingGaps';
import { proportionExcess } from './bodyPoints';
import { MAX_BODIES, foundTwice, overlap, plausible, spacingHeightMm } from './spineBodies';
import { addScaled2, distance3, dot2, dot3, negate2, perpendicular2, subtract2, subtract3, unit2, type Vec2, type Vec3 } from './vec';
import { offTheColumn, walkColumn, type WalkedBody } from './walkColumn';

/** One body found between the two clicks. */
export interface SpineVertebra {
  /** 0 for the first click's body, then 1, 2, … towards the last click's body. */
  readonly levelOffset: number;
  readonly proposal: VertebraProposal;
}

/** The bodies from the first to the last click. */
export interface SpineProposal {
  /** In order from the first click to the last; levels are the first click's level plus (caudal) or minus (cranial) levelOffset. */
  readonly vertebrae: readonly SpineVertebra[];
  /** Whether the last click lies caudal ('caudal') or cranial ('cranial') of the first. */
  readonly direction: 'caudal' | 'cranial';
  /** Bodies expected by the disc count for which no proposal could be made (their levels are still counted). */
  readonly missingLevelOffsets: readonly number[];
}

const CENTRELINE_STEP_MM = 0.5;
/** Half-width of the band averaged across the centreline, as a share of the end bodies' mean depth. */
const BAND_HALF_WIDTH_SHARE = 0.3;
/** Weight of the spacing prior against the disc evidence (per disc, for a spacing off by one whole period). */
const SPACING_PRIOR_WEIGHT = 4;
/** Allowed change of the body-plus-disc period between neighbours and from the ends' interpolation (share). */
const PERIOD_TOLERANCE = 0.45;
/** Half the disc's evidence (bodies 0, discs 1): the half-maximum between the two (the issue's own edge criterion). */
const HALF_DISC_EVIDENCE = 0.5;
/**
 * A body fills at least this share (0–1) of the space between the middles of the discs around it. Design decision of
 * this project (issue 12): that space is the body plus half of each disc; adult thoraco-lumbar discs are about a fifth
 * to a third of the body-plus-disc period (the period prior above is 1.25 Hm), and even a body that has lost half its
 * height to a fracture (Genant grade 3: over 40 %) fills more than half of a space whose discs close in on it.
 */
const MIN_FILL_SHARE = 0.5;
/**
 * A disc of another count matches one of the count taken when it lies within this share (0–1) of the body-plus-disc
 * period of it. Design decision of this project (issue 12): half-way between a disc (0) and the middle of the next body
 * (half a period), so a disc of another count lies nearer either a disc or a body's middle.
 */
const DISC_MATCH_SHARE = 0.25;
/**
 * The body-plus-disc period where the discs are thin, as a share of the end bodies' middle height: upper and middle
 * thoracic discs are 2–4 mm against bodies of 17–20 mm, and the middle bodies of a long thoracic span are shorter than
 * its end bodies (T12, T4). Where both end discs are thin (their runs at half maximum no taller than THIN_DISC_MM),
 * counts up to one more than this period suggests are tried as well as those around the 1.25 Hm one: on a real
 * contrast chest CT (1.5 mm voxels, T3 to T12 from two clicks) the ten bodies lay 21 mm apart against a prior of 27,
 * the right count was never tried, and a count one short was taken with no level in doubt. Not where the end discs are
 * tall: a count two too many then passed as sound over a crushed body on a 3 mm T1 MR.
 */
const THIN_DISC_PERIOD_SHARE = 1.1;
/** An end disc at most this tall at half maximum is thin (THIN_DISC_PERIOD_SHARE), mm: a thoracic disc, not a lumbar one (8–12 mm). */
const THIN_DISC_MM = 5;
/**
 * A space between two discs longer than this share of the median space of the count may hold two bodies (see
 * detectSpine's pastDoubt): between the 1 of a body and the 2 of two. Design decision of this project (issue 12).
 */
const TWO_BODIES_SHARE = 1.4;

/** A point on the centreline: position, unit tangent (first → last), arc length from the first centre (mm). */
interface Station {
  readonly p: Vec2;
  readonly t: Vec2;
  readonly s: number;
}

/** Cubic Hermite curve from a to b with end tangents ta, tb (unit, scaled by the chord), sampled every quarter millimetre or finer. */
function hermitePoints(a: Vec2, ta: Vec2, b: Vec2, tb: Vec2): Vec2[] {
  const chord = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const dense: Vec2[] = [];
  const steps = Math.max(10, Math.ceil(chord / 0.25));
  for (let i = 0; i <= steps; i += 1) {
    const u = i / steps;
    const h00 = 2 * u ** 3 - 3 * u ** 2 + 1;
    const h10 = u ** 3 - 2 * u ** 2 + u;
    const h01 = -2 * u ** 3 + 3 * u ** 2;
    const h11 = u ** 3 - u ** 2;
    dense.push([
      h00 * a[0] + h10 * chord * ta[0] + h01 * b[0] + h11 * chord * tb[0],
      h00 * a[1] + h10 * chord * ta[1] + h01 * b[1] + h11 * chord * tb[1],
    ]);
  }
  return dense;
}

/** Stations every CENTRELINE_STEP_MM of arc length along a dense polyline (`startTangent` where two points coincide). */
function stationsAlong(dense: readonly Vec2[], startTangent: Vec2): Station[] {
  const stations: Station[] = [];
  let s = 0;
  let next = 0;
  for (let i = 1; i < dense.length; i += 1) {
    const p0 = dense[i - 1]!;
    const p1 = dense[i]!;
    const d = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
    const t = unit2(subtract2(p1, p0)) ?? startTangent;
    while (next <= s + d) {
      const f = d > 0 ? (next - s) / d : 0;
      stations.push({ p: [p0[0] + (p1[0] - p0[0]) * f, p0[1] + (p1[1] - p0[1]) * f], t, s: next });
      next += CENTRELINE_STEP_MM;
    }
    s += d;
  }
  return stations;
}

/** The curve leaving each end body along its own axis: a cubic Hermite curve from a to b with end tangents ta, tb. */
function hermiteCentreline(a: Vec2, ta: Vec2, b: Vec2, tb: Vec2): Station[] {
  return stationsAlong(hermitePoints(a, ta, b, tb), ta);
}

/**
 * The curve through body centres in order (at least two): a Hermite segment between each pair of neighbours, its
 * tangents along the line through the centres either side (Catmull-Rom), at the two ends towards the neighbour.
 */
function centrelineThrough(centres: readonly Vec2[]): Station[] | null {
  const tangents = centres.map((_, i) => unit2(subtract2(centres[Math.min(i + 1, centres.length - 1)]!, centres[Math.max(i - 1, 0)]!)));
  if (tangents.some((t) => !t)) return null;
  const dense: Vec2[] = [];
  for (let i = 0; i + 1 < centres.length; i += 1) {
    const segment = hermitePoints(centres[i]!, tangents[i]!, centres[i + 1]!, tangents[i + 1]!);
    dense.push(...(i === 0 ? segment : segment.slice(1)));
  }
  return stationsAlong(dense, tangents[0]!);
}

/** Mean value across the centreline at each station over ±halfWidthMm (NaN-free samples only). */
function centrelineProfile(view: PlaneView, stations: readonly Station[], halfWidthMm: number): Float64Array {
  const out = new Float64Array(stations.length);
  stations.forEach(({ p, t }, i) => {
    const across = perpendicular2(t);
    let sum = 0;
    let count = 0;
    for (let o = -halfWidthMm; o <= halfWidthMm; o += 1) {
      const q = addScaled2(p, across, o);
      const v = view.valueAt(q[0], q[1]);
      if (Number.isFinite(v)) {
        sum += v;
        count += 1;
      }
    }
    out[i] = count > 0 ? sum / count : Number.NaN;
  });
  return out;
}

/**
 * Disc positions (station indices) between the first disc `from` and the last disc `to`, exactly `count` discs in all
 * (from and to included), maximising the disc evidence minus a prior on the spacing (dynamic programming). The
 * expected spacing at station i is period(i) stations. Returns the indices and the total score.
 */
function placeDiscs(
  evidence: Float64Array,
  from: number,
  to: number,
  count: number,
  period: (i: number) => number,
): { readonly discs: number[]; readonly score: number } | null {
  if (count < 1) return null;
  if (count === 1) return from === to ? { discs: [from], score: evidence[from]! } : null;
  const n = evidence.length;
  // best[k][i]: best score with the k-th disc (0-based) at station i; back[k][i]: the previous disc's station.
  let best = new Float64Array(n).fill(-Infinity);
  best[from] = evidence[from]!;
  const back: Int32Array[] = [];
  for (let k = 1; k < count; k += 1) {
    const next = new Float64Array(n).fill(-Infinity);
    const link = new Int32Array(n).fill(-1);
    for (let i = from + 1; i <= to; i += 1) {
      if (k === count - 1 && i !== to) continue;
      const expected = period(i);
      const lo = Math.max(from, Math.floor(i - expected * (1 + PERIOD_TOLERANCE)));
      const hi = Math.min(i - 1, Math.ceil(i - expected * (1 - PERIOD_TOLERANCE)));
      for (let j = lo; j <= hi; j += 1) {
        if (best[j] === -Infinity) continue;
        const off = (i - j - expected) / expected;
        const score = best[j]! + evidence[i]! - SPACING_PRIOR_WEIGHT * off * off;
        if (score > next[i]!) {
          next[i] = score;
          link[i] = j;
        }
      }
    }
    back.push(link);
    best = next;
  }
  if (best[to] === -Infinity) return null;
  const discs = [to];
  let i = to;
  for (let k = count - 2; k >= 0; k -= 1) {
    i = back[k]![i]!;
    discs.unshift(i);
  }
  return { discs, score: best[to]! };
}

/**
 * A disc count's score for comparing counts: its placement's score with each disc's evidence counted only above the
 * half maximum between a body (0) and a disc (1). The placement sums every disc's evidence, so a count with one disc
 * more gained whatever a body's interior offered there, noise included: on the real VerSe CT six discs outscored the
 * right five on every pair of end clicks (README, issue 12), and where the seven bodies all passed as sound that count
 * was taken. A disc placed where the evidence is below the half maximum now costs a count rather than adding to it.
 */
function countScore({ discs, score }: { readonly discs: readonly number[]; readonly score: number }): number {
  return score - HALF_DISC_EVIDENCE * discs.length;
}

/** The station nearest a point on the plane. */
function nearestStationTo(stations: readonly Station[], p: Vec2): number {
  let nearest = 0;
  let nearestMm = Infinity;
  stations.forEach((station, i) => {
    const mm = Math.hypot(station.p[0] - p[0], station.p[1] - p[1]);
    if (mm < nearestMm) [nearest, nearestMm] = [i, mm];
  });
  return nearest;
}

/** The share of a walked body's middle height either side of its centre that the count may not take for a disc: its middle half. */
const WALKED_CORE_SHARE = 0.25;

function nearestStation(stations: readonly Station[], sMm: number): number {
  return Math.max(0, Math.min(stations.length - 1, Math.round(sMm / CENTRELINE_STEP_MM)));
}


/** Distance from an end body's centre to its endplate facing the other click along the centreline, mm: half its Hm. */
function endplateDistanceMm(proposal: PlaneProposal): number {
  return proposal.heightsMm.middleMm / 2;
}

/**
 * Finds every vertebral body from the one around `firstCentreMm` to the one around `lastCentreMm` (patient LPS, mm;
 * both on the displayed plane) along the spine's curve, and proposes six points for each. The column between the two
 * bodies is followed on a curve that leaves each end body along its own axis; the mean intensity across it gives a
 * profile in which the discs are placed by dynamic programming, with a prior that neighbouring body-plus-disc periods
 * change slowly from the first body's to the last's. Where that count misses a body or leaves the column, the column is
 * walked body by body from both ends and counted again along the curve through the bodies walked (the walk's own count
 * where its two ends met), and the count with fewer bodies missing, then fewer levels in doubt, is taken. Fails with
 * UNCALIBRATED, INVALID_IMAGE, INVALID_INPUT, OUTSIDE_IMAGE or NO_VERTEBRA (an end body not found).
 */
export function detectSpine(
  image: AnalysisImage,
  firstCentreMm: Vec3,
  lastCentreMm: Vec3,
  options: AnalysisOptions = {},
): AnalysisResult<SpineProposal> {
  const global = planeViewOf(image, firstCentreMm, options.planeAxes, false);
  if (!global.ok) return global;
  const g = global.value;
  const a = g.toPlane(firstCentreMm);
  const b = g.toPlane(lastCentreMm);
  for (const p of [a, b]) {
    if (!Number.isFinite(g.valueAt(p[0], p[1]))) return fail('OUTSIDE_IMAGE', 'A click is outside the image; click inside the first and the last body.');
  }
  // `clicked`: the seed is one of the user's two clicks (proposeOnView's otherOutlines), not a body seeded along the spine.
  // The view around a seed, made once: a body read again from the seed it was read from (readAvoiding) reads the same
  // view, and making one (resampling and smoothing the patch) costs about a tenth of a reading.
  const views = new Map<string, ReturnType<typeof planeViewOf>>();
  const viewAt = (seed: Vec2): ReturnType<typeof planeViewOf> => {
    const key = `${seed[0]},${seed[1]}`;
    let view = views.get(key);
    if (!view) {
      view = planeViewOf(image, g.toWorld(seed), options.planeAxes);
      views.set(key, view);
    }
    return view;
  };
  const propose = (seed: Vec2, initialCranial?: Vec2, clicked = false, avoid: readonly BodyFrame[] = []): ReadOnView | null => {
    const view = viewAt(seed);
    if (!view.ok) return null;
    const o = {
      ...(options.polarity ? { polarity: options.polarity } : {}),
      ...(initialCranial ? { initialCranial } : {}),
      otherOutlines: clicked,
      avoid,
    };
    const proposal = proposeOnView(view.value, view.value.toPlane(g.toWorld(seed)), o);
    return proposal ? { proposal, view: view.value } : null;
  };
  const firstOwn = propose(a, undefined, true);
  const lastOwn = propose(b, undefined, true);
  const first = inProportion(firstOwn, (avoid) => propose(a, undefined, true, avoid));
  const last = inProportion(lastOwn, (avoid) => propose(b, undefined, true, avoid));
  if (!first || !last) {
    return fail('NO_VERTEBRA', `No vertebral body was found around the ${first ? 'last' : 'first'} click; click inside the body's centre.`);
  }
  const firstCentre = g.toPlane(first.view.toWorld(first.proposal.frame.centre));
  const lastCentre = g.toPlane(last.view.toWorld(last.proposal.frame.centre));
  const chordDir = unit2(subtract2(lastCentre, firstCentre));
  if (!chordDir) return fail('INVALID_INPUT', 'The first and the last click are on the same body.');
  const orient = (axis: Vec2): Vec2 => (dot2(axis, chordDir) >= 0 ? axis : [-axis[0], -axis[1]]);
  // How each body of the spine was read, so that one can be read again as another outline (readAvoiding).
  const readings = new Map<VertebraProposal, Reading>();
  const firstProposal = toVertebraProposal(first.view, first.proposal);
  const lastProposal = toVertebraProposal(last.view, last.proposal);
  readings.set(firstProposal, { seed: a, clicked: true, frame: first.proposal.frame });
  readings.set(lastProposal, { seed: b, clicked: true, frame: last.proposal.frame });
  // The count stands on each end body as read from its click (its endplates are the first and last discs), and the
  // body shown is the one a click there shows in one-click mode (steadyReading: read again from its own centre, and
  // flagged CLICK_DEPENDENT where that gives other points). An end body replaced by its next outline stays as it is.
  const shownAsOneClick = (seed: Vec2, end: ReadOnView, own: ReadOnView | null, counted: VertebraProposal): VertebraProposal => {
    if (end !== own) return counted;
    const steady = steadyReading(end.view, end.view.toPlane(g.toWorld(seed)), oneClickOptions(options), end.proposal);
    if (!steady || steady === end.proposal) return counted;
    const shown = toVertebraProposal(end.view, steady);
    readings.set(shown, { seed, clicked: true, frame: steady.frame });
    return shown;
  };
  const firstShown = shownAsOneClick(a, first, firstOwn, firstProposal);
  const lastShown = shownAsOneClick(b, last, lastOwn, lastProposal);
  // `walk`: bodies found on the way between the end bodies (their centres on the curve), whose middle halves are not
  // taken for discs, and whether the walk from the two ends met.
  const countAlong = (stations: readonly Station[], walk: Walk = { cores: [], met: false }): AnalysisResult<SpineProposal> => {
    const totalMm = stations[stations.length - 1]?.s ?? 0;
    const depthMm = (first.proposal.depthMm + last.proposal.depthMm) / 2;
    const profile = centrelineProfile(g, stations, BAND_HALF_WIDTH_SHARE * depthMm);

    // The first and last discs lie just beyond the end bodies' endplates facing each other.
    const firstEnd = endplateDistanceMm(first.proposal);
    const lastEnd = endplateDistanceMm(last.proposal);
    const firstSpacingMm = spacingHeightMm(first.proposal);
    const lastSpacingMm = spacingHeightMm(last.proposal);
    const firstPeriod = firstSpacingMm * 1.25;
    const lastPeriod = lastSpacingMm * 1.25;
    const spanFrom = firstEnd;
    const spanTo = totalMm - lastEnd;
    const period = (i: number) => {
      const f = Math.max(0, Math.min(1, stations[i]!.s / Math.max(totalMm, 1e-6)));
      return (firstPeriod + (lastPeriod - firstPeriod) * f) / CENTRELINE_STEP_MM;
    };
    const endDiscsMm = [firstEnd + 3, totalMm - lastEnd - 3];
    const discNear = endDiscsMm.map((mm) => nearestStation(stations, mm));
    const magneticResonance = g.magneticResonance || first.proposal.frame.polarity === 'darkShell';
    const departure = discDepartureOf({
      profile,
      stations,
      totalMm,
      firstLevel: first.proposal.frame.marrow.levelValue,
      lastLevel: last.proposal.frame.marrow.levelValue,
      endDiscs: discNear,
      magneticResonance,
      periodStations: period,
    });
    // The profile's noise on CT: the marrow's, averaged over the samples across the band (one a millimetre).
    const profileNoise = Math.max(first.proposal.frame.marrow.noiseValue, last.proposal.frame.marrow.noiseValue) / Math.sqrt(2 * Math.floor(BAND_HALF_WIDTH_SHARE * depthMm) + 1);
    const contrast = magneticResonance
      ? median(discNear.map((i) => departure(i)))
      : endDiscContrast(endDiscsMm.map((centreMm) => discExtremes(departure, stations, centreMm)), profileNoise);
    if (!(Math.abs(contrast) > 0)) return fail('NO_VERTEBRA', 'The discs cannot be told from the bodies along the spine here.');
    const evidence = new Float64Array(profile.length);
    for (let i = 0; i < profile.length; i += 1) {
      const d = departure(i);
      evidence[i] = Number.isFinite(d) ? Math.max(-1, Math.min(1.5, d / contrast)) : 0;
    }
    // Search a window around each end disc for its strongest evidence, and the run of the disc there (discRun).
    const searchDisc = (centreMm: number): { readonly peak: number; readonly run: readonly [number, number] } => {
      const lo = nearestStation(stations, centreMm - 3);
      const hi = nearestStation(stations, centreMm + 6);
      let best = lo;
      for (let i = lo; i <= hi; i += 1) if (evidence[i]! > evidence[best]!) best = i;
      return { peak: best, run: discRun(evidence, best) };
    };
    const fromDisc = searchDisc(spanFrom + 1);
    const toDisc = searchDisc(spanTo - 4);
    const meanPeriodMm = (firstPeriod + lastPeriod) / 2;
    const thinDiscPeriodMm = ((firstSpacingMm + lastSpacingMm) / 2) * THIN_DISC_PERIOD_SHARE;
    const thinEndDiscs = [fromDisc.run, toDisc.run].every(([from, to]) => (to - from + 1) * CENTRELINE_STEP_MM <= THIN_DISC_MM);
    if (thinEndDiscs && !magneticResonance && contrast < 0) withoutUnplatedDips(evidence, departure, -contrast, period);
    // The walked bodies' middle halves: from the first body's centre (station 0) to the last's (the last station).
    const cores = [
      { at: 0, reach: Math.round((WALKED_CORE_SHARE * first.proposal.heightsMm.middleMm) / CENTRELINE_STEP_MM) },
      ...walk.cores.map(({ centre, body }) => ({ at: nearestStationTo(stations, centre), reach: Math.round((WALKED_CORE_SHARE * body.heightsMm.middleMm) / CENTRELINE_STEP_MM) })),
      { at: stations.length - 1, reach: Math.round((WALKED_CORE_SHARE * last.proposal.heightsMm.middleMm) / CENTRELINE_STEP_MM) },
    ];
    for (const { at, reach } of cores.slice(1, -1)) {
      for (let i = Math.max(0, at - reach); i <= Math.min(evidence.length - 1, at + reach); i += 1) evidence[i] = Math.min(evidence[i]!, -1);
    }
    // A walk whose two ends met counts the bodies itself: one disc between each two bodies walked, at its strongest sample.
    const walkDiscs = walk.met
      ? cores.slice(1).reduce<{ discs: number[]; score: number }>(
          (count, core, k) => {
            const before = cores[k]!;
            const from = Math.min(before.at + before.reach, core.at - 1);
            const to = Math.max(core.at - core.reach, from);
            let disc = from;
            for (let i = from; i <= to; i += 1) if (evidence[i]! > evidence[disc]!) disc = i;
            return { discs: [...count.discs, disc], score: count.score + evidence[disc]! };
          },
          { discs: [], score: 0 },
        )
      : null;
    // The body between two discs depends only on the station its seed is taken at (the middle between them): counts
    // that share a pair of discs share that body, which is proposed once.
    const bodyAtStation = new Map<number, VertebraProposal | null>();
    // A walk that met counts its own bodies: each is the body between its discs, as if proposed from their middle.
    if (walkDiscs) walk.cores.forEach(({ body }, k) => bodyAtStation.set(Math.round((walkDiscs.discs[k]! + walkDiscs.discs[k + 1]!) / 2), body));
    const bodyAt = (i: number): VertebraProposal | null => {
      const known = bodyAtStation.get(i);
      if (known !== undefined) return known;
      const station = stations[i]!;
      const initialCranial: Vec2 = dot2(station.t, g.cranial) >= 0 ? station.t : [-station.t[0], -station.t[1]];
      const found = propose(station.p, initialCranial);
      const proposal = found ? toVertebraProposal(found.view, found.proposal) : null;
      const body = proposal && plausible(proposal) ? proposal : null;
      if (body && found) readings.set(body, { seed: station.p, initialCranial, clicked: false, frame: found.proposal.frame });
      bodyAtStation.set(i, body);
      return body;
    };
    // A body between the ends that the count left flagged "check" is read again, once the count is settled, as a click at
    // its own centre would read it: the spine's seed lies on a curve drawn between the end bodies, not at the body's
    // centre, and is read without the search for another outline that a click gets (otherOutlines), which the count
    // must not have. The second reading's points are taken when it finds the same body (centre within a third of its
    // middle height) with a higher confidence, and with the doubts of both readings: a body flagged stays flagged, so the
    // second reading can move points but never hide a doubt. On VerSe's end clicks moved ±1 mm (50 spines) T12 needed a
    // correction on 18 and then on 1, T11 on 50 and then 48.
    const readAgainFromItsCentre = (proposal: VertebraProposal): VertebraProposal => {
      if (proposal.confidence >= CHECK_BELOW_CONFIDENCE) return proposal;
      const found = propose(g.toPlane(proposal.centreMm), undefined, true);
      if (!found) return proposal;
      const again = toVertebraProposal(found.view, found.proposal);
      if (!sameBodyAgain(again, proposal) || again.confidence <= proposal.confidence) return proposal;
      const taken = withDoubtsOf(again, proposal);
      readings.set(taken, { seed: g.toPlane(proposal.centreMm), clicked: true, frame: found.proposal.frame });
      return taken;
    };
    // A body read again from the seed it was read from, as the next outline there (its own avoided), when that finds the
    // same body (centre within a third of its middle height) at a plausible size; null otherwise (see uncrossed).
    const readAvoiding = (proposal: VertebraProposal): VertebraProposal | null => {
      const reading = readings.get(proposal);
      if (!reading) return null;
      const found = propose(reading.seed, reading.initialCranial, reading.clicked, [reading.frame]);
      if (!found) return null;
      const again = toVertebraProposal(found.view, found.proposal);
      if (!sameBodyAgain(again, proposal)) return null;
      readings.set(again, { ...reading, frame: found.proposal.frame });
      return again;
    };
    // The disc count is taken only when the bodies between its discs are sound: a count one too high puts a disc inside
    // a body (a fracture's cleft, a dark band of oedema under an endplate, a dark marrow band) and finds that body twice
    // (each half proposing the whole of it: an overlap) or not at all (each half bounded by a false disc: no body there).
    // Of the counts tried, the best-scoring sound one is taken; failing that, the one with the fewest unsound bodies.
    // Faults only accumulate as a count's bodies are proposed, so the counts are judged body by body, always the one
    // least faulted so far (the better-scoring on a tie), until that one is complete: no other can then have fewer, and
    // the bodies of counts that cannot win are never proposed.
    const stationOf = (pointMm: Vec3): number => nearestStationTo(stations, g.toPlane(pointMm));
    const guessOf = (fromIndex: number, toIndex: number, periodMm = meanPeriodMm): number => Math.round((stations[toIndex]!.s - stations[fromIndex]!.s) / periodMm) + 1;
    const countBetween = (fromIndex: number, lastDisc: number): Counted | null => {
      const toIndex = Math.max(fromIndex, lastDisc);
      const guess = guessOf(fromIndex, toIndex);
      const thinDiscGuess = thinEndDiscs ? guessOf(fromIndex, toIndex, thinDiscPeriodMm) : guess;
      const candidates: { discs: number[]; score: number }[] = [];
      for (let count = Math.max(1, guess - 1); count <= Math.min(MAX_BODIES, Math.max(guess, thinDiscGuess) + 1); count += 1) {
        const candidate = placeDiscs(evidence, fromIndex, toIndex, count, period);
        if (candidate) candidates.push(candidate);
      }
      candidates.sort((x, y) => countScore(y) - countScore(x));
      return judgedOf(candidates);
    };
    // Of the counts placed, the one judged soundest (see above).
    const judgedOf = (candidates: readonly { discs: number[]; score: number }[]): Counted | null => {
      if (candidates.length === 0) return null;
      const judgings = candidates.map((c) => judgingOf({ discs: c.discs, evidence, first: firstProposal, last: lastProposal, bodyAt, readAgain: readAvoiding, stationOf }));
      const leading = (): number => {
        let lead = 0;
        for (let j = 1; j < judgings.length; j += 1) if (judgings[j]!.faultCount() < judgings[lead]!.faultCount()) lead = j;
        return lead;
      };
      for (let lead = leading(); !judgings[lead]!.complete(); lead = leading()) judgings[lead]!.judgeNext();
      const taken = leading();
      return { candidates, placed: candidates[taken]!, judged: judgings[taken]!.judged() };
    };
    // The end discs at their strongest samples; at the middles of those discs instead (discRun) where the count their
    // middles' spacing suggests cannot be placed between the strongest samples: a tall disc read at its far endplate.
    const atPeaks = countBetween(fromDisc.peak, toDisc.peak);
    // Where both searches found the same disc (adjacent end bodies: their runs overlap), that disc's middle is both.
    const middleOf = (from: number, to: number) => Math.round((from + to) / 2);
    const shared = fromDisc.run[1] >= toDisc.run[0] ? middleOf(fromDisc.run[0], Math.max(fromDisc.run[1], toDisc.run[1])) : null;
    const fromMiddle = shared ?? middleOf(...fromDisc.run);
    const toMiddle = shared ?? middleOf(...toDisc.run);
    const middlesGuess = guessOf(fromMiddle, Math.max(fromMiddle, toMiddle));
    const peaksMisplaced = (fromMiddle !== fromDisc.peak || toMiddle !== toDisc.peak) && !atPeaks?.candidates.some((c) => c.discs.length === middlesGuess);
    const counted = walkDiscs ? judgedOf([walkDiscs]) : ((peaksMisplaced ? countBetween(fromMiddle, toMiddle) : null) ?? atPeaks);
    if (!counted) return fail('NO_VERTEBRA', 'The discs between the two bodies could not be placed; measure these levels one by one.');
    const { candidates, placed, judged } = counted;
    const { bodies, faults, reachedAcross } = judged;
    // Doubtful levels: a body not filling its space or taken from a disc-like stretch, those next to a body missing or
    // found twice in the count taken, two neighbours reaching into each other across their disc (themselves only: on a
    // real chest CT T6 read with its superior endplate on T5's plate across the thin disc, T5 to T12 all at their
    // levels, put every level in doubt from 3 of 9 pairs of end clicks a third of a voxel off the centres; a body read
    // 11 mm behind T5, over T4, kept its doubt), and, when a better-scoring count was set aside, each body
    // of the count taken that holds one of its discs (a disc-like band inside a body: fracture oedema, a cleft, or a disc
    // that the count taken has missed) — flagged, so the reader checks them rather than every level beyond them shifting.
    // `countDoubts` put the levels past them in doubt too (levelsInDoubt); a pair reaching across its disc doubts only
    // itself, and not the count: each of the two is a body between its discs.
    const countDoubts = new Set<number>([...bodies.underfilled, ...bodies.notBodies]);
    for (const offset of faults) {
      if (bodies.notBodies.includes(offset) || reachedAcross.includes(offset)) continue;
      for (const near of [offset - 1, offset, offset + 1]) countDoubts.add(near);
    }
    const best = candidates[0]!;
    if (best !== placed) {
      for (const disc of best.discs) {
        const k = placed.discs.findIndex((d, j) => j + 1 < placed.discs.length && disc > d && disc < placed.discs[j + 1]!);
        if (k < 0) continue;
        const nearestStations = Math.min(disc - placed.discs[k]!, placed.discs[k + 1]! - disc);
        if (nearestStations > DISC_MATCH_SHARE * period(disc)) countDoubts.add(k + 1);
      }
    }
    const doubtful = new Set<number>([...countDoubts, ...reachedAcross]);
    const between = bodies.between.map((v) => ({ levelOffset: v.levelOffset, proposal: readAgainFromItsCentre(v.proposal) }));
    // A body read again from a point on the spine's plane as a click there reads it (depthLikeNeighbours).
    const readAt = (pointMm: Vec3): VertebraProposal | null => {
      const seed = g.toPlane(pointMm);
      const found = propose(seed, undefined, true);
      if (!found) return null;
      const again = toVertebraProposal(found.view, found.proposal);
      readings.set(again, { seed, clicked: true, frame: found.proposal.frame });
      return again;
    };
    const read: SpineVertebra[] = [{ levelOffset: 0, proposal: firstShown }, ...between, { levelOffset: placed.discs.length, proposal: lastShown }];
    const unflagged = posteriorGapsClosed(depthLikeNeighbours(uncrossed(read, readAvoiding), readAvoiding, readAt), readAvoiding, readAt);
    // The count stands on the end bodies: their heights set the spacing prior and their endplates the first and last
    // discs. An end body of no plausible size (a STIR's misread as one 48 mm body over three) or out of a body's
    // proportions (FOOTING_MAX_EXCESS) leaves every level counted from it in doubt, all but the first click's own.
    const footingLost = [firstProposal, lastProposal].some((p) => !plausible(p) || proportionExcess(p) > FOOTING_MAX_EXCESS);
    const spaces = placed.discs.slice(1).map((d, k) => d - placed.discs[k]!);
    const { lastInDoubt, pastDoubt } = levelsInDoubt({ doubtful: countDoubts, missing: bodies.missing, underfilled: bodies.underfilled, spaces });
    // The first click's level is the reader's, given with the click, not counted: a doubt beside it (its neighbour
    // missing, found twice or reaching into it) is its neighbour's to carry.
    const vertebrae = unflagged.map((v) => {
      if (v.levelOffset === 0) return v;
      if (bodies.underfilled.includes(v.levelOffset)) return { levelOffset: v.levelOffset, proposal: withLevelDoubt(v.proposal, UNDERFILLED_MESSAGE) };
      if (doubtful.has(v.levelOffset)) return { levelOffset: v.levelOffset, proposal: withLevelDoubt(v.proposal, COUNT_DOUBT_MESSAGE) };
      if ((lastInDoubt && v.levelOffset === placed.discs.length) || v.levelOffset > pastDoubt) return { levelOffset: v.levelOffset, proposal: withLevelDoubt(v.proposal, COUNTED_PAST_DOUBT_MESSAGE) };
      return footingLost ? { levelOffset: v.levelOffset, proposal: withLevelDoubt(v.proposal, NO_FOOTING_MESSAGE) } : v;
    });
    // A space too tall for one disc between two bodies: a body passed over by the count, the levels beyond it in doubt.
    const checked = withGapDoubts(vertebrae);
    const direction = dot2(chordDir, g.cranial) < 0 ? 'caudal' : 'cranial';
    return ok({
      vertebrae: checked.map((v) => ({ levelOffset: v.levelOffset, proposal: withSamplingReason(g, v.proposal) })),
      direction,
      missingLevelOffsets: bodies.missing,
    });
  };

  const alongAxes = countAlong(hermiteCentreline(firstCentre, orient(first.proposal.frame.cranial), lastCentre, orient(last.proposal.frame.cranial)));
  if (alongAxes.ok && alongAxes.value.missingLevelOffsets.length === 0 && !offTheColumn(alongAxes.value.vertebrae, g)) return alongAxes;
  // Where the count along the end bodies' axes missed a body or its bodies leave the column (offTheColumn), the column
  // is walked body by body from both ends and counted again along the curve through the bodies walked; the count with
  // fewer bodies missing, then fewer levels in doubt, is taken (the first on a tie). The end bodies' axes are the
  // column's course where it is near straight or evenly curved; in a marked lordosis L5's (or S1's) axis points 25–70°
  // off the line to the body above, and the curve bowed behind the lumbar bodies into the canal and the posterior
  // elements (real lumbar MR of VB1: 7 of 11 spines counted wrong, bodies missing or found behind the canal; 2 after).
  // Not where the count only doubts a level: the walk's own count (where its ends met) is judged alone, never against
  // a better-scoring count, so it doubts less by construction; on VerSe's crushed L1 it read the body as two on either
  // side of its cleft, unflagged.
  const walked = walkColumn({
    g,
    propose,
    took: (body, readFrom) => readings.set(body, { ...readFrom, clicked: false }),
    ends: [
      { centre: firstCentre, reading: first.proposal, body: firstProposal, along: orient(first.proposal.frame.cranial) },
      { centre: lastCentre, reading: last.proposal, body: lastProposal, along: negate2(orient(last.proposal.frame.cranial)) },
    ],
  });
  const through = walked ? centrelineThrough(walked.bodies.map((b) => b.centre)) : null;
  const cores = walked ? walked.bodies.slice(1, -1) : [];
  const alongBodies = through && walked ? countAlong(through, { cores, met: walked.met }) : null;
  return alongBodies && countFaults(alongBodies) < countFaults(alongAxes) ? alongBodies : alongAxes;
}

/** The walk along the column as the count takes it: the bodies between the ends, and whether the two ends met. */
interface Walk {
  readonly cores: readonly WalkedBody[];
  readonly met: boolean;
}

/** How much a count leaves undone, for choosing between two: failing outright, then bodies missing, then levels in doubt. */
function countFaults(result: AnalysisResult<SpineProposal>): number {
  if (!result.ok) return Infinity;
  const doubts = result.value.vertebrae.filter((v) => v.proposal.reasons.some((r) => r.code === 'LEVEL_UNCERTAIN')).length;
  return result.value.missingLevelOffsets.length * (MAX_BODIES + 1) + doubts;
}

/**
 * Which levels of a count are in doubt beyond those flagged one by one: `lastInDoubt` when LAST_LEVEL_DOUBTS or more
 * levels are doubtful or missing (the last click's level is counted past them all), and `pastDoubt`, the level past
 * which every level is in doubt (Infinity: none). Every level counted past a body the count expected and did not find,
 * or found filling less than half a space that could hold two (over TWO_BODIES_SHARE times the count's median space,
 * `spaces` in samples between its discs), is in doubt: the first may be no body at all (a count one too many there, and
 * a stretch beyond it two bodies counted as one), the second two bodies counted as one, so the levels past either may
 * each be one off. On a real contrast chest CT a count one short, its body at T5 missing, put T8 to T11 a level off with
 * nothing said (T3 to T12 from end clicks one voxel off), and from T4 to T9 one body in the 38 mm space of T7 and T8
 * (the count's other spaces 19–24 mm) put the last click's T9 at T8. A body underfilling a space like the others is
 * read short, not a level passed over (the sweep's T1 MR rows: the levels past it right). Where the last level is in
 * doubt, so is every level past the first doubt: the count may be off at any doubtful level, and the levels between
 * stand on it as the last does (the chest CT read with its merged posterior plates left out over the body's depth:
 * a count of 12 for 10 bodies, its doubts at the first four levels and the last two, the six between two levels off
 * with nothing said of their level).
 */
export function levelsInDoubt(count: {
  readonly doubtful: ReadonlySet<number>;
  readonly missing: readonly number[];
  readonly underfilled: readonly number[];
  readonly spaces: readonly number[];
}): { lastInDoubt: boolean; pastDoubt: number } {
  const { doubtful, missing, underfilled, spaces } = count;
  const lastInDoubt = new Set([...doubtful, ...missing]).size >= LAST_LEVEL_DOUBTS;
  const twoBodiesLong = spaces.length > 1 ? TWO_BODIES_SHARE * median(spaces) : Infinity;
  const twoBodiesSpace = (offset: number): boolean => (spaces[offset - 1] ?? 0) > twoBodiesLong;
  const firstDoubt = lastInDoubt ? Math.min(...doubtful, ...missing) : Infinity;
  return { lastInDoubt, pastDoubt: Math.min(firstDoubt, ...missing, ...underfilled.filter(twoBodiesSpace)) };
}

/** How a body of the spine was read: its seed on the spine's plane, the axis it started from, whether a click, its outline. */
interface Reading {
  readonly seed: Vec2;
  readonly initialCranial?: Vec2;
  readonly clicked: boolean;
  readonly frame: BodyFrame;
}

/** How far a second reading of a body read far too deep may reach into a neighbour and still be taken (flagged), mm: a thin disc (OVERLAP_TOLERANCE_MM's). */
const REACH_ACROSS_MM = 3;

const CROSSED_REASON: ConfidenceReason = {
  code: 'CROSSED_NEIGHBOUR',
  message:
    'This body and its neighbour were read reaching across the disc between them (their facing endplates cross): one of the two endplates is misplaced. Check both bodies.',
};

/**
 * The spine's bodies with no two neighbours crossed (facingGapMm below −CROSSED_TOLERANCE_MM). Two bodies cannot share
 * bone: where neighbours cross, one of them was drawn with an endplate on the other's plate beyond the disc (on the
 * real VerSe CT, T11's top on T10's bottom across the thin T10/T11 disc from 4 of 49 pairs of end clicks, T11 then
 * 4–6 mm tall and T10 graded moderate against it). Each of the two is read again as the next outline around its own
 * seed (`readAvoiding`); a reading that crosses neither of its neighbours replaces it, the more confident if both do,
 * keeping the doubts of the reading it replaces (a flagged body stays flagged). Where neither does, both are flagged
 * CROSSED_NEIGHBOUR.
 */
function uncrossed(spine: readonly SpineVertebra[], readAvoiding: (p: VertebraProposal) => VertebraProposal | null): SpineVertebra[] {
  const out = [...spine];
  for (let i = 0; i + 1 < out.length; i += 1) {
    const [upper, lower] = [out[i]!, out[i + 1]!];
    if (lower.levelOffset - upper.levelOffset !== 1 || facingGapMm(upper.proposal, lower.proposal) >= -CROSSED_TOLERANCE_MM) continue;
    mendPair(out, i, CROSSED_REASON, (j) => {
      const again = readAvoiding(out[j]!.proposal);
      return again && neighboursOf(out, j).every((n) => facingGapMm(again, n) >= -CROSSED_TOLERANCE_MM) ? [again] : [];
    });
  }
  return out;
}

/**
 * Mends a fault between the neighbours `i` and `i + 1` of `spine` (in place): of the second readings `readingsOf(j)`
 * gives for each of the two, the most confident (the first of equals) replaces its body, keeping the doubts of the
 * reading it replaces (a flagged body stays flagged); where neither has one, both bodies are flagged `reason`.
 */
function mendPair(spine: SpineVertebra[], i: number, reason: ConfidenceReason, readingsOf: (j: number) => readonly VertebraProposal[]): void {
  let best: { readonly index: number; readonly proposal: VertebraProposal } | null = null;
  for (const j of [i, i + 1]) {
    const again = mostConfident(readingsOf(j));
    if (again && (!best || again.confidence > best.proposal.confidence)) best = { index: j, proposal: again };
  }
  if (best) {
    spine[best.index] = { levelOffset: spine[best.index]!.levelOffset, proposal: withDoubtsOf(best.proposal, spine[best.index]!.proposal) };
    return;
  }
  for (const j of [i, i + 1]) spine[j] = { levelOffset: spine[j]!.levelOffset, proposal: withReason(spine[j]!.proposal, reason) };
}

/**
 * How much shallower front to back than the shallower of its two neighbours a body of the spine may be read, as a share
 * of that neighbour's depth. A compression fracture takes a body's height, not its depth (a wedge keeps or widens it),
 * and neighbouring bodies differ in depth by a few millimetres (on the real VerSe CT the largest step, T12 → L1, is
 * 30.3 → 35.8 mm in the expert mask). Over 49 pairs of end clicks ±1.5 mm on that CT, the bodies between the ends read
 * right lay at 0.96–1.91 of their shallower neighbour's depth; those whose posterior wall and an endplate stood inside
 * the bone (the basivertebral canal, a sclerotic band) at 0.62–0.71 (T11 from 2 pairs, Hp 10 mm short and graded
 * moderate; the fractured L1 from 4). The shallower neighbour, and never an end body with one neighbour only: on the
 * sweep's low-dose osteoporotic CT a right T10 read 0.75 of its one neighbour, itself misread 7 mm too deep. Design
 * decision of this project (issue 12).
 */
const MIN_DEPTH_SHARE = 0.8;

/**
 * How much deeper front to back than the deeper of its two neighbours a body of the spine may be read, as a share of
 * that neighbour's depth. Neighbours differ by a few millimetres (VerSe's largest step 1.18, above), an anterior spur
 * adds 3–6 mm to a 22–45 mm body and a burst fracture's retropulsed fragment a few more; a reading half as deep again
 * has taken in something beyond the body. On a real chest CT (1.5 mm voxels) T5 between T4 and T6 (20–23 mm deep) was
 * read as a box tilted across its own front and T4's pedicle, 43 mm deep (T3→T12 from end clicks 1.5 mm in front of and
 * above the centres), while a click midway between its neighbours reads it whole. Design decision of this project
 * (issue 12).
 */
const MAX_DEPTH_SHARE = 1.5;

const SHALLOW_REASON: ConfidenceReason = {
  code: 'IMPLAUSIBLE_SIZE',
  message:
    'This body reads far shallower front to back than its neighbours (a fracture takes height, not depth): its walls or an endplate may stand inside the bone. Check every point.',
};

const DEEP_REASON: ConfidenceReason = {
  code: 'IMPLAUSIBLE_SIZE',
  message:
    'This body reads far deeper front to back than its neighbours: its outline may take in bone beyond the body (a pedicle, a neighbour). Check every point.',
};

/**
 * The spine with every body between two neighbours that reads shallower than MIN_DEPTH_SHARE of the shallower one, or
 * deeper than MAX_DEPTH_SHARE of the deeper one, read again: as the next outline around its own seed (`readAvoiding`),
 * and as a click midway between the neighbours' facing mid-depth endplate points would read it (`readAt`: the body lies
 * between its neighbours, whatever outline was read). Of the readings of a depth within those bounds, of plausible
 * heights and crossing neither neighbour, the more confident replaces it with the doubts of both (a flagged body stays
 * flagged); where neither is, the body is flagged IMPLAUSIBLE_SIZE.
 */
export function depthLikeNeighbours(
  spine: readonly SpineVertebra[],
  readAvoiding: (p: VertebraProposal) => VertebraProposal | null,
  readAt: (pointMm: Vec3) => VertebraProposal | null,
): SpineVertebra[] {
  const out = [...spine];
  for (let i = 0; i < out.length; i += 1) {
    const body = out[i]!.proposal;
    const neighbours = neighboursOf(out, i);
    if (neighbours.length < 2) continue;
    const { minMm, maxMm } = depthBoundsOf(neighbours);
    if (body.depthMm >= minMm && body.depthMm <= maxMm) continue;
    const readings = rereadings(body, neighbours, readAvoiding, readAt);
    const best = mostConfident(fitting(readings, neighbours, CROSSED_TOLERANCE_MM));
    if (best) {
      out[i] = { levelOffset: out[i]!.levelOffset, proposal: withDoubtsOf(best, body) };
      continue;
    }
    // A body read far too deep has taken in bone beyond it; a reading of its neighbours' depth that reaches into a
    // neighbour by no more than a thin disc is nearer the body (the neighbour may be the one misread: on the chest CT
    // the midway click read T5 whole, 22 mm deep, crossing T4, itself read tilted, by 2 mm), and is taken, flagged.
    const reaching = body.depthMm > maxMm ? mostConfident(fitting(readings, neighbours, REACH_ACROSS_MM)) : undefined;
    out[i] = {
      levelOffset: out[i]!.levelOffset,
      proposal: reaching ? withReason(withDoubtsOf(reaching, body), CROSSED_REASON) : withReason(body, body.depthMm < minMm ? SHALLOW_REASON : DEEP_REASON),
    };
  }
  return out;
}

/** The depths a body between two neighbours may be read at (MIN_DEPTH_SHARE, MAX_DEPTH_SHARE), mm. */
function depthBoundsOf(neighbours: readonly VertebraProposal[]): { readonly minMm: number; readonly maxMm: number } {
  const depths = neighbours.map((n) => n.depthMm);
  return { minMm: MIN_DEPTH_SHARE * Math.min(...depths), maxMm: MAX_DEPTH_SHARE * Math.max(...depths) };
}

/** The bodies of `spine` one level from its `i`th, before and after it. */
function neighboursOf(spine: readonly SpineVertebra[], i: number): VertebraProposal[] {
  return [spine[i - 1], spine[i + 1]].flatMap((n) => (n && Math.abs(n.levelOffset - spine[i]!.levelOffset) === 1 ? [n.proposal] : []));
}

/**
 * `body` read again: its next outline around its own seed and, with a neighbour on either side, a click midway between
 * their facing mid-depth endplate points.
 */
function rereadings(
  body: VertebraProposal,
  neighbours: readonly VertebraProposal[],
  readAvoiding: (p: VertebraProposal) => VertebraProposal | null,
  readAt: (pointMm: Vec3) => VertebraProposal | null,
): VertebraProposal[] {
  const between = neighbours.length === 2 ? readAt(midpoint3(facingMiddlePoint(neighbours[0]!, body), facingMiddlePoint(neighbours[1]!, body))) : null;
  return [readAvoiding(body), between].filter((again): again is VertebraProposal => again !== null);
}

/**
 * Of `readings`, those of plausible heights, with two neighbours of a depth within depthBoundsOf theirs, crossing no
 * neighbour by more than `crossingMm`.
 */
function fitting(readings: readonly VertebraProposal[], neighbours: readonly VertebraProposal[], crossingMm: number): VertebraProposal[] {
  const { minMm, maxMm } = neighbours.length === 2 ? depthBoundsOf(neighbours) : { minMm: 0, maxMm: Infinity };
  return readings.filter(
    (again) => plausible(again) && again.depthMm >= minMm && again.depthMm <= maxMm && neighbours.every((n) => facingGapMm(again, n) >= -crossingMm),
  );
}

/** The most confident of `readings` (the first of equals), or undefined when there is none. */
function mostConfident(readings: readonly VertebraProposal[]): VertebraProposal | undefined {
  return readings.reduce<VertebraProposal | undefined>((best, r) => (!best || r.confidence > best.confidence ? r : best), undefined);
}

/**
 * How much taller than the spaces beside it the space between two neighbours' posterior corners may be: at most this many
 * times the taller of the neighbouring spaces, and this many millimetres more. Behind the body the disc is thin and
 * changes slowly down the spine, and a fracture does not open it (the posterior wall keeps its height in wedge and
 * biconcave fractures, and where a body is crushed its endplates stay on their discs); a posterior corner far from
 * its neighbour's was read inside the bone. On the real VerSe CT, over 49 pairs of end clicks ±1.5 mm, the posterior
 * spaces between bodies read right were 1.4–5.4 mm; below the crushed L1 read with only its upper part (Hp 8–13 mm
 * short, from 27 of the pairs) 9.7–12.9 mm beside spaces of 1.7–4.4 mm. Design decision of this project (issue 12).
 */
const MAX_POSTERIOR_GAP_RATIO = 2;
const MAX_POSTERIOR_GAP_EXCESS_MM = 4;

const POSTERIOR_GAP_REASON: ConfidenceReason = {
  code: 'IMPLAUSIBLE_SIZE',
  message:
    'Behind this body the space to its neighbour is far taller than the discs beside it (a fracture does not open it): one of the two may have been read short of its endplate. Check both bodies.',
};

/**
 * The spine with no space between two neighbours' posterior corners far taller than the spaces beside it
 * (MAX_POSTERIOR_GAP_RATIO, MAX_POSTERIOR_GAP_EXCESS_MM). Where one is, each of the two bodies is read again as
 * depthLikeNeighbours reads a body (its next outline; a click midway between its neighbours when it has two); of the
 * readings of plausible heights, of a depth like its neighbours' (MIN_DEPTH_SHARE, MAX_DEPTH_SHARE), crossing neither
 * and leaving no such space beside it, the most confident replaces its body with the doubts of both; where there is
 * none, both bodies are flagged.
 */
export function posteriorGapsClosed(
  spine: readonly SpineVertebra[],
  readAvoiding: (p: VertebraProposal) => VertebraProposal | null,
  readAt: (pointMm: Vec3) => VertebraProposal | null,
): SpineVertebra[] {
  const out = [...spine];
  const gapBelow = (i: number): number | null => {
    const [upper, lower] = [out[i], out[i + 1]];
    return upper && lower && lower.levelOffset - upper.levelOffset === 1 ? facingGapsMm(upper.proposal, lower.proposal).posteriorMm : null;
  };
  for (let i = 0; i + 1 < out.length; i += 1) {
    const gap = gapBelow(i);
    const beside = [gapBelow(i - 1), gapBelow(i + 1)].filter((g): g is number => g !== null);
    if (gap === null || beside.length === 0) continue;
    const widest = Math.max(...beside);
    const limitMm = Math.max(MAX_POSTERIOR_GAP_RATIO * widest, widest + MAX_POSTERIOR_GAP_EXCESS_MM);
    if (gap <= limitMm) continue;
    mendPair(out, i, POSTERIOR_GAP_REASON, (j) => {
      const neighbours = neighboursOf(out, j);
      return fitting(rereadings(out[j]!.proposal, neighbours, readAvoiding, readAt), neighbours, CROSSED_TOLERANCE_MM).filter((again) =>
        neighbours.every((n) => facingGapsMm(again, n).posteriorMm <= limitMm),
      );
    });
  }
  return out;
}

/** The mid-depth endplate point of `neighbour` that faces `body` (its inferior one when it lies above along their axes). */
function facingMiddlePoint(neighbour: VertebraProposal, body: VertebraProposal): Vec3 {
  const axis: Vec3 = [neighbour.cranialAxis[0] + body.cranialAxis[0], neighbour.cranialAxis[1] + body.cranialAxis[1], neighbour.cranialAxis[2] + body.cranialAxis[2]];
  return dot3(subtract3(neighbour.centreMm, body.centreMm), axis) >= 0 ? neighbour.points.middleInferior : neighbour.points.middleSuperior;
}

function midpoint3(p: Vec3, q: Vec3): Vec3 {
  return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2];
}

/**
 * The least facing gap (facingGapMm) between two neighbours, as a share of the taller of their middle heights, beyond
 * which a body was passed over between them. A disc is a fifth to a half of a body's height (adult thoraco-lumbar
 * discs; a young lumbar disc reaches about half at mid-depth, less at its least line). The taller neighbour, not their
 * mean: a crushed or misread body beside a disc makes the mean small (the MR phantom's L1 under a 12 mm oedema band,
 * read 11.7 / 14.0 / 16.9 mm beside L2's 25.5: a disc and part of L1 between them, 0.75 of the mean, 0.58 of the
 * taller). Right counts leave at most 0.29 on the real VerSe CT (49 pairs of end clicks) and the real chest CT (35),
 * 0.52 on real lumbar MR (VB2), 0.68 on VB1's exam 08 (bodies 10–20 mm off their levels). A body passed over leaves its
 * own height and a second disc, or less where its neighbours are read reaching into it: 0.64 on the chest CT's T3→T12
 * count one short, which 0.8 of the mean (the bound until 7 December 2026) let pass with nothing said. Design decision
 * of this project (issue 12).
 */
const MAX_DISC_SHARE = 0.6;

/** Whether two neighbours' facing endplates lie further apart than one disc can (MAX_DISC_SHARE of the taller body). */
function tooFarApart(p: VertebraProposal, q: VertebraProposal): boolean {
  return facingGapMm(p, q) > MAX_DISC_SHARE * Math.max(p.heightsMm.middleMm, q.heightsMm.middleMm);
}

const GAP_MESSAGE =
  'Between this body and its neighbour towards the first click lies a space too tall for one disc: the count may have passed over a body there, and then this level is one off. Check the count.';

/**
 * The spine with every body beyond a space too tall for one disc (MAX_DISC_SHARE; counted from the first click) and the
 * body before it flagged LEVEL_UNCERTAIN: the disc count took a body and two discs for one disc there, and every level
 * beyond it is one too few (on the real VerSe CT, before the count's bodies were read again where they overlapped or
 * were not found, from 4 of 74 pairs of end clicks within 1.5 mm of the centres; none since). Flagged, not repaired:
 * which of the bodies around such a space is misread is not known.
 */
export function withGapDoubts(spine: readonly SpineVertebra[]): SpineVertebra[] {
  const gapAfter = spine.findIndex((v, i) => {
    const next = spine[i + 1];
    return next !== undefined && next.levelOffset - v.levelOffset === 1 && tooFarApart(v.proposal, next.proposal);
  });
  if (gapAfter < 0) return [...spine];
  return spine.map((v, i) => (i >= gapAfter ? { levelOffset: v.levelOffset, proposal: withLevelDoubt(v.proposal, GAP_MESSAGE) } : v));
}

/**
 * Whether `again`, a second reading from around `proposal`'s body, found that body (its centre within a third of the
 * first's middle height) at a plausible size.
 */
function sameBodyAgain(again: VertebraProposal, proposal: VertebraProposal): boolean {
  return distance3(again.centreMm, proposal.centreMm) <= proposal.heightsMm.middleMm / 3 && plausible(again);
}

/** `reading` (a second reading of a body) with the doubts of `replaced` (the reading it replaces) before its own, each once. */
function withDoubtsOf(reading: VertebraProposal, replaced: VertebraProposal): VertebraProposal {
  const reasons = [...replaced.reasons, ...reading.reasons.filter((r) => !replaced.reasons.some((o) => o.code === r.code))];
  return { ...reading, reasons, confidence: confidenceOf(reasons) };
}

/** The proposal with `reason` added (once) and its confidence lowered accordingly. */
function withReason(proposal: VertebraProposal, reason: ConfidenceReason): VertebraProposal {
  if (proposal.reasons.some((r) => r.code === reason.code)) return proposal;
  const reasons = [...proposal.reasons, reason];
  return { ...proposal, reasons, confidence: confidenceOf(reasons) };
}

/** The bodies proposed between the discs of one count, by level offset. */
interface Bodies {
  readonly between: readonly SpineVertebra[];
  /** No plausible proposal between these discs. */
  readonly missing: readonly number[];
  /**
   * A doubtful proposal between discs whose middle half is disc-like (its median evidence at or above the half-maximum
   * between bodies, 0, and discs, 1) while most such stretches are not: a disc and a disc-like band taken for a body.
   */
  readonly notBodies: readonly number[];
  /** A proposal that fills less than MIN_FILL_SHARE of the space between its discs: another body's part, or a band's. */
  readonly underfilled: readonly number[];
}

/** The disc counts tried between two end discs, best-scoring first, the one taken, and its judgement. */
interface Counted {
  readonly candidates: readonly { readonly discs: readonly number[]; readonly score: number }[];
  readonly placed: { readonly discs: readonly number[]; readonly score: number };
  readonly judged: Judged;
}

/**
 * One disc count judged: its bodies, the level offsets at which they are unsound (ascending), and of those the ones
 * unsound only as two bodies reaching into each other across the disc between them (`reachedAcross`: overlapping, not
 * one body found twice), whose outlines are in doubt more than the count.
 */
interface Judged {
  readonly bodies: Bodies;
  readonly faults: readonly number[];
  readonly reachedAcross: readonly number[];
}

/** What judging one disc count needs. */
interface CountToJudge {
  /** The count's discs, station indices along the centreline (first and last included). */
  readonly discs: readonly number[];
  /** Disc evidence per station (bodies 0, discs 1). */
  readonly evidence: Float64Array;
  /** The end bodies (level offsets 0 and discs.length). */
  readonly first: VertebraProposal;
  readonly last: VertebraProposal;
  /** The plausible body proposed from a seed at a station, or null (none, or an implausible one). */
  readonly bodyAt: (station: number) => VertebraProposal | null;
  /** The same body read again as the next outline around its seed, or null (see readAvoiding in detectSpine). */
  readonly readAgain: (proposal: VertebraProposal) => VertebraProposal | null;
  /** The centreline station nearest a point (patient mm). */
  readonly stationOf: (pointMm: Vec3) => number;
}

/** One disc count being judged body by body. */
interface CountJudging {
  /** Faults found so far: they only accumulate as bodies are judged. */
  readonly faultCount: () => number;
  /** Whether every body of the count has been judged. */
  readonly complete: () => boolean;
  /** Judges the next body from the first click's end (proposing it), or, after the last, its overlap with the last click's body. */
  readonly judgeNext: () => void;
  /** The count judged (once complete). */
  readonly judged: () => Judged;
}

/**
 * Judges the bodies between the discs of one count, one per judgeNext: each expected body with no plausible proposal
 * (from the middle between its discs or a quarter of the span either side) or taken from a disc-like stretch is a
 * fault, and both members of every pair of neighbours that overlap (their centres nearer than the mean of their middle
 * heights less OVERLAP_TOLERANCE_MM, where two bodies with a disc between them are at least that mean apart) and that no
 * second reading of either separates, or that lie further apart than one disc can (tooFarApart: a body passed over
 * between them; a second reading that separates two overlapping bodies otherwise made a count one short sound on the
 * sweep's 3 mm osteoporotic CT).
 */
function judgingOf({ discs, evidence, first, last, bodyAt, readAgain, stationOf }: CountToJudge): CountJudging {
  const cores: number[] = [];
  for (let k = 0; k + 1 < discs.length; k += 1) cores.push(coreEvidence(evidence, discs[k]!, discs[k + 1]!));
  // Only where the profile tells bodies from discs (most stretches between discs are body-like) does a disc-like one
  // say something; on a profile where the bodies' own cores read as disc-like (a CT whose marrow is as dense as the
  // thin discs' partial volume) it says nothing.
  const discLikeSays = cores.length > 0 && median(cores) < HALF_DISC_EVIDENCE;
  const between: SpineVertebra[] = [];
  const missing: number[] = [];
  const notBodies: number[] = [];
  const underfilled: number[] = [];
  const faults = new Set<number>();
  const reachedAcross = new Set<number>();
  const otherFaults = new Set<number>();
  const fault = (across: boolean, ...offsets: number[]) => {
    for (const offset of offsets) {
      faults.add(offset);
      (across ? reachedAcross : otherFaults).add(offset);
    }
  };
  // The body between two discs: proposed from the station midway between them, else from a quarter of the span either
  // side of it, a body found from there taken when its centre lies between the two discs. A seed midway can fall
  // where no outline is found (on the real VerSe CT T11's basivertebral canal, L1's crushed middle), and the count
  // then lost its body there to the count one short.
  const bodyBetween = (from: number, to: number): VertebraProposal | null => {
    const middle = Math.round((from + to) / 2);
    const atMiddle = bodyAt(middle);
    if (atMiddle) return atMiddle;
    const quarter = Math.round((to - from) / 4);
    if (quarter <= 0) return null;
    const atQuarter = (station: number): VertebraProposal | null => {
      const body = bodyAt(station);
      const at = body ? stationOf(body.centreMm) : -1;
      return body && at > from && at < to ? body : null;
    };
    // The first quarter seed's body is taken, unless it is not even half as confident as "check" asks and the second
    // seed's body would pass unflagged as a body (identityConfidence: a pit it is flagged for doubts its points, not
    // that it is a body): the first seed can lie in a pit of the endplate (a Schmorl node) or the disc
    // beside it and read the disc as a body (the sweep's T1 with a node under T12's superior endplate: a box over the
    // disc, confidence 0.09, while T12 lay at the second seed, confidence 1). Anything wider changed which disc count
    // was taken where a band of oedema looks like a disc (the phantom's T2 with oedema 12 mm under L1's endplate).
    const first = atQuarter(middle - quarter);
    if (first && first.confidence >= CHECK_BELOW_CONFIDENCE / 2) return first;
    const second = atQuarter(middle + quarter);
    return second && (!first || identityConfidence(second) >= CHECK_BELOW_CONFIDENCE) ? second : first;
  };
  let previous: SpineVertebra = { levelOffset: 0, proposal: first };
  let beforePrevious: SpineVertebra | null = null;
  /** Bodies judged so far; the last step (k = discs.length − 1) compares the last found body with the last click's. */
  let k = 0;
  // `next` judged against the body before it; the body kept for `next` is returned. Two neighbours that overlap are
  // first read again, each as the next outline around its seed (never the clicked end bodies, which the count stands
  // on): a reading that overlaps neither of its neighbours replaces it (the more confident if both do), and only where
  // none does are both a fault. A body drawn across a thin disc onto its neighbour's plate (the real VerSe CT's T11 and
  // T12, 4–6 mm tall) otherwise cost the right count, and a count one short was taken with a body straddling a disc.
  // The reading taken here stands on its own doubts (the one it replaces overlapped a neighbour: it was wrong); the
  // spine's bodies read again after the count (readAgainFromItsCentre, uncrossed) keep the doubts of both readings.
  const overlapWith = (next: SpineVertebra, nextIsEnd: boolean): SpineVertebra => {
    let kept = next;
    if (overlap(previous.proposal, next.proposal)) {
      const nextAgain = nextIsEnd ? null : readAgain(next.proposal);
      const previousAgain = previous.levelOffset === 0 ? null : readAgain(previous.proposal);
      const nextFits = nextAgain !== null && !overlap(previous.proposal, nextAgain);
      const previousFits =
        previousAgain !== null && !overlap(previousAgain, next.proposal) && (beforePrevious === null || !overlap(beforePrevious.proposal, previousAgain));
      if (nextAgain && nextFits && (!previousAgain || !previousFits || nextAgain.confidence >= previousAgain.confidence)) {
        kept = { levelOffset: next.levelOffset, proposal: nextAgain };
      } else if (previousAgain && previousFits) {
        const replaced: SpineVertebra = { levelOffset: previous.levelOffset, proposal: previousAgain };
        between[between.indexOf(previous)] = replaced;
        previous = replaced;
      } else {
        fault(!foundTwice(previous.proposal, next.proposal), previous.levelOffset, next.levelOffset);
      }
    }
    if (kept.levelOffset - previous.levelOffset === 1 && tooFarApart(previous.proposal, kept.proposal)) fault(false, previous.levelOffset, kept.levelOffset);
    beforePrevious = previous;
    previous = kept;
    return kept;
  };
  const complete = () => k >= discs.length;
  return {
    faultCount: () => faults.size,
    complete,
    judgeNext: () => {
      if (complete()) return;
      if (k + 1 === discs.length) {
        overlapWith({ levelOffset: discs.length, proposal: last }, true);
        k += 1;
        return;
      }
      const found = bodyBetween(discs[k]!, discs[k + 1]!);
      if (!found) {
        missing.push(k + 1);
        fault(false, k + 1);
      } else {
        const body = overlapWith({ levelOffset: k + 1, proposal: found }, false);
        between.push(body);
        const { proposal } = body;
        const spanMm = (discs[k + 1]! - discs[k]!) * CENTRELINE_STEP_MM;
        if (proposal.heightsMm.middleMm < MIN_FILL_SHARE * spanMm) underfilled.push(k + 1);
        if (discLikeSays && identityConfidence(proposal) < CHECK_BELOW_CONFIDENCE && cores[k]! >= HALF_DISC_EVIDENCE) {
          notBodies.push(k + 1);
          fault(false, k + 1);
        }
      }
      k += 1;
    },
    judged: () => ({
      bodies: { between, missing, notBodies, underfilled },
      faults: [...faults].sort((x, y) => x - y),
      reachedAcross: [...reachedAcross].filter((offset) => !otherFaults.has(offset)),
    }),
  };
}

/** What a station's disc evidence is read from (see discDepartureOf). */
interface DepartureInputs {
  /** Mean value across the centreline per station. */
  readonly profile: Float64Array;
  /** Arc length of each station from the first body's centre, mm, and of the last body's centre. */
  readonly stations: readonly Station[];
  readonly totalMm: number;
  /** The first and the last body's marrow levels, image units. */
  readonly firstLevel: number;
  readonly lastLevel: number;
  /** Stations just beyond the end bodies' endplates facing each other: in the first and the last disc. */
  readonly endDiscs: readonly number[];
  /** Whether the image is MR (its header says so, or the first body was read with a dark shell). */
  readonly magneticResonance: boolean;
  /** The body-plus-disc period expected at a station, stations. */
  readonly periodStations: (i: number) => number;
}

/**
 * On CT with thin discs (both end discs THIN_DISC_MM or less) darker than the marrow, the disc evidence of a dip with no
 * endplate on either side within
 * PLATED_DIP_REACH_SHARE of a period is taken as a body's (at most 0): a disc lies between two endplates, each brighter
 * than the marrow around them (PLATE_DEPARTURE_SHARE of the discs' own departure below it), while a dark spot in the
 * marrow between them is none. On a real contrast chest CT (1.5 mm voxels, the curve 4–6 mm behind the bodies' centres
 * in the kyphosis) the basivertebral veins, entering each body's posterior wall at mid-height, left dips as deep as the
 * thin discs' there (T7: 112 against the marrow's 150, T9: 106), and a count one level too many put T9, T10 and T11 one
 * level down from 4 of 9 pairs of end clicks T5→T11; the discs themselves, one voxel of disc between two bright plates,
 * barely dip at all. Where the discs are tall (lumbar, 8–12 mm) they dip far below any vein, and the rule is not needed:
 * on the real VerSe CT it moved T11's seed onto its basivertebral canal (Hp 5 mm short, graded 1 against 0).
 */
function withoutUnplatedDips(evidence: Float64Array, departure: (i: number) => number, discContrast: number, periodStations: (i: number) => number): void {
  const n = evidence.length;
  const plate = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const d = departure(i);
    plate[i] = Number.isFinite(d) && d >= PLATE_DEPARTURE_SHARE * discContrast ? 1 : 0;
  }
  const plated = (i: number, step: 1 | -1, reach: number): boolean => {
    for (let k = 1; k <= reach; k += 1) {
      const j = i + step * k;
      if (j < 0 || j >= n) return true;
      if (plate[j]) return true;
    }
    return false;
  };
  for (let i = 0; i < n; i += 1) {
    if (!(evidence[i]! > 0)) continue;
    const reach = Math.max(1, Math.round(PLATED_DIP_REACH_SHARE * periodStations(i)));
    if (!plated(i, 1, reach) || !plated(i, -1, reach)) evidence[i] = 0;
  }
}
/**
 * How far either side of a dip its endplates are looked for, as a share of the body-plus-disc period (0–1): half of the
 * tallest disc (a lumbar disc is up to about a third of the period) and its plate; a body's middle lies half a period
 * from either disc. Design decision of this project (issue 12).
 */
const PLATED_DIP_REACH_SHARE = 0.25;
/** An endplate on the profile departs above the marrow by at least this share (0–1) of the discs' departure below it. */
const PLATE_DEPARTURE_SHARE = 0.5;

/**
 * The median of the profile over one body-plus-disc period centred on each station (NaN samples left out): the marrow's
 * level there, since a body fills most of a period (a disc a fifth to a third of it, see MIN_FILL_SHARE).
 */
function runningMedian(profile: Float64Array, periodStations: (i: number) => number): Float64Array {
  const out = new Float64Array(profile.length);
  for (let i = 0; i < profile.length; i += 1) {
    const half = Math.max(1, Math.round(periodStations(i) / 2));
    const window: number[] = [];
    for (let j = Math.max(0, i - half); j <= Math.min(profile.length - 1, i + half); j += 1) if (Number.isFinite(profile[j]!)) window.push(profile[j]!);
    out[i] = window.length > 0 ? median(window) : Number.NaN;
  }
  return out;
}

/**
 * A station's disc evidence before scaling, image units (NaN off the image): on CT, and on MR whose end discs are both
 * darker than the marrow, its value less the end bodies' mean marrow level; on MR with an end disc brighter than the
 * marrow, its distance either way from the marrow's level there (linear between the end bodies' levels).
 *
 * A disc is where two endplates face each other. On CT the cortex either side is brighter than the marrow and every
 * disc darker, healthy, desiccated or holding gas. On MR the cortex gives no signal on any sequence while the disc
 * between is bright or dark by its water: on T2 and STIR a healthy nucleus is brighter than the marrow and a desiccated
 * disc (Pfirrmann grade IV–V; Pfirrmann CW et al., Spine 2001;26:1873) darker, and one spine holds both in any order,
 * so where the end discs show the bright kind a dark band across the column (cortex, with or without a disc between)
 * is a disc as well: with the signed difference the sweep's T2 with three desiccated discs between two healthy end
 * discs read the three as bodies and counted one body too few, with full confidence. Where both end discs are darker
 * than the marrow (T1, or a T2 whose end discs are desiccated) a departure upwards is not a disc: a coil's sensitivity
 * brightens the middle bodies of a spine by tens of per cent (the sweep's low-SNR T1 lost 4 of its 6 levels when read
 * either way), as does an oedematous body on T2 or STIR read against a bright disc. The level is interpolated between
 * the end bodies' so that a coil's gradient from one end to the other does not read as a departure either way.
 *
 * On CT the level is the marrow's around each station (runningMedian over one period), not the end bodies' mean: bone
 * density falls down the spine (the real VerSe CT: T10's marrow 249 HU, L3's 112), and against the mean the lower
 * bodies' marrow read as disc-like, so that the right count was refused for "a disc taken for a body" (19 of the 25
 * faults that cost VerSe's count over 49 pairs of end clicks). MR keeps the end bodies' levels: there the running
 * median lost the count on the sweep's low-SNR and thin-shell T1 (two draws each).
 */
function discDepartureOf({ profile, stations, totalMm, firstLevel, lastLevel, endDiscs, magneticResonance, periodStations }: DepartureInputs): (i: number) => number {
  const bodyLevel = (firstLevel + lastLevel) / 2;
  const eitherWay = magneticResonance && endDiscs.some((i) => profile[i]! > bodyLevel);
  if (!eitherWay && !magneticResonance) {
    const local = runningMedian(profile, periodStations);
    return (i) => profile[i]! - local[i]!;
  }
  if (!eitherWay) return (i) => profile[i]! - bodyLevel;
  const [fromLevel, toLevel] = neighbourLevels(profile, endDiscs, periodStations) ?? [firstLevel, lastLevel];
  return (i) => {
    const f = Math.max(0, Math.min(1, stations[i]!.s / Math.max(totalMm, 1e-6)));
    return Math.abs(profile[i]! - (fromLevel + (toLevel - fromLevel) * f));
  };
}

/**
 * The marrow levels of the bodies next to the end bodies, inside the span (image units): the profile's median from a
 * quarter of a period to one period beyond each end disc, towards the other (the disc a fifth to a third of a period,
 * see MIN_FILL_SHARE); null when the span holds no such stretch clear of the other end's (end bodies one or two apart).
 * On MR an end body's own marrow need not be the spine's: a fresh fracture's oedema, bright on T2 and STIR, is the
 * commonest reason to measure a spine and often its first or last click, and read against it a normal body next to it
 * departs from the marrow as a disc does (the sweep's lumbosacral T2, first click on L1's oedematous wedge: L2 and L3
 * flagged LEVEL_UNCERTAIN on every draw).
 */
function neighbourLevels(profile: Float64Array, endDiscs: readonly number[], periodStations: (i: number) => number): readonly [number, number] | null {
  const [a, b] = endDiscs;
  if (a === undefined || b === undefined) return null;
  const fromStretch = [Math.round(a + periodStations(a) / 4), Math.round(a + periodStations(a))] as const;
  const toStretch = [Math.round(b - periodStations(b)), Math.round(b - periodStations(b) / 4)] as const;
  if (fromStretch[1] >= toStretch[0] + periodStations(b) / 2 || toStretch[0] <= fromStretch[0]) return null;
  const levelOver = ([lo, hi]: readonly [number, number]): number => {
    const values: number[] = [];
    for (let j = lo; j <= hi; j += 1) if (Number.isFinite(profile[j]!)) values.push(profile[j]!);
    return values.length > 0 ? median(values) : Number.NaN;
  };
  const levels = [levelOver(fromStretch), levelOver(toStretch)] as const;
  return levels.every(Number.isFinite) ? levels : null;
}

/** The darkest and the brightest departure (discDepartureOf) within END_DISC_WINDOW_MM of `centreMm`, image units. */
function discExtremes(departure: (i: number) => number, stations: readonly Station[], centreMm: number): { readonly darkest: number; readonly brightest: number } {
  let darkest = Infinity;
  let brightest = -Infinity;
  for (let i = nearestStation(stations, centreMm - END_DISC_WINDOW_MM[0]); i <= nearestStation(stations, centreMm + END_DISC_WINDOW_MM[1]); i += 1) {
    const d = departure(i);
    if (!Number.isFinite(d)) continue;
    darkest = Math.min(darkest, d);
    brightest = Math.max(brightest, d);
  }
  return { darkest, brightest };
}

/**
 * The discs' departure from the marrow around them on CT (the scale of the disc evidence), image units, from the two
 * end discs' extremes (discExtremes): the median of their darkest when both stand CLEAR_DISC_NOISE_RATIO times the
 * profile's `noise` below the marrow, else the median of their brightest when both have some, else the median of their
 * darkest when both have some (0 when neither holds: nothing tells a disc there). A disc is darker than the marrow on
 * most CT, and is taken so whenever both ends show it; on an osteoporotic CT whose marrow is as faint as the disc (80
 * HU) the two bright endplates either side of a thin disc, smeared by thick slices, are what departs. Read at one
 * station where each disc was only expected, the departure fell on an endplate's bright edge as often as on the disc
 * (the real VerSe CT: −4 to −88 HU between end clicks 1.5 mm apart, the evidence scaled by it jumping twentyfold, and
 * the six levels counted from 34 of 49 such pairs; 46 now). The last case: on the real chest CT one end disc showed
 * only its bright plates (darkest −22, brightest +96 HU) and the other only its dark disc (−64 HU, nothing above the
 * marrow), and T5→T11 was declined from that pair of end clicks; read dark, every body was put at its level.
 */
export function endDiscContrast(ends: readonly { readonly darkest: number; readonly brightest: number }[], noise: number): number {
  const dark = Math.min(...ends.map((e) => -e.darkest));
  if (dark >= CLEAR_DISC_NOISE_RATIO * noise) return median(ends.map((e) => e.darkest));
  const bright = Math.min(...ends.map((e) => e.brightest));
  if (bright > 0) return median(ends.map((e) => e.brightest));
  return dark > 0 ? median(ends.map((e) => e.darkest)) : 0;
}

/**
 * End discs darker than the marrow around them by this many standard deviations of the profile's noise are read as
 * dark (endDiscContrast): three, so that noise alone (a 0.3 % chance per sample) does not decide. Design decision of
 * this project (issue 12).
 */
const CLEAR_DISC_NOISE_RATIO = 3;

/** How far before and beyond where an end disc is expected its extremes are looked for, mm (discExtremes). */
const END_DISC_WINDOW_MM = [3, 3] as const;

/**
 * The disc whose evidence peaks at station `peak`: the run of stations around it whose evidence is at least half the
 * peak's (the half maximum, the issue's own edge criterion), first and last station; its middle is the disc's. The
 * strongest sample need not be the disc's middle: on MR the dark cortex either side of a disc departs from the marrow
 * more than the disc between (T1, a desiccated T2), and a tall disc (L4/L5 and L5/S1, 10–13 mm in front) read at one of
 * its endplates put the end discs up to a disc's height off their middles, so that two adjacent end bodies found two
 * discs, or none in one period, where they share one, and a count of two bodies between L3 and L5 fell outside the
 * spacing prior (the sweep's lumbosacral T1, README issue 12, fifteenth round). Used only where the count the middles'
 * spacing suggests cannot be placed between the strongest samples: taken everywhere, or wherever the count taken at the
 * strongest samples had an unsound body, it changed which counts the T10–L3 T1 rows judged sound (Modic, a 1 mm shell,
 * low SNR) and put two to three bodies per spine at a wrong level at full confidence.
 */
function discRun(evidence: Float64Array, peak: number): readonly [number, number] {
  const half = evidence[peak]! / 2;
  if (!(half > 0)) return [peak, peak];
  let from = peak;
  let to = peak;
  while (from > 0 && evidence[from - 1]! >= half) from -= 1;
  while (to < evidence.length - 1 && evidence[to + 1]! >= half) to += 1;
  return [from, to];
}

/** Median disc evidence over the middle half of the stretch between two discs (station indices); 0 when empty. */
function coreEvidence(evidence: Float64Array, from: number, to: number): number {
  const quarter = (to - from) / 4;
  const core: number[] = [];
  for (let i = Math.ceil(from + quarter); i <= Math.floor(to - quarter); i += 1) core.push(evidence[i]!);
  return core.length > 0 ? median(core) : 0;
}


/** A body read around a seed, with the view it was read on. */
interface ReadOnView {
  readonly proposal: PlaneProposal;
  readonly view: PlaneView;
}

/**
 * An end body read out of a body's proportions (FOOTING_MAX_EXCESS) or of no plausible size, replaced by the next
 * outline around its click (`nextOutline`, the first avoided) when that one is of plausible size and proportions and
 * holds the first's centre within a third of its middle height; else the first. The count stands on the end bodies
 * (their heights set the spacing prior, their endplates the first and last discs), and one out of proportion leaves
 * every level counted from it in doubt. On the real chest CT T4 clicked 0.5 mm in front of its centre and 0.5 mm above
 * or below it was read with its inferior endplate found over its front fifth only and its line tilted 27° across the
 * body (Hp 11 mm against Ha 20), and every level to T12 was doubted.
 */
function inProportion(
  found: ReadOnView | null,
  nextOutline: (avoid: readonly BodyFrame[]) => ReadOnView | null,
): ReadOnView | null {
  if (!found) return null;
  const sound = (p: PlaneProposal) => plausible(p) && proportionExcess(p) <= FOOTING_MAX_EXCESS;
  if (sound(found.proposal)) return found;
  const again = nextOutline([found.proposal.frame]);
  if (!again || !sound(again.proposal)) return found;
  const centre = (f: ReadOnView) => f.view.toWorld(f.proposal.frame.centre);
  return distance3(centre(again), centre(found)) <= found.proposal.heightsMm.middleMm / 3 ? again : found;
}

/**
 * How far out of a body's proportions (bodyPoints.ts proportionExcess) an end body may be read and the count still
 * stand on it. Upper thoracic bodies are about as deep as tall (depth ÷ height 0.9: excess 0.11) and stand; a real
 * chest CT's T4 clicked on the plane the viewer opened on, 4 mm beside its midline, was read 19 mm deep and 24 mm tall
 * (0.79: excess 0.27) across its inferior disc into T5, and the count from it started at T6: T6 to T12 were labelled a
 * level high, the last click's T12 as T11, with nothing said (on a plane 3 mm beside it, 20 mm deep and 32 mm tall
 * behind: excess 0.6). Design decision of this project (issue 12).
 */
const FOOTING_MAX_EXCESS = 0.2;
const NO_FOOTING_MESSAGE =
  'The first or the last body was not read at a plausible size, and the disc count between them rests on both: this level may be off. Check the count.';
const COUNT_DOUBT_MESSAGE =
  'The disc count at this body is uncertain (a body not found or found twice, or a disc-like band inside it such as fracture oedema): check this level and its neighbours.';
/**
 * Doubtful levels (and bodies missing) in the count taken from which the last click's body, whose level is counted past
 * them all, is in doubt too. One or two are common where the count is right (an oedematous fracture dark on T1 like a
 * disc, a Modic band; the sweep's T1 rows on every draw); three or more came with counts one short around a crushed
 * body on MR, the last body then a level off with nothing said (the journal's nineteenth round), and on none of the
 * sweep's right counts.
 */
const LAST_LEVEL_DOUBTS = 3;
const COUNTED_PAST_DOUBT_MESSAGE =
  'This level is counted past bodies whose levels are uncertain (marked before it): if the count there is off, so is this level. Check the count.';
const UNDERFILLED_MESSAGE =
  'This body fills less than half the space between the discs around it (part of a body, or a band inside one?): check its outline and level.';

/** A proposal's confidence from the reasons that doubt whether it is a body at all (PRECISION_ONLY_REASONS left out). */
function identityConfidence(proposal: VertebraProposal): number {
  return confidenceOf(proposal.reasons.filter((r) => !PRECISION_ONLY_REASONS.has(r.code)));
}

/** The proposal with LEVEL_UNCERTAIN (`message`) added to its reasons (once) and its confidence lowered accordingly. */
function withLevelDoubt(proposal: VertebraProposal, message: string): VertebraProposal {
  return withReason(proposal, { code: 'LEVEL_UNCERTAIN', message });
}



