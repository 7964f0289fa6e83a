/**
 * Assistance sweep (issue 12): the phantom rendered in memory (tests/helpers/phantomVariants.ts; sample-data/ only
 * read, nothing written) under the acquisition variants clinical spine CT and MR come in, and per variant: point and
 * height error (median / 95th, mm) over five clicks per body (the centre and four clicks 4 mm in front of or behind and
 * 3 mm above or below it), the share of proposals needing a correction (a height off by more than 1.5 mm, or none),
 * how many of those are NOT flagged "check" (the dangerous number), how many right ones (every height within 1.5 mm)
 * are flagged all the same (what a flag costs the reader), Genant grades of the centre clicks against the
 * truth's (measurement/'s assessSpine on both), and detectSpine's levels from clicks on T10 and L3 (right, off and
 * unflagged, and how many bodies carry LEVEL_UNCERTAIN: "level-flagged"). The lumbosacral rows (L1–L5 above a sacrum,
 * tests/helpers/regionSpines.ts) click L1–L5 and run detectSpine from L1, L3 and L4 to L5, the upper thoracic rows click
 * T4–T9 and run it from T4 to T9 and to T12, the whole-spine rows from T4 to L5 (fourteen bodies); each run with its
 * count, whether the sacrum's S1 was proposed, and its CPU per body. Figures, not a test.
 *
 *   npm run bench:assist-sweep                      every variant
 *   npm run bench:assist-sweep -- --only ct-3mm,mr  variants whose name contains any of the words
 *   npm run bench:assist-sweep -- --verbose         one line per proposal that needs a correction
 *   npm run bench:assist-sweep -- --no-header       the images without their header (Modality, HU), as before issue 12's fourth round
 *   npm run bench:assist-sweep -- --draws 3         each variant under three noise draws (draw 1 is the seed used before
 *                                                   this option; totals per draw), so a flag that holds on one draw only is seen
 */
import { availableParallelism, loadavg } from 'node:os';
import { levelIndex, type SixPoints, type SpinalLevel } from '../../measurement';
import { atItsLevel, centreOf, distance, grades, heightErrorsMm, percentile, signedHeightErrorsMm, signedMm } from './assistFigures';
import { CHECK_BELOW_CONFIDENCE, CORNER_NAMES, detectSpine, proposeVertebra, seriesHeaderOf, type AnalysisImage, type Vec3 } from '../../analysis';
import {
  CT_HU,
  fineSceneOf,
  MR_STIR,
  MR_T1,
  MR_T2_SIGNAL,
  renderCt,
  renderMr,
  truthOnPlane,
  type CtAcquisition,
  type FineScene,
  type MrAcquisition,
  type SignalTable,
  type SpineShape,
} from '../helpers/phantomVariants';
import {
  LUMBOSACRAL_TRUTH_LEVELS,
  lumbosacralScene,
  regionTruth,
  UPPER_THORACIC_TRUTH_LEVELS,
  upperThoracicScene,
  WHOLE_SPINE_TRUTH_LEVELS,
  wholeSpineScene,
  type RegionTruth,
} from '../helpers/regionSpines';
import { patientToLocal } from '../../sample-data/pose';
import type { Vertebra } from '../../sample-data/anatomy';
import { inferiorEndplateVMm, superiorEndplateVMm, type DrawnLevel } from '../../sample-data/vertebraShape';

/**
 * Osteoporotic CT: trabecular bone 80 HU (L1 ≤ 110 HU is > 90 % specific for osteoporosis, ≤ 160 HU 90 % sensitive:
 * Pickhardt PJ et al., Ann Intern Med 2013;158:588), the shell ≈ 1 mm at 350 HU once blurred (see THIN_CORTEX_MM), the
 * arch 300 HU, an acute fracture's oedema 50 HU denser than the marrow; the disc and soft tissues as the phantom's.
 */
const CT_OSTEOPOROTIC: SignalTable = {
  ...CT_HU,
  cancellousBone: 80,
  oedematousBone: 130,
  corticalBone: 350,
  thinShellMm: 1,
  posteriorElementBone: 300,
};

/**
 * A desiccated disc on T2 (Pfirrmann grade IV–V, Pfirrmann CW et al., Spine 2001;26:1873: the nucleus as dark as the
 * annulus or darker, dark grey to black): 250 against the marrow's 600, so the disc/marrow contrast is inverted. On T1
 * a disc is darker than the marrow healthy or not (the table's annulus, 250). On CT a desiccated disc is soft tissue
 * like the annulus (90 HU); its vacuum cleft is air (phantomVariants.ts).
 */
const MR_T2_DEGENERATED: SignalTable = { ...MR_T2_SIGNAL, degeneratedDisc: 250 };

/**
 * A spine beyond the phantom's T10–L3 (tests/helpers/regionSpines.ts): its fine scene, the levels clicked and measured
 * (cranial → caudal), detectSpine's pairs of end bodies (the first pair's figures are the row's), and the bodies that
 * must never be proposed as one of the levels counted (the sacrum's S1).
 */
interface Region {
  readonly scene: () => FineScene;
  /** The levels with ground truth, cranial → caudal: clicked one by one unless `clicked` names fewer. */
  readonly levels: readonly SpinalLevel[];
  readonly clicked?: readonly SpinalLevel[];
  readonly spines: readonly (readonly [SpinalLevel, SpinalLevel])[];
  readonly notCounted: readonly DrawnLevel[];
}

