/**
 * Spines beyond the phantom's T10–L3 (issue 12, fifteenth round), drawn with the generator's own scene (sample-data/,
 * only read; nothing written, the committed phantom unchanged) and rendered like the sweep's other variants
 * (phantomVariants.ts): the lumbosacral junction, L1–L5 above a sacrum, as a lumbar MR or an abdominal CT shows it, and
 * the upper thoracic spine, T4–T9 above the phantom's T10–T12, as a whole-spine CT shows it.
 */
import { levelTruth, stackPoses, type LevelTruth, type Spine } from '../../sample-data/anatomy';
import { frameOf, localToPatient } from '../../sample-data/pose';
import { BASELINE_LEVELS, normalShape, type LevelSpec } from '../../sample-data/spineSpecs';
import { inferiorEndplateVMm, superiorEndplateVMm, type DrawnLevel, type VertebraShape } from '../../sample-data/vertebraShape';
import type { SpinalLevel } from '../../measurement';
import { fineScene, type DiscDegenerations, type FineScene } from './phantomVariants';

/** The phantom's body at `level` (its shape, fractures included: T12 biconcave, L1 wedged). */
function phantomShape(level: DrawnLevel): VertebraShape {
  const spec = BASELINE_LEVELS.find((l) => l.shape.level === level);
  if (!spec) throw new Error(`phantomShape: the phantom has no ${level}`);
  return spec.shape;
}

/**
 * The sacrum's first three segments. S1's superior endplate is 45–50 mm deep (its anterior rim the promontory) and its
 * body ≈ 28 mm tall; S2 and S3 shrink towards the apex (Peretz AM et al., J Anat 1998;192:437; Zhao JX et al., Spine
 * 2016 — S1 endplate depth 46–50 mm in adults). Normal shapes (a flat-topped box with 0.4 mm concave endplates) on
 * purpose: the analysis sees only their outlines.
 */
const S1 = normalShape({ level: 'S1', depthMm: 47, widthMm: 52, posteriorHeightMm: 28, anteriorRatio: 1 });
const S2 = normalShape({ level: 'S2', depthMm: 38, widthMm: 44, posteriorHeightMm: 24, anteriorRatio: 0.95 });
const S3 = normalShape({ level: 'S3', depthMm: 30, widthMm: 36, posteriorHeightMm: 20, anteriorRatio: 0.9 });

/**
 * The lumbosacral spine, T10 to S3: the phantom's bodies T10–L5 and the sacrum, in a lumbar lordosis that ends on a
 * sacral slope of 40° (S1's superior endplate from the horizontal; adults 41 ± 8°, Legaye J et al., Eur Spine J
 * 1998;7:99). Tilts in the phantom's sense (pose.ts: positive leans the cranial axis forward), from S1 up: each body's
 * tilt is its lower neighbour's less the lordotic wedge of the disc between and half of each body's own wedge
 * (L5 is 2.8° taller in front, L1's fracture 14° shorter), with disc wedges L5/S1 10°, L4/L5 12°, L3/L4 10°, L2/L3 8°,
 * L1/L2 5° (segmental lordosis grows down the lumbar spine and L4–S1 carries most of it; Roussouly P et al., Spine
 * 2005;30:346; Damasceno LH et al., Eur Spine J 2006;15:1082) and T12/L1 8° lordotic (the disc above L1's wedge
 * fracture opens in front, as the phantom's does), the thoracolumbar discs 1° kyphotic. L5/S1 is 9 mm at the mid-line,
 * ≈ 13 mm in front and 5 mm behind. The sacral segments lean forward less down the sacrum (its kyphosis); S1–S2 keeps a
 * rudimentary disc 2.5 mm at the mid-line (most adults keep one: its rim fused, its centre a thin desiccated remnant),
 * S2–S3 is fused bone (LUMBOSACRAL_DISCS).
 *
 * The phantom's own T10–L5 tilts (spineSpecs.ts) and the sweep's 'lordosis' shape lean L2–L5 back (tilts falling
 * caudally): a curve concave to the front, which is a kyphosis; a lordosis leans its lower bodies forward.
 */
