/**
 * The phantom rendered in memory under acquisition variants a clinical spine scan comes in (issue 12, "proposals that
 * hold on scans we do not have"): the generator's own scene (sample-data/, only read) sampled on a fine grid, each
 * voxel the mean of the tissue values over its footprint (in-plane pixel × slice thickness: partial volume), then a
 * reconstruction kernel's blur, noise, and on MR a coil's bias field. Nothing is written to disk.
 *
 * Used by tests/bench/assistSweep.ts (figures) and by analysis tests that pin one variant's failure.
 */
import type { PlaneImage, Volume } from '../../analysis';
import { baselineSpine, levelTruth, type LevelTruth, type Spine, type Vertebra } from '../../sample-data/anatomy';
import { ctGeometry } from '../../sample-data/geometry';
import { frameOf, localToPatient, patientToLocal, type Vec3 } from '../../sample-data/pose';
import { createRandom, gaussian } from '../../sample-data/random';
import { rasterizePlane, type ImagePlane } from '../../sample-data/rasterize';
import { buildScene } from '../../sample-data/scene';
import { BASELINE_LEVELS, type LevelSpec } from '../../sample-data/spineSpecs';
import { CT_HU, MR_T2_SIGNAL, Tissue as TISSUE } from '../../sample-data/tissue';
import { GROUND_TRUTH_LEVELS, inferiorEndplateVMm, superiorEndplateVMm } from '../../sample-data/vertebraShape';
import { stackPoses } from '../../sample-data/anatomy';
import { buildCrossSectionMap, signedDistanceToWallMm, wallRadiusMm, type CrossSectionMap } from '../../sample-data/crossSection';

/**
 * The tissue codes as a module constant: the painting loops read them for every sample, and under the test runner
 * (Vite's module runner) an imported name is a getter call on each read (markInnerCortex was 30 times slower).
 */
const Tissue = TISSUE;

export type SignalTable = Readonly<Record<keyof typeof Tissue, number>> & {
  /**
   * A shell only this thick, mm (THIN_CORTEX_MM or THINNEST_CORTEX_MM): the phantom's cortex deeper than that under the
   * body's surface is drawn as the marrow it borders (fatty or oedematous: the subchondral marrow of an oedematous body
   * is oedematous too), not as cortex. Absent by default (the phantom's 2 mm shell).
   */
  readonly thinShellMm?: typeof THIN_CORTEX_MM | typeof THINNEST_CORTEX_MM;
  /**
   * A desiccated disc's value (Pfirrmann grade IV–V: nucleus and annulus alike, no bright nucleus), where the scene
   * has one (DEGENERATED_SPINE). Absent: the annulus's value.
   */
  readonly degeneratedDisc?: number;
  /**
   * The aorta's lumen, where the scene draws one (the 'aorta' shape): contrast-enhanced blood on CT. Absent: the
   * table's soft tissue (unenhanced blood is 40–50 HU).
   */
  readonly aorticLumen?: number;
  /** Calcified plaque in the aorta's wall ('aorta-plaques' shape). Absent: the table's cortical bone. */
  readonly aorticPlaque?: number;
  /**
   * The posterior longitudinal ligament and the dura behind it ('ligament' shape): dense collagen, as dark as cortex on
   * every MR sequence, soft tissue on CT. Absent: the table's cortical bone.
   */
  readonly ligament?: number;
  /**
   * A vertebral haemangioma ('lesions' shape): fat and slow-flowing blood among thickened trabeculae, brighter than the
   * marrow on T1 and T2 and darker on CT (Ross JS et al., Radiology 1987;165:165; Laredo JD et al., Radiology
   * 1990;177:467). Absent: midway between the table's fat and its marrow.
   */
  readonly haemangioma?: number;
};

/** Fine sampling of the scene, mm: a quarter of the finest pixel any variant uses (0.5 mm). */
const FINE_MM = 0.25;
/** Fine planes are rendered for |x| ≤ this, mm: a 4 mm MR slice (± 2) and a few CT columns either side of the midline. */
const FINE_HALF_WIDTH_MM = 3;
/** The rendered field along y (anterior −, posterior +), mm: skin to skin, so a CT holds fat and air as a real one does. */
const Y_RANGE_MM: readonly [number, number] = [-112, 112];

/**
 * Thickness of the vertebral shell as a clinical CT shows it in an osteoporotic spine, mm. The true shell is 0.2–0.5 mm
 * (Silva MJ et al., J Bone Miner Res 1994;9:1307 — 0.38 mm mean; Ritzel H et al., J Bone Miner Res 1997;12:89), blurred
 * by a 0.5–1 mm point spread into ≈ 1 mm at 250–500 HU; the phantom draws a healthy-looking 2 mm shell at 1,000 HU.
 */
export const THIN_CORTEX_MM = 1;
/** The true shell of an osteoporotic body at its thickest (Silva 1994, Ritzel 1997: 0.2–0.5 mm), mm. */
export const THINNEST_CORTEX_MM = 0.5;
/**
 * Tissue codes of the phantom's cortex deeper than THIN_CORTEX_MM, and of the cortex between THINNEST_CORTEX_MM and
 * THIN_CORTEX_MM deep (not Tissues of the generator: added here), by the marrow nearest to it: fatty (cancellous) or
 * oedematous.
 */
const INNER_CORTEX = 13;
const INNER_CORTEX_OEDEMA = 14;
const MIDDLE_CORTEX = 15;
const MIDDLE_CORTEX_OEDEMA = 16;
/** A desiccated disc (nucleus and annulus alike) and the gas of a vacuum cleft in it: tissue codes added here. */
const DEGENERATED_DISC = 17;
const VACUUM_GAS = 18;
/** Fatty subchondral marrow of a Modic type 2 change: tissue code added here, drawn with the table's fat value. */
const MODIC_FAT = 19;
/** The aorta's lumen ('aorta' shape): tissue code added here, drawn with the table's aorticLumen. */
const AORTIC_LUMEN = 20;
/** Calcified plaque in the aorta's wall ('aorta-plaques' shape): tissue code added here, the table's aorticPlaque. */
const AORTIC_PLAQUE = 21;
/** The posterior longitudinal ligament with the dura ('ligament' shape): tissue code added here, the table's ligament. */
const LIGAMENT = 22;
/** A vertebral haemangioma ('lesions' shape): tissue code added here, the table's haemangioma. */
const HAEMANGIOMA = 23;
/**
 * Thickness of the dark band the 'ligament' shape draws behind the bodies' posterior walls and the discs, in the canal,
 * mm: the posterior longitudinal ligament (≈ 1–2 mm at the midline, thickest over the discs) and the dura (≈ 0.3–0.5 mm)
 * with the thin anterior epidural space between, which a T2 shows as one dark band between the cortex and the CSF.
 */
const LIGAMENT_MM = 2;
/** How far from an inner cortex sample its body's marrow is looked for, mm: the phantom's 2 mm shell and some. */
const MARROW_REACH_MM = 3;

/** A spine pose variant: the baseline's bodies with other tilts, or shifted out of the midsagittal plane. */
export type SpineShape =
  | 'baseline'
  | 'kyphosis'
  | 'lordosis'
  | 'scoliosis'
  | 'degenerated'
  | 'osteophytes'
  | 'desiccated'
  | 'modic'
  | 'dish'
  | 'aorta'
  | 'aorta-plaques'
  | 'ligament'
  | 'lesions'
  | 'severe-wedge';

