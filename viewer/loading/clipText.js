/** Longest text (in characters) the viewer puts on screen for one value; the full value goes into the tooltip. */
export const DISPLAY_TEXT_MAX_CHARS = 64;
/**
 * Text cut to `maxChars` characters (code points, so no emoji or CJK character is split), ending in "…" when cut.
 * For display only: exports and tooltips keep the full value.
 */
export function clipText(text, maxChars = DISPLAY_TEXT_MAX_CHARS) {
    if (text.length <= maxChars)
        return text;
    const characters = Array.from(text);
    return characters.length <= maxChars ? text : `${characters.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
/** A DICOM person name (PN) for display: component separators "^" as spaces. */
export function personNameText(name) {
    return name.replace(/\^/g, ' ').trim();
}
