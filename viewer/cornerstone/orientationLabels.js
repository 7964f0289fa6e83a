/** Components smaller than this (cosine) do not add a letter: an axis 70° or more off the screen direction. */
const LETTER_MIN_COSINE = 0.34;
/**
 * The patient direction a screen direction points to, in DICOM letters (LPS: +x L, +y P, +z S),
 * the dominant axis first: [0, -1, 0] → "A"; an oblique direction gives two or three letters, e.g. "AS".
 */
export function orientationLabel(direction) {
    const letters = [
        [direction[0], direction[0] >= 0 ? 'L' : 'R'],
        [direction[1], direction[1] >= 0 ? 'P' : 'A'],
        [direction[2], direction[2] >= 0 ? 'S' : 'I'],
    ];
    const length = Math.hypot(direction[0], direction[1], direction[2]);
    if (!(length > 0))
        return '';
    return letters
        .filter(([component]) => Math.abs(component) / length >= LETTER_MIN_COSINE)
        .sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]))
        .map(([, letter]) => letter)
        .join('');
}
export function negate(v) {
    return [-v[0], -v[1], -v[2]];
}