/**
 * The discs and spurs of an elderly spine (issue 12, "the spines our users actually have"), per disc named by the body
 * above it. Disc degeneration on sagittal MR is graded by Pfirrmann CW et al. (Spine 2001;26:1873): grade IV, an
 * inhomogeneous dark-grey disc with no distinction of nucleus and annulus and a normal to moderately decreased height;
 * grade V, a black disc with a collapsed disc space. Here two discs are collapsed to 4 mm (the phantom's are 6.5–10 mm,
 * spineSpecs.ts) and a third is desiccated at its full height. The collapsed L2–L3 holds a vacuum cleft: gas in a
 * degenerated disc, a dark band along its middle on CT (and a signal void on MR; Resnick D et al., Radiology
 * 1981;139:341 — the intervertebral vacuum phenomenon; Coulier B, JBR-BTR 2004;87:9), drawn as air, 1.5 mm thick.
 * Osteophytes (the 'osteophytes' shape; Nathan H, J Bone Joint Surg Am 1962;44:243 — grade II spurs projecting
 * horizontally from the rim, grade III beaks curving towards the disc) grow from the anterior rims of the endplates
 * either side of the collapsed discs, 3–6 mm forward of the wall and 1–1.5 mm towards the disc, so that a spur's tip
 * lies where a healthy body's corner would: "osteophytes that mimic a corner".
 */
export interface DiscDegeneration {
  /** The disc's mid-line height, mm, when narrowed (else as the baseline's). */
  readonly heightMm?: number;
  readonly vacuum: boolean;
  /**
   * A fused segment (the sacrum's): the disc's samples less than this deep inside the walls are drawn as cortical bone
   * (the fused rims), the deeper ones as the desiccated remnant; absent, no fusion.
   */
  readonly fusedRimMm?: number;
}
export type DiscDegenerations = Readonly<Partial<Record<string, DiscDegeneration>>>;
const DEGENERATED_DISCS: DiscDegenerations = {
  T11: { heightMm: 4, vacuum: false },
  L1: { vacuum: false },
  L2: { heightMm: 4, vacuum: true },
};
/**
 * The 'desiccated' shape: the degeneration in the middle of T10–L3 with both end discs (T10–T11, L2–L3) healthy.
 * Degeneration is not confined to the lower lumbar discs nor to neighbours: on whole-spine MR it is present at some level
 * in over 90 % of people over 50, thoracic and lumbar, often with healthy discs between (Teraguchi M et al.,
 * Osteoarthritis Cartilage 2014;22:104, the Wakayama Spine Study). T11–T12 desiccated at a moderately decreased height
 * (Pfirrmann grade IV, 5 mm for 7), T12–L1 desiccated at its full height (grade IV) and L1–L2 black and collapsed
 * (grade V, 4 mm for 8); no vacuum cleft: the discs' own dark is the case.
 */
const MIDDLE_DESICCATED_DISCS: DiscDegenerations = {
  T11: { heightMm: 5, vacuum: false },
  T12: { vacuum: false },
  L1: { heightMm: 4, vacuum: false },
};

/**
 * Modic changes (the 'modic' shape): subchondral marrow beside a degenerated disc whose signal has changed (Modic MT et
 * al., Radiology 1988;166:193): type 1, oedema and granulation tissue (dark on T1, bright on T2, drawn as the table's
 * oedematous marrow), type 2, fat (bright on T1 and T2, drawn as the table's fat). A band under the endplate across the
 * body's depth, MODIC_DEPTH_MM deep from the endplate's outer surface (its 2 mm shell and 6 mm of marrow, about a
 * quarter of a 24–28 mm body: readers grade the extent against the body's height, and in people with back pain the
 * changes are larger than the focal anterior ones of the upper lumbar spine in the general population; Jensen TS et
 * al., BMC Musculoskelet Disord 2009;10:81). Type 1 either side of T11–T12, type 2 either side of L2–L3; the discs
 * themselves as the baseline's.
 */
interface ModicChange {
  readonly level: string;
  readonly endplate: 'superior' | 'inferior';
  readonly type: 1 | 2;
}
const MODIC_CHANGES: readonly ModicChange[] = [
  { level: 'T11', endplate: 'inferior', type: 1 },
  { level: 'T12', endplate: 'superior', type: 1 },
  { level: 'L2', endplate: 'inferior', type: 2 },
  { level: 'L3', endplate: 'superior', type: 2 },
];
const MODIC_DEPTH_MM = 8;

/**
 * Bridging anterior ossification of diffuse idiopathic skeletal hyperostosis (the 'dish' shape): flowing ossification
 * along the front of at least four contiguous bodies with the disc heights preserved (Resnick D, Niwayama G, Radiology
 * 1976;119:559), here T11 to L2, bridging T11–T12, T12–L1 and L1–L2. Its size from CT of DISH spines (Verlaan JJ et al.,
 * Eur Spine J 2011;20:1474): the ossified mass's axial area is 246 ± 96 mm² at mid-disc and 58 ± 50 mm² at mid-body,
 * spread over the anterolateral arc (≈ 40 mm), so ≈ 6 mm thick in front of the disc and ≈ 1.5 mm at the body's
 * mid-height ("flowing candle wax"); drawn on the midline from DISH_BODY_MM at each body's mid-height to DISH_DISC_MM at
 * each disc's middle, linear between, against the anterior wall (no lucent line), as cortical bone.
 */
const DISH_LEVELS = ['T11', 'T12', 'L1', 'L2'] as const;
const DISH_BODY_MM = 1.5;
const DISH_DISC_MM = 6;

/**
 * The descending aorta against the front of the bodies (the 'aorta' shape), drawn as a straight-sided tube along the
 * column: it runs in front of the thoracolumbar bodies, left of the midline, and in the elderly often against their
 * anterior surface; its lumen is ≈ 20 mm across (infrarenal aorta 15–24 mm in adults, Wanhainen A et al., Eur J Vasc
 * Endovasc Surg 2019;57:8) inside a wall of ≈ 1.5 mm. Here its centre lies LATERAL_MM left of the midline, so the
 * midsagittal plane cuts a chord of it, and at the midline its wall is CLEARANCE_MM in front of the line through the
 * bodies' anterior walls at mid-height (continued straight across the discs). Design decision of this project (issue
 * 12): a worst case of a midline aorta on a midsagittal plane, where a contrast-enhanced lumen (portal venous ≈ 180 HU,
 * arterial ≈ 300 HU) lies 2 mm in front of an osteoporotic body's 80 HU marrow.
 */
const AORTA = { lateralMm: 6, lumenRadiusMm: 10, wallMm: 1.5, clearanceMm: 0.5 } as const;
/**
 * Calcified plaques of the 'aorta-plaques' shape: the back half of the aorta's wall (the side facing the spine) calcified
 * over PLAQUE_MM of every PLAQUE_PERIOD_MM along the column, from the lumen outward PLAQUE_THICKNESS_MM deep. Aortic
 * calcification is seen on CT in most people over 65 (Allison MA et al., Arterioscler Thromb Vasc Biol 2004;24:331),
 * in patches, as bright as bone; here they lie 1–2 mm in front of the anterior cortex.
 */
const PLAQUE_MM = 6;
const PLAQUE_PERIOD_MM = 12;
const PLAQUE_THICKNESS_MM = 1;

/** The degenerated discs a spine shape draws (none for the healthy shapes). */
function discDegenerationsOf(shape: SpineShape): DiscDegenerations {
  if (shape === 'degenerated' || shape === 'osteophytes') return DEGENERATED_DISCS;
  return shape === 'desiccated' ? MIDDLE_DESICCATED_DISCS : {};
}
/** Thickness of the vacuum cleft's gas, mm, and how far inside the walls it stops. */
const VACUUM_THICKNESS_MM = 1.5;
const VACUUM_WALL_INSET_MM = 3;