/** The lumbar spine from L1, and the short spans a reader of the lower levels clicks, each ending on L5 above the sacrum. */
const LUMBOSACRAL_SPINES = [['L1', 'L5'], ['L3', 'L5'], ['L4', 'L5']] as const;

type RegionName = 'lumbosacral' | 'lumbosacral-desiccated' | 'upper-thoracic' | 'whole-spine';

const REGIONS: Readonly<Record<RegionName, Region>> = {
  lumbosacral: { scene: () => lumbosacralScene('healthy'), levels: LUMBOSACRAL_TRUTH_LEVELS, spines: LUMBOSACRAL_SPINES, notCounted: ['S1'] },
  'lumbosacral-desiccated': { scene: () => lumbosacralScene('desiccated'), levels: LUMBOSACRAL_TRUTH_LEVELS, spines: LUMBOSACRAL_SPINES, notCounted: ['S1'] },
  'upper-thoracic': {
    scene: upperThoracicScene,
    levels: UPPER_THORACIC_TRUTH_LEVELS,
    clicked: ['T4', 'T5', 'T6', 'T7', 'T8', 'T9'],
    spines: [['T4', 'T9'], ['T4', 'T12']],
    notCounted: [],
  },
  'whole-spine': { scene: wholeSpineScene, levels: WHOLE_SPINE_TRUTH_LEVELS, clicked: ['T4', 'L5'], spines: [['T4', 'L5']], notCounted: ['S1'] },
};

function isRegion(spine: SpineShape | RegionName): spine is RegionName {
  return spine in REGIONS;
}

interface Variant {
  readonly name: string;
  /** Where the acquisition's numbers come from. */
  readonly source: string;
  /** The phantom's spine in one of its shapes (T10–L3 measured), or a region beyond it. */
  readonly spine: SpineShape | RegionName;
  readonly ct?: Omit<CtAcquisition, 'seed'>;
  readonly mr?: Omit<MrAcquisition, 'seed'>;
}

/** Bone and soft-tissue reconstruction kernels as an in-plane point spread's FWHM, mm (bone ≈ 0.6–0.8, soft ≈ 1.1–1.4). */
const SHARP_FWHM_MM = 0.7;
const SOFT_FWHM_MM = 1.3;

/** The acquisitions most rows are rendered with (ct-phantom-like, ct-3mm-bone, mr-t2-3mm, mr-t1-3mm and their variants). */
const PHANTOM_LIKE_CT: Omit<CtAcquisition, 'seed'> = { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 15, table: CT_HU };
const CT_3MM_BONE: Omit<CtAcquisition, 'seed'> = { pixelMm: 0.75, sliceMm: 3, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 25, table: CT_HU };
const MR_T2_3MM: Omit<MrAcquisition, 'seed'> = { pixelMm: 0.6, sliceMm: 3, table: MR_T2_SIGNAL, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 };
const MR_T1_3MM: Omit<MrAcquisition, 'seed'> = { ...MR_T2_3MM, pixelMm: 0.7, table: MR_T1 };

