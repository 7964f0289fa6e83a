import { POINT_LABELS } from '../../measurement';
import { PLACEMENT_ORDER } from '../model/vertebraAnnotation';
/** The point the next click places, or null once all six are placed. */
export function nextPointName(placedCount) {
    return PLACEMENT_ORDER[placedCount] ?? null;
}
/** A short guide for the user: which corner to place next, and how. */
export function placementGuide(placedCount, input = 'mouse') {
    const next = nextPointName(placedCount);
    if (!next)
        return 'Vertebra complete';
    const step = `the ${POINT_LABELS[next]} point (${placedCount + 1} of 6)`;
    return input === 'mouse'
        ? `Click ${step}; Esc cancels`
        : `Enter places ${step} at the cursor; arrows move it (Shift: 10 px)`;
}
