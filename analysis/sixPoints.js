/** The six corner names in placement order. */
export const CORNER_NAMES = [
    'anteriorSuperior',
    'anteriorInferior',
    'middleSuperior',
    'middleInferior',
    'posteriorSuperior',
    'posteriorInferior',
];
/** True when `value` is one of the six corner names (safe on untrusted data). */
export function isCornerName(value) {
    return typeof value === 'string' && CORNER_NAMES.includes(value);
}