/** An anterior spur from the rim of one endplate, in its body's frame (see DiscDegeneration). */
interface Osteophyte {
  readonly level: string;
  readonly endplate: 'superior' | 'inferior';
  /** How far the tip reaches in front of the anterior wall, mm. */
  readonly lengthMm: number;
  /** How far the tip rises beyond the endplate's plane, towards the disc, mm. */
  readonly riseMm: number;
  /** How far down the wall (away from the disc) its base reaches, mm. */
  readonly baseMm: number;
}
const OSTEOPHYTES: readonly Osteophyte[] = [
  { level: 'T11', endplate: 'inferior', lengthMm: 4, riseMm: 1, baseMm: 4 },
  { level: 'T12', endplate: 'superior', lengthMm: 3, riseMm: 1, baseMm: 3 },
  { level: 'L2', endplate: 'inferior', lengthMm: 5, riseMm: 1.5, baseMm: 5 },
  { level: 'L3', endplate: 'superior', lengthMm: 6, riseMm: 1.5, baseMm: 5 },
];

/**
 * Extra tilt per level T8…L5, degrees (positive leans forward). Kyphosis: a thoracolumbar kyphosis of the elderly
 * osteoporotic spine, T10–L2 ≈ 25–30° more than the baseline's (Cobb T4–T12 ≥ 50° in hyperkyphosis; Kado DM et al., J
 * Am Geriatr Soc 2004;52:1662), lordosis: a lumbar lordosis of ≈ 50° L1–L5 (normal adult range 40–60°; Roussouly P et
 * al., Spine 2005;30:346). Tilts in the phantom's sense (pose.ts).
 */
const EXTRA_TILT_DEG: Readonly<Record<'kyphosis' | 'lordosis', readonly number[]>> = {
  kyphosis: [14, 12, 10, 8, 5, 2, -1, -3, -4, -4],
  lordosis: [0, 0, 1, 2, 2, 0, -6, -12, -18, -22],
};
/**
 * Lateral shift per level T8…L5 in a scoliosis, mm: a lumbar curve with its apex at L1, 8 mm off the midline (a Cobb
 * angle of ≈ 15–20° over T10–L3, the degenerative scoliosis common after 60; Kebaish KM et al., Spine 2011;36:731 —
 * prevalence 68 % over 60 years of age). Only the shift is drawn (the scene has no lateral tilt), so the displayed
 * midsagittal plane cuts each body off its own midline, where the endplates are shallower and the body narrower.
 */
const SCOLIOSIS_SHIFT_MM = [-2, -1, 1, 4, 6, 8, 7, 5, 2, 0] as const;

/**
 * A severe anterior wedge (the 'severe-wedge' shape; journal, twenty-ninth round): L1 at Ha 0.35 × Hp and Hm 0.55 × Hp
 * (Genant grade 3, its middle shallower than a whole body may be at its depth), 80 % of the wedge in its superior
 * endplate, and the bodies above it leaning forward by that endplate's tilt (a focal kyphosis, the disc above it as
 * thick in front as behind, as a real spine closes it).
 */
const SEVERE_WEDGE = { anteriorToPosterior: 0.35, middleToPosterior: 0.55, superiorShare: 0.8, depthMm: 38 } as const;

/**
 * The baseline's levels with L1 an anterior wedge (Ha `anteriorToPosterior` × Hp, Hm `middleToPosterior` × Hp,
 * SEVERE_WEDGE's share of the wedge in its superior endplate) and the levels above it leaning forward by that
 * endplate's tilt over SEVERE_WEDGE's depth.
 */
export function wedgeLevels(anteriorToPosterior: number, middleToPosterior: number): LevelSpec[] {
  const l1 = BASELINE_LEVELS.findIndex((l) => l.shape.level === 'L1');
  const hp = BASELINE_LEVELS[l1]!.shape.posteriorHeightMm;
  const { superiorShare, depthMm } = SEVERE_WEDGE;
  const kyphosisDeg = (Math.atan((superiorShare * (1 - anteriorToPosterior) * hp) / depthMm) * 180) / Math.PI;
  return BASELINE_LEVELS.map((l, i) => {
    if (i < l1) return { ...l, tiltDeg: l.tiltDeg + kyphosisDeg };
    if (i > l1) return l;
    const shape = { ...l.shape, anteriorHeightMm: anteriorToPosterior * hp, middleHeightMm: middleToPosterior * hp, superiorShareOfWedge: superiorShare };
    return { ...l, shape: { ...shape, description: 'anterior wedge' } };
  });
}

/** The baseline spine with SEVERE_WEDGE's L1 (wedgeLevels). */
function severeWedgeSpine(): Spine {
  const levels = wedgeLevels(SEVERE_WEDGE.anteriorToPosterior, SEVERE_WEDGE.middleToPosterior);
  const poses = stackPoses(levels);
  return { vertebrae: levels.map((l, i) => ({ shape: l.shape, pose: poses[i]!, frame: frameOf(poses[i]!), discBelowMm: l.discBelowMm })), cement: null };
}

/** The baseline spine with `shape`'s tilts or shifts. */
export function spineOf(shape: SpineShape): Spine {
  const base = baselineSpine();
  if (shape === 'baseline') return base;
  if (shape === 'severe-wedge') return severeWedgeSpine();
  if (shape === 'modic' || shape === 'dish' || shape === 'aorta' || shape === 'aorta-plaques' || shape === 'ligament' || shape === 'lesions') return base;
  if (shape === 'degenerated' || shape === 'osteophytes' || shape === 'desiccated') return narrowedSpine(base, discDegenerationsOf(shape));
  const levels = BASELINE_LEVELS.map((l, i) => ({
    ...l,
    tiltDeg: l.tiltDeg + (shape === 'scoliosis' ? 0 : EXTRA_TILT_DEG[shape][i]!),
  }));
  const poses = stackPoses(levels);
  const vertebrae: Vertebra[] = base.vertebrae.map((v, i) => {
    const pose = poses[i]!;
    const shift = shape === 'scoliosis' ? SCOLIOSIS_SHIFT_MM[i]! : 0;
    const moved = { centreMm: [pose.centreMm[0] + shift, pose.centreMm[1], pose.centreMm[2]] as Vec3, tiltDeg: pose.tiltDeg };
    return { ...v, pose: moved, frame: frameOf(moved) };
  });
  return { vertebrae, cement: null };
}

/** The baseline spine with the narrowed discs of `discs`: the bodies below each move up, shapes and tilts kept. */
function narrowedSpine(base: Spine, discs: DiscDegenerations): Spine {
  const levels = BASELINE_LEVELS.map((l) => ({ ...l, discBelowMm: discs[l.shape.level]?.heightMm ?? l.discBelowMm }));
  const poses = stackPoses(levels);
  const vertebrae: Vertebra[] = base.vertebrae.map((v, i) => ({
    ...v,
    pose: poses[i]!,
    frame: frameOf(poses[i]!),
    discBelowMm: levels[i]!.discBelowMm,
  }));
  return { vertebrae, cement: null };
}

/**
 * Ground truth of T10–L3 (or of `levels`) on the plane x = planeXMm: the six points 1 mm inside the walls on that plane's cut through
 * each body (a body shifted sideways is measured where the displayed plane cuts it, as a reader would).
 */
export function truthOnPlane(spine: Spine, planeXMm = 0, levels: readonly string[] = GROUND_TRUTH_LEVELS): LevelTruth[] {
  return spine.vertebrae
    .filter((v) => levels.includes(v.shape.level))
    .map((vertebra) => levelTruth(vertebra, planeXMm - vertebra.frame.centreMm[0]));
}

/** The scene's tissue on sagittal planes every FINE_MM across |x| ≤ FINE_HALF_WIDTH_MM, each FINE_MM in y and z. */
export interface FineScene {
  readonly spine: Spine;
  readonly xsMm: readonly number[];
  readonly y0Mm: number;
  readonly ny: number;
  /** z of fine row 0 (the top); rows go down. */
  readonly zTopMm: number;
  readonly nz: number;
  /** One tissue map per x, index y + z · ny. */
  readonly planes: readonly Uint8Array[];
}

/**
 * Renders the fine scene of a spine (≈ 25 planes of 900 × 1,000 samples: a few seconds); `zRangeMm` (bottom, top) and
 * `yRangeMm` crop it (the whole CT slab and skin to skin by default), e.g. to a few bodies for a test.
 */
