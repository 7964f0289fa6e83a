/**
 * The numbers the analysis rests on, each with its reason. Distances in mm along the image plane.
 */

/**
 * Distance of the anterior and posterior points inside the anterior and posterior walls, mm. One millimetre puts the
 * point just inside the cortical wall (cortex ≈ 0.5–2 mm thick): the endplate is read on the body itself and not on
 * the anterior longitudinal ligament, a disc bulge or an osteophyte lip outside the wall, while Ha and Hp stay the
 * heights "at the walls" that six-point morphometry defines (Hurxthal 1968; Genant et al., J Bone Miner Res
 * 1993;8:1137). Rounded rims and marginal osteophytes are handled separately: the endplate height at this point is read
 * from a line fitted to the endplate edge over CORNER_FIT_SPAN_MM further inside (see proposeVertebra), not from the
 * rim itself. The phantom's ground truth uses the same 1 mm (sample-data/vertebraShape.ts, POINT_INSET_MM).
 */
export const WALL_INSET_MM = 1;

/** Length of endplate, inward from each corner point, whose edge line gives the corner point's height, mm. */
export const CORNER_FIT_SPAN_MM = 3;

/**
 * Half-width of the band averaged across each intensity profile, mm: 0.5 mm each side halves the noise of a
 * 1 mm-pixel CT without blurring a corner point 1 mm inside the wall with the outside.
 */
export const PROFILE_HALF_WIDTH_MM = 0.5;

/** Sample step along profiles, mm: a quarter of a millimetre, finer than any clinical pixel. */
export const PROFILE_STEP_MM = 0.25;

/** Gaussian smoothing of profiles before edges are looked for, σ in mm (suppresses trabecular texture). */
export const PROFILE_SMOOTHING_SIGMA_MM = 0.6;

/**
 * Width of the shell window inside an edge (where the cortex peak of CT or the dark cortex of MR is looked for) and of
 * the outside window beyond it (disc or soft tissue), mm: cortex is ≤ 2–3 mm, a normal disc ≥ 4 mm.
 */
export const SHELL_WINDOW_MM = 3;
export const OUTSIDE_WINDOW_START_MM = 1;
export const OUTSIDE_WINDOW_END_MM = 3;

/**
 * An edge is the body's boundary when its contrast is at least this share of the strongest edge on the profile; the
 * first such edge outward from the body wins (inner trabecular edges are weaker; a neighbour's edges come later).
 */
export const EDGE_RELATIVE_CONTRAST = 0.45;

/** Farthest an endplate or a wall is looked for from the point inside the body, mm (a tall lumbar body is ≤ 45 mm deep). */
export const MAX_EDGE_SEARCH_MM = 50;

/** Plausible adult vertebral body size on a lateral view, mm (Genant 1993; thoracic ~20 mm high up to lumbar ~30 mm). */
export const MIN_PLAUSIBLE_HEIGHT_MM = 6;
export const MAX_PLAUSIBLE_HEIGHT_MM = 45;
export const MIN_PLAUSIBLE_DEPTH_MM = 18;
export const MAX_PLAUSIBLE_DEPTH_MM = 65;

/**
 * Vertebral bodies are deeper than high: depth ÷ height between these bounds for adult thoracic and lumbar bodies,
 * crushed ones included (Panjabi MM et al., Spine 1991;16:888 and 1992;17:299: depth ≈ 1.2–1.6 × height in health;
 * a Genant grade 3 crush removes ≥ 40 % of a height).
 */
export const DEPTH_TO_HEIGHT_RANGE: readonly [number, number] = [1.0, 2.4];

/**
 * Bodies shallower than SMALL_BODY_DEPTH_MM are of upper thoracic size, and those are about as deep as tall (Panjabi
 * MM et al., Spine 1991;16:888: T1–T4 depth ≈ 1.0–1.1 × height); for them the lower bound of depth ÷ tallest height is
 * SMALL_BODY_MIN_DEPTH_TO_HEIGHT instead of DEPTH_TO_HEIGHT_RANGE's. On a real contrast chest CT, T3–T5 read 20–21 mm
 * deep and 19–23 mm tall, and T12 25 mm deep and 23–25 mm tall (as its TotalSegmentator mask reads it); lower thoracic
 * and lumbar bodies of adults are 28 mm deep or more. Design decision of this project (issue 12).
 */
