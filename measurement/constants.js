/**
 * Every clinical threshold and numerical tolerance used by measurement/, named and cited once.
 * Everything else imports from here; no other file in measurement/ holds a bare threshold.
 */
/**
 * Genant grade 1 (mild) starts at a height loss of 20 % (inclusive); below it the vertebra is grade 0 (normal).
 * Genant HK, Wu CY, van Kuijk C, Nevitt MC. Vertebral fracture assessment using a semiquantitative technique.
 * J Bone Miner Res 1993;8(9):1137–1148.
 */
export const GENANT_MILD_MIN_LOSS_PCT = 20;
/** Genant grade 2 (moderate) starts at a height loss of 25 % (inclusive); 20 ≤ loss < 25 is grade 1. Genant et al., JBMR 1993. */
export const GENANT_MODERATE_MIN_LOSS_PCT = 25;
/** Genant grade 3 (severe) starts at a height loss of 40 % (inclusive); 25 ≤ loss < 40 is grade 2. Genant et al., JBMR 1993. */
export const GENANT_SEVERE_MIN_LOSS_PCT = 40;
/**
 * A neighbour whose wedge or biconcave loss (1 − Ha/Hp or 1 − Hm/Hp, O'Neill et al., JBMR 1994) reaches 20 %
 * (inclusive) is itself deformed and is not used as a reference for the posterior height; below 20 % it may be.
 * Same cut-off as Genant grade 1 (Genant et al., JBMR 1993).
 */
export const DEFORMED_NEIGHBOUR_MIN_LOSS_PCT = GENANT_MILD_MIN_LOSS_PCT;
/**
 * A reference neighbour may be at most 2 levels away (inclusive): the adjacent level or the one beyond it; a gap of
 * three levels is not used. Design decision of this project (issue 3), after the "nearest normal neighbour" reference
 * of McCloskey EV et al., Osteoporos Int 1993;3:138–147.
 */
export const REFERENCE_MAX_LEVEL_DISTANCE = 2;
/**
 * A neighbour on one side only is used as a reference only when adjacent (distance 1, inclusive). Across a gap the
 * bodies' natural growth down the spine (about 1–2 mm per lumbar level) cannot be interpolated away without a second
 * neighbour on the other side, and a lone level two below would read a normal vertebra's heights as a loss. Genant et
 * al., JBMR 1993 ("same or adjacent vertebrae"); design decision of this project (issue 13).
 */
export const SINGLE_REFERENCE_MAX_LEVEL_DISTANCE = 1;
/**
 * Restoration is reported only when the lost height (expected − before) is at least 0.5 mm (inclusive); below it the
 * percentage divides by a number within measurement error and is null. Design decision of this project (issue 3).
 */
export const RESTORATION_MIN_LOST_HEIGHT_MM = 0.5;
/**
 * Largest accepted absolute patient coordinate, mm (inclusive): 1 km, far beyond any scanner's field of view, and small
 * enough that squared distances never overflow. Numerical guard, not a clinical threshold.
 */
export const MAX_ABS_COORDINATE_MM = 1e6;
/**
 * A direction whose length is at most this fraction of the vertebra's size (inclusive) is treated as zero, so that
 * rounding noise is never normalised into a direction. Numerical guard, not a clinical threshold.
 */
export const DEGENERATE_RELATIVE_LENGTH = 1e-9;
/**
 * Uncertainty of one placed point along each axis of the displayed image, in pixels of that axis: half a pixel, the
 * half-width of the resolution of a digital indication (JCGM 100:2008, Guide to the expression of uncertainty in
 * measurement, F.2.2.1). It models where on the pixel grid a click can land, not how readers disagree (inter-reader
 * agreement on height loss is about ±12 %: Buckens CF et al., PLoS One 2013;8(8):e71204). Design decision of this
 * project (issue 13).
 */
export const POINT_UNCERTAINTY_PX = 0.5;
/**
 * Limits of agreement are bias ± 1.96 standard deviations of the differences: 95 % of differences between two
 * readings fall within them when the differences are normally distributed. Bland JM, Altman DG. Statistical methods
 * for assessing agreement between two methods of clinical measurement. Lancet 1986;i:307–310.
 */
export const LIMITS_OF_AGREEMENT_Z = 1.96;
