/**
 * The keyboard map: every shortcut of the viewer, in one table. The key handlers dispatch through `matchShortcut`
 * on this table and the `?` overlay lists it, so the help cannot go stale.
 */
export const SHORTCUTS = [
    { id: 'help', group: 'General', description: 'Show or hide this list of keys', chords: [{ key: '?' }] },
    { id: 'togglePanel', group: 'General', description: 'Show or hide the morphometry panel', chords: [{ key: 'm' }] },
    { id: 'toolWindowLevel', group: 'Navigation', description: 'Window/level tool (left drag)', chords: [{ key: 'w' }] },
    { id: 'toolPan', group: 'Navigation', description: 'Pan tool (left drag)', chords: [{ key: 'p' }] },
    { id: 'toolZoom', group: 'Navigation', description: 'Zoom tool (left drag)', chords: [{ key: 'z' }] },
    { id: 'toolCrosshairs', group: 'Navigation', description: 'Crosshairs tool (three-view series)', chords: [{ key: 'c' }] },
    { id: 'reset', group: 'Navigation', description: 'Reset the views (framing, window, invert)', chords: [{ key: 'r' }] },
    { id: 'previousSlice', group: 'Navigation', description: 'Previous slice', chords: [{ key: 'ArrowUp' }, { key: 'ArrowLeft' }] },
    { id: 'nextSlice', group: 'Navigation', description: 'Next slice', chords: [{ key: 'ArrowDown' }, { key: 'ArrowRight' }] },
    { id: 'previousSlices10', group: 'Navigation', description: 'Ten slices back', chords: [{ key: 'PageUp' }] },
    { id: 'nextSlices10', group: 'Navigation', description: 'Ten slices on', chords: [{ key: 'PageDown' }] },
    { id: 'zoomIn', group: 'Navigation', description: 'Zoom in (about the keyboard cursor while it is on)', chords: [{ key: '+' }, { key: '=' }] },
    { id: 'zoomOut', group: 'Navigation', description: 'Zoom out (about the keyboard cursor while it is on)', chords: [{ key: '-' }] },
    { id: 'presetBone', group: 'Window', description: 'CT bone window', chords: [{ key: '1' }] },
    { id: 'presetSoft', group: 'Window', description: 'CT soft-tissue window', chords: [{ key: '2' }] },
    { id: 'presetAuto', group: 'Window', description: 'Automatic window (from the image)', chords: [{ key: '3' }] },
    { id: 'invert', group: 'Window', description: 'Invert the grey scale', chords: [{ key: 'i' }] },
    { id: 'toolVertebralHeight', group: 'Measure', description: 'Vertebral height tool (six points)', chords: [{ key: 'v' }] },
    { id: 'chooseLevel', group: 'Measure', description: 'Go to the level selector', chords: [{ key: 'l' }] },
    { id: 'cancelPlacement', group: 'Measure', description: 'Drop a half-placed vertebra; close a menu or this list', chords: [{ key: 'Escape' }] },
    { id: 'acceptProposal', group: 'Measure', description: 'Accept the selected proposed vertebra', chords: [{ key: 'a' }] },
    { id: 'undo', group: 'Measure', description: 'Undo', chords: [{ key: 'z', ctrl: true }] },
    { id: 'redo', group: 'Measure', description: 'Redo', chords: [{ key: 'y', ctrl: true }, { key: 'z', ctrl: true, shift: true }] },
    { id: 'deleteMeasurement', group: 'Measure', description: 'Delete the selected vertebra', chords: [{ key: 'Delete' }, { key: 'Backspace' }] },
    { id: 'toggleKeyboardCursor', group: 'Keyboard cursor', description: 'Keyboard cursor on or off (height tool): place points without the mouse', chords: [{ key: 'k' }] },
    {
        id: 'moveKeyboardCursor',
        group: 'Keyboard cursor',
        description: 'Move the keyboard cursor one screen pixel (while it is on; the arrows scroll slices otherwise)',
        chords: [{ key: 'ArrowLeft', shift: false }, { key: 'ArrowRight', shift: false }, { key: 'ArrowUp', shift: false }, { key: 'ArrowDown', shift: false }],
        when: 'keyboardCursor',
    },
    {
        id: 'moveKeyboardCursor10',
        group: 'Keyboard cursor',
        description: 'Move the keyboard cursor ten screen pixels',
        chords: [{ key: 'ArrowLeft', shift: true }, { key: 'ArrowRight', shift: true }, { key: 'ArrowUp', shift: true }, { key: 'ArrowDown', shift: true }],
        when: 'keyboardCursor',
    },
    {
        id: 'placeAtKeyboardCursor',
        group: 'Keyboard cursor',
        description: 'Place the next point at the keyboard cursor, as a click there would',
        chords: [{ key: 'Enter' }, { key: ' ' }],
        when: 'keyboardCursor',
    },
    { id: 'previousLevel', group: 'Compare', description: 'Previous compared level', chords: [{ key: '[' }] },
    { id: 'nextLevel', group: 'Compare', description: 'Next compared level', chords: [{ key: ']' }] },
];
function matches(chord, press) {
    const ctrl = press.ctrlKey || press.metaKey;
    if (ctrl !== (chord.ctrl ?? false) || press.altKey)
        return false;
    const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
    if (key !== chord.key)
        return false;
    // A chord that names Shift (Shift+← moves the cursor further) asks for it, or for its absence.
    if (chord.shift !== undefined)
        return press.shiftKey === chord.shift;
    // Shift is part of a letter chord (Ctrl+Shift+Z); a symbol such as `?` needs Shift on most layouts anyway.
    const isLetter = /^[a-z]$/.test(chord.key);
    return !isLetter || !press.shiftKey;
}
/**
 * The shortcut a key press asks for, or null. Shortcuts of an active context come first (the keyboard cursor takes
 * the arrows from the slice keys); shortcuts of an inactive context are never matched.
 */
export function matchShortcut(press, table = SHORTCUTS, contexts = []) {
    const hit = (shortcut) => shortcut.chords.some((chord) => matches(chord, press));
    const inContext = table.find((shortcut) => shortcut.when !== undefined && contexts.includes(shortcut.when) && hit(shortcut));
    return (inContext ?? table.find((shortcut) => shortcut.when === undefined && hit(shortcut)))?.id ?? null;
}
const KEY_NAMES = {
    ArrowUp: '↑',
    ArrowDown: '↓',
    ArrowLeft: '←',
    ArrowRight: '→',
    PageUp: 'Page Up',
    PageDown: 'Page Down',
    Escape: 'Esc',
    Delete: 'Del',
    ' ': 'Space',
};
/** How a chord is written for people: "Ctrl+Shift+Z", "V", "↑". */
export function chordLabel(chord) {
    const key = KEY_NAMES[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
    return [chord.ctrl ? 'Ctrl' : null, chord.shift ? 'Shift' : null, key].filter((part) => part !== null).join('+');
}
/** All the chords of one shortcut, for a tooltip: "Ctrl+Y or Ctrl+Shift+Z". */
export function shortcutLabel(id, table = SHORTCUTS) {
    return table.find((s) => s.id === id)?.chords.map(chordLabel).join(' or ') ?? '';
}