export function fineScene(
  spine: Spine,
  halfWidthMm = FINE_HALF_WIDTH_MM,
  crop: {
    readonly zRangeMm?: readonly [number, number];
    readonly yRangeMm?: readonly [number, number];
    /**
     * Draw DEGENERATED_DISCS (desiccated, narrowed as `spine` is, a vacuum cleft) and, with 'osteophytes', OSTEOPHYTES;
     * with 'middleDiscs', MIDDLE_DESICCATED_DISCS (desiccated, narrowed as `spine` is) alone; with 'modic',
     * MODIC_CHANGES; with 'dish', the bridging ossification of DISH_LEVELS; with 'lesions', HAEMANGIOMAS and
     * SCHMORL_NODES.
     */
    readonly degeneration?: 'discs' | 'osteophytes' | 'middleDiscs' | 'modic' | 'dish' | 'lesions';
    /** Discs drawn desiccated or fused on any spine, by the level above each (instead of `degeneration`). */
    readonly discs?: DiscDegenerations;
    /** Draw the aorta in front of the bodies (AORTA), with calcified plaques ('plaques') or without. */
    readonly aorta?: boolean | 'plaques';
    /** Draw the posterior longitudinal ligament and the dura behind the bodies and discs (LIGAMENT_MM). */
    readonly ligament?: boolean;
  } = {},
): FineScene {
  const [zBottomMm, zTopMm] = crop.zRangeMm ?? ctSlabMm(spine);
  const nz = Math.round((zTopMm - zBottomMm) / FINE_MM) + 1;
  const yRange = crop.yRangeMm ?? Y_RANGE_MM;
  const y0Mm = yRange[0];
  const ny = Math.round((yRange[1] - yRange[0]) / FINE_MM) + 1;
  const scene = buildScene(spine);
  const xsMm: number[] = [];
  for (let x = -halfWidthMm; x <= halfWidthMm + 1e-9; x += FINE_MM) xsMm.push(Math.round(x / FINE_MM) * FINE_MM);
  const planes = xsMm.map((x) => {
    const plane: ImagePlane = {
      originMm: [x, y0Mm, zTopMm],
      rowDirection: [0, 1, 0],
      columnDirection: [0, 0, -1],
      rowSpacingMm: FINE_MM,
      columnSpacingMm: FINE_MM,
      rows: nz,
      columns: ny,
    };
    const tissue = new Uint8Array(ny * nz);
    rasterizePlane(scene, plane, tissue);
    const grid = { xMm: x, y0Mm, zTopMm, ny, nz };
    if (crop.discs) paintDegeneratedDiscs(tissue, spine, grid, crop.discs);
    else if (crop.degeneration === 'modic') paintModicChanges(tissue, spine, grid);
    else if (crop.degeneration === 'lesions') paintFocalLesions(tissue, spine, grid);
    else if (crop.degeneration === 'dish') paintBridgingOssification(tissue, spine, grid);
    else if (crop.degeneration) {
      paintDegeneratedDiscs(tissue, spine, grid, crop.degeneration === 'middleDiscs' ? MIDDLE_DESICCATED_DISCS : DEGENERATED_DISCS);
      if (crop.degeneration === 'osteophytes') paintOsteophytes(tissue, spine, grid);
    }
    if (crop.aorta) paintAorta(tissue, spine, grid, crop.aorta === 'plaques');
    if (crop.ligament) paintLigament(tissue, ny, nz);
    markInnerCortex(tissue, ny, nz);
    return tissue;
  });
  return { spine, xsMm, y0Mm, ny, zTopMm, nz, planes };
}

/** z range (bottom, top) of the phantom's CT slab for `spine` (T10–L3 and margins), mm. */
function ctSlabMm(spine: Spine): readonly [number, number] {
  const geometry = ctGeometry(spine);
  return [geometry.topZMm - (geometry.sliceCount - 1), geometry.topZMm];
}

/** The fine scene of a spine shape, with its degeneration drawn for 'degenerated' and 'osteophytes'. */
export function fineSceneOf(shape: SpineShape): FineScene {
  const degeneration =
    shape === 'degenerated'
      ? 'discs'
      : shape === 'osteophytes'
        ? 'osteophytes'
        : shape === 'desiccated'
          ? 'middleDiscs'
          : shape === 'modic' || shape === 'dish' || shape === 'lesions'
            ? shape
            : undefined;
  const extra = shape === 'aorta' ? { aorta: true } : shape === 'aorta-plaques' ? { aorta: 'plaques' as const } : shape === 'ligament' ? { ligament: true } : {};
  return fineScene(spineOf(shape), FINE_HALF_WIDTH_MM, degeneration ? { degeneration } : extra);
}

/** Where one fine plane lies: its x, and y and z of its sample (0, 0), rows going down in z. */
interface FineGrid {
  readonly xMm: number;
  readonly y0Mm: number;
  readonly zTopMm: number;
  readonly ny: number;
  readonly nz: number;
}

/**
 * Recodes the disc samples of `degenerations` as DEGENERATED_DISC, those of a vacuum cleft (within
 * VACUUM_THICKNESS_MM / 2 of the disc's middle, deeper than VACUUM_WALL_INSET_MM inside the walls) as VACUUM_GAS, and
 * those of a fused segment's rim (less than fusedRimMm inside the walls) as cortical bone.
 */
function paintDegeneratedDiscs(tissue: Uint8Array, spine: Spine, grid: FineGrid, degenerations: DiscDegenerations): void {
  const discs = spine.vertebrae.flatMap((upper, i) => {
    const spec = degenerations[upper.shape.level];
    const lower = spine.vertebrae[i + 1];
    return spec && lower ? [{ upper, lower, spec, lowerMap: buildCrossSectionMap(lower.shape) }] : [];
  });
  for (let k = 0; k < grid.nz; k += 1) {
    const z = grid.zTopMm - k * FINE_MM;
    for (let j = 0; j < grid.ny; j += 1) {
      const index = j + k * grid.ny;
      const t = tissue[index];
      if (t !== Tissue.discNucleus && t !== Tissue.discAnnulus) continue;
      const p: Vec3 = [grid.xMm, grid.y0Mm + j * FINE_MM, z];
      for (const { upper, lower, spec, lowerMap } of discs) {
        const [uUpper, vUpper, wUpper] = patientToLocal(upper.frame, p);
        const belowUpperMm = inferiorEndplateVMm(upper.shape, uUpper, wUpper) - vUpper;
        const [uLower, vLower, wLower] = patientToLocal(lower.frame, p);
        const aboveLowerMm = vLower - superiorEndplateVMm(lower.shape, uLower, wLower);
        if (belowUpperMm <= 0 || aboveLowerMm <= 0) continue;
        const fromWallMm = signedDistanceToWallMm(lowerMap, uLower, wLower);
        const inCleft = spec.vacuum && Math.abs(belowUpperMm - aboveLowerMm) <= VACUUM_THICKNESS_MM && fromWallMm < -VACUUM_WALL_INSET_MM;
        const fused = spec.fusedRimMm !== undefined && fromWallMm > -spec.fusedRimMm;
        tissue[index] = fused ? Tissue.corticalBone : inCleft ? VACUUM_GAS : DEGENERATED_DISC;
        break;
      }
    }
  }
}

/**
 * Draws OSTEOPHYTES as cortical bone over whatever is not bone: in its body's frame, in front of the anterior wall
 * (0 < s ≤ length, s the distance from the wall), a triangle with its base on the wall from the endplate's plane to
 * `baseMm` away from the disc and its tip at s = length, `riseMm` beyond the plane towards the disc.
 */
