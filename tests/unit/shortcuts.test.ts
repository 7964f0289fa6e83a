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
  it('gives every chord to one shortcut only', () => {
    const chords = SHORTCUTS.flatMap((s) => s.chords.map((c) => `${c.ctrl ? 'C' : ''}${c.shift ? 'S' : ''}${c.key}`));
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('finds each shortcut from its own chords', () => {
    for (const shortcut of SHORTCUTS) {
      for (const chord of shortcut.chords) {
        const key = chord.shift && chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
        expect(matchShortcut(press(key, { ctrlKey: chord.ctrl ?? false, shiftKey: chord.shift ?? false })), chordLabel(chord)).toBe(shortcut.id);
      }
    }
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
  ] as const)('writes the keys of %s as "%s"', (id, label) => {
    expect(shortcutLabel(id)).toBe(label);
  });
});
