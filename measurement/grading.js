import { GENANT_MILD_MIN_LOSS_PCT, GENANT_MODERATE_MIN_LOSS_PCT, GENANT_SEVERE_MIN_LOSS_PCT } from './constants';
/** The Genant grade names as used in reports (Genant et al., JBMR 1993). */
export const GENANT_GRADE_NAMES = { 0: 'normal', 1: 'mild', 2: 'moderate', 3: 'severe' };
/**
 * Genant grade of a height loss in % (0–100): < 20 → 0, [20, 25) → 1, [25, 40) → 2, ≥ 40 → 3 (lower bounds inclusive;
 * Genant et al., JBMR 1993). A negative loss or NaN grades 0; assessVertebra never passes NaN.
 */
export function genantGrade(heightLossPct) {
    if (heightLossPct >= GENANT_SEVERE_MIN_LOSS_PCT)
        return 3;
    if (heightLossPct >= GENANT_MODERATE_MIN_LOSS_PCT)
        return 2;
    if (heightLossPct >= GENANT_MILD_MIN_LOSS_PCT)
        return 1;
    return 0;
}