export const SMALL_BODY_DEPTH_MM = 26;
export const SMALL_BODY_MIN_DEPTH_TO_HEIGHT = 0.9;

/**
 * Plausible anterior ÷ posterior height (Ha ÷ Hp) of a vertebral body, crushed ones included: normal T4–L4 bodies are
 * slightly wedged (Ha ÷ Hp ≈ 0.85–1.0) and L5 is up to ≈ 1.2 taller in front (Black DM et al., J Bone Miner Res
 * 1991;6:883); a Genant grade 3 wedge has Ha ≤ 0.6 Hp and a severe crush reaches ≈ 0.3 (Genant et al., J Bone Miner
 * Res 1993;8:1137). Outside [0.3, 1.4] the points are not a vertebral body's.
 */
export const PLAUSIBLE_WEDGE_RATIO: readonly [number, number] = [0.3, 1.4];

/**
 * Most a body's middle height (Hm) may exceed the taller of its corner heights, as a ratio. A vertebral endplate is
 * flat or concave towards the disc (a biconcave fracture deepens it, a Schmorl node pits it), so the middle height is
 * the shortest of the three or near the others (the real chest CT's T4–T6 0.5–0.9 mm above their corners); rounded
 * rims read 1 mm inside the walls take a millimetre or two off a corner. A middle height a sixth taller than both
 * corners has reached across a disc, or its corners stopped short of the endplates (that CT's T3 from a click 1.5 mm
 * behind its centre: Ha / Hm / Hp 15.4 / 21.6 / 17.1 mm, its middle across the thin disc below). Design decision of
 * this project (issue 12).
 */
export const MAX_MIDDLE_OVER_CORNERS = 1.15;

/** How far snapPoint moves a click at most, mm ("within a few millimetres"). */
export const SNAP_RADIUS_MM = 5;

/**
 * Widths of the two sides of a step response across a body's edge, mm, as the box fit and the endplate lines read it:
 * the shell side (cortex and subchondral plate ≤ 2 mm) against the outside (a disc, the canal or soft tissue ≥ 3 mm).
 * A disc can be thinner than the outside window: thoracic discs are the thinnest of the column (Pooni JS et al., Surg
 * Radiol Anat 1986;8:175), degenerated discs narrow further, and between two half-maximum edges a low thoracic disc can
 * span only 2–3 mm, so the window then reaches the neighbour's bright endplate. The endplate lines therefore read the
 * outside as the darkest of its runs from the edge (the first 1, 2 or 3 mm; see endplateLine.ts).
 */
export const STEP_SHELL_MM = 2;
export const STEP_OUTSIDE_MM = 3;

/**
 * MR: the widest dark band still read as one cortex seen on both sides, mm (its outer side is then used). The cortical
 * shell and bony endplate of thoraco-lumbar bodies are sub-millimetre (Edwards WT et al., Spine 2001;26:218: shell
 * ≈ 0.4 mm; Wang Y, Battié MC, Videman T, Eur Spine J 2012: bony endplate ≈ 0.5–1 mm), and a clinical MR adds its point
 * spread (one to two pixels of 0.5–1.5 mm), the chemical-shift band at fat/water boundaries (≈ 1–2 pixels) and the
 * partial volume of 3–4 mm slices: 5 mm holds all of it. A darker stretch farther out belongs to the annulus or a
 * ligament continuing the band, not to the cortex.
 */
export const MR_MAX_DARK_LINE_MM = 5;

/**
 * MR: where the dark band's outer side is not seen (a dark annulus, a ligament or a dark T1 disc continues it), the
 * boundary is put this far beyond the marrow's fall, mm: the fall of marrow into a wide dark region is a step, whose
 * half-maximum crossing stays on the cortex's inner surface whatever the blur, so what is left is the cortex itself,
 * 0.4–1 mm thick (see MR_MAX_DARK_LINE_MM).
 */
export const MR_CORTEX_FALLBACK_MM = 0.5;