function paintOsteophytes(tissue: Uint8Array, spine: Spine, grid: FineGrid): void {
  for (const spur of OSTEOPHYTES) {
    const vertebra = spine.vertebrae.find((v) => v.shape.level === spur.level);
    if (!vertebra) continue;
    const { shape, frame } = vertebra;
    const map = buildCrossSectionMap(shape);
    const rimUMm = shape.depthMm / 2;
    const superior = spur.endplate === 'superior';
    const planeAt = (uMm: number, wMm: number) => (superior ? superiorEndplateVMm : inferiorEndplateVMm)(shape, uMm, wMm);
    const sign = superior ? 1 : -1;
    const corners = [rimUMm - 1, rimUMm + spur.lengthMm + 1].flatMap((u) =>
      [-(spur.baseMm + 1), spur.riseMm + 1].map((e) => localToPatient(frame, [u, planeAt(rimUMm, 0) + sign * e, 0])),
    );
    const kFirst = Math.max(0, Math.floor((grid.zTopMm - Math.max(...corners.map((c) => c[2]))) / FINE_MM));
    const kLast = Math.min(grid.nz - 1, Math.ceil((grid.zTopMm - Math.min(...corners.map((c) => c[2]))) / FINE_MM));
    const jFirst = Math.max(0, Math.floor((Math.min(...corners.map((c) => c[1])) - grid.y0Mm) / FINE_MM));
    const jLast = Math.min(grid.ny - 1, Math.ceil((Math.max(...corners.map((c) => c[1])) - grid.y0Mm) / FINE_MM));
    for (let k = kFirst; k <= kLast; k += 1) {
      for (let j = jFirst; j <= jLast; j += 1) {
        const index = j + k * grid.ny;
        if (isBone(tissue[index]!)) continue;
        const [u, v, w] = patientToLocal(frame, [grid.xMm, grid.y0Mm + j * FINE_MM, grid.zTopMm - k * FINE_MM]);
        if (u <= 0) continue;
        const fromWallMm = signedDistanceToWallMm(map, u, w);
        if (fromWallMm <= 0 || fromWallMm > spur.lengthMm) continue;
        const towardsDiscMm = sign * (v - planeAt(u, w));
        const share = fromWallMm / spur.lengthMm;
        if (towardsDiscMm <= spur.riseMm * share && towardsDiscMm >= -spur.baseMm + (spur.baseMm + spur.riseMm) * share) {
          tissue[index] = Tissue.corticalBone;
        }
      }
    }
  }
}

/**
 * Focal lesions of the body that most adult spines carry (the 'lesions' shape), which no height reading may take for a
 * boundary: vertebral haemangiomas, round, 1–2 cm, found in about a tenth of adults and most often in the thoracolumbar
 * bodies (Slon V et al., Eur Spine J 2015;24:2189), and Schmorl nodes, disc material herniated through an endplate into
 * the marrow in a pit 3–10 mm across with a sclerotic rim (Williams FMK et al., Arthritis Rheum 2007;57:855; Kyere KA
 * et al., Insights Imaging 2012;3:541), here under the middle of two endplates. Centres in each body's own frame (u
 * forward from its centre, v towards the head, mm; on the midline).
 */
interface Haemangioma {
  readonly level: string;
  readonly uMm: number;
  readonly vMm: number;
  readonly radiusMm: number;
}
const HAEMANGIOMAS: readonly Haemangioma[] = [
  { level: 'L2', uMm: 4, vMm: 3, radiusMm: 6 },
  { level: 'T11', uMm: -7, vMm: -6, radiusMm: 4 },
];
interface SchmorlNode {
  readonly level: string;
  readonly endplate: 'superior' | 'inferior';
  /** Where along the endplate the pit is centred, mm forward of the body's centre. */
  readonly uMm: number;
  /** Radius of the hemispherical pit below the endplate's surface, mm. */
  readonly radiusMm: number;
}
const SCHMORL_NODES: readonly SchmorlNode[] = [
  { level: 'T12', endplate: 'superior', uMm: -3, radiusMm: 4 },
  { level: 'L3', endplate: 'inferior', uMm: 5, radiusMm: 3 },
];
/** The sclerotic rim around a Schmorl node's pit, mm (drawn as cortex). */
const SCHMORL_RIM_MM = 1;

/** Draws HAEMANGIOMAS over the marrow and SCHMORL_NODES' pits (disc nucleus in a sclerotic rim) into the bone. */
function paintFocalLesions(tissue: Uint8Array, spine: Spine, grid: FineGrid): void {
  const at = (level: string) => spine.vertebrae.find((v) => v.shape.level === level);
  const haemangiomas = HAEMANGIOMAS.flatMap((h) => (at(h.level) ? [{ h, vertebra: at(h.level)! }] : []));
  const nodes = SCHMORL_NODES.flatMap((n) => (at(n.level) ? [{ n, vertebra: at(n.level)! }] : []));
  const bodyBone = (t: number) => t === Tissue.cancellousBone || t === Tissue.oedematousBone || t === Tissue.corticalBone;
  for (let k = 0; k < grid.nz; k += 1) {
    for (let j = 0; j < grid.ny; j += 1) {
      const index = j + k * grid.ny;
      const t = tissue[index]!;
      if (!bodyBone(t)) continue;
      const p: Vec3 = [grid.xMm, grid.y0Mm + j * FINE_MM, grid.zTopMm - k * FINE_MM];
      for (const { h, vertebra } of haemangiomas) {
        const [u, v, w] = patientToLocal(vertebra.frame, p);
        if (t !== Tissue.corticalBone && Math.hypot(u - h.uMm, v - h.vMm, w) <= h.radiusMm) tissue[index] = HAEMANGIOMA;
      }
      for (const { n, vertebra } of nodes) {
        const [u, v, w] = patientToLocal(vertebra.frame, p);
        const surface = (n.endplate === 'superior' ? superiorEndplateVMm : inferiorEndplateVMm)(vertebra.shape, n.uMm, 0);
        const d = Math.hypot(u - n.uMm, v - surface, w);
        if (d <= n.radiusMm) tissue[index] = Tissue.discNucleus;
        else if (d <= n.radiusMm + SCHMORL_RIM_MM && (n.endplate === 'superior' ? v < surface : v > surface)) tissue[index] = Tissue.corticalBone;
      }
    }
  }
}

/** Recodes the fatty (cancellous) marrow within MODIC_DEPTH_MM of each MODIC_CHANGES endplate's outer surface. */
function paintModicChanges(tissue: Uint8Array, spine: Spine, grid: FineGrid): void {
  const changes = MODIC_CHANGES.flatMap((change) => {
    const vertebra = spine.vertebrae.find((v) => v.shape.level === change.level);
    return vertebra ? [{ change, vertebra }] : [];
  });
  for (let k = 0; k < grid.nz; k += 1) {
    for (let j = 0; j < grid.ny; j += 1) {
      const index = j + k * grid.ny;
      if (tissue[index] !== Tissue.cancellousBone) continue;
      const p: Vec3 = [grid.xMm, grid.y0Mm + j * FINE_MM, grid.zTopMm - k * FINE_MM];
      for (const { change, vertebra } of changes) {
        const [u, v, w] = patientToLocal(vertebra.frame, p);
        const insideMm =
          change.endplate === 'superior' ? superiorEndplateVMm(vertebra.shape, u, w) - v : v - inferiorEndplateVMm(vertebra.shape, u, w);
        if (insideMm < 0 || insideMm > MODIC_DEPTH_MM) continue;
        tissue[index] = change.type === 1 ? Tissue.oedematousBone : MODIC_FAT;
        break;
      }
    }
  }
}

/**
 * Draws the bridging ossification of DISH_LEVELS as cortical bone over whatever is not bone, in front of the anterior
 * wall: between two neighbours' mid-heights (on their anterior rims), DISH_DISC_MM thick at the disc's middle tapering
 * linearly to DISH_BODY_MM at each mid-height; the distance from the wall read in the nearer body's frame (its
 * cross-section continued across the disc).
 */