const LUMBOSACRAL_LEVELS: readonly LevelSpec[] = [
  { shape: phantomShape('T10'), tiltDeg: 5.75, discBelowMm: 6.5 },
  { shape: phantomShape('T11'), tiltDeg: 2.25, discBelowMm: 7 },
  { shape: phantomShape('T12'), tiltDeg: -0.5, discBelowMm: 8 },
  { shape: phantomShape('L1'), tiltDeg: -4.2, discBelowMm: 8 },
  { shape: phantomShape('L2'), tiltDeg: -2.4, discBelowMm: 9 },
  { shape: phantomShape('L3'), tiltDeg: 5.2, discBelowMm: 10 },
  { shape: phantomShape('L4'), tiltDeg: 15.2, discBelowMm: 10 },
  { shape: phantomShape('L5'), tiltDeg: 28.6, discBelowMm: 9 },
  { shape: S1, tiltDeg: 40, discBelowMm: 2.5 },
  { shape: S2, tiltDeg: 37, discBelowMm: 1.5 },
  { shape: S3, tiltDeg: 34, discBelowMm: 10 },
];

/** The sacrum's junctions: S1–S2 fused at its rim (3 mm) around a remnant, S2–S3 fused throughout. */
const SACRAL_FUSION: DiscDegenerations = {
  S1: { vacuum: false, fusedRimMm: 3 },
  S2: { vacuum: false, fusedRimMm: Number.POSITIVE_INFINITY },
};

/**
 * The commonest degenerated discs (Pfirrmann grades IV–V at L4/L5 and L5/S1; Teraguchi M et al., Osteoarthritis
 * Cartilage 2014;22:104): both desiccated and narrowed, L4/L5 10 → 7 mm and L5/S1 9 → 6 mm at the mid-line (≈ 2.5 mm
 * behind, 10 mm in front).
 */
const LUMBOSACRAL_DESICCATED: DiscDegenerations = {
  L4: { heightMm: 7, vacuum: false },
  L5: { heightMm: 6, vacuum: false },
};

/** Which lumbosacral spine: healthy discs, or L4/L5 and L5/S1 desiccated and narrowed. */
export type LumbosacralDiscs = 'healthy' | 'desiccated';

/**
 * How far the lumbosacral spine is moved forward of where stackPoses puts the phantom's (its T10–L3 centred 15 mm behind
 * the trunk's axis), mm: the lordosis carries the sacrum back, and the phantom's trunk has its skin 110 mm behind the
 * axis, so that S1's arch would reach beyond it; the sacrum's median crest lies 10–20 mm under the skin.
 */
const LUMBOSACRAL_FORWARD_MM = 15;

/**
 * A steep lordosis, Roussouly's type 4 (sacral slope over 45°, a long and marked lordosis; Roussouly P et al., Spine
 * 2005;30:346): LUMBOSACRAL_LEVELS' tilts from L1 down times this, so that S1's superior endplate lies 64° from the
 * horizontal, L5 leans 46° and L4 24°, the steep end of what adults show.
 */
export const STEEP_LORDOSIS_SCALE = 1.6;

/**
 * The bodies of LUMBOSACRAL_LEVELS posed (with the narrowed discs of 'desiccated'), their tilts from L1 down times
 * `lordosisScale` (1: the typical lordosis; STEEP_LORDOSIS_SCALE).
 */
export function lumbosacralSpine(discs: LumbosacralDiscs = 'healthy', lordosisScale = 1): Spine {
  const narrowed = discs === 'desiccated' ? LUMBOSACRAL_DESICCATED : {};
  const firstLordotic = LUMBOSACRAL_LEVELS.findIndex((l) => l.shape.level === 'L1');
  const levels = LUMBOSACRAL_LEVELS.map((l, i) => ({
    ...l,
    tiltDeg: i >= firstLordotic ? l.tiltDeg * lordosisScale : l.tiltDeg,
    discBelowMm: narrowed[l.shape.level]?.heightMm ?? l.discBelowMm,
  }));
  return spineFrom(levels, LUMBOSACRAL_FORWARD_MM);
}

/** Posed bodies of `levels`, placed as the phantom's are (stackPoses), then moved `forwardMm` to the front. */
export function spineFrom(levels: readonly LevelSpec[], forwardMm = 0): Spine {
  const poses = stackPoses(levels).map((p) => ({ centreMm: [p.centreMm[0], p.centreMm[1] - forwardMm, p.centreMm[2]] as const, tiltDeg: p.tiltDeg }));
  return {
    vertebrae: levels.map((l, i) => ({ shape: l.shape, pose: poses[i]!, frame: frameOf(poses[i]!), discBelowMm: l.discBelowMm })),
    cement: null,
  };
}