/**
 * MR: the thickest dark band read as bone at a body's boundary, mm. The bony endplate and cortical shell of
 * thoraco-lumbar bodies are 0.4–1 mm thick (see MR_MAX_DARK_LINE_MM), thicker with subchondral sclerosis; 2 mm bounds
 * them. A band seen wider than that after the blur is taken off holds the cartilage endplate (≈ 0.6 mm, dark to
 * intermediate on T1 and T2) or a chemical-shift band (one to two pixels at the marrow-fat/disc-water boundary, on the
 * side the frequency encoding sets), which need not lie outside the bone.
 */
export const MR_MAX_CORTEX_MM = 2;

/**
 * A disc line is a sample darker on CT (brighter on MR) than the brightest (darkest) sample within DISC_FLANK_MM on both
 * sides along the body's axis by an edge's contrast: a disc between two endplates, however thin. Thoracic discs are
 * the thinnest of the column (Pooni JS et al., Surg Radiol Anat 1986;8:175) and narrow further with degeneration, and
 * between half-maximum edges a low thoracic disc can span only 2–3 mm, so each plate's subchondral bone lies within
 * ≈ 3 mm of the disc's middle.
 */
export const DISC_FLANK_MM = 3;
/**
 * A line across a body's depth is a disc when at least this share (0–1) of its central depth is disc line: a disc's dark
 * band runs along the whole endplate, and even one that narrows to nothing over part of the depth still shows over the
 * rest, while the marrow's trabecular texture does not line up along a line. Design decision of this project (issue
 * 12): half the depth. On the VerSe CT, measured along each body's fitted axis, its discs are disc lines over 0.6–0.96
 * of the depth and rows inside the bodies over ≤ 0.25.
 */
export const DISC_LINE_MIN_SHARE = 0.5;
/**
 * How much darker than its plates a disc-line sample must be where the endplate lines look for discs, in multiples of
 * the marrow's noise (robust SD). Design decision of this project (issue 12): the brightest of the samples within
 * DISC_FLANK_MM either side of a marrow sample lies about one noise SD above it by noise alone, so 1 lets the marrow's
 * texture line up over half a line's depth, while a thin disc on a noisy CT is only 1.5–2 SD below its plates (on the
 * VerSe CT 2 missed the T10/T11 disc; 1.5 is the value used, chosen there, and leaves the other levels unchanged).
 */
export const DISC_NOISE_RATIO = 1.5;

/**
 * Coarsest head–foot sampling of the image at which a proposal is not flagged COARSE_SAMPLING, mm. An endplate is a
 * plate ≤ 1 mm thick (in osteoporosis 0.2–0.5 mm: Silva MJ et al., J Bone Miner Res 1994;9:1307) lying across the
 * head–foot direction; sampled every s mm with slices s mm thick, its half-maximum edge can fall anywhere within about
 * s / 2 of the bone surface depending on where the slices happen to lie (partial volume), so a height, which spans two
 * endplates, can be off by up to about s with no sign of it in the image. Above the 1.5 mm at which a height needs a
 * correction (issue 12's measure), nothing in the image can confirm the proposal: a sagittal reformat of 2–5 mm
 * axial slices (routine abdominal CT). Inclusive: 1.5 mm is not flagged.
 */
export const COARSE_SAMPLE_MM = 1.5;

/**
 * Coarsest head–foot sampling at which a CT endplate is read at half maximum alone, mm; coarser, its surface is read
 * from the samples around it as well (slicePartialVolume.ts). A plate ≤ 1 mm thick in a sample s mm long puts the half
 * maximum between the brightest sample and the next anywhere from ≈ s / 6 to ≈ 2s / 3 outside the surface, depending on
 * where the samples fall: on the sweep's 1.5 mm osteoporotic CT (marrow 50 HU, 1 mm shell) the middle heights read
 * +1.2 mm on average at half maximum and +0.2 mm read by samples; a 1 mm CT (the phantom's, VerSe's in-plane 1 mm)
 * keeps the half maximum, where the bias is ≈ 0.3 mm per endplate and the sample reading's own spread would be as large
 * (journal, twenty-first round). Design decision of this project (issue 12).
 */
export const PLATE_BY_SAMPLES_ABOVE_MM = 1.2;