function paintBridgingOssification(tissue: Uint8Array, spine: Spine, grid: FineGrid): void {
  const bodies = DISH_LEVELS.flatMap((level) => spine.vertebrae.filter((v) => v.shape.level === level));
  const spans = bodies.slice(1).map((lower, i) => {
    const upper = bodies[i]!;
    const rim = (v: Vertebra) => v.shape.depthMm / 2;
    const a = localToPatient(upper.frame, [rim(upper), 0, 0]);
    const b = localToPatient(lower.frame, [rim(lower), 0, 0]);
    const discTop = localToPatient(upper.frame, [rim(upper), inferiorEndplateVMm(upper.shape, rim(upper), 0), 0]);
    const discBottom = localToPatient(lower.frame, [rim(lower), superiorEndplateVMm(lower.shape, rim(lower), 0), 0]);
    const middle: Vec3 = [(discTop[0] + discBottom[0]) / 2, (discTop[1] + discBottom[1]) / 2, (discTop[2] + discBottom[2]) / 2];
    const axisLength = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    const axis: Vec3 = [(a[0] - b[0]) / axisLength, (a[1] - b[1]) / axisLength, (a[2] - b[2]) / axisLength];
    const along = (q: Vec3) => (q[0] - middle[0]) * axis[0] + (q[1] - middle[1]) * axis[1] + (q[2] - middle[2]) * axis[2];
    return { upper, lower, along, upHalfMm: along(a), downHalfMm: -along(b), upperMap: buildCrossSectionMap(upper.shape), lowerMap: buildCrossSectionMap(lower.shape) };
  });
  for (let k = 0; k < grid.nz; k += 1) {
    for (let j = 0; j < grid.ny; j += 1) {
      const index = j + k * grid.ny;
      if (isBone(tissue[index]!)) continue;
      const p: Vec3 = [grid.xMm, grid.y0Mm + j * FINE_MM, grid.zTopMm - k * FINE_MM];
      for (const span of spans) {
        const t = span.along(p);
        const share = t >= 0 ? 1 - t / span.upHalfMm : 1 + t / span.downHalfMm;
        if (share < 0 || share > 1) continue;
        const [vertebra, map] = t >= 0 ? [span.upper, span.upperMap] : [span.lower, span.lowerMap];
        const [u, , w] = patientToLocal(vertebra.frame, p);
        if (u <= 0) continue;
        const fromWallMm = distanceOutsideWallMm(vertebra, map, u, w);
        if (fromWallMm > 0 && fromWallMm <= DISH_BODY_MM + (DISH_DISC_MM - DISH_BODY_MM) * share) {
          tissue[index] = Tissue.corticalBone;
          break;
        }
      }
    }
  }
}

/**
 * Draws AORTA over whatever is not bone: its lumen as AORTIC_LUMEN, its wall as soft tissue, with `plaques` the
 * calcified patches of PLAQUE_MM as AORTIC_PLAQUE. The line through the bodies' anterior walls at mid-height (y at each
 * z, linear between neighbouring bodies) places it.
 */
function paintAorta(tissue: Uint8Array, spine: Spine, grid: FineGrid, plaques: boolean): void {
  const fronts = spine.vertebrae
    .map((v) => localToPatient(v.frame, [v.shape.depthMm / 2, 0, 0]))
    .map((p) => ({ z: p[2], y: p[1] }))
    .sort((a, b) => a.z - b.z);
  const frontYAt = (z: number): number => {
    const above = fronts.findIndex((f) => f.z >= z);
    if (above <= 0) return fronts[above < 0 ? fronts.length - 1 : 0]!.y;
    const [a, b] = [fronts[above - 1]!, fronts[above]!];
    return a.y + ((z - a.z) / (b.z - a.z)) * (b.y - a.y);
  };
  const outerRadius = AORTA.lumenRadiusMm + AORTA.wallMm;
  // The tube's back at the midline lies CLEARANCE_MM in front of the wall line (anterior is −y).
  const chord = Math.sqrt(outerRadius ** 2 - AORTA.lateralMm ** 2);
  const dx = grid.xMm - AORTA.lateralMm;
  for (let k = 0; k < grid.nz; k += 1) {
    const z = grid.zTopMm - k * FINE_MM;
    const centreY = frontYAt(z) - AORTA.clearanceMm - chord;
    for (let j = 0; j < grid.ny; j += 1) {
      const y = grid.y0Mm + j * FINE_MM;
      const r = Math.hypot(dx, y - centreY);
      const index = j + k * grid.ny;
      if (r > outerRadius || isBone(tissue[index]!)) continue;
      const plaque =
        plaques && r > AORTA.lumenRadiusMm && r <= AORTA.lumenRadiusMm + PLAQUE_THICKNESS_MM && y > centreY && ((z % PLAQUE_PERIOD_MM) + PLAQUE_PERIOD_MM) % PLAQUE_PERIOD_MM < PLAQUE_MM;
      tissue[index] = r <= AORTA.lumenRadiusMm ? AORTIC_LUMEN : plaque ? AORTIC_PLAQUE : Tissue.softTissue;
    }
  }
}

/**
 * Draws LIGAMENT over the canal's first LIGAMENT_MM behind the bodies and discs: along each row of the plane (y runs to
 * the back), CSF or cord within LIGAMENT_MM behind a body's cortex or a disc becomes ligament. On the midsagittal planes
 * the canal abuts the posterior walls directly (the generator draws no ligament).
 */
function paintLigament(tissue: Uint8Array, ny: number, nz: number): void {
  const reach = Math.round(LIGAMENT_MM / FINE_MM);
  const front = (t: number) => t === Tissue.corticalBone || t === Tissue.discAnnulus || t === Tissue.discNucleus || t === DEGENERATED_DISC;
  for (let k = 0; k < nz; k += 1) {
    let since = Infinity;
    for (let j = 0; j < ny; j += 1) {
      const index = j + k * ny;
      const t = tissue[index]!;
      if (front(t)) since = 0;
      else if ((t === Tissue.csf || t === Tissue.spinalCord) && since < reach) {
        tissue[index] = LIGAMENT;
        since += 1;
      } else since = Infinity;
    }
  }
}

/**
 * Signed distance from a body's wall in its cross-section (u, w), mm: the map's within its extent; beyond it (more than a
 * few mm outside the wall, where the map's lookup answers its margin for any distance) the radial distance, which is
 * exact on the midline and close to the wall's normal distance that far out.
 */
function distanceOutsideWallMm(vertebra: Vertebra, map: CrossSectionMap, uMm: number, wMm: number): number {
  const inside =
    uMm >= map.uMinMm && uMm <= map.uMinMm + (map.uCount - 1) * map.stepMm && wMm >= map.wMinMm && wMm <= map.wMinMm + (map.wCount - 1) * map.stepMm;
  if (inside) return signedDistanceToWallMm(map, uMm, wMm);
  return Math.hypot(uMm, wMm) - wallRadiusMm(vertebra.shape, Math.atan2(wMm, uMm));
}

function isBone(t: number): boolean {
  return (
    t === Tissue.corticalBone ||
    t === Tissue.cancellousBone ||
    t === Tissue.oedematousBone ||
    t === Tissue.posteriorElementBone ||
    t === Tissue.cement
  );
}

/**
 * Marks cortex farther than THIN_CORTEX_MM (in the plane) from anything that is not body bone as inner cortex, and
 * cortex farther than THINNEST_CORTEX_MM but not THIN_CORTEX_MM as middle cortex, each coded by the marrow nearest to it
 * within MARROW_REACH_MM (…_OEDEMA next to oedematous marrow).
 */
