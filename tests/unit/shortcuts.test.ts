import { describe, expect, it } from 'vitest';
import { SHORTCUTS, chordLabel, matchShortcut, shortcutLabel, type KeyPress } from '../../viewer/model/shortcuts';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the keyboard map', () => {
  it('gives every chord to one shortcut only, within the shortcuts that always apply and within each context', () => {
    const chords = SHORTCUTS.flatMap((s) => s.chords.map((c) => `${s.when ?? 'always'}:${c.ctrl ? 'C' : ''}${c.shift ? 'S' : ''}${c.key}`));
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('finds each shortcut from its own chords, in its context', () => {
    for (const shortcut of SHORTCUTS) {
      for (const chord of shortcut.chords) {
        const key = chord.shift && chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
        const contexts = shortcut.when ? [shortcut.when] : [];
        expect(matchShortcut(press(key, { ctrlKey: chord.ctrl ?? false, shiftKey: chord.shift ?? false }), SHORTCUTS, contexts), chordLabel(chord)).toBe(shortcut.id);
      }
    }
  });

  describe('while the keyboard cursor is on', () => {
    it.each([
      ['ArrowLeft', {}, 'moveKeyboardCursor'],
      ['ArrowDown', {}, 'moveKeyboardCursor'],
      ['ArrowUp', { shiftKey: true }, 'moveKeyboardCursor10'],
      ['ArrowRight', { shiftKey: true }, 'moveKeyboardCursor10'],
      ['Enter', {}, 'placeAtKeyboardCursor'],
      [' ', {}, 'placeAtKeyboardCursor'],
      ['PageDown', {}, 'nextSlices10'],
      ['k', {}, 'toggleKeyboardCursor'],
      ['Escape', {}, 'cancelPlacement'],
      ['z', { ctrlKey: true }, 'undo'],
    ] as const)('reads %s %j as %s', (key, mods, expected) => {
      expect(matchShortcut(press(key, mods), SHORTCUTS, ['keyboardCursor'])).toBe(expected);
    });
  });

  describe('while the keyboard cursor is off', () => {
    it.each([
      ['ArrowLeft', {}, 'previousSlice'],
      ['ArrowDown', { shiftKey: true }, 'nextSlice'],
      ['k', {}, 'toggleKeyboardCursor'],
      ['+', { shiftKey: true }, 'zoomIn'],
      ['=', {}, 'zoomIn'],
      ['-', {}, 'zoomOut'],
    ] as const)('reads %s %j as %s', (key, mods, expected) => {
      expect(matchShortcut(press(key, mods))).toBe(expected);
    });

    it.each([['Enter'], [' ']])('leaves %j to the page (a focused button keeps it)', (key) => {
      expect(matchShortcut(press(key))).toBeNull();
    });
  });

  it.each([
    ['z', {}, 'toolZoom'],
    ['z', { ctrlKey: true }, 'undo'],
    ['z', { metaKey: true }, 'undo'],
    ['Z', { ctrlKey: true, shiftKey: true }, 'redo'],
    ['y', { ctrlKey: true }, 'redo'],
    ['V', {}, 'toolVertebralHeight'],
    ['?', { shiftKey: true }, 'help'],
    ['ArrowDown', {}, 'nextSlice'],
    ['Escape', {}, 'cancelPlacement'],
  ] as const)('reads %s %j as %s', (key, mods, expected) => {
    expect(matchShortcut(press(key, mods))).toBe(expected);
  });

  it.each([
    ['v', { ctrlKey: true }],
    ['v', { altKey: true }],
    ['Z', { shiftKey: true }],
    ['x', {}],
  ] as const)('ignores %s %j', (key, mods) => {
    expect(matchShortcut(press(key, mods))).toBeNull();
  });

  it.each([
    ['redo', 'Ctrl+Y or Ctrl+Shift+Z'],
    ['previousSlice', '↑ or ←'],
    ['cancelPlacement', 'Esc'],
    ['toolVertebralHeight', 'V'],
    ['moveKeyboardCursor10', 'Shift+← or Shift+→ or Shift+↑ or Shift+↓'],
    ['placeAtKeyboardCursor', 'Enter or Space'],
  ] as const)('writes the keys of %s as "%s"', (id, label) => {
    expect(shortcutLabel(id)).toBe(label);
  });
});