const VARIANTS: readonly Variant[] = [
  {
    name: 'ct-phantom-like', spine: 'baseline', source: 'the phantom series: 0.7 mm pixels, 1 mm slices, bone kernel, σ 15 HU',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-thin-bone', spine: 'baseline',
    source: 'thin spine CT: 0.5 mm pixels, 0.6 mm slices, bone kernel (sagittal reformats from ≤ 1 mm sections, ACR–ASNR–SSR practice parameter for spine CT); σ 45 HU (thin sections are noisier, σ ∝ 1/√thickness)',
    ct: { pixelMm: 0.5, sliceMm: 0.6, kernelFwhmMm: 0.6, noiseHu: 45, table: CT_HU },
  },
  {
    name: 'ct-3mm-bone', spine: 'baseline',
    source: 'routine abdominal CT: 0.75 mm pixels, 3 mm axial slices reformatted sagittally (the cranio-caudal sampling is then 3 mm), bone kernel, σ 25 HU',
    ct: { pixelMm: 0.75, sliceMm: 3, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 25, table: CT_HU },
  },
  {
    name: 'ct-2mm-soft', spine: 'baseline',
    source: 'routine CT: 0.78 mm pixels, 2 mm slices, soft-tissue kernel (FWHM 1.3 mm), σ 12 HU',
    ct: { pixelMm: 0.78, sliceMm: 2, kernelFwhmMm: SOFT_FWHM_MM, noiseHu: 12, table: CT_HU },
  },
  {
    name: 'ct-3mm-lowdose', spine: 'baseline',
    source: 'low-dose CT (a quarter of the dose doubles σ): 0.78 mm pixels, 3 mm slices, soft kernel, σ 50 HU',
    ct: { pixelMm: 0.78, sliceMm: 3, kernelFwhmMm: SOFT_FWHM_MM, noiseHu: 50, table: CT_HU },
  },
  {
    name: 'ct-osteo-1mm', spine: 'baseline',
    source: 'osteoporotic bone (marrow 80 HU, 1 mm shell at 350 HU; Pickhardt 2013) on the phantom-like 1 mm CT, σ 20 HU',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: CT_OSTEOPOROTIC },
  },
  {
    name: 'ct-osteo-3mm-soft', spine: 'baseline',
    source: 'osteoporotic bone on routine CT: 0.78 mm pixels, 3 mm slices, soft kernel, σ 15 HU',
    ct: { pixelMm: 0.78, sliceMm: 3, kernelFwhmMm: SOFT_FWHM_MM, noiseHu: 15, table: CT_OSTEOPOROTIC },
  },
  {
    name: 'ct-osteo-3mm-lowdose', spine: 'baseline',
    source: 'osteoporotic bone on low-dose routine CT: 0.78 mm pixels, 3 mm slices, soft kernel, σ 40 HU',
    ct: { pixelMm: 0.78, sliceMm: 3, kernelFwhmMm: SOFT_FWHM_MM, noiseHu: 40, table: CT_OSTEOPOROTIC },
  },
  {
    name: 'ct-kyphosis', spine: 'kyphosis', source: 'thoracolumbar hyperkyphosis (tilts +14° … −4°, Kado 2004) on the phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-lordosis', spine: 'lordosis', source: 'lumbar lordosis ≈ 50° (tilts to −22° at L5, Roussouly 2005) on the phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-scoliosis', spine: 'scoliosis', source: 'degenerative lumbar scoliosis, bodies up to 8 mm off the midsagittal plane (Kebaish 2011), phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'mr-t2-3mm', spine: 'baseline',
    source: 'sagittal T2 TSE: 3 mm slices (partial volume across them), 0.6 mm pixels, posterior coil bias (e-fold 200 mm), σ 25',
    mr: MR_T2_3MM,
  },
  {
    name: 'mr-t2-4mm-lowsnr', spine: 'baseline',
    source: 'sagittal T2 at 1.5 T: 4 mm slices, 1.1 mm pixels, strong coil bias (e-fold 120 mm, −30 % at ±100 mm), σ 50',
    mr: { pixelMm: 1.1, sliceMm: 4, table: MR_T2_SIGNAL, noiseSigma: 50, biasLengthMm: 120, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t1-3mm', spine: 'baseline',
    source: 'sagittal T1 TSE: 3 mm slices, 0.7 mm pixels, coil bias (e-fold 200 mm), σ 25',
    mr: MR_T1_3MM,
  },
  {
    name: 'mr-t1-4mm-lowsnr', spine: 'baseline',
    source: 'sagittal T1 at 1.5 T: 4 mm slices, 1.2 mm pixels, strong coil bias (e-fold 120 mm), σ 45',
    mr: { pixelMm: 1.2, sliceMm: 4, table: MR_T1, noiseSigma: 45, biasLengthMm: 120, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-stir-4mm', spine: 'baseline',
    source: 'sagittal STIR (oedema bright, marrow dark): 4 mm slices, 1.1 mm pixels, coil bias (e-fold 150 mm), σ 30',
    mr: { pixelMm: 1.1, sliceMm: 4, table: MR_STIR, noiseSigma: 30, biasLengthMm: 150, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t1-3mm-thin-cortex', spine: 'baseline',
    source: 'the 3 mm T1 with a 1 mm shell (the phantom draws 2 mm; the real shell is 0.2–1 mm, THIN_CORTEX_MM): the marrow reaches to 1 mm under the surface',
    mr: { pixelMm: 0.7, sliceMm: 3, table: { ...MR_T1, thinShellMm: 1 }, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t2-3mm-thin-cortex', spine: 'baseline',
    source: 'the 3 mm T2 with a 1 mm shell',
    mr: { pixelMm: 0.6, sliceMm: 3, table: { ...MR_T2_SIGNAL, thinShellMm: 1 }, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t1-3mm-shell-0.5mm',
    source: 'the 3 mm T1 with a 0.5 mm shell (THINNEST_CORTEX_MM: an osteoporotic body\'s true shell is 0.2–0.5 mm)',
    spine: 'baseline',
    mr: { pixelMm: 0.7, sliceMm: 3, table: { ...MR_T1, thinShellMm: 0.5 }, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t2-3mm-shell-0.5mm', spine: 'baseline', source: 'the 3 mm T2 with a 0.5 mm shell',
    mr: { pixelMm: 0.6, sliceMm: 3, table: { ...MR_T2_SIGNAL, thinShellMm: 0.5 }, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'ct-shell-0.5mm', spine: 'baseline',
    source: 'the phantom-like CT (0.7 mm, 1 mm slices, bone kernel) with a 0.5 mm shell at the phantom\'s 1,000 HU (a healthy-density but thin shell; the kernel spreads it to ≈ 1 mm)',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 15, table: { ...CT_HU, thinShellMm: 0.5 } },
  },
  {
    name: 'ct-1mm-noisy', spine: 'baseline',
    source: 'a thin-section or low-dose CT as noisy as VerSe (0.7 mm pixels, 1 mm slices, bone kernel, σ 150 HU): the view smooths it (σ ≈ 0.6 mm) before reading edges',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 150, table: CT_HU },
  },
  {
    name: 'ct-1mm-noisy-shell-0.5mm', spine: 'baseline', source: 'that noisy 1 mm CT with the 0.5 mm shell',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 150, table: { ...CT_HU, thinShellMm: 0.5 } },
  },
  {
    name: 'ct-degen-discs', spine: 'degenerated',
    source: 'elderly discs (phantomVariants.ts DEGENERATED_DISCS): T11–T12 and L2–L3 collapsed to 4 mm, L2–L3 with a 1.5 mm vacuum cleft, L1–L2 desiccated; the phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-degen-osteophytes', spine: 'osteophytes',
    source: 'those discs and anterior spurs 3–6 mm long rising 1–1.5 mm towards them at T11 inf., T12 sup., L2 inf., L3 sup. (OSTEOPHYTES; Nathan 1962 grades II–III); the phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-degen-osteophytes-2mm-soft', spine: 'osteophytes', source: 'the discs and spurs on the routine 2 mm soft-kernel CT',
    ct: { pixelMm: 0.78, sliceMm: 2, kernelFwhmMm: SOFT_FWHM_MM, noiseHu: 12, table: CT_HU },
  },
  {
    name: 'ct-osteo-1mm-degen-osteophytes', spine: 'osteophytes', source: 'the discs and spurs on the osteoporotic 1 mm CT (marrow 80 HU, 1 mm shell at 350 HU: the spurs a 1 mm shell round marrow)',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: CT_OSTEOPOROTIC },
  },
  {
    name: 'ct-3mm-degen-osteophytes', spine: 'osteophytes', source: 'the discs and spurs on the 3 mm bone-kernel CT',
    ct: { pixelMm: 0.75, sliceMm: 3, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 25, table: CT_HU },
  },
  {
    name: 'mr-t2-degen-discs', spine: 'degenerated', source: 'the degenerated discs on the 3 mm T2, desiccated discs at 250 (marrow 600; Pfirrmann 2001 grades IV–V)',
    mr: { pixelMm: 0.6, sliceMm: 3, table: MR_T2_DEGENERATED, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t2-degen-osteophytes', spine: 'osteophytes', source: 'the degenerated discs and the spurs on the 3 mm T2',
    mr: { pixelMm: 0.6, sliceMm: 3, table: MR_T2_DEGENERATED, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t1-degen-osteophytes', spine: 'osteophytes', source: 'the degenerated discs and the spurs on the 3 mm T1',
    mr: MR_T1_3MM,
  },
  {
    name: 'ct-desiccated-middle', spine: 'desiccated', source: 'T11–T12 (5 mm), T12–L1 and L1–L2 (4 mm) desiccated between healthy end discs (phantomVariants.ts MIDDLE_DESICCATED_DISCS); the phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'mr-t2-desiccated-middle', spine: 'desiccated', source: 'those discs on the 3 mm T2 (desiccated 250, marrow 600, healthy nucleus 1,250): three dark discs between two bright end discs',
    mr: { pixelMm: 0.6, sliceMm: 3, table: MR_T2_DEGENERATED, noiseSigma: 25, biasLengthMm: 200, biasCraniocaudal: 0.3 },
  },
  {
    name: 'mr-t1-desiccated-middle', spine: 'desiccated', source: 'those discs on the 3 mm T1 (every disc darker than the marrow)',
    mr: MR_T1_3MM,
  },
  {
    name: 'ct-dish', spine: 'dish', source: 'bridging anterior ossification (DISH) T11–L2, 1.5 mm thick at mid-body to 6 mm at mid-disc (phantomVariants.ts DISH_LEVELS; Resnick 1976, Verlaan 2011); the phantom-like CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-osteo-1mm-dish', spine: 'dish', source: 'the bridging ossification on the osteoporotic 1 mm CT (a dense bridge in front of a 350 HU shell)',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: CT_OSTEOPOROTIC },
  },
  {
    name: 'ct-osteo-1.5mm-noisy', spine: 'baseline',
    source: 'very osteoporotic bone (marrow 50 HU) on a noisy CT resampled to 1.5 mm voxels (σ 95 HU), as the TPTBox sample CT crop',
    ct: { pixelMm: 1.5, sliceMm: 1.5, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 95, table: { ...CT_OSTEOPOROTIC, cancellousBone: 50 } },
  },
  {
    name: 'ct-osteo-1mm-aorta', spine: 'aorta',
    source: 'a contrast-enhanced aorta (arterial phase, lumen 300 HU) against the front of the bodies, its lumen 2 mm in front of the anterior cortex at the midline (phantomVariants.ts AORTA), on the osteoporotic 1 mm CT (marrow 80 HU)',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: { ...CT_OSTEOPOROTIC, aorticLumen: 300 } },
  },
  {
    name: 'ct-osteo-1mm-aorta-plaques', spine: 'aorta-plaques',
    source: 'that arterial-phase aorta with calcified plaques (800 HU) in the back of its wall, 6 mm of every 12 mm (phantomVariants.ts PLAQUE_MM), on the osteoporotic 1 mm CT',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: { ...CT_OSTEOPOROTIC, aorticLumen: 300, aorticPlaque: 800 } },
  },
  {
    name: 'ct-osteo-3mm-soft-aorta', spine: 'aorta',
    source: 'that aorta in the portal venous phase (lumen 180 HU), as on most abdominal CT, on the osteoporotic routine 3 mm soft-kernel CT',
    ct: { pixelMm: 0.78, sliceMm: 3, kernelFwhmMm: SOFT_FWHM_MM, noiseHu: 15, table: { ...CT_OSTEOPOROTIC, aorticLumen: 180 } },
  },
  {
    name: 'mr-t2-3mm-ligament', spine: 'ligament',
    source: 'the 3 mm T2 with the posterior longitudinal ligament and the dura as a 2 mm dark band between the posterior walls and the CSF (phantomVariants.ts LIGAMENT_MM)',
    mr: MR_T2_3MM,
  },
  {
    name: 'mr-t1-3mm-ligament', spine: 'ligament', source: 'the 3 mm T1 with that ligament',
    mr: MR_T1_3MM,
  },
  {
    name: 'mr-t1-modic', spine: 'modic', source: 'Modic type 1 either side of T11–T12, type 2 either side of L2–L3, 8 mm under the endplate (phantomVariants.ts MODIC_CHANGES; Modic 1988, Jensen 2009); the 3 mm T1',
    mr: MR_T1_3MM,
  },
  {
    name: 'mr-t2-modic', spine: 'modic', source: 'the Modic changes on the 3 mm T2',
    mr: MR_T2_3MM,
  },
  {
    name: 'mr-t2-lesions', spine: 'lesions',
    source: 'haemangiomas in L2 (12 mm across, in front of and above its centre) and T11 (8 mm, behind and below), Schmorl nodes under T12\'s superior and L3\'s inferior endplate (phantomVariants.ts HAEMANGIOMAS, SCHMORL_NODES); the 3 mm T2, the haemangiomas 1,100 (marrow 600)',
    mr: { ...MR_T2_3MM, table: { ...MR_T2_SIGNAL, haemangioma: 1100 } },
  },
  {
    name: 'mr-t1-lesions', spine: 'lesions', source: 'those lesions on the 3 mm T1, the haemangiomas 850 (marrow 700)',
    mr: MR_T1_3MM,
  },
  {
    name: 'ct-lesions', spine: 'lesions', source: 'those lesions on the phantom-like 1 mm bone-kernel CT, the haemangiomas 70 HU (marrow 240)',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'ct-osteo-1mm-lesions', spine: 'lesions', source: 'those lesions on the osteoporotic 1 mm CT',
    ct: { pixelMm: 0.7, sliceMm: 1, kernelFwhmMm: SHARP_FWHM_MM, noiseHu: 20, table: CT_OSTEOPOROTIC },
  },
  {
    name: 'mr-t2-severe-wedge', spine: 'severe-wedge',
    source: 'L1 a severe anterior wedge (Ha 0.35, Hm 0.55 × Hp) in a focal kyphosis (phantomVariants.ts SEVERE_WEDGE); the 3 mm T2',
    mr: MR_T2_3MM,
  },
  {
    name: 'mr-t1-severe-wedge', spine: 'severe-wedge', source: 'that wedge on the 3 mm T1',
    mr: MR_T1_3MM,
  },
  {
    name: 'ct-severe-wedge', spine: 'severe-wedge', source: 'that wedge on the phantom-like 1 mm bone-kernel CT',
    ct: PHANTOM_LIKE_CT,
  },
  {
    name: 'mr-t2-kyphosis', spine: 'kyphosis', source: 'hyperkyphosis on the 3 mm T2',
    mr: MR_T2_3MM,
  },
  {
    name: 'mr-t2-lordosis', spine: 'lordosis', source: 'lordosis on the 3 mm T2',
    mr: MR_T2_3MM,
  },
  {
    name: 'mr-t2-scoliosis', spine: 'scoliosis', source: 'scoliosis (bodies up to 8 mm off the plane) on the 3 mm T2',
    mr: MR_T2_3MM,
  },
  {
    name: 'upper-thoracic-ct-phantom-like', spine: 'upper-thoracic', ct: PHANTOM_LIKE_CT,
    source: 'T4–T9 above the phantom\'s T10–T12 (regionSpines.ts: T4 26 mm deep, 17 mm tall, discs 3.5–5 mm, kyphosis 39° T4–T12), field T3–L1; the phantom-like CT',
  },
  { name: 'upper-thoracic-ct-3mm-bone', spine: 'upper-thoracic', source: 'the upper thoracic spine on the 3 mm bone-kernel CT', ct: CT_3MM_BONE },
  { name: 'upper-thoracic-mr-t2-3mm', spine: 'upper-thoracic', source: 'the upper thoracic spine on the 3 mm T2', mr: MR_T2_3MM },
  {
    name: 'whole-spine-ct-phantom-like', spine: 'whole-spine', ct: PHANTOM_LIKE_CT,
    source: 'T3–S3 (regionSpines.ts: the upper thoracic spine to T9 on the lumbosacral spine from T10), field T3–S2, detectSpine T4→L5 (fourteen bodies, issue 12\'s time goal); the phantom-like CT (not on MR: a whole-spine MR is two or three stations, each with its own coil, which the sweep\'s one coil bias over 510 mm does not draw)',
  },
  {
    name: 'lumbosacral-ct-phantom-like', spine: 'lumbosacral', ct: PHANTOM_LIKE_CT,
    source: 'L1–L5 above the sacrum (regionSpines.ts: lordosis to a 40° sacral slope, L5/S1 wedged 13 / 5 mm, S1 fused to S2), field T12–S2; the phantom-like CT',
  },
  { name: 'lumbosacral-ct-3mm-bone', spine: 'lumbosacral', source: 'the lumbosacral spine on the 3 mm bone-kernel CT', ct: CT_3MM_BONE },
  { name: 'lumbosacral-mr-t2-3mm', spine: 'lumbosacral', source: 'the lumbosacral spine on the 3 mm T2 (a lumbar MR)', mr: MR_T2_3MM },
  {
    name: 'lumbosacral-mr-t2-4mm-lowsnr', spine: 'lumbosacral', source: 'the lumbosacral spine on the 4 mm low-SNR T2 at 1.5 T (as mr-t2-4mm-lowsnr)',
    mr: { pixelMm: 1.1, sliceMm: 4, table: MR_T2_SIGNAL, noiseSigma: 50, biasLengthMm: 120, biasCraniocaudal: 0.3 },
  },
  { name: 'lumbosacral-mr-t1-3mm', spine: 'lumbosacral', source: 'the lumbosacral spine on the 3 mm T1', mr: MR_T1_3MM },
  {
    name: 'lumbosacral-ct-desiccated', spine: 'lumbosacral-desiccated', ct: PHANTOM_LIKE_CT,
    source: 'L4/L5 and L5/S1 desiccated and narrowed (7 and 6 mm at the mid-line, ≈ 2.5 mm behind); the phantom-like CT',
  },
  {
    name: 'lumbosacral-mr-t2-desiccated', spine: 'lumbosacral-desiccated', source: 'those discs on the 3 mm T2 (desiccated 250, marrow 600)',
    mr: { ...MR_T2_3MM, table: MR_T2_DEGENERATED },
  },
];

const CORRECTION_MM = 1.5;
/**
 * Clicks per body (patient y, z offsets from the centre of its six points, mm): the centre and four clicks towards
 * its corners, 4 mm front/back and 3 mm up/down: within the middle third of the smallest body (T10: 35 × 22 mm).
 */
const CLICKS_MM: readonly (readonly [number, number])[] = [[0, 0], [4, 3], [4, -3], [-4, 3], [-4, -3]];






export interface SweepRow {
  readonly name: string;
  readonly pointMedianMm: number;
  readonly point95Mm: number;
  readonly heightMedianMm: number;
  readonly height95Mm: number;
  readonly proposals: number;
  readonly needCorrection: number;
  readonly dangerous: number;
  /** Proposals with every height within CORRECTION_MM that are flagged "check" all the same: a flag's cost. */
  readonly rightButFlagged: number;
  readonly declined: number;
  readonly gradesEqual: number;
  readonly levels: number;
  readonly spineRight: number;
  readonly spineDangerous: number;
  /** detectSpine's bodies flagged LEVEL_UNCERTAIN. */
  readonly spineLevelFlagged: number;
  readonly cpuMsPerProposal: number;
  /** A region's detectSpine runs, one per pair of end bodies (the first's figures are the row's). */
  readonly spines?: readonly (SpineFigures & { readonly from: SpinalLevel; readonly to: SpinalLevel })[];
}

/** The noise's seed of a variant's draw (1-based): draw 1 keeps the seed the sweep used before it had draws. */
function drawSeed(variantName: string, draw: number): string {
  return draw === 1 ? `sweep/${variantName}` : `sweep/${variantName}/draw-${draw}`;
}

function runVariant(variant: Variant, fine: FineScene, verbose: boolean, withHeader: boolean, draw: number): SweepRow {
  const seed = drawSeed(variant.name, draw);
  const rendered: AnalysisImage = variant.ct ? renderCt(fine, { ...variant.ct, seed }) : renderMr(fine, { ...variant.mr!, seed });
  // As the viewer hands a series over: with what its header says (Modality; a CT's values in HU).
  const header = seriesHeaderOf(variant.ct ? 'CT' : 'MR', undefined);
  const image: AnalysisImage = withHeader && header ? { ...rendered, header } : rendered;
  const region = isRegion(variant.spine) ? REGIONS[variant.spine] : null;
  const truth: readonly RegionTruth[] = region ? regionTruth(fine.spine, region.levels) : truthOnPlane(fine.spine);
  const pointErrors: number[] = [];
  const heightErrorsAll: number[] = [];
  let proposals = 0;
  let needCorrection = 0;
  let dangerous = 0;
  let rightButFlagged = 0;
  let declined = 0;
  let cpuMs = 0;
  const centreProposals: { level: SpinalLevel; points: SixPoints }[] = [];
  const clickedLevels = region?.clicked;
  const clicked = clickedLevels ? truth.filter((l) => clickedLevels.includes(l.level)) : truth;
  for (const level of clicked) {
    const centre = centreOf(level.points);
    for (const [dy, dz] of CLICKS_MM) {
      proposals += 1;
      const c0 = process.cpuUsage();
      const result = proposeVertebra(image, [centre[0], centre[1] + dy, centre[2] + dz]);
      const c1 = process.cpuUsage(c0);
      cpuMs += (c1.user + c1.system) / 1000;
      if (!result.ok) {
        declined += 1;
        needCorrection += 1;
        if (verbose) console.log(`    ${variant.name} draw ${draw} ${level.level} click (${dy}, ${dz}): declined, ${result.error.code}`);
        continue;
      }
      const p = result.value;
      if (dy === 0 && dz === 0) centreProposals.push({ level: level.level, points: p.points });
      for (const name of CORNER_NAMES) pointErrors.push(distance(p.points[name], level.points[name]));
      const errors = heightErrorsMm(p.points, level.points);
      heightErrorsAll.push(...errors);
      const off = errors.some((e) => e > CORRECTION_MM);
      const flagged = p.confidence < CHECK_BELOW_CONFIDENCE;
      if (off) needCorrection += 1;
      if (off && !flagged) dangerous += 1;
      if (!off && flagged) rightButFlagged += 1;
      if (verbose && off) {
        console.log(
          `    ${variant.name} draw ${draw} ${level.level} click (${dy}, ${dz}): Ha/Hm/Hp off ${signedHeightErrorsMm(p.points, level.points).map(signedMm).join(' / ')} mm, ` +
            `confidence ${p.confidence.toFixed(2)}${p.reasons.length ? ` (${p.reasons.map((r) => r.code).join(', ')})` : ''}${flagged ? '' : ' UNFLAGGED'}` +
            `${p.polarity === 'brightShell' && variant.mr ? ' (bright shell on MR)' : ''}`,
        );
      }
    }
  }
  const truthGrades = grades(clicked.map((l) => ({ level: l.level, points: l.points })));
  const proposedGrades = grades(centreProposals);
  const gradesEqual = clicked.filter((l) => proposedGrades.get(l.level) === truthGrades.get(l.level)).length;
  if (verbose) {
    for (const l of clicked) {
      if (proposedGrades.get(l.level) === truthGrades.get(l.level)) continue;
      console.log(`    ${variant.name} draw ${draw} ${l.level} centre click graded ${proposedGrades.get(l.level) ?? 'none'}, the truth ${truthGrades.get(l.level)}`);
    }
  }
  const pairs = region ? region.spines.map(([from, to]) => [truth.findIndex((l) => l.level === from), truth.findIndex((l) => l.level === to)] as const) : [[0, truth.length - 1] as const];
  const spines = pairs.map(([from, to]) => spineFigures({ image, fine, truth, from, to, notCounted: region?.notCounted ?? [] }, verbose ? `${variant.name} draw ${draw}` : null));
  const { right: spineRight, dangerous: spineDangerous, levelFlagged: spineLevelFlagged } = spines[0]!;
  return {
    name: draw === 1 ? variant.name : `${variant.name} (draw ${draw})`,
    pointMedianMm: percentile(pointErrors, 0.5),
    point95Mm: percentile(pointErrors, 0.95),
    heightMedianMm: percentile(heightErrorsAll, 0.5),
    height95Mm: percentile(heightErrorsAll, 0.95),
    proposals,
    needCorrection,
    dangerous,
    rightButFlagged,
    declined,
    gradesEqual,
    levels: clicked.length,
    spineRight,
    spineDangerous,
    spineLevelFlagged,
    cpuMsPerProposal: cpuMs / proposals,
    ...(region ? { spines: spines.map((f, k) => ({ ...f, from: truth[pairs[k]![0]]!.level, to: truth[pairs[k]![1]]!.level })) } : {}),
  };
}

/** What detectSpine is judged on: the image, its scene, the truth (cranial → caudal), and the end bodies' indices in it. */
interface SpineRun {
  readonly image: AnalysisImage;
  readonly fine: FineScene;
  readonly truth: readonly RegionTruth[];
  readonly from: number;
  readonly to: number;
  /** Levels of the scene that must never be proposed as a counted body (the sacrum's S1). */
  readonly notCounted: readonly DrawnLevel[];
}

/** detectSpine's figures from one pair of end clicks. */
interface SpineFigures {
  /** Bodies at their level (centre within a third of the truth's Hm of it). */
  readonly right: number;
  /** Bodies off (wrong body, or a height off by more than CORRECTION_MM) at full confidence. */
  readonly dangerous: number;
  readonly levelFlagged: number;
  /** Bodies counted, end bodies included; 0 when detectSpine failed. */
  readonly counted: number;
  /** Proposals whose centre lies inside a body of `notCounted` (S1 taken for a vertebra). */
  readonly notCountedProposed: number;
  readonly cpuMs: number;
}

/**
 * Runs detectSpine from the centre of truth[from] to that of truth[to] and judges each body at its level offset
 * (verbose: one line per body off, prefixed with `tag`).
 */
function spineFigures({ image, fine, truth, from, to, notCounted }: SpineRun, tag: string | null): SpineFigures {
  let right = 0;
  let dangerous = 0;
  let levelFlagged = 0;
  let notCountedProposed = 0;
  const c0 = process.cpuUsage();
  const spine = detectSpine(image, centreOf(truth[from]!.points), centreOf(truth[to]!.points));
  const c1 = process.cpuUsage(c0);
  const excluded = fine.spine.vertebrae.filter((v) => notCounted.includes(v.shape.level));
  if (spine.ok) {
    for (const { levelOffset, proposal } of spine.value.vertebrae) {
      if (excluded.some((v) => inside(v, proposal.centreMm))) notCountedProposed += 1;
      const level = truth[from + levelOffset];
      if (!level || from + levelOffset > to) continue;
      const isRight = atItsLevel(proposal.centreMm, level);
      if (isRight) right += 1;
      const off = !isRight || heightErrorsMm(proposal.points, level.points).some((e) => e > CORRECTION_MM);
      if (off && proposal.confidence >= CHECK_BELOW_CONFIDENCE) dangerous += 1;
      if (proposal.reasons.some((r) => r.code === 'LEVEL_UNCERTAIN')) levelFlagged += 1;
      if (tag && off) {
        console.log(
          `    ${tag} spine: offset ${levelOffset} (${level.level}) ${isRight ? '' : 'WRONG BODY '}` +
            `Ha/Hm/Hp off ${heightErrorsMm(proposal.points, level.points).map((e) => e.toFixed(1)).join(' / ')} mm, confidence ${proposal.confidence.toFixed(2)}` +
            `${proposal.reasons.length ? ` (${proposal.reasons.map((r) => r.code).join(', ')})` : ''}`,
        );
      }
    }
  } else if (tag) console.log(`    ${tag} spine: ${spine.error.message}`);
  return { right, dangerous, levelFlagged, counted: spine.ok ? spine.value.vertebrae.length : 0, notCountedProposed, cpuMs: (c1.user + c1.system) / 1000 };
}

/** Whether patient point `p` lies inside the body of `vertebra` (between its walls and endplates, mid-sagittally). */
function inside(vertebra: Vertebra, p: Vec3): boolean {
  const [u, v] = patientToLocal(vertebra.frame, p);
  const { shape } = vertebra;
  return Math.abs(u) < shape.depthMm / 2 && v > inferiorEndplateVMm(shape, u, 0) && v < superiorEndplateVMm(shape, u, 0);
}

function formatRow(r: SweepRow): string {
  return (
    `| ${r.name} | ${r.pointMedianMm.toFixed(2)} / ${r.point95Mm.toFixed(2)} | ${r.heightMedianMm.toFixed(2)} / ${r.height95Mm.toFixed(2)} | ` +
    `${r.needCorrection} / ${r.proposals}${r.declined ? ` (${r.declined} declined)` : ''} | ${r.dangerous ? `**${r.dangerous}**` : '0'} | ` +
    `${r.rightButFlagged} | ` +
    `${r.gradesEqual} / ${r.levels} | ${r.spines ? r.spines.map(formatRegionSpine).join('; ') : `${r.spineRight} / ${r.levels}${r.spineDangerous ? ` (**${r.spineDangerous}** off, unflagged)` : ''}${r.spineLevelFlagged ? `, ${r.spineLevelFlagged} level-flagged` : ''}`} | ${r.cpuMsPerProposal.toFixed(0)} |`
  );
}

/** A region's detectSpine run: "L1→L5 5 / 5", then what went wrong, and its CPU per body counted. */
function formatRegionSpine(f: SpineFigures & { readonly from: SpinalLevel; readonly to: SpinalLevel }): string {
  const expected = levelIndex(f.to) - levelIndex(f.from) + 1;
  return (
    `${f.from}→${f.to} ${f.right} / ${expected}` +
    `${f.counted !== expected ? ` (counted ${f.counted})` : ''}${f.dangerous ? ` (**${f.dangerous}** off, unflagged)` : ''}` +
    `${f.levelFlagged ? `, ${f.levelFlagged} level-flagged` : ''}${f.notCountedProposed ? `, **sacrum proposed ${f.notCountedProposed}**` : ''}` +
    `, ${f.counted ? (f.cpuMs / f.counted).toFixed(0) : '–'} ms CPU per body`
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : [];
  const verbose = args.includes('--verbose');
  const withHeader = !args.includes('--no-header');
  const drawsAt = args.indexOf('--draws');
  const draws = drawsAt >= 0 ? Number(args[drawsAt + 1]) : 1;
  if (!Number.isInteger(draws) || draws < 1) throw new Error('--draws takes a whole number of noise draws, 1 or more');
  const variants = VARIANTS.filter((v) => only.length === 0 || only.some((word) => v.name.includes(word)));
  console.log(
    `assistance sweep (node ${process.version}; ${new Date().toISOString()}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} ` +
      `on ${availableParallelism()} cores); ${CLICKS_MM.length} clicks per body, T10–L3 (the lumbosacral rows L1–L5, the upper thoracic T4–T9, the whole spine T4 and L5); "off" = a height off by more than ${CORRECTION_MM} mm; ` +
      `${withHeader ? 'each image with its header (Modality, HU)' : 'no header: modality from the values alone'}; ` +
      `${draws} noise draw${draws > 1 ? 's' : ''} per variant`,
  );
  for (const v of variants) console.log(`  ${v.name}: ${v.source}`);
  console.log(
    '\n| variant | point error median / 95th (mm) | height error median / 95th (mm) | needing correction | off and not flagged | right but flagged | grades equal (centre clicks) | detectSpine levels right | CPU ms per proposal |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const scenes = new Map<SpineShape | RegionName, FineScene>();
  const totals = Array.from({ length: draws }, () => ({ proposals: 0, needCorrection: 0, dangerous: 0, rightButFlagged: 0, spineDangerous: 0 }));
  for (const variant of variants) {
    let fine = scenes.get(variant.spine);
    if (!fine) {
      fine = isRegion(variant.spine) ? REGIONS[variant.spine].scene() : fineSceneOf(variant.spine);
      scenes.set(variant.spine, fine);
    }
    for (let draw = 1; draw <= draws; draw += 1) {
      const row = runVariant(variant, fine, verbose, withHeader, draw);
      const total = totals[draw - 1]!;
      total.proposals += row.proposals;
      total.needCorrection += row.needCorrection;
      total.dangerous += row.dangerous;
      total.rightButFlagged += row.rightButFlagged;
      total.spineDangerous += row.spineDangerous;
      console.log(formatRow(row));
    }
  }
  console.log('');
  totals.forEach((total, d) =>
    console.log(
      `all variants${draws > 1 ? `, draw ${d + 1}` : ''}: ${total.needCorrection} / ${total.proposals} proposals need a correction, ${total.dangerous} of them not flagged; ` +
        `${total.rightButFlagged} right ones flagged; detectSpine: ${total.spineDangerous} bodies off and not flagged`,
    ),
  );
  console.log(`load average now ${loadavg()[0]!.toFixed(1)}`);
}

main();