function markInnerCortex(tissue: Uint8Array, ny: number, nz: number): void {
  const inner = deepCortex(tissue, ny, nz, THIN_CORTEX_MM);
  const innerSet = new Set(inner);
  const middle = deepCortex(tissue, ny, nz, THINNEST_CORTEX_MM).filter((i) => !innerSet.has(i));
  const innerCodes = inner.map((i) => (nextToOedema(tissue, ny, nz, i) ? INNER_CORTEX_OEDEMA : INNER_CORTEX));
  const middleCodes = middle.map((i) => (nextToOedema(tissue, ny, nz, i) ? MIDDLE_CORTEX_OEDEMA : MIDDLE_CORTEX));
  inner.forEach((i, n) => (tissue[i] = innerCodes[n]!));
  middle.forEach((i, n) => (tissue[i] = middleCodes[n]!));
}

/** Indices of the cortex samples farther than `depthMm` (in the plane) from anything that is not body bone. */
function deepCortex(tissue: Uint8Array, ny: number, nz: number, depthMm: number): number[] {
  const reach = Math.round(depthMm / FINE_MM);
  const isBody = (t: number) =>
    t === Tissue.corticalBone ||
    t === Tissue.cancellousBone ||
    t === Tissue.oedematousBone ||
    t === Tissue.cement ||
    t === HAEMANGIOMA ||
    (t >= INNER_CORTEX && t <= MIDDLE_CORTEX_OEDEMA);
  const deep: number[] = [];
  for (let z = 0; z < nz; z += 1) {
    for (let y = 0; y < ny; y += 1) {
      if (tissue[y + z * ny] !== Tissue.corticalBone) continue;
      let inside = true;
      for (let dz = -reach; dz <= reach && inside; dz += 1) {
        for (let dy = -reach; dy <= reach; dy += 1) {
          if (dy * dy + dz * dz > reach * reach) continue;
          const yy = y + dy;
          const zz = z + dz;
          if (yy < 0 || zz < 0 || yy >= ny || zz >= nz || !isBody(tissue[yy + zz * ny]!)) {
            inside = false;
            break;
          }
        }
      }
      if (inside) deep.push(y + z * ny);
    }
  }
  return deep;
}

/** Whether the marrow nearest to sample `i` within MARROW_REACH_MM is oedematous (else fatty, or none). */
function nextToOedema(tissue: Uint8Array, ny: number, nz: number, i: number): boolean {
  const marrowReach = Math.round(MARROW_REACH_MM / FINE_MM);
  const y = i % ny;
  const z = (i - y) / ny;
  let nearest = Number.POSITIVE_INFINITY;
  let oedema = false;
  for (let dz = -marrowReach; dz <= marrowReach; dz += 1) {
    for (let dy = -marrowReach; dy <= marrowReach; dy += 1) {
      const d2 = dy * dy + dz * dz;
      const yy = y + dy;
      const zz = z + dz;
      if (d2 >= nearest || d2 > marrowReach * marrowReach || yy < 0 || zz < 0 || yy >= ny || zz >= nz) continue;
      const t = tissue[yy + zz * ny];
      if (t === Tissue.cancellousBone || t === Tissue.oedematousBone) {
        nearest = d2;
        oedema = t === Tissue.oedematousBone;
      }
    }
  }
  return oedema;
}

function lookupOf(table: SignalTable): Float32Array {
  const lookup = new Float32Array(HAEMANGIOMA + 1);
  for (const [name, index] of Object.entries(Tissue)) lookup[index] = table[name as keyof typeof Tissue];
  const thin = table.thinShellMm !== undefined;
  const thinnest = table.thinShellMm === THINNEST_CORTEX_MM;
  lookup[INNER_CORTEX] = thin ? table.cancellousBone : table.corticalBone;
  lookup[INNER_CORTEX_OEDEMA] = thin ? table.oedematousBone : table.corticalBone;
  lookup[MIDDLE_CORTEX] = thinnest ? table.cancellousBone : table.corticalBone;
  lookup[MIDDLE_CORTEX_OEDEMA] = thinnest ? table.oedematousBone : table.corticalBone;
  lookup[DEGENERATED_DISC] = table.degeneratedDisc ?? table.discAnnulus;
  lookup[VACUUM_GAS] = table.air;
  lookup[MODIC_FAT] = table.fat;
  lookup[AORTIC_LUMEN] = table.aorticLumen ?? table.softTissue;
  lookup[AORTIC_PLAQUE] = table.aorticPlaque ?? table.corticalBone;
  lookup[LIGAMENT] = table.ligament ?? table.corticalBone;
  lookup[HAEMANGIOMA] = table.haemangioma ?? (table.fat + table.cancellousBone) / 2;
  return lookup;
}

/** Mean of the fine values over the box [x0, x1] × [y0, y1] × [z0, z1] (mm), from fine samples whose centres lie in it. */
function boxMean(fine: FineScene, lookup: Float32Array, box: readonly [number, number, number, number, number, number]): number {
  const [xa, xb, ya, yb, za, zb] = box;
  let sum = 0;
  let count = 0;
  const ia = Math.max(0, Math.ceil((ya - fine.y0Mm) / FINE_MM - 1e-6));
  const ib = Math.min(fine.ny - 1, Math.floor((yb - fine.y0Mm) / FINE_MM + 1e-6));
  const ka = Math.max(0, Math.ceil((fine.zTopMm - zb) / FINE_MM - 1e-6));
  const kb = Math.min(fine.nz - 1, Math.floor((fine.zTopMm - za) / FINE_MM + 1e-6));
  const x0 = fine.xsMm[0]!;
  const pa = Math.max(0, Math.ceil((xa - x0) / FINE_MM - 1e-6));
  const pb = Math.min(fine.xsMm.length - 1, Math.floor((xb - x0) / FINE_MM + 1e-6));
  for (let p = pa; p <= pb; p += 1) {
    const plane = fine.planes[p]!;
    for (let k = ka; k <= kb; k += 1) {
      const row = k * fine.ny;
      for (let i = ia; i <= ib; i += 1) sum += lookup[plane[i + row]!]!;
    }
    count += (kb - ka + 1) * (ib - ia + 1);
  }
  if (count === 0) throw new Error('boxMean: the box holds no fine sample');
  return sum / count;
}

/** A CT acquisition: axial slices reformatted sagittally, as the viewer hands them to analysis/ (a Volume). */
export interface CtAcquisition {
  readonly pixelMm: number;
  /** Slice thickness and spacing (contiguous slices), mm: the cranio-caudal sampling of the sagittal reformat. */
  readonly sliceMm: number;
  /** Full width at half maximum of the reconstruction kernel's in-plane point spread, mm. */
  readonly kernelFwhmMm: number;
  /** Noise σ in the final image, HU (after the kernel: the noise is correlated like a real CT's). */
  readonly noiseHu: number;
  readonly table: SignalTable;
  readonly seed: string;
}

/**
 * Columns rendered either side of x = 0 in a CT volume (the analysis reads the plane and one sample either side), as
 * many as the fine scene holds for coarser pixels (one either side of 1.5 mm pixels).
 */
const CT_HALF_COLUMNS = 3;