/** How far the field of view reaches beyond the first and the last body it is to show, mm (as the phantom's CT). */
const FIELD_MARGIN_MM = 20;

/** z range (bottom, top) of the bodies `from` to `to` of `spine`, their corners, with FIELD_MARGIN_MM either side. */
export function fieldOfViewMm(spine: Spine, from: DrawnLevel, to: DrawnLevel): readonly [number, number] {
  const zs = [from, to].flatMap((level) => {
    const vertebra = spine.vertebrae.find((v) => v.shape.level === level);
    if (!vertebra) throw new Error(`fieldOfViewMm: no ${level}`);
    const { shape, frame } = vertebra;
    return [shape.depthMm / 2, -shape.depthMm / 2].flatMap((u) => [
      localToPatient(frame, [u, superiorEndplateVMm(shape, u, 0), 0])[2],
      localToPatient(frame, [u, inferiorEndplateVMm(shape, u, 0), 0])[2],
    ]);
  });
  return [Math.floor(Math.min(...zs) - FIELD_MARGIN_MM), Math.ceil(Math.max(...zs) + FIELD_MARGIN_MM)];
}

/**
 * The fine scene of the lumbosacral spine over `crop.field` (T12–S2 by default: a lumbar MR's or an abdominal CT's
 * field), its sacrum fused; `crop.halfWidthMm` either side of the mid-sagittal plane (phantomVariants.ts's default when
 * absent; an MR slice needs only half its thickness) and `crop.yRangeMm` front to back (skin to skin when absent);
 * `crop.lordosisScale` as lumbosacralSpine's.
 */
export function lumbosacralScene(
  discs: LumbosacralDiscs = 'healthy',
  crop: { readonly field?: readonly [DrawnLevel, DrawnLevel]; readonly halfWidthMm?: number; readonly yRangeMm?: readonly [number, number]; readonly lordosisScale?: number } = {},
): FineScene {
  const spine = lumbosacralSpine(discs, crop.lordosisScale);
  return fineScene(spine, crop.halfWidthMm, {
    zRangeMm: fieldOfViewMm(spine, ...(crop.field ?? ['T12', 'S2'])),
    ...(crop.yRangeMm ? { yRangeMm: crop.yRangeMm } : {}),
    discs: discs === 'desiccated' ? { ...SACRAL_FUSION, ...LUMBOSACRAL_DESICCATED } : SACRAL_FUSION,
  });
}

/** The levels of the lumbosacral spine that carry ground truth. */
export const LUMBOSACRAL_TRUTH_LEVELS: readonly SpinalLevel[] = ['L1', 'L2', 'L3', 'L4', 'L5'];

/** The ground truth of one level of a drawn spine (levelTruth's, at any level). */
export type RegionTruth = Omit<LevelTruth, 'level'> & { readonly level: SpinalLevel };

/** Ground truth (levelTruth: six points 1 mm inside the walls, on the plane x = 0) of `levels` of `spine`, by level. */
export function regionTruth(spine: Spine, levels: readonly SpinalLevel[]): RegionTruth[] {
  return levels.map((level) => {
    const vertebra = spine.vertebrae.find((v) => v.shape.level === level);
    if (!vertebra) throw new Error(`regionTruth: no ${level}`);
    return { ...levelTruth(vertebra, -vertebra.frame.centreMm[0]), level };
  });
}

/**
 * The upper thoracic bodies, T3–T7, continuing the phantom's T8 upward: smaller, shallower and more wedged (Panjabi MM
 * et al., Spine 1991;16:888 — T4 endplates ≈ 26 mm deep, posterior heights ≈ 17 mm growing to ≈ 20 mm at T8; anterior
 * ÷ posterior height ≈ 0.90–0.92, Black DM et al., J Bone Miner Res 1991;6:883).
 */
const T3 = normalShape({ level: 'T3', depthMm: 25, widthMm: 30, posteriorHeightMm: 16.5, anteriorRatio: 0.9 });
const T4 = normalShape({ level: 'T4', depthMm: 26, widthMm: 31, posteriorHeightMm: 17, anteriorRatio: 0.91 });
const T5 = normalShape({ level: 'T5', depthMm: 27, widthMm: 32, posteriorHeightMm: 17.5, anteriorRatio: 0.9 });
const T6 = normalShape({ level: 'T6', depthMm: 28.5, widthMm: 33, posteriorHeightMm: 18.3, anteriorRatio: 0.9 });
const T7 = normalShape({ level: 'T7', depthMm: 30.5, widthMm: 35, posteriorHeightMm: 19.3, anteriorRatio: 0.91 });

