/** The vertebral levels this library grades, ordered cranial → caudal (C2 to S1; C1 has no body to measure). */
export const SPINAL_LEVELS = [
    'C2', 'C3', 'C4', 'C5', 'C6', 'C7',
    'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
    'L1', 'L2', 'L3', 'L4', 'L5',
    'S1',
];
/** The level proposed when nothing has been placed yet: L1, at the thoracolumbar junction where osteoporotic fractures cluster. */
export const FIRST_PROPOSED_LEVEL = 'L1';
const LEVEL_INDEX = new Map(SPINAL_LEVELS.map((level, index) => [level, index]));
/** True when `value` is one of SPINAL_LEVELS (safe on untrusted data, e.g. a level read from a JSON file). */
export function isSpinalLevel(value) {
    return typeof value === 'string' && LEVEL_INDEX.has(value);
}
/** Position of `level` in SPINAL_LEVELS: 0 for C2 up to 23 for S1 (larger = more caudal). */
export function levelIndex(level) {
    const index = LEVEL_INDEX.get(level);
    if (index === undefined)
        throw new TypeError(`levelIndex: '${String(level)}' is not a spinal level`);
    return index;
}
/** Number of levels between a and b, ≥ 0 (adjacent levels are 1 apart). */
export function levelDistance(a, b) {
    return Math.abs(levelIndex(a) - levelIndex(b));
}
/** Compares two levels cranial before caudal, for Array.prototype.sort. */
export function compareLevels(a, b) {
    return levelIndex(a) - levelIndex(b);
}
/**
 * The next level to label: walks from `last` one level at a time in `direction`, skipping already placed levels;
 * null past C2 or S1. With no `last`, walks on from the outermost placed level in that direction, or proposes
 * FIRST_PROPOSED_LEVEL when nothing is placed.
 */
export function proposeNextLevel(placed, last, direction) {
    const placedSet = new Set(placed);
    const step = direction === 'cranial' ? -1 : 1;
    let start;
    if (last !== null) {
        start = levelIndex(last);
    }
    else if (placed.length > 0) {
        const indices = placed.map(levelIndex);
        start = direction === 'cranial' ? Math.min(...indices) : Math.max(...indices);
    }
    else {
        return FIRST_PROPOSED_LEVEL;
    }
    for (let index = start + step; index >= 0 && index < SPINAL_LEVELS.length; index += step) {
        const candidate = SPINAL_LEVELS[index];
        if (candidate !== undefined && !placedSet.has(candidate))
            return candidate;
    }
    return null;
}