/** Renders a CT acquisition of the fine scene as a thin axial Volume (7 columns around the midline, fewer for coarse pixels). */
export function renderCt(fine: FineScene, acquisition: CtAcquisition): Volume {
  const { pixelMm, sliceMm, kernelFwhmMm, noiseHu, table, seed } = acquisition;
  const halfColumns = Math.min(CT_HALF_COLUMNS, Math.floor(FINE_HALF_WIDTH_MM / pixelMm - 0.5));
  if (halfColumns < 1) throw new Error('renderCt: the fine scene is too narrow');
  const lookup = lookupOf(table);
  const nx = 2 * halfColumns + 1;
  const yFirst = Math.ceil((fine.y0Mm + pixelMm) / pixelMm) * pixelMm;
  const ny = Math.floor((fine.y0Mm + (fine.ny - 1) * FINE_MM - pixelMm - yFirst) / pixelMm) + 1;
  const zBottom = fine.zTopMm - (fine.nz - 1) * FINE_MM;
  const zFirst = fine.zTopMm - sliceMm / 2;
  const nz = Math.floor((zFirst - sliceMm / 2 - zBottom) / sliceMm) + 1;
  const values = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k += 1) {
    const z = zFirst - k * sliceMm;
    for (let j = 0; j < ny; j += 1) {
      const y = yFirst + j * pixelMm;
      for (let i = 0; i < nx; i += 1) {
        const x = (i - halfColumns) * pixelMm;
        values[i + j * nx + k * nx * ny] = boxMean(fine, lookup, [
          x - pixelMm / 2, x + pixelMm / 2, y - pixelMm / 2, y + pixelMm / 2, z - sliceMm / 2, z + sliceMm / 2,
        ]);
      }
    }
  }
  const sigmaPx = kernelFwhmMm / 2.3548 / pixelMm;
  blurInPlane(values, nx, ny, nz, sigmaPx);
  const noise = new Float32Array(values.length);
  const random = createRandom(seed);
  for (let n = 0; n < noise.length; n += 1) noise[n] = gaussian(random);
  blurInPlane(noise, nx, ny, nz, sigmaPx);
  let power = 0;
  for (const v of noise) power += v * v;
  const scale = noiseHu / Math.sqrt(power / noise.length);
  for (let n = 0; n < values.length; n += 1) values[n] = Math.round(values[n]! + scale * noise[n]!);
  return {
    kind: 'volume',
    values,
    dimensions: [nx, ny, nz],
    originMm: [-halfColumns * pixelMm, yFirst, zFirst],
    rowCosine: [1, 0, 0],
    columnCosine: [0, 1, 0],
    sliceCosine: [0, 0, -1],
    spacingMm: [pixelMm, pixelMm, sliceMm],
    calibrated: true,
  };
}

/** Separable Gaussian blur along x (i) and y (j) of each slice, edges clamped. */
function blurInPlane(values: Float32Array, nx: number, ny: number, nz: number, sigmaPx: number): void {
  if (sigmaPx < 0.2) return;
  const radius = Math.ceil(3 * sigmaPx);
  const weights = Array.from({ length: 2 * radius + 1 }, (_, t) => Math.exp(-((t - radius) ** 2) / (2 * sigmaPx * sigmaPx)));
  const total = weights.reduce((a, b) => a + b, 0);
  const line = new Float32Array(Math.max(nx, ny));
  for (let k = 0; k < nz; k += 1) {
    const base = k * nx * ny;
    for (let j = 0; j < ny; j += 1) {
      for (let i = 0; i < nx; i += 1) line[i] = values[base + i + j * nx]!;
      for (let i = 0; i < nx; i += 1) {
        let s = 0;
        for (let t = -radius; t <= radius; t += 1) s += weights[t + radius]! * line[Math.min(nx - 1, Math.max(0, i + t))]!;
        values[base + i + j * nx] = s / total;
      }
    }
    for (let i = 0; i < nx; i += 1) {
      for (let j = 0; j < ny; j += 1) line[j] = values[base + i + j * nx]!;
      for (let j = 0; j < ny; j += 1) {
        let s = 0;
        for (let t = -radius; t <= radius; t += 1) s += weights[t + radius]! * line[Math.min(ny - 1, Math.max(0, j + t))]!;
        values[base + i + j * nx] = s / total;
      }
    }
  }
}

/** A native sagittal MR acquisition: one slice at x = 0, as the viewer hands the displayed image to analysis/. */
export interface MrAcquisition {
  readonly pixelMm: number;
  /** Slice thickness across x (a box profile: partial volume across the slice), mm. */
  readonly sliceMm: number;
  readonly table: SignalTable;
  /** Noise σ of each of the two quadrature channels (magnitude image: Rician), signal units. */
  readonly noiseSigma: number;
  /**
   * Receive coil bias: the signal × exp(−(y − yCoil) / length) behind the spine's posterior surface coil falls with the
   * distance in front of it, and × (1 − craniocaudal · (|z − zCentre| / 100 mm)²) away from the coil's centre. 0 for none.
   */
  readonly biasLengthMm: number;
  readonly biasCraniocaudal: number;
  readonly seed: string;
}

/** y of the posterior surface coil (the patient's back, the skin at y = 110 mm), mm. */
const COIL_Y_MM = 110;

/** Renders a sagittal MR acquisition of the fine scene as a PlaneImage (rows along −z, columns along +y). */
export function renderMr(fine: FineScene, acquisition: MrAcquisition): PlaneImage {
  const { pixelMm, sliceMm, table, noiseSigma, biasLengthMm, biasCraniocaudal, seed } = acquisition;
  if (sliceMm / 2 > FINE_HALF_WIDTH_MM) throw new Error('renderMr: the fine scene is too narrow');
  const lookup = lookupOf(table);
  const yFirst = Math.ceil((fine.y0Mm + pixelMm) / pixelMm) * pixelMm;
  const columns = Math.floor((fine.y0Mm + (fine.ny - 1) * FINE_MM - pixelMm - yFirst) / pixelMm) + 1;
  const zBottom = fine.zTopMm - (fine.nz - 1) * FINE_MM;
  const zFirst = fine.zTopMm - pixelMm;
  const rows = Math.floor((zFirst - pixelMm - zBottom) / pixelMm) + 1;
  const zCentre = (fine.zTopMm + zBottom) / 2;
  const random = createRandom(seed);
  const values = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r += 1) {
    const z = zFirst - r * pixelMm;
    for (let c = 0; c < columns; c += 1) {
      const y = yFirst + c * pixelMm;
      const mean = boxMean(fine, lookup, [-sliceMm / 2, sliceMm / 2, y - pixelMm / 2, y + pixelMm / 2, z - pixelMm / 2, z + pixelMm / 2]);
      const bias =
        (biasLengthMm > 0 ? Math.exp(-(COIL_Y_MM - y) / biasLengthMm) : 1) *
        Math.max(0.2, 1 - biasCraniocaudal * ((z - zCentre) / 100) ** 2);
      const real = mean * bias + noiseSigma * gaussian(random);
      const imaginary = noiseSigma * gaussian(random);
      values[c + r * columns] = Math.round(Math.hypot(real, imaginary));
    }
  }
  return {
    kind: 'plane',
    values,
    columns,
    rows,
    originMm: [0, yFirst, zFirst],
    rowCosine: [0, 1, 0],
    columnCosine: [0, 0, -1],
    columnSpacingMm: pixelMm,
    rowSpacingMm: pixelMm,
    calibrated: true,
  };
}

/**
 * STIR (fat suppressed, fluid-sensitive): fat and adult fatty marrow dark, CSF and the disc nucleus bright, an acute
 * fracture's oedema bright against the marrow (Baur A et al., Radiology 1998;207:349; Yamato M et al., Radiology
 * 1998;207:513 — oedema of acute osteoporotic fractures bright on STIR), cortex dark.
 */
export const MR_STIR: SignalTable = {
  air: 0, fat: 60, softTissue: 320, muscle: 180, csf: 1400, spinalCord: 550, discAnnulus: 250, discNucleus: 950,
  cancellousBone: 160, oedematousBone: 750, corticalBone: 30, posteriorElementBone: 140, cement: 20,
};

/**
 * T1-weighted spin echo (as tests/unit/analysisMrPhantomContrasts.test.ts): fat brightest, adult fatty marrow bright,
 * disc, muscle and CSF dark to intermediate, cortex dark, acute oedema dark (Vande Berg BC et al., Eur Radiol 1998).
 */
export const MR_T1: SignalTable = {
  air: 0, fat: 1000, softTissue: 400, muscle: 300, csf: 150, spinalCord: 450, discAnnulus: 250, discNucleus: 330,
  cancellousBone: 700, oedematousBone: 300, corticalBone: 50, posteriorElementBone: 650, cement: 30,
};

/** The phantom's own tables, re-exported for the variants. */
export { CT_HU, MR_T2_SIGNAL };