/**
 * The upper thoracic spine, T3 to L1: T3–T7 above the phantom's T8–L1 (T12 biconcave, L1 wedged, as drawn), in a
 * thoracic kyphosis of 39° from T4's superior to T12's inferior endplate (adults 40 ± 10°, Fon GT et al., AJR
 * 1980;134:979), its apex at T8 (whose axis is near the image's): 1.5° of each disc and the bodies' own wedges (3–4° each
 * at T3–T9). Discs 3.5 mm at the mid-line at T3–T5 growing to the phantom's 5.5 mm below T8 (thoracic discs are the
 * thinnest of the column: Pooni JS et al., Surg Radiol Anat 1986;8:175); T12/L1 opens 8° in front over L1's fracture, as
 * in LUMBOSACRAL_LEVELS.
 */
const UPPER_THORACIC_LEVELS: readonly LevelSpec[] = [
  { shape: T3, tiltDeg: 31.75, discBelowMm: 3.5 },
  { shape: T4, tiltDeg: 26.55, discBelowMm: 3.5 },
  { shape: T5, tiltDeg: 21.25, discBelowMm: 4 },
  { shape: T6, tiltDeg: 15.95, discBelowMm: 4 },
  { shape: T7, tiltDeg: 10.85, discBelowMm: 4.5 },
  { shape: phantomShape('T8'), tiltDeg: 6.1, discBelowMm: 5.5 },
  { shape: phantomShape('T9'), tiltDeg: 1.6, discBelowMm: 6 },
  { shape: phantomShape('T10'), tiltDeg: -2.75, discBelowMm: 6.5 },
  { shape: phantomShape('T11'), tiltDeg: -6.75, discBelowMm: 7 },
  { shape: phantomShape('T12'), tiltDeg: -10, discBelowMm: 8 },
  { shape: phantomShape('L1'), tiltDeg: -13.7, discBelowMm: 8 },
];

/** The bodies of UPPER_THORACIC_LEVELS posed, placed as the phantom's (T10–L1 centred 15 mm behind the trunk's axis). */
export function upperThoracicSpine(): Spine {
  return spineFrom(UPPER_THORACIC_LEVELS, 0);
}

/** The fine scene of the upper thoracic spine over T3–L1 (a whole-spine CT's or MR's upper field, T12 in it). */
export function upperThoracicScene(): FineScene {
  const spine = upperThoracicSpine();
  return fineScene(spine, undefined, { zRangeMm: fieldOfViewMm(spine, 'T3', 'L1') });
}

/** The levels of the upper thoracic spine that carry ground truth: T4–T12 (clicked one by one: T4–T9). */
export const UPPER_THORACIC_TRUTH_LEVELS: readonly SpinalLevel[] = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12'];

/**
 * The spine a whole-spine scan puts before a reader, T3 to S3: UPPER_THORACIC_LEVELS down to T9 on top of
 * LUMBOSACRAL_LEVELS from T10 (the T9/T10 disc then 1° lordotic, the thoracolumbar junction flat), moved forward as the
 * lumbosacral spine; the sacrum fused (SACRAL_FUSION).
 */
export function wholeSpine(): Spine {
  const upper = UPPER_THORACIC_LEVELS.slice(0, UPPER_THORACIC_LEVELS.findIndex((l) => l.shape.level === 'T10'));
  const lower = LUMBOSACRAL_LEVELS.slice(LUMBOSACRAL_LEVELS.findIndex((l) => l.shape.level === 'T10'));
  return spineFrom([...upper, ...lower], LUMBOSACRAL_FORWARD_MM);
}

/** The fine scene of the whole spine over T3–S2. */
export function wholeSpineScene(): FineScene {
  const spine = wholeSpine();
  return fineScene(spine, undefined, { zRangeMm: fieldOfViewMm(spine, 'T3', 'S2'), discs: SACRAL_FUSION });
}

/** The levels of the whole spine that carry ground truth: T4–L5, the fourteen bodies of issue 12's time goal. */
export const WHOLE_SPINE_TRUTH_LEVELS: readonly SpinalLevel[] = [...UPPER_THORACIC_TRUTH_LEVELS.slice(0, 6), ...['T10', 'T11', 'T12'] as const, ...LUMBOSACRAL_TRUTH_LEVELS];
